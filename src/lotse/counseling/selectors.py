"""Reading counseling records. Every function takes the office and user and asks the policy, so
views, the API and commands share one gate; queries are bounded whatever the data size."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from lotse.core import policy
from lotse.core.models import Office, User
from lotse.core.text import digits
from lotse.counseling.models import (
    Consent,
    Consultation,
    FollowUp,
    HandoverLetter,
    HouseholdLink,
    Outcome,
    Person,
    RecognitionCase,
    Referral,
    ReferralStatus,
)
from lotse.counseling.names import name_keys, query_terms

SEARCH_LIMIT = 50
CLIENT_NUMBER = re.compile(r"^\s*([A-Za-z]{1,4})-(\d{4})-(\d{1,6})\s*$")


def _view(user: User, office: Office) -> None:
    policy.require(user, "counseling.person.view", office)


def people(office: Office) -> QuerySet[Person]:
    """The office's live records (merged pointers excluded)."""
    return Person.objects.filter(office=office, merged_into__isnull=True)


def _list_related(queryset: QuerySet[Person]) -> QuerySet[Person]:
    return queryset.select_related("country_of_origin", "target_group")


def person_search(*, user: User, office: Office, query: str) -> list[Person]:
    """Find people by name (accents, case and spelling variants), client number, e-mail or phone.

    Names: each word of the query must match a word of the name by its start ("mül" finds
    Müller and Mueller) or by its sound key (Mohammed finds Muhammad). Exact spellings rank
    first, then prefixes, then sound-alikes; most recent contact breaks ties.
    """
    _view(user, office)
    query = query.strip()[:200]
    if not query:
        return []
    found = people(office)
    number = CLIENT_NUMBER.match(query)
    if number:
        prefix, year, sequence = number.groups()
        # A merged record's number leads to the record it was merged into.
        hit = (
            Person.objects.filter(
                office=office,
                client_number=f"{prefix.upper()}-{year}-{int(sequence):05d}",
            )
            .values_list("merged_into_id", "pk")
            .first()
        )
        if hit is None:
            return []
        return list(_list_related(found.filter(pk=hit[0] or hit[1])))
    if "@" in query:
        # Addresses are stored lower-cased: an exact match uses the (office, email) index.
        return list(_list_related(found.filter(email=query.lower()))[:SEARCH_LIMIT])
    if sum(ch.isdigit() for ch in query) >= 5 and not any(ch.isalpha() for ch in query):
        return list(
            _list_related(found.filter(phone_digits__endswith=digits(query)))[:SEARCH_LIMIT]
        )
    terms = query_terms(query)
    if not terms:
        return []
    condition = Q()
    for word, sound in terms:
        match = Q(name_keys__contains=f" {word}")
        if sound:
            match |= Q(name_keys__contains=f" {sound} ")
        condition &= match
    # NULLS LAST is what the recency index cannot deliver: PostgreSQL then finds the matches
    # through the trigram index instead of walking every record newest first (measured: p95
    # 131 -> 44 ms at 100,000 people). One-letter words match so much that the walk is cheaper.
    recent = (
        F("last_contact_at").desc(nulls_last=True)
        if all(len(word) >= 2 for word, _sound in terms)
        else "-last_contact_at"
    )
    candidates = list(
        _list_related(found.filter(condition)).order_by(recent, "-id")[: SEARCH_LIMIT * 4]
    )

    def rank(person: Person) -> tuple[int, int]:
        keys = person.name_keys
        score = 0
        for word, _sound in terms:
            if f" {word} " in keys:
                score += 3
            elif f" {word}" in keys:
                score += 2
            else:
                score += 1
        return (-score, 0)

    candidates.sort(key=rank)  # stable: recency order stays within a rank
    return candidates[:SEARCH_LIMIT]


def recent_people(*, user: User, office: Office, limit: int = 10) -> list[Person]:
    """The people this counselor saw last, most recent first."""
    _view(user, office)
    person_ids: list[int] = []
    rows = (
        Consultation.objects.filter(office=office, counselor=user, person__isnull=False)
        .order_by("-started_at")
        .values_list("person_id", flat=True)[: limit * 5]
    )
    for person_id in rows:
        if person_id not in person_ids:
            person_ids.append(person_id)
    found = {p.pk: p for p in _list_related(people(office).filter(pk__in=person_ids[:limit]))}
    return [found[pk] for pk in person_ids[:limit] if pk in found]


def possible_duplicates(
    *,
    user: User,
    office: Office,
    display_name: str = "",
    full_name: str = "",
    email: str = "",
    phone: str = "",
    exclude_id: int | None = None,
    limit: int = 5,
) -> list[Person]:
    """Records that may be the same person: same e-mail or phone, or names that sound alike."""
    _view(user, office)
    condition = Q()
    if email.strip():
        condition |= Q(email=email.strip().lower())
    phone_digits = digits(phone)
    if len(phone_digits) >= 6:
        condition |= Q(phone_digits=phone_digits)
    keys = name_keys(display_name, full_name).split()
    sounds = [key for key in keys if key.startswith("_")]
    spelled = [key for key in keys if not key.startswith("_") and len(key) >= 3]
    # Two of the name's words must agree (by spelling or sound) for names alone to count.
    word_keys = sounds or spelled
    if len(word_keys) >= 2:
        for index, first in enumerate(word_keys):
            for second in word_keys[index + 1 :]:
                condition |= Q(name_keys__contains=f" {first} ") & Q(
                    name_keys__contains=f" {second} "
                )
    elif len(word_keys) == 1 and not (email or phone_digits):
        condition |= Q(name_keys__contains=f" {word_keys[0]} ")
    if not condition:
        return []
    found = people(office).filter(condition)
    if exclude_id:
        found = found.exclude(pk=exclude_id)
    return list(_list_related(found).order_by("-last_contact_at", "-id")[:limit])


def person_get(*, user: User, office: Office, person_id: int) -> Person:
    """One record of the office, or 404 (a record of another office is never found)."""
    _view(user, office)
    person = (
        Person.objects.filter(office=office, pk=person_id)
        .select_related(
            "country_of_origin",
            "nationality",
            "target_group",
            "residence_status",
            "abroad_country",
            "preferred_language",
        )
        .prefetch_related("languages")
        .order_by()
        .first()
    )
    if person is None:
        raise Http404
    return person


def consents_of(person: Person) -> list[Consent]:
    return list(person.consents.select_related("recorded_by").order_by("purpose", "-given_on"))


def active_purposes(consents: list[Consent]) -> set[str]:
    return {consent.purpose for consent in consents if consent.withdrawn_on is None}


def household_of(person: Person) -> list[HouseholdLink]:
    return list(
        HouseholdLink.objects.filter(person=person)
        .select_related("relative")
        .order_by("relation", "relative__display_name")
    )


def _consultations(office: Office) -> QuerySet[Consultation]:
    return (
        Consultation.objects.filter(office=office)
        .select_related("counselor", "language", "interpreted_by")
        .prefetch_related("topics")
    )


def _referrals(office: Office) -> QuerySet[Referral]:
    return (
        Referral.objects.filter(office=office)
        .select_related("service__organisation", "topic", "created_by")
        .prefetch_related(
            "service__translations",
            Prefetch("letters", queryset=HandoverLetter.objects.order_by("-sent_at")),
        )
    )


def consultation_get(*, user: User, office: Office, consultation_id: int) -> Consultation:
    _view(user, office)
    consultation = (
        _consultations(office).select_related("person").filter(pk=consultation_id).first()
    )
    if consultation is None:
        raise Http404
    return consultation


def referral_get(*, user: User, office: Office, referral_id: int) -> Referral:
    _view(user, office)
    referral = _referrals(office).select_related("person").filter(pk=referral_id).first()
    if referral is None:
        raise Http404
    return referral


def can_read_notes(user: User, office: Office) -> bool:
    return policy.can(user, "counseling.notes.view", office)


@dataclass
class TimelineEntry:
    kind: str  # consultation, referral, consent, consent_withdrawn, follow_up, outcome, recognition
    on: dt.date
    at: dt.datetime | None
    obj: Any


#: How many of each kind a person's timeline shows; older ones are counted, not listed.
TIMELINE_LIMIT = 100


def _day(value: dt.datetime | dt.date) -> dt.date:
    return timezone.localtime(value).date() if isinstance(value, dt.datetime) else value


def timeline(
    *, user: User, office: Office, person: Person, limit: int = TIMELINE_LIMIT
) -> dict[str, Any]:
    """Everything about a person in one chronological list, newest first, in a fixed number of
    queries. Notes are blanked for readers who may not see them."""
    _view(user, office)
    show_notes = can_read_notes(user, office)
    # The newest `limit` of each kind hold the newest `limit` entries of the merged list.
    consultations = list(_consultations(office).filter(person=person)[:limit])
    referrals = list(_referrals(office).filter(person=person)[:limit])
    consents = consents_of(person)
    follow_ups = list(FollowUp.objects.filter(person=person).select_related("assigned_to")[:limit])
    outcomes = list(Outcome.objects.filter(person=person).select_related("recorded_by"))
    cases = list(RecognitionCase.objects.filter(person=person).select_related("country"))
    if not show_notes:
        for consultation in consultations:
            consultation.notes = ""
    entries = [
        TimelineEntry("consultation", _day(c.started_at), c.started_at, c) for c in consultations
    ]
    entries += [TimelineEntry("referral", r.suggested_on, None, r) for r in referrals]
    for consent in consents:
        entries.append(TimelineEntry("consent", consent.given_on, None, consent))
        if consent.withdrawn_on:
            entries.append(TimelineEntry("consent_withdrawn", consent.withdrawn_on, None, consent))
    entries += [TimelineEntry("follow_up", f.due_on, None, f) for f in follow_ups]
    entries += [TimelineEntry("outcome", o.reached_on, None, o) for o in outcomes]
    entries += [TimelineEntry("recognition", c.collected_on, None, c) for c in cases]
    entries.sort(key=lambda e: (e.on, e.at or dt.datetime.min.replace(tzinfo=dt.UTC)), reverse=True)
    return {
        "entries": entries,
        "consultations": consultations,
        "referrals": referrals,
        "consents": consents,
        "active_purposes": active_purposes(consents),
        "follow_ups": follow_ups,
        "outcomes": outcomes,
        "recognition_cases": cases,
        "household": household_of(person),
        "show_notes": show_notes,
        "consultation_count": len(consultations)
        if len(consultations) < limit
        else Consultation.objects.filter(person=person).count(),
    }


#: The start page shows the most urgent few of each list; the full lists are a click away.
PANEL_LIMIT = 10


def today(*, user: User, office: Office, day: dt.date | None = None) -> dict[str, Any]:
    """The counselor's day: follow-ups due (theirs and unassigned), open referrals past their
    follow-up date, and the people they saw last. Bounded lists, a fixed number of queries."""
    _view(user, office)
    day = day or timezone.localdate()
    due = (
        FollowUp.objects.filter(office=office, done_at__isnull=True, due_on__lte=day)
        .filter(Q(assigned_to=user) | Q(assigned_to__isnull=True))
        .select_related("person", "referral")
        .order_by("due_on", "id")
    )
    overdue = (
        _referrals(office)
        .filter(
            follow_up_on__lte=day,
            status__in=[
                ReferralStatus.SUGGESTED,
                ReferralStatus.HANDED_OVER,
                ReferralStatus.ARRIVED,
            ],
        )
        .filter(Q(created_by=user) | Q(created_by__isnull=True))
        .select_related("person")
        .order_by("follow_up_on", "id")
    )
    return {
        "day": day,
        "follow_ups": list(due[:PANEL_LIMIT]),
        "follow_up_count": due.count(),
        "overdue_referrals": list(overdue[:PANEL_LIMIT]),
        "overdue_count": overdue.count(),
        "recent_people": recent_people(user=user, office=office),
    }


def follow_ups_for(*, user: User, office: Office, mine_only: bool = True) -> QuerySet[FollowUp]:
    """Open follow-ups of the office (or the user's), soonest first."""
    _view(user, office)
    found = FollowUp.objects.filter(office=office, done_at__isnull=True)
    if mine_only:
        found = found.filter(Q(assigned_to=user) | Q(assigned_to__isnull=True))
    return found.select_related("person", "assigned_to").order_by("due_on", "id")


def referrals_for(
    *, user: User, office: Office, status: str = "", overdue_only: bool = False
) -> QuerySet[Referral]:
    _view(user, office)
    found = _referrals(office).select_related("person")
    if status:
        found = found.filter(status=status)
    if overdue_only:
        found = found.filter(
            follow_up_on__lt=timezone.localdate(),
            status__in=[
                ReferralStatus.SUGGESTED,
                ReferralStatus.HANDED_OVER,
                ReferralStatus.ARRIVED,
            ],
        )
    return found.order_by("follow_up_on", "id")


def counselors_of(office: Office) -> QuerySet[User]:
    """Staff who may be assigned follow-ups."""
    return User.objects.filter(
        memberships__office=office,
        memberships__role__in=sorted(policy.rule_for("counseling.person.view").roles),
        is_active=True,
    ).order_by("first_name", "last_name")


def consultation_counts_by_person(person_ids: list[int]) -> dict[int, int]:
    rows = (
        Consultation.objects.filter(person_id__in=person_ids)
        .values("person_id")
        .annotate(n=Count("id"))
    )
    return {row["person_id"]: row["n"] for row in rows}
