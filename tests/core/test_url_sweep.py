from __future__ import annotations

import pytest
from django.test import Client

from lotse.core.models import Office, Role
from tests.conftest import member
from tests.sweep import OBJECT_SAMPLES, build_path, iter_routes, sweep

pytestmark = pytest.mark.django_db


def test_every_url_refuses_anonymous_users_and_other_offices(
    office_a: Office, office_b: Office
) -> None:
    assert sweep(owner_office=office_a, other_office=office_b) == []


def test_the_sweep_covers_the_staff_pages(office_a: Office) -> None:
    names = {route.name for route in iter_routes()}
    assert {"dashboard", "member-list", "member-edit", "audit-log", "office-edit"} <= names


def test_every_staff_url_works_for_the_right_role(office_a: Office, client: Client) -> None:
    """The positive control: the sweep's sample URLs are real pages, so refusals mean something."""
    admin = member(office_a, Role.OFFICE_ADMIN, "positive-admin")
    client.force_login(admin, backend="django.contrib.auth.backends.ModelBackend")
    for route in iter_routes():
        if route.access and route.access.startswith("staff:"):
            path = build_path(route, office_a)
            assert path is not None
            if "GET" not in getattr(route.view, "lotse_methods", ("GET", "POST")):
                # A POST-only action (archive, verify): GET is refused, POST is answered.
                assert client.get(path).status_code == 405, path
                assert client.post(path).status_code < 400, path
                continue
            assert client.get(path).status_code == 200, path


@pytest.mark.urls("tests.core.urls_unprotected")
def test_the_sweep_catches_a_view_added_without_a_permission_check(
    office_a: Office, office_b: Office
) -> None:
    problems = sweep(owner_office=office_a, other_office=office_b)
    assert any(p.startswith("leaky-list") and "declares no access" in p for p in problems)
    assert any(p.startswith("leaky-detail") and "no sample" in p for p in problems)


@pytest.mark.urls("tests.core.urls_unprotected")
def test_the_sweep_catches_a_marked_view_that_leaks_another_office(
    office_a: Office, office_b: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(OBJECT_SAMPLES, "secret_id", lambda office: office.pk)
    problems = sweep(owner_office=office_a, other_office=office_b)
    assert any("leaky-detail" in p and "as anonymous gave 200" in p for p in problems)
    assert any("leaky-detail" in p and "leaked data" in p for p in problems)
