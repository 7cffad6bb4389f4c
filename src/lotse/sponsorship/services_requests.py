"""Writing sponsorship requests: a counselor asks from a person's record, a newcomer asks in the
portal (a counselor confirms and links the record later), a coordinator closes.

A request tied to a person needs the person's consent to the sponsor program in force: their
needs and contact data reach the coordinators and, once matched, a volunteer.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core import policy
from lotse.core.audit import audit_record
from lotse.core.models import Language, Office, User
from lotse.counseling.models import ConsentPurpose, Person
from lotse.counseling.services import require_consent, require_unrestricted
from lotse.sponsorship.models import (
    SLOTS,
    Offer,
    Preference,
    RequestSource,
    RequestStatus,
    SponsorshipRequest,
    Urgency,
)

#: Requests still waiting for a sponsor; closing or confirming only applies to these.
OPEN_STATUSES = (RequestStatus.TO_CONFIRM, RequestStatus.WAITING)


def _wishes(
    *, needs: Iterable[str], languages: Iterable[str], availability: Iterable[str]
) -> dict[str, list[str]]:
    """Known needs, slots and languages, in a stable order; at least one of each."""
    needs, languages, availability = list(needs), list(languages), list(availability)
    errors: dict[str, str] = {}
    if not needs:
        errors["needs"] = _("Tick at least one kind of help.")
    elif any(need not in Offer.values for need in needs):
        errors["needs"] = _("Choose from the offered kinds of help.")
    if not availability:
        errors["availability"] = _("Tick at least one time of the week.")
    elif any(slot not in SLOTS for slot in availability):
        errors["availability"] = _("Choose from the offered times.")
    codes = list(dict.fromkeys(code for code in languages if code))
    if not codes:
        errors["languages"] = _("Name at least one language.")
    elif Language.objects.filter(code__in=codes).count() != len(codes):
        errors["languages"] = _("Choose from the offered languages.")
    if errors:
        raise ValidationError(errors)
    return {
        "needs": [value for value in Offer.values if value in needs],
        "languages": codes,
        "availability": [slot for slot in SLOTS if slot in availability],
    }


def _same_office(office: Office, person: Person) -> None:
    if person.office_id != office.pk:
        raise ValidationError(_("This person belongs to another office."))
    require_unrestricted(person)


def _full_clean(request: SponsorshipRequest) -> None:
    # The validated JSON lists and the person are set by the service, not by the model's checks.
    request.full_clean(exclude=["person", "requested_by"])


@transaction.atomic
def request_for_person(
    *,
    office: Office,
    by: User,
    person: Person,
    needs: Iterable[str],
    languages: Iterable[str],
    district: str,
    availability: Iterable[str],
    kind: str = Preference.SINGLE,
    has_children: bool = False,
    gender_preference: str = "",
    interests: str = "",
    urgency: str = Urgency.NORMAL,
    note: str = "",
) -> SponsorshipRequest:
    """A counselor asks for a sponsor for a person (or family) from their record."""
    policy.require(by, "sponsorship.request.create", office)
    _same_office(office, person)
    require_consent(person, ConsentPurpose.SPONSOR_PROGRAM)
    wishes = _wishes(needs=needs, languages=languages, availability=availability)
    now = timezone.now()
    request = SponsorshipRequest(
        office=office,
        person=person,
        subject=person.subject,
        source=RequestSource.COUNSELOR,
        status=RequestStatus.WAITING,
        district=district.strip(),
        kind=kind,
        has_children=has_children,
        gender_preference=gender_preference,
        interests=interests.strip(),
        urgency=urgency,
        note=note.strip(),
        requested_by=by,
        created_at=now,
        waiting_since=now,
        **wishes,
    )
    _full_clean(request)
    request.save()
    audit_record(
        action="sponsorship.request.created",
        actor=by,
        office=office,
        obj=request,
        data={"source": request.source, "urgency": request.urgency},
    )
    return request


@transaction.atomic
def request_from_portal(
    *,
    office: Office,
    contact_name: str,
    contact_email: str = "",
    contact_phone: str = "",
    needs: Iterable[str],
    languages: Iterable[str],
    district: str,
    availability: Iterable[str],
    kind: str = Preference.SINGLE,
    has_children: bool = False,
    gender_preference: str = "",
    note: str = "",
) -> SponsorshipRequest:
    """A newcomer asks in the portal: public, no login; consent is part of the form.

    It waits for a counselor to confirm it and link the person's record (`request_confirm`).
    """
    contact_email = contact_email.strip().lower()
    contact_phone = contact_phone.strip()
    errors: dict[str, str] = {}
    if not contact_name.strip():
        errors["contact_name"] = _("Tell us your name.")
    if not contact_email and not contact_phone:
        errors["contact_email"] = _("Give an e-mail address or a phone number.")
    try:
        wishes = _wishes(needs=needs, languages=languages, availability=availability)
    except ValidationError as error:
        errors.update({name: messages[0] for name, messages in error.message_dict.items()})
    if errors:
        raise ValidationError(errors)
    request = SponsorshipRequest(
        office=office,
        source=RequestSource.PORTAL,
        status=RequestStatus.TO_CONFIRM,
        contact_name=contact_name.strip(),
        contact_email=contact_email,
        contact_phone=contact_phone,
        district=district.strip(),
        kind=kind,
        has_children=has_children,
        gender_preference=gender_preference,
        note=note.strip(),
        **wishes,
    )
    _full_clean(request)
    request.save()
    audit_record(
        action="sponsorship.request.created",
        office=office,
        obj=request,
        data={"source": request.source},
    )
    return request


@transaction.atomic
def request_confirm(
    *, office: Office, by: User, request: SponsorshipRequest, person: Person
) -> SponsorshipRequest:
    """A counselor confirms a portal request: it joins the queue, tied to the person's record.

    The contact fields are cleared: the record holds the person's contact data now, and one
    copy is easier to keep right and to erase.
    """
    policy.require(by, "sponsorship.request.create", office)
    if request.office_id != office.pk:
        raise ValidationError(_("This request belongs to another office."))
    if request.status != RequestStatus.TO_CONFIRM:
        raise ValidationError(_("Only requests from the portal waiting for a check are confirmed."))
    _same_office(office, person)
    if person.merged_into_id:
        raise ValidationError(_("This record was merged into another one; choose that one."))
    require_consent(person, ConsentPurpose.SPONSOR_PROGRAM)
    request.person = person
    request.subject = person.subject
    request.status = RequestStatus.WAITING
    request.waiting_since = timezone.now()
    request.contact_name = request.contact_email = request.contact_phone = ""
    request.save(
        update_fields=[
            "person",
            "subject",
            "status",
            "waiting_since",
            "contact_name",
            "contact_email",
            "contact_phone",
        ]
    )
    audit_record(action="sponsorship.request.confirmed", actor=by, office=office, obj=request)
    return request


@transaction.atomic
def request_close(
    *, office: Office, by: User, request: SponsorshipRequest, reason: str
) -> SponsorshipRequest:
    """A coordinator takes a request out of the queue (no longer needed, no answer, ...)."""
    policy.require(by, "sponsorship.request.manage", office)
    if request.office_id != office.pk:
        raise ValidationError(_("This request belongs to another office."))
    if request.status not in OPEN_STATUSES:
        raise ValidationError(_("This request is no longer open."))
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the request is closed.")})
    request.status = RequestStatus.CLOSED
    request.closed_at = timezone.now()
    request.close_reason = reason[:200]
    request.save(update_fields=["status", "closed_at", "close_reason"])
    # The reason is free text and may name the person: the audit keeps only the event.
    audit_record(action="sponsorship.request.closed", actor=by, office=office, obj=request)
    return request
