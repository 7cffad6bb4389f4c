"""Scheduled work of the events app: the reminder a day before, the feedback request after.

Both are queued when an event is published or moved (`services._schedule_messages`) with the
times they were queued for; a task whose event has moved since does nothing, because the move
queued a new one.
"""

from __future__ import annotations

import datetime as dt

from django_scopes import scopes_disabled
from django_tasks import task

from lotse.events import services
from lotse.events.models import Event


def _event(event_id: int) -> Event | None:
    with scopes_disabled():
        return Event.objects.select_related("office", "program").filter(pk=event_id).first()


@task()
def send_reminders(*, event_id: int, starts_at: str) -> int:
    event = _event(event_id)
    if event is None or event.starts_at != dt.datetime.fromisoformat(starts_at):
        return 0
    return services.send_reminders(event=event)


@task()
def send_feedback_requests(*, event_id: int, ends_at: str) -> int:
    event = _event(event_id)
    if event is None or event.ends_at != dt.datetime.fromisoformat(ends_at):
        return 0
    return services.send_feedback_requests(event=event)
