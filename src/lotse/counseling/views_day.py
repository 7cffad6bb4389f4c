"""The counselor's day (start page panel)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from lotse.counseling import selectors


def today_panel(request: HttpRequest) -> dict[str, Any]:
    return selectors.today(user=request.user, office=request.office)
