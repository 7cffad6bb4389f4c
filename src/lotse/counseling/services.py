"""Writing counseling records. Every function checks the policy, validates, writes in one
transaction and leaves an audit entry that names fields, never their values."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from lotse.core import policy
from lotse.core.audit import audit_record, changed_fields
from lotse.core.models import Language, Office, Topic, User
from lotse.core.text import digits
from lotse.counseling import letters
from lotse.counseling.models import (
    INVERSE_RELATION,
    RECOGNITION_STAGE_DATES,
    REFERRAL_STATUS_DATES,
    ClientNumberCounter,
    Consent,
    ConsentPurpose,
    Consultation,
    FollowUp,
    HandoverLetter,
    HouseholdLink,
    LetterTemplate,
    Outcome,
    Person,
    RecognitionCase,
    RecognitionStage,
    Referral,
    ReferralStatus,
)
from lotse.counseling.names import name_keys
from lotse.directory.models import Service
from lotse.pool.models import PoolMember, PoolRole

#: How long a partner's link in a handover letter stays valid.
LETTER_LINK_DAYS = 90
#: A referral's follow-up date when the counselor gives none.
DEFAULT_FOLLOW_UP_DAYS = 14


def _require(user: User, action: str, office: Office) -> None:
    policy.require(user, action, office)


def _same_office(office: Office, *objects: Model | None) -> None:
    """Refuse objects of another office even when a caller forgot to scope its query."""
    for obj in objects:
        if obj is not None and getattr(obj, "office_id", office.pk) != office.pk:
            raise PermissionDenied


def require_unrestricted(*people: Person | None) -> None:
    """Art. 18 GDPR: a restricted record is kept and read, not changed, and nobody is contacted.

    Withdrawing a consent and closing a follow-up stay possible: they change nothing about the
    person and the first is the person's own right.
    """
    for person in people:
        if person is not None and person.restricted_at is not None:
            raise ValidationError(
                _(
                    "Processing of this person's data is restricted (Art. 18 GDPR): the record "
                    "can be read and exported but not changed, and nobody is contacted about it."
                )
            )


def _full_clean(obj: Model, exclude: Iterable[str] = ()) -> None:
    obj.full_clean(exclude=list(exclude), validate_unique=False, validate_constraints=False)


# --- People -------------------------------------------------------------------------------------


def next_client_number(office: Office, year: int) -> tuple[str, int]:
    """Hand out the office's next number for the year, e.g. S-2026-00042, without gaps or twins.

    The counter row is locked (select_for_update on PostgreSQL; SQLite serialises writers), so
    two counselors saving at once get different numbers. Call inside a transaction.
    """
    counter = ClientNumberCounter.objects.select_for_update().filter(office=office, year=year)
    row = counter.first()
    if row is None:
        try:
            with transaction.atomic():
                ClientNumberCounter.objects.create(office=office, year=year, last=0)
        except IntegrityError:
            pass  # a colleague created it a moment ago; lock theirs
        row = counter.get()
    row.last += 1
    row.save(update_fields=["last"])
    return f"{office.client_prefix}-{year}-{row.last:05d}", row.last


def _person_derived(person: Person) -> None:
    person.name_keys = name_keys(person.display_name, person.full_name)
    person.phone_digits = digits(person.phone)
    person.email = person.email.strip().lower()


PERSON_FIELDS = (
    "display_name",
    "full_name",
    "email",
    "phone",
    "address",
    "preferred_language",
    "nationality",
    "arrival_date",
    "arrival_is_planned",
    "time_zone",
    "profession",
    "qualification",
    "recognition_pending",
    "country_of_origin",
    "target_group",
    "residence_status",
    "whereabouts",
    "municipality",
    "abroad_country",
)


@transaction.atomic
def person_create(
    *,
    office: Office,
    by: User,
    consent_form: str,
    languages: Iterable[Language] = (),
    consent_on: dt.date | None = None,
    **fields: Any,
) -> Person:
    """Create a person with the consent to keep a counseling record (the record's legal basis)."""
    _require(by, "counseling.person.edit", office)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    today = timezone.localdate()
    # Creating the record is a contact: lists sort by it, and no NULLs sort differently on
    # PostgreSQL and SQLite.
    person = Person(office=office, created_by=by, last_contact_at=timezone.now(), **fields)
    _person_derived(person)
    _full_clean(person, exclude=["client_number", "number_year", "number_sequence"])
    consent = Consent(
        office=office,
        purpose=ConsentPurpose.COUNSELING,
        given_on=consent_on or today,
        form=consent_form,
        recorded_by=by,
    )
    _full_clean(consent, exclude=["person"])
    person.client_number, person.number_sequence = next_client_number(office, today.year)
    person.number_year = today.year
    person.save()
    person.languages.set(languages)
    consent.person = person
    consent.save()
    audit_record(action="counseling.person.created", actor=by, office=office, obj=person)
    return person


@transaction.atomic
def person_update(
    *,
    office: Office,
    by: User,
    person: Person,
    languages: Iterable[Language] | None = None,
    **fields: Any,
) -> Person:
    _require(by, "counseling.person.edit", office)
    _same_office(office, person)
    require_unrestricted(person)
    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"Unknown person fields: {sorted(unknown)}")
    if person.merged_into_id:
        raise ValidationError(_("This record was merged into another one; change that one."))
    before = {name: getattr(person, name) for name in fields}
    before_languages = {lang.pk for lang in person.languages.all()}
    for name, value in fields.items():
        setattr(person, name, value)
    _person_derived(person)
    _full_clean(person)
    person.save()
    changed = changed_fields(before, {name: getattr(person, name) for name in fields})
    if languages is not None:
        languages = list(languages)
        if {lang.pk for lang in languages} != before_languages:
            person.languages.set(languages)
            changed.append("languages")
    if changed:
        audit_record(
            action="counseling.person.updated",
            actor=by,
            office=office,
            obj=person,
            data={"fields": sorted(changed)},
        )
    return person


def _touch(person: Person | None, at: dt.datetime) -> None:
    if person is not None and (person.last_contact_at is None or at > person.last_contact_at):
        Person.objects.filter(pk=person.pk).update(last_contact_at=at)
        person.last_contact_at = at


#: What a merge moves from the merged record to the one kept.
MERGED_RELATIONS = (Consent, Consultation, Referral, Outcome, RecognitionCase, FollowUp)


@transaction.atomic
def person_merge(*, office: Office, by: User, keep: Person, merge: Person) -> Person:
    """Merge `merge` into `keep`: its history moves over, blank fields of `keep` are filled.

    The merged record stays as a pointer (`merged_into`) without personal data, so links and
    client numbers people still quote lead to the kept record.
    """
    _require(by, "counseling.person.merge", office)
    _same_office(office, keep, merge)
    require_unrestricted(keep, merge)
    if keep.pk == merge.pk:
        raise ValidationError(_("A record cannot be merged with itself."))
    if keep.merged_into_id or merge.merged_into_id:
        raise ValidationError(_("One of the records was already merged into another."))
    locked = {
        p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[keep.pk, merge.pk])
    }
    keep, merge = locked[keep.pk], locked[merge.pk]
    filled = []
    empty = ("", None, False)
    for name in PERSON_FIELDS:
        attname = Person._meta.get_field(name).attname
        if getattr(keep, attname) in empty and getattr(merge, attname) not in empty:
            setattr(keep, attname, getattr(merge, attname))
            filled.append(name)
    keep.languages.add(*merge.languages.all())
    moved: dict[str, int] = {}
    for model in MERGED_RELATIONS:
        rows = model.objects.filter(person=merge)
        if model is Consent:
            # Keep the kept record's active consents; the merged one's active ones for purposes
            # the kept record lacks move over, the rest stay as history, withdrawn on merge day.
            active = set(
                Consent.objects.filter(person=keep, withdrawn_on__isnull=True).values_list(
                    "purpose", flat=True
                )
            )
            rows.filter(withdrawn_on__isnull=True, purpose__in=active).update(
                withdrawn_on=timezone.localdate()
            )
        updates: dict[str, Any] = {"person": keep}
        if hasattr(model, "subject"):
            updates["subject"] = keep.subject
        moved[model._meta.model_name] = rows.update(**updates)
    for link in HouseholdLink.objects.filter(person=merge).exclude(relative=keep):
        household_link_add(
            office=office, by=by, person=keep, relative=link.relative, relation=link.relation
        )
    HouseholdLink.objects.filter(person=merge).delete()
    HouseholdLink.objects.filter(relative=merge).delete()
    if merge.last_contact_at and (
        keep.last_contact_at is None or merge.last_contact_at > keep.last_contact_at
    ):
        keep.last_contact_at = merge.last_contact_at
    _person_derived(keep)
    keep.save()
    # The pointer keeps its client number (people quote it) and nothing personal.
    for name in PERSON_FIELDS:
        field = Person._meta.get_field(name)
        if name != "whereabouts":
            setattr(merge, field.attname, field.get_default())
    merge.display_name = _("(merged into %(number)s)") % {"number": keep.client_number}
    merge.merged_into = keep
    _person_derived(merge)
    merge.save()
    merge.languages.clear()
    audit_record(
        action="counseling.person.merged",
        actor=by,
        office=office,
        obj=keep,
        data={"merged": merge.pk, "filled": filled, "moved": moved},
    )
    audit_record(
        action="counseling.person.merged_away",
        actor=by,
        office=office,
        obj=merge,
        data={"into": keep.pk},
    )
    return keep


@transaction.atomic
def household_link_add(
    *, office: Office, by: User, person: Person, relative: Person, relation: str
) -> HouseholdLink:
    """Link two people of the office, both ways (A is B's parent, B is A's child)."""
    _require(by, "counseling.person.edit", office)
    _same_office(office, person, relative)
    require_unrestricted(person, relative)
    if person.pk == relative.pk:
        raise ValidationError(_("A person cannot be their own relative."))
    if person.merged_into_id or relative.merged_into_id:
        raise ValidationError(_("Merged records cannot be linked."))
    link, _created = HouseholdLink.objects.update_or_create(
        person=person, relative=relative, defaults={"relation": relation, "office": office}
    )
    HouseholdLink.objects.update_or_create(
        person=relative,
        relative=person,
        defaults={"relation": INVERSE_RELATION[relation], "office": office},
    )
    audit_record(
        action="counseling.household.linked",
        actor=by,
        office=office,
        obj=person,
        data={"relative": relative.pk, "relation": relation},
    )
    return link


@transaction.atomic
def household_link_remove(*, office: Office, by: User, link: HouseholdLink) -> None:
    _require(by, "counseling.person.edit", office)
    _same_office(office, link)
    require_unrestricted(link.person)
    HouseholdLink.objects.filter(person=link.relative_id, relative=link.person_id).delete()
    audit_record(
        action="counseling.household.unlinked",
        actor=by,
        office=office,
        obj=link.person,
        data={"relative": link.relative_id},
    )
    link.delete()


# --- Consent ------------------------------------------------------------------------------------


def active_consent(person: Person, purpose: str) -> Consent | None:
    return Consent.objects.filter(person=person, purpose=purpose, withdrawn_on__isnull=True).first()


#: Why each purpose's consent is needed, said when an action is refused without it.
CONSENT_NEEDED = {
    ConsentPurpose.COUNSELING: _lazy(
        "%(name)s has not consented to a counseling record, or withdrew it."
    ),
    ConsentPurpose.REFERRAL_HANDOVER: _lazy(
        "%(name)s has not consented to handing their details to a partner. Record the consent "
        "first, or give them the partner's contact instead."
    ),
    ConsentPurpose.EMAIL_CONTACT: _lazy("%(name)s has not consented to contact by e-mail."),
    ConsentPurpose.SPONSOR_PROGRAM: _lazy("%(name)s has not consented to the sponsor program."),
    ConsentPurpose.EVENTS: _lazy("%(name)s has not consented to invitations to events."),
}


def require_consent(person: Person, purpose: str) -> Consent:
    consent = active_consent(person, purpose)
    if consent is None:
        raise ValidationError(str(CONSENT_NEEDED[purpose]) % {"name": person.display_name})
    return consent


@transaction.atomic
def consent_give(
    *, office: Office, by: User, person: Person, purpose: str, given_on: dt.date, form: str
) -> Consent:
    _require(by, "counseling.person.edit", office)
    _same_office(office, person)
    require_unrestricted(person)
    if active_consent(person, purpose) is not None:
        raise ValidationError(_("This consent is already in force."))
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("A consent cannot be given in the future.")})
    consent = Consent(
        office=office, person=person, purpose=purpose, given_on=given_on, form=form, recorded_by=by
    )
    _full_clean(consent)
    consent.save()
    audit_record(
        action="counseling.consent.given",
        actor=by,
        office=office,
        obj=person,
        data={"purpose": purpose, "form": form},
    )
    return consent


@transaction.atomic
def consent_withdraw(
    *, office: Office, by: User, consent: Consent, withdrawn_on: dt.date | None = None
) -> Consent:
    _require(by, "counseling.person.edit", office)
    _same_office(office, consent)
    withdrawn_on = withdrawn_on or timezone.localdate()
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    if withdrawn_on < consent.given_on:
        raise ValidationError(_("A consent cannot be withdrawn before it was given."))
    if withdrawn_on > timezone.localdate():
        raise ValidationError(_("A withdrawal cannot lie in the future."))
    consent.withdrawn_on = withdrawn_on
    consent.save(update_fields=["withdrawn_on"])
    audit_record(
        action="counseling.consent.withdrawn",
        actor=by,
        office=office,
        obj=consent.person,
        data={"purpose": consent.purpose},
    )
    return consent


# --- Consultations ------------------------------------------------------------------------------

CONSULTATION_FIELDS = (
    "counselor",
    "started_at",
    "channel",
    "duration_minutes",
    "language",
    "interpreter",
    "interpreted_by",
    "notes",
    "outcome",
    "next_steps",
)


def _check_when(started_at: dt.datetime) -> None:
    now = timezone.now()
    if started_at > now + dt.timedelta(hours=1):
        raise ValidationError({"started_at": _("A consultation cannot lie in the future.")})
    if started_at < now - dt.timedelta(days=366 * 5):
        raise ValidationError({"started_at": _("This date lies more than five years back.")})


def _check_topics(topics: list[Topic]) -> None:
    if not topics:
        raise ValidationError({"topics": _("Choose at least one topic.")})


def _check_interpreter(office: Office, fields: dict[str, Any], *, kept: int | None = None) -> None:
    """A newly named interpreter is an active interpreter of the office's pool; naming one
    means the consultation was interpreted. `kept`: the one named before, who stays valid."""
    member: PoolMember | None = fields.get("interpreted_by")
    if member is None:
        return
    fields["interpreter"] = True
    if member.pk == kept:
        return
    if (
        member.office_id != office.pk
        or not member.is_active
        or PoolRole.INTERPRETER not in (member.roles or [])
    ):
        raise ValidationError(
            {"interpreted_by": _("Choose an active interpreter from your office's pool.")}
        )


@transaction.atomic
def consultation_record(
    *,
    office: Office,
    by: User,
    person: Person,
    topics: Iterable[Topic],
    **fields: Any,
) -> Consultation:
    """Record a consultation with a person, with a snapshot of their situation at the time."""
    _require(by, "counseling.consultation.record", office)
    _same_office(office, person)
    require_unrestricted(person)
    if person.merged_into_id:
        raise ValidationError(_("This record was merged into another one; use that one."))
    require_consent(person, ConsentPurpose.COUNSELING)
    topics = list(topics)
    _check_topics(topics)
    _check_interpreter(office, fields)
    fields.setdefault("counselor", by)
    consultation = Consultation(
        office=office, person=person, subject=person.subject, **person.situation(), **fields
    )
    _check_when(consultation.started_at)
    _full_clean(consultation)
    consultation.save()
    consultation.topics.set(topics)
    _touch(person, consultation.started_at)
    audit_record(
        action="counseling.consultation.created", actor=by, office=office, obj=consultation
    )
    return consultation


@transaction.atomic
def consultation_update(
    *,
    office: Office,
    by: User,
    consultation: Consultation,
    topics: Iterable[Topic] | None = None,
    **fields: Any,
) -> Consultation:
    _require(by, "counseling.consultation.record", office)
    _same_office(office, consultation)
    require_unrestricted(consultation.person)
    _check_interpreter(office, fields, kept=consultation.interpreted_by_id)
    before = {name: getattr(consultation, name) for name in fields}
    for name, value in fields.items():
        setattr(consultation, name, value)
    _check_when(consultation.started_at)
    _full_clean(consultation)
    consultation.save()
    changed = changed_fields(before, {name: getattr(consultation, name) for name in fields})
    if topics is not None:
        topics = list(topics)
        _check_topics(topics)
        if {t.pk for t in topics} != {t.pk for t in consultation.topics.all()}:
            consultation.topics.set(topics)
            changed.append("topics")
    _touch(consultation.person, consultation.started_at)
    if changed:
        audit_record(
            action="counseling.consultation.updated",
            actor=by,
            office=office,
            obj=consultation,
            data={"fields": sorted(changed)},
        )
    return consultation


@transaction.atomic
def anonymous_contact_record(
    *, office: Office, by: User, topics: Iterable[Topic], **fields: Any
) -> Consultation:
    """A walk-in or phone question with statistical facts only; counts like any consultation."""
    _require(by, "counseling.consultation.record", office)
    allowed = {
        "country_of_origin",
        "target_group",
        "channel",
        "language",
        "whereabouts",
        "started_at",
        "duration_minutes",
        "interpreter",
    }
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"Anonymous contacts hold no {sorted(unknown)}")
    topics = list(topics)
    _check_topics(topics)
    consultation = Consultation(office=office, is_anonymous=True, counselor=by, **fields)
    _check_when(consultation.started_at)
    _full_clean(consultation)
    consultation.save()
    consultation.topics.set(topics)
    audit_record(
        action="counseling.anonymous_contact.created", actor=by, office=office, obj=consultation
    )
    return consultation


# --- Referrals ----------------------------------------------------------------------------------


def _check_service(service: Service) -> None:
    if service.is_archived:
        raise ValidationError(
            {"service": _("This service is archived and takes no referrals. Choose another.")}
        )


@transaction.atomic
def referral_create(
    *,
    office: Office,
    by: User,
    person: Person,
    service: Service,
    topic: Topic | None = None,
    reason: str = "",
    follow_up_on: dt.date | None = None,
    consultation: Consultation | None = None,
    status: str = ReferralStatus.SUGGESTED,
) -> Referral:
    _require(by, "counseling.referral.manage", office)
    _same_office(office, person, consultation)
    require_unrestricted(person)
    if person.merged_into_id:
        raise ValidationError(_("This record was merged into another one; use that one."))
    require_consent(person, ConsentPurpose.COUNSELING)
    _check_service(service)
    today = timezone.localdate()
    if follow_up_on is not None and follow_up_on < today:
        raise ValidationError({"follow_up_on": _("The follow-up date cannot lie in the past.")})
    referral = Referral(
        office=office,
        person=person,
        subject=person.subject,
        **person.situation(),
        consultation=consultation,
        service=service,
        topic=topic,
        reason=reason,
        status=status,
        suggested_on=today,
        follow_up_on=follow_up_on or today + dt.timedelta(days=DEFAULT_FOLLOW_UP_DAYS),
        created_by=by,
    )
    if status != ReferralStatus.SUGGESTED:
        setattr(referral, REFERRAL_STATUS_DATES[status], today)
    _full_clean(referral)
    referral.save()
    audit_record(
        action="counseling.referral.created",
        actor=by,
        office=office,
        obj=referral,
        data={"service": service.pk, "status": status},
    )
    return referral


def _stamp_status(referral: Referral, status: str, on: dt.date) -> None:
    referral.status = status
    date_field = REFERRAL_STATUS_DATES[ReferralStatus(status)]
    if getattr(referral, date_field) is None or status == ReferralStatus.SUGGESTED:
        setattr(referral, date_field, on)


@transaction.atomic
def referral_set_status(
    *,
    office: Office,
    by: User,
    referral: Referral,
    status: str,
    on: dt.date | None = None,
    follow_up_on: dt.date | None = None,
) -> Referral:
    _require(by, "counseling.referral.manage", office)
    _same_office(office, referral)
    require_unrestricted(referral.person)
    on = on or timezone.localdate()
    if status not in ReferralStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    if on > timezone.localdate():
        raise ValidationError({"on": _("A status cannot be reached in the future.")})
    if on < referral.suggested_on:
        raise ValidationError({"on": _("This date lies before the referral was made.")})
    before = referral.status
    _stamp_status(referral, status, on)
    if follow_up_on is not None:
        referral.follow_up_on = follow_up_on
    referral.save()
    audit_record(
        action="counseling.referral.status_changed",
        actor=by,
        office=office,
        obj=referral,
        data={"from": before, "to": status},
    )
    return referral


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def letter_send(
    *,
    office: Office,
    by: User,
    referral: Referral,
    recipient: str,
    link_base: str,
) -> HandoverLetter:
    """Send the handover letter to the partner through the task queue, with a one-time link.

    Needs the client's consent to the handover. `link_base` is the absolute URL of the
    partner's answer pages, e.g. https://host/partner/referral/ (the view knows the host); the
    link is `<link_base>/<token>/`.
    """
    _require(by, "counseling.referral.manage", office)
    _same_office(office, referral)
    require_unrestricted(referral.person)
    person = referral.person
    if person is None:
        raise ValidationError(_("The person of this referral was erased."))
    require_consent(person, ConsentPurpose.REFERRAL_HANDOVER)
    _check_service(referral.service)
    if not referral.is_open:
        raise ValidationError(_("This referral is closed."))
    token = secrets.token_urlsafe(32)
    letter = HandoverLetter(
        office=office,
        referral=referral,
        recipient=recipient,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + dt.timedelta(days=LETTER_LINK_DAYS),
        sent_by=by,
    )
    link = f"{link_base.rstrip('/')}/{token}/"
    composed = letters.compose(referral=referral, link=link, sender=by)
    letter.languages = composed.languages
    _full_clean(letter)
    letter.save()
    if referral.status == ReferralStatus.SUGGESTED:
        _stamp_status(referral, ReferralStatus.HANDED_OVER, timezone.localdate())
        referral.save()
    letters.queue(composed, recipient=recipient, reply_to=office.email)
    audit_record(
        action="counseling.referral.letter_sent",
        actor=by,
        office=office,
        obj=referral,
        data={"letter": letter.pk, "languages": composed.languages},
    )
    return letter


class LinkError(Exception):
    """The partner's link is unknown, expired or already answered; the message says which and
    `kind` lets the page answer with the fitting status (404 unknown, 410 spent)."""

    def __init__(self, message: str, kind: str = "answered") -> None:
        super().__init__(message)
        self.kind = kind


def letter_for_token(token: str) -> HandoverLetter:
    """The letter a partner's link belongs to (without scope: the partner has no office)."""
    letter = (
        HandoverLetter.objects.select_related(
            "referral__service__organisation", "referral__person", "office"
        )
        .filter(token_hash=_token_hash(token))
        .first()
    )
    if letter is None:
        raise LinkError(
            _("This link is not valid. Please contact the Welcome Center."), kind="unknown"
        )
    if letter.expires_at < timezone.now():
        raise LinkError(
            _("This link has expired. Please contact the Welcome Center."), kind="expired"
        )
    return letter


#: What a partner may answer, and which answers end the link.
PARTNER_ANSWERS = {
    "arrived": ReferralStatus.ARRIVED,
    "completed": ReferralStatus.COMPLETED,
    "declined": ReferralStatus.NOT_TAKEN_UP,
}
FINAL_ANSWERS = {"completed", "declined"}


@transaction.atomic
def partner_answer(*, token: str, answer: str) -> HandoverLetter:
    """The partner confirms arrival or completion, or declines. The link takes each answer once
    and no more after a final one (completed, declined)."""
    if answer not in PARTNER_ANSWERS:
        raise LinkError(_("Unknown answer."), kind="invalid")
    letter = letter_for_token(token)
    letter = HandoverLetter.objects.select_for_update().get(pk=letter.pk)
    if letter.used_at is not None and letter.answer in FINAL_ANSWERS:
        raise LinkError(_("Thank you, this referral was already answered."))
    if letter.answer == answer:
        raise LinkError(_("Thank you, this answer was already recorded."))
    referral = Referral.objects.select_for_update().get(pk=letter.referral_id)
    if referral.status in (ReferralStatus.COMPLETED, ReferralStatus.NOT_TAKEN_UP):
        raise LinkError(_("Thank you, this referral is already closed."))
    _stamp_status(referral, PARTNER_ANSWERS[answer], timezone.localdate())
    referral.partner_confirmed_at = timezone.now()
    referral.save()
    letter.used_at = timezone.now()
    letter.answer = answer
    letter.save(update_fields=["used_at", "answer"])
    audit_record(
        action="counseling.referral.partner_answered",
        office=letter.office,
        obj=referral,
        data={"answer": answer, "letter": letter.pk},
    )
    return letter


@transaction.atomic
def letter_template_save(
    *, office: Office, by: User, language: str, subject: str, body: str
) -> LetterTemplate:
    _require(by, "counseling.letter_template.edit", office)
    letters.validate_template(subject, body)
    template, _created = LetterTemplate.objects.update_or_create(
        office=office, language=language, defaults={"subject": subject, "body": body}
    )
    audit_record(
        action="counseling.letter_template.saved",
        actor=by,
        office=office,
        obj=template,
        data={"language": language},
    )
    return template


# --- Outcomes and recognition --------------------------------------------------------------------


@transaction.atomic
def outcome_record(
    *, office: Office, by: User, person: Person, kind: str, reached_on: dt.date, note: str = ""
) -> Outcome:
    _require(by, "counseling.person.edit", office)
    _same_office(office, person)
    require_unrestricted(person)
    if reached_on > timezone.localdate():
        raise ValidationError({"reached_on": _("A milestone cannot be reached in the future.")})
    outcome = Outcome(
        office=office,
        person=person,
        subject=person.subject,
        **person.situation(),
        kind=kind,
        reached_on=reached_on,
        note=note,
        recorded_by=by,
    )
    _full_clean(outcome)
    outcome.save()
    audit_record(
        action="counseling.outcome.recorded",
        actor=by,
        office=office,
        obj=person,
        data={"kind": kind},
    )
    return outcome


@transaction.atomic
def outcome_delete(*, office: Office, by: User, outcome: Outcome) -> None:
    _require(by, "counseling.person.edit", office)
    _same_office(office, outcome)
    require_unrestricted(outcome.person)
    audit_record(
        action="counseling.outcome.deleted",
        actor=by,
        office=office,
        obj=outcome.person,
        data={"kind": outcome.kind},
    )
    outcome.delete()


RECOGNITION_FIELDS = ("profession", "country", "reference_occupation", "referral")


@transaction.atomic
def recognition_save(
    *,
    office: Office,
    by: User,
    person: Person,
    case: RecognitionCase | None = None,
    stage: str | None = None,
    on: dt.date | None = None,
    decision: str = "",
    **fields: Any,
) -> RecognitionCase:
    """Create or update a recognition case; moving to a stage stamps its date.

    Reaching "applied" and a positive decision also record the matching outcome milestones, so
    the counselor enters each fact once.
    """
    _require(by, "counseling.person.edit", office)
    _same_office(office, person, case, fields.get("referral"))
    require_unrestricted(person)
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("A stage cannot be reached in the future.")})
    created = case is None
    case = case or RecognitionCase(office=office, person=person, collected_on=on)
    for name, value in fields.items():
        if name not in RECOGNITION_FIELDS:
            raise TypeError(name)
        setattr(case, name, value)
    previous = None if created else case.stage
    if stage is not None and stage != case.stage:
        order = list(RecognitionStage.values)
        if order.index(stage) < order.index(case.stage):
            raise ValidationError({"stage": _("A case does not go back to an earlier stage.")})
        case.stage = stage
        # Stages passed over on the way are stamped with the same date.
        for passed in order[: order.index(stage) + 1]:
            date_field = RECOGNITION_STAGE_DATES[RecognitionStage(passed)]
            if getattr(case, date_field) is None:
                setattr(case, date_field, on)
    if decision:
        case.decision = decision
    _full_clean(case)
    if (
        case.stage == RecognitionStage.DECIDED
        and case.decided_on
        and case.applied_on
        and case.decided_on < case.applied_on
    ):
        raise ValidationError({"on": _("A decision cannot come before the application.")})
    case.save()
    if previous != case.stage:
        if case.stage in (RecognitionStage.APPLIED, RecognitionStage.DECIDED) and (
            previous not in (RecognitionStage.APPLIED, RecognitionStage.DECIDED)
        ):
            outcome_record(
                office=office,
                by=by,
                person=person,
                kind="recognition_applied",
                reached_on=case.applied_on or on,
            )
        if case.stage == RecognitionStage.DECIDED and case.decision in ("full", "partial"):
            outcome_record(
                office=office,
                by=by,
                person=person,
                kind="recognition_granted",
                reached_on=case.decided_on or on,
                note=case.get_decision_display(),
            )
    if person.recognition_pending != (case.stage != RecognitionStage.DECIDED):
        Person.objects.filter(pk=person.pk).update(
            recognition_pending=case.stage != RecognitionStage.DECIDED
        )
    audit_record(
        action="counseling.recognition.created" if created else "counseling.recognition.updated",
        actor=by,
        office=office,
        obj=case,
        data={"stage": case.stage},
    )
    return case


# --- Follow-ups ---------------------------------------------------------------------------------


@transaction.atomic
def follow_up_create(
    *,
    office: Office,
    by: User,
    person: Person,
    title: str,
    due_on: dt.date,
    assigned_to: User | None = None,
    referral: Referral | None = None,
) -> FollowUp:
    _require(by, "counseling.person.edit", office)
    _same_office(office, person, referral)
    require_unrestricted(person)
    assigned_to = assigned_to or by
    if assigned_to.pk != by.pk and not policy.can(assigned_to, "counseling.person.view", office):
        raise ValidationError({"assigned_to": _("This person does not work on counseling here.")})
    if due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot lie in the past.")})
    follow_up = FollowUp(
        office=office,
        person=person,
        title=title.strip(),
        due_on=due_on,
        assigned_to=assigned_to,
        referral=referral,
        created_by=by,
    )
    _full_clean(follow_up)
    follow_up.save()
    audit_record(action="counseling.follow_up.created", actor=by, office=office, obj=follow_up)
    return follow_up


@transaction.atomic
def follow_up_set_done(
    *, office: Office, by: User, follow_up: FollowUp, done: bool = True
) -> FollowUp:
    _require(by, "counseling.person.edit", office)
    _same_office(office, follow_up)
    follow_up.done_at = timezone.now() if done else None
    follow_up.save(update_fields=["done_at"])
    audit_record(
        action="counseling.follow_up.done" if done else "counseling.follow_up.reopened",
        actor=by,
        office=office,
        obj=follow_up,
    )
    return follow_up
