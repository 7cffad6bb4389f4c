"""The question log's actions in the access policy.

Whoever keeps the directory (adds services, example questions, translations) reads what people
asked and did not find; the questions are anonymous text, but may still say something personal.
"""

from lotse.core import policy
from lotse.core.models import Role

EDITORS = frozenset({Role.OFFICE_ADMIN, Role.COUNSELOR})

#: The list of unanswered and unhelpful questions of the office.
policy.register("ask.questions.view", policy.Rule(EDITORS))
#: Mark a question as dealt with, delete it, or turn it into an example question.
policy.register("ask.questions.manage", policy.Rule(EDITORS))
