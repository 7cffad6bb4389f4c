"""The directory pages of the portal in a real browser: axe on every page in de, en and ar, and a
newcomer on a small phone who searches in Arabic and switches to English on a service page."""

from __future__ import annotations

import re
from dataclasses import dataclass

import pytest
from playwright.sync_api import Browser, expect
from pytest_django.live_server_helper import LiveServer

from lotse.directory.models import InfoPageTranslation, Service
from tests.browser.support import PHONE, RecordingPage
from tests.browser.test_portal import LANGUAGES, assert_language, offices_with_contact_details
from tests.directory.factories import InfoPageFactory, make_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ARABIC_TITLE = "استشارة الاعتراف بالشهادات المهنية"
ENGLISH_TITLE = "IQ recognition counseling"


@dataclass
class Directory:
    recognition: Service
    german_only: Service


def directory() -> Directory:
    """A small directory: translated and German-only services, opening hours, an info page."""
    office = offices_with_contact_details()[0]
    recognition = make_service(
        title="IQ Anerkennungsberatung", office=office,
        topics=["recognition-professional", "recognition-regulated"],
        languages=["de", "fr", "ar"], target_groups=["skilled-worker"],
        access_modes=["appointment", "phone", "online"], district="Mitte",
        phone="+49 711 000 111", email="anerkennung@iq.example.org",
        website="https://www.iq-netzwerk-bw.example.org/anerkennungsberatung/stuttgart",
        texts={
            "de": {"title": "IQ Anerkennungsberatung",
                   "summary": "Beratung zur Anerkennung ausländischer Berufsabschlüsse.",
                   "description": "Wir beraten Sie zur Anerkennung Ihres Abschlusses.",
                   "eligibility": "Für alle mit einem ausländischen Abschluss.",
                   "cost": "Kostenlos"},
            "en": {"title": ENGLISH_TITLE,
                   "summary": "Advice on having your foreign qualification recognised.",
                   "description": "We advise you on the recognition of your qualification.",
                   "eligibility": "For everyone with a qualification from abroad."},
            "ar": {"title": ARABIC_TITLE,
                   "summary": "استشارة حول الاعتراف بالمؤهلات الأجنبية.",
                   "description": "نقدم لك المشورة بشأن الاعتراف بشهادتك."},
        },
        internal_notes="Nur intern",
    )  # fmt: skip
    location = recognition.locations.get()
    location.name = "IQ Servicestelle Stuttgart"
    location.opening_hours = [
        {"day": 0, "opens": "09:00", "closes": "12:00"},
        {"day": 0, "opens": "13:00", "closes": "16:00"},
        {"day": 3, "opens": "14:00", "closes": "18:00"},
    ]
    location.opening_notes = "Termine auch per Video."
    location.accessibility_notes = "Stufenloser Zugang, Aufzug im Hof."
    location.save()
    german_only = make_service(
        title="Kita-Platz-Vermittlung der Stadt", office=office, topics=["family-childcare"],
        languages=["de", "tr"], access_modes=["walk_in"], district="Bad Cannstatt",
        is_free=False,
    )  # fmt: skip
    page = InfoPageFactory(
        slug="first-weeks",
        owner_office=office,
        german={
            "title": "Ihre ersten Wochen in Stuttgart",
            "body": "## Anmelden\n\nMelden Sie Ihre Wohnung **innerhalb von zwei Wochen** an.\n\n"
            "- Pass\n- Wohnungsgeberbestätigung\n\n[Mehr zur Anmeldung](https://service.example.org/)",
        },
    )
    InfoPageTranslation.objects.create(
        page=page,
        language="en",
        title="Your first weeks in Stuttgart",
        body="## Registering\n\nRegister your flat **within two weeks**.\n\n- Passport\n"
        "- Landlord form",
    )
    return Directory(recognition=recognition, german_only=german_only)


#: Every portal page of the directory (`{id}`: the translated service) and what must be on it.
PAGES = [
    pytest.param("", ".entry-point", id="home"),
    pytest.param("search/?topic=recognition", ".portal-result", id="search-results"),
    pytest.param("search/?q=zzqqxx", ".portal-no-results", id="search-empty"),
    pytest.param("search/?topic=no-such-topic&q=Kita", "[aria-invalid=true]", id="search-error"),
    pytest.param("services/{id}/", ".portal-hours", id="service"),
    pytest.param("services/{german}/", ".portal-organisation", id="service-german-only"),
    pytest.param("services/{id}/print/", ".portal-hours", id="service-print"),
    pytest.param("pages/first-weeks/", ".portal-page-body h2", id="info-page"),
    pytest.param("accessibility/", ".portal-arbitration", id="accessibility"),
    pytest.param("accessibility/report-a-barrier/", "textarea", id="barrier-report"),
    pytest.param("accessibility/report-a-barrier/?sent=1", "h1", id="barrier-report-sent"),
]


def assert_fits_the_screen(tab: RecordingPage) -> None:
    """No sideways scrolling on a 360 px phone (WCAG 1.4.10 reflow)."""
    width = tab.page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{tab.page.url} is {width} px wide"


@pytest.mark.parametrize(("path", "content"), PAGES)
@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_every_directory_page_is_accessible(
    phone: RecordingPage, path: str, content: str, language: str, direction: str
) -> None:
    data = directory()
    url = f"/{language}/" + path.format(id=data.recognition.pk, german=data.german_only.pk)

    response = phone.goto(url)

    assert response.status == 200, url
    assert_language(phone, language, direction)
    expect(phone.page.locator("h1")).to_have_count(1)
    expect(phone.page.locator(content).first).to_be_attached()
    phone.assert_no_outside_requests()
    assert_fits_the_screen(phone)
    phone.assert_accessible()


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_the_barrier_form_with_errors_is_accessible(
    phone: RecordingPage, language: str, direction: str
) -> None:
    offices_with_contact_details()
    phone.goto(f"/{language}/accessibility/report-a-barrier/")
    phone.page.locator("#id_page").fill("")
    phone.page.locator("button[type=submit]").click()

    expect(phone.page.locator("[aria-invalid=true]")).to_have_count(2)
    assert_language(phone, language, direction)
    phone.assert_accessible()


def test_a_newcomer_searches_in_arabic_and_switches_to_english_on_the_service(
    phone: RecordingPage,
) -> None:
    data = directory()
    page = phone.page
    phone.goto("/ar/")
    assert_language(phone, "ar", "rtl")

    page.get_by_role("searchbox").first.fill("الاعتراف")
    page.get_by_role("searchbox").first.press("Enter")

    expect(page).to_have_url(re.compile(r"/ar/search/\?q="))
    result = page.get_by_role("link", name=ARABIC_TITLE)
    expect(result).to_be_visible()
    assert_fits_the_screen(phone)
    result.click()

    service_url = phone.url(f"/ar/services/{data.recognition.pk}/")
    expect(page).to_have_url(service_url)
    assert_language(phone, "ar", "rtl")
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_have_text(ARABIC_TITLE)
    # Right to left: the heading starts at the right edge of the screen.
    box = heading.bounding_box()
    assert box is not None and box["x"] + box["width"] > PHONE["width"] - 40
    expect(page.get_by_text("الاثنين")).to_be_visible()  # Monday, in Arabic
    assert_fits_the_screen(phone)

    page.get_by_role("link", name="English", exact=True).click()

    expect(page).to_have_url(phone.url(f"/en/services/{data.recognition.pk}/"))
    assert_language(phone, "en", "ltr")
    expect(page.get_by_role("heading", level=1)).to_have_text(ENGLISH_TITLE)
    expect(page.get_by_text("Monday")).to_be_visible()
    phone.assert_accessible()


def test_search_and_filters_work_without_javascript(
    chromium: Browser, live_server: LiveServer
) -> None:
    """Reading and searching are plain links and GET forms: switch JavaScript off and search."""
    directory()
    context = chromium.new_context(viewport=PHONE, java_script_enabled=False, locale="de-DE")
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/en/search/")
        page.locator("summary").click()
        page.get_by_label("Topic").select_option("family")
        page.get_by_role("button", name="Show results").click()
        expect(page).to_have_url(re.compile(r"/en/search/\?q=&topic=family"))
        page.get_by_role("link", name="Kita-Platz-Vermittlung der Stadt").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Kita-Platz-Vermittlung der Stadt"
        )
        expect(page.locator(".portal-fallback")).to_be_visible()
    finally:
        context.close()
