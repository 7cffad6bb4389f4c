from __future__ import annotations

from io import StringIO
from typing import Any
from unittest import mock

import pytest
from django.core.management import call_command
from django.test import Client

from lotse.core.demo import USERS
from lotse.core.models import Membership, Office, User

pytestmark = pytest.mark.django_db


def test_healthz_answers_when_the_database_does(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_reports_an_unreachable_database(client: Client) -> None:
    with mock.patch("lotse.core.views.connection.cursor", side_effect=OSError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_seed_demo_creates_offices_and_a_login_per_role_once() -> None:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=StringIO())
    assert Office.objects.count() == 3
    assert User.objects.count() == len(USERS)
    assert Membership.objects.count() == 10
    text = out.getvalue()
    assert "lotse-demo" in text
    for username, *_ in USERS:
        assert username in text


def test_seed_demo_if_empty_leaves_existing_data_alone(office_a: Office) -> None:
    call_command("seed_demo", "--if-empty", stdout=StringIO())
    assert Office.objects.count() == 1


def test_seed_demo_scale_adds_staff_for_benchmarks() -> None:
    call_command("seed_demo", "--scale", "2", stdout=StringIO())
    assert User.objects.count() == len(USERS) + 3 * 20


def test_every_demo_login_works(client: Client, settings: Any) -> None:
    call_command("seed_demo", stdout=StringIO())
    for username, _first, _last, _roles, superuser in USERS:
        client.logout()
        response = client.post("/staff/login/", {"username": username, "password": "lotse-demo"})
        assert response.status_code == 302, username
        landing = client.get("/admin/" if superuser else "/staff/")
        assert landing.status_code == 200, username


def test_the_models_and_migrations_agree() -> None:
    call_command("makemigrations", "--check", "--dry-run", stdout=StringIO())
