"""Writing volunteers' records: the public application and the coordinators' decisions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core import policy
from lotse.core.audit import audit_record, changed_fields
from lotse.core.models import Language, Office, User
from lotse.sponsorship.models import STATUS_FLOW, Volunteer, VolunteerLanguage, VolunteerStatus

APPLICATION_FIELDS = (
    "first_name",
    "last_name",
    "email",
    "phone",
    "district",
    "gender",
    "availability",
    "offers",
    "interests",
    "prefers",
    "max_tandems",
    "interpreter_ok",
    "motivation",
)
COORDINATOR_FIELDS = (
    *APPLICATION_FIELDS,
    "pledge_signed_on",
    "certificate_seen_on",
    "certificate_recheck_on",
    "coordinator_notes",
)


def _languages(volunteer: Volunteer, languages: Iterable[tuple[Language, int]]) -> list[str]:
    rows = [
        VolunteerLanguage(volunteer=volunteer, language=lang, level=level)
        for lang, level in languages
    ]
    if not rows:
        raise ValidationError({"languages": _("Name at least one language you speak.")})
    if len({row.language_id for row in rows}) != len(rows):
        raise ValidationError({"languages": _("Each language once, please.")})
    for row in rows:
        row.full_clean(exclude=["volunteer"])
    VolunteerLanguage.objects.filter(volunteer=volunteer).delete()
    VolunteerLanguage.objects.bulk_create(rows)
    return sorted(row.language_id for row in rows)


@transaction.atomic
def application_submit(
    *, office: Office, languages: Iterable[tuple[Language, int]], **fields: Any
) -> Volunteer:
    """A person applies through the portal: public, no login; consent is part of the form."""
    unknown = set(fields) - set(APPLICATION_FIELDS)
    if unknown:
        raise TypeError(f"Unknown application fields: {sorted(unknown)}")
    volunteer = Volunteer(
        office=office, consent_given_at=timezone.now(), status=VolunteerStatus.APPLIED, **fields
    )
    volunteer.email = volunteer.email.strip().lower()
    volunteer.full_clean()
    volunteer.save()
    _languages(volunteer, languages)
    audit_record(action="sponsorship.volunteer.applied", office=office, obj=volunteer)
    return volunteer


@transaction.atomic
def volunteer_update(
    *,
    office: Office,
    by: User,
    volunteer: Volunteer,
    languages: Iterable[tuple[Language, int]] | None = None,
    **fields: Any,
) -> Volunteer:
    policy.require(by, "sponsorship.volunteer.manage", office)
    if volunteer.office_id != office.pk:
        raise ValidationError(_("This volunteer belongs to another office."))
    unknown = set(fields) - set(COORDINATOR_FIELDS)
    if unknown:
        raise TypeError(f"Unknown volunteer fields: {sorted(unknown)}")
    before = {name: getattr(volunteer, name) for name in fields}
    for name, value in fields.items():
        setattr(volunteer, name, value)
    volunteer.email = volunteer.email.strip().lower()
    volunteer.full_clean()
    volunteer.save()
    changed = changed_fields(before, {name: getattr(volunteer, name) for name in fields})
    if languages is not None:
        old = sorted(volunteer.languages.values_list("language_id", "level"))
        new_codes = _languages(volunteer, languages)
        if sorted(volunteer.languages.values_list("language_id", "level")) != old:
            changed.append("languages")
        del new_codes
    if changed:
        audit_record(
            action="sponsorship.volunteer.updated",
            actor=by,
            office=office,
            obj=volunteer,
            data={"fields": sorted(changed)},
        )
    return volunteer


@transaction.atomic
def volunteer_set_status(
    *, office: Office, by: User, volunteer: Volunteer, status: str, on: dt.date | None = None
) -> Volunteer:
    """Move a volunteer along applied → in conversation → active ⇄ paused → ended.

    Active needs the signed data-protection pledge: nobody accompanies newcomers without it.
    """
    policy.require(by, "sponsorship.volunteer.manage", office)
    if volunteer.office_id != office.pk:
        raise ValidationError(_("This volunteer belongs to another office."))
    if status not in VolunteerStatus.values:
        raise ValidationError({"status": _("Unknown status.")})
    current = VolunteerStatus(volunteer.status)
    if status not in STATUS_FLOW[current]:
        raise ValidationError(
            {
                "status": _("From “%(current)s” the next step cannot be “%(next)s”.")
                % {"current": current.label, "next": VolunteerStatus(status).label}
            }
        )
    if status == VolunteerStatus.ACTIVE and not volunteer.pledge_signed_on:
        raise ValidationError(
            {"status": _("Record the signed data-protection pledge before activating.")}
        )
    on = on or timezone.localdate()
    if on > timezone.localdate():
        raise ValidationError({"on": _("This date lies in the future.")})
    previous = volunteer.status
    volunteer.status = status
    volunteer.status_changed_on = on
    volunteer.save(update_fields=["status", "status_changed_on", "updated_at"])
    audit_record(
        action="sponsorship.volunteer.status_changed",
        actor=by,
        office=office,
        obj=volunteer,
        data={"from": previous, "to": status},
    )
    return volunteer
