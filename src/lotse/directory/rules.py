"""The directory's actions in the access policy."""

from lotse.core import policy
from lotse.core.models import Role

policy.register("directory.entry.view", policy.Rule(policy.ALL_ROLES, personal_data=False))
policy.register(
    "directory.entry.edit",
    policy.Rule(frozenset({Role.OFFICE_ADMIN, Role.COUNSELOR}), personal_data=False),
)
#: Contact persons at partners are personal data, and internal notes may name people too.
policy.register("directory.internal.view", policy.Rule(policy.PERSONAL_DATA_ROLES))
#: Importing replaces many entries at once: office administrators only.
policy.register("directory.import", policy.Rule(frozenset({Role.OFFICE_ADMIN})))
