"""The coordinators' pages: list and filters, the record, edit, status steps, safeguarding due,
who may see them, and query bounds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.core.choices import availability_summary
from lotse.core.models import AuditEntry, Office, Role, User
from lotse.sponsorship.models import Volunteer, VolunteerLanguage, VolunteerStatus
from tests.conftest import login, member

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 3, 10)
LIST_URL = "/staff/sponsorship/volunteers/"
DUE_URL = "/staff/sponsorship/safeguarding/"


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def coordinator(office_a: Office) -> User:
    return member(office_a, Role.SPONSOR_COORDINATOR, "coordinator-a")


def make_volunteer(
    office: Office, languages: tuple[tuple[str, int], ...] = (("de", 5),), **fields: Any
) -> Volunteer:
    values: dict[str, Any] = {
        "first_name": "Greta",
        "last_name": "Hilfreich",
        "email": "greta@example.org",
        "district": "Bad Cannstatt",
        "availability": ["mon-evening", "tue-evening", "wed-evening"],
        "offers": ["authorities"],
        "consent_given_at": timezone.now(),
    }
    values.update(fields)
    volunteer = Volunteer.objects.create(office=office, **values)
    VolunteerLanguage.objects.bulk_create(
        VolunteerLanguage(volunteer=volunteer, language_id=code, level=level)
        for code, level in languages
    )
    return volunteer


def url(volunteer: Volunteer, action: str = "") -> str:
    return f"/staff/sponsorship/volunteers/{volunteer.pk}/{action}"


def edit_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "first_name": "Greta",
        "last_name": "Hilfreich-Neu",
        "email": "greta@example.org",
        "phone": "",
        "district": "Feuerbach",
        "gender": "",
        "language_1": "de",
        "level_1": "5",
        "language_2": "uk",
        "level_2": "3",
        "availability": ["sat-morning"],
        "offers": ["job_search"],
        "interests": "",
        "prefers": [],
        "max_tandems": "3",
        "motivation": "",
        "pledge_signed_on": "2026-03-01",
        "certificate_seen_on": "2026-02-01",
        "certificate_recheck_on": "2031-02-01",
        "coordinator_notes": "Met at the seminar, reliable.",
    }
    data.update(overrides)
    return data


# --- List -----------------------------------------------------------------------------------


def test_the_list_shows_current_volunteers_with_their_details(
    client: Client, office_a: Office, coordinator: User
) -> None:
    make_volunteer(
        office_a,
        languages=(("de", 5), ("ar", 2)),
        pledge_signed_on=dt.date(2026, 1, 5),
        certificate_seen_on=dt.date(2025, 4, 1),
        certificate_recheck_on=dt.date(2026, 3, 20),
        max_tandems=2,
    )
    make_volunteer(office_a, first_name="Ende", last_name="Vorbei", status=VolunteerStatus.ENDED)
    content = login(client, coordinator).get(LIST_URL).content.decode()
    assert "Hilfreich, Greta" in content
    assert "Vorbei" not in content  # ended ones only on request
    assert "German (native)" in content and "Arabic (conversational)" in content
    assert "Mon–Wed evenings" in content
    assert "Pledge signed" in content
    assert "Certificate due" in content
    assert '<th scope="col">' in content

    everyone = client.get(LIST_URL, {"status": "all"}).content.decode()
    assert "Vorbei" in everyone and "Hilfreich" in everyone


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({"status": "active"}, {"Aktiv"}),
        ({"status": "ended"}, {"Beendet"}),
        ({"language": "uk"}, {"Ukrainisch"}),
        ({"district": "feuer"}, {"Aktiv"}),
        ({"offer": "housing"}, {"Ukrainisch"}),
        ({"safeguarding_due": "on"}, {"Neu", "Ukrainisch"}),
        ({"status": "nonsense"}, {"Neu", "Aktiv", "Ukrainisch"}),
    ],
)
def test_the_list_filters(
    client: Client, office_a: Office, coordinator: User, params: dict, shown: set[str]
) -> None:
    make_volunteer(office_a, last_name="Neu")
    make_volunteer(
        office_a,
        last_name="Aktiv",
        district="Feuerbach",
        status=VolunteerStatus.ACTIVE,
        pledge_signed_on=dt.date(2026, 1, 1),
    )
    make_volunteer(
        office_a,
        last_name="Ukrainisch",
        languages=(("uk", 5),),
        offers=["housing", "everyday"],
        pledge_signed_on=dt.date(2026, 1, 1),
        certificate_seen_on=dt.date(2021, 1, 1),
        certificate_recheck_on=dt.date(2026, 1, 1),
    )
    make_volunteer(
        office_a,
        last_name="Beendet",
        status=VolunteerStatus.ENDED,
        pledge_signed_on=dt.date(2026, 1, 1),
    )
    response = login(client, coordinator).get(LIST_URL, params)
    assert response.status_code == 200
    content = response.content.decode()
    for name in {"Neu", "Aktiv", "Ukrainisch", "Beendet"}:
        assert (f"{name}, Greta" in content) == (name in shown), name


def test_the_list_shows_only_the_own_offices_volunteers(
    client: Client, office_a: Office, office_b: Office, outsider: User
) -> None:
    make_volunteer(office_a, last_name="Nur-in-A")
    make_volunteer(office_b, last_name="In-B")
    content = login(client, outsider).get(LIST_URL).content.decode()
    assert "In-B" in content
    assert "Nur-in-A" not in content


def test_availability_summary() -> None:
    slots = [f"{day}-evening" for day in ("mon", "tue", "wed", "thu", "fri")]
    assert availability_summary([*slots, "sat-morning", "sun-morning"]) == (
        "Sat, Sun mornings; Mon–Fri evenings"
    )
    assert availability_summary([]) == ""
    assert availability_summary("garbage") == ""


# --- Detail ---------------------------------------------------------------------------------


def test_the_detail_shows_the_application_and_safeguarding(
    client: Client, office_a: Office, coordinator: User
) -> None:
    volunteer = make_volunteer(
        office_a,
        phone="+49 711 555",
        interests="Chess",
        motivation="I was new here once.",
        prefers=["family"],
        interpreter_ok=True,
        certificate_seen_on=dt.date(2021, 3, 1),
        certificate_recheck_on=dt.date(2026, 3, 30),
        coordinator_notes="Prefers weekday evenings.",
    )
    content = login(client, coordinator).get(url(volunteer)).content.decode()
    for text in (
        "Greta Hilfreich",
        "greta@example.org",
        "+49 711 555",
        "Bad Cannstatt",
        "German (native)",
        "Accompanying to authorities",
        "A family",
        "Chess",
        "I was new here once.",
        "Prefers weekday evenings.",
        "no copy of the certificate is stored",
        "The data-protection pledge is not recorded yet",
        "to be seen again within 30 days",
    ):
        assert text in content, text
    # Only the steps the flow allows from "applied".
    assert 'value="in_conversation"' in content and 'value="ended"' in content
    assert 'value="active"' not in content


def test_an_overdue_certificate_is_flagged(
    client: Client, office_a: Office, coordinator: User
) -> None:
    volunteer = make_volunteer(
        office_a,
        pledge_signed_on=dt.date(2025, 1, 1),
        certificate_seen_on=dt.date(2020, 3, 1),
        certificate_recheck_on=dt.date(2026, 3, 1),
    )
    content = login(client, coordinator).get(url(volunteer)).content.decode()
    assert "overdue to be seen again" in content
    assert "pledge is not recorded" not in content


# --- Edit -----------------------------------------------------------------------------------


def test_edit_saves_and_redirects(client: Client, office_a: Office, coordinator: User) -> None:
    volunteer = make_volunteer(office_a)
    page = login(client, coordinator).get(url(volunteer, "edit/"))
    assert page.status_code == 200
    assert 'value="Hilfreich"' in page.content.decode()
    response = client.post(url(volunteer, "edit/"), edit_data())
    assert response.status_code == 302
    assert response["Location"] == url(volunteer)
    volunteer.refresh_from_db()
    assert volunteer.last_name == "Hilfreich-Neu"
    assert volunteer.district == "Feuerbach"
    assert volunteer.availability == ["sat-morning"]
    assert volunteer.offers == ["job_search"]
    assert volunteer.max_tandems == 3
    assert volunteer.pledge_signed_on == dt.date(2026, 3, 1)
    assert volunteer.certificate_recheck_on == dt.date(2031, 2, 1)
    assert volunteer.coordinator_notes == "Met at the seminar, reliable."
    assert sorted(volunteer.languages.values_list("language_id", "level")) == [
        ("de", 5),
        ("uk", 3),
    ]
    assert AuditEntry.objects.filter(action="sponsorship.volunteer.updated").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        pytest.param(
            {"certificate_recheck_on": "2026-01-01"},
            "The re-check must come after the date seen.",
            id="recheck-before-seen",
        ),
        pytest.param(
            {"certificate_seen_on": "2026-04-01", "certificate_recheck_on": "2031-04-01"},
            "This date lies in the future.",
            id="seen-in-the-future",
        ),
        pytest.param(
            {"pledge_signed_on": "2026-12-24"},
            "This date lies in the future.",
            id="pledge-in-the-future",
        ),
        pytest.param(
            {"certificate_seen_on": "", "certificate_recheck_on": "2027-01-01"},
            "Record when the certificate was seen first.",
            id="recheck-without-seen",
        ),
        pytest.param({"certificate_seen_on": "2026-02-30"}, "Enter a valid date", id="no-such-day"),
        pytest.param(
            {"language_1": "", "level_1": "", "language_2": "", "level_2": ""},
            "at least one",
            id="no-language",
        ),
    ],
)
def test_edit_with_bad_input_shows_the_error_and_saves_nothing(
    client: Client, office_a: Office, coordinator: User, overrides: dict, message: str
) -> None:
    volunteer = make_volunteer(office_a)
    response = login(client, coordinator).post(url(volunteer, "edit/"), edit_data(**overrides))
    assert response.status_code == 200
    content = response.content.decode()
    assert message in content
    assert "Nothing was saved" in content
    volunteer.refresh_from_db()
    assert volunteer.last_name == "Hilfreich"
    assert volunteer.certificate_seen_on is None
    assert list(volunteer.languages.values_list("language_id", flat=True)) == ["de"]


# --- Status ---------------------------------------------------------------------------------


def test_the_status_follows_the_flow(client: Client, office_a: Office, coordinator: User) -> None:
    volunteer = make_volunteer(office_a)
    login(client, coordinator)

    def step(status: str) -> Any:
        return client.post(url(volunteer, "status/"), {"status": status})

    assert step("in_conversation").status_code == 302
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.IN_CONVERSATION
    assert volunteer.status_changed_on == TODAY

    refused = step("active")
    assert refused.status_code == 200
    assert "Record the signed data-protection pledge before activating." in (
        refused.content.decode()
    )
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.IN_CONVERSATION

    Volunteer.objects.filter(pk=volunteer.pk).update(pledge_signed_on=dt.date(2026, 3, 9))
    for status in ("active", "paused", "active", "ended"):
        assert step(status).status_code == 302, status
        volunteer.refresh_from_db()
        assert volunteer.status == status
    assert AuditEntry.objects.filter(action="sponsorship.volunteer.status_changed").count() == 5


def test_a_step_the_flow_does_not_allow_is_refused(
    client: Client, office_a: Office, coordinator: User
) -> None:
    volunteer = make_volunteer(office_a, pledge_signed_on=dt.date(2026, 1, 1))
    response = login(client, coordinator).post(url(volunteer, "status/"), {"status": "paused"})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.APPLIED


# --- Safeguarding due -----------------------------------------------------------------------


def test_safeguarding_due_lists_the_soonest_first(
    client: Client, office_a: Office, coordinator: User
) -> None:
    signed = dt.date(2026, 1, 1)
    seen = dt.date(2021, 1, 1)
    checked = {"pledge_signed_on": signed, "certificate_seen_on": seen}
    make_volunteer(
        office_a, last_name="Spaeter", certificate_recheck_on=dt.date(2026, 4, 1), **checked
    )
    make_volunteer(
        office_a, last_name="Ueberfaellig", certificate_recheck_on=dt.date(2026, 2, 1), **checked
    )
    make_volunteer(office_a, last_name="Ohnepledge")
    make_volunteer(
        office_a, last_name="Allesgut", certificate_recheck_on=dt.date(2027, 1, 1), **checked
    )
    make_volunteer(office_a, last_name="Beendet", status=VolunteerStatus.ENDED)
    content = login(client, coordinator).get(DUE_URL).content.decode()
    assert "Allesgut" not in content
    assert "Beendet" not in content
    positions = [content.index(name) for name in ("Ueberfaellig", "Ohnepledge", "Spaeter")]
    assert positions == sorted(positions)


# --- Who may see what -----------------------------------------------------------------------


def test_another_offices_volunteer_is_not_found(
    client: Client, office_a: Office, outsider: User
) -> None:
    volunteer = make_volunteer(office_a, pledge_signed_on=dt.date(2026, 1, 1))
    login(client, outsider)
    assert client.get(url(volunteer)).status_code == 404
    assert client.get(url(volunteer, "edit/")).status_code == 404
    assert client.post(url(volunteer, "edit/"), edit_data()).status_code == 404
    assert client.post(url(volunteer, "status/"), {"status": "ended"}).status_code == 404
    volunteer.refresh_from_db()
    assert volunteer.last_name == "Hilfreich"
    assert volunteer.status == VolunteerStatus.APPLIED


def test_counselors_do_not_read_volunteers(client: Client, office_a: Office) -> None:
    counselor = member(office_a, Role.COUNSELOR, "counselor-sponsorship")
    volunteer = make_volunteer(office_a)
    login(client, counselor)
    for path in (LIST_URL, DUE_URL, url(volunteer), url(volunteer, "edit/")):
        assert client.get(path).status_code == 403, path
    assert client.post(url(volunteer, "edit/"), edit_data()).status_code == 403
    assert client.post(url(volunteer, "status/"), {"status": "ended"}).status_code == 403
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.APPLIED


def test_office_admins_may_help(client: Client, office_a: Office, office_admin: User) -> None:
    volunteer = make_volunteer(office_a)
    login(client, office_admin)
    assert client.get(url(volunteer)).status_code == 200
    assert client.post(url(volunteer, "status/"), {"status": "ended"}).status_code == 302


# --- Query bounds ---------------------------------------------------------------------------


def _queries(client: Client, path: str) -> int:
    client.get(path)  # the first request of a session does some one-off work (its cache)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _many(office: Office, count: int) -> Volunteer:
    volunteers = [
        make_volunteer(
            office,
            last_name=f"Person {number:03d}",
            languages=(("de", 5), ("ar", 3), ("uk", 2)),
            certificate_seen_on=dt.date(2021, 1, 1),
            certificate_recheck_on=dt.date(2026, 3, 20),
        )
        for number in range(count)
    ]
    return volunteers[0]


@pytest.mark.parametrize("path", [LIST_URL, DUE_URL, f"{LIST_URL}?language=de&offer=authorities"])
def test_lists_run_a_bounded_number_of_queries(
    client: Client, office_a: Office, coordinator: User, path: str
) -> None:
    login(client, coordinator)
    _many(office_a, 3)
    few = _queries(client, path)
    _many(office_a, 27)
    many = _queries(client, path)
    assert many == few
    assert few <= 12


def test_detail_and_edit_run_a_bounded_number_of_queries(
    client: Client, office_a: Office, coordinator: User
) -> None:
    login(client, coordinator)
    first = _many(office_a, 3)
    few = (_queries(client, url(first)), _queries(client, url(first, "edit/")))
    VolunteerLanguage.objects.bulk_create(
        VolunteerLanguage(volunteer=first, language_id=code, level=2)
        for code in ("fr", "es", "it", "pl", "ro", "tr", "fa", "ru")
    )
    _many(office_a, 27)
    many = (_queries(client, url(first)), _queries(client, url(first, "edit/")))
    assert many == few
