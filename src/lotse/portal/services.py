"""The portal's one write: a barrier report, sent to the offices by e-mail and stored nowhere."""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from lotse.core.mail import queue_templated_email
from lotse.core.selectors import public_offices


@transaction.atomic
def barrier_report_send(*, page: str, barrier: str, email: str, language: str) -> None:
    """Queue one e-mail with the report to every active office (or the sender address).

    German accessibility law asks public bodies for a way to report barriers; the report reaches
    people, not a table. The optional e-mail address is in the message only, for the answer.
    """
    recipients = [office.email for office in public_offices() if office.email]
    queue_templated_email(
        template="portal/email/barrier_report",
        context={
            "page": page,
            "barrier": barrier,
            "email": email,
            "language": language,
            "received": timezone.localtime(),
        },
        to=recipients or [settings.DEFAULT_FROM_EMAIL],
        language=settings.LANGUAGE_CODE,
    )
