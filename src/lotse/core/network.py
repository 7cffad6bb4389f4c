"""The client's address, for the login lockout and the audit log."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest


def client_ip_address(request: HttpRequest) -> str | None:
    """Return the address of the client, behind LOTSE_PROXY_COUNT reverse proxies.

    Each proxy appends the address it saw to X-Forwarded-For, so with N proxies the client is the
    Nth entry from the right; entries a client forged stand further left and are never read.
    Without proxies the header is ignored entirely.
    """
    remote = request.META.get("REMOTE_ADDR")
    count = settings.LOTSE_PROXY_COUNT
    if count < 1:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < count:
        return remote
    return forwarded[-count]
