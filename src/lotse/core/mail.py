"""Queue e-mails through the task backend, after the surrounding transaction commits."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from lotse.core.tasks import send_email


def queue_templated_email(
    *,
    template: str,
    context: dict[str, Any],
    to: list[str],
    language: str = "de",
    attachments: list[list[str]] | None = None,
) -> None:
    """Render `<template>_subject.txt` and `<template>.txt` now, send after commit."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}.txt", context)
    extra = {"attachments": attachments} if attachments else {}
    transaction.on_commit(partial(send_email.enqueue, subject=subject, body=body, to=to, **extra))
