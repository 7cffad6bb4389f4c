"""Audit every login, failed login and logout (signals are for audit only, as house style says)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from lotse.core.network import client_ip_address
from lotse.core.services import audit_for_each_office


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address, read the way the login lockout reads it (proxies included)."""
    if request is None:
        return None
    return client_ip_address(request)


@receiver(user_logged_in)
def audit_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    audit_for_each_office(
        user=user, action="auth.login.succeeded", obj=user, ip_address=client_ip(request)
    )


@receiver(user_logged_out)
def audit_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        audit_for_each_office(
            user=user, action="auth.logout", obj=user, ip_address=client_ip(request)
        )


@receiver(user_login_failed)
def audit_login_failure(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Attribute the attempt to the account it named, if any; the typed name itself is not kept.
    username = credentials.get("username") or ""
    user = get_user_model().objects.filter(username__iexact=username).first() if username else None
    audit_for_each_office(
        user=user, action="auth.login.failed", obj=user, ip_address=client_ip(request)
    )
