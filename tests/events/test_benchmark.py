"""The registration benchmark, run tiny on the test database, so it cannot rot."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from lotse.core.benchmarks import BenchOptions, discover, format_report
from lotse.core.models import Office
from lotse.events.benchmarks import BENCH_SLUG, COLUMNS, form_data, registration
from lotse.events.models import Event, Registration, RegistrationStatus
from tests.events.factories import make_event


@pytest.mark.django_db(transaction=True)
def test_the_benchmark_reports_throughput_and_exact_capacity_and_cleans_up() -> None:
    assert discover()["events-registration"] is registration

    report = registration(
        BenchOptions(timeout=60, warmup=0),
        capacity=5,
        registrations=12,
        clients=(3,),
        http_variant=False,
    )
    lines = format_report(report)

    assert lines[0].startswith("events registration (one popular event), ")
    assert lines[0].endswith("capacity 5, 12 registrations per run")
    assert lines[1].split() == [word for column in COLUMNS for word in column.split()]
    (row,) = report.rows
    variant, clients, saved, errors, seconds, per_second, p50, p95, held, waiting, exact = row
    assert variant == "in-process"
    assert clients == ("3" if connection.vendor == "postgresql" else "1")
    assert (saved, errors, held, waiting, exact) == ("12", "0", "5", "7", "yes")
    assert float(seconds) > 0 and float(per_second) > 0
    assert 0 < float(p50) <= float(p95)
    assert report.notes[0].startswith("exact: yes")
    if connection.vendor != "postgresql":
        assert any("need PostgreSQL" in note for note in report.notes)
    # Its own data is gone again.
    assert not Office.objects.filter(slug=BENCH_SLUG).exists()
    assert not Event.objects.exists() and not Registration.objects.exists()


@pytest.mark.django_db
def test_the_http_variants_form_data_registers_on_the_portal(
    client: Client, office_a: Office
) -> None:
    event = make_event(office_a, capacity=1)
    url = f"/en/events/{event.pk}/register/"
    assert client.get(url).status_code == 200
    for email in ("first@bench.lotse.example", "second@bench.lotse.example"):
        response = client.post(url, form_data(email=email, token="unused-without-csrf-checks"))
        assert response.status_code == 302, response.content.decode()[:2000]
    statuses = list(
        Registration.objects.filter(event=event).order_by("id").values_list("status", flat=True)
    )
    assert statuses == [RegistrationStatus.REGISTERED, RegistrationStatus.WAITING]
