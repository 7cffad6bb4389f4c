"""The data protection actions in the access policy.

Counselors answer a person's requests for a copy of their data and for restriction, since they
know the record; erasure cannot be undone, so it is for office admins, as are the retention
rules and the records of processing.
"""

from lotse.core import policy
from lotse.core.models import Role

COUNSELING_ROLES = frozenset({Role.COUNSELOR, Role.OFFICE_ADMIN})
ADMINS = frozenset({Role.OFFICE_ADMIN})

#: Art. 15 and 20: the export of everything about a person (JSON and PDF).
policy.register("privacy.person.export", policy.Rule(COUNSELING_ROLES))
#: Art. 18: set or lift the restriction of processing.
policy.register("privacy.person.restrict", policy.Rule(COUNSELING_ROLES))
#: Art. 17: erase a person at once, on request.
policy.register("privacy.person.erase", policy.Rule(ADMINS))
#: Art. 17 for volunteers and event participants: their coordinators and event managers.
policy.register(
    "privacy.volunteer.erase", policy.Rule(frozenset({Role.SPONSOR_COORDINATOR, Role.OFFICE_ADMIN}))
)
policy.register(
    "privacy.participant.erase", policy.Rule(frozenset({Role.EVENT_MANAGER, Role.OFFICE_ADMIN}))
)
#: The retention preview, the run log and the erasure confirmations.
policy.register("privacy.retention.view", policy.Rule(ADMINS))
#: Change the retention rules and start a run by hand.
policy.register("privacy.retention.manage", policy.Rule(ADMINS))
#: Art. 30: the records of processing activities (no personal data in them).
policy.register("privacy.records.view", policy.Rule(ADMINS, personal_data=False))
