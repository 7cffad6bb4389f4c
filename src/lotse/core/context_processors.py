from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse, translate_url
from django.utils.translation import get_language_info

from lotse.core import navigation, policy
from lotse.core.middleware import is_staff_path


def lotse(request: HttpRequest) -> dict[str, Any]:
    """Navigation and language data every shell needs."""
    staff_area = is_staff_path(request.path_info)
    office = getattr(request, "office", None)
    user = request.user
    nav_items = []
    if staff_area and user.is_authenticated:
        match = getattr(request, "resolver_match", None)
        view_name = match.view_name if match else ""
        nav_items = [
            {
                "label": entry.label,
                "url": reverse(entry.url_name),
                "current": entry.is_current(view_name),
            }
            for entry in navigation.entries()
            if policy.can(user, entry.action, office)
        ]
    languages = settings.STAFF_LANGUAGES if staff_area else [c for c, _ in settings.LANGUAGES]
    language_links = []
    if not staff_area:
        # Plain links to the same page in each language: no JavaScript, no lost place.
        path = request.get_full_path()
        language_links = [
            {
                "code": code,
                "name": settings.KNOWN_LANGUAGES[code],
                "url": translate_url(path, code),
                "bidi": get_language_info(code)["bidi"],
            }
            for code in languages
        ]
    return {
        "language_links": language_links,
        "staff_area": staff_area,
        "current_office": office,
        "current_membership": getattr(request, "membership", None),
        "user_memberships": getattr(request, "memberships", []),
        "nav_items": nav_items,
        "switch_languages": [(code, settings.KNOWN_LANGUAGES[code]) for code in languages],
    }
