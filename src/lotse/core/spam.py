"""Spam defence for the public forms: a honeypot field and a signed time trap, no captcha.

A captcha shuts out people with screen readers or little German; scripts instead fill in every
field (the honeypot, hidden from people) and send the form at once (the time trap). A form that
looks automated gets the same answer as a person's, so a script learns nothing, and is dropped.
"""

from __future__ import annotations

import time
from typing import Any

from django import forms
from django.core import signing
from django.utils.translation import gettext_lazy as _

SALT = "lotse.core.spam-guard"
#: A person needs longer than this to read a form and fill it in; scripts do not.
MIN_SECONDS = 3
#: After a day the token is stale: the person is asked to send the form again (not dropped).
MAX_SECONDS = 24 * 3600


def start_token(now: float | None = None) -> str:
    """A signed note of when the form was shown (the time trap against spam scripts)."""
    return signing.dumps(int(time.time() if now is None else now), salt=SALT)


def read_token(token: str) -> int | None:
    try:
        started = signing.loads(token, salt=SALT)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    return started if isinstance(started, int) else None


class SpamGuardMixin:
    """Mix into a public `forms.Form` (before it): adds the honeypot, checks the time trap.

    The template puts the honeypot in a `hidden` wrapper (its name is `HONEYPOT`) and the token
    from `token()` in a hidden input named `started`. The view checks `honeypot_filled()` before
    validation and `looks_automated()` after it, so a quick person still sees their mistakes.
    """

    HONEYPOT = "website"
    STARTED = "started"

    data: Any
    fields: dict[str, forms.Field]
    is_bound: bool

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Added last, so it sits after the real fields and never comes first in the markup.
        self.fields[self.HONEYPOT] = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )

    def started_at(self) -> int | None:
        return read_token(str(self.data.get(self.STARTED, "")))

    def honeypot_filled(self) -> bool:
        return bool(str(self.data.get(self.HONEYPOT, "")).strip())

    def looks_automated(self) -> bool:
        """Honeypot filled, token missing or forged, or sent faster than a person can."""
        if self.honeypot_filled():
            return True
        started = self.started_at()
        return started is None or time.time() - started < MIN_SECONDS

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()  # type: ignore[misc]
        started = self.started_at()
        if started is not None and time.time() - started > MAX_SECONDS:
            raise forms.ValidationError(
                _("This form was open for a long time. Please check it and send it again.")
            )
        return cleaned

    def token(self) -> str:
        """The token for the next display: keep a fresh one (the clock runs on), else a new one."""
        started = self.started_at() if self.is_bound else None
        if started is not None and time.time() - started <= MAX_SECONDS:
            return str(self.data[self.STARTED])
        return start_token()
