"""The volunteers' self-service: what a volunteer reads and changes about themselves.

A volunteer has no role in the office, so the policy cannot decide here. Each function checks
instead that the user is the volunteer's own login and the volunteer may use the self-service,
and writes an audit entry with the volunteer's user as actor. What a volunteer learns about the
people they accompany is the minimum: the display name, languages and needs from the request,
and contact details only while the person's consent to contact by e-mail is in force. Counseling
records are never read here.

The coordinators' invitation (`volunteer_invite`) goes through the policy as usual.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core import policy
from lotse.core.audit import audit_record, changed_fields
from lotse.core.mail import queue_templated_email
from lotse.core.models import Language, Office, User
from lotse.core.services import invitation_link
from lotse.counseling.models import Consent, ConsentPurpose
from lotse.sponsorship.access import SELF_SERVICE_STATUSES
from lotse.sponsorship.models import (
    SLOTS,
    Attendance,
    AttendanceStatus,
    Offer,
    Tandem,
    TandemStatus,
    TrainingSession,
    Volunteer,
    VolunteerStatus,
)
from lotse.sponsorship.selectors_training import Qualification, qualification

#: Upcoming sessions shown to a volunteer at most (the office plans a few months ahead).
UPCOMING_LIMIT = 30
#: The volunteer's own training history shown at most, newest first.
HISTORY_LIMIT = 50


def _check_own(volunteer: Volunteer, user: User) -> None:
    if (
        not getattr(user, "is_authenticated", False)
        or volunteer.user_id != user.pk
        or volunteer.status not in SELF_SERVICE_STATUSES
    ):
        raise PermissionDenied("not the volunteer's own login")


def _locked_volunteer(volunteer: Volunteer) -> Volunteer:
    return Volunteer.objects.select_for_update().get(pk=volunteer.pk)


# --- Reads ----------------------------------------------------------------------------------------


def my_attendances(volunteer: Volunteer) -> list[Attendance]:
    """The volunteer's sessions, newest first (one query)."""
    return list(
        Attendance.objects.filter(volunteer=volunteer)
        .select_related("session")
        .order_by("-session__starts_at", "-id")[:HISTORY_LIMIT]
    )


def my_qualification(volunteer: Volunteer) -> Qualification:
    return qualification(volunteer)


def upcoming_sessions(volunteer: Volunteer, now: dt.datetime | None = None) -> list[Any]:
    """The office's sessions to come that are not cancelled, with free places and whether the
    volunteer is registered (one query)."""
    now = now or timezone.now()
    mine = Attendance.objects.filter(session=OuterRef("pk"), volunteer=volunteer).exclude(
        status=AttendanceStatus.ABSENT
    )
    sessions = (
        TrainingSession.objects.filter(
            office_id=volunteer.office_id, is_cancelled=False, starts_at__gt=now
        )
        .annotate(
            taken=Count("attendances", filter=~Q(attendances__status=AttendanceStatus.ABSENT)),
            registered=Exists(mine),
        )
        .order_by("starts_at", "id")[:UPCOMING_LIMIT]
    )
    result = list(sessions)
    for session in result:
        session.free = max(session.capacity - session.taken, 0)
    return result


@dataclass
class TandemView:
    """What a volunteer sees of one tandem: nothing from the counseling record."""

    started_on: dt.date
    name: str
    languages: list[str]
    needs: list[str]
    contact_shared: bool
    email: str = ""
    phone: str = ""


def my_tandems(volunteer: Volunteer) -> list[TandemView]:
    """The volunteer's running tandems, in three queries whatever their number."""
    tandems = list(
        Tandem.objects.filter(volunteer=volunteer, status=TandemStatus.ACTIVE)
        .select_related("request", "person")
        .order_by("-started_on", "id")
    )
    person_ids = [tandem.person_id for tandem in tandems if tandem.person_id]
    # The same test as counseling.services.active_consent, for all persons in one query.
    consenting = set(
        Consent.objects.filter(
            person_id__in=person_ids,
            purpose=ConsentPurpose.EMAIL_CONTACT,
            withdrawn_on__isnull=True,
        ).values_list("person_id", flat=True)
    )
    codes = {code for tandem in tandems for code in (tandem.request.languages or [])}
    names = {lang.code: lang.name for lang in Language.objects.filter(code__in=codes)}
    offers = dict(Offer.choices)
    views = []
    for tandem in tandems:
        request, person = tandem.request, tandem.person
        shared = person is not None and person.pk in consenting
        views.append(
            TandemView(
                started_on=tandem.started_on,
                name=person.display_name if person is not None else request.contact_name,
                languages=[names.get(code, code) for code in request.languages or []],
                needs=[str(offers[need]) for need in request.needs or [] if need in offers],
                contact_shared=shared,
                email=person.email if shared else "",
                phone=person.phone if shared else "",
            )
        )
    return views


# --- Writes by the volunteer ----------------------------------------------------------------------


@transaction.atomic
def self_register(
    *, volunteer: Volunteer, by: User, session: TrainingSession, now: dt.datetime | None = None
) -> Attendance:
    """The volunteer signs up for a session of their office to come, while places are free."""
    _check_own(volunteer, by)
    if session.office_id != volunteer.office_id:
        raise PermissionDenied("another office's session")
    # Locking the session row serialises sign-ups, so two cannot take the last place.
    session = TrainingSession.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise ValidationError(_("This session is cancelled."))
    if session.starts_at <= (now or timezone.now()):
        raise ValidationError(_("This session has already begun."))
    attendance = Attendance.objects.filter(session=session, volunteer=volunteer).first()
    if attendance is not None and attendance.status != AttendanceStatus.ABSENT:
        raise ValidationError(_("You are already registered for this session."))
    taken = (
        Attendance.objects.filter(session=session).exclude(status=AttendanceStatus.ABSENT).count()
    )
    if taken >= session.capacity:
        raise ValidationError(_("This session is full."))
    if attendance is None:
        attendance = Attendance(session=session, volunteer=volunteer)
    attendance.status = AttendanceStatus.REGISTERED
    attendance.full_clean(validate_unique=False)
    attendance.save()
    audit_record(
        action="sponsorship.self.attendance_registered",
        actor=by,
        office=volunteer.office,
        obj=session,
        data={"volunteer": volunteer.pk},
    )
    return attendance


AVAILABILITY_FIELDS = ("availability", "offers", "max_tandems")


@transaction.atomic
def self_update_availability(
    *, volunteer: Volunteer, by: User, availability: list[str], offers: list[str], max_tandems: int
) -> Volunteer:
    """The volunteer changes when they have time, what they offer and how many tandems."""
    _check_own(volunteer, by)
    volunteer = _locked_volunteer(volunteer)
    running = Tandem.objects.filter(volunteer=volunteer, status=TandemStatus.ACTIVE).count()
    if max_tandems < running:
        raise ValidationError(
            {
                "max_tandems": _(
                    "You accompany %(count)s people at the moment: choose at least that many."
                )
                % {"count": running}
            }
        )
    values = {
        "availability": [slot for slot in SLOTS if slot in availability],
        "offers": [value for value in Offer.values if value in offers],
        "max_tandems": max_tandems,
    }
    before = {name: getattr(volunteer, name) for name in AVAILABILITY_FIELDS}
    for name, value in values.items():
        setattr(volunteer, name, value)
    volunteer.full_clean()
    volunteer.save()
    audit_record(
        action="sponsorship.self.availability_updated",
        actor=by,
        office=volunteer.office,
        obj=volunteer,
        data={"fields": changed_fields(before, values)},
    )
    return volunteer


def _self_status(volunteer: Volunteer, by: User, *, source: str, target: str) -> Volunteer:
    _check_own(volunteer, by)
    volunteer = _locked_volunteer(volunteer)
    if volunteer.status != source:
        raise ValidationError(
            _("This is not possible while your status is “%(status)s”.")
            % {"status": VolunteerStatus(volunteer.status).label}
        )
    volunteer.status = target
    volunteer.status_changed_on = timezone.localdate()
    volunteer.save(update_fields=["status", "status_changed_on", "updated_at"])
    audit_record(
        action="sponsorship.self.status_changed",
        actor=by,
        office=volunteer.office,
        obj=volunteer,
        data={"from": source, "to": target},
    )
    return volunteer


@transaction.atomic
def self_pause(*, volunteer: Volunteer, by: User) -> Volunteer:
    """An active volunteer takes a break: no new proposals until they resume."""
    return _self_status(volunteer, by, source=VolunteerStatus.ACTIVE, target=VolunteerStatus.PAUSED)


@transaction.atomic
def self_resume(*, volunteer: Volunteer, by: User) -> Volunteer:
    return _self_status(volunteer, by, source=VolunteerStatus.PAUSED, target=VolunteerStatus.ACTIVE)


# --- The coordinators' invitation -----------------------------------------------------------------


@transaction.atomic
def volunteer_invite(*, office: Office, by: User, volunteer: Volunteer, base_url: str) -> User:
    """Give a volunteer a login (or send it again) and e-mail how to set the password.

    A new account gets an unusable password and the set-password link core sends to new team
    members; an account that already has a password gets the login address only.
    """
    policy.require(by, "sponsorship.volunteer.manage", office)
    if volunteer.office_id != office.pk:
        raise PermissionDenied("another office's volunteer")
    volunteer = _locked_volunteer(volunteer)
    if volunteer.status not in SELF_SERVICE_STATUSES:
        raise ValidationError(
            _("Only volunteers in conversation, active or paused can be invited to log in.")
        )
    user = volunteer.user
    created = False
    if user is None:
        email = User.objects.normalize_email(volunteer.email).strip()
        existing = User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).first()
        if existing is not None and Volunteer.objects.filter(user=existing).exists():
            raise ValidationError(_("Another volunteer already uses the login with this e-mail."))
        user = existing
        if user is None:
            user = User(
                username=email.lower(),
                email=email,
                first_name=volunteer.first_name,
                last_name=volunteer.last_name,
            )
            user.set_unusable_password()
            user.full_clean()
            user.save()
            created = True
            audit_record(action="core.user.created", actor=by, office=office, obj=user)
        volunteer.user = user
        volunteer.save(update_fields=["user", "updated_at"])
    needs_password = not user.has_usable_password()
    audit_record(
        action="sponsorship.volunteer.invited",
        actor=by,
        office=office,
        obj=volunteer,
        data={"user_id": user.pk, "new_account": created},
    )
    context = {
        "office": office,
        "volunteer": volunteer,
        "user": user,
        "needs_password": needs_password,
        "link": invitation_link(user=user, base_url=base_url)
        if needs_password
        else base_url.rstrip("/") + reverse("core:login"),
    }
    queue_templated_email(
        template="sponsorship/email/invite", context=context, to=[user.email or volunteer.email]
    )
    return user


def session_for(volunteer: Volunteer, session_id: int) -> TrainingSession:
    """A session of the volunteer's office, or 404."""
    return get_object_or_404(
        TrainingSession.objects.filter(office_id=volunteer.office_id), pk=session_id
    )
