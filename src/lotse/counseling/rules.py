"""The counseling actions in the access policy.

Counseling records are the most sensitive data in Lotse: only counselors and office admins of
the office read them. Notes are for counselors alone. Statistics viewers see figures only.
"""

from lotse.core import policy
from lotse.core.models import Role

COUNSELING_ROLES = frozenset({Role.COUNSELOR, Role.OFFICE_ADMIN})

policy.register("counseling.person.view", policy.Rule(COUNSELING_ROLES))
policy.register("counseling.person.edit", policy.Rule(COUNSELING_ROLES))
#: Merging rewrites two records' history: counselors may, and it is audited.
policy.register("counseling.person.merge", policy.Rule(COUNSELING_ROLES))
policy.register("counseling.consultation.record", policy.Rule(COUNSELING_ROLES))
#: Notes are "visible to the office's counselors only".
policy.register("counseling.notes.view", policy.Rule(frozenset({Role.COUNSELOR})))
policy.register("counseling.referral.manage", policy.Rule(COUNSELING_ROLES))
policy.register("counseling.letter_template.edit", policy.Rule(COUNSELING_ROLES))
