"""Personas, as house style asks: a counselor and a colleague in office A, an outsider in B.

Also the session-wide log capture: every log record of the run is formatted and kept, and the
run fails if one of them holds a marker planted in personal data (tests/privacy/test_logs.py,
the URL sweep).
"""

from __future__ import annotations

import importlib
import logging
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

# --- No personal data in any log line ----------------------------------------------------------

#: Planted in personal fields: by tests/privacy/test_logs.py in every text field of the register
#: of personal data, by the URL sweep (tests/sweep.py) in the owner office's records. Compared
#: in lower case, as e-mail addresses are stored.
LOG_MARKERS = ("zqxmarker", "zzmarkerowner")
#: Loggers of the test tooling, which production does not run: factory_boy logs every object it
#: builds (with the marker, at DEBUG), Faker its locales.
TOOLING_LOGGERS = ("factory", "faker")


class LogCapture(logging.Handler):
    """Keep every log record of the session, formatted as production writes it."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
        self.lines: list[str] = []
        self.leaks: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = self.format(record)  # the message with its arguments, and any traceback
        except Exception:  # a broken record must not hide: keep its parts as they are
            line = f"{record.name} {record.msg!r} {record.args!r}"
        self.lines.append(line)
        if any(marker in line.lower() for marker in LOG_MARKERS):
            self.leaks.append(line)


LOG_CAPTURE = LogCapture()


def pytest_sessionstart(session: pytest.Session) -> None:
    # Django configured logging already (pytest-django's setup). Records reach the root logger
    # unless a logger stops them (Django's own does, with its console handler), so the capture
    # sits on those too. Loggers keep their configured levels (django INFO, axes WARNING), as in
    # production; the rest, Lotse's own included, are captured from DEBUG, as LOG_LEVEL=DEBUG
    # would write them. The console keeps showing what it showed.
    for name in TOOLING_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
    root = logging.getLogger()
    for handler in root.handlers:
        handler.setLevel(max(handler.level, root.level))
    root.setLevel(logging.DEBUG)
    root.addHandler(LOG_CAPTURE)
    for logger in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(logger, logging.Logger) and not logger.propagate:
            logger.addHandler(LOG_CAPTURE)


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    if not LOG_CAPTURE.leaks:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    if reporter is not None:
        reporter.write_sep("=", "personal data in log lines", red=True)
        for line in LOG_CAPTURE.leaks[:20]:
            reporter.write_line(line[:500])
        reporter.write_line(f"{len(LOG_CAPTURE.leaks)} log line(s) hold a planted marker.")
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(autouse=True)
def _no_content_security_policy_violations(request: pytest.FixtureRequest) -> Iterator[None]:
    """Fail a browser test if the page broke the Content-Security-Policy anywhere.

    Chromium reports each violation (an inline style or script, a resource from elsewhere) on
    the console; every browser context a test opens listens to it.
    """
    if "chromium" not in request.fixturenames:
        yield
        return
    browser = request.getfixturevalue("chromium")
    violations: list[str] = []
    new_context = browser.new_context

    def listening_context(*args: Any, **kwargs: Any) -> Any:
        context = new_context(*args, **kwargs)
        context.on(
            "console",
            lambda message: (
                violations.append(f"{message.location.get('url')}: {message.text}")
                if "Content Security Policy" in message.text
                else None
            ),
        )
        return context

    browser.new_context = listening_context
    try:
        yield
    finally:
        del browser.new_context  # the instance attribute; the class's method shows again
    assert violations == [], "The page broke the Content-Security-Policy"


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
    # The public forms' rate limit counts in a cache every test shares; its own tests set one.
    settings.LOTSE_PUBLIC_FORM_RATE = "off"
    # The suite saves thousands of directory entries; the real model would embed each for a
    # tenth of a second. Routing tests ask for it with the `real_embedding` fixture.
    settings.LOTSE_EMBEDDING = "hashed"


@pytest.fixture(autouse=True, scope="session")
def _lexical_embedding_for_the_session() -> Iterator[None]:
    # Also for the module-scoped demo fixtures, which run before any function-scoped `settings`
    # change: with the real model their seeding would embed 2,700 texts (three minutes).
    from django.conf import settings as django_settings

    previous = django_settings.LOTSE_EMBEDDING
    django_settings.LOTSE_EMBEDDING = "hashed"
    yield
    django_settings.LOTSE_EMBEDDING = previous


@pytest.fixture
def real_embedding(settings: Any) -> None:
    """Question routing with the real multilingual model (loaded once per test process)."""
    settings.LOTSE_EMBEDDING = "e5"


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
def counselor_b(office_b: Office) -> User:
    """A counselor of the other office."""
    return member(office_b, Role.COUNSELOR, "counselor-b")


@pytest.fixture
def event_manager(office_a: Office) -> User:
    """A role of office A that neither counsels nor keeps the directory."""
    return member(office_a, Role.EVENT_MANAGER, "events-a")


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
