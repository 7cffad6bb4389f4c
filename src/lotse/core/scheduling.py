"""Run a task later through the task backend: the one place that knows about deferral.

The database and RQ backends keep a task until its time (`run_after`); the immediate backend
(development and tests) cannot wait, so a task due later is not queued there and the caller
learns it from the return value. Tasks scheduled this way must check, when they run, that what
they were scheduled for still holds (an event may have moved), because nothing unqueues them.
"""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task_backends


def can_defer() -> bool:
    return bool(task_backends["default"].supports_defer)


def enqueue_at(task: Any, when: dt.datetime, **kwargs: Any) -> bool:
    """Queue `task(**kwargs)` to run at `when` once the transaction commits.

    Returns False when the backend cannot wait and `when` is still ahead (nothing is queued).
    """
    if when <= timezone.now():
        transaction.on_commit(partial(task.enqueue, **kwargs))
        return True
    if not can_defer():
        return False
    transaction.on_commit(partial(task.using(run_after=when).enqueue, **kwargs))
    return True
