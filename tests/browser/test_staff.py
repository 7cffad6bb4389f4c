"""The back office in a real browser: login page, logging in through the form, the keyboard."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from lotse.core.models import Role
from tests.browser.support import RecordingPage
from tests.conftest import PASSWORD, member
from tests.core.factories import MembershipFactory, OfficeFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(tab: RecordingPage, username: str) -> None:
    """Log in through the form, as a person would (the first field may have focus already)."""
    page = tab.page
    tab.goto("/staff/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(PASSWORD)
    page.locator("#main form").get_by_role("button").click()


def test_login_page_is_local_and_accessible(desktop: RecordingPage) -> None:
    response = desktop.goto("/staff/login/")

    assert response.status == 200
    expect(desktop.page.locator("#id_username")).to_be_visible()
    desktop.assert_no_outside_requests()
    desktop.assert_accessible()


def test_counselor_logs_in_through_the_form(desktop: RecordingPage) -> None:
    office = OfficeFactory(slug="browser-office", name="Welcome Center Browser", client_prefix="WB")
    member(office, Role.COUNSELOR, "browser-counselor")

    log_in(desktop, "browser-counselor")

    page = desktop.page
    expect(page).to_have_url(desktop.url("/staff/"))
    expect(page.locator("#main")).to_contain_text(office.name)
    expect(page.get_by_text(office.name).first).to_be_visible()
    desktop.assert_no_outside_requests()
    desktop.assert_accessible()


def test_full_navigation_and_open_user_menu_are_accessible(desktop: RecordingPage) -> None:
    # An office admin in two offices sees every menu entry and the office switcher.
    office = OfficeFactory(slug="browser-main", name="Welcome Center Main", client_prefix="WM")
    second = OfficeFactory(slug="browser-second", name="Welcome Center Second", client_prefix="WZ")
    admin = member(office, Role.OFFICE_ADMIN, "browser-admin")
    MembershipFactory(user=admin, office=second, role=Role.OFFICE_ADMIN)

    log_in(desktop, "browser-admin")

    page = desktop.page
    expect(page).to_have_url(desktop.url("/staff/"))
    expect(page.locator("#office-switch")).to_be_visible()
    desktop.assert_accessible()
    menu = page.locator(".dropdown-toggle")
    menu.click()  # Bootstrap's JavaScript, served locally, opens it.
    expect(menu).to_have_attribute("aria-expanded", "true")
    desktop.assert_accessible()
    desktop.assert_no_outside_requests()


@pytest.mark.parametrize("path", ["/staff/login/", "/ar/"])
def test_first_tab_reaches_the_skip_link(desktop: RecordingPage, path: str) -> None:
    page = desktop.page
    desktop.goto(path)
    skip_link = page.locator("a.skip-link")
    focused = page.evaluate("document.activeElement && document.activeElement.outerHTML")
    assert page.evaluate("document.activeElement === document.body"), (
        f"Something has focus on load (autofocus?), so Tab passes the skip link by: {focused}"
    )
    hidden_box = skip_link.bounding_box()
    assert hidden_box is None or hidden_box["width"] <= 1, "The skip link shows before focus"

    page.keyboard.press("Tab")

    expect(skip_link).to_be_focused()
    expect(skip_link).to_have_attribute("href", "#main")
    shown_box = skip_link.bounding_box()
    assert shown_box is not None and shown_box["width"] > 10 and shown_box["height"] > 10, (
        f"The focused skip link is not visible: {shown_box}"
    )

    page.keyboard.press("Enter")

    expect(page.locator("#main")).to_be_focused()
