"""Reading training sessions, attendance and what follows from it: a volunteer's qualification.

The rule: everybody attends the introductory seminar before their first tandem; who wishes to
accompany families, or offers help with children and school, also attends child protection. A
seminar counts when the volunteer's attendance says "attended" and the session was not cancelled.

Functions taking a `user` ask the policy first; the helpers taking volunteers or an office that a
caller already read (`qualification`, `qualifications`, `qualified_volunteer_ids`) do not.
Queries are bounded: counts are annotations, volunteers come with their sessions in one join.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lotse.core import policy
from lotse.core.models import Office, User
from lotse.sponsorship.models import (
    Attendance,
    AttendanceStatus,
    Offer,
    Preference,
    SeminarModule,
    SessionKind,
    TrainingSession,
    Volunteer,
    VolunteerStatus,
)

VIEW = "sponsorship.volunteer.view"
#: Volunteers the coordinators prepare: registered for seminars, listed when one is missing.
IN_PREPARATION = (
    VolunteerStatus.IN_CONVERSATION,
    VolunteerStatus.ACTIVE,
    VolunteerStatus.PAUSED,
)
#: The order modules are shown and taken in.
REQUIRED_ORDER = (SeminarModule.INTRODUCTION, SeminarModule.CHILD_PROTECTION)


def _counted(sessions: QuerySet[TrainingSession]) -> QuerySet[TrainingSession]:
    return sessions.annotate(
        taken_count=Count("attendances", filter=~Q(attendances__status=AttendanceStatus.ABSENT)),
        attended_count=Count(
            "attendances", filter=Q(attendances__status=AttendanceStatus.ATTENDED)
        ),
    )


def session_list(*, user: User, office: Office, past: bool = False) -> QuerySet[TrainingSession]:
    """Upcoming (not yet over) sessions soonest first, or past ones latest first, with counts."""
    policy.require(user, VIEW, office)
    now = timezone.now()
    sessions = TrainingSession.objects.filter(office=office)
    if past:
        sessions = sessions.filter(ends_at__lt=now).order_by("-starts_at", "-id")
    else:
        sessions = sessions.filter(ends_at__gte=now).order_by("starts_at", "id")
    return _counted(sessions)


def session_get(*, user: User, office: Office, session_id: int) -> TrainingSession:
    """One session of the office with its counts; another office's session is not found."""
    policy.require(user, VIEW, office)
    session = _counted(TrainingSession.objects.filter(office=office, pk=session_id)).first()
    if session is None:
        raise Http404
    return session


def session_attendances(session: TrainingSession) -> list[Attendance]:
    """The session's participants with their volunteers, by name (one query)."""
    return list(
        Attendance.objects.filter(session=session)
        .select_related("volunteer")
        .order_by("volunteer__last_name", "volunteer__first_name", "volunteer__id")
    )


def registrable_volunteers(
    *, user: User, office: Office, session: TrainingSession
) -> QuerySet[Volunteer]:
    """Volunteers in preparation or active who are not yet on the session's list."""
    policy.require(user, VIEW, office)
    return (
        Volunteer.objects.filter(office=office, status__in=IN_PREPARATION)
        .exclude(attendances__session=session)
        .order_by("last_name", "first_name", "id")
    )


# --- Qualification --------------------------------------------------------------------------------


def works_with_children(volunteer: Volunteer) -> bool:
    prefers = volunteer.prefers if isinstance(volunteer.prefers, list) else []
    offers = volunteer.offers if isinstance(volunteer.offers, list) else []
    return Preference.FAMILY in prefers or Offer.CHILDREN_SCHOOL in offers


def required_modules(volunteer: Volunteer) -> list[str]:
    required = [SeminarModule.INTRODUCTION.value]
    if works_with_children(volunteer):
        required.append(SeminarModule.CHILD_PROTECTION.value)
    return required


@dataclass(frozen=True)
class Qualification:
    required: tuple[str, ...]
    attended: frozenset[str]

    @property
    def missing(self) -> list[str]:
        return [module for module in self.required if module not in self.attended]

    @property
    def qualified(self) -> bool:
        return not self.missing

    @property
    def missing_labels(self) -> list[str]:
        return [str(SeminarModule(module).label) for module in self.missing]


def _attended_q(prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}status": AttendanceStatus.ATTENDED,
            f"{prefix}session__kind": SessionKind.SEMINAR,
            f"{prefix}session__is_cancelled": False,
        }
    )


def qualifications(volunteers: Iterable[Volunteer]) -> dict[int, Qualification]:
    """Each volunteer's qualification by id, in one query for all of them."""
    volunteers = list(volunteers)
    attended: dict[int, set[str]] = defaultdict(set)
    rows = (
        Attendance.objects.filter(_attended_q(), volunteer__in=[v.pk for v in volunteers])
        .values_list("volunteer_id", "session__module")
        .distinct()
    )
    for volunteer_id, module in rows:
        attended[volunteer_id].add(module)
    return {
        volunteer.pk: Qualification(
            tuple(required_modules(volunteer)), frozenset(attended[volunteer.pk])
        )
        for volunteer in volunteers
    }


def qualification(volunteer: Volunteer) -> Qualification:
    return qualifications([volunteer])[volunteer.pk]


def qualified_volunteer_ids(office: Office) -> QuerySet[Attendance, int]:
    """Ids of the office's volunteers who attended the introductory seminar (for matching), as a
    subquery. Child protection is left to the matching's own safeguarding rule for families with
    children."""
    return Attendance.objects.filter(
        _attended_q(),
        session__office=office,
        session__module=SeminarModule.INTRODUCTION,
        volunteer__office=office,
    ).values_list("volunteer_id", flat=True)


def _attended_module(module: str) -> Exists:
    return Exists(
        Attendance.objects.filter(_attended_q(), volunteer=OuterRef("pk"), session__module=module)
    )


def still_needed(*, user: User, office: Office) -> list[tuple[Volunteer, list[str]]]:
    """Who still needs which seminar: volunteers in preparation, active or paused with a required
    module missing, by name, each with the missing modules (one query)."""
    policy.require(user, VIEW, office)
    # JSON lists: `contains` is not portable to SQLite, so match the quoted value.
    with_children = Q(prefers__icontains=f'"{Preference.FAMILY}"') | Q(
        offers__icontains=f'"{Offer.CHILDREN_SCHOOL}"'
    )
    found = (
        Volunteer.objects.filter(office=office, status__in=IN_PREPARATION)
        .annotate(
            has_introduction=_attended_module(SeminarModule.INTRODUCTION),
            has_child_protection=_attended_module(SeminarModule.CHILD_PROTECTION),
        )
        .filter(Q(has_introduction=False) | (with_children & Q(has_child_protection=False)))
        .order_by("last_name", "first_name", "id")
    )
    rows = []
    for volunteer in found:
        attended = {
            module
            for module, done in (
                (SeminarModule.INTRODUCTION.value, volunteer.has_introduction),
                (SeminarModule.CHILD_PROTECTION.value, volunteer.has_child_protection),
            )
            if done
        }
        missing = Qualification(tuple(required_modules(volunteer)), frozenset(attended)).missing
        if missing:
            rows.append((volunteer, missing))
    return rows


def next_sessions(*, user: User, office: Office) -> dict[str, TrainingSession]:
    """For each seminar module, the next session not yet begun, not cancelled, with places."""
    policy.require(user, VIEW, office)
    sessions = _counted(
        TrainingSession.objects.filter(
            office=office,
            kind=SessionKind.SEMINAR,
            is_cancelled=False,
            starts_at__gt=timezone.now(),
        )
    ).order_by("starts_at", "id")
    found: dict[str, TrainingSession] = {}
    # Few seminars are planned ahead; stop reading once every module has its next one.
    for session in sessions.iterator(chunk_size=50):
        if session.module not in found and session.taken_count < session.capacity:
            found[session.module] = session
        if len(found) == len(SeminarModule.values):
            break
    return found


def volunteer_training(volunteer: Volunteer) -> dict[str, Any]:
    """What the volunteer's page shows: their sessions, latest first, and their qualification.

    The caller read the volunteer through a selector that asked the policy.
    """
    attendances = list(
        Attendance.objects.filter(volunteer=volunteer)
        .select_related("session")
        .order_by("-session__starts_at", "-session__id")
    )
    attended = frozenset(
        attendance.session.module
        for attendance in attendances
        if attendance.status == AttendanceStatus.ATTENDED
        and attendance.session.kind == SessionKind.SEMINAR
        and not attendance.session.is_cancelled
    )
    return {
        "attendances": attendances,
        "qualification": Qualification(tuple(required_modules(volunteer)), attended),
    }
