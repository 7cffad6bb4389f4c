"""The certificates page of a workshop series and the PDF download."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from lotse.core.models import Role
from lotse.events.models import RegistrationStatus
from tests.conftest import login, member
from tests.events.factories import make_event, make_program, make_registration

pytestmark = pytest.mark.django_db

ATTENDED = RegistrationStatus.ATTENDED


@pytest.fixture
def manager(office_a):
    return member(office_a, Role.EVENT_MANAGER, "manager")


def _series(office, modules=2):
    program = make_program(office, is_series=True, title="Integrationsmanagement in der Pflege")
    events = [
        make_event(office, program=program, module_number=n, title=f"Modul {n}",
                   starts_in=dt.timedelta(days=-20 + n))
        for n in range(1, modules + 1)
    ]  # fmt: skip
    return program, events


def _list(program):
    return reverse("events:certificate-list", kwargs={"program_id": program.pk})


def _pdf(program, registration):
    return reverse(
        "events:certificate-pdf",
        kwargs={"program_id": program.pk, "registration_id": registration.pk},
    )


def test_the_list_shows_progress_and_links_complete_ones(client, manager, office_a):
    program, (one, two) = _series(office_a)
    done = [make_registration(e, name="Eva Schmidt", email="eva@example.org", status=ATTENDED)
            for e in (one, two)]  # fmt: skip
    make_registration(one, name="Jonas Weber", email="jonas@example.org", status=ATTENDED)
    make_registration(two, name="Jonas Weber", email="jonas@example.org", status="no_show")
    response = login(client, manager).get(_list(program))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Eva Schmidt" in html and "Jonas Weber" in html
    assert "2 of 2" in html and "1 of 2" in html
    assert _pdf(program, done[0]) in html
    assert html.count("Certificate (PDF)") == 1


def test_the_certificate_is_a_pdf_download(client, manager, office_a):
    program, events = _series(office_a)
    rows = [make_registration(e, name="Eva Schmidt", email="eva@example.org", status=ATTENDED)
            for e in events]  # fmt: skip
    response = login(client, manager).get(_pdf(program, rows[1]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;") and "eva-schmidt.pdf" in disposition


def test_an_incomplete_series_gets_no_certificate(client, manager, office_a):
    program, (one, _two) = _series(office_a)
    row = make_registration(one, name="Jonas Weber", email="jonas@example.org", status=ATTENDED)
    response = login(client, manager).get(_pdf(program, row))
    assert response.status_code == 409
    html = response.content.decode()
    assert "The series is not completed yet." in html and "attended 1 of the 2" in html


def test_a_program_that_is_not_a_series_has_no_certificates(client, manager, office_a):
    program = make_program(office_a)
    event = make_event(office_a, program=program, starts_in=dt.timedelta(days=-1))
    row = make_registration(event, status=ATTENDED)
    login(client, manager)
    response = client.get(_list(program))
    assert response.status_code == 200 and "is not a series" in response.content.decode()
    assert client.get(_pdf(program, row)).status_code == 404


def test_counselors_may_not_see_certificates(client, counselor, office_a):
    program, events = _series(office_a)
    row = make_registration(events[0], status=ATTENDED)
    login(client, counselor)
    assert client.get(_list(program)).status_code == 403
    assert client.get(_pdf(program, row)).status_code == 403


def test_another_offices_series_or_another_series_registration_is_not_found(
    client, manager, office_a, office_b
):
    theirs, their_events = _series(office_b)
    their_rows = [make_registration(e, email="x@example.org", status=ATTENDED)
                  for e in their_events]  # fmt: skip
    ours, _our_events = _series(office_a)
    other, other_events = _series(office_a)
    other_rows = [make_registration(e, email="y@example.org", status=ATTENDED)
                  for e in other_events]  # fmt: skip
    login(client, manager)
    assert client.get(_list(theirs)).status_code == 404
    assert client.get(_pdf(theirs, their_rows[0])).status_code == 404
    assert client.get(_pdf(ours, their_rows[0])).status_code == 404
    assert client.get(_pdf(ours, other_rows[0])).status_code == 404
    assert client.get(_pdf(other, other_rows[0])).status_code == 200
