from __future__ import annotations

from typing import Any

import pytest
from django.test import RequestFactory, override_settings
from hypothesis import given
from hypothesis import strategies as st

from lotse.core.network import client_ip_address


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.5", "127.0.0.1"),  # no proxy: the header is a client's claim, ignored
        (1, "", "127.0.0.1"),
        (1, "203.0.113.5", "203.0.113.5"),
        (1, "10.9.9.9, 203.0.113.5", "203.0.113.5"),
        (2, "10.9.9.9, 203.0.113.5, 192.0.2.1", "203.0.113.5"),
        (2, "203.0.113.5", "127.0.0.1"),  # fewer entries than proxies: misconfigured, fall back
    ],
)
def test_the_client_address_is_read_from_the_proxies_end(
    settings: Any, proxies: int, forwarded: str, expected: str
) -> None:
    settings.LOTSE_PROXY_COUNT = proxies
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_ip_address(request) == expected


@given(forwarded=st.text(max_size=200), proxies=st.integers(min_value=0, max_value=4))
def test_any_forwarded_header_yields_the_remote_address_or_one_of_its_entries(
    forwarded: str, proxies: int
) -> None:
    with override_settings(LOTSE_PROXY_COUNT=proxies):
        request = RequestFactory().get("/")
        request.META["HTTP_X_FORWARDED_FOR"] = forwarded
        address = client_ip_address(request)
    entries = [part.strip() for part in forwarded.split(",")]
    assert address == "127.0.0.1" or address in entries
