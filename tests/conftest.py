"""Personas, as house style asks: a counselor and a colleague in office A, an outsider in B."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from typing import Any

import pytest
from django.apps import apps
from django.db import connection
from django.test import Client
from django.utils import translation
from django_scopes import scopes_disabled

from lotse.core.models import AuditEntry, Membership, Office, Role, Topic, User
from lotse.core.taxonomies import sync_taxonomies
from lotse.core.taxonomy_names import sync_term_names
from lotse.core.topic_keywords import sync_topic_keywords
from tests.core.factories import MembershipFactory, OfficeFactory, UserFactory

PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def _test_code_sees_all_offices() -> Iterator[None]:
    # Test bodies arrange data across offices; requests still run in the scope the middleware opens.
    with scopes_disabled():
        yield


@pytest.fixture(autouse=True)
def _flushable_audit_log(request: pytest.FixtureRequest) -> Iterator[None]:
    """Let transactional tests (live server, browser) empty the database on SQLite too.

    Migration 0003 makes core_auditentry append-only with triggers. After a transactional test
    Django empties every table: PostgreSQL with TRUNCATE (row triggers do not fire), SQLite with
    DELETE, which the trigger aborts. Requesting transactional_db from here makes this teardown
    run before the flush: lift the triggers, empty the table, put them back as the migration does.
    """
    marker = request.node.get_closest_marker("django_db")
    marked = marker is not None and (
        marker.kwargs.get("transaction") or (marker.args[:1] == (True,))
    )
    if not ({"transactional_db", "live_server"} & set(request.fixturenames) or marked):
        yield
        return
    request.getfixturevalue("transactional_db")
    # The flush after an earlier transactional test emptied the tables the data migrations
    # filled; put the taxonomies back so factories and filters find them.
    if not Topic.objects.exists():
        sync_taxonomies(apps)
        sync_topic_keywords(apps)
        sync_term_names(apps)
    yield
    if connection.vendor != "sqlite":
        return
    migration = importlib.import_module("lotse.core.migrations.0003_audit_append_only")
    with connection.cursor() as cursor:
        for statement in migration.SQLITE_DOWN:
            cursor.execute(statement)
        cursor.execute(f"DELETE FROM {connection.ops.quote_name(AuditEntry._meta.db_table)}")
        for statement in migration.SQLITE_UP:
            cursor.execute(statement)


@pytest.fixture(autouse=True)
def _english_outside_requests() -> Iterator[None]:
    # Test bodies assert English messages; requests still pick their language as in production.
    with translation.override("en"):
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
