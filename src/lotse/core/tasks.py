"""Background tasks of the core app (run by the configured django-tasks backend)."""

from __future__ import annotations

from django.core.mail import EmailMultiAlternatives
from django_tasks import task


@task()
def send_email(
    *, subject: str, body: str, to: list[str], html: str = "", reply_to: list[str] | None = None
) -> None:
    """Send one e-mail; queued after the transaction that caused it has committed."""
    message = EmailMultiAlternatives(subject=subject, body=body, to=to, reply_to=reply_to)
    if html:
        message.attach_alternative(html, "text/html")
    message.send()
