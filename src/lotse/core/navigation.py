"""The staff navigation: apps register their entries here, the shell shows those a user may use.

An app registers from its AppConfig.ready(), so core never imports a domain app:

    navigation.register(_("Directory"), "directory:service-list", "directory.entry.view", 200)

The context processor asks the policy about each entry with the active office, so the menu never
offers a page that would answer 403.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from lotse.core import policy


@dataclass(frozen=True)
class NavEntry:
    label: str | Promise
    url_name: str
    action: str
    order: int
    #: The entry is marked current on every page whose view name starts with this.
    match: str

    def is_current(self, view_name: str) -> bool:
        return bool(view_name) and view_name.startswith(self.match)


_ENTRIES: dict[str, NavEntry] = {}


def register(
    label: str | Promise, url_name: str, action: str, order: int = 500, *, match: str = ""
) -> None:
    """Add an entry (idempotent per url_name, so a reloaded app does not add it twice)."""
    policy.rule_for(action)  # an unknown action fails at start-up, not at the first request
    _ENTRIES[url_name] = NavEntry(label, url_name, action, order, match or url_name)


def entries() -> list[NavEntry]:
    return sorted(_ENTRIES.values(), key=lambda entry: (entry.order, entry.url_name))


@dataclass(frozen=True)
class Panel:
    """A block of the start page an app contributes, e.g. the counselor's day."""

    action: str
    template: str
    #: (request) -> context for the template; runs only for users the policy allows.
    context: Callable[[Any], dict[str, Any]]
    order: int


_PANELS: dict[str, Panel] = {}


def register_panel(
    action: str, template: str, context: Callable[[Any], dict[str, Any]], order: int = 500
) -> None:
    policy.rule_for(action)
    _PANELS[template] = Panel(action, template, context, order)


def panels() -> list[Panel]:
    return sorted(_PANELS.values(), key=lambda panel: (panel.order, panel.template))


# Core's own pages. Platform actions ignore the office, so the platform admin entry shows for
# superusers with or without one.
register(_("Start"), "core:dashboard", "core.dashboard.view", 100)
register(_("Team"), "core:member-list", "core.member.view", 800, match="core:member-")
register(_("Office"), "core:office-edit", "core.office.edit", 810)
register(_("Audit log"), "core:audit-log", "core.audit.view", 820)
register(_("Platform administration"), "admin:index", "core.taxonomy.edit", 900, match="admin:")


# --- Landing pages ------------------------------------------------------------------------------
# A user without an office (a volunteer, say) has no staff start page. An app that knows such
# users registers a function user -> URL or None; the dashboard sends them there instead of the
# "no office" page. Apps register from their own modules, so core never imports a domain app.

_LANDINGS: dict[str, Callable[[Any], str | None]] = {}


def register_landing(func: Callable[[Any], str | None]) -> None:
    """Add a landing function (idempotent per function name, like `register`)."""
    _LANDINGS[f"{func.__module__}.{func.__qualname__}"] = func


def landing_for(user: Any) -> str | None:
    """The first URL a registered landing function offers this user, or None."""
    for func in _LANDINGS.values():
        url = func(user)
        if url:
            return url
    return None
