"""Programs, events and registrations for tests (German texts, published, a week ahead)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from django.utils import timezone

from lotse.core.models import Language, Office
from lotse.events.models import (
    Event,
    EventStatus,
    EventTranslation,
    Program,
    ProgramKind,
    ProgramTranslation,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)

_numbers = itertools.count(1)


def make_program(
    office: Office,
    *,
    title: str = "Information Nights",
    kind: str = ProgramKind.INFO_NIGHT,
    is_series: bool = False,
    **fields: Any,
) -> Program:
    program = Program.objects.create(
        office=office,
        slug=fields.pop("slug", f"program-{next(_numbers)}"),
        kind=kind,
        is_series=is_series,
        **fields,
    )
    ProgramTranslation.objects.create(program=program, language="de", title=title)
    return program


def make_event(
    office: Office,
    *,
    program: Program | None = None,
    title: str = "Informationsabend: Ankommen in Stuttgart",
    starts_in: dt.timedelta = dt.timedelta(days=7),
    hours: float = 2,
    capacity: int | None = 20,
    status: str = EventStatus.PUBLISHED,
    language: str = "de",
    translations: dict[str, str] | None = None,
    **fields: Any,
) -> Event:
    program = program or make_program(office)
    starts_at = fields.pop("starts_at", None) or (timezone.now() + starts_in).replace(
        second=0, microsecond=0
    )
    event = Event.objects.create(
        program=program,
        office=office,
        starts_at=starts_at,
        ends_at=starts_at + dt.timedelta(hours=hours),
        address=fields.pop("address", "Rathaus, Marktplatz 1, 70173 Stuttgart"),
        language=Language.objects.get(code=language),
        capacity=capacity,
        status=status,
        **fields,
    )
    EventTranslation.objects.create(event=event, language="de", title=title)
    for code, text in (translations or {}).items():
        EventTranslation.objects.create(event=event, language=code, title=text)
    return event


def make_registration(
    event: Event,
    *,
    name: str = "Amina Yusuf",
    status: str = RegistrationStatus.REGISTERED,
    **fields: Any,
) -> Registration:
    """A row as if registered (no capacity check): for arranging lists, not for testing rules."""
    return Registration.objects.create(
        event=event,
        office=event.office,
        name=name,
        status=status,
        waiting_since=timezone.now() if status == RegistrationStatus.WAITING else None,
        source=fields.pop("source", RegistrationSource.PORTAL),
        consent_at=fields.pop("consent_at", timezone.now()),
        **fields,
    )
