"""Certificates of participation for a workshop series (PDF by WeasyPrint).

A participant of a series is who booked it together (one series key), or, for modules booked
one by one, the same e-mail address; without either, the single registration. The series is
completed when they attended the program's required number of modules (by default every module
that was not cancelled).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import Q, QuerySet
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from lotse.core.pdf import html_to_pdf
from lotse.events.models import Event, EventStatus, Program, Registration, RegistrationStatus


@dataclass(frozen=True)
class SeriesProgress:
    program: Program
    #: The participant's registration that names them on the certificate (the earliest).
    registration: Registration
    attended: list[Event]
    needed: int
    modules: int

    @property
    def complete(self) -> bool:
        return self.needed > 0 and len(self.attended) >= self.needed


def _group(registration: Registration) -> QuerySet[Registration]:
    """All registrations of the same participant in the same series."""
    with scopes_disabled():
        rows = Registration.objects.filter(event__program_id=registration.event.program_id)
        if registration.series_key:
            match = Q(series_key=registration.series_key)
            if registration.email:
                match |= Q(email=registration.email)
            return rows.filter(match)
        if registration.email:
            return rows.filter(email=registration.email)
        return rows.filter(pk=registration.pk)


def progress(registration: Registration) -> SeriesProgress:
    program = registration.event.program
    with scopes_disabled():
        modules = Event.objects.filter(program=program).exclude(status=EventStatus.CANCELLED)
        module_count = modules.count()
        group = list(_group(registration).select_related("event").order_by("created_at", "id"))
    attended = sorted(
        (r.event for r in group if r.status == RegistrationStatus.ATTENDED),
        key=lambda event: (event.module_number or 0, event.starts_at),
    )
    needed = min(program.certificate_min_modules or module_count, module_count)
    return SeriesProgress(
        program=program,
        registration=group[0] if group else registration,
        attended=attended,
        needed=needed,
        modules=module_count,
    )


def participants(program: Program) -> list[SeriesProgress]:
    """Everyone who attended at least one module, with their progress, by name."""
    with scopes_disabled():
        attended = (
            Registration.objects.filter(event__program=program, status=RegistrationStatus.ATTENDED)
            .select_related("event", "event__program")
            .order_by("created_at", "id")
        )
        seen: set[tuple[str, str]] = set()
        result = []
        for registration in attended:
            key = (
                ("series", str(registration.series_key))
                if registration.series_key
                else ("email", registration.email)
                if registration.email
                else ("row", str(registration.pk))
            )
            if key in seen:
                continue
            seen.add(key)
            item = progress(registration)
            seen.add(("series", str(item.registration.series_key)))
            if item.registration.email:
                seen.add(("email", item.registration.email))
            result.append(item)
    return sorted(result, key=lambda item: item.registration.name.casefold())


def certificate_pdf(registration: Registration, *, language: str | None = None) -> bytes:
    """The certificate as PDF bytes; refuses when the series is not completed."""
    item = progress(registration)
    if not item.complete:
        raise ValidationError(_("The series is not completed yet."))
    language = language or registration.language or settings.LANGUAGE_CODE
    with translation.override(language):
        html = render_to_string(
            "events/pdf/certificate.html",
            {
                "progress": item,
                "name": item.registration.name,
                "office": item.program.office,
                "issued": timezone.localdate(),
                "language": language,
                "bidi": translation.get_language_bidi(),
            },
        )
    return html_to_pdf(html)
