"""Reading volunteers' records for the coordinators: each function asks the policy first.

Queries are bounded whatever the number of volunteers: languages come in one prefetch (with
their names), lists are paginated by the views.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Case, DateField, F, Prefetch, Q, QuerySet, Value, When
from django.http import Http404
from django.utils import timezone

from lotse.core import policy
from lotse.core.models import Office, User
from lotse.sponsorship.models import (
    Volunteer,
    VolunteerLanguage,
    VolunteerStatus,
)

#: A re-check this close (or past) is shown as due, so there is time to arrange a meeting.
DUE_WITHIN_DAYS = 30


def _languages() -> Prefetch:
    rows = VolunteerLanguage.objects.select_related("language").order_by("-level", "language_id")
    return Prefetch("languages", queryset=rows)


def _base(user: User, office: Office) -> QuerySet[Volunteer]:
    policy.require(user, "sponsorship.volunteer.view", office)
    return Volunteer.objects.filter(office=office).prefetch_related(_languages())


def due_limit(today: dt.date | None = None) -> dt.date:
    return (today or timezone.localdate()) + dt.timedelta(days=DUE_WITHIN_DAYS)


def _safeguarding_due_q(today: dt.date) -> Q:
    return Q(pledge_signed_on__isnull=True) | Q(certificate_recheck_on__lte=due_limit(today))


def volunteer_list(
    *,
    user: User,
    office: Office,
    status: str | None = None,
    include_ended: bool = False,
    language: str | None = None,
    district: str | None = None,
    offer: str | None = None,
    safeguarding_due: bool = False,
) -> QuerySet[Volunteer]:
    """The office's volunteers, filtered; ended ones only when asked for."""
    found = _base(user, office)
    if status:
        found = found.filter(status=status)
    elif not include_ended:
        found = found.exclude(status=VolunteerStatus.ENDED)
    if language:
        found = found.filter(languages__language_id=language)
    if district:
        found = found.filter(district__icontains=district)
    if offer:
        # JSON lists: `contains` is not portable to SQLite, so match the quoted value.
        found = found.filter(offers__icontains=f'"{offer}"')
    if safeguarding_due:
        found = found.filter(_safeguarding_due_q(timezone.localdate()))
    return found.distinct().order_by("last_name", "first_name", "id")


def volunteer_get(*, user: User, office: Office, volunteer_id: int) -> Volunteer:
    """One volunteer of the office; another office's volunteer is not found (404)."""
    volunteer = _base(user, office).filter(pk=volunteer_id).first()
    if volunteer is None:
        raise Http404
    return volunteer


def safeguarding_due_list(*, user: User, office: Office) -> QuerySet[Volunteer]:
    """Volunteers (not ended) without the pledge or whose certificate re-check is near: soonest
    first, a missing pledge counting as due today."""
    today = timezone.localdate()
    return (
        _base(user, office)
        .exclude(status=VolunteerStatus.ENDED)
        .filter(_safeguarding_due_q(today))
        .annotate(
            due_on=Case(
                When(
                    Q(certificate_recheck_on__lt=today) & Q(pledge_signed_on__isnull=True),
                    then=F("certificate_recheck_on"),
                ),
                When(pledge_signed_on__isnull=True, then=Value(today)),
                default=F("certificate_recheck_on"),
                output_field=DateField(),
            )
        )
        .order_by("due_on", "last_name", "first_name", "id")
    )


# --- What the pages show about a volunteer ------------------------------------------------------


@dataclass(frozen=True)
class Safeguarding:
    pledge_signed: bool
    #: "none" (never seen), "seen" (and not due soon), "due" (within DUE_WITHIN_DAYS), "overdue".
    certificate: str
    recheck_on: dt.date | None

    @property
    def needs_attention(self) -> bool:
        return not self.pledge_signed or self.certificate in {"due", "overdue"}


def safeguarding_of(volunteer: Volunteer, today: dt.date | None = None) -> Safeguarding:
    today = today or timezone.localdate()
    recheck = volunteer.certificate_recheck_on
    if not volunteer.certificate_seen_on:
        certificate = "none"
    elif recheck and recheck < today:
        certificate = "overdue"
    elif recheck and recheck <= due_limit(today):
        certificate = "due"
    else:
        certificate = "seen"
    return Safeguarding(bool(volunteer.pledge_signed_on), certificate, recheck)
