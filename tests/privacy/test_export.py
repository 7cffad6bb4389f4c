"""The access export (Art. 15 and 20 GDPR): everything about a person, as JSON and as PDF, for
the counselors and office admins of the person's office only, audited, in bounded queries."""

from __future__ import annotations

import datetime as dt
import io
import json
import secrets

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from lotse.core.audit import audit_record
from lotse.core.models import AuditEntry, Country, Language, Office, Role, User
from lotse.counseling.models import (
    ConsentPurpose,
    FollowUp,
    HandoverLetter,
    HouseholdLink,
    Outcome,
    Person,
    RecognitionCase,
    Referral,
)
from lotse.events.models import Registration
from lotse.privacy import export
from lotse.privacy.models import RetentionRule
from lotse.privacy.register import retention_text
from lotse.sponsorship.models import CheckIn, SponsorshipRequest, Tandem, Volunteer
from tests.conftest import login, member
from tests.counseling.factories import make_consultation, make_person
from tests.directory.factories import make_service
from tests.events.factories import make_event, make_registration
from tests.pool.factories import make_member

pytestmark = pytest.mark.django_db

EMAIL = "amira.export@example.org"


def url(name: str, person: Person) -> str:
    return reverse(f"privacy:{name}", kwargs={"person_id": person.pk})


def _referral(person: Person, title: str, reason: str) -> Referral:
    return Referral.objects.create(
        office=person.office,
        person=person,
        subject=person.subject,
        service=make_service(title=title, office=person.office),
        reason=reason,
    )


def _tandem(person: Person) -> Tandem:
    office = person.office
    volunteer = Volunteer.objects.create(
        office=office,
        first_name="Volkhard",
        last_name="Sponsorlastname",
        email="volkhard@example.org",
        district="Mitte",
        consent_given_at=timezone.now(),
    )
    request = SponsorshipRequest.objects.create(
        office=office,
        person=person,
        subject=person.subject,
        source="counselor",
        needs=["authorities"],
        languages=["ar"],
        district="Bad Cannstatt",
        availability=["mon-morning"],
        note="Requestnote",
    )
    tandem = Tandem.objects.create(
        office=office,
        request=request,
        volunteer=volunteer,
        person=person,
        agreement="Agreedweekly",
        usual_places="Stadtbibliothek",
    )
    CheckIn.objects.create(tandem=tandem, mood="good", note="Checkinnote")
    return tandem


@pytest.fixture
def rich_person(office_a: Office, office_b: Office, counselor: User) -> Person:
    """A person with two of everything the acceptance names, and some of the rest."""
    person = make_person(
        office_a,
        display_name="Amira Exportova",
        full_name="Amira Nour Exportova",
        email=EMAIL,
        phone="+49 711 555 0199",
        address="Königstraße 1, 70173 Stuttgart",
        nationality=Country.objects.get(code="SY"),
        country_of_origin=Country.objects.get(code="SY"),
        consents=(ConsentPurpose.COUNSELING, ConsentPurpose.REFERRAL_HANDOVER),
    )
    person.languages.set(Language.objects.filter(code__in=["ar", "en"]))
    interpreter = make_member(office_a, name="Samira Interpreta")
    first = make_consultation(
        person,
        counselor=counselor,
        started_at=timezone.now() - dt.timedelta(days=20),
        notes="Firstnote about the landlord",
        outcome="Firstoutcome",
        interpreter=True,
        interpreted_by=interpreter,
        language=Language.objects.get(code="ar"),
    )
    make_consultation(person, counselor=counselor, notes="Secondnote", next_steps="Bringpapers")
    referral = _referral(person, "Anerkennungsberatung", "Reasonrecognition")
    referral.consultation = first
    referral.save()
    _referral(person, "Sprachkurs Mitte", "Reasonlanguage")
    HandoverLetter.objects.create(
        office=office_a,
        referral=referral,
        recipient="partner.desk@example.org",
        token_hash=secrets.token_hex(32),
        expires_at=timezone.now() + dt.timedelta(days=14),
    )
    Outcome.objects.create(
        office=office_a, person=person, subject=person.subject, kind="job_started", note="Nurse"
    )
    RecognitionCase.objects.create(office=office_a, person=person, profession="Pflegefachkraft")
    FollowUp.objects.create(
        office=office_a, person=person, title="Callback", due_on=timezone.localdate()
    )
    relative = make_person(office_a, display_name="Karim Exportov")
    HouseholdLink.objects.create(
        office=office_a, person=person, relative=relative, relation="spouse"
    )
    make_person(office_a, display_name="Old record", merged_into=person)
    _tandem(person)
    for title in ("Stammtisch Alpha", "Workshop Beta"):
        make_registration(
            make_event(office_a, title=title),
            name="Amira E.",
            email=EMAIL.upper() if "Beta" in title else EMAIL,
            accessibility_needs="Rampneeded" if "Alpha" in title else "",
        )
    # The same address in another office is another controller's record: not this person's.
    make_registration(make_event(office_b, title="Gamma Elsewhere"), name="A. E.", email=EMAIL)
    audit_record(action="counseling.person.updated", actor=counselor, office=office_a, obj=person)
    audit_record(
        action="counseling.consultation.created", actor=counselor, office=office_a, obj=first
    )
    return person


def _pdf_text(content: bytes) -> str:
    reader = PdfReader(io.BytesIO(content))
    return " ".join(page.extract_text() for page in reader.pages)


def test_the_access_export_contains_consultations_referrals_a_tandem_and_registrations(
    client: Client, counselor: User, rich_person: Person
) -> None:
    response = login(client, counselor).get(url("person-json", rich_person))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="lotse-{rich_person.client_number}.json"'
    )
    assert response["Cache-Control"] == "no-store"
    text = response.content.decode("utf-8")
    assert "Königstraße" in text  # UTF-8, not \u escapes
    data = json.loads(text)
    assert data["format_version"] == export.FORMAT_VERSION
    assert data["controller"]["name"] == "Welcome Center A"
    person = data["person"]
    assert person["display_name"] == "Amira Exportova"
    assert person["email"] == EMAIL
    assert person["nationality"] == "Syria"
    assert sorted(person["languages"]) == ["Arabic", "English"]
    assert person["client_number"] == rich_person.client_number

    consultations = data["consultations"]
    assert [c["notes"] for c in consultations] == ["Firstnote about the landlord", "Secondnote"]
    assert consultations[0]["interpreted_by"] == "Samira Interpreta"
    assert consultations[0]["language"] == "Arabic"
    assert consultations[0]["channel"] == "In person"
    assert consultations[0]["topics"] == ["Work and job search"]
    assert consultations[1]["next_steps"] == "Bringpapers"
    assert consultations[0]["counselor"] == str(rich_person.consultations.first().counselor)

    referrals = {r["service"]: r for r in data["referrals"]}
    assert set(referrals) == {"Anerkennungsberatung", "Sprachkurs Mitte"}
    assert referrals["Anerkennungsberatung"]["reason"] == "Reasonrecognition"
    assert referrals["Anerkennungsberatung"]["status"] == "Suggested"
    assert [x["recipient"] for x in referrals["Anerkennungsberatung"]["letters"]] == [
        "partner.desk@example.org"
    ]
    assert referrals["Sprachkurs Mitte"]["letters"] == []

    [tandem] = data["tandems"]
    assert tandem["volunteer"] == "Volkhard"
    assert "Sponsorlastname" not in text  # only the first name of the volunteer
    assert tandem["agreement"] == "Agreedweekly"
    assert tandem["check_ins"][0]["note"] == "Checkinnote"
    assert tandem["check_ins"][0]["mood"] == "Going well"
    [request] = data["sponsorship_requests"]
    assert request["needs"] == ["Accompanying to authorities"]
    assert request["languages"] == ["Arabic"]
    assert request["availability"] == ["Monday, morning"]

    registrations = data["event_registrations"]
    assert sorted(r["event"] for r in registrations) == ["Stammtisch Alpha", "Workshop Beta"]
    assert "Gamma Elsewhere" not in text
    assert {r["accessibility_needs"] for r in registrations} == {"Rampneeded", ""}

    assert [c["purpose"] for c in data["consents"]] == [
        "Counseling record",
        "Handover to a partner",
    ]
    assert data["household"] == [
        {
            "relative": "Karim Exportov",
            "client_number": Person.objects.get(display_name="Karim Exportov").client_number,
            "relation": "Spouse or partner",
        }
    ]
    assert data["milestones"][0]["kind"] == "Job started"
    assert data["recognition_cases"][0]["profession"] == "Pflegefachkraft"
    assert data["follow_ups"][0]["title"] == "Callback"
    assert data["merged_records"] == [Person.objects.get(display_name="Old record").client_number]
    actions = [(e["code"], e["object_type"]) for e in data["audit_entries"]]
    assert ("counseling.person.updated", "counseling.person") in actions
    assert ("counseling.consultation.created", "counseling.consultation") in actions


def test_the_export_tells_purposes_retention_recipients_and_rights(
    office_a: Office, rich_person: Person
) -> None:
    RetentionRule.objects.create(office=office_a, rule="counseling", months=48)

    info = export.collect(rich_person)["information"]

    purposes = {p["purpose"]: p for p in info["purposes"]}
    counseling = purposes["Counseling and referral of newcomers"]
    assert "Public task (Art. 6 (1) e GDPR)" in counseling["legal_bases"]
    assert "Consent (Art. 6 (1) a GDPR)" in counseling["legal_bases"]  # the handover letter
    assert retention_text("counseling", 48) in counseling["retention"]
    assert (
        retention_text("event-registrations", 6)
        in (purposes["Registration and participation in events"]["retention"])
    )
    assert "Welcome sponsor program (volunteers and newcomers)" in purposes
    assert any("partner.desk@example.org" in r for r in info["recipients"])
    assert any("Volkhard" in r for r in info["recipients"])
    rights = " ".join(info["rights"])
    for article in ("Art. 16", "Art. 17", "Art. 18", "Art. 21", "Art. 77"):
        assert article in rights


def test_the_pdf_is_readable_and_holds_the_same(
    client: Client, counselor: User, rich_person: Person
) -> None:
    response = login(client, counselor).get(url("person-pdf", rich_person))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="lotse-{rich_person.client_number}.pdf"'
    )
    assert response["Cache-Control"] == "no-store"
    text = _pdf_text(response.content)
    for expected in (
        "Amira Exportova",
        rich_person.client_number,
        "Firstnote",
        "Secondnote",
        "Anerkennungsberatung",
        "Sprachkurs Mitte",
        "partner.desk@example.org",
        "Volkhard",
        "Agreedweekly",
        "Checkinnote",
        "Stammtisch Alpha",
        "Workshop Beta",
        "Pflegefachkraft",
        "Karim Exportov",
        "Your rights",
    ):
        assert expected in text, expected
    assert "Gamma Elsewhere" not in text
    assert "Sponsorlastname" not in text


def test_empty_sections_say_none(client: Client, counselor: User, office_a: Office) -> None:
    person = make_person(office_a, display_name="Bare Record")

    text = _pdf_text(login(client, counselor).get(url("person-pdf", person)).content)

    assert "Bare Record" in text
    assert text.count("None.") >= 10


def test_the_pdf_follows_the_staff_language(
    client: Client, counselor: User, office_a: Office
) -> None:
    person = make_person(office_a, display_name="Deutsch Person")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "de"

    response = login(client, counselor).get(url("person-pdf", person))

    assert response.status_code == 200
    # The German catalog names the model's own fields, so headings come out German.
    assert "Beratungsgespräche" in _pdf_text(response.content)


@pytest.mark.parametrize("file_format", ["json", "pdf"])
def test_an_export_is_audited_without_personal_data(
    client: Client, counselor: User, rich_person: Person, file_format: str
) -> None:
    login(client, counselor).get(url(f"person-{file_format}", rich_person))

    entry = AuditEntry.objects.get(action="privacy.person.exported")
    assert entry.actor == counselor
    assert entry.office == rich_person.office
    assert (entry.object_type, entry.object_id) == ("counseling.person", str(rich_person.pk))
    assert entry.data == {"format": file_format}


@pytest.mark.parametrize("name", ["person-json", "person-pdf"])
def test_office_admins_export_too_and_a_restricted_record_can_be_exported(
    client: Client, office_admin: User, rich_person: Person, name: str
) -> None:
    Person.objects.filter(pk=rich_person.pk).update(
        restricted_at=timezone.now(), restriction_ground="accuracy"
    )

    response = login(client, office_admin).get(url(name, rich_person))

    assert response.status_code == 200
    if name == "person-json":
        person = json.loads(response.content)["person"]
        assert person["restriction_ground"] == "The person contests the accuracy of the data"


@pytest.mark.parametrize("name", ["person-json", "person-pdf"])
def test_another_office_gets_404(
    client: Client, outsider: User, rich_person: Person, name: str
) -> None:
    response = login(client, outsider).get(url(name, rich_person))

    assert response.status_code == 404
    assert not AuditEntry.objects.filter(action="privacy.person.exported").exists()


@pytest.mark.parametrize(
    "role", [Role.SPONSOR_COORDINATOR, Role.STATISTICS_VIEWER, Role.EVENT_MANAGER]
)
@pytest.mark.parametrize("name", ["person-json", "person-pdf"])
def test_other_roles_of_the_office_are_refused(
    client: Client, office_a: Office, rich_person: Person, role: str, name: str
) -> None:
    user = member(office_a, role, f"user-{role}")

    response = login(client, user).get(url(name, rich_person))

    assert response.status_code == 403
    assert b"Firstnote" not in response.content


def test_anonymous_is_sent_to_the_login(client: Client, rich_person: Person) -> None:
    response = client.get(url("person-json", rich_person))

    assert response.status_code == 302
    assert reverse("core:login") in response["Location"]


def test_an_anonymised_registration_is_not_listed(rich_person: Person) -> None:
    Registration.objects.filter(event__translations__title="Workshop Beta").update(
        anonymised_at=timezone.now()
    )

    events = [r["event"] for r in export.collect(rich_person)["event_registrations"]]

    assert events == ["Stammtisch Alpha"]


def test_the_export_is_json_serialisable_and_keeps_other_people_out(
    office_a: Office, rich_person: Person
) -> None:
    other = make_person(office_a, display_name="Someone Else", email="else@example.org")
    make_consultation(other, notes="Othernote")
    audit_record(action="counseling.person.updated", office=office_a, obj=other)

    text = json.dumps(export.collect(rich_person), ensure_ascii=False)

    assert "Othernote" not in text
    assert "Someone Else" not in text
    assert f'"object_id": "{other.pk}"' not in text


def _person_with(office: Office, counselor: User, count: int, name: str) -> Person:
    person = make_person(office, display_name=name, email=f"{name.lower()}@example.org")
    interpreter = make_member(office, name=f"Interpreter {name}")
    for index in range(count):
        consultation = make_consultation(
            person,
            counselor=counselor,
            topics=("work", "language"),
            interpreted_by=interpreter,
            language=Language.objects.get(code="ar"),
            notes=f"Note {index}",
        )
        referral = _referral(person, f"Service {name} {index}", "Why")
        HandoverLetter.objects.create(
            office=office,
            referral=referral,
            recipient="p@example.org",
            token_hash=secrets.token_hex(32),
            expires_at=timezone.now(),
        )
        audit_record(action="x.created", actor=counselor, office=office, obj=consultation)
        make_registration(make_event(office, title=f"Event {name} {index}"), email=person.email)
    _tandem(person)
    return person


def _queries(person: Person) -> int:
    with CaptureQueriesContext(connection) as captured:
        export.collect(export.person_get(office=person.office, person_id=person.pk))
    return len(captured)


def test_the_number_of_queries_does_not_grow_with_the_record(
    office_a: Office, counselor: User
) -> None:
    small = _person_with(office_a, counselor, 3, "Small")
    large = _person_with(office_a, counselor, 30, "Large")

    assert len(export.collect(large)["consultations"]) == 30
    assert _queries(small) == _queries(large)


def test_the_file_name_and_format_helpers(office_a: Office) -> None:
    person = make_person(office_a)

    assert export.filename(person, "pdf") == f"lotse-{person.client_number}.pdf"
    assert export.cell(True) == "yes"
    assert export.cell(None) == "–"
    assert export.cell(["a", "b"]) == "a, b"
    assert export.cell("2026-03-01") == "March 1, 2026"
    assert export.cell("Any text") == "Any text"
