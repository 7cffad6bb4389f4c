"""Tandems: the list with its alerts, the agreement, check-ins and the end of a tandem, who may
reach them, and query bounds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.core.models import AuditEntry, Office, Role, User
from lotse.sponsorship import services_matching
from lotse.sponsorship.models import (
    CheckIn,
    RequestStatus,
    SponsorshipRequest,
    Tandem,
    TandemStatus,
    Volunteer,
)
from lotse.sponsorship.selectors_matching import NO_CONTACT_ALERT_DAYS
from tests.conftest import login, member
from tests.sponsorship.test_matching_views import make_request, make_volunteer

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)
LIST_URL = "/staff/sponsorship/tandems/"


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def coordinator(office_a: Office) -> User:
    return member(office_a, Role.SPONSOR_COORDINATOR, "coordinator-a")


def make_tandem(
    office: Office,
    *,
    volunteer: Volunteer | None = None,
    name: str = "Amira",
    **fields: Any,
) -> Tandem:
    volunteer = volunteer or make_volunteer(office, qualified=False)
    request = make_request(office, name=name, status=RequestStatus.MATCHED)
    values: dict[str, Any] = {"started_on": TODAY - dt.timedelta(days=10)}
    values.update(fields)
    return Tandem.objects.create(
        office=office, request=request, volunteer=volunteer, person=request.person, **values
    )


def url(tandem: Tandem, action: str = "") -> str:
    return f"/staff/sponsorship/tandems/{tandem.pk}/{action}"


# --- List and alerts ------------------------------------------------------------------------------


def test_list_flags_overdue_check_ins_and_long_silence(
    client: Client, office_a: Office, coordinator: User
) -> None:
    fine = make_tandem(office_a, name="Fine", last_contact_on=TODAY - dt.timedelta(days=3))
    overdue = make_tandem(
        office_a,
        name="Overdue",
        started_on=TODAY - dt.timedelta(days=40),
        last_contact_on=TODAY - dt.timedelta(days=5),
    )
    silent = make_tandem(
        office_a,
        name="Silent",
        started_on=TODAY - dt.timedelta(days=100),
        check_in_every_days=365,
        last_contact_on=TODAY - dt.timedelta(days=NO_CONTACT_ALERT_DAYS + 8),
    )
    make_tandem(office_a, name="Ended", status=TandemStatus.ENDED)
    login(client, coordinator)
    body = client.get(LIST_URL).content.decode()
    assert "Fine" in body and "Overdue" in body and "Silent" in body
    assert "Ended" not in body
    assert body.count("Check-in overdue</span>") == 1
    assert f"No contact for {NO_CONTACT_ALERT_DAYS + 8} days" in body
    # Those needing attention come first.
    assert body.index("Overdue") < body.index("Fine") and body.index("Silent") < body.index("Fine")

    overdue_only = client.get(LIST_URL, {"alert": "check_in"}).content.decode()
    assert ">Overdue<" in overdue_only
    assert ">Fine<" not in overdue_only and ">Silent<" not in overdue_only
    silent_only = client.get(LIST_URL, {"alert": "no_contact"}).content.decode()
    assert ">Silent<" in silent_only and ">Overdue<" not in silent_only
    del fine, overdue, silent


def test_a_check_in_with_contact_clears_both_alerts(
    client: Client, office_a: Office, coordinator: User
) -> None:
    tandem = make_tandem(office_a, name="Overdue", started_on=TODAY - dt.timedelta(days=60))
    login(client, coordinator)
    assert ">Overdue<" in client.get(LIST_URL, {"alert": "check_in"}).content.decode()
    assert ">Overdue<" in client.get(LIST_URL, {"alert": "no_contact"}).content.decode()
    response = client.post(
        url(tandem, "check-ins/"),
        {"on": "2026-03-09", "mood": "good", "had_contact": "on", "note": "Met at the library"},
    )
    assert response.status_code == 302
    tandem.refresh_from_db()
    assert tandem.last_contact_on == dt.date(2026, 3, 9)
    assert CheckIn.objects.get().recorded_by == coordinator
    assert ">Overdue<" not in client.get(LIST_URL, {"alert": "check_in"}).content.decode()
    assert ">Overdue<" not in client.get(LIST_URL, {"alert": "no_contact"}).content.decode()
    assert AuditEntry.objects.filter(action="sponsorship.tandem.checked_in").exists()


def test_a_check_in_without_contact_keeps_the_last_contact(
    client: Client, office_a: Office, coordinator: User
) -> None:
    tandem = make_tandem(office_a, last_contact_on=TODAY - dt.timedelta(days=8))
    login(client, coordinator).post(
        url(tandem, "check-ins/"), {"on": "2026-03-10", "mood": "difficult"}
    )
    tandem.refresh_from_db()
    assert tandem.last_contact_on == TODAY - dt.timedelta(days=8)
    assert CheckIn.objects.get().had_contact is False


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"on": "2026-03-11", "mood": "good"}, "This date lies in the future."),
        ({"on": "2026-02-01", "mood": "good"}, "cannot come before the tandem started"),
        ({"on": "2026-02-30", "mood": "good"}, "Enter a valid date."),
        ({"on": "2026-03-09", "mood": ""}, "This field is required."),
    ],
)
def test_a_bad_check_in_is_refused(
    client: Client, office_a: Office, coordinator: User, data: dict[str, str], message: str
) -> None:
    tandem = make_tandem(office_a)
    response = login(client, coordinator).post(url(tandem, "check-ins/"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not CheckIn.objects.exists()
    tandem.refresh_from_db()
    assert tandem.last_contact_on is None


# --- Detail and agreement -------------------------------------------------------------------------


def test_detail_shows_both_sides_and_the_check_ins(
    client: Client, office_a: Office, coordinator: User
) -> None:
    volunteer = make_volunteer(office_a, qualified=False, first_name="Greta", last_name="Hilf")
    tandem = make_tandem(office_a, volunteer=volunteer, name="Amira", agreement="Weekly walks")
    CheckIn.objects.create(tandem=tandem, on=TODAY, mood="ok", note="Zzcheck note")
    body = login(client, coordinator).get(url(tandem)).content.decode()
    assert "Amira" in body and "Greta Hilf" in body
    assert "Arabic" in body  # the request's language, by name
    assert "Weekly walks" in body and "Zzcheck note" in body


def test_agreement_is_saved(client: Client, office_a: Office, coordinator: User) -> None:
    tandem = make_tandem(office_a)
    response = login(client, coordinator).post(
        url(tandem, "agreement/"),
        {
            "agreement": "Meet every Tuesday",
            "expected_duration": "six months",
            "usual_places": "Library",
            "check_in_every_days": "14",
        },
    )
    assert response.status_code == 302
    tandem.refresh_from_db()
    assert tandem.agreement == "Meet every Tuesday"
    assert tandem.usual_places == "Library"
    assert tandem.check_in_every_days == 14
    entry = AuditEntry.objects.get(action="sponsorship.tandem.updated")
    assert "agreement" in entry.data["fields"]


def test_a_too_short_check_in_interval_is_refused(
    client: Client, office_a: Office, coordinator: User
) -> None:
    tandem = make_tandem(office_a)
    response = login(client, coordinator).post(
        url(tandem, "agreement/"), {"agreement": "x", "check_in_every_days": "3"}
    )
    assert response.status_code == 200
    tandem.refresh_from_db()
    assert tandem.check_in_every_days == 30 and tandem.agreement == ""


# --- Ending ---------------------------------------------------------------------------------------


def test_ending_frees_the_volunteer_and_closes_the_request(
    client: Client, office_a: Office, coordinator: User
) -> None:
    volunteer = make_volunteer(office_a, max_tandems=1)
    tandem = make_tandem(office_a, volunteer=volunteer)
    waiting = make_request(office_a, name="Bashir")
    assert services_matching.run(office=office_a, by=coordinator) == []
    response = login(client, coordinator).post(
        url(tandem, "end/"),
        {
            "ended_on": "2026-03-09",
            "end_reason": "goal_reached",
            "feedback_newcomer": "Thank you",
            "feedback_volunteer": "",
        },
    )
    assert response.status_code == 302
    tandem.refresh_from_db()
    assert tandem.status == TandemStatus.ENDED and tandem.ended_on == dt.date(2026, 3, 9)
    assert tandem.feedback_newcomer == "Thank you"
    assert SponsorshipRequest.objects.get(pk=tandem.request_id).status == RequestStatus.CLOSED
    (proposal,) = services_matching.run(office=office_a, by=coordinator)
    assert (proposal.request_id, proposal.volunteer_id) == (waiting.pk, volunteer.pk)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"ended_on": "2026-03-09", "end_reason": ""}, "This field is required."),
        ({"ended_on": "2026-03-12", "end_reason": "moved"}, "This date lies in the future."),
        ({"ended_on": "2026-01-01", "end_reason": "moved"}, "cannot end before it started"),
        ({"ended_on": "", "end_reason": "moved"}, "This field is required."),
    ],
)
def test_a_bad_end_is_refused(
    client: Client, office_a: Office, coordinator: User, data: dict[str, str], message: str
) -> None:
    tandem = make_tandem(office_a)
    response = login(client, coordinator).post(url(tandem, "end/"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    tandem.refresh_from_db()
    assert tandem.status == TandemStatus.ACTIVE and tandem.ended_on is None


def test_service_requires_an_end_reason(office_a: Office, coordinator: User) -> None:
    tandem = make_tandem(office_a)
    with pytest.raises(Exception, match="Say why the tandem ended"):
        services_matching.tandem_end(
            office=office_a, by=coordinator, tandem=tandem, ended_on=TODAY, end_reason=""
        )


def test_an_ended_tandem_takes_no_check_ins(
    client: Client, office_a: Office, coordinator: User
) -> None:
    tandem = make_tandem(office_a, status=TandemStatus.ENDED, ended_on=TODAY)
    response = login(client, coordinator).post(
        url(tandem, "check-ins/"), {"on": "2026-03-10", "mood": "good"}
    )
    assert response.status_code == 200
    assert "This tandem has ended." in response.content.decode()
    assert not CheckIn.objects.exists()


# --- Access and bounds ----------------------------------------------------------------------------


def test_pages_refuse_a_counselor(client: Client, office_a: Office, counselor: User) -> None:
    tandem = make_tandem(office_a)
    login(client, counselor)
    assert client.get(LIST_URL).status_code == 403
    assert client.get(url(tandem)).status_code == 403
    for action in ("agreement/", "check-ins/", "end/"):
        assert client.post(url(tandem, action)).status_code == 403


def test_another_offices_tandem_is_not_found(
    client: Client, office_a: Office, outsider: User
) -> None:
    tandem = make_tandem(office_a, name="Zzhidden")
    login(client, outsider)
    assert client.get(url(tandem)).status_code == 404
    for action in ("agreement/", "check-ins/", "end/"):
        response = client.post(
            url(tandem, action),
            {"on": "2026-03-10", "mood": "good", "ended_on": "2026-03-10", "end_reason": "moved"},
        )
        assert response.status_code == 404
    assert "Zzhidden" not in client.get(LIST_URL).content.decode()
    tandem.refresh_from_db()
    assert tandem.status == TandemStatus.ACTIVE and not CheckIn.objects.exists()


def test_list_and_detail_queries_are_bounded(
    client: Client, office_a: Office, coordinator: User
) -> None:
    def measure(count: int) -> tuple[int, int]:
        for number in range(count):
            tandem = make_tandem(office_a, name=f"Person {number}")
            CheckIn.objects.create(tandem=tandem, on=TODAY, mood="ok")
        tandem = Tandem.objects.first()
        assert tandem is not None
        for _number in range(count):
            CheckIn.objects.create(tandem=tandem, on=TODAY, mood="ok")
        with CaptureQueriesContext(connection) as listing:
            assert client.get(LIST_URL).status_code == 200
        with CaptureQueriesContext(connection) as detail:
            assert client.get(url(tandem)).status_code == 200
        return len(listing), len(detail)

    login(client, coordinator).get(LIST_URL)  # caches (session, taxonomy names) warm up
    few = measure(3)
    many = measure(27)
    assert many == few
