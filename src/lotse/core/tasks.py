"""Background tasks of the core app (run by the configured django-tasks backend)."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *,
    subject: str,
    body: str,
    to: list[str],
    html: str = "",
    reply_to: list[str] | None = None,
    attachments: list[list[str]] | None = None,
) -> None:
    """Send one e-mail; queued after the transaction that caused it has committed.

    `attachments` are [filename, text content, MIME type] (task arguments must be JSON), e.g. a
    calendar file.
    """
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, reply_to=reply_to)
    if html:
        message.attach_alternative(html, "text/html")
    for filename, content, mimetype in attachments or ():
        message.attach(filename, content, mimetype)
    message.send()
