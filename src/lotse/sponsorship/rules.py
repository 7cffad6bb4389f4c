"""The sponsorship actions in the access policy.

Sponsor coordinators run the program; office admins may help. Counselors do not read the
volunteers' records (they ask for a sponsor through a request, a later step).
"""

from lotse.core import policy
from lotse.core.models import Role

COORDINATION = frozenset({Role.SPONSOR_COORDINATOR, Role.OFFICE_ADMIN})

policy.register("sponsorship.volunteer.view", policy.Rule(COORDINATION))
policy.register("sponsorship.volunteer.manage", policy.Rule(COORDINATION))
policy.register("sponsorship.training.manage", policy.Rule(COORDINATION))
#: Counselors ask for a sponsor from a person's record; coordinators run the queue.
policy.register(
    "sponsorship.request.create", policy.Rule(COORDINATION | frozenset({Role.COUNSELOR}))
)
policy.register("sponsorship.request.manage", policy.Rule(COORDINATION))
policy.register("sponsorship.match.run", policy.Rule(COORDINATION))
policy.register("sponsorship.tandem.manage", policy.Rule(COORDINATION))
