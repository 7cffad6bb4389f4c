"""Figures of the sponsorship app (see figures.py): requests, tandems, volunteers, training.

Every figure is one aggregate query over the offices and the period of the scope. None of them
reads a newcomer's record: requests and tandems are counted as rows, volunteers by their id.

The sponsorship data records no target group (a request keeps no snapshot of the person's
situation), so these figures ignore the target group filter and say so in their definitions.

Dates: `Tandem.started_on`, `Tandem.ended_on` and `Volunteer.status_changed_on` are calendar days
in the installation's time zone and compare with `scope.start`/`scope.end`; the time stamps
(`created_at`, `applied_at`, `TrainingSession.starts_at`) compare with `scope.start_at`/`end_at`,
midnight in that zone, so a request made at 23:30 on 31 December counts in December.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Case, Count, Exists, F, Min, OuterRef, Q, QuerySet, Value, When
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import scopes_disabled

from lotse.reports.figures import BREAKDOWN, COUNT, Figure, Result, register
from lotse.reports.figures import breakdown_result as _breakdown
from lotse.reports.figures import count_result as _count
from lotse.reports.scope import Scope
from lotse.sponsorship.models import (
    Attendance,
    AttendanceStatus,
    EndReason,
    Offer,
    Preference,
    RequestSource,
    SeminarModule,
    SessionKind,
    SponsorshipRequest,
    Tandem,
    TrainingSession,
    Volunteer,
    VolunteerStatus,
)

SECTION = _("Welcome sponsors")
#: The key of a breakdown row for a missing value.
UNKNOWN = "unknown"
#: The row of reflection meetings in the training breakdown (seminars are keyed by module).
REFLECTION = SessionKind.REFLECTION.value


def _requests(scope: Scope) -> QuerySet[SponsorshipRequest]:
    return SponsorshipRequest.objects.filter(
        office__in=scope.offices, created_at__gte=scope.start_at, created_at__lt=scope.end_at
    )


def _has_begun(scope: Scope) -> bool:
    """Whether the period's first day has come: of a later period nothing is known yet, not even
    that today's running tandems will still run (a dashboard's months ahead stay at 0)."""
    return scope.start <= timezone.localdate()


def _tandems_active_q(scope: Scope) -> Q:
    """A tandem active on at least one day of [start, end): started before the end and not
    ended before the start (a tandem ending on the first day was still active that day)."""
    return Q(started_on__lt=scope.end) & (Q(ended_on__isnull=True) | Q(ended_on__gte=scope.start))


def _attended_seminar(prefix: str = "") -> Q:
    """An attended seminar that took place: the same rule the qualification uses."""
    return Q(
        **{
            f"{prefix}status": AttendanceStatus.ATTENDED,
            f"{prefix}session__kind": SessionKind.SEMINAR,
            f"{prefix}session__is_cancelled": False,
        }
    )


def _pairs(queryset: QuerySet[Any], field: str) -> list[tuple[Any, int]]:
    """(value, count) per value of `field`, grouped in the database."""
    rows = queryset.order_by().values(field).annotate(n=Count("pk")).values_list(field, "n")
    return [(value if value not in (None, "") else UNKNOWN, n) for value, n in rows]


def _choices(choices: Any) -> dict[Any, str]:
    return {value: str(label) for value, label in choices}


# --- Requests ------------------------------------------------------------------------------------


@register(
    "sponsorship_requests",
    label=_("Sponsorship requests"),
    section=SECTION,
    kind=COUNT,
    order=400,
    definition=_(
        "Requests for a welcome sponsor received in the period by the office: asked by a "
        "counselor from a person's record or from the portal (counted when they arrive, "
        "whether or not they were confirmed, matched or closed later). The target group filter "
        "does not apply: a request records no target group."
    ),
)
@scopes_disabled()
def sponsorship_requests(figure: Figure, scope: Scope) -> Result:
    return _count(figure, scope, _requests(scope).count())


@register(
    "sponsorship_requests_by_kind",
    label=_("Sponsorship requests by who asks"),
    section=SECTION,
    kind=BREAKDOWN,
    order=405,
    definition=_(
        "The sponsorship requests of the period by who asks for a sponsor: a family, a single "
        "person or a student. The target group filter does not apply."
    ),
)
@scopes_disabled()
def sponsorship_requests_by_kind(figure: Figure, scope: Scope) -> Result:
    return _breakdown(figure, scope, _pairs(_requests(scope), "kind"), _choices(Preference.choices))


@register(
    "sponsorship_requests_by_source",
    label=_("Sponsorship requests by way in"),
    section=SECTION,
    kind=BREAKDOWN,
    order=407,
    definition=_(
        "The sponsorship requests of the period by how they came in: from a counselor or from "
        "the portal. The target group filter does not apply."
    ),
)
@scopes_disabled()
def sponsorship_requests_by_source(figure: Figure, scope: Scope) -> Result:
    pairs = _pairs(_requests(scope), "source")
    return _breakdown(figure, scope, pairs, _choices(RequestSource.choices))


# --- Tandems -------------------------------------------------------------------------------------


@register(
    "tandems_new",
    label=_("New tandems"),
    section=SECTION,
    kind=COUNT,
    order=410,
    definition=_(
        "Tandems (a volunteer matched with a newcomer or family) that started on a day in the "
        "period. The target group filter does not apply."
    ),
)
@scopes_disabled()
def tandems_new(figure: Figure, scope: Scope) -> Result:
    tandems = Tandem.objects.filter(
        office__in=scope.offices, started_on__gte=scope.start, started_on__lt=scope.end
    )
    return _count(figure, scope, tandems.count())


@register(
    "tandems_active",
    label=_("Active tandems"),
    section=SECTION,
    kind=COUNT,
    order=412,
    definition=_(
        "Tandems active on at least one day of the period: started before the period's end and "
        "not ended before its first day (still running, or ended within the period or later). "
        "A period that has not begun yet counts none. The target group filter does not apply."
    ),
)
@scopes_disabled()
def tandems_active(figure: Figure, scope: Scope) -> Result:
    if not _has_begun(scope):
        return _count(figure, scope, 0)
    tandems = Tandem.objects.filter(_tandems_active_q(scope), office__in=scope.offices)
    return _count(figure, scope, tandems.count())


def _ended(scope: Scope) -> QuerySet[Tandem]:
    return Tandem.objects.filter(
        office__in=scope.offices, ended_on__gte=scope.start, ended_on__lt=scope.end
    )


@register(
    "tandems_ended",
    label=_("Ended tandems"),
    section=SECTION,
    kind=COUNT,
    order=414,
    definition=_(
        "Tandems whose end date (as the coordinator recorded it) lies in the period. The target "
        "group filter does not apply."
    ),
)
@scopes_disabled()
def tandems_ended(figure: Figure, scope: Scope) -> Result:
    return _count(figure, scope, _ended(scope).count())


@register(
    "tandems_ended_by_reason",
    label=_("Ended tandems by reason"),
    section=SECTION,
    kind=BREAKDOWN,
    order=416,
    definition=_(
        "The tandems ended in the period by the reason the coordinator recorded (goals "
        "reached, moved away, contact broke off, ...); no reason recorded counts as not given. "
        "The target group filter does not apply."
    ),
)
@scopes_disabled()
def tandems_ended_by_reason(figure: Figure, scope: Scope) -> Result:
    labels = _choices(EndReason.choices) | {UNKNOWN: str(_("Not given"))}
    return _breakdown(figure, scope, _pairs(_ended(scope), "end_reason"), labels)


# --- Volunteers ----------------------------------------------------------------------------------


@register(
    "volunteers_new",
    label=_("New volunteers"),
    section=SECTION,
    kind=COUNT,
    order=420,
    definition=_(
        "Applications to become a welcome sponsor received in the period (the day of the "
        "application), whatever became of them. The target group filter does not apply: "
        "volunteers are not newcomers."
    ),
)
@scopes_disabled()
def volunteers_new(figure: Figure, scope: Scope) -> Result:
    volunteers = Volunteer.objects.filter(
        office__in=scope.offices, applied_at__gte=scope.start_at, applied_at__lt=scope.end_at
    )
    return _count(figure, scope, volunteers.count())


@register(
    "volunteers_active",
    label=_("Active volunteers"),
    section=SECTION,
    kind=COUNT,
    order=422,
    definition=_(
        "Volunteers active at some time in the period, each counted once: those who accompanied "
        "a tandem active in the period; those whose status is active now and was set before the "
        "period's end; and those paused on a day within the period (a pause always follows "
        "active work). The record keeps only the current status and since when, so a volunteer "
        "who was active in the period without a tandem and has ended or paused since counts no "
        "more. A period that has not begun yet counts none. The target group filter does not "
        "apply."
    ),
)
@scopes_disabled()
def volunteers_active(figure: Figure, scope: Scope) -> Result:
    if not _has_begun(scope):
        return _count(figure, scope, 0)
    accompanied = Exists(
        Tandem.objects.filter(_tandems_active_q(scope), volunteer=OuterRef("pk")).order_by()
    )
    condition = (
        Q(accompanied)
        | Q(status=VolunteerStatus.ACTIVE, status_changed_on__lt=scope.end)
        # Paused only ever follows active (STATUS_FLOW): active until that day.
        | Q(
            status=VolunteerStatus.PAUSED,
            status_changed_on__gte=scope.start,
            status_changed_on__lt=scope.end,
        )
    )
    volunteers = Volunteer.objects.filter(condition, office__in=scope.offices)
    return _count(figure, scope, volunteers.count())


def _sessions(scope: Scope, prefix: str = "") -> Q:
    return Q(
        **{
            f"{prefix}office__in": scope.offices,
            f"{prefix}starts_at__gte": scope.start_at,
            f"{prefix}starts_at__lt": scope.end_at,
        }
    )


@register(
    "volunteers_trained",
    label=_("Volunteers trained"),
    section=SECTION,
    kind=COUNT,
    order=424,
    definition=_(
        "Volunteers who attended at least one preparation seminar (any module) that began in "
        "the period and was not cancelled, each counted once; reflection meetings are counted "
        "in the training breakdown. The target group filter does not apply."
    ),
)
@scopes_disabled()
def volunteers_trained(figure: Figure, scope: Scope) -> Result:
    total = Attendance.objects.filter(_attended_seminar(), _sessions(scope, "session__")).aggregate(
        n=Count("volunteer", distinct=True)
    )["n"]
    return _count(figure, scope, total)


@register(
    "volunteers_qualified",
    label=_("Volunteers newly qualified"),
    section=SECTION,
    kind=COUNT,
    order=426,
    definition=_(
        "Volunteers who became qualified to accompany newcomers in the period: the day they "
        "had first attended every required seminar lies in the period (the introductory "
        "seminar, and child protection for those who wish to accompany families or help with "
        "children and school, as they say now). The target group filter does not apply."
    ),
)
@scopes_disabled()
def volunteers_qualified(figure: Figure, scope: Scope) -> Result:
    def first(module: str) -> Min:
        return Min(
            "attendances__session__starts_at",
            filter=_attended_seminar("attendances__") & Q(attendances__session__module=module),
        )

    # JSON lists: `contains` is not portable to SQLite, so match the quoted value (as the
    # training selectors do).
    with_children = Q(prefers__icontains=f'"{Preference.FAMILY}"') | Q(
        offers__icontains=f'"{Offer.CHILDREN_SCHOOL}"'
    )
    volunteers = (
        Volunteer.objects.filter(
            # Only who attended a seminar in the period can have qualified in it: a cheap
            # narrowing before the grouped join over everybody's attendances.
            Exists(
                Attendance.objects.filter(
                    _attended_seminar(),
                    volunteer=OuterRef("pk"),
                    session__starts_at__gte=scope.start_at,
                    session__starts_at__lt=scope.end_at,
                )
            ),
            office__in=scope.offices,
        )
        .annotate(
            introduction=first(SeminarModule.INTRODUCTION),
            child_protection=first(SeminarModule.CHILD_PROTECTION),
        )
        # Qualified on the later of the two required firsts; NULL while one is missing. (Not
        # Greatest(): it skips NULLs on PostgreSQL but returns NULL on SQLite.)
        .annotate(
            qualified_at=Case(
                When(~with_children, then=F("introduction")),
                When(child_protection__isnull=True, then=Value(None)),
                When(child_protection__gt=F("introduction"), then=F("child_protection")),
                default=F("introduction"),
            )
        )
        .filter(qualified_at__gte=scope.start_at, qualified_at__lt=scope.end_at)
    )
    return _count(figure, scope, volunteers.count())


@register(
    "training_attendances_by_kind",
    label=_("Training attendances by kind"),
    section=SECTION,
    kind=BREAKDOWN,
    order=428,
    definition=_(
        "Places taken by volunteers who attended, at preparation seminars (by module) and "
        "reflection meetings that began in the period and were not cancelled; a volunteer who "
        "attended two sessions counts twice. The target group filter does not apply."
    ),
)
@scopes_disabled()
def training_attendances_by_kind(figure: Figure, scope: Scope) -> Result:
    rows = (
        TrainingSession.objects.filter(_sessions(scope), is_cancelled=False)
        .order_by()
        .values("module")
        .annotate(n=Count("attendances", filter=Q(attendances__status=AttendanceStatus.ATTENDED)))
        .values_list("module", "n")
    )
    # Reflection meetings have no module (the model's clean() keeps it so).
    pairs = [(module or REFLECTION, n) for module, n in rows]
    labels = _choices(SeminarModule.choices) | {REFLECTION: str(SessionKind.REFLECTION.label)}
    return _breakdown(figure, scope, pairs, labels)
