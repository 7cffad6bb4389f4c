"""Reads of the question log for staff: each function taking a `user` asks the policy first.

Another office's question is not found (404), the same as a missing one. The answers a question
got are stored as ids; their titles come in one query per kind of entry for a whole page.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils.translation import get_language

from lotse.ask import rules  # noqa: F401  (registers the actions)
from lotse.ask.models import AskedQuestion, Feedback
from lotse.core import policy
from lotse.core.models import Office, User
from lotse.directory.models import InfoPage, Service

VIEW = "ask.questions.view"
MANAGE = "ask.questions.manage"

#: What the list shows: open questions of both kinds (the default), one kind, or everything.
OPEN, NOT_ANSWERED, NOT_HELPED, ALL = "open", "not_answered", "not_helped", "all"
SHOW = (OPEN, NOT_ANSWERED, NOT_HELPED, ALL)


def questions_for_staff(*, user: User, office: Office, show: str = OPEN) -> QuerySet[AskedQuestion]:
    """The office's questions, newest first. Open ones are those staff have not dealt with
    that the portal could not answer or whose asker said the answer did not help."""
    policy.require(user, VIEW, office)
    found = AskedQuestion.objects.filter(office=office)
    unanswered = Q(answered=False)
    unhelpful = Q(feedback=Feedback.NOT_HELPED)
    if show == NOT_ANSWERED:
        found = found.filter(unanswered, done_at__isnull=True)
    elif show == NOT_HELPED:
        found = found.filter(unhelpful, done_at__isnull=True)
    elif show != ALL:
        found = found.filter(unanswered | unhelpful, done_at__isnull=True)
    return found.order_by("-created_at", "-id")


def question_get(*, user: User, office: Office, question_id: int) -> AskedQuestion:
    """One question of the office, for the actions on it."""
    policy.require(user, MANAGE, office)
    question = AskedQuestion.objects.filter(office=office, pk=question_id).first()
    if question is None:
        raise Http404
    return question


# --- The answers a page of questions got ------------------------------------------------------


@dataclass(frozen=True)
class AnswerEntry:
    kind: str  # "service" | "page"
    pk: int
    title: str
    #: The entry is gone since (deleted); the title is then empty.
    missing: bool = False
    #: The office keeps it (staff of other offices cannot open a page's editor).
    ours: bool = False
    archived: bool = False


def _pick(titles: dict[str, str]) -> str:
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (language, "de", "en"):
        if titles.get(code):
            return titles[code]
    return next((title for title in titles.values() if title), "")


def answer_entries(
    questions: Iterable[AskedQuestion], *, office: Office
) -> dict[tuple[str, int], AnswerEntry]:
    """{(kind, id): entry} for every answer of `questions`: one query per kind of entry."""
    wanted: dict[str, set[int]] = defaultdict(set)
    for question in questions:
        for result in question.results or []:
            if isinstance(result, dict) and result.get("kind") in ("service", "page"):
                try:
                    wanted[result["kind"]].add(int(result["id"]))
                except (KeyError, TypeError, ValueError):
                    continue
    found: dict[tuple[str, int], AnswerEntry] = {}
    if wanted["service"]:
        # One LEFT JOIN: a row per translation (one with no title if a service has none).
        rows = Service.objects.filter(pk__in=wanted["service"]).values_list(
            "pk", "owner_office_id", "is_archived", "translations__language", "translations__title"
        )
        found.update(_entries("service", rows, office))
    if wanted["page"]:
        rows = InfoPage.objects.filter(pk__in=wanted["page"]).values_list(
            "pk", "owner_office_id", "slug", "translations__language", "translations__title"
        )
        found.update(_entries("page", rows, office))
    for kind, ids in wanted.items():
        for pk in ids:
            found.setdefault((kind, pk), AnswerEntry(kind, pk, "", missing=True))
    return found


def _entries(
    kind: str, rows: Iterable[tuple], office: Office
) -> dict[tuple[str, int], AnswerEntry]:
    titles: dict[int, dict[str, str]] = defaultdict(dict)
    facts: dict[int, tuple[int, object]] = {}
    for pk, owner_id, extra, language, title in rows:
        facts[pk] = (owner_id, extra)
        if language:
            titles[pk][language] = title
    result = {}
    for pk, (owner_id, extra) in facts.items():
        if kind == "service":
            title, archived = _pick(titles[pk]) or f"#{pk}", bool(extra)
        else:
            title, archived = _pick(titles[pk]) or str(extra), False
        result[(kind, pk)] = AnswerEntry(
            kind, pk, title, ours=owner_id == office.pk, archived=archived
        )
    return result


def answers_of(
    question: AskedQuestion, entries: dict[tuple[str, int], AnswerEntry]
) -> list[AnswerEntry]:
    """The question's answers in the order the portal showed them."""
    shown = []
    for result in question.results or []:
        try:
            shown.append(entries[(result["kind"], int(result["id"]))])
        except (KeyError, TypeError, ValueError):
            continue
    return shown


# --- What an office may add example questions to ------------------------------------------------


def example_targets(*, user: User, office: Office) -> tuple[list[Service], list[InfoPage]]:
    """The services (by organisation) and pages the office keeps: only the owner edits an entry,
    so only those can take an example question."""
    policy.require(user, MANAGE, office)
    services = list(
        Service.objects.filter(
            owner_office=office, is_archived=False, organisation__is_archived=False
        )
        .select_related("organisation")
        .prefetch_related("translations")
        .order_by("organisation__name", "id")
    )
    pages = list(
        InfoPage.objects.filter(owner_office=office)
        .prefetch_related("translations")
        .order_by("position", "slug")
    )
    return services, pages
