"""A newcomer asks in their own language on a small phone, with the real multilingual model:
Arabic, Ukrainian and Turkish questions over a directory written in German and English."""

from __future__ import annotations

from urllib.parse import unquote

import pytest
from playwright.sync_api import expect

from lotse.ask.models import AskedQuestion
from tests.browser.support import RecordingPage
from tests.browser.test_portal import assert_language, offices_with_contact_details
from tests.browser.test_portal_directory import assert_fits_the_screen
from tests.portal.test_ask import realistic_directory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("real_embedding"),
]

QUESTIONS = [
    pytest.param("ar", "rtl", "أين أسجل عنواني الجديد Anmeldung؟", "registration", id="ar"),
    pytest.param(
        "uk", "ltr", "мій диплом медсестри з Києва, чи можу я працювати тут?", "recognition",
        id="uk",
    ),
    pytest.param("tr", "ltr", "çocuğum için Kita yeri nasıl bulurum", "kita", id="tr"),
]  # fmt: skip


@pytest.mark.parametrize(("language", "direction", "question", "expected"), QUESTIONS)
def test_a_newcomer_asks_on_a_phone_and_finds_the_right_place(
    phone: RecordingPage, language: str, direction: str, question: str, expected: str
) -> None:
    offices = offices_with_contact_details()
    services = realistic_directory(offices[0])

    phone.goto(f"/{language}/")
    assert_language(phone, language, direction)
    box = phone.page.locator("#ask-q")
    expect(box).to_be_visible()
    box.fill(question)
    phone.page.locator(".portal-ask-box button[type=submit]").click()

    # Answered on the spot, by POST: the address holds no question.
    expect(phone.page.locator("#answers-heading")).to_be_visible()
    assert phone.page.url.endswith(f"/{language}/ask/")
    assert_language(phone, language, direction)
    answers = phone.page.locator("ol.portal-answers > li")
    expect(answers.first).to_be_visible()
    assert answers.count() <= 3
    first = answers.first.locator("h3 a")
    expect(first).to_have_attribute("href", f"/{language}/services/{services[expected].pk}/")
    for index in range(answers.count()):
        expect(answers.nth(index).locator(".portal-reason")).not_to_be_empty()
    # The question stays in the box, and the way to the Welcome Center is on the page.
    expect(phone.page.locator("#id_q")).to_have_value(question)
    expect(phone.page.locator("#ask-contact-heading")).to_be_attached()
    expect(phone.page.locator('a[href="tel:+49711123456"]')).to_be_attached()
    assert_fits_the_screen(phone)
    phone.assert_no_outside_requests()
    phone.assert_accessible()
    logged = AskedQuestion.objects.get()
    assert logged.language == language and logged.results[0]["id"] == services[expected].pk

    # "No, it did not help": thanks, and the contact comes first; the address holds no question.
    phone.page.locator(".portal-ask-feedback button[value=no]").click()
    phone.page.wait_for_url("**/ask/?thanks=no*")
    assert question not in unquote(phone.page.url)
    expect(phone.page.locator("#ask-contact-heading")).to_be_visible()
    assert_fits_the_screen(phone)
    phone.assert_accessible()
    logged.refresh_from_db()
    assert logged.feedback == "not_helped"


def test_the_header_leads_to_the_ask_page_on_a_phone(phone: RecordingPage) -> None:
    offices = offices_with_contact_details()
    realistic_directory(offices[0])

    phone.goto("/ar/search/")
    header = phone.page.locator("header")
    # On a phone the header carries a link, not a field that would push the page down.
    expect(header.locator("#header-ask-q")).to_be_hidden()
    header.locator('a[href="/ar/ask/"]').click()
    phone.page.wait_for_url("**/ar/ask/")
    expect(phone.page.locator("#id_q")).to_be_visible()
    # Two Welcome Centers: the reader may choose theirs.
    expect(phone.page.locator("#id_office")).to_be_visible()
    phone.page.locator("#id_q").fill("كيف أحصل على تأمين صحي؟")
    phone.page.locator("#id_office").select_option("browser-ulm")
    phone.page.locator("form.portal-ask button[type=submit]").click()
    expect(phone.page.locator("ol.portal-answers > li").first).to_be_visible()
    assert phone.page.url.endswith("/ar/ask/")
    assert AskedQuestion.objects.get().office == offices[1]
    assert_fits_the_screen(phone)
    phone.assert_accessible()
