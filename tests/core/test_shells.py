"""The two shells: languages, right-to-left, error pages, and nothing loaded from other hosts."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders
from django.test import Client, RequestFactory

from lotse.core import views
from lotse.core.models import Office, User
from tests.conftest import login
from tests.sweep import build_path, iter_routes

pytestmark = pytest.mark.django_db

#: Attributes through which a page makes the browser fetch something by itself.
LOADING = {
    ("script", "src"), ("link", "href"), ("img", "src"), ("img", "srcset"), ("iframe", "src"),
    ("source", "src"), ("source", "srcset"), ("video", "src"), ("video", "poster"),
    ("audio", "src"), ("embed", "src"), ("object", "data"), ("form", "action"),
    ("input", "src"), ("track", "src"),
}  # fmt: skip
FOREIGN = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
CSS_FOREIGN = re.compile(r"(?:url\(\s*['\"]?\s*(?:https?:)?//|@import)", re.IGNORECASE)


class LoadCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.foreign: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        for name, value in attrs:
            if value and (tag, name) in LOADING and FOREIGN.match(value):
                self.foreign.append(f"<{tag} {name}={value}>")
            if value and name == "style" and CSS_FOREIGN.search(value):
                self.foreign.append(f"<{tag} style={value}>")

    def handle_data(self, data: str) -> None:
        if self._in_style and CSS_FOREIGN.search(data):
            self.foreign.append(f"<style>{data[:80]}")


def foreign_loads(html: str) -> list[str]:
    collector = LoadCollector()
    collector.feed(html)
    return collector.foreign


def test_the_collector_would_notice_a_cdn() -> None:
    html = (
        '<link rel="stylesheet" href="https://cdn.example/b.css">'
        '<script src="//cdn.example/x.js"></script><style>@import url(x.css)</style>'
        '<a href="https://partner.example/">a link to click is fine</a>'
    )
    assert len(foreign_loads(html)) == 3


def test_no_page_loads_anything_from_another_host(
    client: Client, office_admin: User, office_a: Office
) -> None:
    office_a.website = "https://welcome.example.org"
    office_a.save()
    pages = [f"/{code}/" for code, _ in settings.LANGUAGES]
    pages += ["/de/missing/", "/staff/login/", "/staff/password/reset/", "/staff/missing/"]
    for path in pages:
        response = client.get(path)
        assert foreign_loads(response.content.decode()) == [], path
    login(client, office_admin)
    for route in iter_routes():
        if route.access and route.access.startswith("staff:"):
            path = build_path(route, office_a)
            response = client.get(path)
            if not response.get("Content-Type", "").startswith("text/html"):
                continue  # a PDF or calendar file loads nothing
            assert foreign_loads(response.content.decode()) == [], path


def test_no_stylesheet_imports_or_fetches_from_another_host() -> None:
    for relative in ("vendor/bootstrap/bootstrap.min.css", "vendor/bootstrap/bootstrap.rtl.min.css",
                     "lotse/lotse.css"):  # fmt: skip
        text = Path(finders.find(relative)).read_text(encoding="utf-8")
        assert not CSS_FOREIGN.search(text), relative


@pytest.mark.parametrize(
    ("code", "direction"), [("de", "ltr"), ("en", "ltr"), ("ar", "rtl"), ("fa", "rtl")]
)
def test_the_portal_speaks_each_language_in_its_direction(
    client: Client, code: str, direction: str
) -> None:
    html = client.get(f"/{code}/").content.decode()
    assert f'<html lang="{code}" dir="{direction}">' in html
    assert ("bootstrap.rtl.min.css" in html) == (direction == "rtl")


def test_the_language_links_keep_the_reader_on_the_same_page(client: Client) -> None:
    html = client.get("/ar/").content.decode()
    for code, _name in settings.LANGUAGES:
        assert f'href="/{code}/" lang="{code}"' in html


def test_the_portal_home_is_in_german_by_default_and_in_arabic_on_request(
    client: Client, office_a: Office
) -> None:
    assert "Willkommen in der Region" in client.get("/de/").content.decode()
    arabic = client.get("/ar/").content.decode()
    assert "Welcome to the region" not in arabic and office_a.name in arabic


def test_the_root_sends_newcomers_to_their_browsers_language(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="ar,en;q=0.5")
    assert response.status_code == 302 and response["Location"] == "/ar/"


def test_the_back_office_speaks_german_or_english_only(client: Client, counselor: User) -> None:
    login(client, counselor)
    html = client.get("/staff/", HTTP_ACCEPT_LANGUAGE="ar").content.decode()
    assert '<html lang="de" dir="ltr">' in html
    client.post("/i18n/setlang/", {"language": "en", "next": "/staff/"})
    assert '<html lang="en" dir="ltr">' in client.get("/staff/").content.decode()
    assert 'value="ar"' not in client.get("/staff/").content.decode()


def test_error_pages_use_the_shell_of_their_area(client: Client, counselor: User) -> None:
    portal = client.get("/ar/no-such-page/")
    assert portal.status_code == 404 and "portal-header" in portal.content.decode()
    assert 'dir="rtl"' in portal.content.decode()
    login(client, counselor)
    staff = client.get("/staff/no-such-page/")
    assert staff.status_code == 404 and "navbar" in staff.content.decode()
    forbidden = client.get("/staff/audit/")
    assert forbidden.status_code == 403 and "office administrator" in forbidden.content.decode()


def test_the_500_page_renders_without_the_database() -> None:
    request = RequestFactory().get("/staff/anything/")
    response = views.error_500(request)
    assert response.status_code == 500 and b"Something went wrong" in response.content
    request = RequestFactory().get("/de/anything/")
    assert views.error_500(request).status_code == 500


def test_a_user_without_an_office_is_told_so(client: Client, db: None) -> None:
    from tests.core.factories import UserFactory

    login(client, UserFactory(username="lonely"))
    response = client.get("/staff/")
    assert response.status_code == 403 and "no role in any office" in response.content.decode()


def test_a_platform_admin_without_an_office_lands_in_the_admin(
    client: Client, platform_admin: User
) -> None:
    login(client, platform_admin)
    response = client.get("/staff/")
    assert response.status_code == 302 and response["Location"] == "/admin/"
