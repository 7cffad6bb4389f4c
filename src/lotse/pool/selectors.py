"""Reading the pool: each function taking a `user` asks the policy first.

Queries are bounded whatever the number of members: languages come in one prefetch, lists are
paginated by the views. Another office's member is not found (404), the same as a missing one.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from lotse.core import policy
from lotse.core.choices import SLOTS
from lotse.core.models import Language, Office, User
from lotse.pool.models import PoolMember, PoolRole

VIEW = "pool.member.view"


def _languages() -> Prefetch:
    return Prefetch("languages", queryset=Language.objects.order_by("position", "code"))


def _base(user: User, office: Office) -> QuerySet[PoolMember]:
    policy.require(user, VIEW, office)
    return PoolMember.objects.filter(office=office).prefetch_related(_languages())


def _has(field: str, value: str) -> dict[str, str]:
    # JSON lists: `contains` is not portable to SQLite, so match the quoted value. The values
    # are fixed choices (roles, slots) that never contain one another with their quotes.
    return {f"{field}__icontains": f'"{value}"'}


def member_list(
    *,
    user: User,
    office: Office,
    name: str | None = None,
    language: str | None = None,
    role: str | None = None,
    slot: str | None = None,
    terms: str | None = None,
    active: bool | None = True,
) -> QuerySet[PoolMember]:
    """The office's pool, filtered; active members only unless `active` is False or None."""
    found = _base(user, office)
    if name:
        found = found.filter(name__icontains=name)
    if language:
        found = found.filter(languages__code=language)
    if role in PoolRole.values:
        found = found.filter(**_has("roles", role))
    if slot in SLOTS:
        found = found.filter(**_has("availability", slot))
    if terms:
        found = found.filter(terms=terms)
    if active is not None:
        found = found.filter(is_active=active)
    return found.distinct().order_by("name", "id")


def member_get(*, user: User, office: Office, member_id: int) -> PoolMember:
    """One member of the office; another office's member is not found (404)."""
    member = _base(user, office).filter(pk=member_id).first()
    if member is None:
        raise Http404
    return member


def active_interpreters(*, office: Office | int) -> list[PoolMember]:
    """The office's (or office id's) active interpreters with their languages, by name.

    For other apps' forms (a consultation's interpreter); the caller has checked its own
    action, and reading who interprets is part of every role that records work with people.
    """
    return list(
        PoolMember.objects.filter(office=office, is_active=True, **_has("roles", "interpreter"))
        .prefetch_related(_languages())
        .order_by("name", "id")
    )


# --- What the pages show about a member ---------------------------------------------------------


def role_labels(roles: Any) -> list[str]:
    names = dict(PoolRole.choices)
    return [str(names[value]) for value in (roles or []) if value in names]
