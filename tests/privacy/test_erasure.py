"""Erasure on request (Art. 17): every trace of the person goes, the statistics stay.

The acceptance test plants a unique marker in the person's name, e-mail and notes and in every
record about them across the apps, erases the person, and searches every text column of every
table of the database for the marker.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.apps import apps
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import AuditEntry, Office, User
from lotse.counseling import services as counseling
from lotse.counseling.models import (
    Consent,
    ConsentPurpose,
    Consultation,
    FollowUp,
    HandoverLetter,
    HouseholdLink,
    Outcome,
    Person,
    RecognitionCase,
    Referral,
)
from lotse.events.models import Registration
from lotse.privacy import subjects
from lotse.privacy.models import ErasureGround, ErasureRecord
from lotse.reports import figures
from lotse.reports.scope import Scope
from lotse.sponsorship.models import CheckIn, SponsorshipRequest, Tandem
from tests.conftest import login
from tests.counseling.factories import make_consultation, make_person
from tests.directory.factories import make_service
from tests.events.factories import make_event, make_registration
from tests.sponsorship.test_matching_views import make_request, make_volunteer

pytestmark = pytest.mark.django_db

MARK = "Qxerasemark"
EMAIL = "qxerasemark@example.org"
TEXT_FIELDS = (models.CharField, models.TextField, models.EmailField)


def tables_containing(marker: str, *, ignore: tuple[models.Model, ...] = ()) -> list[str]:
    """Every model (of every app, Lotse's or not) with a text or JSON column holding `marker`.

    `ignore`: rows that may hold it (another office's own record of the same address).
    """
    found = []
    for model in apps.get_models(include_auto_created=True):
        manager = model._base_manager
        query = Q()
        annotations: dict[str, Any] = {}
        for field in model._meta.concrete_fields:
            if isinstance(field, TEXT_FIELDS):
                query |= Q(**{f"{field.attname}__icontains": marker})
            elif isinstance(field, models.JSONField):
                alias = f"_text_{field.attname}"
                annotations[alias] = Cast(field.attname, TextField())
                query |= Q(**{f"{alias}__icontains": marker})
        skipped = [row.pk for row in ignore if isinstance(row, model)]
        rows = manager.annotate(**annotations).exclude(pk__in=skipped)
        if query and rows.filter(query).exists():
            found.append(model._meta.label)
    return found


def report_of(office: Office) -> dict[str, Any]:
    today = timezone.localdate()
    start = today.replace(month=1, day=1) - dt.timedelta(days=400)
    scope = Scope(offices=(office.pk,), start=start, end=today + dt.timedelta(days=1))
    return {result.figure.key: (result.total, result.rows) for result in figures.report(scope)}


def person_with_everything(office: Office, counselor: User) -> Person:
    """A person with a record in every app, the marker in every text about them."""
    person = make_person(
        office,
        display_name=f"Amira {MARK}",
        full_name=f"Amira {MARK} Haddad",
        email=EMAIL,
        phone="0711 123456",
        address=f"{MARK}straße 1",
        profession=MARK,
        consents=(ConsentPurpose.COUNSELING, ConsentPurpose.SPONSOR_PROGRAM),
    )
    relative = make_person(office, display_name="Relative")
    HouseholdLink.objects.create(office=office, person=person, relative=relative, relation="child")
    for days in (40, 10):
        make_consultation(
            person,
            counselor=counselor,
            started_at=timezone.now() - dt.timedelta(days=days),
            notes=f"notes {MARK}",
            outcome=MARK,
            next_steps=MARK,
        )
    referral = Referral.objects.create(
        office=office,
        person=person,
        subject=person.subject,
        service=make_service(title="Ausländerbehörde", office=office),
        reason=f"reason {MARK}",
        **person.situation(),
    )
    HandoverLetter.objects.create(
        office=office,
        referral=referral,
        recipient="partner@example.org",
        token_hash="a" * 64,
        expires_at=timezone.now() + dt.timedelta(days=30),
    )
    Outcome.objects.create(
        office=office, person=person, subject=person.subject, kind="job_started", note=MARK
    )
    RecognitionCase.objects.create(office=office, person=person, profession=MARK)
    FollowUp.objects.create(office=office, person=person, title=MARK, due_on=timezone.localdate())
    request = make_request(
        office,
        person=person,
        status="matched",
        note=MARK,
        contact_name=MARK,
        contact_email=EMAIL,
        interests=MARK,
        district=MARK,
    )
    tandem = Tandem.objects.create(
        office=office,
        request=request,
        volunteer=make_volunteer(office),
        person=person,
        agreement=MARK,
        usual_places=MARK,
        feedback_newcomer=MARK,
    )
    CheckIn.objects.create(tandem=tandem, mood="good", note=MARK)
    for days in (-20, 15):
        event = make_event(office, title="Infoabend", starts_in=dt.timedelta(days=days))
        make_registration(event, name=f"Amira {MARK}", email=EMAIL.upper(),
                          accessibility_needs=MARK)  # fmt: skip
    return person


def test_erasure_leaves_no_trace_and_the_report_unchanged(
    office_a: Office, office_b: Office, counselor: User, office_admin: User
) -> None:
    person = person_with_everything(office_a, counselor)
    # Another office's registration with the same address is that office's record.
    other = make_registration(make_event(office_b, title="Elsewhere"), name="Somebody", email=EMAIL)
    before = report_of(office_a)
    assert before["consultations"][0] == 2
    assert set(tables_containing(MARK)) >= {
        "counseling.Person", "counseling.Consultation", "counseling.Referral",
        "counseling.Outcome", "counseling.RecognitionCase", "counseling.FollowUp",
        "sponsorship.SponsorshipRequest", "sponsorship.Tandem", "sponsorship.CheckIn",
        "events.Registration",
    }  # fmt: skip

    record = subjects.erase_person(
        office=office_a,
        person=person,
        ground=ErasureGround.REQUEST,
        by=office_admin,
        requested_on=timezone.localdate(),
    )

    assert tables_containing(MARK, ignore=(other,)) == []
    assert tables_containing(MARK) == ["events.Registration"]  # office B's own row
    other.refresh_from_db()
    assert other.name == "Somebody" and other.anonymised_at is None
    assert report_of(office_a) == before
    # What stays for the statistics stays.
    assert Consultation.objects.filter(office=office_a).count() == 2
    assert Referral.objects.filter(office=office_a).count() == 1
    assert Registration.objects.filter(office=office_a, anonymised_at__isnull=False).count() == 2
    assert SponsorshipRequest.objects.get().person is None
    assert not Consent.objects.filter(person_id=person.pk).exists()
    assert Person.objects.filter(display_name="Relative").exists()
    # The confirmation names nobody and counts what went.
    assert record.counts["counseling.person"] == 1
    assert record.counts["events.registration"] == 2
    assert record.counts["counseling.consultation"] == 2
    entry = AuditEntry.objects.get(action="privacy.person.erased")
    assert entry.object_type == "privacy.erasurerecord" and entry.data["ground"] == "request"


def test_records_merged_into_the_person_go_with_them(office_a: Office, office_admin: User) -> None:
    person = make_person(office_a, display_name="Kept")
    merged = make_person(office_a, display_name=f"Old {MARK}")
    Person.objects.filter(pk=merged.pk).update(merged_into=person)
    subjects.erase_person(
        office=office_a, person=person, ground=ErasureGround.REQUEST, by=office_admin
    )
    assert not Person.objects.filter(pk__in=[person.pk, merged.pk]).exists()


def test_only_office_admins_erase_and_only_their_office(
    office_a: Office, counselor: User, outsider: User, office_admin: User
) -> None:
    person = make_person(office_a)
    with pytest.raises(PermissionDenied):
        subjects.erase_person(
            office=office_a, person=person, ground=ErasureGround.REQUEST, by=counselor
        )
    with pytest.raises(PermissionDenied):
        subjects.erase_person(
            office=outsider.memberships.get().office,
            person=person,
            ground=ErasureGround.REQUEST,
            by=outsider,
        )
    assert Person.objects.filter(pk=person.pk).exists()
    assert not ErasureRecord.objects.exists()


def test_erase_page_asks_for_the_client_number(
    client: Client, office_a: Office, office_admin: User
) -> None:
    person = make_person(office_a, display_name=f"Amira {MARK}")
    make_consultation(person, notes=MARK)
    url = reverse("privacy:person-erase", args=[person.pk])
    login(client, office_admin)
    page = client.get(url)
    assert page.status_code == 200
    assert "Consultations" in page.content.decode()

    wrong = client.post(url, {"requested_on": timezone.localdate(), "client_number": "X-1"})
    assert wrong.status_code == 400
    assert "not the client number" in wrong.content.decode()
    future = client.post(
        url,
        {
            "requested_on": timezone.localdate() + dt.timedelta(days=2),
            "client_number": person.client_number,
        },
    )
    assert future.status_code == 400
    assert Person.objects.filter(pk=person.pk).exists()

    done = client.post(
        url, {"requested_on": timezone.localdate(), "client_number": person.client_number}
    )
    record = ErasureRecord.objects.get()
    assert done.status_code == 302
    assert done["Location"] == reverse("privacy:erasure-detail", args=[record.reference])
    assert not Person.objects.filter(pk=person.pk).exists()
    confirmation = client.get(done["Location"])
    text = confirmation.content.decode()
    assert record.reference in text and MARK not in text
    assert person.client_number not in text
    listing = client.get(reverse("privacy:erasures"))
    assert record.reference in listing.content.decode()


def test_erase_page_refuses_counselors_and_other_offices(
    client: Client, office_a: Office, counselor: User, outsider: User
) -> None:
    person = make_person(office_a)
    url = reverse("privacy:person-erase", args=[person.pk])
    assert login(client, counselor).get(url).status_code == 403
    client.logout()
    assert login(client, outsider).get(url).status_code in {403, 404}
    assert Person.objects.filter(pk=person.pk).exists()


# --- Restriction (Art. 18) ----------------------------------------------------------------------


def test_a_restricted_record_is_read_but_not_changed(
    client: Client, office_a: Office, counselor: User
) -> None:
    person = make_person(office_a, display_name="Amira")
    consent = person.consents.get()
    login(client, counselor)
    response = client.post(
        reverse("privacy:person-restrict", args=[person.pk]),
        {"action": "restrict", "ground": "accuracy"},
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.restricted_at is not None and person.restriction_ground == "accuracy"

    page = client.get(reverse("counseling:person-detail", args=[person.pk])).content.decode()
    assert "Processing restricted" in page
    assert reverse("counseling:person-edit", args=[person.pk]) not in page
    with pytest.raises(ValidationError, match="restricted"):
        counseling.person_update(office=office_a, by=counselor, person=person, display_name="X")
    with pytest.raises(ValidationError, match="restricted"):
        counseling.consultation_record(
            office=office_a, by=counselor, person=person, topics=[], channel="in_person",
            started_at=timezone.now(),
        )  # fmt: skip
    person.refresh_from_db()
    assert person.display_name == "Amira" and not person.consultations.exists()
    # Withdrawing a consent is the person's right and stays possible.
    counseling.consent_withdraw(office=office_a, by=counselor, consent=consent)
    # The export stays possible too.
    assert client.get(reverse("privacy:person-json", args=[person.pk])).status_code == 200

    client.post(reverse("privacy:person-restrict", args=[person.pk]), {"action": "lift"})
    person.refresh_from_db()
    assert person.restricted_at is None
    counseling.person_update(office=office_a, by=counselor, person=person, display_name="Amira H.")
    actions = list(
        AuditEntry.objects.filter(action__startswith="privacy.person.").values_list(
            "action", flat=True
        )
    )
    assert "privacy.person.restricted" in actions
    assert "privacy.person.restriction_lifted" in actions


def test_restriction_needs_a_ground_and_the_right_role(
    client: Client, office_a: Office, outsider: User, counselor: User
) -> None:
    person = make_person(office_a)
    url = reverse("privacy:person-restrict", args=[person.pk])
    login(client, counselor)
    client.post(url, {"action": "restrict", "ground": ""})
    person.refresh_from_db()
    assert person.restricted_at is None
    client.logout()
    login(client, outsider)
    assert client.post(url, {"action": "restrict", "ground": "accuracy"}).status_code in {403, 404}
    person.refresh_from_db()
    assert person.restricted_at is None


def _mail(status: str, text: str) -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {"to": ["x@example.org"], "body": text}},
        task_path="lotse.core.tasks.send_email",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )


def test_erasure_deletes_the_persons_mails_and_spares_a_namesakes_waiting_one(
    office_a: Office, office_admin: User
) -> None:
    from django_tasks_db.models import DBTaskResult

    person = make_person(office_a, display_name="Amira", full_name="Amira Qxtask Haddad",
                         email="qxtask@example.org")  # fmt: skip
    sent = _mail("SUCCESSFUL", "Dear partner, Amira will come on Monday.")
    waiting_own = _mail("READY", "Letter about Amira Qxtask Haddad")
    waiting_namesake = _mail("READY", "Hello Amira, your appointment is on Friday.")
    running = _mail("RUNNING", "Mail to qxtask@example.org")
    record = subjects.erase_person(
        office=office_a, person=person, ground=ErasureGround.REQUEST, by=office_admin
    )
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {waiting_namesake.pk, running.pk}
    assert sent.pk not in left and waiting_own.pk not in left
    assert record.counts["core.taskresult"] == 2
