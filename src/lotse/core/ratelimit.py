"""Rate limits for the public forms: a fixed window per form and client address, in the cache.

Generous on purpose: a shelter, a language school or a mobile network puts many people behind
one address, and a limit that stops a class from registering for an event does more harm than
the spam it stops. The honeypot and the time trap (spam.py) catch most scripts; this stops
floods. Only POSTs count: reading a form costs nothing.

`LOTSE_PUBLIC_FORM_RATE` sets the limit, e.g. "20/10m" (20 submissions of one form from one
address per 10 minutes; units s, m, h, d) or "off".
"""

from __future__ import annotations

import functools
import logging
import math
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.crypto import salted_hmac

from lotse.core.network import client_ip_address

View = Callable[..., HttpResponse]

DEFAULT_RATE = "20/10m"
UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
RATE_PATTERN = re.compile(r"^(\d+)/(\d*)([smhd])$")
#: The portal's page for a refused submission, in the reader's language.
TEMPLATE = "portal/429.html"

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Rate:
    count: int
    seconds: int


@functools.lru_cache(maxsize=16)
def parse_rate(text: str) -> Rate | None:
    """'20/10m' is 20 per 600 seconds, '5/h' 5 per hour; 'off' is no limit."""
    value = text.strip().lower().replace(" ", "")
    if value == "off":
        return None
    match = RATE_PATTERN.match(value)
    if match is None or int(match[1]) < 1 or int(match[2] or 1) < 1:
        raise ImproperlyConfigured(
            f"LOTSE_PUBLIC_FORM_RATE must look like 20/10m (submissions per minutes; units "
            f"s, m, h, d) or be off, not {text!r}."
        )
    return Rate(count=int(match[1]), seconds=int(match[2] or 1) * UNITS[match[3]])


def configured_rate() -> Rate | None:
    return parse_rate(str(getattr(settings, "LOTSE_PUBLIC_FORM_RATE", DEFAULT_RATE)))


def _key(form: str, address: str, window: int) -> str:
    # An address is personal data: the cache holds only a keyed hash of it.
    digest = salted_hmac("lotse.core.ratelimit", address).hexdigest()[:32]
    return f"lotse:rate:{form}:{digest}:{window}"


def hit(*, form: str, address: str | None, rate: Rate, now: float | None = None) -> int:
    """Count one submission; return 0 within the limit, else the seconds until it lifts."""
    now = time.time() if now is None else now
    window = int(now // rate.seconds)
    ends = (window + 1) * rate.seconds
    key = _key(form, address or "unknown", window)
    timeout = math.ceil(ends - now) + 1
    try:
        # add() leaves an existing count alone; incr() is atomic in Redis and in locmem.
        cache.add(key, 0, timeout=timeout)
        try:
            count = cache.incr(key)
        except ValueError:  # the window's key expired between add() and incr()
            cache.set(key, 1, timeout=timeout)
            count = 1
    except Exception:
        # A cache outage must not close the public forms: the spam guard still stands.
        logger.warning("Rate limit not checked: the cache is unavailable.", exc_info=True)
        return 0
    if count <= rate.count:
        return 0
    if count == rate.count + 1:
        logger.info("Rate limit reached on the public form %s.", form)
    return max(1, math.ceil(ends - now))


def too_many(request: HttpRequest, seconds: int) -> HttpResponse:
    """429 with a page that says when to try again; nothing of the submission was kept."""
    minutes = max(1, math.ceil(seconds / 60))
    response = render(request, TEMPLATE, {"minutes": minutes}, status=429)
    response["Retry-After"] = str(seconds)
    # The path may hold a personal link's token (the participant's page, the partner's answer).
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def rate_limited(form: str) -> Callable[[View], View]:
    """Limit POSTs to this view per client address; `form` names the form's own budget."""

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if request.method == "POST":
                rate = configured_rate()
                if rate is not None:
                    wait = hit(form=form, address=client_ip_address(request), rate=rate)
                    if wait:
                        return too_many(request, wait)
            return view(request, *args, **kwargs)

        wrapped.lotse_rate_limit = form  # type: ignore[attr-defined]
        return wrapped

    return decorator
