"""Funder templates and report settings: the writes (audited) and the few reads they need.

Reports only read the other apps' data; what is written here is an office's own choices about
its reports. Another office's template is not found (404), the same as a missing one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from lotse.core import policy
from lotse.core.audit import audit_record, changed_fields
from lotse.core.models import Office, User
from lotse.reports import figures
from lotse.reports.models import (
    DEFAULT_THRESHOLD,
    FunderTemplate,
    FunderTemplateItem,
    ReportSettings,
)

VIEW = "reports.statistics.view"
MANAGE = "reports.settings.manage"

#: A template's figures: (figure key, label or "" for the figure's own label), in order.
Items = Sequence[tuple[str, str]]


# --- Writes -----------------------------------------------------------------------------------


@transaction.atomic
def template_save(
    *,
    office: Office,
    by: User,
    template: FunderTemplate | None = None,
    name: str,
    funder: str = "",
    public: bool = False,
    items: Items,
) -> FunderTemplate:
    """Create or change a funder template; `items` replaces its figures, in the given order."""
    policy.require(by, MANAGE, office)
    if template is not None and template.office_id != office.pk:
        raise ValidationError(_("This template belongs to another office."))
    creating = template is None
    template = template or FunderTemplate(office=office)
    before = {} if creating else _snapshot(template)
    template.name = name.strip()
    template.funder = funder.strip()
    template.public = public
    cleaned = _clean_items(items)
    same_name = FunderTemplate.objects.filter(office=office, name__iexact=template.name)
    if template.pk:
        same_name = same_name.exclude(pk=template.pk)
    if template.name and same_name.exists():
        raise ValidationError({"name": _("Your office has a template with this name already.")})
    template.full_clean()
    template.save()
    template.items.all().delete()
    rows = [
        FunderTemplateItem(template=template, position=position, figure_key=key, label=label)
        for position, (key, label) in enumerate(cleaned, start=1)
    ]
    for row in rows:
        row.full_clean(exclude=["template"], validate_constraints=False)
    FunderTemplateItem.objects.bulk_create(rows)
    after = _snapshot(template)
    audit_record(
        action="reports.template.created" if creating else "reports.template.changed",
        actor=by,
        office=office,
        obj=template,
        data={"figures": len(rows)}
        if creating
        else {"fields": changed_fields(before, after), "figures": len(rows)},
    )
    return template


def _clean_items(items: Items) -> list[tuple[str, str]]:
    """Known figures, each once, at least one; labels trimmed."""
    cleaned: list[tuple[str, str]] = []
    seen: set[str] = set()
    for key, label in items:
        try:
            figures.get(key)
        except KeyError:
            raise ValidationError(
                {"items": _("There is no figure “%(key)s”.") % {"key": key}}
            ) from None
        if key in seen:
            raise ValidationError({"items": _("A template lists each figure once.")})
        seen.add(key)
        cleaned.append((key, (label or "").strip()))
    if not cleaned:
        raise ValidationError({"items": _("Choose at least one figure.")})
    return cleaned


def _snapshot(template: FunderTemplate) -> dict[str, object]:
    values: dict[str, object] = {
        "name": template.name,
        "funder": template.funder,
        "public": template.public,
    }
    if template.pk:
        values["items"] = list(
            template.items.order_by("position").values_list("figure_key", "label")
        )
    return values


@transaction.atomic
def settings_save(*, office: Office, by: User, small_number_threshold: int) -> ReportSettings:
    """Set the office's small-numbers threshold for public exports."""
    policy.require(by, MANAGE, office)
    current = ReportSettings.objects.filter(office=office).first()
    creating = current is None
    current = current or ReportSettings(office=office)
    before = current.small_number_threshold
    current.small_number_threshold = small_number_threshold
    current.full_clean()
    current.save()
    audit_record(
        action="reports.settings.changed",
        actor=by,
        office=office,
        obj=current,
        data={
            "fields": ["small_number_threshold"]
            if creating or before != small_number_threshold
            else [],
            "small_number_threshold": small_number_threshold,
        },
    )
    return current


# --- Reads ------------------------------------------------------------------------------------
# Kept beside the writes: the reports app has no selectors module of its own yet.


def settings_get(*, user: User, office: Office) -> ReportSettings:
    """The office's settings; an unsaved row with the defaults when it has none."""
    policy.require(user, MANAGE, office)
    return ReportSettings.objects.filter(office=office).first() or ReportSettings(office=office)


def threshold_for(*, offices: Iterable[int]) -> int:
    """The strictest (highest) small-numbers threshold of the offices a report covers.

    A regional report may span offices the request's scope does not cover, so this reads
    unscoped; it returns one number and nothing else about the other offices.
    """
    ids = list(offices)
    with scopes_disabled():
        stored = dict(
            ReportSettings.objects.filter(office_id__in=ids).values_list(
                "office_id", "small_number_threshold"
            )
        )
    return max(
        (stored.get(office_id, DEFAULT_THRESHOLD) for office_id in ids), default=DEFAULT_THRESHOLD
    )


def _templates(user: User, office: Office) -> QuerySet[FunderTemplate]:
    policy.require(user, VIEW, office)
    items = Prefetch("items", queryset=FunderTemplateItem.objects.order_by("position", "id"))
    return FunderTemplate.objects.filter(office=office).prefetch_related(items)


def template_list(*, user: User, office: Office) -> QuerySet[FunderTemplate]:
    """The office's funder templates with their figures, by name."""
    return _templates(user, office).order_by("name", "id")


def template_get(*, user: User, office: Office, template_id: int | str) -> FunderTemplate:
    """One template of the office; another office's (or a malformed id) is not found (404)."""
    try:
        pk = int(template_id)
    except (TypeError, ValueError):
        raise Http404 from None
    template = _templates(user, office).filter(pk=pk).first()
    if template is None:
        raise Http404
    return template


def template_figures(template: FunderTemplate) -> list[tuple[str, str]]:
    """(key, label override) of the template's figures still in the registry, in its order."""
    known = []
    for item in template.items.all():
        try:
            figures.get(item.figure_key)
        except KeyError:
            continue
        known.append((item.figure_key, item.label))
    return known
