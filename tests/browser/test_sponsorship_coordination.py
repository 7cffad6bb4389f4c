"""A coordinator's round, in a real browser: approve a volunteer after the seminar, run the
matching, read why a pair was proposed, accept it, record a check-in, end the tandem."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from lotse.core.models import Language, Role
from lotse.counseling.models import ConsentPurpose
from lotse.sponsorship.models import (
    Attendance,
    SponsorshipRequest,
    Tandem,
    TrainingSession,
    Volunteer,
    VolunteerLanguage,
    VolunteerStatus,
)
from tests.browser.support import RecordingPage
from tests.browser.test_staff import log_in
from tests.conftest import member
from tests.core.factories import OfficeFactory
from tests.counseling.factories import make_person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_coordinator_matches_a_volunteer_and_follows_the_tandem(desktop: RecordingPage):
    office = OfficeFactory(slug="browser-match", name="Welcome Center Match", client_prefix="WX")
    member(office, Role.SPONSOR_COORDINATOR, "match-coordinator")
    today = timezone.localdate()
    volunteer = Volunteer.objects.create(
        office=office,
        first_name="Jana",
        last_name="Keller",
        email="jana@example.org",
        district="Bad Cannstatt",
        availability=["tue-evening", "sat-morning"],
        offers=["authorities", "german_practice"],
        status=VolunteerStatus.IN_CONVERSATION,
        consent_given_at=timezone.now(),
        pledge_signed_on=today - dt.timedelta(days=20),
    )
    VolunteerLanguage.objects.create(volunteer=volunteer, language_id="de", level=5)
    VolunteerLanguage.objects.create(volunteer=volunteer, language_id="ar", level=3)
    start = timezone.now() - dt.timedelta(days=2)
    seminar = TrainingSession.objects.create(
        office=office,
        kind="seminar",
        module="introduction",
        title="Einführungsseminar",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=3),
        place="Seminarraum",
    )
    Attendance.objects.create(session=seminar, volunteer=volunteer)
    person = make_person(
        office,
        display_name="Amira",
        consents=(ConsentPurpose.COUNSELING, ConsentPurpose.SPONSOR_PROGRAM),
    )
    person.languages.set(Language.objects.filter(code="ar"))
    request = SponsorshipRequest.objects.create(
        office=office,
        person=person,
        subject=person.subject,
        source="counselor",
        needs=["authorities"],
        languages=["ar"],
        district="Bad Cannstatt",
        availability=["tue-evening"],
        waiting_since=timezone.now() - dt.timedelta(days=30),
    )
    page = desktop.page
    log_in(desktop, "match-coordinator")

    # After the seminar: attended, then active.
    desktop.goto(f"/staff/sponsorship/training/{seminar.pk}/")
    desktop.assert_accessible()
    page.locator("button[name=status][value=attended]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    desktop.goto(f"/staff/sponsorship/volunteers/{volunteer.pk}/")
    page.locator("select[name=status]").select_option("active")
    page.locator("form[action$='/status/'] button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.ACTIVE

    # Matching: the pair comes with its reasons in words.
    desktop.goto("/staff/sponsorship/matching/")
    page.locator("form[action$='/matching/run/'] button[type=submit]").click()
    proposal = page.locator("#main").get_by_text("Jana Keller").first
    expect(proposal).to_be_visible()
    expect(page.locator("#main")).to_contain_text("Arabisch")  # the shared language, by name
    desktop.assert_accessible()
    page.locator("form[action$='/accept/'] button[type=submit]").first.click()
    expect(page.locator(".alert-success")).to_be_visible()
    tandem = Tandem.objects.get(request=request)
    assert tandem.volunteer == volunteer

    # A check-in, then the end.
    desktop.goto(f"/staff/sponsorship/tandems/{tandem.pk}/")
    desktop.assert_accessible()
    page.locator("form[action$='/check-ins/'] select[name=mood]").select_option("good")
    page.locator("form[action$='/check-ins/'] button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    tandem.refresh_from_db()
    assert tandem.last_contact_on == today
    page.locator("form[action$='/end/'] select[name=end_reason]").select_option("goal_reached")
    page.locator("form[action$='/end/'] button[type=submit]").click()
    expect(page.locator(".alert-success")).to_be_visible()
    tandem.refresh_from_db()
    request.refresh_from_db()
    assert tandem.status == "ended" and request.status == "closed"
    desktop.assert_accessible()
    desktop.assert_no_outside_requests()
