"""A participant's personal link: cancel, give feedback, fetch the calendar file or certificate.

The link carries the registration's public id, signed with the installation's secret key, so
the database holds nothing that would open it and every later e-mail can carry it again.
"""

from __future__ import annotations

import uuid

from django.core import signing
from django.urls import reverse
from django_scopes import scopes_disabled

from lotse.events.models import Registration

SALT = "lotse.events.registration"


def token_for(registration: Registration) -> str:
    return signing.dumps(registration.public_id.hex, salt=SALT)


def registration_for(token: str) -> Registration | None:
    """The registration a token names, or None for a forged, mangled or stale one."""
    try:
        value = signing.loads(token, salt=SALT)
        public_id = uuid.UUID(hex=str(value))
    except (signing.BadSignature, ValueError, TypeError):
        return None
    with scopes_disabled():
        return (
            Registration.objects.select_related("event", "event__program", "office")
            .filter(public_id=public_id)
            .first()
        )


def personal_path(
    registration: Registration, language: str | None = None, *, page: str = "my"
) -> str:
    """The path of the personal page (or its `page`, e.g. my-feedback) in the participant's
    language; add the host for an absolute URL."""
    from django.utils import translation

    with translation.override(language or registration.language):
        return reverse(f"events-public:{page}", kwargs={"token": token_for(registration)})
