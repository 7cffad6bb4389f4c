"""Capacity is exact under concurrency: many simultaneous registrations on real PostgreSQL."""

from __future__ import annotations

import threading

import pytest
from django.db import connection
from django.utils import timezone
from django_scopes import scopes_disabled

from lotse.events import services
from lotse.events.models import Registration, RegistrationStatus
from tests.events.factories import make_event

CLIENTS = 50  # below PostgreSQL's default of 100 connections, with room for the test itself
EACH = 4


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need PostgreSQL")
def test_200_simultaneous_registrations_for_50_places(office_a):
    event = make_event(office_a, capacity=50)
    start = threading.Barrier(CLIENTS)
    errors: list[BaseException] = []

    def client(index: int) -> None:
        try:
            start.wait()
            for n in range(EACH):
                with scopes_disabled():  # a thread starts without the test's context
                    services.register(
                        event=event,
                        name=f"Person {index}-{n}",
                        email=f"p{index}-{n}@example.org",
                        language="en",
                        consent_at=timezone.now(),
                    )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection; the teardown drops the db

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    statuses = list(Registration.objects.filter(event=event).values_list("status", flat=True))
    assert len(statuses) == CLIENTS * EACH  # no registration lost
    assert statuses.count(RegistrationStatus.REGISTERED) == 50
    assert statuses.count(RegistrationStatus.WAITING) == 150
    assert connection.vendor == "postgresql"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need PostgreSQL")
def test_simultaneous_cancellations_promote_each_waiting_person_once(office_a):
    event = make_event(office_a, capacity=10)
    people = [
        services.register(event=event, name=f"P{i}", email=f"p{i}@example.org",
                          language="en", consent_at=timezone.now())
        for i in range(30)
    ]  # fmt: skip
    holders = [p for p in people if p.status == RegistrationStatus.REGISTERED]
    start = threading.Barrier(len(holders))
    errors: list[BaseException] = []

    def cancel(registration: Registration) -> None:
        try:
            start.wait()
            with scopes_disabled():
                services.cancel_registration(registration=registration)
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=cancel, args=(r,)) for r in holders]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert not errors
    rows = Registration.objects.filter(event=event)
    assert rows.filter(status=RegistrationStatus.REGISTERED).count() == 10
    assert rows.filter(status=RegistrationStatus.WAITING).count() == 10
    # The waiting list moved up in order: the earliest waiting ten hold the places now.
    promoted = sorted(
        rows.filter(status=RegistrationStatus.REGISTERED).values_list("pk", flat=True)
    )
    assert promoted == sorted(p.pk for p in people[10:20])
