"""Reads of the public event pages: the calendar, an event, a program, the feeds, and a
participant's own registrations behind their personal link.

The portal sees published events, and cancelled ones (shown as cancelled), of public programs
that are not archived, of active offices; a draft answers 404 like a missing event. Portal
requests run in an empty office scope, so every query here runs with scopes disabled and is
evaluated before it leaves: a lazy queryset evaluated later would meet the empty scope.

Dates are shown in the event's own time zone (`Event.local_start`), formatted here in Python:
the template `date` filter would first convert them back to the server's zone.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from lotse.core.models import Language, TargetGroup
from lotse.events.models import (
    HOLDS_PLACE,
    Event,
    EventStatus,
    Program,
    Registration,
    RegistrationStatus,
)

#: Events on one page of the calendar.
PAGE_SIZE = 20
#: A program's feed keeps past events this long, so calendars do not lose them at once.
FEED_PAST = dt.timedelta(days=90)
#: The events the portal shows at all.
VISIBLE_STATUSES = (EventStatus.PUBLISHED, EventStatus.CANCELLED)


def reader_language() -> str:
    """The portal language of this request (from the URL prefix)."""
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


# --- What a page shows of an event --------------------------------------------------------------


@dataclass(frozen=True)
class Text:
    """A translation row and the language it is in (German or English when it fell back)."""

    row: Any
    reader: str

    @property
    def language(self) -> str:
        return self.row.language if self.row is not None else settings.LANGUAGE_CODE

    @property
    def is_fallback(self) -> bool:
        return self.language != self.reader

    @property
    def direction(self) -> str:
        try:
            return "rtl" if get_language_info(self.language).get("bidi") else "ltr"
        except KeyError:
            return "ltr"

    @property
    def language_name(self) -> str:
        try:
            return str(get_language_info(self.language).get("name_translated", self.language))
        except KeyError:
            return self.language


@dataclass(frozen=True)
class Availability:
    """Whether the public can register now, and how many places are left."""

    #: open, waiting_list, full, not_yet, closed, cancelled
    state: str
    places_left: int | None
    waiting: int
    opens: str = ""
    closes: str = ""

    @property
    def can_register(self) -> bool:
        return self.state in {"open", "waiting_list"}


@dataclass
class EventView:
    event: Event
    text: Text
    program_text: Text
    when: str
    #: The event's time zone when it is not the installation's (else empty: no need to say).
    zone: str
    place: str
    held_in: str
    interpreted_into: list[str]
    cost: str
    availability: Availability
    target_groups: list[str] = field(default_factory=list)
    partners: list[Any] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.text.row.title if self.text.row is not None else _("Event")

    @property
    def is_cancelled(self) -> bool:
        return self.event.is_cancelled

    @property
    def is_past(self) -> bool:
        return self.event.ends_at <= timezone.now()


def format_moment(value: dt.datetime) -> str:
    """A date and time as the reader's language writes them, in the value's own zone."""
    return _("%(day)s, %(date)s, %(time)s") % {
        "day": formats.date_format(value, "l"),
        "date": formats.date_format(value, "DATE_FORMAT"),
        "time": formats.time_format(value, "TIME_FORMAT"),
    }


def when(event: Event) -> str:
    """Day, date and times of the event in its own time zone."""
    start, end = event.local_start, event.local_end
    if start.date() == end.date():
        return _("%(day)s, %(date)s, %(start)s to %(end)s") % {
            "day": formats.date_format(start, "l"),
            "date": formats.date_format(start, "DATE_FORMAT"),
            "start": formats.time_format(start, "TIME_FORMAT"),
            "end": formats.time_format(end, "TIME_FORMAT"),
        }
    return _("%(start)s to %(end)s") % {"start": format_moment(start), "end": format_moment(end)}


def place(event: Event) -> str:
    if event.location_id:
        return str(event.location)
    if event.address:
        return event.address
    return _("Online") if event.online_url else ""


def _availability(event: Event, now: dt.datetime) -> Availability:
    taken = getattr(event, "places_taken", 0) or 0
    waiting = getattr(event, "waiting_count", 0) or 0
    left = None if event.capacity is None else max(event.capacity - taken, 0)
    closes_at = event.registration_closes_at or event.starts_at
    opens = (
        format_moment(event.registration_opens_at.astimezone(event.tz))
        if event.registration_opens_at
        else ""
    )
    closes = format_moment(closes_at.astimezone(event.tz))
    if event.is_cancelled:
        state = "cancelled"
    elif event.registration_opens_at and now < event.registration_opens_at:
        state = "not_yet"
    elif not event.registration_open(now):
        state = "closed"
    elif left is None or left > 0:
        state = "open"
    elif event.waiting_list:
        state = "waiting_list"
    else:
        state = "full"
    return Availability(state=state, places_left=left, waiting=waiting, opens=opens, closes=closes)


def _cost(event: Event, row: Any) -> str:
    # A translation may leave the cost empty while German names one: say the German cost then
    # rather than "free".
    if row is not None and row.cost:
        return row.cost
    german = event.translation_for("de")
    return german.cost if german is not None else ""


def event_view(event: Event, reader: str, *, now: dt.datetime | None = None) -> EventView:
    """What a page shows of an event, from prefetched rows (no query of its own)."""
    now = now or timezone.now()
    row = event.translation_for(reader)
    languages = sorted((language.name for language in event.interpretation.all()), key=str.casefold)
    return EventView(
        event=event,
        text=Text(row, reader),
        program_text=Text(event.program.translation_for(reader), reader),
        when=when(event),
        zone="" if event.time_zone == settings.TIME_ZONE else event.time_zone,
        place=place(event),
        held_in=event.language.name,
        interpreted_into=languages,
        cost=_cost(event, row),
        availability=_availability(event, now),
    )


# --- Querysets ----------------------------------------------------------------------------------


def _count(statuses: Iterable[str]) -> Coalesce:
    """How many registrations of the outer event have these statuses (a subquery per row)."""
    rows = (
        Registration.objects.filter(event=OuterRef("pk"), status__in=list(statuses))
        .order_by()
        .values("event")
        .annotate(total=Count("pk"))
        .values("total")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), Value(0))


def _visible() -> QuerySet[Event]:
    """Events the portal shows (call with scopes disabled)."""
    return Event.objects.filter(
        status__in=VISIBLE_STATUSES,
        program__is_public=True,
        program__is_archived=False,
        office__is_active=True,
    )


def _listed(events: QuerySet[Event]) -> QuerySet[Event]:
    return (
        events.select_related("program", "language", "location")
        .prefetch_related("translations", "program__translations", "interpretation")
        .annotate(
            places_taken=_count(HOLDS_PLACE),
            waiting_count=_count([RegistrationStatus.WAITING]),
        )
        .order_by("starts_at", "pk")
    )


def _visible_programs() -> QuerySet[Program]:
    return Program.objects.filter(is_public=True, is_archived=False, office__is_active=True)


def _day_start(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time.min, tzinfo=timezone.get_current_timezone())


# --- The calendar -------------------------------------------------------------------------------


@dataclass
class FilterOptions:
    programs: list[tuple[str, str]]
    languages: list[tuple[str, str]]
    target_groups: list[tuple[str, str]]


def calendar_filter_options(*, reader: str, now: dt.datetime | None = None) -> FilterOptions:
    """The programs, languages and target groups the calendar can filter by (four queries).

    Languages: the portal's own and every language an upcoming event is held in or interpreted
    into, so the list offers what exists without the whole ISO list.
    """
    now = now or timezone.now()
    with scopes_disabled():
        programs = list(_visible_programs().prefetch_related("translations"))
        upcoming = _visible().filter(ends_at__gte=now)
        through = Event.interpretation.through
        used = Language.objects.filter(
            Q(code__in=[code for code, _name in settings.LANGUAGES])
            | Q(code__in=upcoming.values("language"))
            | Q(code__in=through.objects.filter(event__in=upcoming).values("language"))
        )
        languages = list(used)
        groups = list(TargetGroup.objects.filter(is_active=True))
    return FilterOptions(
        programs=sorted(
            ((program.slug, program.title) for program in programs),
            key=lambda choice: choice[1].casefold(),
        ),
        languages=sorted(
            ((language.code, language.name) for language in languages),
            key=lambda choice: choice[1].casefold(),
        ),
        target_groups=[(group.slug, group.name) for group in groups],
    )


def public_calendar(
    *,
    reader: str,
    page: int | str | None = 1,
    program: str = "",
    language: str = "",
    target_group: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    now: dt.datetime | None = None,
) -> Page:
    """One page of upcoming visible events matching the filters, as `EventView`s.

    A constant number of queries: the count, the page, and one per prefetched relation.
    """
    now = now or timezone.now()
    with scopes_disabled():
        events = _visible().filter(ends_at__gte=now)
        if program:
            events = events.filter(program__slug=program)
        if language:
            through = Event.interpretation.through
            interpreted = through.objects.filter(event=OuterRef("pk"), language_id=language)
            events = events.filter(Q(language_id=language) | Q(Exists(interpreted)))
        if target_group:
            through = Event.target_groups.through
            events = events.filter(
                Exists(through.objects.filter(event=OuterRef("pk"), targetgroup__slug=target_group))
            )
        if date_from:
            events = events.filter(ends_at__gte=_day_start(date_from))
        if date_to:
            events = events.filter(starts_at__lt=_day_start(date_to + dt.timedelta(days=1)))
        paginator = Paginator(_listed(events), PAGE_SIZE)
        result = paginator.get_page(page)
        result.object_list = [event_view(event, reader, now=now) for event in result.object_list]
    return result


@dataclass
class EventTeaser:
    """An event in a short list: title and date (the home page)."""

    event: Event
    text: Text
    when: str

    @property
    def title(self) -> str:
        return self.text.row.title if self.text.row is not None else _("Event")


def upcoming_events(*, reader: str, limit: int = 3) -> list[EventTeaser]:
    """The next few visible events that are not cancelled (two queries, one without events)."""
    now = timezone.now()
    with scopes_disabled():
        events = list(
            _visible()
            .filter(status=EventStatus.PUBLISHED, ends_at__gte=now)
            .prefetch_related("translations")
            .order_by("starts_at", "pk")[:limit]
        )
    return [
        EventTeaser(event=event, text=Text(event.translation_for(reader), reader), when=when(event))
        for event in events
    ]


# --- An event, a program ------------------------------------------------------------------------


def _get_visible(event_id: int) -> Event:
    with scopes_disabled():
        event = (
            _listed(_visible().filter(pk=event_id))
            .select_related("location__organisation", "office")
            .prefetch_related("target_groups", "partners")
            .first()
        )
    if event is None:
        raise Http404("No such event.")
    return event


def public_event_get(*, event_id: int, reader: str) -> EventView:
    """The event page's view of a visible event; 404 for a draft, a hidden program, or none."""
    with scopes_disabled():
        event = _get_visible(event_id)
        view = event_view(event, reader)
        view.target_groups = [group.name for group in event.target_groups.all()]
        view.partners = list(event.partners.all())
    return view


@dataclass
class ProgramPage:
    program: Program
    text: Text
    events: list[EventView]

    @property
    def upcoming(self) -> list[EventView]:
        return [view for view in self.events if not view.is_past]

    @property
    def past(self) -> list[EventView]:
        return [view for view in self.events if view.is_past]

    @property
    def bookable(self) -> list[EventView]:
        """Modules a person can book now (a place or the waiting list)."""
        return [view for view in self.events if view.availability.can_register]


def public_program_get(*, slug: str, reader: str, now: dt.datetime | None = None) -> ProgramPage:
    """A visible program with its visible events (a series: its modules in order).

    A series lists every module, past ones too; another program its events of the last weeks
    onward.
    """
    now = now or timezone.now()
    with scopes_disabled():
        program = (
            _visible_programs()
            .select_related("office")
            .prefetch_related("translations")
            .filter(slug=slug)
            .first()
        )
        if program is None:
            raise Http404("No such program.")
        events = _visible().filter(program=program)
        if not program.is_series:
            events = events.filter(ends_at__gte=now - FEED_PAST)
        events = _listed(events)
        if program.is_series:
            events = events.order_by("module_number", "starts_at", "pk")
        rows = list(events)
    for event in rows:
        event.program = program  # one program, already with its translations
    return ProgramPage(
        program=program,
        text=Text(program.translation_for(reader), reader),
        events=[event_view(event, reader, now=now) for event in rows],
    )


def series_modules(*, program: Program, event_ids: Sequence[int]) -> list[Event]:
    """The program's visible events with these ids (foreign or hidden ids are left out)."""
    with scopes_disabled():
        return list(_visible().filter(program=program, pk__in=list(event_ids)).order_by("pk"))


# --- Feeds --------------------------------------------------------------------------------------


def _for_ics(events: QuerySet[Event]) -> QuerySet[Event]:
    return events.select_related("location").prefetch_related("translations")


def event_for_feed(*, event_id: int) -> Event:
    with scopes_disabled():
        event = _for_ics(_visible().filter(pk=event_id)).first()
    if event is None:
        raise Http404("No such event.")
    return event


def program_feed(*, slug: str, now: dt.datetime | None = None) -> tuple[Program, list[Event]]:
    """A visible program and its visible events from `FEED_PAST` ago onward."""
    now = now or timezone.now()
    with scopes_disabled():
        program = _visible_programs().prefetch_related("translations").filter(slug=slug).first()
        if program is None:
            raise Http404("No such program.")
        events = list(
            _for_ics(_visible().filter(program=program, ends_at__gte=now - FEED_PAST)).order_by(
                "starts_at", "pk"
            )
        )
    return program, events


# --- The personal link --------------------------------------------------------------------------


@dataclass
class RegistrationView:
    registration: Registration
    event: EventView
    #: Place on the waiting list (1 is next), for a waiting registration.
    position: int | None
    can_cancel: bool
    can_give_feedback: bool
    #: The registration's own feedback page (set by the view: links live there).
    feedback_url: str = ""

    @property
    def status(self) -> str:
        return self.registration.status


def personal_group(registration: Registration) -> list[Registration]:
    """The registrations one personal link manages: its series booking, or itself."""
    with scopes_disabled():
        rows = Registration.objects.select_related(
            "event", "event__program", "event__language", "event__location", "office"
        ).prefetch_related(
            "event__translations", "event__program__translations", "event__interpretation"
        )
        if registration.series_key:
            rows = rows.filter(series_key=registration.series_key)
        else:
            rows = rows.filter(pk=registration.pk)
        return sorted(rows, key=lambda r: (r.event.starts_at, r.event.pk))


def waiting_positions(registrations: Sequence[Registration]) -> dict[int, int]:
    """Each waiting registration's place on its event's waiting list (one query)."""
    events = {r.event_id for r in registrations if r.status == RegistrationStatus.WAITING}
    if not events:
        return {}
    with scopes_disabled():
        waiting = Registration.objects.filter(
            event_id__in=events, status=RegistrationStatus.WAITING
        ).order_by("event_id", "waiting_since", "id")
        positions: dict[int, int] = {}
        counter: dict[int, int] = {}
        for pk, event_id in waiting.values_list("pk", "event_id"):
            counter[event_id] = counter.get(event_id, 0) + 1
            positions[pk] = counter[event_id]
    return positions


def personal_page(*, registration: Registration, reader: str) -> list[RegistrationView]:
    """What the personal page shows: each registration with its status and what one can do."""
    now = timezone.now()
    group = personal_group(registration)
    positions = waiting_positions(group)
    live = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
    return [
        RegistrationView(
            registration=row,
            event=event_view(row.event, reader, now=now),
            position=positions.get(row.pk),
            can_cancel=row.status in live and row.event.starts_at > now,
            can_give_feedback=(
                row.status == RegistrationStatus.ATTENDED and row.feedback_given_at is None
            ),
        )
        for row in group
    ]


def personal_cancellable(
    *, registration: Registration, public_id: str
) -> list[Registration] | None:
    """The registrations a cancel request names, if the link manages them; else None.

    `public_id` is one registration's public id, or "all" for every live one of the group.
    """
    group = personal_group(registration)
    live = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)
    if public_id == "all":
        return [row for row in group if row.status in live]
    try:
        wanted = uuid.UUID(str(public_id))
    except ValueError:
        return None
    chosen = [row for row in group if row.public_id == wanted]
    return chosen or None


def personal_events(*, registration: Registration) -> list[Event]:
    """The events of the link's registrations that are not cancelled, for the calendar file."""
    group = personal_group(registration)
    return [row.event for row in group if row.status != RegistrationStatus.CANCELLED]


def event_view_of(*, registration: Registration, reader: str) -> EventView:
    """The event of one registration as a page shows it (a few queries, one event)."""
    with scopes_disabled():
        return event_view(registration.event, reader)
