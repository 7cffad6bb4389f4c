"""The event manager's event pages: the list, the calendar, creating and editing, texts in other
languages, the event's page, publishing, copying and cancelling; who may see them; query bounds."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.core.models import AuditEntry, Office, Role, TargetGroup, User
from lotse.events.models import (
    Event,
    EventStatus,
    EventTranslation,
    Feedback,
    ProgramKind,
    RegistrationStatus,
)
from tests.conftest import login, member
from tests.directory.factories import LocationFactory, OrganisationFactory
from tests.events.factories import make_event, make_program, make_registration

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
LIST_URL = "/staff/events/"
CALENDAR_URL = "/staff/events/calendar/"
NEW_URL = "/staff/events/new/"


@pytest.fixture(autouse=True)
def _now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def manager(office_a: Office) -> User:
    return member(office_a, Role.EVENT_MANAGER, "manager")


def url(event: Event, action: str = "") -> str:
    return f"/staff/events/{event.pk}/{action}"


def form_data(program: Any, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "program": program.pk,
        "module_number": "",
        "title": "Informationsabend: Anerkennung",
        "summary": "Wie wird mein Abschluss anerkannt?",
        "description": "Mit der IQ-Beratung.",
        "cost": "",
        "starts_at": "2026-04-15T18:00",
        "ends_at": "2026-04-15T20:00",
        "time_zone": "Europe/Berlin",
        "location": "",
        "address": "Rathaus, Marktplatz 1, 70173 Stuttgart",
        "online_url": "",
        "language": "de",
        "interpretation": ["ar", "uk"],
        "target_groups": [TargetGroup.objects.get(slug="skilled-worker").pk],
        "partners": [],
        "capacity": "30",
        "waiting_list": "on",
        "registration_opens_at": "",
        "registration_closes_at": "",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


# --- The list -----------------------------------------------------------------------------------


def test_the_list_shows_upcoming_events_with_places_waiting_status_and_warnings(
    client: Client, office_a: Office, manager: User
) -> None:
    program = make_program(office_a, title="Informationsabende")
    event = make_event(office_a, program=program, title="Ankommen in Stuttgart", capacity=2)
    event.interpretation.set(["ar"])
    make_registration(event, name="Ana")
    make_registration(event, name="Ben")
    make_registration(event, name="Cem", status=RegistrationStatus.WAITING)
    make_registration(event, name="Dana", status=RegistrationStatus.CANCELLED)
    make_event(office_a, program=program, title="Längst vorbei", starts_in=-dt.timedelta(days=3))
    make_event(office_a, title="Noch ein Entwurf", status=EventStatus.DRAFT)

    page = login(client, manager).get(LIST_URL)

    assert page.status_code == 200
    html = page.content.decode()
    assert "Ankommen in Stuttgart" in html and "Noch ein Entwurf" in html
    assert "Längst vorbei" not in html
    row = html[html.index("Ankommen in Stuttgart") :]
    row = row[: row.index("</tr>")]
    assert "Informationsabende" in row
    assert "2 of 2" in row and "Full" in row
    assert ">1</td>" in row  # one waiting
    assert "Published" in row
    assert "1 warning" in row  # Arabic announced, no interpreter
    assert 'href="/staff/events/new/"' in html
    assert 'href="/staff/events/calendar/"' in html


def test_the_list_shows_the_time_on_the_events_own_clocks(
    client: Client, office_a: Office, manager: User
) -> None:
    starts = dt.datetime(2026, 3, 20, 18, 30, tzinfo=zoneinfo.ZoneInfo("America/New_York"))
    make_event(
        office_a, title="Online aus New York", starts_at=starts, time_zone="America/New_York"
    )

    html = login(client, manager).get(LIST_URL).content.decode()

    row = html[html.index("Online aus New York") - 600 :]
    assert "6:30" in row and "EDT" in row


def test_the_list_filters_by_when_program_and_title(
    client: Client, office_a: Office, manager: User
) -> None:
    club = make_program(office_a, title="Welcome Club", kind=ProgramKind.CLUB)
    make_event(office_a, program=club, title="Club-Abend")
    make_event(office_a, title="Informationsabend Anerkennung")
    make_event(office_a, title="Vergangener Abend", starts_in=-dt.timedelta(days=10))
    make_event(office_a, title="Entwurf im Mai", status=EventStatus.DRAFT)
    make_event(office_a, title="Abgesagter Abend", status=EventStatus.CANCELLED)
    login(client, manager)

    def titles(query: str) -> set[str]:
        html = client.get(f"{LIST_URL}?{query}").content.decode()
        names = (
            "Club-Abend",
            "Informationsabend Anerkennung",
            "Vergangener Abend",
            "Entwurf im Mai",
            "Abgesagter Abend",
        )
        return {name for name in names if name in html}

    assert titles("when=upcoming") == {
        "Club-Abend",
        "Informationsabend Anerkennung",
        "Entwurf im Mai",
    }
    assert titles("when=past") == {"Vergangener Abend"}
    assert titles("when=drafts") == {"Entwurf im Mai"}
    assert titles("when=cancelled") == {"Abgesagter Abend"}
    assert titles(f"when=upcoming&program={club.pk}") == {"Club-Abend"}
    assert titles("when=upcoming&q=anerkennung") == {"Informationsabend Anerkennung"}
    # A filter that does not parse is dropped, the list still shows.
    assert client.get(f"{LIST_URL}?program=nonsense&when=whenever").status_code == 200


def test_the_list_does_not_show_another_offices_events(
    client: Client, office_a: Office, office_b: Office, manager: User
) -> None:
    make_event(office_b, title="Anderes Büro")
    html = login(client, manager).get(LIST_URL).content.decode()
    assert "Anderes Büro" not in html


# --- The calendar -------------------------------------------------------------------------------


def test_the_calendar_shows_a_month_grid_with_events_on_their_local_day(
    client: Client, office_a: Office, manager: User
) -> None:
    # 00:30 on 4 December in Berlin is still 3 December in UTC: it belongs to the 4th.
    late = dt.datetime(2026, 12, 4, 0, 30, tzinfo=BERLIN)
    event = make_event(office_a, title="Mitternachtskino", starts_at=late)
    make_event(office_a, title="Im Januar", starts_at=dt.datetime(2027, 1, 8, 18, tzinfo=BERLIN))

    page = login(client, manager).get(f"{CALENDAR_URL}?month=2026-12")

    html = page.content.decode()
    assert page.status_code == 200
    assert "December 2026" in html
    assert "Im Januar" not in html
    cell = html[: html.index("Mitternachtskino")]
    cell = cell[cell.rindex("<td") :]
    assert ">4<" in cell
    assert f'href="/staff/events/{event.pk}/"' in html
    assert "?month=2026-11" in html and "?month=2027-01" in html
    assert '<th scope="col">' in html
    # The list for small screens names the day too.
    assert "Friday, Dec. 4, 2026" in html and "12:30 a.m." in html


def test_the_calendar_falls_back_to_this_month_for_a_bad_month(
    client: Client, office_a: Office, manager: User
) -> None:
    page = login(client, manager).get(f"{CALENDAR_URL}?month=2026-13")
    assert page.status_code == 200
    assert "March 2026" in page.content.decode()


# --- Creating and editing -----------------------------------------------------------------------


def test_creating_an_event_saves_a_draft_in_the_chosen_zone_and_opens_its_page(
    client: Client, office_a: Office, manager: User
) -> None:
    program = make_program(office_a)
    organisation = OrganisationFactory(owner_office=office_a, name="IQ Netzwerk")
    place = LocationFactory(organisation=organisation)
    data = form_data(program, address="", location=place.pk, partners=[organisation.pk])

    response = login(client, manager).post(NEW_URL, data)

    event = Event.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(event)
    assert event.status == EventStatus.DRAFT
    assert event.starts_at == dt.datetime(2026, 4, 15, 16, 0, tzinfo=dt.UTC)  # 18:00 CEST
    assert event.location == place
    assert sorted(event.interpretation.values_list("code", flat=True)) == ["ar", "uk"]
    assert list(event.partners.all()) == [organisation]
    assert list(event.target_groups.values_list("slug", flat=True)) == ["skilled-worker"]
    assert event.capacity == 30 and event.waiting_list
    german = event.translations.get(language="de")
    assert german.title == "Informationsabend: Anerkennung"
    assert german.summary == "Wie wird mein Abschluss anerkannt?"
    assert AuditEntry.objects.filter(action="events.event.created").exists()


def test_times_are_read_in_the_events_own_time_zone(
    client: Client, office_a: Office, manager: User
) -> None:
    program = make_program(office_a)
    data = form_data(
        program,
        time_zone="America/New_York",
        starts_at="2026-04-15T09:00",
        ends_at="2026-04-15T10:30",
        registration_closes_at="2026-04-14T12:00",
        online_url="https://meet.example.org/abc",
        address="",
    )
    login(client, manager).post(NEW_URL, data)

    event = Event.objects.get()
    assert event.time_zone == "America/New_York"
    assert event.starts_at == dt.datetime(2026, 4, 15, 13, 0, tzinfo=dt.UTC)
    assert event.registration_closes_at == dt.datetime(2026, 4, 14, 16, 0, tzinfo=dt.UTC)
    # Editing shows the same wall-clock times again.
    html = client.get(url(event, "edit/")).content.decode()
    assert 'value="2026-04-15T09:00"' in html and 'value="2026-04-14T12:00"' in html


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"time_zone": "Mars/Olympus"}, "time_zone", "Choose a time zone such as Europe/Berlin."),
        ({"ends_at": "2026-04-15T17:00"}, "ends_at", "The event must end after it starts."),
        ({"starts_at": "15.04.2026"}, "starts_at", "Enter a valid date/time."),
        (
            {"starts_at": "2026-03-29T02:30", "ends_at": "2026-03-29T04:00"},
            "starts_at",
            "the clocks skip it",
        ),
        ({"address": ""}, "address", "Give a place: from the directory"),
        ({"module_number": "2"}, "module_number", "Only a workshop series numbers its modules."),
        ({"capacity": "0"}, "capacity", "greater than or equal to 1"),
        ({"interpretation": ["xx"]}, "interpretation", "Select a valid choice"),
    ],
)
def test_bad_input_shows_on_the_field_and_saves_nothing(
    client: Client,
    office_a: Office,
    manager: User,
    overrides: dict[str, Any],
    field: str,
    message: str,
) -> None:
    program = make_program(office_a)

    page = login(client, manager).post(NEW_URL, form_data(program, **overrides))

    assert page.status_code == 200
    assert message in str(page.context["form"].errors.get(field)), page.context["form"].errors
    assert f'id="id_{field}_error"' in page.content.decode()
    assert not Event.objects.exists() and not EventTranslation.objects.exists()


def test_a_place_from_the_directory_and_an_address_together_are_refused(
    client: Client, office_a: Office, manager: User
) -> None:
    program = make_program(office_a)
    place = LocationFactory(organisation=OrganisationFactory(owner_office=office_a))

    page = login(client, manager).post(NEW_URL, form_data(program, location=place.pk))

    assert "not both" in str(page.context["form"].errors["address"])
    assert not Event.objects.exists()


def test_the_form_offers_only_the_offices_programs_and_places(
    client: Client, office_a: Office, office_b: Office, manager: User
) -> None:
    make_program(office_a, title="Unser Programm")
    make_program(office_a, title="Altes Programm", is_archived=True)
    theirs = make_program(office_b, title="Fremdes Programm")
    LocationFactory(organisation=OrganisationFactory(owner_office=office_a), street="Unsere 1")
    LocationFactory(organisation=OrganisationFactory(owner_office=office_b), street="Fremde 9")

    html = login(client, manager).get(NEW_URL).content.decode()

    assert "Unser Programm" in html
    assert "Altes Programm" not in html and "Fremdes Programm" not in html
    assert "Unsere 1" in html and "Fremde 9" not in html
    page = client.post(NEW_URL, form_data(theirs))
    assert "program" in page.context["form"].errors
    assert not Event.objects.exists()


def test_a_new_event_can_start_from_a_programs_page(
    client: Client, office_a: Office, manager: User
) -> None:
    program = make_program(office_a)
    page = login(client, manager).get(f"{NEW_URL}?program={program.pk}")
    assert page.context["form"]["program"].value() == program.pk


def test_editing_keeps_places_above_those_taken(
    client: Client, office_a: Office, manager: User
) -> None:
    event = make_event(office_a, capacity=5)
    for name in ("Ana", "Ben", "Cem"):
        make_registration(event, name=name)
    login(client, manager)

    page = client.post(url(event, "edit/"), form_data(event.program, capacity="2"))
    assert "3 people hold a place already" in str(page.context["form"].errors["capacity"])
    event.refresh_from_db()
    assert event.capacity == 5

    response = client.post(url(event, "edit/"), form_data(event.program, capacity="4"))
    assert response.status_code == 302 and response["Location"] == url(event)
    event.refresh_from_db()
    assert event.capacity == 4
    assert event.translations.get(language="de").title == "Informationsabend: Anerkennung"


def test_more_places_move_people_up_from_the_waiting_list(
    client: Client, office_a: Office, manager: User, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(office_a, capacity=1)
    make_registration(event, name="Ana")
    waiting = make_registration(
        event, name="Ben", status=RegistrationStatus.WAITING, email="ben@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        login(client, manager).post(url(event, "edit/"), form_data(event.program, capacity="2"))
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert [message.to for message in mail.outbox] == [["ben@example.org"]]


# --- Texts in other languages -------------------------------------------------------------------


def test_a_translation_is_edited_next_to_the_german_text(
    client: Client, office_a: Office, manager: User
) -> None:
    event = make_event(office_a, title="Ankommen in Stuttgart")
    login(client, manager)

    page = client.get(url(event, "texts/en/"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Ankommen in Stuttgart" in html and 'lang="en"' in html

    response = client.post(
        url(event, "texts/en/"),
        {"title": "Arriving in Stuttgart", "summary": "", "description": "", "cost": ""},
    )
    assert response.status_code == 302 and response["Location"] == url(event)
    assert event.translations.get(language="en").title == "Arriving in Stuttgart"

    detail = client.get(url(event)).content.decode()
    row = detail[detail.index('lang="en">Arriving in Stuttgart') :]
    assert "current" in row[: row.index("</tr>")]
    # German changes: the English text is outdated.
    client.post(url(event, "edit/"), form_data(event.program, title="Neu in Stuttgart"))
    detail = client.get(url(event)).content.decode()
    row = detail[detail.index('lang="en">Arriving in Stuttgart') :]
    assert "outdated" in row[: row.index("</tr>")]


def test_a_translation_without_a_title_is_refused(
    client: Client, office_a: Office, manager: User
) -> None:
    event = make_event(office_a)
    page = login(client, manager).post(
        url(event, "texts/ar/"), {"title": "", "summary": "", "description": "", "cost": ""}
    )
    assert "title" in page.context["form"].errors
    assert not event.translations.filter(language="ar").exists()


@pytest.mark.parametrize("language", ["de", "xx"])
def test_german_or_an_unknown_language_is_not_a_translation(
    client: Client, office_a: Office, manager: User, language: str
) -> None:
    event = make_event(office_a)
    assert login(client, manager).get(url(event, f"texts/{language}/")).status_code == 404


# --- The event's page ---------------------------------------------------------------------------


def test_the_page_shows_counts_places_warnings_languages_and_feedback(
    client: Client, office_a: Office, manager: User
) -> None:
    dialogue = make_program(office_a, title="Dialog", kind=ProgramKind.DIALOGUE)
    event = make_event(office_a, program=dialogue, capacity=10, translations={"en": "Dialogue"})
    event.interpretation.set(["ar"])
    make_registration(event, name="Ana", interpreting_into_id="fa")
    make_registration(event, name="Ben", interpreting_into_id="fa")
    make_registration(event, name="Cem", status=RegistrationStatus.WAITING)
    make_registration(event, name="Dana", status=RegistrationStatus.CANCELLED)
    Feedback.objects.create(event=event, office=office_a, rating=5, useful=True, comment="Toll!")
    Feedback.objects.create(event=event, office=office_a, rating=4, useful=False)

    page = login(client, manager).get(url(event))

    html = page.content.decode()
    assert page.status_code == 200
    assert "2 of 10 taken" in html and "8 places left" in html
    counts = {row["status"]: row["count"] for row in page.context["counts"]}
    assert counts == {
        "registered": 2,
        "waiting": 1,
        "cancelled": 1,
        "attended": 0,
        "no_show": 0,
    }
    assert "Interpreting into Arabic is announced, but no interpreter is staffed." in html
    assert "This is a moderated dialogue, but no moderator is staffed." in html
    assert "2 participants ask for interpreting into Persian" in html
    assert "4.5 of 5" in html and "50 %" in html and "Toll!" in html
    statuses = {row.code: row.status for row in page.context["languages"]}
    assert statuses["en"] == "current" and statuses["ar"] == "missing"
    assert f'action="{url(event, "publish/")}"' not in html  # published already
    for link in ("participants/", "check-in/", "staffing/", "message/", "edit/", "copy/"):
        assert f'href="{url(event, link)}"' in html


# --- Publishing, copying, cancelling ------------------------------------------------------------


def test_publishing_a_draft(client: Client, office_a: Office, manager: User) -> None:
    event = make_event(office_a, status=EventStatus.DRAFT)
    login(client, manager)
    assert f'action="{url(event, "publish/")}"' in client.get(url(event)).content.decode()

    response = client.post(url(event, "publish/"))

    assert response.status_code == 302 and response["Location"] == url(event)
    event.refresh_from_db()
    assert event.status == EventStatus.PUBLISHED
    assert AuditEntry.objects.filter(action="events.event.published").exists()


def test_publishing_twice_says_why_not(client: Client, office_a: Office, manager: User) -> None:
    event = make_event(office_a)
    page = login(client, manager).post(url(event, "publish/"))
    assert page.status_code == 200
    assert "Only a draft can be published." in page.content.decode()


def test_publishing_is_a_post(client: Client, office_a: Office, manager: User) -> None:
    event = make_event(office_a, status=EventStatus.DRAFT)
    assert login(client, manager).get(url(event, "publish/")).status_code == 405


def test_copying_asks_for_a_start_and_opens_the_new_draft(
    client: Client, office_a: Office, manager: User
) -> None:
    starts = dt.datetime(2026, 3, 12, 18, 0, tzinfo=BERLIN)
    event = make_event(office_a, starts_at=starts, title="Welcome Club")
    event.interpretation.set(["ar"])
    login(client, manager)

    page = client.get(url(event, "copy/"))
    assert 'value="2026-03-19T18:00"' in page.content.decode()  # a week later, same time

    response = client.post(url(event, "copy/"), {"starts_at": "2026-04-02T18:30"})

    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302 and response["Location"] == url(copy, "edit/")
    assert copy.status == EventStatus.DRAFT and copy.copied_from == event
    assert copy.starts_at == dt.datetime(2026, 4, 2, 16, 30, tzinfo=dt.UTC)
    assert copy.ends_at - copy.starts_at == event.ends_at - event.starts_at
    assert copy.title == "Welcome Club"
    assert list(copy.interpretation.values_list("code", flat=True)) == ["ar"]


def test_copying_to_the_past_is_refused(client: Client, office_a: Office, manager: User) -> None:
    event = make_event(office_a)
    page = login(client, manager).post(url(event, "copy/"), {"starts_at": "2026-01-01T18:00"})
    assert "Choose a start in the future." in str(page.context["form"].errors["starts_at"])
    assert Event.objects.count() == 1


def test_cancelling_says_how_many_will_be_told_and_tells_them(
    client: Client, office_a: Office, manager: User, django_capture_on_commit_callbacks: Any
) -> None:
    event = make_event(office_a)
    make_registration(event, name="Ana", email="ana@example.org")
    make_registration(event, name="Ben", phone="+49 711 1", status=RegistrationStatus.WAITING)
    make_registration(event, name="Cem", status=RegistrationStatus.CANCELLED)
    login(client, manager)

    page = client.get(url(event, "cancel/"))
    html = page.content.decode()
    assert "2 people registered or waiting will be told." in html
    assert "1 gets an e-mail." in html and "1 gave only a phone number" in html

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url(event, "cancel/"), {"note": "Der Saal ist gesperrt."}, follow=True
        )

    event.refresh_from_db()
    assert event.status == EventStatus.CANCELLED
    assert event.cancellation_note == "Der Saal ist gesperrt."
    assert "The event is cancelled. 2 people were told." in response.content.decode()
    assert [message.to for message in mail.outbox] == [["ana@example.org"]]
    assert "Der Saal ist gesperrt." in mail.outbox[0].body
    assert set(event.registrations.values_list("status", flat=True)) == {"cancelled"}


def test_cancelling_a_cancelled_event_changes_nothing(
    client: Client, office_a: Office, manager: User
) -> None:
    event = make_event(office_a, status=EventStatus.CANCELLED)
    assert "cancelled already" in login(client, manager).get(url(event, "cancel/")).content.decode()
    page = client.post(url(event, "cancel/"), {"note": ""})
    assert "This event is cancelled already." in page.content.decode()


# --- Who may see the pages ----------------------------------------------------------------------

EVENT_PAGES = ["", "edit/", "texts/en/", "copy/", "cancel/"]


@pytest.mark.parametrize("path", [LIST_URL, CALENDAR_URL, NEW_URL])
def test_counselors_may_not_see_the_event_pages(
    client: Client, office_a: Office, counselor: User, path: str
) -> None:
    assert login(client, counselor).get(path).status_code == 403


@pytest.mark.parametrize("path", EVENT_PAGES)
def test_counselors_may_not_open_an_event(
    client: Client, office_a: Office, counselor: User, path: str
) -> None:
    event = make_event(office_a)
    assert login(client, counselor).get(url(event, path)).status_code == 403


def test_office_administrators_manage_events_too(
    client: Client, office_a: Office, office_admin: User
) -> None:
    program = make_program(office_a)
    response = login(client, office_admin).post(NEW_URL, form_data(program))
    assert response.status_code == 302


@pytest.mark.parametrize("path", EVENT_PAGES)
def test_another_offices_event_is_not_found(
    client: Client, office_a: Office, office_b: Office, manager: User, path: str
) -> None:
    event = make_event(office_b)
    assert login(client, manager).get(url(event, path)).status_code == 404


@pytest.mark.parametrize("path", ["publish/", "copy/", "cancel/", "edit/"])
def test_another_offices_event_cannot_be_changed(
    client: Client, office_a: Office, office_b: Office, manager: User, path: str
) -> None:
    event = make_event(office_b, status=EventStatus.DRAFT)
    response = login(client, manager).post(
        url(event, path), {**form_data(event.program), "note": "x"}
    )
    assert response.status_code == 404
    event.refresh_from_db()
    assert event.status == EventStatus.DRAFT


# --- Query bounds -------------------------------------------------------------------------------


def _fill(office: Office, count: int) -> Event:
    program = make_program(office, kind=ProgramKind.DIALOGUE)
    first = None
    for number in range(count):
        event = make_event(
            office,
            program=make_program(office) if number % 2 else program,
            starts_in=dt.timedelta(days=1 + number % 20, hours=number),
            title=f"Abend {number}",
            translations={"en": f"Evening {number}"},
        )
        event.interpretation.set(["ar", "uk"])
        event.target_groups.set(TargetGroup.objects.all()[:2])
        make_registration(event, name=f"P{number}", interpreting_into_id="fa")
        make_registration(event, name=f"W{number}", status=RegistrationStatus.WAITING)
        Feedback.objects.create(event=event, office=office, rating=4, comment=f"c{number}")
        first = first or event
    assert first is not None
    for number in range(count):  # many registrations and feedback on one event
        make_registration(first, name=f"Extra {number}", interpreting_into_id="ar")
        Feedback.objects.create(event=first, office=office, rating=3, comment=f"x{number}")
    return first


@pytest.mark.parametrize("page", ["list", "calendar", "detail", "search"])
def test_pages_run_a_bounded_number_of_queries(
    client: Client,
    office_a: Office,
    manager: User,
    page: str,
    django_assert_max_num_queries: Any,
) -> None:
    login(client, manager)
    counts = []
    for count in (3, 30):
        Feedback.objects.all().delete()
        for event in Event.objects.all():
            event.registrations.all().delete()
        Event.objects.all().delete()
        event = _fill(office_a, count)
        target = {
            "list": LIST_URL,
            "calendar": f"{CALENDAR_URL}?month=2026-03",
            "detail": url(event),
            "search": f"{LIST_URL}?when=upcoming&q=abend",
        }[page]
        client.get(target)  # the session's first touch is not the page's
        with CaptureQueriesContext(connection) as queries:
            assert client.get(target).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1], counts
    with django_assert_max_num_queries(25):
        client.get(target)
