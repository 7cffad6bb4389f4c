"""Reading an event's participants: the list, the door's check-in list, who a message reaches,
and the certificates of a series.

Functions taking a `user` ask the policy first; another office's event, program or registration
is not found (404), and so is a registration of another event than the one in the address.
Queries are bounded: the lists come in one query with their terms joined, the counts per status
in one aggregate, the waiting positions in one query of ids.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import Lower
from django.http import Http404
from django.utils import timezone

from lotse.core import policy
from lotse.core.models import Office, User
from lotse.events import certificates
from lotse.events.models import (
    HOLDS_PLACE,
    Event,
    Program,
    Registration,
    RegistrationStatus,
)

VIEW = "events.event.view"
MANAGE = "events.participant.manage"
#: services.set_attendance records attendance from this long before the start (its own rule;
#: the pages only use it to decide whether to offer the buttons).
ATTENDANCE_OPENS = dt.timedelta(hours=12)
#: The longest search the pages accept; a name is shorter.
MAX_SEARCH = 100


def event_get(*, user: User, office: Office, event_id: int, action: str = MANAGE) -> Event:
    """One event of the office with its program, place and texts; otherwise 404."""
    policy.require(user, action, office)
    event = (
        Event.objects.filter(office=office, pk=event_id)
        .select_related("program", "location", "language", "office")
        .prefetch_related("translations")
        .first()
    )
    if event is None:
        raise Http404
    return event


def registration_get(
    *, user: User, office: Office, event: Event, registration_id: int
) -> Registration:
    """One registration of this event (and office); another event's is not found either."""
    policy.require(user, MANAGE, office)
    registration = (
        Registration.objects.filter(office=office, event=event, pk=registration_id)
        .select_related("interpreting_into")
        .first()
    )
    if registration is None:
        raise Http404
    registration.event = event
    return registration


def _search(rows: QuerySet[Registration], q: str) -> QuerySet[Registration]:
    """Every word of the search in the name ("amina yu" finds Amina Yusuf)."""
    for word in q.split()[:5]:
        rows = rows.filter(name__icontains=word)
    return rows


def status_counts(event: Event) -> dict[str, int]:
    """How many registrations the event has per status (every status present, one query)."""
    aggregates = {
        status: Count("pk", filter=Q(status=status)) for status in RegistrationStatus.values
    }
    return Registration.objects.filter(event=event, office=event.office_id).aggregate(**aggregates)


def participant_list(
    *, user: User, office: Office, event: Event, status: str = "", q: str = ""
) -> QuerySet[Registration]:
    """The event's registrations, filtered by status and name, by name."""
    policy.require(user, VIEW, office)
    rows = Registration.objects.filter(office=office, event=event).select_related(
        "interpreting_into", "target_group", "country_of_origin"
    )
    if status:
        rows = rows.filter(status=status)
    return _search(rows, q).order_by(Lower("name"), "id")


def waiting_positions(event: Event) -> dict[int, int]:
    """Registration id -> place on the waiting list (1 is next), in the order people move up."""
    ids = (
        Registration.objects.filter(
            event=event, office=event.office_id, status=RegistrationStatus.WAITING
        )
        .order_by("waiting_since", "id")
        .values_list("id", flat=True)
    )
    return {pk: position for position, pk in enumerate(ids, start=1)}


def attendance_open(event: Event, now: dt.datetime | None = None) -> bool:
    """Whether attendance can be recorded now (on the day: from 12 hours before the start)."""
    return event.starts_at - (now or timezone.now()) <= ATTENDANCE_OPENS


def checkin_list(
    *, user: User, office: Office, event: Event, q: str = ""
) -> QuerySet[Registration]:
    """Everyone with a place (registered, attended, did not come), alphabetically."""
    policy.require(user, MANAGE, office)
    rows = Registration.objects.filter(
        office=office, event=event, status__in=HOLDS_PLACE
    ).select_related("interpreting_into")
    return _search(rows, q).order_by(Lower("name"), "id")


@dataclass(frozen=True)
class CheckinCount:
    checked_in: int
    total: int


def checkin_count(event: Event) -> CheckinCount:
    """How many of those with a place are checked in (one query)."""
    counts = Registration.objects.filter(
        event=event, office=event.office_id, status__in=HOLDS_PLACE
    ).aggregate(
        total=Count("pk"),
        checked_in=Count("pk", filter=Q(status=RegistrationStatus.ATTENDED)),
    )
    return CheckinCount(checked_in=counts["checked_in"], total=counts["total"])


@dataclass
class Audience:
    """Who a message to the chosen statuses reaches, and how."""

    by_email: int = 0
    #: People who gave only a phone number: staff call them.
    phone_only: list[Registration] = field(default_factory=list)
    #: People who gave neither (registered at the door by name only).
    unreachable: int = 0

    @property
    def total(self) -> int:
        return self.by_email + len(self.phone_only) + self.unreachable


def message_audience(*, user: User, office: Office, event: Event, statuses: list[str]) -> Audience:
    """Count who gets the e-mail and list whom to call instead (one query)."""
    policy.require(user, MANAGE, office)
    audience = Audience()
    if not statuses:
        return audience
    rows = (
        Registration.objects.filter(office=office, event=event, status__in=statuses)
        .only("pk", "name", "email", "phone", "status", "event_id", "office_id")
        .order_by(Lower("name"), "id")
    )
    for registration in rows:
        if registration.email:
            audience.by_email += 1
        elif registration.phone:
            audience.phone_only.append(registration)
        else:
            audience.unreachable += 1
    return audience


# --- Certificates of a series -------------------------------------------------------------------


def program_get(*, user: User, office: Office, program_id: int) -> Program:
    policy.require(user, MANAGE, office)
    program = (
        Program.objects.filter(office=office, pk=program_id)
        .prefetch_related("translations")
        .first()
    )
    if program is None:
        raise Http404
    return program


def series_participants(
    *, user: User, office: Office, program: Program
) -> list[certificates.SeriesProgress]:
    """Who attended modules of the series, with their progress towards a certificate, by name."""
    policy.require(user, MANAGE, office)
    if not program.is_series or program.office_id != office.pk:
        return []
    return certificates.participants(program)


def series_registration_get(
    *, user: User, office: Office, program: Program, registration_id: int
) -> Registration:
    """A registration for a module of this series (and office); otherwise 404."""
    policy.require(user, MANAGE, office)
    registration = (
        Registration.objects.filter(office=office, event__program=program, pk=registration_id)
        .select_related("event", "event__program", "event__program__office")
        .first()
    )
    if registration is None or not program.is_series:
        raise Http404
    return registration
