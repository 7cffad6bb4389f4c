"""Writing the audit log. Every service that touches personal records calls `audit_record`."""

from __future__ import annotations

from typing import Any

from django.db import models

from lotse.core.models import AuditEntry, Office


def audit_record(
    *,
    action: str,
    actor: Any = None,
    office: Office | None = None,
    obj: models.Model | None = None,
    data: dict[str, Any] | None = None,
    ip_address: str | None = None,
) -> AuditEntry:
    """Append one entry. `data` must hold no personal data: field names, ids, counts."""
    actor = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        action=action,
        actor=actor,
        office=office,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        data=data or {},
        ip_address=ip_address,
    )
    entry.full_clean()
    entry.save()
    return entry


def changed_fields(before: dict[str, Any], after: dict[str, Any]) -> list[str]:
    """Names of the fields whose values differ; the values themselves stay out of the log."""
    return sorted(key for key in after if before.get(key) != after[key])
