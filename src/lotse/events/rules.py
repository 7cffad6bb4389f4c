"""The events actions in the access policy.

Event managers run programs, events and registrations; office admins may help. Participant
lists hold personal data, so other roles see events only on the portal like everyone else.
"""

from lotse.core import policy
from lotse.core.models import Role

MANAGERS = frozenset({Role.EVENT_MANAGER, Role.OFFICE_ADMIN})

policy.register("events.event.view", policy.Rule(MANAGERS))
policy.register("events.event.manage", policy.Rule(MANAGERS))
policy.register("events.program.manage", policy.Rule(MANAGERS))
#: Registrations, check-in at the door, messages to participants.
policy.register("events.participant.manage", policy.Rule(MANAGERS))
