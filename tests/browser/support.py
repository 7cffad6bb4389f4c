"""Helpers for the browser tests: a page that records its requests, and readable axe failures."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, Request, Response

#: Viewport of a small phone: the portal is built phone first.
PHONE = {"width": 360, "height": 740}
#: Viewport of an office desktop: where the back office is mostly used.
DESKTOP = {"width": 1280, "height": 800}

#: Schemes that never reach a network (inline images in Bootstrap's CSS, for example).
LOCAL_SCHEMES = frozenset({"data", "blob", "about"})

_axe = Axe()


def origin_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def stays_on(url: str, origin: str) -> bool:
    """Whether fetching ``url`` stays on the live server (or never touches the network)."""
    return urlsplit(url).scheme in LOCAL_SCHEMES or origin_of(url) == origin


@dataclass
class RecordingPage:
    """A Playwright page plus every request it made, for the no-outside-requests check."""

    page: Page
    base_url: str
    requests: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("request", self._record)
        self.page.on("requestfailed", self._record_failure)

    def _record(self, request: Request) -> None:
        self.requests.append(request.url)

    def _record_failure(self, request: Request) -> None:
        # Leaving a page cancels what it still loads (the icon, a search as one types): the
        # browser calls that ERR_ABORTED. Outside hosts are caught by their address instead.
        if request.failure == "net::ERR_ABORTED" and stays_on(request.url, self.base_url):
            return
        self.failed.append(f"{request.url} ({request.failure})")

    def url(self, path: str) -> str:
        return f"{self.base_url}{path}"

    def goto(self, path: str) -> Response:
        response = self.page.goto(self.url(path))
        assert response is not None, f"No response for {path}"
        return response

    def requested(self, suffix: str) -> list[str]:
        return [url for url in self.requests if urlsplit(url).path.endswith(suffix)]

    def assert_no_outside_requests(self) -> None:
        # Late requests (the favicon, anything a script fetches) count too.
        self.page.wait_for_load_state("networkidle")
        assert self.requests, "The page recorded no requests at all; is the recorder attached?"
        outside = [url for url in self.requests if not stays_on(url, self.base_url)]
        assert not outside, (
            "Requests to other hosts (aborted here; they would leave the machine):\n"
            + "\n".join(outside)
        )
        assert not self.failed, "Requests failed:\n" + "\n".join(self.failed)

    def assert_accessible(self) -> None:
        # The pointer stays where the last click was; a link under it may be mid-way through
        # Bootstrap's hover transition, which axe would measure. Park it on empty ground.
        size = self.page.viewport_size or {"height": 600}
        self.page.mouse.move(1, size["height"] - 1)
        assert_no_axe_violations(self.page)


def format_violations(violations: list[dict]) -> str:
    lines = [f"axe-core found {len(violations)} violation(s):"]
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"<{violation['helpUrl']}>"
        )
        for node in violation["nodes"]:
            target = " ".join(str(part) for part in node["target"])
            lines.append(f"    target: {target}")
            lines.append(f"      html: {node['html']}")
            summary = (node.get("failureSummary") or "").replace("\n", "\n        ")
            if summary:
                lines.append(f"      {summary}")
    return "\n".join(lines)


def assert_no_axe_violations(page: Page) -> None:
    """Run axe-core (bundled with axe-playwright-python, injected locally) on the page."""
    results = _axe.run(page)
    violations = results.response["violations"]
    assert not violations, f"{page.url}\n{format_violations(violations)}"
