"""Browser tests: Debian's Chromium, driven by Playwright, against pytest-django's live server."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.browser.support import DESKTOP, PHONE, RecordingPage, stays_on

# Playwright's sync API keeps an asyncio event loop running in the main thread (behind
# greenlets). Django then believes the test body is in an async context and refuses ORM calls
# there (factories, the transactional_db flush) with SynchronousOnlyOperation. Nothing here runs
# database code concurrently from coroutines: the test body blocks while the browser waits for
# the live server's thread. So the guard is a false alarm for these tests, and we lift it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="session")
def chromium() -> Iterator[Browser]:
    """One headless Chromium for the whole run; each test gets its own context (cookies)."""
    if not CHROMIUM.exists():
        if os.environ.get("CI") == "true":
            pytest.fail(
                f"The browser tests need Debian's Chromium at {CHROMIUM}, and CI must run them: "
                "add `apt-get install -y chromium` to the CI image.",
                pytrace=False,
            )
        pytest.skip(
            f"Debian's Chromium is not installed at {CHROMIUM} "
            "(apt-get install -y chromium); skipping the browser tests."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def open_page(
    chromium: Browser, live_server: LiveServer
) -> Iterator[Callable[[dict[str, int]], RecordingPage]]:
    """Open a fresh browser context and page on the given viewport, recording its requests.

    Requests to anywhere but the live server are recorded and then aborted, so a stray CDN link
    fails the check quickly instead of waiting on a network the test machine may not have.
    """
    base_url = live_server.url
    contexts = []

    def open_(viewport: dict[str, int]) -> RecordingPage:
        # Reduced motion switches Bootstrap's transitions off, so axe never measures colours
        # halfway through one (an opening menu button, say).
        context = chromium.new_context(viewport=viewport, locale="de-DE", reduced_motion="reduce")
        contexts.append(context)
        context.route(lambda url: not stays_on(url, base_url), lambda route: route.abort())
        context.set_default_timeout(10_000)
        return RecordingPage(page=context.new_page(), base_url=base_url)

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture
def phone(open_page: Callable[[dict[str, int]], RecordingPage]) -> RecordingPage:
    return open_page(PHONE)


@pytest.fixture
def desktop(open_page: Callable[[dict[str, int]], RecordingPage]) -> RecordingPage:
    return open_page(DESKTOP)
