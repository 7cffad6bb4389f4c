"""Check-in at the door: the search, one tap per person (with and without HTMX), the counter,
and the printable attendance list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from lotse.core.models import Role
from lotse.events.models import Registration, RegistrationStatus
from tests.conftest import login, member
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def manager(office_a):
    return member(office_a, Role.EVENT_MANAGER, "manager")


@pytest.fixture
def tonight(office_a):
    return make_event(office_a, starts_in=dt.timedelta(minutes=30), capacity=None)


def _checkin(event):
    return reverse("events:checkin", kwargs={"event_id": event.pk})


def _toggle(event, registration):
    return reverse(
        "events:checkin-toggle", kwargs={"event_id": event.pk, "registration_id": registration.pk}
    )


def test_the_page_lists_people_with_a_place_alphabetically(client, manager, tonight):
    make_registration(tonight, name="Olena Koval")
    make_registration(tonight, name="amina Yusuf", status="attended")
    make_registration(tonight, name="Bilal Haddad", status="no_show")
    make_registration(tonight, name="Waiting Person", status="waiting")
    make_registration(tonight, name="Cancelled Person", status="cancelled")
    response = login(client, manager).get(_checkin(tonight))
    assert response.status_code == 200
    assert [r.name for r in response.context["rows"]] == [
        "amina Yusuf",
        "Bilal Haddad",
        "Olena Koval",
    ]
    html = response.content.decode()
    assert "1 of 3 checked in" in html
    assert "Checked in ✓ — undo" in html and "Check in" in html
    assert f"{reverse('events:participant-add', kwargs={'event_id': tonight.pk})}?door=1" in html
    assert 'hx-get="' in html and "delay:200ms" in html
    assert "events/checkin.js" in html


def test_the_search_filters_by_name_and_htmx_gets_only_the_list(client, manager, tonight):
    make_registration(tonight, name="Amina Yusuf")
    make_registration(tonight, name="Olena Koval")
    login(client, manager)
    response = client.get(_checkin(tonight), {"q": "ole"})
    assert [r.name for r in response.context["rows"]] == ["Olena Koval"]
    assert "<html" in response.content.decode()
    partial = client.get(_checkin(tonight), {"q": "yus"}, **HTMX)
    html = partial.content.decode()
    assert "<html" not in html and "Amina Yusuf" in html and "Olena Koval" not in html
    assert "HX-Request" in partial["Vary"]
    nobody = client.get(_checkin(tonight), {"q": "<Zed>"}, **HTMX).content.decode()
    assert "Nobody with a place is called “&lt;Zed&gt;”" in nobody


def test_one_tap_checks_in_and_htmx_gets_the_row_and_the_counter(client, manager, tonight):
    person = make_registration(tonight, name="Amina Yusuf")
    make_registration(tonight, name="Olena Koval")
    login(client, manager)
    response = client.post(_toggle(tonight, person), {"status": "attended", "q": "ami"}, **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert f'id="checkin-row-{person.pk}"' in html and "Checked in ✓ — undo" in html
    assert 'id="checkin-counter" hx-swap-oob="innerHTML"' in html and "1 of 2 checked in" in html
    assert "Amina Yusuf is checked in." in html and "data-checkin-toggled" in html
    person.refresh_from_db()
    assert person.status == RegistrationStatus.ATTENDED and person.checked_in_at


def test_a_double_tap_does_not_undo_the_check_in(client, manager, tonight):
    person = make_registration(tonight)
    login(client, manager)
    client.post(_toggle(tonight, person), {"status": "attended"}, **HTMX)
    client.post(_toggle(tonight, person), {"status": "attended"}, **HTMX)
    person.refresh_from_db()
    assert person.status == RegistrationStatus.ATTENDED


def test_undo_puts_the_person_back_to_registered(client, manager, tonight):
    person = make_registration(tonight, name="Amina Yusuf", status="attended")
    login(client, manager)
    html = client.post(_toggle(tonight, person), {"status": "registered"}, **HTMX).content.decode()
    person.refresh_from_db()
    assert person.status == RegistrationStatus.REGISTERED and person.checked_in_at is None
    assert "0 of 1 checked in" in html and "no longer checked in" in html


def test_without_javascript_a_tap_posts_and_comes_back_keeping_the_search(client, manager, tonight):
    person = make_registration(tonight, name="Amina Yusuf")
    response = login(client, manager).post(
        _toggle(tonight, person), {"status": "attended", "q": "ami"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"{_checkin(tonight)}?q=ami#checkin-row-{person.pk}"
    person.refresh_from_db()
    assert person.status == RegistrationStatus.ATTENDED


def test_checking_in_a_week_ahead_is_refused_with_the_reason(client, manager, office_a):
    event = make_event(office_a)
    person = make_registration(event, name="Amina Yusuf")
    login(client, manager)
    page = client.get(_checkin(event)).content.decode()
    assert "Check-in opens 12 hours before the event starts." in page
    html = client.post(_toggle(event, person), {"status": "attended"}, **HTMX).content.decode()
    assert 'role="alert"' in html
    assert "Attendance can be recorded on the day of the event." in html
    response = client.post(_toggle(event, person), {"status": "attended"}, follow=True)
    assert "Attendance can be recorded on the day of the event." in [
        str(m) for m in response.context["messages"]
    ]
    person.refresh_from_db()
    assert person.status == RegistrationStatus.REGISTERED


def test_a_waiting_person_cannot_be_checked_in(client, manager, tonight):
    person = make_registration(tonight, status="waiting")
    html = (
        login(client, manager)
        .post(_toggle(tonight, person), {"status": "attended"}, **HTMX)
        .content.decode()
    )
    assert "Only people with a place can be checked in" in html
    person.refresh_from_db()
    assert person.status == RegistrationStatus.WAITING


def test_a_bad_status_changes_nothing(client, manager, tonight):
    person = make_registration(tonight)
    html = (
        login(client, manager)
        .post(_toggle(tonight, person), {"status": "cancelled"}, **HTMX)
        .content.decode()
    )
    assert "Tap the button once more." in html
    person.refresh_from_db()
    assert person.status == RegistrationStatus.REGISTERED


@pytest.mark.parametrize("rows", [3, 30])
def test_the_check_in_list_runs_a_bounded_number_of_queries(
    client, manager, tonight, rows, django_assert_max_num_queries
):
    for n in range(rows):
        make_registration(tonight, name=f"Person {n}", status="attended" if n % 2 else "registered")
    login(client, manager)
    with django_assert_max_num_queries(10):
        response = client.get(_checkin(tonight))
    assert len(response.context["rows"]) == rows
    with django_assert_max_num_queries(10):
        client.get(_checkin(tonight), {"q": "Person"}, **HTMX)


# --- The printed list ---------------------------------------------------------------------------


def test_the_attendance_list_prints_names_with_room_to_sign(client, manager, tonight):
    make_registration(tonight, name="Amina Yusuf", email="amina@example.org")
    make_registration(tonight, name="Olena Koval", status="attended")
    make_registration(tonight, name="Waiting Person", status="waiting")
    url = reverse("events:attendance-print", kwargs={"event_id": tonight.pk})
    response = login(client, manager).get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert "events/attendance.css" in html and "Signature" in html and "Present" in html
    # The print layout is a static file (the CSP refuses inline styles).
    assert "@media print" in Path(finders.find("events/attendance.css")).read_text()
    assert "Amina Yusuf" in html and "Olena Koval" in html and "Waiting Person" not in html
    assert "amina@example.org" not in html  # the sheet goes round the room
    assert html.count("Empty line for a walk-in") == 8
    assert tonight.title in html and "Rathaus, Marktplatz 1" in html


# --- Access -------------------------------------------------------------------------------------


def test_counselors_may_not_use_the_door(client, counselor, tonight):
    person = make_registration(tonight)
    login(client, counselor)
    assert client.get(_checkin(tonight)).status_code == 403
    assert client.post(_toggle(tonight, person), {"status": "attended"}).status_code == 403
    url = reverse("events:attendance-print", kwargs={"event_id": tonight.pk})
    assert client.get(url).status_code == 403
    person.refresh_from_db()
    assert person.status == RegistrationStatus.REGISTERED


def test_another_offices_event_or_another_events_person_is_not_found(
    client, manager, tonight, office_a, office_b
):
    theirs = make_event(office_b, starts_in=dt.timedelta(minutes=30))
    their_person = make_registration(theirs)
    other_event = make_event(office_a, starts_in=dt.timedelta(minutes=30))
    our_other_person = make_registration(other_event)
    login(client, manager)
    assert client.get(_checkin(theirs)).status_code == 404
    url = reverse("events:attendance-print", kwargs={"event_id": theirs.pk})
    assert client.get(url).status_code == 404
    for event, person in ((theirs, their_person), (tonight, their_person),
                          (tonight, our_other_person)):  # fmt: skip
        assert client.post(_toggle(event, person), {"status": "attended"}).status_code == 404
    assert not Registration.objects.filter(status=RegistrationStatus.ATTENDED).exists()
    assert client.get(_toggle(tonight, our_other_person)).status_code == 405
