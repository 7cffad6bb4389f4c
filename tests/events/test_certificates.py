"""Certificates of participation for a completed workshop series."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from lotse.directory.models import Organisation
from lotse.events import certificates
from lotse.events.models import RegistrationStatus
from tests.events.factories import make_event, make_program, make_registration

pytestmark = pytest.mark.django_db


def _series(office, modules=3, **fields):
    program = make_program(office, is_series=True, title="Integrationsmanagement in der Pflege",
                           **fields)  # fmt: skip
    events = [
        make_event(office, program=program, module_number=n, title=f"Modul {n}",
                   starts_in=dt.timedelta(days=-30 + n))
        for n in range(1, modules + 1)
    ]  # fmt: skip
    return program, events


def test_attending_every_module_completes_the_series(office_a):
    program, events = _series(office_a)
    partner = Organisation.objects.create(owner_office=office_a, name="IQ Netzwerk", kind="other")
    events[1].partners.add(partner)
    rows = [
        make_registration(event, name="Eva Schmidt", email="eva@example.org",
                          status=RegistrationStatus.ATTENDED)
        for event in events
    ]  # fmt: skip
    item = certificates.progress(rows[2])
    assert item.complete and [e.module_number for e in item.attended] == [1, 2, 3]
    pdf = certificates.certificate_pdf(rows[0])
    assert pdf.startswith(b"%PDF")
    assert [p.registration.name for p in certificates.participants(program)] == ["Eva Schmidt"]


def test_a_missed_module_means_no_certificate_unless_the_program_allows(office_a):
    program, events = _series(office_a)
    make_registration(events[0], email="eva@example.org", status=RegistrationStatus.ATTENDED)
    last = make_registration(events[1], email="eva@example.org", status=RegistrationStatus.ATTENDED)
    make_registration(events[2], email="eva@example.org", status=RegistrationStatus.NO_SHOW)
    assert not certificates.progress(last).complete
    with pytest.raises(ValidationError):
        certificates.certificate_pdf(last)
    program.certificate_min_modules = 2
    program.save()
    last.refresh_from_db()
    assert certificates.progress(last).complete
