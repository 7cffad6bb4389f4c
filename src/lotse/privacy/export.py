"""The access export (Art. 15 and Art. 20 GDPR): everything Lotse holds about a person of the
counseling app, with the information Art. 15 (1) asks for, as JSON and as a readable PDF.

`collect()` gathers it as plain JSON values: keys are the models' field names, so the file stays
machine-readable (portability), and values are what staff see (country and language names,
choice labels), so the person can read it. Dates are ISO 8601, times in the office's time zone
with their offset. The PDF is printed from the same dictionary, so both files always agree.

A person's own rows hang on `Person` by foreign key; event registrations are matched by e-mail
or phone (`subjects.registrations_of`). Everything is read in the person's office, whatever
scope the caller has open, with a fixed number of queries however long the record is.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models
from django.db.models import Prefetch, Q
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scope, scopes_disabled

from lotse.core.audit import action_label, object_type_label
from lotse.core.choices import SLOT_LABELS
from lotse.core.models import AuditEntry, Language, Office
from lotse.core.pdf import html_to_pdf
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
)
from lotse.directory.models import Service
from lotse.events.models import Event, Registration
from lotse.privacy import records
from lotse.privacy.register import declaration_for
from lotse.privacy.subjects import registrations_of
from lotse.sponsorship.models import CheckIn, Offer, SponsorshipRequest, Tandem

#: Raised when the file's structure changes in a way a reader of older files must know.
FORMAT_VERSION = 1


def person_get(*, office: Office, person_id: int) -> Person:
    """The office's record (merged and restricted ones too), or 404 for any other."""
    with scope(office=[office.pk]):
        person = (
            Person.objects.filter(office=office, pk=person_id)
            .select_related(
                "office",
                "country_of_origin",
                "nationality",
                "target_group",
                "residence_status",
                "abroad_country",
                "preferred_language",
            )
            .prefetch_related("languages")
            .first()
        )
    if person is None:
        raise Http404
    return person


# --- Values ----------------------------------------------------------------------------------


def plain(value: Any) -> Any:
    """A JSON value for a model value: dates ISO 8601, times local with offset, labels as text."""
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).isoformat(timespec="seconds")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Promise | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


def field_value(obj: models.Model, name: str) -> Any:
    """The readable value of one field: names for relations, labels for choices."""
    model_field = obj._meta.get_field(name)
    if model_field.many_to_many:
        return [str(item) for item in getattr(obj, name).all()]
    if model_field.is_relation:
        related = getattr(obj, name)
        return None if related is None else str(related)
    value = getattr(obj, name)
    if model_field.choices and value not in (None, ""):
        return str(getattr(obj, f"get_{name}_display")())
    return plain(value)


def _name(user: Any) -> str | None:
    return None if user is None else str(user)


def _labels(codes: Iterable[str], labels: dict[str, Any]) -> list[str]:
    return [str(labels.get(code, code)) for code in codes or ()]


# --- Collecting ------------------------------------------------------------------------------


def _person_fields(person: Person) -> dict[str, Any]:
    declaration = declaration_for("counseling.Person")
    names = declaration.fields if declaration is not None else ()
    return {name: field_value(person, name) for name in names}


def _consent(consent: Consent) -> dict[str, Any]:
    names = ("purpose", "given_on", "form", "withdrawn_on")
    return {"id": consent.pk, **{name: field_value(consent, name) for name in names}}


def _household(link: HouseholdLink) -> dict[str, Any]:
    return {
        "relative": link.relative.display_name,
        "client_number": link.relative.client_number,
        "relation": field_value(link, "relation"),
    }


def _consultation(consultation: Consultation) -> dict[str, Any]:
    return {
        "id": consultation.pk,
        "started_at": plain(consultation.started_at),
        "channel": field_value(consultation, "channel"),
        "duration_minutes": consultation.duration_minutes,
        "topics": sorted(str(topic) for topic in consultation.topics.all()),
        "language": field_value(consultation, "language"),
        "interpreter": consultation.interpreter,
        "interpreted_by": consultation.interpreted_by.name if consultation.interpreted_by else None,
        "counselor": _name(consultation.counselor),
        "notes": consultation.notes,
        "outcome": consultation.outcome,
        "next_steps": consultation.next_steps,
    }


def _referral(referral: Referral) -> dict[str, Any]:
    service = referral.service
    return {
        "id": referral.pk,
        "service": service.title,
        "organisation": service.organisation.name,
        "topic": field_value(referral, "topic"),
        "status": field_value(referral, "status"),
        **{
            name: plain(getattr(referral, name))
            for name in (
                "suggested_on",
                "handed_over_on",
                "arrived_on",
                "completed_on",
                "not_taken_up_on",
                "follow_up_on",
            )
        },
        "reason": referral.reason,
        "partner_confirmed_at": plain(referral.partner_confirmed_at),
        "letters": [
            {"id": letter.pk, "sent_at": plain(letter.sent_at), "recipient": letter.recipient}
            for letter in referral.letters.all()
        ],
    }


def _outcome(outcome: Outcome) -> dict[str, Any]:
    return {
        "id": outcome.pk,
        "kind": field_value(outcome, "kind"),
        "reached_on": plain(outcome.reached_on),
        "note": outcome.note,
    }


def _recognition(case: RecognitionCase) -> dict[str, Any]:
    names = (
        "profession",
        "country",
        "reference_occupation",
        "stage",
        "collected_on",
        "handed_on",
        "applied_on",
        "decided_on",
        "decision",
    )
    return {"id": case.pk, **{name: field_value(case, name) for name in names}}


def _follow_up(follow_up: FollowUp) -> dict[str, Any]:
    return {
        "id": follow_up.pk,
        "title": follow_up.title,
        "due_on": plain(follow_up.due_on),
        "done_at": plain(follow_up.done_at),
    }


def _request(request: SponsorshipRequest, languages: dict[str, str]) -> dict[str, Any]:
    return {
        "id": request.pk,
        "created_at": plain(request.created_at),
        "status": field_value(request, "status"),
        "kind": field_value(request, "kind"),
        "needs": _labels(request.needs, dict(Offer.choices)),
        "languages": _labels(request.languages, languages),
        "district": request.district,
        "availability": _labels(request.availability, SLOT_LABELS),
        "has_children": request.has_children,
        "gender_preference": field_value(request, "gender_preference"),
        "interests": request.interests,
        "urgency": field_value(request, "urgency"),
        "note": request.note,
        "contact_name": request.contact_name,
        "contact_email": request.contact_email,
        "contact_phone": request.contact_phone,
        "closed_at": plain(request.closed_at),
        "close_reason": request.close_reason,
    }


def _tandem(tandem: Tandem) -> dict[str, Any]:
    return {
        "id": tandem.pk,
        # The first name is how the newcomer knows their sponsor; the rest is the volunteer's.
        "volunteer": tandem.volunteer.first_name,
        "status": field_value(tandem, "status"),
        "started_on": plain(tandem.started_on),
        "expected_duration": tandem.expected_duration,
        "agreement": tandem.agreement,
        "usual_places": tandem.usual_places,
        "ended_on": plain(tandem.ended_on),
        "end_reason": field_value(tandem, "end_reason"),
        "feedback_newcomer": tandem.feedback_newcomer,
        "feedback_volunteer": tandem.feedback_volunteer,
        "check_ins": [
            {
                "id": check_in.pk,
                "on": plain(check_in.on),
                "mood": field_value(check_in, "mood"),
                "had_contact": check_in.had_contact,
                "note": check_in.note,
            }
            for check_in in tandem.check_ins.all()
        ],
    }


def _registration(registration: Registration) -> dict[str, Any]:
    event = registration.event
    return {
        "id": registration.pk,
        "event": event.title,
        "starts_at": timezone.localtime(event.starts_at, event.tz).isoformat(timespec="minutes"),
        "status": field_value(registration, "status"),
        "created_at": plain(registration.created_at),
        "name": registration.name,
        "email": registration.email,
        "phone": registration.phone,
        "interpreting_into": field_value(registration, "interpreting_into"),
        "childcare": registration.childcare,
        "accessibility_needs": registration.accessibility_needs,
    }


def _audit_entries(office_id: int, objects: dict[str, list[int]]) -> list[dict[str, Any]]:
    """The audit log's entries about any of the person's records, oldest first."""
    about = Q(pk__in=[])
    for object_type, ids in objects.items():
        if ids:
            about |= Q(object_type=object_type, object_id__in=[str(pk) for pk in ids])
    # Entries an installation-wide action wrote carry no office; those about these records are
    # the person's too.
    with scopes_disabled():
        entries = (
            AuditEntry.objects.filter(about)
            .filter(Q(office_id=office_id) | Q(office__isnull=True))
            .select_related("actor")
            .order_by("at", "id")
        )
        return [
            {
                "at": plain(entry.at),
                "action": action_label(entry.action),
                "code": entry.action,
                "object": object_type_label(entry.object_type),
                "object_type": entry.object_type,
                "object_id": entry.object_id,
                "actor": _name(entry.actor),
                "details": entry.data,
            }
            for entry in entries
        ]


def _controller(office: Office) -> dict[str, Any]:
    return {
        name: getattr(office, name)
        for name in ("name", "street", "postal_code", "city", "phone", "email", "website")
    }


def _information(person: Person, data: dict[str, Any]) -> dict[str, Any]:
    """What Art. 15 (1) GDPR asks for besides the data: purposes, recipients, periods, rights."""
    held = {"counseling.Person", "core.AuditEntry"}
    held.update(label for key, label in SECTION_MODELS.items() if data.get(key))
    if any(referral["letters"] for referral in data["referrals"]):
        held.add("counseling.HandoverLetter")
    if any(tandem["check_ins"] for tandem in data["tandems"]):
        held.add("sponsorship.CheckIn")
    recipients = []
    for referral in data["referrals"]:
        if referral["letters"]:
            recipients.append(
                _("%(organisation)s – %(service)s (handover letter to %(emails)s)")
                % {
                    "organisation": referral["organisation"],
                    "service": referral["service"],
                    "emails": ", ".join(sorted({x["recipient"] for x in referral["letters"]})),
                }
            )
    for tandem in data["tandems"]:
        recipients.append(
            _("Your welcome sponsor %(name)s (volunteer)") % {"name": tandem["volunteer"]}
        )
    return {
        "purposes": [
            {
                "purpose": activity.purpose,
                "legal_bases": activity.legal_bases,
                "retention": activity.retention,
            }
            for activity in records.build(person.office, models=held)
        ],
        "recipients": list(dict.fromkeys(recipients)),
        "third_country_transfers": str(records.NO_TRANSFERS),
        "source": _(
            "From you, and from the staff of the office who counselled you and recorded what "
            "you told them. Event registrations come from the forms you filled in."
        ),
        "automated_decisions": _(
            "None. Lotse proposes welcome sponsors by a score; a coordinator decides."
        ),
        "rights": [str(right) for right in RIGHTS],
    }


#: The data subject's rights besides access (Art. 13 (2), 15 (1) e-f GDPR).
RIGHTS = (
    gettext_lazy("Rectification of inaccurate data (Art. 16 GDPR)."),
    gettext_lazy("Erasure (Art. 17 GDPR)."),
    gettext_lazy("Restriction of processing (Art. 18 GDPR)."),
    gettext_lazy("A copy of your data in a machine-readable form (Art. 20 GDPR)."),
    gettext_lazy(
        "Objection to processing based on a public task or legitimate interest (Art. 21 GDPR)."
    ),
    gettext_lazy("Withdrawal of a consent at any time, for the future (Art. 7 (3) GDPR)."),
    gettext_lazy(
        "A complaint to a data protection supervisory authority (Art. 77 GDPR), for example "
        "the one of the federal state where the office is."
    ),
)

#: Sections of the export and the model their rows come from (for the purposes they fall under).
SECTION_MODELS = {
    "consents": "counseling.Consent",
    "household": "counseling.HouseholdLink",
    "consultations": "counseling.Consultation",
    "referrals": "counseling.Referral",
    "milestones": "counseling.Outcome",
    "recognition_cases": "counseling.RecognitionCase",
    "follow_ups": "counseling.FollowUp",
    "sponsorship_requests": "sponsorship.SponsorshipRequest",
    "tandems": "sponsorship.Tandem",
    "event_registrations": "events.Registration",
}


def collect(person: Person) -> dict[str, Any]:
    """Everything Lotse holds about `person`, JSON-serialisable, in the active language."""
    office = person.office
    with scope(office=[office.pk]):
        consents = person.consents.order_by("purpose", "given_on", "id")
        household = (
            HouseholdLink.objects.filter(person=person)
            .select_related("relative")
            .order_by("relation", "relative__display_name")
        )
        consultations = (
            person.consultations.select_related("counselor", "language", "interpreted_by")
            .prefetch_related("topics")
            .order_by("started_at", "id")
        )
        referrals = (
            person.referrals.select_related("service__organisation", "topic")
            .prefetch_related(
                "service__translations",
                Prefetch("letters", queryset=HandoverLetter.objects.order_by("sent_at", "id")),
            )
            .order_by("suggested_on", "id")
        )
        outcomes = person.outcomes.order_by("reached_on", "id")
        cases = person.recognition_cases.select_related("country").order_by("collected_on", "id")
        follow_ups = person.follow_ups.order_by("due_on", "id")
        requests = list(person.sponsorship_requests.order_by("created_at", "id"))
        tandems = (
            Tandem.objects.filter(person=person)
            .select_related("volunteer")
            .prefetch_related(Prefetch("check_ins", queryset=CheckIn.objects.order_by("on", "id")))
            .order_by("started_on", "id")
        )
        registrations = (
            registrations_of(person)
            .select_related("interpreting_into")
            .prefetch_related("event__translations")
            .order_by("event__starts_at", "id")
        )
        merged = list(person.merged_records.order_by("client_number").values("id", "client_number"))
        codes = {code for request in requests for code in request.languages or ()}
        languages = (
            {language.code: str(language) for language in Language.objects.filter(code__in=codes)}
            if codes
            else {}
        )
        data: dict[str, Any] = {
            "format_version": FORMAT_VERSION,
            "generated_at": plain(timezone.now()),
            "language": translation.get_language() or "en",
            "controller": _controller(office),
            "person": _person_fields(person),
            "consents": [_consent(consent) for consent in consents],
            "household": [_household(link) for link in household],
            "consultations": [_consultation(row) for row in consultations],
            "referrals": [_referral(row) for row in referrals],
            "milestones": [_outcome(row) for row in outcomes],
            "recognition_cases": [_recognition(row) for row in cases],
            "follow_ups": [_follow_up(row) for row in follow_ups],
            "sponsorship_requests": [_request(row, languages) for row in requests],
            "tandems": [_tandem(row) for row in tandems],
            "event_registrations": [_registration(row) for row in registrations],
            "merged_records": [row["client_number"] for row in merged],
        }
        about = {
            "counseling.person": [person.pk] + [row["id"] for row in merged],
            "counseling.consent": [row["id"] for row in data["consents"]],
            "counseling.consultation": [row["id"] for row in data["consultations"]],
            "counseling.referral": [row["id"] for row in data["referrals"]],
            "counseling.handoverletter": [
                letter["id"] for row in data["referrals"] for letter in row["letters"]
            ],
            "counseling.outcome": [row["id"] for row in data["milestones"]],
            "counseling.recognitioncase": [row["id"] for row in data["recognition_cases"]],
            "counseling.followup": [row["id"] for row in data["follow_ups"]],
            "sponsorship.sponsorshiprequest": [row["id"] for row in data["sponsorship_requests"]],
            "sponsorship.tandem": [row["id"] for row in data["tandems"]],
            "sponsorship.checkin": [
                check_in["id"] for row in data["tandems"] for check_in in row["check_ins"]
            ],
            "events.registration": [row["id"] for row in data["event_registrations"]],
        }
        data["audit_entries"] = _audit_entries(office.pk, about)
        data["information"] = _information(person, data)
    return data


def to_json(data: dict[str, Any]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2).encode("utf-8")


def filename(person: Person, extension: str) -> str:
    return f"lotse-{person.client_number}.{extension}"


# --- The PDF ---------------------------------------------------------------------------------

TABLE = "table"  # one row per record
RECORDS = "records"  # one label/value table per record, for records with long texts


@dataclass
class Section:
    key: str
    title: str
    layout: str
    labels: list[str]
    #: TABLE: rows of cells; RECORDS: one (heading, [(label, cell), ...]) per record.
    rows: list[Any] = field(default_factory=list)


def _label(model: type[models.Model], name: str) -> str:
    return capfirst(str(model._meta.get_field(name).verbose_name))


def _plural(model: type[models.Model]) -> str:
    return capfirst(str(model._meta.verbose_name_plural))


_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def cell(value: Any) -> str:
    """A JSON value as the PDF shows it: dates in the reader's language, yes/no, lists."""
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, list):
        return ", ".join(cell(item) for item in value)
    if isinstance(value, dict):
        return ", ".join(f"{key}: {cell(item)}" for key, item in value.items())
    if isinstance(value, str) and _DATETIME.match(value):
        moment = dt.datetime.fromisoformat(value)
        return formats.date_format(moment, "SHORT_DATETIME_FORMAT")
    if isinstance(value, str) and _DATE.match(value):
        return formats.date_format(dt.date.fromisoformat(value), "DATE_FORMAT")
    return str(value)


def _section_specs() -> list[tuple[str, str, str, list[tuple[str, str]]]]:
    """(key in the data, title, layout, [(column key, label)]) in the order of the PDF."""
    return [
        (
            "consents",
            _plural(Consent),
            TABLE,
            [
                (name, _label(Consent, name))
                for name in ("purpose", "given_on", "form", "withdrawn_on")
            ],
        ),
        (
            "household",
            _("Household"),
            TABLE,
            [
                ("relative", _label(Person, "display_name")),
                ("client_number", _label(Person, "client_number")),
                ("relation", _label(HouseholdLink, "relation")),
            ],
        ),
        (
            "consultations",
            _plural(Consultation),
            RECORDS,
            [
                (name, _label(Consultation, name))
                for name in (
                    "started_at",
                    "channel",
                    "duration_minutes",
                    "topics",
                    "language",
                    "interpreter",
                    "interpreted_by",
                    "counselor",
                    "notes",
                    "outcome",
                    "next_steps",
                )
            ],
        ),
        (
            "referrals",
            _plural(Referral),
            RECORDS,
            [
                ("service", _label(Referral, "service")),
                ("organisation", _label(Service, "organisation")),
            ]
            + [
                (name, _label(Referral, name))
                for name in (
                    "topic",
                    "status",
                    "suggested_on",
                    "handed_over_on",
                    "arrived_on",
                    "completed_on",
                    "not_taken_up_on",
                    "follow_up_on",
                    "reason",
                    "partner_confirmed_at",
                )
            ],
        ),
        (
            "letters",
            _plural(HandoverLetter),
            TABLE,
            [
                ("service", _label(Referral, "service")),
                ("sent_at", _label(HandoverLetter, "sent_at")),
                ("recipient", _label(HandoverLetter, "recipient")),
            ],
        ),
        (
            "milestones",
            _plural(Outcome),
            TABLE,
            [(name, _label(Outcome, name)) for name in ("kind", "reached_on", "note")],
        ),
        (
            "recognition_cases",
            _plural(RecognitionCase),
            RECORDS,
            [
                (name, _label(RecognitionCase, name))
                for name in (
                    "profession",
                    "country",
                    "reference_occupation",
                    "stage",
                    "collected_on",
                    "handed_on",
                    "applied_on",
                    "decided_on",
                    "decision",
                )
            ],
        ),
        (
            "follow_ups",
            _plural(FollowUp),
            TABLE,
            [(name, _label(FollowUp, name)) for name in ("title", "due_on", "done_at")],
        ),
        (
            "sponsorship_requests",
            _plural(SponsorshipRequest),
            RECORDS,
            [
                (name, _label(SponsorshipRequest, name))
                for name in (
                    "created_at",
                    "status",
                    "kind",
                    "needs",
                    "languages",
                    "district",
                    "availability",
                    "has_children",
                    "gender_preference",
                    "interests",
                    "urgency",
                    "note",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "closed_at",
                    "close_reason",
                )
            ],
        ),
        (
            "tandems",
            _plural(Tandem),
            RECORDS,
            [("volunteer", _("Welcome sponsor"))]
            + [
                (name, _label(Tandem, name))
                for name in (
                    "status",
                    "started_on",
                    "expected_duration",
                    "agreement",
                    "usual_places",
                    "ended_on",
                    "end_reason",
                    "feedback_newcomer",
                    "feedback_volunteer",
                )
            ],
        ),
        (
            "check_ins",
            _plural(CheckIn),
            TABLE,
            [("volunteer", _("Welcome sponsor"))]
            + [(name, _label(CheckIn, name)) for name in ("on", "mood", "had_contact", "note")],
        ),
        (
            "event_registrations",
            _("Event registrations"),
            RECORDS,
            [
                ("event", _label(Registration, "event")),
                ("starts_at", _label(Event, "starts_at")),
            ]
            + [
                (name, _label(Registration, name))
                for name in (
                    "status",
                    "created_at",
                    "name",
                    "email",
                    "phone",
                    "interpreting_into",
                    "childcare",
                    "accessibility_needs",
                )
            ],
        ),
        (
            "merged_records",
            _("Records merged into this one"),
            TABLE,
            [("client_number", _label(Person, "client_number"))],
        ),
        (
            "audit_entries",
            _plural(AuditEntry),
            TABLE,
            [
                ("at", _label(AuditEntry, "at")),
                ("action", _label(AuditEntry, "action")),
                ("object", _("Record")),
                ("actor", _label(AuditEntry, "actor")),
            ],
        ),
    ]


def _pdf_rows(data: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """The data's lists, with nested ones (letters, check-ins) as lists of their own."""
    rows = dict(data)
    rows["letters"] = [
        {"service": referral["service"], **letter}
        for referral in data["referrals"]
        for letter in referral["letters"]
    ]
    rows["check_ins"] = [
        {"volunteer": tandem["volunteer"], **check_in}
        for tandem in data["tandems"]
        for check_in in tandem["check_ins"]
    ]
    rows["merged_records"] = [{"client_number": number} for number in data["merged_records"]]
    rows["audit_entries"] = [
        {**entry, "object": f"{entry['object']} #{entry['object_id']}"}
        for entry in data["audit_entries"]
    ]
    return rows


def pdf_sections(data: dict[str, Any]) -> list[Section]:
    rows = _pdf_rows(data)
    person_section = Section(
        key="person",
        title=_("Personal details"),
        layout=RECORDS,
        labels=[],
        rows=[
            (
                "",
                [(_label(Person, name), cell(value)) for name, value in data["person"].items()],
            )
        ],
    )
    sections = [person_section]
    for key, title, layout, columns in _section_specs():
        section = Section(key=key, title=title, layout=layout, labels=[c[1] for c in columns])
        for row in rows[key]:
            cells = [cell(row.get(name)) for name, _label_text in columns]
            if layout == TABLE:
                section.rows.append(cells)
            else:
                section.rows.append((cells[0], list(zip(section.labels, cells, strict=True))))
        sections.append(section)
    return sections


def pdf_html(data: dict[str, Any]) -> str:
    """The HTML the PDF is printed from (in the active language)."""
    person = data["person"]
    return render_to_string(
        "privacy/export/person.html",
        {
            "data": data,
            "person": person,
            "generated_at": cell(data["generated_at"]),
            "restricted_at": cell(person["restricted_at"]) if person["restricted_at"] else "",
            "sections": pdf_sections(data),
            "language": translation.get_language() or "en",
            "bidi": translation.get_language_bidi(),
        },
    )


def to_pdf(data: dict[str, Any]) -> bytes:
    # The same guard as the statistics report: nothing is fetched, fonts come from the system.

    return html_to_pdf(pdf_html(data))
