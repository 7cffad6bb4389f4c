"""The pool's actions: everyone who plans work with people may look for an interpreter.

Event managers and office admins keep the pool; counselors and sponsor coordinators look up
who speaks a language and when, for a consultation or a tandem.
"""

from lotse.core import policy
from lotse.core.models import Role

KEEPERS = frozenset({Role.EVENT_MANAGER, Role.OFFICE_ADMIN})
READERS = KEEPERS | frozenset({Role.COUNSELOR, Role.SPONSOR_COORDINATOR})

policy.register("pool.member.view", policy.Rule(READERS))
policy.register("pool.member.manage", policy.Rule(KEEPERS))
