"""Hostile input to the public forms of the core app gives a page, never a server error."""

from __future__ import annotations

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

hostile = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        ["<script>alert(1)</script>", "' OR 1=1 --", "\u202eevil", "a" * 5000, "\x00", "=cmd|x"]
    ),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(username=hostile, password=hostile)
def test_the_login_form_survives_any_input(client: Client, username: str, password: str) -> None:
    response = client.post("/staff/login/", {"username": username, "password": password})
    assert response.status_code in {200, 403, 429}
    assert b"<script>alert(1)</script>" not in response.content


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(email=hostile)
def test_the_password_reset_form_survives_any_input(client: Client, email: str) -> None:
    response = client.post("/staff/password/reset/", {"email": email})
    assert response.status_code in {200, 302}
