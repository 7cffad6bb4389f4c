"""Reminders a day before and feedback requests after, queued through the task backend."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks import task_backends

from lotse.core import scheduling
from lotse.events import services, tasks
from lotse.events.models import EventStatus, RegistrationStatus
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


@pytest.fixture
def queue(settings):
    settings.TASKS = DUMMY
    backend = task_backends["default"]
    backend.clear()
    return backend


def test_publishing_queues_the_reminder_and_the_feedback_request(
    office_a, counselor, queue, django_capture_on_commit_callbacks
):
    event = make_event(office_a, status=EventStatus.DRAFT, starts_in=dt.timedelta(days=5))
    with django_capture_on_commit_callbacks(execute=True):
        services.event_publish(office=office_a, by=counselor, event=event)
    queued = {result.task.name: result for result in queue.results}
    reminder = queued["send_reminders"]
    assert reminder.task.run_after == event.starts_at - services.REMINDER_AHEAD
    assert reminder.kwargs == {"event_id": event.pk, "starts_at": event.starts_at.isoformat()}
    assert queued["send_feedback_requests"].task.run_after == (
        event.ends_at + services.FEEDBACK_AFTER
    )


def test_a_reminder_for_a_moved_event_does_nothing(office_a):
    event = make_event(office_a, starts_in=dt.timedelta(hours=20))
    make_registration(event, email="ana@example.org")
    old_start = (event.starts_at - dt.timedelta(days=1)).isoformat()
    assert tasks.send_reminders.call(event_id=event.pk, starts_at=old_start) == 0
    assert tasks.send_reminders.call(event_id=event.pk, starts_at=event.starts_at.isoformat()) == 1


def test_reminders_go_once_to_people_with_a_place(office_a, django_capture_on_commit_callbacks):
    event = make_event(office_a, starts_in=dt.timedelta(hours=20))
    make_registration(event, name="Ana", email="ana@example.org")
    make_registration(event, name="Phone only", phone="0711 123")
    make_registration(event, name="Wai", email="wai@example.org", status=RegistrationStatus.WAITING)
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_reminders(event=event) == 1
        assert services.send_reminders(event=event) == 0
    assert [m.to for m in mail.outbox] == [["ana@example.org"]]
    assert "/my/" in mail.outbox[0].body


def test_feedback_is_asked_of_those_who_came(office_a, django_capture_on_commit_callbacks):
    event = make_event(office_a, starts_in=-dt.timedelta(hours=5))
    make_registration(event, name="Came", email="came@example.org", status="attended")
    make_registration(event, name="Absent", email="absent@example.org", status="no_show")
    with django_capture_on_commit_callbacks(execute=True):
        assert services.send_feedback_requests(event=event) == 1
    assert [m.to for m in mail.outbox] == [["came@example.org"]]
    assert "/feedback/" in mail.outbox[0].body


def test_the_immediate_backend_cannot_wait(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    later = timezone.now() + dt.timedelta(days=1)
    assert scheduling.enqueue_at(tasks.send_reminders, later, event_id=1, starts_at="") is False
