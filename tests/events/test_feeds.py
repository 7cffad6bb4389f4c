"""iCalendar files on the portal: one event, and a feed per program."""

from __future__ import annotations

import datetime as dt

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.events.models import EventStatus, EventTranslation
from tests.events.factories import make_event, make_program

pytestmark = pytest.mark.django_db


def parse(response) -> icalendar.Calendar:
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"].startswith("inline; filename=")
    assert response["Content-Disposition"].endswith('.ics"')
    return icalendar.Calendar.from_ical(response.content.decode())


def events_of(calendar: icalendar.Calendar) -> list[icalendar.Event]:
    return list(calendar.walk("VEVENT"))


def test_an_events_calendar_file_in_the_readers_language(client, office_a):
    event = make_event(
        office_a, title="Informationsabend", translations={"en": "Information Night"},
        time_zone="America/New_York", online_url="https://meet.example.org/x",
    )  # fmt: skip

    calendar = parse(client.get(f"/en/events/{event.pk}/calendar.ics"))

    (entry,) = events_of(calendar)
    assert str(entry["SUMMARY"]) == "Information Night"
    assert entry.decoded("DTSTART") == event.local_start
    assert str(entry.decoded("DTSTART").tzinfo) == "America/New_York"
    assert str(entry["STATUS"]) == "CONFIRMED"
    assert str(entry["URL"]) == f"http://testserver/en/events/{event.pk}/"
    assert "Rathaus" in str(entry["LOCATION"])
    german = events_of(parse(client.get(f"/de/events/{event.pk}/calendar.ics")))[0]
    assert str(german["SUMMARY"]) == "Informationsabend"


def test_a_cancelled_event_is_marked_cancelled(client, office_a):
    event = make_event(office_a, status=EventStatus.CANCELLED)
    (entry,) = events_of(parse(client.get(f"/en/events/{event.pk}/calendar.ics")))
    assert str(entry["STATUS"]) == "CANCELLED"


def test_the_program_feed_has_its_upcoming_and_recent_published_events(client, office_a):
    program = make_program(office_a, slug="welcome-club", title="Welcome Club")
    next_week = make_event(office_a, program=program, title="Nächste Woche")
    last_month = make_event(office_a, program=program, title="Letzter Monat",
                            starts_in=-dt.timedelta(days=30))  # fmt: skip
    cancelled = make_event(
        office_a,
        program=program,
        title="Abgesagt",
        status=EventStatus.CANCELLED,
        starts_in=dt.timedelta(days=14),
    )
    make_event(office_a, program=program, title="Lange her", starts_in=-dt.timedelta(days=120))
    make_event(office_a, program=program, title="Entwurf", status=EventStatus.DRAFT)
    make_event(office_a, title="Anderes Programm")

    response = client.get("/en/events/programs/welcome-club/calendar.ics")

    calendar = parse(response)
    assert response["Content-Disposition"] == 'inline; filename="welcome-club.ics"'
    assert str(calendar["X-WR-CALNAME"]) == "Welcome Club"
    entries = {str(entry["SUMMARY"]): entry for entry in events_of(calendar)}
    assert set(entries) == {"Letzter Monat", "Nächste Woche", "Abgesagt"}
    assert str(entries["Abgesagt"]["STATUS"]) == "CANCELLED"
    uids = {str(entry["UID"]) for entry in entries.values()}
    assert uids == {f"event-{e.pk}@testserver" for e in (next_week, last_month, cancelled)}


@pytest.mark.parametrize("fields", [{"is_public": False}, {"is_archived": True}])
def test_hidden_programs_have_no_feed(client, office_a, fields):
    make_program(office_a, slug="intern", **fields)
    assert client.get("/en/events/programs/intern/calendar.ics").status_code == 404
    assert client.get("/en/events/programs/nothing/calendar.ics").status_code == 404


def test_a_draft_has_no_calendar_file(client, office_a, office_b):
    for office in (office_a, office_b):
        draft = make_event(office, status=EventStatus.DRAFT)
        assert client.get(f"/en/events/{draft.pk}/calendar.ics").status_code == 404


def test_the_feed_needs_the_same_queries_for_3_or_30_events(client, office_a):
    program = make_program(office_a, slug="many")

    def add(count: int) -> None:
        for number in range(count):
            event = make_event(office_a, program=program, starts_in=dt.timedelta(days=number + 1))
            EventTranslation.objects.create(event=event, language="en", title=f"E{number}")

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            parse(client.get("/en/events/programs/many/calendar.ics"))
        return len(captured.captured_queries)

    add(3)
    few = queries()
    add(27)
    assert queries() == few
