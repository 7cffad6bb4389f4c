"""Registering, the waiting list and moving up: the rules of `events.services`."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from lotse.events import services
from lotse.events.models import EventStatus, Registration, RegistrationSource, RegistrationStatus
from tests.events.factories import make_event, make_program

pytestmark = pytest.mark.django_db


def _register(event, name, email=None, **fields):
    return services.register(
        event=event,
        name=name,
        email=email if email is not None else f"{name.lower()}@example.org",
        language=fields.pop("language", "en"),
        consent_at=timezone.now(),
        **fields,
    )


def test_places_then_waiting_list_then_moving_up(office_a, django_capture_on_commit_callbacks):
    event = make_event(office_a, capacity=2)
    with django_capture_on_commit_callbacks(execute=True):
        first = _register(event, "Ana")
        _register(event, "Ben")
        third = _register(event, "Cem")
        fourth = _register(event, "Dana")
    assert [first.status, third.status, fourth.status] == ["registered", "waiting", "waiting"]
    assert [m.to for m in mail.outbox] == [
        ["ana@example.org"],
        ["ben@example.org"],
        ["cem@example.org"],
        ["dana@example.org"],
    ]
    assert mail.outbox[0].attachments[0][0] == "event.ics"
    assert "BEGIN:VEVENT" in mail.outbox[0].attachments[0][1]
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        promoted = services.cancel_registration(registration=first)
    assert [r.pk for r in promoted] == [third.pk]
    third.refresh_from_db()
    assert third.status == RegistrationStatus.REGISTERED and third.promoted_at
    assert sorted(m.to[0] for m in mail.outbox) == ["ana@example.org", "cem@example.org"]
    assert services.cancel_registration(registration=first) == []  # twice changes nothing


def test_same_email_twice_is_refused_and_saves_nothing(office_a):
    event = make_event(office_a)
    _register(event, "Ana", email="ana@example.org")
    with pytest.raises(ValidationError) as error:
        _register(event, "Ana again", email="ANA@example.org")
    assert "email" in error.value.message_dict
    assert Registration.objects.filter(event=event).count() == 1


def test_closed_and_cancelled_events_refuse(office_a):
    past = make_event(office_a, starts_in=-dt.timedelta(hours=1))
    with pytest.raises(ValidationError):
        _register(past, "Ana")
    cancelled = make_event(office_a, status=EventStatus.CANCELLED)
    with pytest.raises(ValidationError):
        _register(cancelled, "Ana")
    assert not Registration.objects.exists()


def test_series_booking_is_all_or_nothing(office_a):
    program = make_program(office_a, is_series=True, title="Integrationsmanagement in der Pflege")
    modules = [make_event(office_a, program=program, module_number=n, capacity=5,
                          starts_in=dt.timedelta(days=7 * n)) for n in range(1, 4)]  # fmt: skip
    registrations = services.register_series(
        program=program, events=modules, name="Eva", email="eva@example.org",
        language="de", consent_at=timezone.now(),
    )  # fmt: skip
    assert len({r.series_key for r in registrations}) == 1
    modules[2].status = EventStatus.CANCELLED
    modules[2].save()
    with pytest.raises(ValidationError):
        services.register_series(
            program=program, events=modules, name="Fritz", email="f@example.org",
            language="de", consent_at=timezone.now(),
        )  # fmt: skip
    assert not Registration.objects.filter(name="Fritz").exists()


def test_door_registration_is_attended_at_once(office_a, counselor):
    event = make_event(office_a, capacity=1, starts_in=dt.timedelta(minutes=10))
    _register(event, "Ana")
    walk_in = services.register(
        event=event, name="Walk-in", source=RegistrationSource.DOOR, by=counselor,
        admit_over_capacity=True, consent_at=timezone.now(),
    )  # fmt: skip
    assert walk_in.status == RegistrationStatus.ATTENDED and walk_in.checked_in_at


def test_the_confirmation_gives_the_time_in_the_events_own_zone(
    office_a, django_capture_on_commit_callbacks, time_machine
):
    time_machine.move_to(dt.datetime(2026, 11, 21, 12, 0, tzinfo=dt.UTC))
    starts = dt.datetime(2026, 12, 3, 17, 0, tzinfo=dt.UTC)  # 18:00 in Berlin, 19:00 in Kyiv
    event = make_event(office_a, starts_at=starts, time_zone="Europe/Kyiv")
    with django_capture_on_commit_callbacks(execute=True):
        _register(event, "Olena", language="de")
    body = mail.outbox[0].body
    assert "Donnerstag, 3. Dezember 2026, 19:00–21:00 (Europe/Kyiv)" in body
