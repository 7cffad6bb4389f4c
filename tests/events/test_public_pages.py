"""The portal's calendar, event and program pages: what the public sees, in their language."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.core.models import TargetGroup
from lotse.events.models import EventStatus, EventTranslation, RegistrationStatus
from tests.directory.factories import LocationFactory, OrganisationFactory
from tests.events.factories import make_event, make_program, make_registration

pytestmark = pytest.mark.django_db

CALENDAR = "/en/events/"


def titles(response: Any) -> list[str]:
    """The event titles of a calendar page, in order."""
    html = response.content.decode()
    return [
        re.sub(r"<[^>]+>", "", match).strip()
        for match in re.findall(r'<h3 class="h5 mb-1"><a [^>]*>(.*?)</a>', html, flags=re.S)
    ]


def test_the_calendar_lists_upcoming_published_events_of_public_programs(client, office_a):
    make_event(office_a, title="Veröffentlicht")
    make_event(office_a, title="Entwurf", status=EventStatus.DRAFT)
    make_event(office_a, title="Vorbei", starts_in=-dt.timedelta(days=2))
    make_event(office_a, title="Abgesagt", status=EventStatus.CANCELLED)
    hidden = make_program(office_a, is_public=False)
    make_event(office_a, program=hidden, title="Intern")
    archived = make_program(office_a, is_archived=True)
    make_event(office_a, program=archived, title="Archiviert")

    response = client.get(CALENDAR)

    assert response.status_code == 200
    assert titles(response) == ["Veröffentlicht", "Abgesagt"]
    assert "This event has been cancelled." in response.content.decode()


def test_an_inactive_offices_events_are_not_shown(client, office_a, office_b):
    make_event(office_b, title="Geschlossenes Büro")
    office_b.is_active = False
    office_b.save()
    assert titles(client.get(CALENDAR)) == []


def test_titles_are_in_the_readers_language_with_a_german_fallback(client, office_a):
    make_event(office_a, title="Informationsabend", translations={"en": "Information Night"})

    assert titles(client.get(CALENDAR)) == ["Information Night"]
    arabic = client.get("/ar/events/").content.decode()
    assert '<span lang="de" dir="ltr">Informationsabend</span>' in arabic


def test_each_item_says_when_where_languages_cost_and_places(client, office_a):
    event = make_event(office_a, capacity=3, address="Rathaus, Marktplatz 1")
    event.interpretation.set(["ar"])
    EventTranslation.objects.filter(event=event).update(cost="5 Euro")
    make_registration(event, name="One")
    make_event(office_a, capacity=None, starts_in=dt.timedelta(days=8))

    html = client.get(CALENDAR).content.decode()

    assert "Rathaus, Marktplatz 1" in html
    assert "German; interpreted into Arabic" in html
    assert "5 Euro" in html and "Free" in html
    assert "2 places left" in html and "Places available" in html
    assert html.count(f'href="/en/events/{event.pk}/register/"') == 1


def test_full_events_say_waiting_list_or_full(client, office_a):
    waiting = make_event(office_a, capacity=1, title="Warteliste")
    full = make_event(office_a, capacity=1, waiting_list=False, title="Voll")
    make_registration(waiting)
    make_registration(full)

    html = client.get(CALENDAR).content.decode()

    assert "You can join the waiting list." in html
    assert f'href="/en/events/{waiting.pk}/register/"' in html
    assert f'href="/en/events/{full.pk}/register/"' not in html
    assert "Full" in html


def test_times_are_in_the_events_time_zone_and_other_zones_are_named(client, office_a):
    start = dt.datetime(2031, 5, 6, 16, 0, tzinfo=dt.UTC)
    make_event(office_a, starts_at=start, time_zone="America/New_York", title="New York")
    make_event(office_a, starts_at=start + dt.timedelta(hours=1), title="Berlin")

    html = client.get(CALENDAR).content.decode()

    assert "May 6, 2031, noon to 2 p.m." in html  # 16:00 UTC is noon in New York (EDT)
    assert "(time in America/New_York)" in html
    assert "May 6, 2031, 7 p.m. to 9 p.m." in html  # 17:00 UTC is 19:00 in Berlin (CEST)
    assert html.count("(time in") == 1


def test_filter_by_program(client, office_a):
    welcome = make_program(office_a, slug="welcome-club", title="Welcome Club")
    make_event(office_a, program=welcome, title="Club")
    make_event(office_a, title="Anderes")

    assert titles(client.get(CALENDAR, {"program": "welcome-club"})) == ["Club"]


def test_filter_by_language_held_in_or_interpreted_into(client, office_a):
    make_event(office_a, title="Englisch", language="en")
    interpreted = make_event(office_a, title="Gedolmetscht", starts_in=dt.timedelta(days=8))
    interpreted.interpretation.set(["en", "ar"])
    make_event(office_a, title="Deutsch", starts_in=dt.timedelta(days=9))

    assert titles(client.get(CALENDAR, {"language": "en"})) == ["Englisch", "Gedolmetscht"]
    assert titles(client.get(CALENDAR, {"language": "ar"})) == ["Gedolmetscht"]


def test_filter_by_target_group(client, office_a):
    students = make_event(office_a, title="Studierende")
    students.target_groups.set(TargetGroup.objects.filter(slug__in=["student", "researcher"]))
    make_event(office_a, title="Alle")

    assert titles(client.get(CALENDAR, {"target_group": "student"})) == ["Studierende"]


def test_filter_by_dates(client, office_a):
    berlin = timezone.get_current_timezone()
    make_event(office_a, title="März", starts_at=dt.datetime(2031, 3, 10, 18, tzinfo=berlin))
    make_event(office_a, title="April", starts_at=dt.datetime(2031, 4, 10, 18, tzinfo=berlin))
    make_event(office_a, title="Mai", starts_at=dt.datetime(2031, 5, 10, 18, tzinfo=berlin))

    found = titles(client.get(CALENDAR, {"date_from": "2031-04-10", "date_to": "2031-05-09"}))
    assert found == ["April"]
    assert titles(client.get(CALENDAR, {"date_to": "2031-03-10"})) == ["März"]


def test_bad_filter_values_are_errors_on_the_form_not_server_errors(client, office_a):
    make_event(office_a, title="Da")

    response = client.get(
        CALENDAR,
        {"program": "nope", "language": "xx", "date_from": "tomorrow", "target_group": "<b>"},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("Choose from the list.") == 3
    assert "Enter a date" in html
    assert titles(response) == ["Da"]  # the valid rest still lists


def test_the_first_date_must_not_come_after_the_second(client, office_a):
    response = client.get(CALENDAR, {"date_from": "2031-05-01", "date_to": "2031-04-01"})
    assert "Choose a date on or after the first date." in response.content.decode()


def test_the_calendar_pages(client, office_a):
    program = make_program(office_a)
    for day in range(25):
        make_event(office_a, program=program, starts_in=dt.timedelta(days=day + 1), title=f"E{day}")

    first = client.get(CALENDAR, {"program": program.slug})
    second = client.get(CALENDAR, {"program": program.slug, "page": "2"})

    assert len(titles(first)) == 20 and len(titles(second)) == 5
    assert titles(second)[0] == "E20"
    assert f"program={program.slug}&amp;page=2" in first.content.decode()
    assert client.get(CALENDAR, {"page": "x"}).status_code == 200


def _events(office, count, program=None):
    program = program or make_program(office)
    for number in range(count):
        event = make_event(office, program=program, starts_in=dt.timedelta(days=number + 1),
                           translations={"en": f"Event {number}"})  # fmt: skip
        event.interpretation.set(["ar"])
        make_registration(event, name=f"P{number}")
    return program


def _count_queries(client, path, params=None):
    client.get(path, params)  # warm up (content types, sessions)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path, params).status_code == 200
    return len(queries.captured_queries)


@pytest.mark.parametrize("params", [None, {"language": "ar", "target_group": "student"}])
def test_the_calendar_needs_the_same_queries_for_3_or_30_events(client, office_a, params):
    program = _events(office_a, 3)
    few = _count_queries(client, CALENDAR, params)
    _events(office_a, 27, program)
    assert _count_queries(client, CALENDAR, params) == few
    assert few <= 12


def test_a_program_page_needs_the_same_queries_for_3_or_30_events(client, office_a):
    program = _events(office_a, 3)
    path = f"/en/events/programs/{program.slug}/"
    few = _count_queries(client, path)
    _events(office_a, 27, program)
    assert _count_queries(client, path) == few


# --- The event page -----------------------------------------------------------------------------


def test_the_event_page_shows_every_detail_in_the_readers_language(client, office_a):
    organisation = OrganisationFactory(owner_office=office_a, name="Stadtbibliothek")
    location = LocationFactory(
        organisation=organisation,
        name="Saal 2",
        street="Mailänder Platz 1",
        postal_code="70173",
        accessibility_notes="Stufenloser Zugang",
    )
    partner = OrganisationFactory(
        owner_office=office_a, name="IQ Netzwerk", website="https://iq.example.org/"
    )
    event = make_event(
        office_a,
        location=location,
        address="",
        online_url="https://meet.example.org/abc",
        capacity=10,
        translations={"en": "Information Night"},
    )
    EventTranslation.objects.filter(event=event, language="en").update(
        summary="Arriving in Stuttgart", description="Residence, work\n\nand housing.", cost=""
    )
    event.interpretation.set(["ar", "uk"])
    event.target_groups.set(TargetGroup.objects.filter(slug="skilled-worker"))
    event.partners.set([partner])

    response = client.get(f"/en/events/{event.pk}/")

    html = response.content.decode()
    assert response.status_code == 200
    for text in (
        "Information Night",
        "Arriving in Stuttgart",
        "<p>and housing.</p>",
        "Saal 2",
        "Stadtbibliothek",
        "Mailänder Platz 1",
        "70173 Stuttgart",
        "Stufenloser Zugang",
        "https://meet.example.org/abc",
        "Arabic, Ukrainian",
        "Skilled worker",
        "Free",
        "IQ Netzwerk",
        "Welcome Center A",
        "10 places left",
        f'href="/en/events/{event.pk}/calendar.ics"',
        f'href="/en/events/{event.pk}/register/"',
        f'href="/en/events/programs/{event.program.slug}/"',
    ):
        assert text in html, text
    # No map, no picture, nothing fetched from elsewhere.
    assert "<iframe" not in html and "<img" not in html and "tile" not in html


def test_a_cancelled_event_says_so_and_takes_no_registration(client, office_a):
    event = make_event(office_a, status=EventStatus.CANCELLED, cancellation_note="Krankheit")

    html = client.get(f"/en/events/{event.pk}/").content.decode()

    assert "This event has been cancelled." in html and "Krankheit" in html
    assert f'href="/en/events/{event.pk}/register/"' not in html


def test_a_series_module_links_its_program_page(client, office_a):
    series = make_program(office_a, is_series=True, slug="pflege", title="Pflege")
    module = make_event(office_a, program=series, module_number=2)

    html = client.get(f"/en/events/{module.pk}/").content.decode()

    assert "Module 2:" in html
    assert "Part of the workshop series" in html and 'href="/en/events/programs/pflege/"' in html


def test_the_registration_window_is_stated(client, office_a):
    later = make_event(
        office_a, registration_opens_at=timezone.now() + dt.timedelta(days=2), title="Später"
    )
    closed = make_event(
        office_a, registration_closes_at=timezone.now() - dt.timedelta(hours=1), title="Zu"
    )

    assert "Registration opens on" in client.get(f"/en/events/{later.pk}/").content.decode()
    assert "Registration is closed." in client.get(f"/en/events/{closed.pk}/").content.decode()


@pytest.mark.parametrize(
    "fields",
    [
        {"status": EventStatus.DRAFT},
        {"program_fields": {"is_public": False}},
        {"program_fields": {"is_archived": True}},
    ],
    ids=["draft", "hidden program", "archived program"],
)
def test_hidden_events_answer_404_on_every_public_page(client, office_a, fields):
    program = make_program(office_a, **fields.pop("program_fields", {}))
    event = make_event(office_a, program=program, **fields)
    for suffix in ("", "register/", "calendar.ics"):
        assert client.get(f"/en/events/{event.pk}/{suffix}").status_code == 404, suffix


def test_another_offices_unpublished_event_answers_404(client, office_a, office_b):
    draft = make_event(office_b, status=EventStatus.DRAFT)
    assert client.get(f"/en/events/{draft.pk}/").status_code == 404
    assert client.get(f"/en/events/{draft.pk}/register/").status_code == 404
    assert client.get("/en/events/999999/").status_code == 404


def test_another_offices_published_event_is_public(client, office_a, office_b):
    event = make_event(office_b, title="Anderswo")
    assert client.get(f"/en/events/{event.pk}/").status_code == 200


def test_the_event_page_needs_few_queries(client, office_a, django_assert_max_num_queries):
    event = make_event(office_a)
    event.interpretation.set(["ar", "uk"])
    event.partners.set([OrganisationFactory(owner_office=office_a)])
    with django_assert_max_num_queries(9):
        assert client.get(f"/en/events/{event.pk}/").status_code == 200


# --- Program pages ------------------------------------------------------------------------------


def test_a_series_page_lists_its_modules_in_order_with_a_booking_form(client, office_a):
    series = make_program(
        office_a, is_series=True, slug="pflege", title="Integration in der Pflege"
    )
    series.translations.update(description="Sechs Module für Arbeitgeber.")
    for number in (3, 1, 2):
        make_event(office_a, program=series, module_number=number, title=f"Modul {number}",
                   starts_in=dt.timedelta(days=7 * number))  # fmt: skip
    make_event(office_a, program=series, module_number=4, status=EventStatus.DRAFT)

    response = client.get("/en/events/programs/pflege/")

    html = response.content.decode()
    assert "Integration in der Pflege" in html and "Sechs Module für Arbeitgeber." in html
    assert titles(response) == ["Module 1: Modul 1", "Module 2: Modul 2", "Module 3: Modul 3"]
    assert html.count('name="modules"') == 3 and html.count("checked") == 3
    assert 'action="/en/events/programs/pflege/register/"' in html
    assert 'href="/en/events/programs/pflege/calendar.ics"' in html


def test_a_program_page_shows_upcoming_and_recent_dates(client, office_a):
    club = make_program(office_a, slug="welcome-club", title="Welcome Club")
    make_event(office_a, program=club, title="Nächstes Mal")
    make_event(office_a, program=club, title="Letztes Mal", starts_in=-dt.timedelta(days=7))
    make_event(office_a, program=club, title="Lange her", starts_in=-dt.timedelta(days=200))

    response = client.get("/en/events/programs/welcome-club/")

    assert titles(response) == ["Nächstes Mal", "Letztes Mal"]
    assert 'name="modules"' not in response.content.decode()


def test_hidden_programs_answer_404(client, office_a):
    make_program(office_a, slug="intern", is_public=False)
    make_program(office_a, slug="alt", is_archived=True)
    for slug in ("intern", "alt", "gibt-es-nicht"):
        assert client.get(f"/en/events/programs/{slug}/").status_code == 404


def test_a_series_without_bookable_modules_says_so(client, office_a):
    series = make_program(office_a, is_series=True, slug="voll")
    module = make_event(office_a, program=series, module_number=1, capacity=1, waiting_list=False)
    make_registration(module, status=RegistrationStatus.REGISTERED)

    html = client.get("/en/events/programs/voll/").content.decode()

    assert "No module of this series can be booked at the moment." in html
    assert 'name="modules"' not in html


# --- The portal's home page ---------------------------------------------------------------------


def test_the_home_page_shows_the_next_events_and_links_the_calendar(client, office_a):
    make_event(office_a, title="Informationsabend", translations={"en": "Information Night"})
    make_event(office_a, title="Entwurf", status=EventStatus.DRAFT)

    html = client.get("/en/").content.decode()

    assert "Information Night" in html and "Entwurf" not in html
    assert 'href="/en/events/"' in html
