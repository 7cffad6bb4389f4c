"""Writing the audit log. Every service that touches personal records calls `audit_record`."""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _

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


#: Readable names for the actions office admins see most; others show their dotted code.
ACTION_LABELS = {
    "auth.login.succeeded": _("Logged in"),
    "auth.login.failed": _("Failed login"),
    "auth.logout": _("Logged out"),
    "auth.two_factor.enrolled": _("Set up two-factor authentication"),
    "auth.two_factor.backup_codes_created": _("Backup codes created"),
    "auth.two_factor.backup_code_used": _("Logged in with a backup code"),
    "core.user.created": _("Account created"),
    "core.user.two_factor_reset": _("Two-factor authentication reset"),
    "core.membership.created": _("Added to the team"),
    "core.membership.updated": _("Role changed"),
    "core.membership.deleted": _("Removed from the team"),
    "core.office.updated": _("Office details changed"),
    "reports.template.created": _("Funder template created"),
    "reports.template.changed": _("Funder template changed"),
    "reports.settings.changed": _("Report settings changed"),
    "privacy.person.exported": _("Copy of a person's data exported"),
    "privacy.person.erased": _("Person's data erased"),
    "privacy.person.restricted": _("Processing restricted"),
    "privacy.person.restriction_lifted": _("Restriction lifted"),
    "privacy.retention.run": _("Retention run"),
    "privacy.retention.rules_changed": _("Retention rules changed"),
    "ask.question.done": _("Portal question marked as dealt with"),
    "ask.question.deleted": _("Portal question deleted"),
    "ask.question.example_added": _("Portal question added as an example question"),
    "directory.service.example_added": _("Example question added"),
    "directory.service.example_removed": _("Example question removed"),
    "directory.page.example_added": _("Example question added"),
    "directory.page.example_removed": _("Example question removed"),
}


def action_label(action: str) -> str:
    return str(ACTION_LABELS.get(action, action))


def object_type_label(object_type: str) -> str:
    """The model's verbose name for `app_label.model`, or the code if the model is gone."""
    try:
        return str(apps.get_model(object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return object_type
