"""Personas, as house style asks: a counselor and a colleague in office A, an outsider in B."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django_scopes import scopes_disabled

from lotse.core.models import Membership, Office, Role, User
from tests.core.factories import MembershipFactory, OfficeFactory, UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _test_code_sees_all_offices() -> Iterator[None]:
    # Test bodies arrange data across offices; requests still run in the scope the middleware opens.
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _fast_and_quiet(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.LOTSE_REQUIRE_2FA = False
    settings.AXES_ENABLED = True


@pytest.fixture
def client(client: Client) -> Client:
    # Assertions read English texts; German (the default) is checked in tests of their own.
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.fixture
def office_a(db: None) -> Office:
    return OfficeFactory(slug="office-a", name="Welcome Center A", client_prefix="A")


@pytest.fixture
def office_b(db: None) -> Office:
    return OfficeFactory(slug="office-b", name="Welcome Center B", client_prefix="B")


def member(office: Office, role: str, username: str) -> User:
    user = UserFactory(username=username)
    MembershipFactory(user=user, office=office, role=role)
    return user


@pytest.fixture
def counselor(office_a: Office) -> User:
    return member(office_a, Role.COUNSELOR, "counselor-a")


@pytest.fixture
def colleague(office_a: Office) -> User:
    return member(office_a, Role.COUNSELOR, "colleague-a")


@pytest.fixture
def office_admin(office_a: Office) -> User:
    return member(office_a, Role.OFFICE_ADMIN, "admin-a")


@pytest.fixture
def outsider(office_b: Office) -> User:
    return member(office_b, Role.OFFICE_ADMIN, "admin-b")


@pytest.fixture
def platform_admin(db: None) -> User:
    return UserFactory(username="platform", is_superuser=True, is_staff=True)


def login(client: Client, user: User) -> Client:
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    return client


@pytest.fixture
def membership_of(db: None):
    def get(user: User, office: Office) -> Membership:
        return Membership.objects.get(user=user, office=office)

    return get
