"""The nightly retention run: a chain of tasks, each queueing the next for 03:00 the next night.

Only the task whose token matches `RetentionSchedule.token` runs; it claims the schedule (a new
token, the next night) before it starts, so a task delivered twice, or a chain that
`ensure_scheduled` restarted beside a lost one, never runs the rules twice in a night. Backends
that cannot defer (the immediate one in development and tests) queue nothing: there, run
`manage.py retention` from cron.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
import zoneinfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django_scopes import scopes_disabled
from django_tasks import task

from lotse.core.models import Office
from lotse.core.scheduling import enqueue_at
from lotse.privacy import retention
from lotse.privacy.models import RetentionSchedule, RunTrigger

logger = logging.getLogger(__name__)

#: When the run starts, in the installation's time zone (Europe/Berlin): a quiet hour.
RUN_AT = dt.time(3, 0)
#: A schedule this far past its time lost its task (a flushed queue, a restore): start anew.
OVERDUE = dt.timedelta(days=1)
#: The schedule's one row: a fixed key, so two requests restarting the chain cannot both insert.
SINGLETON = 1


def next_run_after(moment: dt.datetime) -> dt.datetime:
    """The first RUN_AT after `moment`, in local time (03:00 exists on every day in Germany)."""
    zone = zoneinfo.ZoneInfo(settings.TIME_ZONE)
    local = moment.astimezone(zone)
    candidate = dt.datetime.combine(local.date(), RUN_AT, tzinfo=zone)
    if candidate <= local:
        candidate = dt.datetime.combine(local.date() + dt.timedelta(days=1), RUN_AT, tzinfo=zone)
    return candidate


def _schedule_next(schedule: RetentionSchedule, after: dt.datetime) -> bool:
    """Give the schedule a new token and time and queue its task (once the caller commits).

    Returns whether a task was queued; when not, the schedule is left as it was.
    """
    token = uuid.uuid4()
    when = next_run_after(after)
    if not enqueue_at(nightly_retention, when, token=str(token)):
        return False
    schedule.token, schedule.next_run_at = token, when
    schedule.save()
    return True


@task()
def nightly_retention(token: str) -> dict[str, int]:
    """Run every active office's rules and the installation's part, if `token` is current."""
    now = timezone.now()
    with transaction.atomic():
        schedule = RetentionSchedule.objects.select_for_update().filter(pk=SINGLETON).first()
        if schedule is None or str(schedule.token) != token:
            return {}
        # Claim first: the next night is queued even if this run breaks off half-way.
        if not _schedule_next(schedule, now):
            # Nothing could be queued: leave no token behind that promises a run.
            schedule.delete()
    totals: dict[str, int] = {}
    with scopes_disabled():
        offices = list(Office.objects.filter(is_active=True).order_by("pk"))
    for office in offices:
        try:
            run = retention.run_retention(office, trigger=RunTrigger.SCHEDULED, now=now)
        except Exception as error:  # one office's failure must not stop the others
            logger.error("retention run failed in office %s: %s", office.pk, type(error).__name__)
            continue
        for key, number in run.counts.items():
            totals[key] = totals.get(key, 0) + number
    run = retention.run_installation(trigger=RunTrigger.SCHEDULED, now=now)
    totals.update(run.counts)
    return totals


def ensure_scheduled(now: dt.datetime | None = None) -> bool:
    """Make sure a nightly run is queued; returns whether one is.

    Cheap when all is well (one query), so the data protection page calls it: an installation
    with a worker gets its chain without anyone running a command.
    """
    now = now or timezone.now()
    current = RetentionSchedule.objects.filter(pk=SINGLETON).first()
    if current is not None and current.next_run_at > now - OVERDUE:
        return True
    try:
        with transaction.atomic():
            schedule = RetentionSchedule.objects.select_for_update().filter(pk=SINGLETON).first()
            if schedule is not None and schedule.next_run_at > now - OVERDUE:
                return True  # another request restarted it meanwhile
            if schedule is None:
                schedule = RetentionSchedule(pk=SINGLETON, next_run_at=now)
            return _schedule_next(schedule, now)
    except IntegrityError:
        # Another request inserted the row at the same moment, and queued its task.
        return True
