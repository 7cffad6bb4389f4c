"""Security headers on every page: the Content-Security-Policy, nosniff, the Referrer-Policy,
framing refused, browser features off, and no copies of pages with personal data in any cache;
and, in production, cookies that only this host over HTTPS can set and read.

Every URL of the URL sweep (tests/sweep.py) is requested with GET, as an office admin who
passed the second factor and as anonymous, whatever the answer (a page, a redirect, 404, 405).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.http import HttpResponse
from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.middleware import is_staff_path
from lotse.core.models import Office, Role, User
from tests.conftest import PASSWORD, member
from tests.core.test_settings import PRODUCTION, manage
from tests.sweep import build_path, iter_routes

pytestmark = pytest.mark.django_db

#: The policy the issue asks for, directive by directive.
CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'none'"],
}
#: Same-origin, or stricter (the personal links send no Referer at all).
REFERRER_POLICIES = {"same-origin", "no-referrer"}
#: Pages with personal data outside the back office: the partner's answer page, the
#: volunteers' own pages, the event participant's personal link.
PRIVATE_PUBLIC_NAMES = {"referral-answer", "my", "my-cancel", "my-feedback", "my-ics"}


def parse_csp(value: str) -> dict[str, list[str]]:
    directives = {}
    for part in value.split(";"):
        if part.strip():
            name, *sources = part.split()
            directives[name] = sources
    return directives


def header_problems(response: HttpResponse, *, private: bool) -> list[str]:
    """What is missing or wrong in the response's headers; empty if nothing."""
    problems = []
    policy = parse_csp(response.get("Content-Security-Policy", ""))
    for directive, sources in CSP.items():
        if policy.get(directive) != sources:
            problems.append(f"CSP {directive} is {policy.get(directive)}, not {sources}")
    unsafe = {"'unsafe-inline'", "'unsafe-eval'", "*", "data:"} & set(policy.get("script-src", []))
    if unsafe:
        problems.append(f"script-src allows {sorted(unsafe)}")
    if response.get("X-Content-Type-Options") != "nosniff":
        problems.append("no X-Content-Type-Options: nosniff")
    if response.get("Referrer-Policy") not in REFERRER_POLICIES:
        problems.append(f"Referrer-Policy is {response.get('Referrer-Policy')!r}")
    if response.get("X-Frame-Options") != "DENY" and policy.get("frame-ancestors") != ["'none'"]:
        problems.append("framing is not refused")
    if response.get("Cross-Origin-Opener-Policy") != "same-origin":
        problems.append("no Cross-Origin-Opener-Policy: same-origin")
    features = response.get("Permissions-Policy", "")
    for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()"):
        if feature not in features:
            problems.append(f"Permissions-Policy lacks {feature}")
    if private and "no-store" not in response.get("Cache-Control", ""):
        problems.append(f"Cache-Control is {response.get('Cache-Control')!r}, not no-store")
    return problems


def verified_client(user: User, settings: Any) -> Client:
    """A logged-in client whose session passed the second factor (required, as in production)."""
    settings.LOTSE_REQUIRE_2FA = True
    device = TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


def sweep_paths(office: Office) -> list[tuple[str, str]]:
    """(name, path) of every URL of the sweep, with samples owned by `office`.

    Public URLs with a slug (a series, an info page) have no sample in the sweep, which checks
    only the guarded ones: they get a published series' slug (an info page's URL then
    answers 404, which carries the headers all the same).
    """
    from tests.events.factories import make_event, make_program

    program = make_program(office, is_series=True, title="Headers series")
    make_event(office, program=program, module_number=1)
    paths = []
    for route in iter_routes():
        route.path = route.path.replace("<slug:slug>", program.slug)
        route.kwargs = [kwarg for kwarg in route.kwargs if kwarg != "slug"]
        path = build_path(route, office)
        assert path is not None, f"{route.name}: no sample to fill {route.kwargs}"
        paths.append((route.name, path))
    return paths


def is_private(name: str, path: str) -> bool:
    return is_staff_path(path) or path.startswith("/volunteer/") or name in PRIVATE_PUBLIC_NAMES


def test_every_url_carries_the_security_headers(office_a: Office, settings: Any) -> None:
    admin = member(office_a, Role.OFFICE_ADMIN, "headers-admin")
    clients = {"office admin": verified_client(admin, settings), "anonymous": Client()}
    assert clients["office admin"].get("/staff/members/").status_code == 200  # verified indeed
    problems = []
    paths = sweep_paths(office_a)
    statuses: dict[int, int] = {}
    for who, client in clients.items():
        for name, path in paths:
            response = client.get(path)
            statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
            for problem in header_problems(response, private=is_private(name, path)):
                problems.append(f"GET {path} as {who} ({response.status_code}): {problem}")
    assert problems == []
    # The sweep covers the whole site: pages that open, and not only refusals.
    assert len(paths) >= 150, len(paths)
    assert statuses.get(200, 0) >= 150, statuses


def test_the_check_catches_a_weak_or_missing_policy() -> None:
    """The control: a bare response, and a policy that lets inline scripts in, are caught."""
    assert len(header_problems(HttpResponse(), private=True)) >= 10
    weak = HttpResponse()
    weak["Content-Security-Policy"] = "; ".join(
        f"{name} {' '.join(sources)}" for name, sources in CSP.items()
    ).replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
    assert any("script-src" in problem for problem in header_problems(weak, private=False))


#: Templates WeasyPrint turns into PDFs: no browser applies a policy to them, so they may style
#: themselves inline.
PDF_TEMPLATES = (
    "events/pdf/",
    "reports/exports/report.html",
    "privacy/export/person.html",
    "privacy/records/pdf.html",
)
SOURCE = Path(__file__).resolve().parents[2] / "src" / "lotse"


def test_no_template_needs_what_the_policy_refuses() -> None:
    """Inline scripts, event handlers, javascript: links and inline styles would be blocked."""
    found = []
    for template in sorted(SOURCE.glob("*/templates/**/*.html")):
        name = template.as_posix().split("/templates/", 1)[1]
        if name.startswith(PDF_TEMPLATES):
            continue
        text = re.sub(r"{#.*?#}", "", template.read_text(), flags=re.S)
        for tag in re.findall(r"<[a-zA-Z][^>]*>", text):
            if re.match(r"<script\b", tag) and not re.search(r"\bsrc=", tag):
                found.append(f"{name}: inline script {tag[:60]}")
            if re.match(r"<style\b", tag):
                found.append(f"{name}: <style> (move it to a file under static/)")
            if re.search(r"\sstyle=", tag):
                found.append(f"{name}: style= attribute (use a class) {tag[:60]}")
            if re.search(r"\son[a-z]+\s*=", tag):
                found.append(f"{name}: event handler attribute {tag[:60]}")
            if "javascript:" in tag.lower():
                found.append(f"{name}: javascript: link {tag[:60]}")
    assert found == []


def test_the_admin_site_and_the_health_check_carry_them_too(
    platform_admin: User, settings: Any
) -> None:
    client = verified_client(platform_admin, settings)
    for path in ("/admin/", "/admin/core/user/", "/admin/core/office/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert header_problems(response, private=True) == [], path
    health = Client().get("/healthz")
    assert header_problems(health, private=False) == []


def test_a_public_page_may_be_cached_but_not_once_someone_is_logged_in(
    client: Client, counselor: User
) -> None:
    public = client.get("/en/")
    assert public.status_code == 200
    assert "no-store" not in public.get("Cache-Control", "")
    client.force_login(counselor, backend="django.contrib.auth.backends.ModelBackend")
    assert "no-store" in client.get("/en/")["Cache-Control"]


def test_a_form_sent_back_with_its_errors_is_not_cached(client: Client) -> None:
    response = client.post("/staff/login/", {"username": "someone", "password": ""})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]


# --- Cookies in production ----------------------------------------------------------------------

COOKIE_SETTINGS = (
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_PATH",
    "SESSION_COOKIE_DOMAIN",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_PATH",
    "CSRF_COOKIE_DOMAIN",
    "LANGUAGE_COOKIE_NAME",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "LANGUAGE_COOKIE_PATH",
    "LANGUAGE_COOKIE_DOMAIN",
)


@pytest.fixture(scope="module")
def production_cookie_settings() -> dict[str, Any]:
    """The cookie settings as settings.py makes them with LOTSE_ENV=production."""
    code = (
        "import json; from django.conf import settings; "
        f"print(json.dumps({{name: getattr(settings, name) for name in {COOKIE_SETTINGS!r}}}))"
    )
    result = manage("shell", "-c", code, **PRODUCTION)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_cookies_carry_the_host_prefix(production_cookie_settings: dict) -> None:
    values = production_cookie_settings
    for cookie in ("SESSION", "CSRF", "LANGUAGE"):
        assert values[f"{cookie}_COOKIE_NAME"].startswith("__Host-"), cookie
        # What the prefix demands of the browser: Secure, Path=/, no Domain.
        assert values[f"{cookie}_COOKIE_SECURE"] is True, cookie
        assert values[f"{cookie}_COOKIE_PATH"] == "/", cookie
        assert values[f"{cookie}_COOKIE_DOMAIN"] is None, cookie
        assert values[f"{cookie}_COOKIE_HTTPONLY"] is True, cookie
        assert values[f"{cookie}_COOKIE_SAMESITE"] == "Lax", cookie


def test_production_cookies_as_the_browser_receives_them(
    production_cookie_settings: dict, settings: Any, counselor: User
) -> None:
    for name, value in production_cookie_settings.items():
        setattr(settings, name, value)
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    page = client.get("/staff/login/", secure=True)
    login = client.post(
        "/staff/login/",
        {"username": counselor.username, "password": PASSWORD},
        secure=True,
    )
    assert login.status_code == 302
    language = client.post("/i18n/setlang/", {"language": "de", "next": "/"}, secure=True)
    cookies = {
        "session": login.cookies[settings.SESSION_COOKIE_NAME],
        "csrf": page.cookies[settings.CSRF_COOKIE_NAME],
        "language": language.cookies[settings.LANGUAGE_COOKIE_NAME],
    }
    for kind, cookie in cookies.items():
        assert cookie.key.startswith("__Host-"), kind
        assert cookie["secure"] is True, kind
        assert cookie["httponly"] is True, kind
        assert cookie["samesite"] == "Lax", kind
        assert cookie["path"] == "/", kind
        assert cookie["domain"] == "", kind
