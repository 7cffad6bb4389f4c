"""Programs: the list with its counts, creating and editing, texts in other languages, the
program's page with its modules; who may see them; query bounds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.core.models import AuditEntry, Office, Role, User
from lotse.events.models import EventStatus, Program, ProgramKind
from tests.conftest import login, member
from tests.events.factories import make_event, make_program, make_registration

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
LIST_URL = "/staff/events/programs/"
NEW_URL = "/staff/events/programs/new/"


@pytest.fixture(autouse=True)
def _now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def manager(office_a: Office) -> User:
    return member(office_a, Role.EVENT_MANAGER, "manager")


def url(program: Program, action: str = "") -> str:
    return f"/staff/events/programs/{program.pk}/{action}"


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "title": "Integrationsmanagement in der Pflege",
        "description": "Sechs Module für Arbeitgeber.",
        "slug": "pflege-reihe",
        "kind": ProgramKind.WORKSHOP_SERIES,
        "is_series": "on",
        "certificate_min_modules": "5",
        "is_public": "on",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_list_counts_events_and_shows_archived_programs_apart(
    client: Client, office_a: Office, office_b: Office, manager: User
) -> None:
    club = make_program(office_a, title="Welcome Club", kind=ProgramKind.CLUB)
    make_event(office_a, program=club)
    make_event(office_a, program=club, starts_in=-dt.timedelta(days=5))
    make_event(office_a, program=club, status=EventStatus.CANCELLED)
    make_program(office_a, title="Alte Reihe", is_archived=True)
    make_program(office_b, title="Fremdes Programm")

    page = login(client, manager).get(LIST_URL)

    html = page.content.decode()
    assert page.status_code == 200
    [row] = page.context["programs"]
    assert (row.title, row.event_count, row.upcoming_count) == ("Welcome Club", 2, 1)
    assert [program.title for program in page.context["archived"]] == ["Alte Reihe"]
    assert html.index("Welcome Club") < html.index("Archived programs") < html.index("Alte Reihe")
    assert "Fremdes Programm" not in html
    assert f'href="{NEW_URL}"' in html


def test_creating_a_series(client: Client, office_a: Office, manager: User) -> None:
    response = login(client, manager).post(NEW_URL, form_data())

    program = Program.objects.get()
    assert response.status_code == 302 and response["Location"] == url(program)
    assert program.office == office_a and program.slug == "pflege-reihe"
    assert program.is_series and program.certificate_min_modules == 5 and program.is_public
    german = program.translations.get(language="de")
    assert german.title == "Integrationsmanagement in der Pflege"
    assert german.description == "Sechs Module für Arbeitgeber."
    assert AuditEntry.objects.filter(action="events.program.created").exists()


def test_a_program_that_is_no_series_needs_no_certificate(
    client: Client, office_a: Office, manager: User
) -> None:
    login(client, manager).post(NEW_URL, form_data(is_series=None, kind=ProgramKind.INFO_NIGHT))
    program = Program.objects.get()
    assert not program.is_series and program.certificate_min_modules is None


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"title": ""}, "title", "This field is required."),
        ({"slug": "Pflege Reihe!"}, "slug", "Enter a valid “slug”"),
        ({"kind": "party"}, "kind", "Select a valid choice."),
        ({"certificate_min_modules": "0"}, "certificate_min_modules", "greater than or equal"),
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
    page = login(client, manager).post(NEW_URL, form_data(**overrides))
    assert message in str(page.context["form"].errors[field])
    assert not Program.objects.exists()


def test_a_web_address_in_use_is_refused_even_by_another_office(
    client: Client, office_a: Office, office_b: Office, manager: User
) -> None:
    make_program(office_b, slug="pflege-reihe")
    page = login(client, manager).post(NEW_URL, form_data())
    assert "slug" in page.context["form"].errors
    assert 'id="id_slug_error"' in page.content.decode()
    assert Program.objects.count() == 1


def test_editing_and_archiving_a_program(client: Client, office_a: Office, manager: User) -> None:
    program = make_program(office_a, title="Infoabende", slug="infoabende")
    login(client, manager)
    page = client.get(url(program, "edit/"))
    assert page.context["form"]["title"].value() == "Infoabende"

    response = client.post(
        url(program, "edit/"),
        form_data(
            title="Informationsabende",
            slug="infoabende",
            kind=ProgramKind.INFO_NIGHT,
            is_series=None,
            is_archived="on",
        ),
    )

    assert response.status_code == 302
    program.refresh_from_db()
    assert program.is_archived and program.title == "Informationsabende"


def test_the_page_lists_modules_in_order_with_certificate_and_feed_links(
    client: Client, office_a: Office, manager: User
) -> None:
    series = make_program(
        office_a, title="Pflege", is_series=True, slug="pflege", kind=ProgramKind.WORKSHOP_SERIES
    )
    second = make_event(office_a, program=series, module_number=2, title="Modul Zwei")
    first = make_event(
        office_a, program=series, module_number=1, title="Modul Eins", starts_in=dt.timedelta(30)
    )
    make_registration(first, name="Ana")

    page = login(client, manager).get(url(series))

    html = page.content.decode()
    assert [event.pk for event in page.context["events"]] == [first.pk, second.pk]
    assert html.index("Modul Eins") < html.index("Modul Zwei")
    assert f'href="{url(series, "certificates/")}"' in html
    assert "/events/programs/pflege/calendar.ics" in html
    assert f'href="/staff/events/new/?program={series.pk}"' in html


def test_a_program_that_is_no_series_has_no_certificates(
    client: Client, office_a: Office, manager: User
) -> None:
    program = make_program(office_a)
    html = login(client, manager).get(url(program)).content.decode()
    assert "certificates/" not in html


def test_program_texts_in_another_language(client: Client, office_a: Office, manager: User) -> None:
    program = make_program(office_a, title="Informationsabende")
    login(client, manager)
    assert "Informationsabende" in client.get(url(program, "texts/en/")).content.decode()

    response = client.post(
        url(program, "texts/en/"), {"title": "Information nights", "description": ""}
    )

    assert response.status_code == 302 and response["Location"] == url(program)
    assert program.translations.get(language="en").title == "Information nights"
    statuses = {row.code: row.status for row in client.get(url(program)).context["languages"]}
    assert statuses["en"] == "current" and statuses["fr"] == "missing"
    assert client.get(url(program, "texts/de/")).status_code == 404


# --- Who may see the pages ----------------------------------------------------------------------


@pytest.mark.parametrize("path", [LIST_URL, NEW_URL])
def test_counselors_may_not_see_programs(
    client: Client, office_a: Office, counselor: User, path: str
) -> None:
    assert login(client, counselor).get(path).status_code == 403


@pytest.mark.parametrize("path", ["", "edit/", "texts/en/"])
def test_another_offices_program_is_not_found(
    client: Client, office_a: Office, office_b: Office, manager: User, path: str
) -> None:
    program = make_program(office_b)
    login(client, manager)
    assert client.get(url(program, path)).status_code == 404
    if path:
        assert client.post(url(program, path), form_data(title="Gekapert")).status_code == 404
    assert program.translations.get(language="de").title == "Information Nights"


@pytest.mark.parametrize("path", ["", "edit/", "texts/en/"])
def test_counselors_may_not_open_a_program(
    client: Client, office_a: Office, counselor: User, path: str
) -> None:
    program = make_program(office_a)
    assert login(client, counselor).get(url(program, path)).status_code == 403


# --- Query bounds -------------------------------------------------------------------------------


def _queries(client: Client, target: str) -> int:
    client.get(target)  # the session's first touch is not the page's
    with CaptureQueriesContext(connection) as queries:
        assert client.get(target).status_code == 200
    return len(queries)


@pytest.mark.parametrize("page", ["list", "detail"])
def test_pages_run_a_bounded_number_of_queries(
    client: Client, office_a: Office, manager: User, page: str
) -> None:
    login(client, manager)
    counts = []
    for count in (3, 30):
        for program in Program.objects.all():
            for event in program.events.all():
                event.registrations.all().delete()
            program.events.all().delete()
        Program.objects.all().delete()
        series = make_program(office_a, is_series=True, title="Reihe")
        for number in range(count):
            make_program(office_a, title=f"Programm {number}", is_archived=number % 3 == 0)
            event = make_event(office_a, program=series, module_number=number + 1)
            make_registration(event, name=f"P{number}")
        target = LIST_URL if page == "list" else url(series)
        counts.append(_queries(client, target))
    assert counts[0] == counts[1], counts
