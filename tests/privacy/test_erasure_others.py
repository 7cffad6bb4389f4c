"""Erasure on request for people without a counseling record: volunteers and event participants."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import Office, Role, User
from lotse.events.models import Registration
from lotse.privacy import subjects
from lotse.privacy.models import ErasureRecord
from lotse.sponsorship.models import Tandem, TandemStatus, Volunteer, VolunteerStatus
from tests.conftest import login, member
from tests.events.factories import make_event, make_registration
from tests.privacy.test_erasure import tables_containing
from tests.sponsorship.test_matching_views import make_request, make_volunteer

pytestmark = pytest.mark.django_db

MARK = "Qxvolmark"


@pytest.fixture
def coordinator(office_a: Office) -> User:
    return member(office_a, Role.SPONSOR_COORDINATOR, "coordinator")


def test_a_volunteer_is_erased_and_the_numbers_stay(
    client: Client, office_a: Office, coordinator: User
) -> None:
    volunteer = make_volunteer(
        office_a, first_name=MARK, last_name=MARK, email=f"{MARK}@example.org",
        coordinator_notes=MARK, motivation=MARK,
    )  # fmt: skip
    tandem = Tandem.objects.create(
        office=office_a,
        request=make_request(office_a, status="matched"),
        volunteer=volunteer,
        agreement=MARK,
        status=TandemStatus.ACTIVE,
    )
    url = reverse("privacy:volunteer-erase", args=[volunteer.pk])
    login(client, coordinator)
    assert client.get(url).status_code == 200
    today = timezone.localdate()
    refused = client.post(url, {"requested_on": today, "confirm": "on"})
    assert refused.status_code == 400
    assert "running tandems first" in refused.content.decode()
    unconfirmed = client.post(url, {"requested_on": today})
    assert unconfirmed.status_code == 400
    volunteer.refresh_from_db()
    assert volunteer.first_name == MARK

    Tandem.objects.filter(pk=tandem.pk).update(status=TandemStatus.ENDED, ended_on=today)
    done = client.post(url, {"requested_on": today, "confirm": "on"})
    assert done.status_code == 302
    assert tables_containing(MARK) == []
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.ENDED and volunteer.anonymised_at is not None
    assert Tandem.objects.filter(volunteer=volunteer).count() == 1
    record = ErasureRecord.objects.get()
    assert record.counts == {"sponsorship.volunteer": 1}
    assert MARK not in client.get(done["Location"]).content.decode()
    # An erased volunteer has no erase page any more.
    assert client.get(url).status_code == 404


def test_a_participant_is_erased_with_all_their_registrations(
    client: Client, office_a: Office, office_b: Office, event_manager: User
) -> None:
    email = f"{MARK}@example.org"
    first = make_registration(make_event(office_a, title="One"), name=MARK, email=email)
    make_registration(make_event(office_a, title="Two"), name=MARK, phone="0711 1234567",
                      email=email.upper())  # fmt: skip
    by_phone = make_registration(
        make_event(office_a, title="Three", starts_in=dt.timedelta(days=-3)),
        name=MARK,
        phone="+49 711 1234567",
    )
    elsewhere = make_registration(make_event(office_b, title="Other"), name=MARK, email=email)
    other_person = make_registration(make_event(office_a, title="Four"), name="Someone else")
    url = reverse("privacy:participant-erase", args=[first.pk])
    login(client, event_manager)
    page = client.get(url)
    assert page.status_code == 200
    done = client.post(url, {"requested_on": timezone.localdate(), "confirm": "on"})
    assert done.status_code == 302
    assert tables_containing(MARK, ignore=(elsewhere,)) == []
    assert Registration.objects.filter(office=office_a, anonymised_at__isnull=False).count() == 3
    by_phone.refresh_from_db()
    assert by_phone.name == "" and by_phone.phone == ""
    other_person.refresh_from_db()
    assert other_person.name == "Someone else"
    assert ErasureRecord.objects.get().counts == {"events.registration": 3}


def test_the_roles_and_offices_are_checked(
    office_a: Office, office_b: Office, counselor: User, outsider: User, event_manager: User
) -> None:
    volunteer = make_volunteer(office_a, status=VolunteerStatus.ENDED)
    registration = make_registration(make_event(office_a), name="Amina", email="a@example.org")
    with pytest.raises(PermissionDenied):
        subjects.erase_volunteer(office=office_a, by=counselor, volunteer=volunteer)
    with pytest.raises(PermissionDenied):
        subjects.erase_volunteer(office=office_a, by=event_manager, volunteer=volunteer)
    with pytest.raises(PermissionDenied):
        subjects.erase_participant(office=office_a, by=counselor, registration=registration)
    with pytest.raises(PermissionDenied):
        subjects.erase_participant(office=office_b, by=outsider, registration=registration)
    assert not ErasureRecord.objects.exists()
    assert Volunteer.objects.get(pk=volunteer.pk).anonymised_at is None


def test_an_erased_participant_cannot_be_erased_twice(
    office_a: Office, event_manager: User
) -> None:
    registration = make_registration(make_event(office_a), name="Amina", email="a@example.org")
    subjects.erase_participant(office=office_a, by=event_manager, registration=registration)
    registration.refresh_from_db()
    with pytest.raises(ValidationError):
        subjects.erase_participant(office=office_a, by=event_manager, registration=registration)
