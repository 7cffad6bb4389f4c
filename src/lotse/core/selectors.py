"""Reads of core data, scoped to what the asking user may see."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from lotse.core import policy
from lotse.core.models import AuditEntry, Membership, Office, User


def memberships_of(*, user: Any) -> list[Membership]:
    """Return the user's memberships in active offices, offices loaded.

    Read across offices on purpose: a user's own memberships decide which office scope to open.
    """
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Membership.objects.with_scopes_disabled()
        .filter(user=user, office__is_active=True)
        .select_related("office")
        .order_by("office__name")
    )


def office_members(*, user: User, office: Office) -> QuerySet[Membership]:
    policy.require(user, "core.member.view", office)
    return (
        Membership.objects.filter(office=office)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user__username")
    )


def membership_get_for(*, user: User, office: Office, membership_id: int) -> Membership:
    """Return a membership of the office; the same 404 for 'missing' and 'not yours'."""
    policy.require(user, "core.member.view", office)
    return get_object_or_404(
        Membership.objects.filter(office=office).select_related("user"), pk=membership_id
    )


def audit_entries_for(
    *,
    user: User,
    office: Office,
    actor_id: int | None = None,
    action: str = "",
    object_type: str = "",
    object_id: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> QuerySet[AuditEntry]:
    policy.require(user, "core.audit.view", office)
    entries = AuditEntry.objects.filter(office=office).select_related("actor")
    if actor_id:
        entries = entries.filter(actor_id=actor_id)
    if action:
        entries = entries.filter(action__startswith=action)
    if object_type:
        entries = entries.filter(object_type=object_type)
    if object_id:
        entries = entries.filter(object_id=object_id)
    if date_from:
        entries = entries.filter(at__date__gte=date_from)
    if date_to:
        entries = entries.filter(at__date__lte=date_to)
    return entries.order_by("-at", "-id")


def recent_logins_of(*, user: User, office: Office, limit: int = 5) -> list[AuditEntry]:
    """The user's own latest login events in this office: so people notice logins not theirs."""
    return list(
        AuditEntry.objects.filter(
            office=office, actor=user, action__in=["auth.login.succeeded", "auth.login.failed"]
        ).order_by("-at", "-id")[:limit]
    )


def public_offices() -> QuerySet[Office]:
    """Offices and their public contact details, for the portal."""
    return Office.objects.filter(is_active=True).order_by("name")
