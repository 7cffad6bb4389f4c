"""Volunteers' records: the application and the coordinators' decisions."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from lotse.core.models import AuditEntry, Language, Role
from lotse.sponsorship import services
from lotse.sponsorship.models import Volunteer, VolunteerStatus
from tests.conftest import member

pytestmark = pytest.mark.django_db

APPLICATION = {
    "first_name": "Jana",
    "last_name": "Keller",
    "email": " Jana.Keller@Example.org ",
    "district": "Bad Cannstatt",
    "availability": ["tue-evening", "sat-morning"],
    "offers": ["authorities", "german_practice"],
    "prefers": ["family"],
    "max_tandems": 2,
}


def german_and_arabic() -> list[tuple[Language, int]]:
    return [(Language.objects.get(code="de"), 5), (Language.objects.get(code="ar"), 2)]


@pytest.fixture
def coordinator(office_a):
    return member(office_a, Role.SPONSOR_COORDINATOR, "coordinator-a")


def test_an_application_is_saved_with_its_languages_and_consent(office_a):
    volunteer = services.application_submit(
        office=office_a, languages=german_and_arabic(), **APPLICATION
    )
    assert volunteer.status == VolunteerStatus.APPLIED and volunteer.consent_given_at
    assert volunteer.email == "jana.keller@example.org"
    assert sorted(volunteer.languages.values_list("language_id", "level")) == [("ar", 2), ("de", 5)]
    entry = AuditEntry.objects.get(action="sponsorship.volunteer.applied")
    assert entry.actor is None and "Keller" not in str(entry.data)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"availability": ["someday-never"]}, "availability"),
        ({"offers": ["babysitting-24-7"]}, "offers"),
        ({"max_tandems": 9}, "max_tandems"),
        ({"email": "not an address"}, "email"),
        ({"first_name": ""}, "first_name"),
    ],
)
def test_bad_applications_save_nothing(office_a, change, field):
    with pytest.raises(ValidationError) as caught:
        services.application_submit(
            office=office_a, languages=german_and_arabic(), **{**APPLICATION, **change}
        )
    assert field in caught.value.message_dict
    assert not Volunteer.objects.exists()


def test_an_application_needs_a_language_once_each(office_a):
    german = Language.objects.get(code="de")
    for languages in ([], [(german, 5), (german, 3)]):
        with pytest.raises(ValidationError):
            services.application_submit(office=office_a, languages=languages, **APPLICATION)
    assert not Volunteer.objects.exists()


def test_the_status_follows_the_flow_and_activation_needs_the_pledge(office_a, coordinator):
    volunteer = services.application_submit(
        office=office_a, languages=german_and_arabic(), **APPLICATION
    )

    def to(status: str) -> None:
        services.volunteer_set_status(
            office=office_a, by=coordinator, volunteer=volunteer, status=status
        )

    with pytest.raises(ValidationError):
        to(VolunteerStatus.ACTIVE)  # not before a conversation
    to(VolunteerStatus.IN_CONVERSATION)
    with pytest.raises(ValidationError, match="pledge"):
        to(VolunteerStatus.ACTIVE)
    services.volunteer_update(
        office=office_a, by=coordinator, volunteer=volunteer, pledge_signed_on=timezone.localdate()
    )
    to(VolunteerStatus.ACTIVE)
    to(VolunteerStatus.PAUSED)
    to(VolunteerStatus.ACTIVE)
    to(VolunteerStatus.ENDED)
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.ENDED
    assert AuditEntry.objects.filter(action="sponsorship.volunteer.status_changed").count() == 5


def test_safeguarding_dates_must_make_sense(office_a, coordinator):
    volunteer = services.application_submit(
        office=office_a, languages=german_and_arabic(), **APPLICATION
    )
    today = timezone.localdate()
    for dates in (
        {"certificate_recheck_on": today + dt.timedelta(days=300)},
        {"certificate_seen_on": today, "certificate_recheck_on": today},
        {"certificate_seen_on": today + dt.timedelta(days=1)},
        {"pledge_signed_on": today + dt.timedelta(days=1)},
    ):
        with pytest.raises(ValidationError):
            services.volunteer_update(office=office_a, by=coordinator, volunteer=volunteer, **dates)
    volunteer.refresh_from_db()
    assert volunteer.certificate_seen_on is None and volunteer.pledge_signed_on is None
    services.volunteer_update(
        office=office_a,
        by=coordinator,
        volunteer=volunteer,
        certificate_seen_on=today,
        certificate_recheck_on=today + dt.timedelta(days=365 * 5),
    )
    assert volunteer.safeguarding_for_children()
    assert not volunteer.safeguarding_for_children(on=today + dt.timedelta(days=365 * 5))


def test_counselors_and_other_offices_cannot_manage_volunteers(office_a, office_b, outsider):
    volunteer = services.application_submit(
        office=office_a, languages=german_and_arabic(), **APPLICATION
    )
    counselor = member(office_a, Role.COUNSELOR, "counselor-x")
    with pytest.raises(PermissionDenied):
        services.volunteer_set_status(
            office=office_a, by=counselor, volunteer=volunteer, status="in_conversation"
        )
    with pytest.raises(ValidationError):
        services.volunteer_update(office=office_b, by=outsider, volunteer=volunteer, phone="1")
