"""Reading sponsorship requests: the office's queue with waiting times, one request, and the
person a request is made for.

Queries are bounded: the person comes with the request (select_related), language names in one
query for a whole page (`language_names`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone

from lotse.core import policy
from lotse.core.models import Language, Office, User
from lotse.counseling.models import Person
from lotse.counseling.selectors import CLIENT_NUMBER, person_search
from lotse.sponsorship.models import RequestStatus, SponsorshipRequest, Urgency

QUEUE_STATUSES = (RequestStatus.TO_CONFIRM, RequestStatus.WAITING)


def _base(user: User, office: Office) -> QuerySet[SponsorshipRequest]:
    policy.require(user, "sponsorship.request.create", office)
    return SponsorshipRequest.objects.filter(office=office).select_related("person", "requested_by")


def queue(
    *,
    user: User,
    office: Office,
    status: str | None = None,
    urgency: str | None = None,
    kind: str | None = None,
) -> QuerySet[SponsorshipRequest]:
    """Open requests (to confirm and waiting): urgent first, then the longest waiting.

    A portal request not yet confirmed counts from when it was sent; `since` carries that date.
    """
    found = _base(user, office)
    found = found.filter(status=status) if status else found.filter(status__in=QUEUE_STATUSES)
    if urgency:
        found = found.filter(urgency=urgency)
    if kind:
        found = found.filter(kind=kind)
    return found.annotate(
        since=Coalesce("waiting_since", "created_at"),
        urgency_rank=Case(
            When(urgency=Urgency.HIGH, then=Value(0)), default=Value(1), output_field=IntegerField()
        ),
    ).order_by("urgency_rank", "since", "id")


@dataclass(frozen=True)
class QueueCounts:
    to_confirm: int
    waiting: int
    urgent: int


def queue_counts(*, user: User, office: Office) -> QueueCounts:
    policy.require(user, "sponsorship.request.create", office)
    counts = SponsorshipRequest.objects.filter(office=office, status__in=QUEUE_STATUSES).aggregate(
        to_confirm=Count("id", filter=Q(status=RequestStatus.TO_CONFIRM)),
        waiting=Count("id", filter=Q(status=RequestStatus.WAITING)),
        urgent=Count("id", filter=Q(urgency=Urgency.HIGH)),
    )
    return QueueCounts(**counts)


def waiting_days(request: SponsorshipRequest, now: dt.datetime | None = None) -> int:
    """Whole days since the request joined the queue (or was sent, before it is confirmed)."""
    since = request.waiting_since or request.created_at
    return max(0, ((now or timezone.now()) - since).days)


def request_get(*, user: User, office: Office, request_id: int) -> SponsorshipRequest:
    """One request of the office; another office's request is not found (404)."""
    request = _base(user, office).filter(pk=request_id).first()
    if request is None:
        raise Http404
    return request


def language_names(codes: Iterable[str]) -> dict[str, str]:
    """Code -> name in the active language, for all the codes a page shows (one query)."""
    wanted = set(codes)
    if not wanted:
        return {}
    return {language.code: language.name for language in Language.objects.filter(code__in=wanted)}


def person_for_request(*, user: User, office: Office, person_id: int) -> Person:
    """The person a request is made for, with their languages; another office's is a 404.

    Coordinators ask for sponsors too, without reading counseling records: this returns the
    record for the request form only, never more than the form shows.
    """
    policy.require(user, "sponsorship.request.create", office)
    person = (
        Person.objects.filter(office=office, pk=person_id, merged_into__isnull=True)
        .prefetch_related("languages")
        .first()
    )
    if person is None:
        raise Http404
    return person


def person_by_client_number(*, user: User, office: Office, number: str) -> Person | None:
    """The office's person with this exact client number (a merged number leads on), or None.

    Counselors search as on the people pages; others (coordinators) only by the exact number,
    so no one browses counseling records from here.
    """
    policy.require(user, "sponsorship.request.create", office)
    match = CLIENT_NUMBER.match(number)
    if not match:
        return None
    if policy.can(user, "counseling.person.view", office):
        found = person_search(user=user, office=office, query=number)
        return found[0] if found else None
    prefix, year, sequence = match.groups()
    hit = (
        Person.objects.filter(
            office=office, client_number=f"{prefix.upper()}-{year}-{int(sequence):05d}"
        )
        .values_list("merged_into_id", "pk")
        .first()
    )
    if hit is None:
        return None
    return Person.objects.filter(office=office, pk=hit[0] or hit[1]).first()
