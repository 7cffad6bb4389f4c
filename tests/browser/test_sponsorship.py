"""Welcome sponsors in a real browser: a person applies on a phone (German and Arabic pages),
a coordinator reviews the application and moves it on. axe and no outside requests on each."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lotse.core.models import Role
from lotse.sponsorship.models import Volunteer, VolunteerStatus
from tests.browser.support import RecordingPage
from tests.browser.test_portal_directory import assert_fits_the_screen
from tests.browser.test_staff import log_in
from tests.conftest import member
from tests.core.factories import OfficeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def office():
    return OfficeFactory(
        slug="browser-sponsors", name="Welcome Center Paten", client_prefix="WP", email="wc@x.org"
    )


@pytest.mark.parametrize("language", ["de", "ar"])
def test_the_application_page_is_accessible_on_a_phone(phone: RecordingPage, office, language):
    phone.goto(f"/{language}/volunteer/")
    expect(phone.page.locator("#main form")).to_be_visible()
    assert_fits_the_screen(phone)
    phone.assert_accessible()
    phone.assert_no_outside_requests()


def test_a_person_applies_and_a_coordinator_takes_it_on(phone: RecordingPage, desktop, office):
    member(office, Role.SPONSOR_COORDINATOR, "browser-coordinator")
    page = phone.page
    phone.goto("/de/volunteer/")
    page.locator("#id_first_name").fill("Jana")
    page.locator("#id_last_name").fill("Keller")
    page.locator("#id_email").fill("jana.keller@example.org")
    page.locator("#id_district").fill("Bad Cannstatt")
    page.locator("#id_language_1").select_option("de")
    page.locator("#id_level_1").select_option("5")
    page.locator("#id_language_2").select_option("ar")
    page.locator("#id_level_2").select_option("2")
    page.locator("input[name=availability][value=tue-evening]").check()
    page.locator("input[name=offers][value=authorities]").check()
    page.locator("input[name=consent]").check()
    page.wait_for_timeout(3_200)  # a person takes longer than the time trap's three seconds
    page.locator("#main form button[type=submit]").click()
    expect(page).to_have_url(phone.url("/de/volunteer/thanks/"))
    phone.assert_accessible()
    volunteer = Volunteer.objects.get(last_name="Keller")
    assert volunteer.status == VolunteerStatus.APPLIED and volunteer.availability == ["tue-evening"]

    log_in(desktop, "browser-coordinator")
    desktop.goto("/staff/sponsorship/volunteers/")
    expect(desktop.page.locator("#main")).to_contain_text("Keller")
    desktop.assert_accessible()
    desktop.goto(f"/staff/sponsorship/volunteers/{volunteer.pk}/")
    desktop.assert_accessible()
    desktop.page.locator("select[name=status]").select_option("in_conversation")
    desktop.page.locator("form[action$='/status/'] button[type=submit]").click()
    expect(desktop.page.locator(".alert-success")).to_be_visible()
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.IN_CONVERSATION
    desktop.assert_accessible()
    desktop.goto("/staff/sponsorship/safeguarding/")
    expect(desktop.page.locator("#main")).to_contain_text("Keller")  # no pledge yet
    desktop.assert_accessible()
    desktop.assert_no_outside_requests()
