"""Writes to the directory. Each checks the policy, validates, audits and re-indexes search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core import policy
from lotse.core.audit import audit_record, changed_fields
from lotse.core.models import Office, User
from lotse.directory import rules  # noqa: F401  (registers the directory's actions)
from lotse.directory.models import (
    ExampleQuestion,
    InfoPage,
    InfoPageTranslation,
    Location,
    Organisation,
    Service,
    ServiceContact,
    ServiceTranslation,
    TranslationBase,
)
from lotse.directory.search import reindex_service
from lotse.directory.selectors import can_edit
from lotse.directory.semantic import schedule


def require_owner(*, user: User, office: Office, owner_office_id: int) -> None:
    """Only the owner office keeps an entry; others read it."""
    if not can_edit(user=user, office=office, owner_office_id=owner_office_id):
        raise PermissionDenied("directory entry of another office")


def _save(obj: Any) -> Any:
    obj.full_clean()
    obj.save()
    return obj


@transaction.atomic
def organisation_save(
    *, office: Office, by: User, organisation: Organisation | None = None, **fields: Any
) -> Organisation:
    """Create an organisation owned by the office, or change one it owns."""
    if organisation is None:
        policy.require(by, "directory.entry.edit", office)
        organisation = Organisation(owner_office=office)
        verb, before = "created", {}
    else:
        require_owner(user=by, office=office, owner_office_id=organisation.owner_office_id)
        verb = "updated"
        before = {name: getattr(organisation, name) for name in fields}
    for name, value in fields.items():
        setattr(organisation, name, value)
    _save(organisation)
    audit_record(
        action=f"directory.organisation.{verb}",
        actor=by,
        office=office,
        obj=organisation,
        data={"fields": changed_fields(before, fields)},
    )
    if verb == "updated":
        for service in organisation.services.all():
            reindex_service(service)
    return organisation


@transaction.atomic
def location_save(
    *, office: Office, by: User, organisation: Organisation, location: Location | None = None,
    **fields: Any,
) -> Location:  # fmt: skip
    require_owner(user=by, office=office, owner_office_id=organisation.owner_office_id)
    location = location or Location(organisation=organisation)
    if location.organisation_id != organisation.pk:
        raise PermissionDenied("location of another organisation")
    for name, value in fields.items():
        setattr(location, name, value)
    _save(location)
    audit_record(
        action="directory.location.saved", actor=by, office=office, obj=location,
        data={"fields": sorted(fields)},
    )  # fmt: skip
    for service in location.services.all():
        reindex_service(service)
    return location


SERVICE_RELATIONS = ("topics", "target_groups", "languages", "locations")


@transaction.atomic
def service_save(
    *,
    office: Office,
    by: User,
    service: Service | None = None,
    organisation: Organisation,
    german: dict[str, str],
    **fields: Any,
) -> Service:
    """Create or change a service with its German texts; relations given as iterables."""
    require_owner(user=by, office=office, owner_office_id=organisation.owner_office_id)
    relations = {name: fields.pop(name) for name in SERVICE_RELATIONS if name in fields}
    if not relations.get("topics", True):
        raise ValidationError({"topics": _("Choose at least one topic.")})
    if service is None:
        service = Service(owner_office=office, organisation=organisation)
        verb, before = "created", {}
    else:
        require_owner(user=by, office=office, owner_office_id=service.owner_office_id)
        verb = "updated"
        before = {name: getattr(service, name) for name in fields}
        service.organisation = organisation
    locations = relations.get("locations")
    if locations is not None and any(loc.organisation_id != organisation.pk for loc in locations):
        raise ValidationError({"locations": _("Choose places of this organisation.")})
    for name, value in fields.items():
        setattr(service, name, value)
    _save(service)
    for name, values in relations.items():
        getattr(service, name).set(values)
    translation_save(obj=service, by=by, office=office, language="de", texts=german, reindex=False)
    audit_record(
        action=f"directory.service.{verb}",
        actor=by,
        office=office,
        obj=service,
        data={"fields": sorted({*changed_fields(before, fields), *relations})},
    )
    reindex_service(service)
    return service


@transaction.atomic
def service_set_archived(*, office: Office, by: User, service: Service, archived: bool) -> None:
    require_owner(user=by, office=office, owner_office_id=service.owner_office_id)
    service.is_archived = archived
    service.save(update_fields=["is_archived", "updated_at"])
    audit_record(
        action="directory.service.archived" if archived else "directory.service.restored",
        actor=by,
        office=office,
        obj=service,
    )
    reindex_service(service)


@transaction.atomic
def service_mark_verified(
    *, office: Office, by: User, service: Service, on: dt.date | None = None
) -> None:
    """Record that someone checked the entry is still right."""
    require_owner(user=by, office=office, owner_office_id=service.owner_office_id)
    service.last_verified = on or timezone.localdate()
    service.save(update_fields=["last_verified", "updated_at"])
    audit_record(action="directory.service.verified", actor=by, office=office, obj=service)


@transaction.atomic
def contacts_replace(
    *, office: Office, by: User, service: Service, contacts: Iterable[dict[str, str]]
) -> None:
    require_owner(user=by, office=office, owner_office_id=service.owner_office_id)
    policy.require(by, "directory.internal.view", office)
    service.contacts.all().delete()
    rows = [ServiceContact(service=service, **contact) for contact in contacts]
    for row in rows:
        row.full_clean()
    ServiceContact.objects.bulk_create(rows)
    audit_record(
        action="directory.service.contacts_changed", actor=by, office=office, obj=service,
        data={"count": len(rows)},
    )  # fmt: skip


def _translation_model(obj: Service | InfoPage) -> type[TranslationBase]:
    return ServiceTranslation if isinstance(obj, Service) else InfoPageTranslation


def save_text_row(
    *,
    model: type[TranslationBase],
    parent: str,
    obj: Any,
    language: str,
    texts: dict[str, str],
    by: User,
) -> tuple[TranslationBase, bool]:
    """Save one language of any translated content (services, pages, events, programs).

    German is the source: changing its text raises its version, which makes every translation
    made from an older version outdated. A translation records the German version it follows.
    Returns the row and whether its text changed.
    """
    row = model.objects.filter(**{parent: obj, "language": language}).first()
    german = (
        None
        if language == "de"
        else model.objects.filter(**{parent: obj, "language": "de"}).first()
    )
    if language != "de" and german is None:
        raise ValidationError(_("Write the German text first; translations follow it."))
    unknown = set(texts) - set(model.TEXT_FIELDS)
    if unknown:
        raise TypeError(f"unknown text fields {sorted(unknown)}")
    texts = {name: (value or "").strip() for name, value in texts.items()}
    if row is None:
        row = model(**{parent: obj, "language": language})
        changed = True
    else:
        changed = any(getattr(row, name) != value for name, value in texts.items())
    for name, value in texts.items():
        setattr(row, name, value)
    if changed and row.pk is not None:
        row.version += 1
    row.source_version = row.version if language == "de" else german.version
    row.updated_by = by
    _save(row)
    return row, changed


@transaction.atomic
def translation_save(
    *,
    obj: Service | InfoPage,
    by: User,
    office: Office,
    language: str,
    texts: dict[str, str],
    reindex: bool = True,
) -> TranslationBase:
    """Save one language of a service or page (see `save_text_row`)."""
    require_owner(user=by, office=office, owner_office_id=obj.owner_office_id)
    model = _translation_model(obj)
    parent = "service" if isinstance(obj, Service) else "page"
    row, changed = save_text_row(
        model=model, parent=parent, obj=obj, language=language, texts=texts, by=by
    )
    if changed:
        audit_record(
            action=f"directory.{parent}.translation_saved",
            actor=by,
            office=office,
            obj=obj,
            data={"language": language, "version": row.version},
        )
    if reindex and isinstance(obj, Service):
        reindex_service(obj)
    if isinstance(obj, InfoPage):
        schedule(page_id=obj.pk)
    return row


@transaction.atomic
def info_page_save(
    *, office: Office, by: User, page: InfoPage | None = None, german: dict[str, str],
    topics: Iterable[Any] | None = None, **fields: Any,
) -> InfoPage:  # fmt: skip
    if page is None:
        policy.require(by, "directory.entry.edit", office)
        page = InfoPage(owner_office=office)
        verb = "created"
    else:
        require_owner(user=by, office=office, owner_office_id=page.owner_office_id)
        verb = "updated"
    for name, value in fields.items():
        setattr(page, name, value)
    _save(page)
    if topics is not None:
        page.topics.set(topics)
    translation_save(obj=page, by=by, office=office, language="de", texts=german)
    audit_record(action=f"directory.page.{verb}", actor=by, office=office, obj=page)
    schedule(page_id=page.pk)  # publishing or unpublishing changes what routing may answer
    return page


#: Example questions per entry: enough for the ways people ask, few enough to read through.
MAX_EXAMPLES = 30


@transaction.atomic
def example_question_add(
    *, office: Office, by: User, entry: Service | InfoPage, text: str, language: str = ""
) -> ExampleQuestion:
    """Teach question routing one more way people ask for this entry."""
    require_owner(user=by, office=office, owner_office_id=entry.owner_office_id)
    text = " ".join((text or "").split())
    if not text:
        raise ValidationError({"text": _("Write the question.")})
    kind = "service" if isinstance(entry, Service) else "page"
    existing = ExampleQuestion.objects.filter(**{kind: entry})
    if existing.count() >= MAX_EXAMPLES:
        raise ValidationError(
            {"text": _("This entry has %(count)s example questions already; remove one first.")
             % {"count": MAX_EXAMPLES}}
        )  # fmt: skip
    # In Python: SQLite's case-insensitive comparison knows only ASCII ("ДИПЛОМ" ≠ "диплом").
    if text.casefold() in {other.casefold() for other in existing.values_list("text", flat=True)}:
        raise ValidationError({"text": _("This entry has this question already.")})
    example = _save(ExampleQuestion(**{kind: entry, "text": text, "language": language[:8]}))
    audit_record(
        action=f"directory.{kind}.example_added", actor=by, office=office, obj=entry,
        data={"example": example.pk},
    )  # fmt: skip
    schedule(**{f"{kind}_id": entry.pk})
    return example


@transaction.atomic
def example_question_remove(*, office: Office, by: User, example: ExampleQuestion) -> None:
    entry = example.service or example.page
    require_owner(user=by, office=office, owner_office_id=entry.owner_office_id)
    kind = "service" if example.service_id else "page"
    example.delete()
    audit_record(action=f"directory.{kind}.example_removed", actor=by, office=office, obj=entry)
    schedule(**{f"{kind}_id": entry.pk})
