"""A new counselor's first day, in a real browser: find or create a person, record a consultation
with two topics and a referral to the IQ recognition service by keyboard, set a follow-up, see it
on the next day's start page; an anonymous contact in three fields plus save. Every page is
checked with axe and for requests to other hosts."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from lotse.core.models import Role
from lotse.counseling import services
from lotse.counseling.models import (
    ConsentPurpose,
    Consultation,
    FollowUp,
    Person,
    Referral,
)
from tests.browser.support import RecordingPage
from tests.browser.test_staff import log_in
from tests.conftest import member
from tests.core.factories import OfficeFactory
from tests.counseling.factories import make_person
from tests.directory.factories import make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def tab_to(tab: RecordingPage, selector: str, limit: int = 60) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    page = tab.page
    seen = []
    for _ in range(limit):
        seen.append(page.evaluate("document.activeElement?.id || document.activeElement?.tagName"))
        if page.evaluate(f"document.activeElement?.matches({selector!r}) ?? false"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {selector}: {seen}")


def type_date(tab: RecordingPage, day: dt.date) -> None:
    # Headless Chromium lays out date fields in its own (en-US) order: month, day, year.
    tab.page.keyboard.type(day.strftime("%m%d%Y"))


@pytest.fixture
def iq_office():
    office = OfficeFactory(slug="browser-wc", name="Welcome Center Browser", client_prefix="WB")
    make_service(
        title="IQ Anerkennungsberatung",
        office=office,
        topics=("recognition-professional",),
        languages=("de", "fr", "ar"),
    )
    make_service(title="Jobcenter Mitte", office=office, topics=("work",))
    return office


def test_a_new_counselors_first_consultation_by_keyboard(desktop: RecordingPage, iq_office):
    counselor = member(iq_office, Role.COUNSELOR, "new-counselor")
    page = desktop.page
    log_in(desktop, "new-counselor")
    expect(page).to_have_url(desktop.url("/staff/"))

    # Find: nobody yet. Create the person from the list page.
    page.locator('nav a[href="/staff/counseling/people/"]').click()
    page.locator("#main input[name=q]").fill("Haddad")
    page.wait_for_load_state("networkidle")  # the search as one types has answered
    page.locator("#main input[name=q]").press("Enter")
    expect(page.locator("#main")).not_to_contain_text("WB-")
    desktop.assert_accessible()
    page.locator('#main a[href="/staff/counseling/people/new/"]').first.click()
    desktop.assert_accessible()
    page.locator("#id_display_name").fill("Amira Haddad")
    page.locator("#id_country_of_origin").select_option("SY")
    page.locator("#id_preferred_language").select_option("ar")
    page.locator("input[name=consent_form][value=verbal]").check()
    page.locator("#main form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/staff/counseling/people/\d+/$"))
    person = Person.objects.get(display_name="Amira Haddad")
    assert re.fullmatch(r"WB-\d{4}-00001", person.client_number)
    expect(page.locator("#main")).to_contain_text(person.client_number)
    desktop.assert_accessible()

    # Record the consultation with the keyboard alone.
    page.locator(f'a[href="/staff/counseling/people/{person.pk}/consultations/new/"]').click()
    page.locator("#id_topics-typeahead").focus()
    page.keyboard.type("berufsab")  # Anerkennung von Berufsabschlüssen
    page.keyboard.press("Enter")
    page.keyboard.type("stellens")  # Stellensuche
    page.keyboard.press("Enter")
    assert page.locator("#id_topics option:checked").count() == 2
    expect(page.locator("#service-suggestions")).to_contain_text("IQ Anerkennungsberatung")
    desktop.assert_accessible()
    iq_radio = page.get_by_label(re.compile("IQ Anerkennungsberatung"))
    # A radio group is one Tab stop ("no referral" is checked); the arrow keys choose in it.
    tab_to(desktop, "input[name=service]")
    page.keyboard.press("ArrowDown")
    expect(iq_radio).to_be_checked()  # the best suggestion comes first
    tab_to(desktop, "#id_reason")
    page.keyboard.type("Pflegefachkraft aus Syrien, Anerkennung klären")
    tab_to(desktop, "#id_task_title")
    page.keyboard.type("Nach dem Termin bei IQ fragen")
    tab_to(desktop, "#id_task_due_on")
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    type_date(desktop, tomorrow)
    with page.expect_navigation():
        page.keyboard.press("Enter")
    errors = page.locator(".invalid-feedback, .alert-danger").all_inner_texts()
    assert not errors, errors
    expect(page).to_have_url(desktop.url(f"/staff/counseling/people/{person.pk}/"))

    consultation = Consultation.objects.get(person=person)
    assert consultation.topics.count() == 2
    assert consultation.language_id == "ar" and consultation.counselor == counselor
    referral = Referral.objects.get(person=person)
    assert referral.consultation == consultation
    assert referral.service.title == "IQ Anerkennungsberatung"
    task = FollowUp.objects.get(person=person)
    assert task.due_on == tomorrow and task.assigned_to == counselor
    expect(page.locator("#main")).to_contain_text("IQ Anerkennungsberatung")
    desktop.assert_accessible()
    desktop.assert_no_outside_requests()

    # The next morning the follow-up waits on the start page.
    with time_machine.travel(timezone.now() + dt.timedelta(days=1)):
        page.context.clear_cookies()
        log_in(desktop, "new-counselor")
        expect(page).to_have_url(desktop.url("/staff/"))
        expect(page.locator("#main")).to_contain_text("Nach dem Termin bei IQ fragen")
        expect(page.locator("#main")).to_contain_text("Amira Haddad")
        desktop.assert_accessible()


def test_an_anonymous_contact_in_three_fields_plus_save(desktop: RecordingPage, iq_office):
    member(iq_office, Role.COUNSELOR, "walk-in-counselor")
    page = desktop.page
    log_in(desktop, "walk-in-counselor")
    desktop.goto("/staff/counseling/contacts/quick/")
    desktop.assert_accessible()
    page.locator("#id_country_of_origin").select_option("IN")
    skilled = page.locator("#id_target_group option", has_text="Fachkr").get_attribute("value")
    page.locator("#id_target_group").select_option(skilled)
    page.locator("#id_topics-typeahead").focus()
    page.keyboard.type("blaue")  # Blaue Karte EU
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # the empty type-ahead saves the form
    expect(page.locator(".alert-success")).to_be_visible()
    contact = Consultation.objects.get(is_anonymous=True)
    assert contact.person is None and contact.country_of_origin_id == "IN"
    assert [t.slug for t in contact.topics.all()] == ["residence-blue-card"]
    # Back on an empty form for the next walk-in.
    expect(page.locator("#id_country_of_origin")).to_have_value("")
    desktop.assert_accessible()
    desktop.assert_no_outside_requests()


def test_the_partner_confirms_through_the_letters_link(desktop: RecordingPage, iq_office):
    counselor = member(iq_office, Role.COUNSELOR, "letter-counselor")
    person = make_person(
        iq_office,
        display_name="Amira",
        consents=(ConsentPurpose.COUNSELING, ConsentPurpose.REFERRAL_HANDOVER),
    )
    service = make_service(
        title="IQ Netzwerk", office=iq_office, topics=("recognition",), email="iq@example.org"
    )
    referral = services.referral_create(
        office=iq_office, by=counselor, person=person, service=service
    )
    page = desktop.page
    log_in(desktop, "letter-counselor")
    desktop.goto(f"/staff/counseling/referrals/{referral.pk}/letter/")
    desktop.assert_accessible()
    page.wait_for_load_state("networkidle")
    page.locator("#main form button[type=submit]").last.click()
    expect(page).to_have_url(desktop.url(f"/staff/counseling/referrals/{referral.pk}/"))
    link = re.search(r"https?://[^/\s]+(/partner/referral/[\w-]+/)", mail.outbox[-1].body)
    assert link, mail.outbox[-1].body

    page.context.clear_cookies()  # the partner has no account
    desktop.goto(link.group(1))
    expect(page.locator("#main")).to_contain_text("Amira")
    desktop.assert_accessible()
    page.wait_for_load_state("networkidle")  # the icon has loaded before we leave the page
    page.locator("button[value=arrived]").click()
    expect(page.locator("#main h1")).to_be_visible()
    page.wait_for_load_state("networkidle")
    referral.refresh_from_db()
    assert referral.status == "arrived" and referral.partner_confirmed_at
    desktop.assert_accessible()
    desktop.assert_no_outside_requests()
