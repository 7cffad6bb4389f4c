"""Rate limits on the public forms: per form and client address, POSTs only, 429 with a page."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pytest
import time_machine
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from lotse.core import ratelimit
from lotse.core.models import Office
from lotse.core.ratelimit import Rate, hit, parse_rate
from tests.core.test_public_forms import OPEN_FORMS, TOKEN_FORMS, FormCase, public_post_routes

pytestmark = pytest.mark.django_db

#: The start of a 10-minute window, so Retry-After is known exactly.
WINDOW_START = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("text", "rate"),
    [
        ("20/10m", Rate(20, 600)),
        ("5/h", Rate(5, 3600)),
        ("100/30s", Rate(100, 30)),
        (" 3 / 2d ", Rate(3, 172800)),
        ("OFF", None),
    ],
)
def test_the_setting_reads_count_per_period(text: str, rate: Rate | None) -> None:
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["20", "0/10m", "20/0m", "x/m", "20/10w", "", "-1/m"])
def test_a_bad_setting_stops_with_a_clear_message(text: str) -> None:
    with pytest.raises(ImproperlyConfigured, match="LOTSE_PUBLIC_FORM_RATE must look like"):
        parse_rate(text)


def test_the_default_is_generous_for_a_shared_address(settings: Any) -> None:
    del settings.LOTSE_PUBLIC_FORM_RATE
    assert ratelimit.configured_rate() == Rate(20, 600)


def test_a_fixed_window_counts_per_form_and_address() -> None:
    rate = Rate(2, 600)
    start = WINDOW_START.timestamp()
    shelter = "203.0.113.7"
    assert hit(form="a", address=shelter, rate=rate, now=start) == 0
    assert hit(form="a", address=shelter, rate=rate, now=start + 1) == 0
    assert hit(form="a", address=shelter, rate=rate, now=start + 60) == 540
    assert hit(form="a", address=shelter, rate=rate, now=start + 599.5) == 1
    # Another form and another address have budgets of their own; a new window starts afresh.
    assert hit(form="b", address=shelter, rate=rate, now=start + 2) == 0
    assert hit(form="a", address="198.51.100.1", rate=rate, now=start + 2) == 0
    assert hit(form="a", address=shelter, rate=rate, now=start + 600) == 0


def test_the_cache_holds_no_address() -> None:
    key = ratelimit._key("events.register", "203.0.113.7", 1)
    assert "203.0.113.7" not in key and "203" not in key.split(":")[-2]


def test_a_cache_outage_leaves_the_forms_open(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: Any, **kwargs: Any) -> None:
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "add", broken)
    assert hit(form="a", address="203.0.113.7", rate=Rate(1, 60)) == 0
    assert hit(form="a", address="203.0.113.7", rate=Rate(1, 60)) == 0


# --- The forms ----------------------------------------------------------------------------------


@pytest.mark.parametrize("case", OPEN_FORMS + TOKEN_FORMS, ids=lambda case: case.id)
def test_over_the_limit_a_form_answers_429_and_stores_nothing(
    client: Client, office_a: Office, settings: Any, case: FormCase
) -> None:
    settings.LOTSE_PUBLIC_FORM_RATE = "2/10m"
    with time_machine.travel(WINDOW_START + dt.timedelta(minutes=3, seconds=30), tick=False):
        path, data = case.build(office_a)
        for _ in range(2):
            assert client.post(path, {"nothing": "valid"}).status_code != 429
        before = case.stored()
        response = client.post(path, data)
    assert response.status_code == 429
    assert response["Retry-After"] == "390"
    assert response["Cache-Control"] == "no-store"
    content = response.content.decode()
    assert "Please try again in 7 minutes." in content
    assert case.stored() == before


def test_reading_a_form_does_not_count(client: Client, office_a: Office, settings: Any) -> None:
    settings.LOTSE_PUBLIC_FORM_RATE = "1/10m"
    case = OPEN_FORMS[0]
    path, data = case.build(office_a)
    for _ in range(5):
        assert client.get(path).status_code == 200
    assert client.post(path, data).status_code == 302
    assert case.stored() == 1


def test_the_page_speaks_the_readers_language(
    client: Client, office_a: Office, settings: Any
) -> None:
    settings.LOTSE_PUBLIC_FORM_RATE = "1/h"
    client.post("/ar/accessibility/report-a-barrier/")
    response = client.post("/ar/accessibility/report-a-barrier/")
    assert response.status_code == 429
    content = response.content.decode()
    assert re.search(r'<html[^>]* lang="ar"', content)
    assert 'dir="rtl"' in content
    assert "<h1" in content


def test_one_address_behind_the_proxy_does_not_block_another(
    office_a: Office, settings: Any
) -> None:
    settings.LOTSE_PUBLIC_FORM_RATE = "1/10m"
    settings.LOTSE_PROXY_COUNT = 1
    path, _data = OPEN_FORMS[0].build(office_a)
    shelter = Client(HTTP_X_FORWARDED_FOR="203.0.113.7")
    school = Client(HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert shelter.post(path).status_code == 200
    assert shelter.post(path).status_code == 429
    assert school.post(path).status_code == 200
    # Each form has a budget of its own.
    assert shelter.post("/en/volunteer/").status_code == 200


def test_every_rate_limited_route_refuses_the_next_post(client: Client, settings: Any) -> None:
    """Without any data: the limit comes before the view, even for an unknown link."""
    settings.LOTSE_PUBLIC_FORM_RATE = "1/10m"
    routes = {
        name: route
        for name, route in public_post_routes(Client()).items()
        if getattr(route.view, "lotse_rate_limit", None)
    }
    assert {case.name for case in OPEN_FORMS + TOKEN_FORMS} <= set(routes)
    cache.clear()
    for name, route in routes.items():
        path = re.sub(
            r"<(?:\w+:)?(\w+)>", lambda m: "1" if m[1].endswith("_id") else "x", route.path
        )
        client.post(path)
        assert client.post(path).status_code == 429, name
