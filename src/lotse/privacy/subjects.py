"""A data subject's records across the apps: which rows are about a person of the counseling
app, and the rights that act on all of them (erasure, Art. 17; restriction, Art. 18).

A person's own rows hang on `Person` by foreign key. Event registrations do not: people register
on the portal without a record, so a registration is the person's when it carries their e-mail
address or phone number in the same office.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from lotse.core import policy
from lotse.core.audit import audit_record
from lotse.core.models import Membership, Office, User
from lotse.core.text import digits
from lotse.counseling.models import (
    Consent,
    Consultation,
    FollowUp,
    HouseholdLink,
    Outcome,
    Person,
    RecognitionCase,
    Referral,
    RestrictionGround,
)
from lotse.events.models import Registration
from lotse.privacy.models import ErasureGround, ErasureRecord, RetentionRun
from lotse.sponsorship.models import (
    CheckIn,
    Offer,
    Preference,
    Proposal,
    SponsorshipRequest,
    Tandem,
    TandemStatus,
    Volunteer,
    VolunteerLanguage,
    VolunteerStatus,
)


def registrations_of(person: Person) -> QuerySet[Registration]:
    """The person's event registrations in their office, matched by e-mail or phone."""
    ids: set[int] = set()
    candidates = Registration.objects.filter(office_id=person.office_id, anonymised_at__isnull=True)
    if person.email:
        ids.update(candidates.filter(email__iexact=person.email).values_list("id", flat=True))
    if len(person.phone_digits) >= 6:
        for pk, phone in candidates.exclude(phone="").values_list("id", "phone"):
            if digits(phone) == person.phone_digits:
                ids.add(pk)
    return Registration.objects.filter(pk__in=ids).select_related("event")


# --- Anonymising (shared by erasure on request and the retention rules) ----------------------

#: Rows changed per statement: long runs stay in bounded statements.
BATCH = 500


def batches(queryset: QuerySet[Any]) -> Iterator[list[int]]:
    """Ids of `queryset` in batches, read again after each batch was changed.

    The queryset must stop matching a row once it is anonymised, or this never ends.
    """
    while ids := list(queryset.order_by("pk").values_list("pk", flat=True)[:BATCH]):
        yield ids


def anonymise_registrations(ids: list[int], now: dt.datetime) -> int:
    """Clear name, contact and needs; keep status, target group and country (statistics)."""
    # The unique index on (event, e-mail) leaves out blank addresses: clearing many is fine.
    return Registration.objects.filter(pk__in=ids, anonymised_at__isnull=True).update(
        name="",
        email="",
        phone="",
        interpreting_into=None,
        childcare=False,
        accessibility_needs="",
        anonymised_at=now,
    )


def _retire_logins(user_ids: list[int]) -> None:
    """Close the self-service logins of anonymised volunteers and clear who they were.

    Only logins that are nothing else: a user with a membership in any office (or staff) is a
    colleague and keeps the account. Audit entries point at users (PROTECT), so the row stays
    under a placeholder name; the e-mail is unique, hence a placeholder address.
    """
    if not user_ids:
        return
    with scopes_disabled():
        colleagues = set(
            Membership.objects.filter(user_id__in=user_ids).values_list("user_id", flat=True)
        )
    for user in User.objects.filter(pk__in=user_ids, is_staff=False, is_superuser=False):
        if user.pk in colleagues:
            continue
        placeholder = f"former-volunteer-{user.pk}"
        User.objects.filter(pk=user.pk).update(
            username=placeholder,
            email=f"{placeholder}@anonymised.invalid",
            first_name="",
            last_name="",
            is_active=False,
            password=make_password(None),
        )


def anonymise_volunteers(queryset: QuerySet[Volunteer], now: dt.datetime) -> int:
    """Clear who the volunteers were; keep their status, dates and attendances (statistics)."""
    count = 0
    # Only rows not yet anonymised: the batches end once every row is done.
    for ids in batches(queryset.filter(anonymised_at__isnull=True)):
        volunteers = Volunteer.objects.filter(pk__in=ids)
        users = list(volunteers.exclude(user=None).values_list("user_id", flat=True))
        # Who may accompany families is what "volunteers newly qualified" reads (it decides
        # which seminars they needed): keep that one fact of their wishes, nothing else.
        family, children = f'"{Preference.FAMILY}"', f'"{Offer.CHILDREN_SCHOOL}"'
        volunteers.filter(prefers__icontains=family).update(prefers=[Preference.FAMILY])
        volunteers.exclude(prefers__icontains=family).update(prefers=[])
        volunteers.filter(offers__icontains=children).update(offers=[Offer.CHILDREN_SCHOOL])
        volunteers.exclude(offers__icontains=children).update(offers=[])
        VolunteerLanguage.objects.filter(volunteer_id__in=ids).delete()
        tandems = Tandem.objects.filter(volunteer_id__in=ids, status=TandemStatus.ENDED)
        CheckIn.objects.filter(tandem__in=tandems).update(note="")
        tandems.update(agreement="", usual_places="", feedback_volunteer="")
        Proposal.objects.filter(volunteer_id__in=ids).update(reasons=[])
        count += volunteers.update(
            first_name="",
            last_name="",
            email="",
            phone="",
            district="",
            gender="",
            availability=[],
            interests="",
            motivation="",
            pledge_signed_on=None,
            certificate_seen_on=None,
            certificate_recheck_on=None,
            coordinator_notes="",
            user=None,
            anonymised_at=now,
        )
        _retire_logins(users)
    return count


# --- Erasure (Art. 17) ----------------------------------------------------------------------------


def _people_of(person: Person) -> list[Person]:
    """The person and every record merged into them (the same human being), at any depth."""
    people = [person]
    frontier = [person.pk]
    while frontier:
        merged = list(Person.objects.filter(merged_into_id__in=frontier))
        people.extend(merged)
        frontier = [p.pk for p in merged]
    return people


def _text_matches(needles: set[str]) -> Q:
    query = Q()
    for needle in needles:
        # SQLite keeps JSON with non-ASCII escaped, PostgreSQL's jsonb as text does not.
        for form in {needle, json.dumps(needle)[1:-1]}:
            query |= Q(text__icontains=form)
    return query


def _clear_task_results(*, unique: set[str], names: set[str]) -> int:
    """Queued and finished e-mails (handover letters, notices) hold names and addresses.

    Finished tasks go when they name the person in any way; a task still waiting goes only for
    the person's own address, phone or full name, so another "Amira" still gets her e-mail.
    """
    if not apps.is_installed("django_tasks_db") or not (unique or names):
        return 0
    from django_tasks_db.models import DBTaskResult

    tasks = DBTaskResult.objects.annotate(text=Cast("args_kwargs", TextField()))
    finished = tasks.filter(status__in=["SUCCESSFUL", "FAILED"])
    deleted = finished.filter(_text_matches(unique | names)).delete()[0]
    if unique:
        # A running task is left alone: deleting the row under a worker breaks its bookkeeping.
        deleted += tasks.filter(status="READY").filter(_text_matches(unique)).delete()[0]
    return deleted


def erase_person(
    *,
    office: Office,
    person: Person,
    ground: str,
    by: User | None = None,
    requested_on: dt.date | None = None,
    run: RetentionRun | None = None,
) -> ErasureRecord:
    """Erase a person's personal data from every table, at once, and confirm it.

    The person's record (and records merged into it), consents, household links, recognition
    cases and follow-ups go. Consultations, referrals, milestones, sponsorship requests and
    tandems stay for the statistics (their snapshot and `subject`), with every free text about
    the person cleared; event registrations found by e-mail or phone are anonymised. The
    confirmation holds a random reference, the date and counts, nothing about the person.
    """
    if ground == ErasureGround.REQUEST:
        if by is None:
            raise PermissionDenied
        policy.require(by, "privacy.person.erase", office)
    if person.office_id != office.pk:
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        people = _people_of(person)
        ids = [p.pk for p in people]
        unique = {v for p in people for v in (p.email, p.full_name, p.phone) if len(v) >= 6}
        names = {p.display_name for p in people if len(p.display_name) >= 4}
        registrations = Registration.objects.none()
        for p in people:
            registrations |= registrations_of(p)
        counts: dict[str, int] = {}

        def count(label: str, number: int) -> None:
            if number:
                counts[label] = counts.get(label, 0) + number

        count(
            "counseling.consultation",
            Consultation.objects.filter(person_id__in=ids).update(
                notes="", outcome="", next_steps=""
            ),
        )
        count("counseling.referral", Referral.objects.filter(person_id__in=ids).update(reason=""))
        count("counseling.outcome", Outcome.objects.filter(person_id__in=ids).update(note=""))
        requests = SponsorshipRequest.objects.filter(person_id__in=ids)
        count(
            "sponsorship.sponsorshiprequest",
            requests.update(
                needs=[],
                languages=[],
                district="",
                availability=[],
                has_children=False,
                gender_preference="",
                interests="",
                note="",
                contact_name="",
                contact_email="",
                contact_phone="",
                anonymised_at=now,
            ),
        )
        Proposal.objects.filter(request__person_id__in=ids).update(reasons=[])
        tandems = Tandem.objects.filter(person_id__in=ids)
        count("sponsorship.checkin", CheckIn.objects.filter(tandem__in=tandems).update(note=""))
        count(
            "sponsorship.tandem",
            tandems.update(
                agreement="", usual_places="", feedback_newcomer="", feedback_volunteer=""
            ),
        )
        count(
            "events.registration",
            anonymise_registrations(list(registrations.values_list("pk", flat=True)), now),
        )
        count("core.taskresult", _clear_task_results(unique=unique, names=names))
        for p in people:
            p.languages.clear()
        _deleted, by_model = Person.objects.filter(pk__in=ids).delete()
        for label, number in by_model.items():
            count(label.lower(), number)
        record = ErasureRecord.objects.create(
            office=office,
            ground=ground,
            requested_on=requested_on,
            erased_by=by,
            run=run,
            erased_at=now,
            counts=counts,
        )
        audit_record(
            action="privacy.person.erased",
            actor=by,
            office=office,
            obj=record,
            data={"ground": ground, "records": sum(counts.values())},
        )
    return record


@dataclass(frozen=True)
class ScopeRow:
    label: str
    count: int
    erased: bool  # True: the rows go; False: they stay for statistics, their texts cleared


def erasure_scope(person: Person) -> list[ScopeRow]:
    """What an erasure of the person would erase or clear, for the confirmation page."""
    people = _people_of(person)
    ids = [p.pk for p in people]
    rows = [
        ScopeRow(_("Person records (with merged ones)"), len(people), True),
        ScopeRow(_("Consents"), Consent.objects.filter(person_id__in=ids).count(), True),
        ScopeRow(
            _("Household links"),
            HouseholdLink.objects.filter(Q(person_id__in=ids) | Q(relative_id__in=ids)).count(),
            True,
        ),
        ScopeRow(
            _("Recognition cases"), RecognitionCase.objects.filter(person_id__in=ids).count(), True
        ),
        ScopeRow(_("Follow-ups"), FollowUp.objects.filter(person_id__in=ids).count(), True),
        ScopeRow(_("Consultations"), Consultation.objects.filter(person_id__in=ids).count(), False),
        ScopeRow(_("Referrals"), Referral.objects.filter(person_id__in=ids).count(), False),
        ScopeRow(_("Milestones"), Outcome.objects.filter(person_id__in=ids).count(), False),
        ScopeRow(
            _("Sponsorship requests"),
            SponsorshipRequest.objects.filter(person_id__in=ids).count(),
            False,
        ),
        ScopeRow(_("Tandems"), Tandem.objects.filter(person_id__in=ids).count(), False),
        ScopeRow(
            _("Event registrations"),
            len({r.pk for p in people for r in registrations_of(p)}),
            False,
        ),
    ]
    return [row for row in rows if row.count]


def count_rows(counts: dict[str, int]) -> list[tuple[str, int]]:
    """An erasure's counts with the models' names, for the confirmation."""
    rows = []
    for label, number in sorted(counts.items()):
        try:
            name = str(apps.get_model(label)._meta.verbose_name_plural)
        except (LookupError, ValueError):
            name = _("Background tasks") if label == "core.taskresult" else label
        rows.append((name, number))
    return rows


def _confirm(
    *, office: Office, by: User, counts: dict[str, int], requested_on: dt.date | None
) -> ErasureRecord:
    record = ErasureRecord.objects.create(
        office=office,
        ground=ErasureGround.REQUEST,
        requested_on=requested_on,
        erased_by=by,
        counts={label: number for label, number in counts.items() if number},
    )
    audit_record(
        action="privacy.person.erased",
        actor=by,
        office=office,
        obj=record,
        data={"ground": ErasureGround.REQUEST, "records": sum(counts.values())},
    )
    return record


def erase_volunteer(
    *, office: Office, by: User, volunteer: Volunteer, requested_on: dt.date | None = None
) -> ErasureRecord:
    """A volunteer's erasure on request: who they were goes, the numbers stay.

    Volunteering ends with it; a tandem still running must be ended first, so the newcomer is
    not left without a word.
    """
    policy.require(by, "privacy.volunteer.erase", office)
    if volunteer.office_id != office.pk:
        raise PermissionDenied
    if volunteer.anonymised_at is not None:
        raise ValidationError(_("This volunteer's data were already erased."))
    if Tandem.objects.filter(volunteer=volunteer, status=TandemStatus.ACTIVE).exists():
        raise ValidationError(
            _("End the volunteer's running tandems first, then erase their data.")
        )
    now = timezone.now()
    with transaction.atomic():
        if volunteer.status != VolunteerStatus.ENDED:
            Volunteer.objects.filter(pk=volunteer.pk).update(
                status=VolunteerStatus.ENDED, status_changed_on=timezone.localdate()
            )
        # Tandems that ended keep their dates for the statistics, without the texts.
        count = anonymise_volunteers(Volunteer.objects.filter(pk=volunteer.pk), now)
        return _confirm(
            office=office,
            by=by,
            counts={"sponsorship.volunteer": count},
            requested_on=requested_on,
        )


def participant_registrations(registration: Registration) -> QuerySet[Registration]:
    """Every registration in the office with the same e-mail or phone: the same participant.

    Followed one step further, so a registration with e-mail and phone links the ones that
    carry only one of them.
    """
    candidates = Registration.objects.filter(
        office_id=registration.office_id, anonymised_at__isnull=True
    )
    phones = list(candidates.exclude(phone="").values_list("pk", "phone"))
    ids = {registration.pk}
    emails: set[str] = set()
    numbers: set[str] = set()
    for _step in range(3):
        for email, phone in candidates.filter(pk__in=ids).values_list("email", "phone"):
            if email:
                emails.add(email.lower())
            if len(digits(phone)) >= 6:
                numbers.add(digits(phone))
        found = set(ids)
        for email in emails:
            found.update(candidates.filter(email__iexact=email).values_list("pk", flat=True))
        found.update(pk for pk, phone in phones if digits(phone) in numbers)
        if found == ids:
            break
        ids = found
    return Registration.objects.filter(pk__in=ids).select_related("event")


def erase_participant(
    *, office: Office, by: User, registration: Registration, requested_on: dt.date | None = None
) -> ErasureRecord:
    """An event participant's erasure on request: all their registrations in the office.

    Status, target group and country stay for the statistics; a place they held is not given
    away by this (staff cancel first if they should).
    """
    policy.require(by, "privacy.participant.erase", office)
    if registration.office_id != office.pk:
        raise PermissionDenied
    if registration.anonymised_at is not None:
        raise ValidationError(_("This participant's data were already erased."))
    now = timezone.now()
    with transaction.atomic():
        ids = list(participant_registrations(registration).values_list("pk", flat=True))
        count = anonymise_registrations(ids, now)
        return _confirm(
            office=office,
            by=by,
            counts={"events.registration": count},
            requested_on=requested_on,
        )


# --- Restriction (Art. 18) ----------------------------------------------------------------------


def restrict(*, office: Office, by: User, person: Person, ground: str) -> Person:
    """Mark the record as restricted: counseling refuses changes and contact until lifted."""
    policy.require(by, "privacy.person.restrict", office)
    if person.office_id != office.pk:
        raise PermissionDenied
    if ground not in RestrictionGround.values:
        raise ValidationError({"ground": _("Choose the ground for the restriction.")})
    if person.restricted_at is not None:
        raise ValidationError(_("Processing of this person's data is already restricted."))
    with transaction.atomic():
        Person.objects.filter(pk=person.pk).update(
            restricted_at=timezone.now(), restriction_ground=ground
        )
        person.refresh_from_db(fields=["restricted_at", "restriction_ground"])
        audit_record(
            action="privacy.person.restricted",
            actor=by,
            office=office,
            obj=person,
            data={"ground": ground},
        )
    return person


def lift_restriction(*, office: Office, by: User, person: Person) -> Person:
    policy.require(by, "privacy.person.restrict", office)
    if person.office_id != office.pk:
        raise PermissionDenied
    if person.restricted_at is None:
        raise ValidationError(_("Processing of this person's data is not restricted."))
    with transaction.atomic():
        Person.objects.filter(pk=person.pk).update(restricted_at=None, restriction_ground="")
        person.refresh_from_db(fields=["restricted_at", "restriction_ground"])
        audit_record(
            action="privacy.person.restriction_lifted", actor=by, office=office, obj=person
        )
    return person
