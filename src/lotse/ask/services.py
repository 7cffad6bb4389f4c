"""Writes of the question log: a question asked on the portal, the asker's feedback, and the
pruning. What staff do with a question is in `services_staff` (the portal imports this module,
and the portal may not reach the directory's writes, not even through another app)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lotse.ask.models import AskedQuestion, Feedback
from lotse.core.models import Office
from lotse.directory import semantic
from lotse.directory.models import InfoPage, Service

# --- Contact data ------------------------------------------------------------------------------

#: The characters RFC 5322 allows in the local part of an address (before the @).
_LOCAL = r"[\w.!#$%&'*+/=?^`{|}~-]+"
_LABEL = r"[\w-]+"
#: A dot between domain labels, also spelled out or spaced as people write to fool spam bots.
_DOT = (
    r"(?:\.|\s+\.\s*(?=[\w-])|\s*[(\[{<]\s*(?:dot|punkt|\.)\s*[)\]}>]\s*"
    r"|\s+(?:dot|punkt)\s+)"
)
#: After a plain " at " only a tight or spelled-out dot counts, and the address must end in a
#: top-level domain of letters: else "I arrived at home. Yes" or "at 10.30" would be eaten.
_TIGHT_DOT = r"(?:\.|\s*[(\[{<]\s*(?:dot|punkt)\s*[)\]}>]\s*|\s+(?:dot|punkt)\s+)"
#: An e-mail address: with an @ (also the full-width and small ones), with "(at)" or "[at]", or
#: with a plain " at " between name and domain. The look-behinds start a match at a word's
#: start only, which keeps the search linear in the length of the text.
EMAIL = re.compile(
    rf"(?<![\w.!#$%&'*+/=?^`{{|}}~-]){_LOCAL}\s*[@＠﹫]\s*{_LABEL}(?:{_DOT}{_LABEL})*"
    rf"|(?<![\w.+-])[\w.+-]+\s*[(\[{{<]\s*(?:at|ät|@)\s*[)\]}}>]\s*{_LABEL}(?:{_DOT}{_LABEL})+"
    rf"|(?<![\w.+-])[\w.+-]+\s+at\s+(?:{_LABEL}{_TIGHT_DOT})+[^\W\d_]{{2,}}(?![\w-])",
    re.IGNORECASE,
)
#: A phone number: an optional +, then at least six digits with spaces, dots, slashes, dashes or
#: brackets between them. \d matches every script's digits (Arabic-Indic, Persian too).
PHONE = re.compile(r"(?:\+|00)?\(?\d(?:[\s./()\-‐‑‒–—−]*\d){5,}")
REMOVED = "[…]"


def strip_contact_data(text: str) -> str:
    """The question without e-mail addresses and phone numbers (and long numbers generally:
    case, customer and ID numbers are as personal)."""
    text = EMAIL.sub(REMOVED, text)
    text = PHONE.sub(REMOVED, text)
    return " ".join(text.split())


@dataclass(frozen=True)
class Answer:
    matches: list[semantic.Match]
    #: The best match is likely right; otherwise the portal leads with the direct contact.
    confident: bool
    #: The logged question's key, for the feedback buttons ("" when nothing was logged).
    key: str


def answer_question(*, question: str, language: str, office: Office | None) -> Answer:
    """Route a portal question and log it (without contact data) for the staff's review."""
    question = " ".join(question.split())
    matches = semantic.rank(
        question, language=language, office_id=office.pk if office else None, limit=3
    )
    confident = bool(matches) and matches[0].score >= semantic.CONFIDENT
    owner = office or _office_of(matches)
    if owner is None:
        return Answer(matches, confident, "")
    logged = AskedQuestion.objects.create(
        office=owner,
        language=language,
        text=strip_contact_data(question)[:300],
        results=[
            {"kind": m.entry.kind, "id": m.entry.pk, "score": round(m.score, 3)} for m in matches
        ],
        answered=confident,
    )
    return Answer(matches, confident, logged.key)


def _office_of(matches: list[semantic.Match]) -> Office | None:
    """Without a chosen office the question goes to the owner of the best answer, else to the
    first office (an installation always has one)."""
    if matches:
        best = matches[0].entry
        model = Service if best.kind == "service" else InfoPage
        owner_id = model.objects.filter(pk=best.pk).values_list("owner_office_id", flat=True)
        return Office.objects.filter(pk__in=owner_id).first()
    return Office.objects.order_by("pk").first()


@transaction.atomic
def record_feedback(*, key: str, helped: bool) -> bool:
    """The asker's answer to "Did this help?"; the last click counts. False for an unknown key."""
    updated = AskedQuestion.objects.filter(key=key).update(
        feedback=Feedback.HELPED if helped else Feedback.NOT_HELPED
    )
    return bool(updated)


# --- Retention -----------------------------------------------------------------------------------


def question_days() -> int:
    return int(settings.LOTSE_ASK_QUESTION_DAYS)


def prune_questions(now: dt.datetime | None = None) -> int:
    """Delete questions older than LOTSE_ASK_QUESTION_DAYS (every office); returns how many."""
    now = now or timezone.now()
    old = AskedQuestion.objects.filter(created_at__lt=now - dt.timedelta(days=question_days()))
    return old.delete()[0]
