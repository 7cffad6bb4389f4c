"""The public portal in a real browser: phone-sized, offline-clean, accessible, right to left."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lotse.core.models import Office
from tests.browser.support import RecordingPage
from tests.core.factories import OfficeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = [
    pytest.param("de", "ltr", id="de"),
    pytest.param("en", "ltr", id="en"),
    pytest.param("ar", "rtl", id="ar"),
]


def offices_with_contact_details() -> list[Office]:
    return [
        OfficeFactory(
            slug="browser-stuttgart",
            name="Welcome Center Stuttgart",
            client_prefix="WS",
            street="Königstraße 1",
            postal_code="70173",
            city="Stuttgart",
            phone="+49 711 123 456",
            email="welcome@stuttgart.example.org",
            website="https://stuttgart.example.org/",
            opening_hours="Mo–Fr 9–12 Uhr\nDo 14–18 Uhr",
        ),
        OfficeFactory(
            slug="browser-ulm",
            name="Welcome Center Ulm",
            client_prefix="WU",
            city="Ulm",
            email="welcome@ulm.example.org",
        ),
    ]


def assert_language(tab: RecordingPage, language: str, direction: str) -> None:
    html = tab.page.locator("html")
    expect(html).to_have_attribute("lang", language)
    expect(html).to_have_attribute("dir", direction)


def assert_bootstrap_for(tab: RecordingPage, direction: str) -> None:
    rtl = tab.requested("/bootstrap.rtl.min.css")
    ltr = tab.requested("/bootstrap.min.css")
    if direction == "rtl":
        assert rtl, f"bootstrap.rtl.min.css was not loaded; requests: {tab.requests}"
        assert not ltr, f"The left-to-right Bootstrap was loaded too: {ltr}"
    else:
        assert ltr, f"bootstrap.min.css was not loaded; requests: {tab.requests}"
        assert not rtl, f"The right-to-left Bootstrap was loaded: {rtl}"


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_home_is_local_accessible_and_in_the_right_direction(
    phone: RecordingPage, language: str, direction: str
) -> None:
    offices = offices_with_contact_details()

    response = phone.goto(f"/{language}/")

    assert response.status == 200
    assert_language(phone, language, direction)
    for office in offices:
        expect(phone.page.get_by_role("heading", name=office.name)).to_be_visible()
    phone.assert_no_outside_requests()
    assert_bootstrap_for(phone, direction)
    phone.assert_accessible()


@pytest.mark.parametrize(("language", "direction"), LANGUAGES)
def test_not_found_page_is_local_and_accessible(
    phone: RecordingPage, language: str, direction: str
) -> None:
    response = phone.goto(f"/{language}/does-not-exist/")

    assert response.status == 404
    assert_language(phone, language, direction)
    expect(phone.page.locator("h1")).to_be_visible()
    phone.assert_no_outside_requests()
    assert_bootstrap_for(phone, direction)
    phone.assert_accessible()


def test_language_switcher_keeps_the_page(phone: RecordingPage) -> None:
    offices_with_contact_details()
    phone.goto("/ar/")
    assert_language(phone, "ar", "rtl")

    phone.page.get_by_role("link", name="English", exact=True).click()

    expect(phone.page).to_have_url(phone.url("/en/"))
    assert_language(phone, "en", "ltr")
    expect(phone.page.get_by_role("link", name="English", exact=True)).to_have_attribute(
        "aria-current", "true"
    )
