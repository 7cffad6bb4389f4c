"""Events on the portal in a real browser, as a newcomer on a cheap phone: find an Information
Night in English, register, get the calendar file, cancel by the personal link; the next person
on the waiting list moves up and is told. Every page fits 360 px, passes axe, stays local."""

from __future__ import annotations

import datetime as dt
import re

import icalendar
import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from lotse.events import links, services
from lotse.events.models import ProgramTranslation, Registration, RegistrationStatus
from tests.browser.support import RecordingPage
from tests.browser.test_portal_directory import assert_fits_the_screen
from tests.core.factories import OfficeFactory
from tests.events.factories import make_event, make_program, make_registration

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Information Night: Arriving in Stuttgart"


@pytest.fixture
def office():
    return OfficeFactory(
        slug="browser-events",
        name="Welcome Center Stuttgart",
        client_prefix="WE",
        email="welcome@stuttgart.example.org",
        phone="+49 711 123 456",
    )


@pytest.fixture
def info_night(office):
    """An Information Night in English with one place left, and a German evening besides."""
    program = make_program(office, slug="info-nights", title="Informationsabende")
    ProgramTranslation.objects.create(program=program, language="en", title="Information Nights")
    ProgramTranslation.objects.create(program=program, language="ar", title="أمسيات المعلومات")
    event = make_event(
        office,
        program=program,
        title="Informationsabend: Ankommen in Stuttgart",
        translations={"en": TITLE, "ar": "أمسية معلومات: الوصول إلى شتوتغارت"},
        language="en",
        capacity=2,
    )
    event.interpretation.set(["ar"])
    make_event(office, program=program, title="Nur auf Deutsch", language="de")
    make_registration(event, name="Ana Early", email="ana@example.org", language="en")
    return event


def check(tab: RecordingPage) -> None:
    assert_fits_the_screen(tab)
    tab.assert_accessible()


def test_a_newcomer_registers_on_a_phone_cancels_and_the_next_person_moves_up(
    phone: RecordingPage, info_night, settings, live_server
) -> None:
    # The e-mails link to this server, as they link to the portal in production.
    settings.LOTSE_BASE_URL = live_server.url
    page = phone.page

    phone.goto("/en/")
    check(phone)
    page.get_by_role("link", name="All events and registration").click()
    expect(page).to_have_url(phone.url("/en/events/"))
    expect(page.locator(".event-item")).to_have_count(2)
    page.locator(".portal-filters summary").click()
    page.get_by_label("Language (held in or interpreted into)").select_option("en")
    check(phone)
    page.get_by_role("button", name="Show events").click()
    expect(page.locator(".event-item")).to_have_count(1)
    expect(page.locator(".event-item")).to_contain_text("1 place left")
    check(phone)

    page.get_by_role("link", name=TITLE, exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    check(phone)
    page.get_by_role("link", name="Register", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(TITLE)
    check(phone)
    page.get_by_label("Your name").fill("Sara Haddad")
    page.get_by_label("E-mail").fill("sara@example.org")
    page.get_by_label("I agree that my details are stored").check()
    page.wait_for_timeout(3_200)  # a person takes longer than the time trap's three seconds
    page.get_by_role("button", name="Register").click()

    expect(page.locator(".alert-success")).to_contain_text("You are registered.")
    expect(page.locator("#main")).to_contain_text("You have a place.")
    check(phone)
    sara = Registration.objects.get(email="sara@example.org")
    assert sara.status == RegistrationStatus.REGISTERED and sara.language == "en"
    (confirmation,) = [m for m in mail.outbox if m.to == ["sara@example.org"]]
    name, content, mimetype = confirmation.attachments[0]
    assert name.endswith(".ics") and mimetype == "text/calendar"
    (entry,) = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert str(entry["SUMMARY"]) == TITLE
    assert entry.decoded("DTSTART") == info_night.local_start

    # The event is full now; the next person waits.
    ben = services.register(
        event=info_night, name="Ben Waiting", email="ben@example.org", language="en",
        consent_at=timezone.now(),
    )  # fmt: skip
    assert ben.status == RegistrationStatus.WAITING
    mail.outbox.clear()

    link = re.search(r"https?://\S+/events/my/(\S+)/", confirmation.body)
    assert link, confirmation.body
    assert link.group(0).startswith(f"{live_server.url}/en/events/my/")
    assert links.registration_for(link.group(1)) == sara
    page.goto(link.group(0))
    page.get_by_role("button", name="Cancel my registration").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cancel your registration?")
    check(phone)
    page.get_by_role("button", name="Yes, cancel").click()

    expect(page.locator(".alert-success")).to_contain_text("Your registration is cancelled.")
    expect(page.locator("#main")).to_contain_text("This registration is cancelled.")
    check(phone)
    sara.refresh_from_db(), ben.refresh_from_db()
    assert sara.status == RegistrationStatus.CANCELLED
    assert ben.status == RegistrationStatus.REGISTERED and ben.promoted_at
    moved_up = [m for m in mail.outbox if m.to == ["ben@example.org"]]
    assert len(moved_up) == 1 and "A place is free for you" in moved_up[0].subject
    phone.assert_no_outside_requests()


@pytest.mark.parametrize("language", ["ar", "de"])
def test_the_event_pages_fit_a_phone_in_arabic_and_german(
    phone: RecordingPage, info_night, language: str
) -> None:
    waiting = make_registration(info_night, name="Wartend", status=RegistrationStatus.WAITING)
    paths = [
        f"/{language}/events/",
        f"/{language}/events/?language=ar&program=info-nights",
        f"/{language}/events/{info_night.pk}/",
        f"/{language}/events/{info_night.pk}/register/",
        f"/{language}/events/programs/info-nights/",
        links.personal_path(waiting, language),
    ]
    for path in paths:
        response = phone.goto(path)
        assert response.status == 200, path
        expect(phone.page.locator("html")).to_have_attribute(
            "dir", "rtl" if language == "ar" else "ltr"
        )
        check(phone)
    # A form with mistakes, as a person sees it after sending it empty.
    phone.goto(f"/{language}/events/{info_night.pk}/register/")
    phone.page.locator("#main form button[type=submit]").click()
    expect(phone.page.locator("#main .alert-danger")).to_be_visible()
    check(phone)
    phone.assert_no_outside_requests()


def test_a_series_can_be_booked_on_a_phone(phone: RecordingPage, office) -> None:
    series = make_program(office, is_series=True, slug="pflege", title="Pflege")
    modules = [
        make_event(office, program=series, module_number=n, title=f"Modul {n}",
                   starts_in=dt.timedelta(days=7 * n))
        for n in (1, 2, 3)
    ]  # fmt: skip
    page = phone.page
    phone.goto("/en/events/programs/pflege/")
    check(phone)
    page.get_by_label(re.compile("Module 2: Modul 2")).uncheck()
    page.get_by_label("Your name").fill("Eva Schmidt")
    page.get_by_label("Phone").fill("0711 987654")
    page.get_by_label("I agree that my details are stored").check()
    page.wait_for_timeout(3_200)
    page.get_by_role("button", name="Book").click()

    expect(page.locator(".alert-success")).to_contain_text("bookmark this page")
    check(phone)
    booked = Registration.objects.order_by("event__module_number")
    assert [r.event_id for r in booked] == [modules[0].pk, modules[2].pk]
    assert len({r.series_key for r in booked}) == 1
    phone.assert_no_outside_requests()
