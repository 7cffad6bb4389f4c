"""Writing the pool: one service keeps a member's record, with an audit entry naming fields."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from lotse.core import policy
from lotse.core.audit import audit_record, changed_fields
from lotse.core.models import Language, Office, User
from lotse.pool.models import PoolMember, PoolRole, Terms

MEMBER_FIELDS = (
    "name",
    "email",
    "phone",
    "roles",
    "availability",
    "terms",
    "fee_note",
    "notes",
    "is_active",
)


@transaction.atomic
def member_save(
    *,
    office: Office,
    by: User,
    member: PoolMember | None = None,
    languages: Iterable[Language] | None = None,
    **fields: Any,
) -> PoolMember:
    """Create or change a pool member; `languages` replaces their languages when given."""
    policy.require(by, "pool.member.manage", office)
    unknown = set(fields) - set(MEMBER_FIELDS)
    if unknown:
        raise TypeError(f"unknown pool member fields {sorted(unknown)}")
    if member is not None and member.office_id != office.pk:
        raise ValidationError(_("This person belongs to another office's pool."))
    creating = member is None
    member = member or PoolMember(office=office)
    before = {} if creating else _snapshot(member)
    for name, value in fields.items():
        setattr(member, name, value.strip() if isinstance(value, str) else value)
    chosen = (
        list(languages)
        if languages is not None
        else ([] if creating else list(member.languages.all()))
    )
    errors: dict[str, str] = {}
    if not member.roles:
        errors["roles"] = _("Choose at least one role.")
    if PoolRole.INTERPRETER in (member.roles or []) and not chosen:
        errors["languages"] = _("Name the languages this interpreter works in.")
    if member.terms == Terms.VOLUNTEER:
        member.fee_note = ""
    if errors:
        raise ValidationError(errors)
    member.full_clean()
    member.save()
    if languages is not None:
        member.languages.set(chosen)
    after = _snapshot(member)
    audit_record(
        action="pool.member.created" if creating else "pool.member.changed",
        actor=by,
        office=office,
        obj=member,
        data={} if creating else {"fields": changed_fields(before, after)},
    )
    return member


def _snapshot(member: PoolMember) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(member, name) for name in MEMBER_FIELDS}
    if member.pk:
        values["languages"] = sorted(member.languages.values_list("code", flat=True))
    return values
