"""The retention pages: who reaches them, what the preview shows, the rules form, a run by hand,
the run log, and a query count that does not grow with the records due."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.core.models import AuditEntry, Office, User
from lotse.counseling.models import Person, RestrictionGround
from lotse.privacy.models import RetentionRule, RetentionRun, RunTrigger
from lotse.privacy.register import AUTOMATIC_RULES, DEFAULT_MONTHS
from tests.conftest import login
from tests.privacy.test_retention import _registrations, berlin, old_person

pytestmark = pytest.mark.django_db

INDEX, RULES, RUN, RUNS = (
    "/staff/privacy/",
    "/staff/privacy/retention/rules/",
    "/staff/privacy/retention/run/",
    "/staff/privacy/retention/runs/",
)
#: 1 June 2025: old_person() is due since 15 March.
NOW = berlin(2025, 6, 1, 12)


@pytest.fixture(autouse=True)
def _now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


def form_data(**changes: tuple[Any, bool]) -> dict[str, Any]:
    """Every rule at its default and applied, with `changes` as {rule_with_underscores: (m, on)}."""
    data: dict[str, Any] = {}
    for key, _label in AUTOMATIC_RULES:
        months, enabled = changes.get(key.replace("-", "_"), (DEFAULT_MONTHS[key], True))
        data[f"{key}-months"] = months
        if enabled:
            data[f"{key}-enabled"] = "on"
    return data


# --- Access --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url", [INDEX, RULES, RUNS])
def test_counselors_do_not_reach_the_retention_pages(
    client: Client, counselor: User, url: str
) -> None:
    assert login(client, counselor).get(url).status_code == 403


def test_counselors_cannot_start_a_run(client: Client, counselor: User, office_a: Office) -> None:
    person = old_person(office_a)
    assert login(client, counselor).post(RUN).status_code == 403
    assert Person.objects.filter(pk=person.pk).exists()
    assert not RetentionRun.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client: Client, office_a: Office) -> None:
    response = client.get(INDEX)
    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_run_needs_a_post(client: Client, office_admin: User) -> None:
    assert login(client, office_admin).get(RUN).status_code == 405


# --- Overview ------------------------------------------------------------------------------------


def test_the_overview_shows_what_is_due_why_and_what_is_kept(
    client: Client, office_admin: User, office_a: Office
) -> None:
    due = old_person(office_a, "Due Person")
    kept = old_person(office_a, "Kept Person")
    Person.objects.filter(pk=kept.pk).update(
        restricted_at=berlin(2024, 1, 10, 9), restriction_ground=RestrictionGround.ACCURACY
    )
    _registrations(office_a)

    # 1 August: the event of 10 February is due within 30 days (10 August).
    with time_machine.travel(berlin(2025, 8, 1, 12), tick=False):
        response = login(client, office_admin).get(INDEX)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'href="/staff/counseling/people/{due.pk}/"' in page
    assert "Last contact on 03/15/2022; no case is open." in page
    assert "now (next run)" in page
    assert f'href="/staff/counseling/people/{kept.pk}/"' in page
    assert "Processing is restricted (Art. 18 GDPR) since 01/10/2024." in page
    assert "(2 registrations)" in page and "08/10/2025" in page
    assert "No automatic run is queued" in page  # the tests' backend cannot wait
    for url in (RULES, RUNS, "/staff/privacy/erasures/", "/staff/privacy/records/"):
        assert f'href="{url}"' in page


def test_the_overview_never_shows_another_office(
    client: Client, outsider: User, office_a: Office
) -> None:
    old_person(office_a, "Their Person")
    _registrations(office_a)
    page = login(client, outsider).get(INDEX).content.decode()
    assert "Their Person" not in page and "registrations)" not in page


def _index_queries(client: Client) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(INDEX).status_code == 200
    return len(queries)


def test_the_overview_takes_as_many_queries_for_30_records_as_for_3(
    client: Client, office_admin: User, office_a: Office
) -> None:
    login(client, office_admin)
    _index_queries(client)  # the first request fills caches (session, content types)
    for index in range(3):
        old_person(office_a, f"Person {index}")
        _registrations(office_a)
    few = _index_queries(client)
    for index in range(3, 30):
        old_person(office_a, f"Person {index}")
        _registrations(office_a)
    assert _index_queries(client) == few


# --- Rules ---------------------------------------------------------------------------------------


def test_the_rules_form_shows_the_current_periods(
    client: Client, office_admin: User, office_a: Office
) -> None:
    RetentionRule.objects.create(office=office_a, rule="pool-left", months=18, enabled=False)
    page = login(client, office_admin).get(RULES).content.decode()
    assert 'name="pool-left-months"' in page and 'value="18"' in page
    assert 'name="counseling-months"' in page and 'value="36"' in page


def test_changed_rules_are_saved_and_audited(
    client: Client, office_admin: User, office_a: Office, office_b: Office
) -> None:
    response = login(client, office_admin).post(
        RULES, form_data(counseling=(24, True), pool_left=(12, False))
    )
    assert response.status_code == 302 and response["Location"] == INDEX
    rows = {r.rule: (r.months, r.enabled) for r in RetentionRule.objects.filter(office=office_a)}
    assert rows == {"counseling": (24, True), "pool-left": (12, False)}
    assert not RetentionRule.objects.filter(office=office_b).exists()
    entry = AuditEntry.objects.get(action="privacy.retention.rules_changed")
    assert entry.office == office_a and entry.actor == office_admin
    assert entry.data == {"rules": ["counseling", "pool-left"]}


def test_saving_unchanged_rules_writes_nothing(client: Client, office_admin: User) -> None:
    login(client, office_admin).post(RULES, form_data())
    assert not RetentionRule.objects.exists()
    assert not AuditEntry.objects.filter(action="privacy.retention.rules_changed").exists()


@pytest.mark.parametrize("months", ["0", "241", "twelve", "", "-3", "1.5"])
def test_bad_months_are_refused_and_nothing_changes(
    client: Client, office_admin: User, months: str
) -> None:
    data = form_data(counseling=(24, True))
    data["pool-left-months"] = months
    response = login(client, office_admin).post(RULES, data)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Nothing was saved" in page
    assert "Enter a whole number of months, from 1 to 240" in page or (
        months == "" and "Enter the number of months." in page
    )
    assert not RetentionRule.objects.exists()
    assert not AuditEntry.objects.filter(action="privacy.retention.rules_changed").exists()


# --- A run by hand and the log -------------------------------------------------------------------


def test_a_run_by_hand_applies_the_rules_of_the_office(
    client: Client, office_admin: User, office_a: Office, office_b: Office
) -> None:
    ours = old_person(office_a)
    theirs = old_person(office_b, "Their Person")
    response = login(client, office_admin).post(RUN, follow=True)
    assert response.redirect_chain == [(INDEX, 302)]
    assert "Retention applied. Counseling records: 1" in response.content.decode()
    assert not Person.objects.filter(pk=ours.pk).exists()
    assert Person.objects.filter(pk=theirs.pk).exists()
    run = RetentionRun.objects.get()
    assert run.office == office_a and run.trigger == RunTrigger.MANUAL
    assert run.started_by == office_admin


def test_a_run_with_nothing_due_says_so(client: Client, office_admin: User) -> None:
    response = login(client, office_admin).post(RUN, follow=True)
    assert "Nothing was due." in response.content.decode()


def test_the_run_log_pages_through_the_offices_runs_only(
    client: Client, office_admin: User, office_a: Office, office_b: Office
) -> None:
    start = NOW - dt.timedelta(days=60)
    RetentionRun.objects.bulk_create(
        RetentionRun(
            office=office_a,
            trigger=RunTrigger.SCHEDULED,
            started_at=start + dt.timedelta(days=day),
            finished_at=start + dt.timedelta(days=day, minutes=1),
            counts={"counseling": day},
        )
        for day in range(55)
    )
    RetentionRun.objects.create(
        office=office_b, trigger=RunTrigger.MANUAL, counts={"counseling": 999}
    )
    RetentionRun.objects.create(
        office=None, trigger=RunTrigger.SCHEDULED, counts={"task-results": 7}
    )
    login(client, office_admin)
    first = client.get(RUNS).content.decode()
    assert "55 runs" in first and "Counseling records: 54" in first
    assert "999" not in first and "Finished background tasks" not in first
    second = client.get(RUNS + "?page=2").content.decode()
    assert "Counseling records: 4" in second and "Counseling records: 54" not in second
    assert "Nothing was due." in second  # the run of day 0
