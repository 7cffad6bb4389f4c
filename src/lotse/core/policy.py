"""The access policy: the one place that decides whether a user may do an action in an office.

Default deny. Views, forms, the API and commands ask `can()` (or `require()`); nothing else
grants access. Actions are dotted names `<app>.<object>.<verb>`; an unknown action is a
programming error and raises, so a typo cannot silently allow or deny.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core.exceptions import PermissionDenied

from lotse.core.models import Role

if TYPE_CHECKING:
    from lotse.core.models import Office


@dataclass(frozen=True)
class Rule:
    """Who may do an action. `personal_data` actions need a verified second factor."""

    roles: frozenset[str] = frozenset()
    personal_data: bool = True
    #: Platform actions concern the whole installation and need no office.
    platform: bool = False


ALL_ROLES = frozenset(Role.values)
#: Roles whose work involves personal data of newcomers, volunteers or staff.
PERSONAL_DATA_ROLES = frozenset(ALL_ROLES - {Role.STATISTICS_VIEWER})

RULES: dict[str, Rule] = {
    "core.dashboard.view": Rule(ALL_ROLES, personal_data=False),
    "core.office.view": Rule(ALL_ROLES, personal_data=False),
    "core.office.edit": Rule(frozenset({Role.OFFICE_ADMIN})),
    "core.member.view": Rule(frozenset({Role.OFFICE_ADMIN})),
    "core.member.manage": Rule(frozenset({Role.OFFICE_ADMIN})),
    "core.audit.view": Rule(frozenset({Role.OFFICE_ADMIN})),
    "core.taxonomy.edit": Rule(platform=True),
    "core.office.create": Rule(platform=True),
}


def register(action: str, rule: Rule) -> None:
    """Let a later app add its actions here, so every rule stays in one table."""
    if action in RULES and RULES[action] != rule:
        raise ValueError(f"Action {action!r} is already registered with another rule.")
    RULES[action] = rule


def rule_for(action: str) -> Rule:
    try:
        return RULES[action]
    except KeyError:
        raise KeyError(f"Unknown action {action!r}: add it to lotse.core.policy.RULES.") from None


def two_factor_required(user: Any) -> bool:
    """Whether this user must pass a second factor before reaching any staff page."""
    if not settings.LOTSE_REQUIRE_2FA or not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    roles = getattr(user, "_lotse_roles", None)
    if roles is None:
        roles = set(roles_by_office(user).values())
    return bool(roles & PERSONAL_DATA_ROLES)


def is_verified(user: Any) -> bool:
    verified = getattr(user, "is_verified", None)
    return bool(verified and verified())


def roles_by_office(user: Any) -> dict[int, str]:
    """Return {office_id: role} for the user's active offices (cached on the user object)."""
    cached = getattr(user, "_lotse_role_map", None)
    if cached is not None:
        return cached
    from lotse.core.selectors import memberships_of

    return remember_memberships(user, memberships_of(user=user))


def remember_memberships(user: Any, memberships: list[Any]) -> dict[int, str]:
    """Cache the user's roles on the user object for the rest of the request."""
    mapping = {m.office_id: m.role for m in memberships}
    user._lotse_role_map = mapping
    user._lotse_roles = set(mapping.values())
    return mapping


def can(user: Any, action: str, office: Office | None = None) -> bool:
    """Return whether `user` may do `action` in `office` (default deny)."""
    rule = rule_for(action)
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if rule.personal_data and two_factor_required(user) and not is_verified(user):
        return False
    if rule.platform:
        return bool(user.is_superuser) and (not two_factor_required(user) or is_verified(user))
    if office is None or not office.is_active:
        return False
    role = roles_by_office(user).get(office.pk)
    return role is not None and role in rule.roles


def require(user: Any, action: str, office: Office | None = None) -> None:
    """Raise PermissionDenied unless `can(user, action, office)`."""
    if not can(user, action, office):
        raise PermissionDenied(action)


def role_in(user: Any, office: Office | None) -> str | None:
    if office is None:
        return None
    return roles_by_office(user).get(office.pk)
