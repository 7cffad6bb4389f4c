"""The warning before the idle logout, in a real browser (the server side: tests/core/
test_hardening.py): it opens two minutes before the end and takes the focus, "Stay logged in"
keeps the session, an HTMX request counts as activity, and at the end the login page says why.
"""

from __future__ import annotations

import re

import pytest
import time_machine
from playwright.sync_api import expect

from lotse.core.models import Role
from tests.browser.support import RecordingPage
from tests.conftest import PASSWORD, member
from tests.core.factories import OfficeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

START = "2026-11-21 09:00 +01:00"


def test_the_browser_warns_before_the_idle_logout_and_keeps_or_ends_the_session(
    desktop: RecordingPage,
) -> None:
    """The page's clock (Playwright's) and the server's (time-machine) move on together."""
    office = OfficeFactory(slug="idle-office", name="Welcome Center Idle", client_prefix="WI")
    member(office, Role.COUNSELOR, "idle-counselor")
    page = desktop.page
    page.clock.install()
    with time_machine.travel(START, tick=True) as traveller:
        desktop.goto("/staff/login/")
        page.locator("#id_username").fill("idle-counselor")
        page.locator("#id_password").fill(PASSWORD)
        page.locator("#main form").get_by_role("button").click()
        expect(page).to_have_url(desktop.url("/staff/"))
        desktop.goto("/staff/counseling/people/")
        # Found by its id: the browser speaks German, and the texts will be translated.
        warning = page.locator("#idle-warning[role=alertdialog]")
        expect(warning).to_be_hidden()

        # Twenty minutes later a search (an HTMX request) counts as activity: the countdown
        # starts again from the seconds the server reports.
        page.clock.fast_forward("20:00")
        traveller.shift(20 * 60)
        with page.expect_response(lambda r: "q=Zz" in r.url and r.status == 200):
            page.locator("#id_q").fill("Zz")
            page.clock.run_for(500)  # HTMX waits 400 ms after typing
        page.clock.fast_forward("10:00")
        expect(warning).to_be_hidden()

        # Two minutes before the 30 idle minutes are up, the warning opens and takes the focus.
        page.clock.fast_forward("17:50")
        expect(warning).to_be_hidden()
        page.clock.fast_forward("00:20")
        expect(warning).to_be_visible()
        stay = warning.locator("button[type=submit]")
        expect(stay).to_be_focused()
        desktop.assert_accessible()

        # "Stay logged in": the server counts it as activity, the warning closes.
        traveller.shift(28 * 60)
        page.keyboard.press("Enter")
        expect(warning).to_be_hidden()
        # The next warning comes 28 minutes after the keep-alive, not earlier.
        page.clock.fast_forward("27:50")
        expect(warning).to_be_hidden()
        page.clock.fast_forward("00:20")
        expect(warning).to_be_visible()

        # Nobody answers: at the end of the 30 minutes, the login page says why.
        traveller.shift(30 * 60 + 5)
        page.clock.fast_forward("02:00")
        expect(page).to_have_url(
            desktop.url("/staff/login/?next=%2Fstaff%2Fcounseling%2Fpeople%2F%3Fq%3DZz")
        )
        expect(page.locator("#main [role=status]")).to_be_visible()  # "logged out after ..."
    # Gone on the server too: the staff page asks for the login again.
    desktop.goto("/staff/")
    expect(page).to_have_url(re.compile(r"/staff/login/"))
