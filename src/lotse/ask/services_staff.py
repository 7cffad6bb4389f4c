"""Staff's writes on the question log: a question dealt with, deleted, or taught to question
routing as an example question of one of the office's own directory entries.

Each checks the action and that the question is the office's, and audits ids only: the
question's text may still say something about the asker.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from lotse.ask import rules  # noqa: F401  (registers the actions)
from lotse.ask.models import AskedQuestion
from lotse.core import policy
from lotse.core.audit import audit_record
from lotse.core.models import Office, User
from lotse.directory.models import ExampleQuestion, InfoPage, Service
from lotse.directory.services import example_question_add

MANAGE = "ask.questions.manage"


def _require_manage(*, by: User, office: Office, question: AskedQuestion) -> None:
    """The action in the office, and the question is the office's (another office's: denied)."""
    policy.require(by, MANAGE, office)
    if question.office_id != office.pk:
        raise PermissionDenied("question of another office")


def _audit(verb: str, *, by: User, office: Office, question: AskedQuestion, **data: object) -> None:
    # Ids only: the question's text may still say something about the asker.
    audit_record(
        action=f"ask.question.{verb}", actor=by, office=office, obj=question, data=dict(data)
    )


@transaction.atomic
def mark_done(*, office: Office, by: User, question: AskedQuestion) -> None:
    """Staff dealt with the question; it leaves the list of open questions."""
    _require_manage(by=by, office=office, question=question)
    question.done_at = timezone.now()
    question.save(update_fields=["done_at"])
    _audit("done", by=by, office=office, question=question)


@transaction.atomic
def delete_question(*, office: Office, by: User, question: AskedQuestion) -> None:
    _require_manage(by=by, office=office, question=question)
    _audit("deleted", by=by, office=office, question=question)
    question.delete()


@transaction.atomic
def question_to_example(
    *, office: Office, by: User, question: AskedQuestion, entry: Service | InfoPage
) -> ExampleQuestion:
    """Teach routing the question as it was asked, for an entry the office keeps, and mark the
    question done. A ValidationError (a duplicate, too many examples) changes nothing."""
    _require_manage(by=by, office=office, question=question)
    example = example_question_add(
        office=office, by=by, entry=entry, text=question.text, language=question.language
    )
    question.done_at = timezone.now()
    question.save(update_fields=["done_at"])
    kind = "service" if isinstance(entry, Service) else "page"
    _audit("example_added", by=by, office=office, question=question, kind=kind, entry=entry.pk,
           example=example.pk)  # fmt: skip
    return example
