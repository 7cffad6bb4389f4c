"""Reading programs, events and their staffing for the event managers' pages.

Every function taking a `user` asks the policy first and reads only the given office's rows; an
object of another office is not found (404), the same answer as a missing one. The helpers that
take events a caller already read (`warnings_by_event`, `status_counts`, `feedback_summary`) do
not ask again.

Queries are bounded: counts are annotations, titles come prefetched, and the staffing warnings
of a whole page of events are computed from four queries whatever the number of events.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_scopes import scopes_disabled

from lotse.core import policy
from lotse.core.models import Language, Office, User
from lotse.directory.models import Location, Organisation, TranslationStatus, translation_status
from lotse.events.models import (
    HOLDS_PLACE,
    Event,
    EventStatus,
    EventTranslation,
    Feedback,
    Program,
    ProgramKind,
    Registration,
    RegistrationStatus,
    Staffing,
)
from lotse.pool import selectors as pool_selectors
from lotse.pool.models import PoolMember, PoolRole

VIEW = "events.event.view"
MANAGE = "events.event.manage"
PROGRAM_MANAGE = "events.program.manage"

#: The event list's "when" filter.
WHEN_UPCOMING, WHEN_PAST, WHEN_DRAFTS, WHEN_CANCELLED = "upcoming", "past", "drafts", "cancelled"
WHEN_VALUES = (WHEN_UPCOMING, WHEN_PAST, WHEN_DRAFTS, WHEN_CANCELLED)
#: Registrations that still count for the staffing (who may come and needs interpreting).
EXPECTED = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


def _with_texts(events: QuerySet[Event]) -> QuerySet[Event]:
    """Events with their program and both titles (the reader's language, else German)."""
    return events.select_related("program").prefetch_related(
        "translations", "program__translations"
    )


def _counted(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.annotate(
        taken_count=Count("registrations", filter=Q(registrations__status__in=HOLDS_PLACE)),
        waiting_count=Count(
            "registrations", filter=Q(registrations__status=RegistrationStatus.WAITING)
        ),
    )


def places_left(event: Event) -> int | None:
    """Free places of an event read with `taken_count` (None: no limit)."""
    if event.capacity is None:
        return None
    return max(event.capacity - event.taken_count, 0)


# --- Events -------------------------------------------------------------------------------------


def event_list(
    *,
    user: User,
    office: Office,
    when: str = WHEN_UPCOMING,
    program: Program | None = None,
    q: str = "",
    now: dt.datetime | None = None,
) -> QuerySet[Event]:
    """The office's events for the list: upcoming soonest first, past and cancelled latest first.

    Upcoming and past leave cancelled events out (they have a filter of their own); drafts are
    every draft whatever its date, so a forgotten one shows up.
    """
    policy.require(user, VIEW, office)
    now = now or timezone.now()
    events = Event.objects.filter(office=office)
    if when == WHEN_PAST:
        events = events.filter(ends_at__lt=now).exclude(status=EventStatus.CANCELLED)
        events = events.order_by("-starts_at", "-id")
    elif when == WHEN_DRAFTS:
        events = events.filter(status=EventStatus.DRAFT).order_by("starts_at", "id")
    elif when == WHEN_CANCELLED:
        events = events.filter(status=EventStatus.CANCELLED).order_by("-starts_at", "-id")
    else:
        events = events.filter(ends_at__gte=now).exclude(status=EventStatus.CANCELLED)
        events = events.order_by("starts_at", "id")
    if program is not None:
        events = events.filter(program=program)
    q = q.strip()
    if q:
        # A subquery, not a join: an event whose title matches in two languages stays one row.
        events = events.filter(
            Exists(EventTranslation.objects.filter(event=OuterRef("pk"), title__icontains=q))
        )
    return _counted(_with_texts(events))


def event_get(*, user: User, office: Office, event_id: int, action: str = VIEW) -> Event:
    """One event of the office with its counts and everything its page shows."""
    policy.require(user, action, office)
    events = _counted(
        _with_texts(Event.objects.filter(office=office, pk=event_id))
        .select_related("location__organisation", "language", "copied_from")
        .prefetch_related("interpretation", "target_groups", "partners")
    )
    event = events.first()
    if event is None:
        raise Http404
    return event


def status_counts(event: Event) -> dict[str, int]:
    """How many registrations the event has in each status (every status, zeros included)."""
    rows = (
        Registration.objects.filter(event=event)
        .order_by()
        .values_list("status")
        .annotate(count=Count("id"))
    )
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    counts.update(dict(rows))
    return counts


def cancellation_reach(event: Event) -> dict[str, int]:
    """Who an event's cancellation tells: registered and waiting, and how many by e-mail."""
    told = Registration.objects.filter(event=event, status__in=EXPECTED)
    return told.aggregate(
        people=Count("id"),
        by_email=Count("id", filter=~Q(email="")),
    )


@dataclass(frozen=True)
class LanguageRow:
    code: str
    name: str
    status: str
    row: Any


def language_rows(obj: Event | Program) -> list[LanguageRow]:
    """Each configured language with the text's status against German (prefetched rows)."""
    rows = {row.language: row for row in obj.translations.all()}
    german = rows.get(settings.LANGUAGE_CODE)
    return [
        LanguageRow(
            code=code,
            name=name,
            status=TranslationStatus.CURRENT
            if code == settings.LANGUAGE_CODE and german
            else translation_status(rows.get(code), german),
            row=rows.get(code),
        )
        for code, name in settings.LANGUAGES
    ]


def translation_languages() -> list[tuple[str, str]]:
    """The languages a translator works in: all configured but German, the source."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


# --- Staffing warnings --------------------------------------------------------------------------


class WarningKind:
    NO_INTERPRETER = "no_interpreter"
    NO_MODERATOR = "no_moderator"
    INTERPRETING_ASKED = "interpreting_asked"


@dataclass(frozen=True)
class StaffingWarning:
    """Something missing in an event's staffing; `message` is read in the reader's language."""

    kind: str
    language: Language | None = None
    count: int = 0

    @property
    def message(self) -> str:
        name = self.language.name if self.language else ""
        if self.kind == WarningKind.NO_INTERPRETER:
            return _(
                "Interpreting into %(language)s is announced, but no interpreter is staffed."
            ) % {"language": name}
        if self.kind == WarningKind.NO_MODERATOR:
            return _("This is a moderated dialogue, but no moderator is staffed.")
        return ngettext(
            "%(count)s participant asks for interpreting into %(language)s; "
            "no interpreter for it is staffed.",
            "%(count)s participants ask for interpreting into %(language)s; "
            "no interpreter for it is staffed.",
            self.count,
        ) % {"count": self.count, "language": name}


def warnings_by_event(events: Sequence[Event]) -> dict[int, list[StaffingWarning]]:
    """The staffing warnings of several events (read with their program) in four queries.

    (a) an announced interpretation language without an interpreter for it; (b) a dialogue
    program's event without a moderator; (c) participants (registered or waiting) asking for
    interpreting into a language no interpreter is staffed for, with how many ask. Cancelled
    events need nothing and get no warnings.
    """
    events = [event for event in events if event.status != EventStatus.CANCELLED]
    ids = [event.pk for event in events]
    if not ids:
        return {}
    announced: dict[int, set[str]] = defaultdict(set)
    through = Event.interpretation.through
    for event_id, code in through.objects.filter(event_id__in=ids).values_list(
        "event_id", "language_id"
    ):
        announced[event_id].add(code)
    interpreters: dict[int, set[str]] = defaultdict(set)
    moderated: set[int] = set()
    for event_id, role, code in Staffing.objects.filter(event_id__in=ids).values_list(
        "event_id", "role", "language_id"
    ):
        if role == PoolRole.INTERPRETER and code:
            interpreters[event_id].add(code)
        elif role == PoolRole.MODERATOR:
            moderated.add(event_id)
    asked: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Registration.objects.filter(
            event_id__in=ids, status__in=EXPECTED, interpreting_into__isnull=False
        )
        .order_by()
        .values_list("event_id", "interpreting_into_id")
        .annotate(count=Count("id"))
    )
    for event_id, code, count in rows:
        asked[event_id][code] = count
    codes = set().union(*announced.values(), *(set(a) for a in asked.values()))
    languages = {language.pk: language for language in Language.objects.filter(code__in=codes)}

    def by_name(code: str) -> str:
        language = languages.get(code)
        return (language.name if language else code).casefold()

    result: dict[int, list[StaffingWarning]] = {}
    for event in events:
        staffed = interpreters[event.pk]
        warnings = [
            StaffingWarning(WarningKind.NO_INTERPRETER, languages.get(code))
            for code in sorted(announced[event.pk] - staffed, key=by_name)
        ]
        if event.program.kind == ProgramKind.DIALOGUE and event.pk not in moderated:
            warnings.append(StaffingWarning(WarningKind.NO_MODERATOR))
        warnings += [
            StaffingWarning(WarningKind.INTERPRETING_ASKED, languages.get(code), count)
            for code, count in sorted(asked[event.pk].items(), key=lambda item: by_name(item[0]))
            if code not in staffed
        ]
        result[event.pk] = warnings
    return result


def staffing_warnings(event: Event) -> list[StaffingWarning]:
    """The staffing warnings of one event (see `warnings_by_event`)."""
    return warnings_by_event([event]).get(event.pk, [])


# --- Feedback -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedbackSummary:
    count: int
    average: float | None
    #: Of those who answered "useful?", the share who said yes (0-100), None if nobody answered.
    useful_percent: int | None
    comments: list[Feedback] = field(default_factory=list)


def feedback_summary(event: Event, *, comments: int = 5) -> FeedbackSummary:
    """How many gave feedback, the average rating, the share finding it useful, latest comments."""
    rows = Feedback.objects.filter(event=event)
    figures = rows.aggregate(
        count=Count("id"),
        average=Avg("rating"),
        useful_yes=Count("id", filter=Q(useful=True)),
        useful_answered=Count("id", filter=Q(useful__isnull=False)),
    )
    latest = list(rows.exclude(comment="").order_by("-created_at", "-id")[:comments])
    answered = figures["useful_answered"]
    return FeedbackSummary(
        count=figures["count"],
        average=round(figures["average"], 1) if figures["average"] is not None else None,
        useful_percent=round(100 * figures["useful_yes"] / answered) if answered else None,
        comments=latest,
    )


# --- The calendar -------------------------------------------------------------------------------


@dataclass
class CalendarDay:
    date: dt.date
    in_month: bool
    is_today: bool
    events: list[Event] = field(default_factory=list)


@dataclass
class CalendarMonth:
    first: dt.date
    weeks: list[list[CalendarDay]]

    @property
    def previous(self) -> dt.date:
        return (self.first - dt.timedelta(days=1)).replace(day=1)

    @property
    def next(self) -> dt.date:
        return (self.first + dt.timedelta(days=32)).replace(day=1)

    @property
    def days_with_events(self) -> list[CalendarDay]:
        return [day for week in self.weeks for day in week if day.in_month and day.events]


def calendar_month(
    *, user: User, office: Office, year: int, month: int, today: dt.date | None = None
) -> CalendarMonth:
    """The month's weeks (Monday first), each day with the events starting on it.

    A day is the event's own local day: an event at 00:30 in Berlin belongs to that day even
    though it starts the evening before in UTC. The query reads a day more on each side and the
    events are placed by their local date.
    """
    policy.require(user, VIEW, office)
    first = dt.date(year, month, 1)
    weeks = month_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    today = today or timezone.localdate()
    start = dt.datetime.combine(weeks[0][0], dt.time.min, tzinfo=dt.UTC) - dt.timedelta(days=1)
    end = dt.datetime.combine(weeks[-1][-1], dt.time.max, tzinfo=dt.UTC) + dt.timedelta(days=1)
    events = _with_texts(
        Event.objects.filter(office=office, starts_at__gte=start, starts_at__lte=end).order_by(
            "starts_at", "id"
        )
    )
    by_day: dict[dt.date, list[Event]] = defaultdict(list)
    for event in events:
        by_day[event.local_start.date()].append(event)
    return CalendarMonth(
        first=first,
        weeks=[
            [
                CalendarDay(
                    date=day,
                    in_month=day.month == month,
                    is_today=day == today,
                    events=by_day.get(day, []),
                )
                for day in week
            ]
            for week in weeks
        ],
    )


# --- Staffing -----------------------------------------------------------------------------------


def staffing_of(event: Event) -> list[Staffing]:
    """The roles filled at an event, moderators first, with who fills them."""
    return list(
        Staffing.objects.filter(event=event)
        .select_related("member", "language")
        .order_by("role", "language_id", "member__name", "id")
    )


def staffing_get(*, user: User, office: Office, event: Event, staffing_id: int) -> Staffing:
    policy.require(user, MANAGE, office)
    staffing = (
        Staffing.objects.filter(office=office, event=event, pk=staffing_id)
        .select_related("member", "event")
        .first()
    )
    if staffing is None:
        raise Http404
    return staffing


def pool_active(*, user: User, office: Office) -> QuerySet[PoolMember]:
    """The office's active pool members (to check a choice against)."""
    policy.require(user, MANAGE, office)
    return pool_selectors.member_list(user=user, office=office)


def pool_for_staffing(*, user: User, office: Office, role: str = "") -> list[PoolMember]:
    """Active pool members of the office with their languages, those who take `role` if given."""
    policy.require(user, MANAGE, office)
    members = list(pool_selectors.member_list(user=user, office=office, role=role or None))
    for member in members:
        member.role_labels = pool_selectors.role_labels(member.roles)  # type: ignore[attr-defined]
    return members


# --- Choices for the event form -----------------------------------------------------------------


def programs_of(*, user: User, office: Office) -> QuerySet[Program]:
    """All the office's programs, archived too (for the event list's filter)."""
    policy.require(user, VIEW, office)
    return Program.objects.filter(office=office).prefetch_related("translations")


def programs_for_form(
    *, user: User, office: Office, keep: Program | None = None
) -> QuerySet[Program]:
    """The office's programs that take new events (not archived), and the event's own."""
    policy.require(user, MANAGE, office)
    wanted = Q(is_archived=False)
    if keep is not None:
        wanted |= Q(pk=keep.pk)
    return Program.objects.filter(wanted, office=office).prefetch_related("translations")


def places_for_form(*, user: User, office: Office, keep: Iterable[int] = ()) -> QuerySet[Location]:
    """Places of the organisations the office keeps in the directory (and the event's own).

    Like `directory.selectors.locations_of`, which asks for the directory's edit right; event
    managers only read the directory, so the events app reads the shared rows itself here.
    """
    policy.require(user, MANAGE, office)
    wanted = Q(organisation__owner_office=office, organisation__is_archived=False)
    keep = [pk for pk in keep if pk]
    if keep:
        wanted |= Q(pk__in=keep)
    return (
        Location.objects.filter(wanted)
        .select_related("organisation")
        .order_by("organisation__name", "city", "street", "id")
    )


def partners_for_form(
    *, user: User, office: Office, keep: Iterable[int] = ()
) -> QuerySet[Organisation]:
    """Organisations the office keeps in the directory (and the event's present partners)."""
    policy.require(user, MANAGE, office)
    wanted = Q(owner_office=office, is_archived=False)
    keep = list(keep)
    if keep:
        wanted |= Q(pk__in=keep)
    return Organisation.objects.filter(wanted).order_by("name", "id")


# --- Programs -----------------------------------------------------------------------------------


def program_list(*, user: User, office: Office, now: dt.datetime | None = None) -> list[Program]:
    """All the office's programs with their number of events (not cancelled) and upcoming ones."""
    policy.require(user, VIEW, office)
    now = now or timezone.now()
    live = ~Q(events__status=EventStatus.CANCELLED)
    return list(
        Program.objects.filter(office=office)
        .annotate(
            event_count=Count("events", filter=live),
            upcoming_count=Count("events", filter=live & Q(events__ends_at__gte=now)),
        )
        .prefetch_related("translations")
        .order_by("is_archived", "slug")
    )


def program_slug_taken(*, slug: str, program: Program | None = None) -> bool:
    """Whether a program of any office has this web address (slugs are unique installation-wide).

    Read without the office scope: the scope would hide another office's program, and the
    database's unique index would then refuse the save with an error instead of a message.
    """
    with scopes_disabled():
        taken = Program.objects.filter(slug=slug)
        if program is not None:
            taken = taken.exclude(pk=program.pk)
        return taken.exists()


def program_get(*, user: User, office: Office, program_id: int, action: str = VIEW) -> Program:
    policy.require(user, action, office)
    program = (
        Program.objects.filter(office=office, pk=program_id)
        .prefetch_related("translations")
        .first()
    )
    if program is None:
        raise Http404
    return program


def program_events(program: Program) -> QuerySet[Event]:
    """A program's events in order: modules by number (unnumbered last), then by start."""
    events = Event.objects.filter(program=program).prefetch_related("translations")
    events = events.annotate(module_order=Coalesce("module_number", 32767))
    return _counted(events).order_by("module_order", "starts_at", "id")
