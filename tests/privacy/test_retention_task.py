"""The nightly retention task and its schedule, the installation's part (old task results), and
the `retention` management command."""

from __future__ import annotations

import datetime as dt
import io
import uuid
from typing import Any

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.test import Client

from lotse.core.models import Office, User
from lotse.counseling.models import Person
from lotse.privacy import tasks
from lotse.privacy.models import RetentionRun, RetentionSchedule, RunTrigger
from lotse.privacy.retention import run_installation
from tests.conftest import login
from tests.core.factories import OfficeFactory
from tests.privacy.test_retention import berlin, old_person

pytestmark = pytest.mark.django_db


class Queue:
    """Stands in for a task backend that can wait: records what would be queued."""

    def __init__(self) -> None:
        self.calls: list[tuple[dt.datetime, dict[str, Any]]] = []

    def __call__(self, task: Any, when: dt.datetime, **kwargs: Any) -> bool:
        assert task is tasks.nightly_retention
        self.calls.append((when, kwargs))
        return True


@pytest.fixture
def queue(monkeypatch: pytest.MonkeyPatch) -> Queue:
    recorder = Queue()
    monkeypatch.setattr(tasks, "enqueue_at", recorder)
    return recorder


def scheduled(token: uuid.UUID, at: dt.datetime) -> RetentionSchedule:
    return RetentionSchedule.objects.create(pk=tasks.SINGLETON, token=token, next_run_at=at)


# --- The task ------------------------------------------------------------------------------------


def test_a_task_with_a_stale_token_does_nothing(office_a: Office, queue: Queue) -> None:
    person = old_person(office_a)
    current = uuid.uuid4()
    scheduled(current, berlin(2025, 6, 1, 3))
    with time_machine.travel(berlin(2025, 6, 1, 3), tick=False):
        assert tasks.nightly_retention.call(token=str(uuid.uuid4())) == {}
    assert Person.objects.filter(pk=person.pk).exists()
    assert not RetentionRun.objects.exists() and not queue.calls
    assert RetentionSchedule.objects.get().token == current


def test_the_current_task_runs_every_active_office_and_queues_the_next_night(
    office_a: Office, office_b: Office, queue: Queue
) -> None:
    closed = OfficeFactory(slug="closed", client_prefix="C", is_active=False)
    people = [old_person(office) for office in (office_a, office_b, closed)]
    token = uuid.uuid4()
    scheduled(token, berlin(2025, 6, 1, 3))

    with time_machine.travel(berlin(2025, 6, 1, 3, 0, 5), tick=False):
        totals = tasks.nightly_retention.call(token=str(token))

    assert totals["counseling"] == 2 and "task-results" in totals
    assert [Person.objects.filter(pk=p.pk).exists() for p in people] == [False, False, True]
    runs = RetentionRun.objects.all()
    assert {run.office_id for run in runs} == {office_a.pk, office_b.pk, None}
    assert {run.trigger for run in runs} == {RunTrigger.SCHEDULED}
    schedule = RetentionSchedule.objects.get()
    assert schedule.token != token
    assert schedule.next_run_at == berlin(2025, 6, 2, 3)
    assert queue.calls == [(berlin(2025, 6, 2, 3), {"token": str(schedule.token)})]


def test_a_task_delivered_twice_runs_once(office_a: Office, queue: Queue) -> None:
    token = str(uuid.uuid4())
    scheduled(uuid.UUID(token), berlin(2025, 6, 1, 3))
    with time_machine.travel(berlin(2025, 6, 1, 3), tick=False):
        tasks.nightly_retention.call(token=token)
        tasks.nightly_retention.call(token=token)
    assert RetentionRun.objects.filter(office=office_a).count() == 1
    assert len(queue.calls) == 1


def test_without_a_backend_that_waits_the_chain_ends_and_leaves_no_promise(
    office_a: Office,
) -> None:
    token = uuid.uuid4()
    scheduled(token, berlin(2025, 6, 1, 3))
    with time_machine.travel(berlin(2025, 6, 1, 3), tick=False):
        tasks.nightly_retention.call(token=str(token))
    assert RetentionRun.objects.filter(office=office_a).exists()
    assert not RetentionSchedule.objects.exists()


# --- Keeping the chain alive ---------------------------------------------------------------------


def test_ensure_scheduled_queues_nothing_on_a_backend_that_cannot_wait(db: None) -> None:
    assert tasks.ensure_scheduled() is False
    assert not RetentionSchedule.objects.exists()


def test_ensure_scheduled_starts_the_chain_once_and_restarts_a_lost_one(
    db: None, queue: Queue
) -> None:
    assert tasks.ensure_scheduled(now=berlin(2025, 6, 1, 12)) is True
    schedule = RetentionSchedule.objects.get()
    assert schedule.next_run_at == berlin(2025, 6, 2, 3)
    assert queue.calls == [(berlin(2025, 6, 2, 3), {"token": str(schedule.token)})]

    # Queued, or late by less than a day: nothing more.
    assert tasks.ensure_scheduled(now=berlin(2025, 6, 2, 12)) is True
    assert len(queue.calls) == 1

    # More than a day overdue: the task was lost; a new token makes any straggler harmless.
    assert tasks.ensure_scheduled(now=berlin(2025, 6, 3, 4)) is True
    renewed = RetentionSchedule.objects.get()
    assert renewed.token != schedule.token and renewed.next_run_at == berlin(2025, 6, 4, 3)
    assert queue.calls[-1] == (berlin(2025, 6, 4, 3), {"token": str(renewed.token)})


def test_the_overview_starts_the_chain(client: Client, office_admin: User, queue: Queue) -> None:
    with time_machine.travel(berlin(2025, 6, 1, 12), tick=False):
        page = login(client, office_admin).get("/staff/privacy/").content.decode()
    assert len(queue.calls) == 1
    assert "The next automatic run starts on" in page


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        (berlin(2025, 6, 1, 2, 59), berlin(2025, 6, 1, 3)),
        (berlin(2025, 6, 1, 3), berlin(2025, 6, 2, 3)),
        (berlin(2025, 3, 29, 12), berlin(2025, 3, 30, 3)),  # summer time begins at 02:00
        (berlin(2025, 10, 25, 23), berlin(2025, 10, 26, 3)),  # and ends at 03:00
        (dt.datetime(2025, 6, 1, 23, 30, tzinfo=dt.UTC), berlin(2025, 6, 2, 3)),
    ],
)
def test_the_run_is_at_three_in_the_morning_in_berlin(
    moment: dt.datetime, expected: dt.datetime
) -> None:
    assert tasks.next_run_after(moment) == expected
    assert tasks.next_run_after(moment).utcoffset() == expected.utcoffset()


# --- The installation's part ---------------------------------------------------------------------


def _task_result(status: str, finished_at: dt.datetime | None) -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {"to": ["someone@example.org"]}},
        task_path="lotse.core.tasks.send_email",
        backend_name="default",
        run_after=berlin(2025, 1, 1, 0),
        finished_at=finished_at,
        exception_class_path="",
        traceback="",
    )


def test_old_finished_task_results_are_deleted_with_the_database_backend(
    db: None, settings: Any
) -> None:
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.LOTSE_TASK_RESULTS_DAYS = 10
    old_done = _task_result("SUCCESSFUL", berlin(2025, 5, 20, 12))
    old_failed = _task_result("FAILED", berlin(2025, 5, 21, 12))
    recent = _task_result("SUCCESSFUL", berlin(2025, 5, 23, 12))
    waiting = _task_result("READY", None)
    with time_machine.travel(berlin(2025, 6, 1, 12), tick=False):
        run = run_installation(trigger=RunTrigger.MANUAL)
    assert run.office is None and run.finished_at
    assert run.counts == {"task-results": 2, "asked-questions": 0}
    left = set(DBTaskResult.objects.values_list("pk", flat=True))
    assert left == {recent.pk, waiting.pk}
    assert old_done.pk not in left and old_failed.pk not in left


def test_task_results_are_left_alone_without_the_database_backend(db: None) -> None:
    from django_tasks_db.models import DBTaskResult

    _task_result("SUCCESSFUL", berlin(2020, 1, 1, 12))
    run = run_installation(trigger=RunTrigger.MANUAL)
    assert run.counts == {"task-results": 0, "asked-questions": 0}
    assert DBTaskResult.objects.count() == 1


def test_questions_asked_on_the_portal_are_deleted_after_their_days(
    office_a: Office, office_b: Office, settings: Any
) -> None:
    from lotse.ask.models import AskedQuestion
    from lotse.core.models import AuditEntry

    settings.LOTSE_ASK_QUESTION_DAYS = 30
    old = AskedQuestion.objects.create(
        office=office_a, language="de", text="Old", created_at=berlin(2025, 4, 30, 12)
    )
    old_b = AskedQuestion.objects.create(
        office=office_b, language="ar", text="Old too", created_at=berlin(2025, 5, 1, 11)
    )
    kept = AskedQuestion.objects.create(
        office=office_a, language="de", text="Recent", created_at=berlin(2025, 5, 2, 13)
    )
    with time_machine.travel(berlin(2025, 6, 1, 12), tick=False):
        run = run_installation(trigger=RunTrigger.SCHEDULED)
    assert run.counts == {"task-results": 0, "asked-questions": 2} and not run.error
    assert list(AskedQuestion.objects.values_list("pk", flat=True)) == [kept.pk]
    assert not AskedQuestion.objects.filter(pk__in=[old.pk, old_b.pk]).exists()
    audit = AuditEntry.objects.get(action="privacy.retention.run", object_id=str(run.pk))
    assert audit.data["counts"]["asked-questions"] == 2


def test_a_failing_part_of_the_installation_run_leaves_the_other_done(
    db: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from lotse.privacy import retention

    def broken(*, now: dt.datetime) -> int:
        raise RuntimeError("the message may quote data")

    monkeypatch.setattr(retention, "prune_task_results", broken)
    run = run_installation(trigger=RunTrigger.MANUAL)
    assert run.counts == {"asked-questions": 0}
    assert run.error == "task-results: RuntimeError"


# --- The command ---------------------------------------------------------------------------------


def command(*args: str) -> str:
    out = io.StringIO()
    with time_machine.travel(berlin(2025, 6, 1, 12), tick=False):
        call_command("retention", *args, stdout=out)
    return out.getvalue()


def test_the_preview_shows_counts_and_no_names(office_a: Office, office_b: Office) -> None:
    old_person(office_a, "Marker Person")
    output = command("--preview")
    assert "office-a" in output and "office-b" in output
    assert "counseling: 36 months; due now 1" in output
    assert "Marker" not in output
    assert Person.objects.count() == 1
    assert not RetentionRun.objects.exists()


def test_the_command_runs_every_office_and_the_installation(
    office_a: Office, office_b: Office
) -> None:
    old_person(office_a)
    output = command()
    assert "office-a: counseling: 1" in output and "installation: task-results: 0" in output
    assert not Person.objects.exists()
    assert set(RetentionRun.objects.values_list("trigger", flat=True)) == {RunTrigger.MANUAL}
    assert RetentionRun.objects.count() == 3


def test_the_command_can_run_one_office(office_a: Office, office_b: Office) -> None:
    person = old_person(office_a)
    output = command("--office", "office-b")
    assert "office-b" in output and "office-a" not in output
    assert Person.objects.filter(pk=person.pk).exists()
    assert list(RetentionRun.objects.values_list("office_id", flat=True)) == [office_b.pk]


def test_the_command_refuses_an_unknown_office(db: None) -> None:
    with pytest.raises(CommandError, match="No office"):
        command("--office", "nowhere")


def test_the_command_schedules_when_it_can(db: None, queue: Queue) -> None:
    assert "is queued" in command("--schedule")
    assert RetentionSchedule.objects.exists()


def test_the_command_says_when_it_cannot_schedule(db: None) -> None:
    assert "Nothing queued" in command("--schedule")
    assert not RetentionSchedule.objects.exists()
