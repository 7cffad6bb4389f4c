from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import path
from django_scopes import scopes_disabled
from ninja import NinjaAPI
from ninja.security import django_auth

from lotse.core.models import Office, Role
from tests.conftest import member
from tests.sweep import (
    OBJECT_SAMPLES,
    PLAIN_SAMPLES,
    SAMPLE_MODELS,
    Coverage,
    Route,
    _person,
    build_path,
    iter_routes,
    office_models_without_url,
    office_owned_models,
    sample_owner,
    sweep,
)

pytestmark = pytest.mark.django_db


def test_every_url_refuses_anonymous_users_and_other_offices(
    office_a: Office, office_b: Office
) -> None:
    coverage = Coverage()
    assert sweep(owner_office=office_a, other_office=office_b, coverage=coverage) == []
    # What the sweep covered (pytest -s shows it; the note quotes it).
    print(coverage.summary())
    print("Models with an owner office but no URL of their own:", office_models_without_url())
    assert coverage.roles == list(Role.values)
    assert len(coverage.strangers) == len(Role.values) + 2  # anonymous, the roles, no office
    assert coverage.swept > 100 and coverage.with_object > 50
    assert coverage.requests >= 2 * coverage.swept * len(coverage.strangers)


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
            if route.is_api and "get" not in route.methods:
                assert client.generic(route.methods[0].upper(), path).status_code < 400, path
                continue
            if "GET" not in getattr(route.view, "lotse_methods", ("GET", "POST")):
                # A POST-only action (archive, verify): GET is refused, POST is answered.
                assert client.get(path).status_code == 405, path
                assert client.post(path).status_code < 400, path
                continue
            assert client.get(path).status_code == 200, path


# --- Completeness: every id in a URL has a sample, and the sample is the office's -------------


def test_every_id_in_a_protected_url_has_a_sample() -> None:
    """A new URL kwarg (a page or an API endpoint) fails here until OBJECT_SAMPLES has it."""
    missing = sorted(
        (route.name or route.path, kwarg)
        for route in iter_routes()
        if not route.is_public
        for kwarg in route.kwargs
        if kwarg not in OBJECT_SAMPLES and kwarg not in PLAIN_SAMPLES
    )
    assert missing == []


def test_every_sample_names_its_model_and_belongs_to_the_office(
    office_a: Office, office_b: Office
) -> None:
    """Else a refusal in the sweep could mean "no such object" instead of "not yours"."""
    assert set(OBJECT_SAMPLES) == set(SAMPLE_MODELS)
    owned = {model._meta.label for model in office_owned_models()}
    for kwarg in OBJECT_SAMPLES:
        label, _owner = SAMPLE_MODELS[kwarg]
        assert sample_owner(kwarg, office_a) == office_a.pk, kwarg
        # Locations belong to an organisation, example questions to an entry, which has the
        # owner office.
        assert label in owned or kwarg in ("location_id", "example_id"), label


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


def test_every_office_model_named_by_a_url_kwarg_has_its_sample() -> None:
    """A URL taking `<thing>_id` of an office-owned model `Thing` must be swept with a Thing."""
    kwargs = {kwarg for route in iter_routes() for kwarg in route.kwargs}
    wrong = []
    for model in office_owned_models():
        kwarg = f"{_snake(model.__name__)}_id"
        if kwarg in kwargs and SAMPLE_MODELS.get(kwarg, ("",))[0] != model._meta.label:
            wrong.append((kwarg, model._meta.label))
    assert wrong == []


def test_the_office_models_without_a_url_are_known() -> None:
    """Listed for the report: reached only through another object's page, or never by id."""
    without = office_models_without_url()
    assert "counseling.Person" not in without
    assert set(without) <= {model._meta.label for model in office_owned_models()}


# --- The sweep catches its own failures ---------------------------------------------------------


def planted(route: Route) -> bool:
    return route.name.startswith(("leaky-", "public-ok", "api-person"))


@pytest.mark.urls("tests.core.urls_unprotected")
def test_the_sweep_catches_a_view_added_without_a_permission_check(
    office_a: Office, office_b: Office
) -> None:
    problems = sweep(owner_office=office_a, other_office=office_b, only=planted)
    assert any(p.startswith("leaky-list") and "declares no access" in p for p in problems)
    assert any(p.startswith("leaky-detail") and "no sample" in p for p in problems)


@pytest.mark.urls("tests.core.urls_unprotected")
def test_the_sweep_catches_a_marked_view_that_leaks_another_office(
    office_a: Office, office_b: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(OBJECT_SAMPLES, "secret_id", lambda office: office.pk)
    problems = sweep(owner_office=office_a, other_office=office_b, only=planted)
    assert any("leaky-detail" in p and "as anonymous gave 200" in p for p in problems)
    assert any("leaky-detail" in p and "leaked data" in p for p in problems)


# An API as a careless endpoint would write it: logged in is enough, no office check. Lotse has
# no API yet; these show that the sweep reaches one as soon as it is mounted.
leaky_api = NinjaAPI(urls_namespace="sweep-leaky-api", docs_url=None, openapi_url=None)


@leaky_api.get("/people/{int:person_id}", auth=django_auth, url_name="api-person")
def api_person(request, person_id: int) -> dict[str, str]:
    with scopes_disabled():
        from lotse.counseling.models import Person

        return {"name": Person.objects.get(pk=person_id).display_name}


@leaky_api.delete("/people/{int:person_id}/open", url_name="api-person-open")
def api_person_open(request, person_id: int) -> dict[str, bool]:
    return {"deleted": False}


urlpatterns = [path("api/", leaky_api.urls)]


@pytest.mark.urls(__name__)
def test_the_sweep_reaches_api_endpoints_and_catches_a_leaky_one(
    office_a: Office, office_b: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    routes = {route.name: route for route in iter_routes()}
    assert routes["api-person"].is_api and routes["api-person"].access == "api"
    assert routes["api-person-open"].methods == ["delete"]
    monkeypatch.setitem(OBJECT_SAMPLES, "person_id", lambda office: _person(office).pk)
    coverage = Coverage()
    problems = sweep(owner_office=office_a, other_office=office_b, coverage=coverage, only=planted)
    assert coverage.api == 1  # the endpoint without authentication is not swept, but named:
    assert any(p.startswith("api-person-open") and "declares no access" in p for p in problems)
    # Anonymous gets 401 from ninja (refused); every role of office B reads the person.
    assert not any("api-person" in p and "as anonymous" in p for p in problems)
    assert any("api-person:" in p and "as counselor of office-b gave 200" in p for p in problems)
    assert any("api-person:" in p and "leaked data" in p for p in problems)
