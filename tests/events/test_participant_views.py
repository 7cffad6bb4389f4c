"""The participant list, its row actions, and registering someone by hand or at the door."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import Language, Role
from lotse.events.models import Registration, RegistrationSource, RegistrationStatus
from tests.conftest import login, member
from tests.events.factories import make_event, make_registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def manager(office_a):
    return member(office_a, Role.EVENT_MANAGER, "manager")


def _list(event):
    return reverse("events:participant-list", kwargs={"event_id": event.pk})


def _status(event, registration):
    return reverse(
        "events:participant-status",
        kwargs={"event_id": event.pk, "registration_id": registration.pk},
    )


def _add(event):
    return reverse("events:participant-add", kwargs={"event_id": event.pk})


def _messages(response):
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- The list -----------------------------------------------------------------------------------


def test_the_list_shows_counts_needs_contact_and_waiting_positions(client, manager, office_a):
    event = make_event(office_a, capacity=1)
    make_registration(
        event,
        name="Amina Yusuf",
        email="amina@example.org",
        interpreting_into=Language.objects.get(code="ar"),
        childcare=True,
        accessibility_needs="Rollstuhlplatz",
    )
    first = make_registration(event, name="Olena Koval", phone="0711 123", status="waiting")
    first.waiting_since = timezone.now() - dt.timedelta(hours=2)
    first.save()
    make_registration(event, name="Bilal Haddad", status="waiting")
    make_registration(event, name="Chen Wei", status="cancelled")
    response = login(client, manager).get(_list(event))
    assert response.status_code == 200
    html = response.content.decode()
    assert "amina@example.org" in html and "0711 123" in html
    assert "Interpreting into" in html and "Childcare" in html and "Rollstuhlplatz" in html
    assert "Registered: 1" in html and "Waiting list: 2" in html and "Cancelled: 1" in html
    assert "1 of 1 places taken" in html
    rows = {r.name: r for r in response.context["page"]}
    assert rows["Olena Koval"].waiting_position == 1
    assert rows["Bilal Haddad"].waiting_position == 2
    assert rows["Amina Yusuf"].waiting_position is None


def test_the_list_filters_by_status_and_searches_by_name(client, manager, office_a):
    event = make_event(office_a)
    make_registration(event, name="Amina Yusuf")
    make_registration(event, name="Amir Yousef", status="waiting")
    make_registration(event, name="Olena Koval")
    login(client, manager)
    names = [r.name for r in client.get(_list(event), {"q": "ami"}).context["page"]]
    assert names == ["Amina Yusuf", "Amir Yousef"]
    names = [r.name for r in client.get(_list(event), {"q": "amina yus"}).context["page"]]
    assert names == ["Amina Yusuf"]
    names = [r.name for r in client.get(_list(event), {"status": "waiting"}).context["page"]]
    assert names == ["Amir Yousef"]
    response = client.get(_list(event), {"status": "nonsense"})
    assert response.status_code == 200 and len(response.context["page"]) == 3


@pytest.mark.parametrize("rows", [3, 30])
def test_the_list_runs_a_bounded_number_of_queries(
    client, manager, office_a, rows, django_assert_max_num_queries
):
    event = make_event(office_a, capacity=None)
    arabic = Language.objects.get(code="ar")
    for n in range(rows):
        make_registration(
            event,
            name=f"Person {n}",
            email=f"p{n}@example.org",
            interpreting_into=arabic,
            status="waiting" if n % 3 == 0 else "registered",
        )
    login(client, manager)
    with django_assert_max_num_queries(13):
        response = client.get(_list(event))
    assert len(response.context["page"]) == rows


# --- Row actions --------------------------------------------------------------------------------


def test_cancelling_tells_the_person_and_moves_the_next_one_up(
    client, manager, office_a, django_capture_on_commit_callbacks
):
    event = make_event(office_a, capacity=1)
    holder = make_registration(event, name="Amina Yusuf", email="amina@example.org")
    waiting = make_registration(event, name="Olena Koval", email="olena@example.org",
                                status="waiting")  # fmt: skip
    login(client, manager)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _status(event, holder), {"action": "cancel", "status": "waiting", "q": "o"}, follow=True
        )
    assert response.redirect_chain[-1][0] == _list(event) + "?status=waiting&q=o"
    assert any("moved up" in m for m in _messages(response))
    holder.refresh_from_db()
    waiting.refresh_from_db()
    assert holder.status == RegistrationStatus.CANCELLED
    assert waiting.status == RegistrationStatus.REGISTERED
    assert sorted(m.to[0] for m in mail.outbox) == ["amina@example.org", "olena@example.org"]


def test_admitting_from_the_waiting_list_gives_a_place_beyond_capacity(client, manager, office_a):
    event = make_event(office_a, capacity=1)
    make_registration(event, name="Amina Yusuf")
    waiting = make_registration(event, name="Olena Koval", status="waiting")
    response = login(client, manager).post(
        _status(event, waiting), {"action": "admit"}, follow=True
    )
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED
    assert "Olena Koval has a place now and is told." in _messages(response)


def test_attendance_is_recorded_on_the_day_and_refused_a_week_ahead(client, manager, office_a):
    soon = make_event(office_a, starts_in=dt.timedelta(hours=1))
    person = make_registration(soon, name="Amina Yusuf")
    login(client, manager)
    client.post(_status(soon, person), {"action": "attended"})
    person.refresh_from_db()
    assert person.status == RegistrationStatus.ATTENDED and person.checked_in_at
    client.post(_status(soon, person), {"action": "no_show"})
    person.refresh_from_db()
    assert person.status == RegistrationStatus.NO_SHOW
    client.post(_status(soon, person), {"action": "registered"})
    person.refresh_from_db()
    assert person.status == RegistrationStatus.REGISTERED

    later = make_event(office_a)
    other = make_registration(later, name="Olena Koval")
    response = client.post(_status(later, other), {"action": "attended"}, follow=True)
    other.refresh_from_db()
    assert other.status == RegistrationStatus.REGISTERED
    assert "Attendance can be recorded on the day of the event." in _messages(response)


def test_an_unknown_action_changes_nothing(client, manager, office_a):
    event = make_event(office_a, starts_in=dt.timedelta(hours=1))
    person = make_registration(event)
    response = login(client, manager).post(
        _status(event, person), {"action": "delete"}, follow=True
    )
    person.refresh_from_db()
    assert person.status == RegistrationStatus.REGISTERED
    assert "Choose what to do with the registration." in _messages(response)


def test_after_the_event_the_rest_is_marked_as_not_come(client, manager, office_a):
    event = make_event(office_a, starts_in=dt.timedelta(hours=-3))
    came = make_registration(event, name="Amina Yusuf", status="attended")
    stayed_away = make_registration(event, name="Olena Koval")
    login(client, manager)
    page = client.get(_list(event)).content.decode()
    assert "Mark everyone not checked in as" in page
    url = reverse("events:participants-absent", kwargs={"event_id": event.pk})
    response = client.post(url, follow=True)
    came.refresh_from_db()
    stayed_away.refresh_from_db()
    assert came.status == RegistrationStatus.ATTENDED
    assert stayed_away.status == RegistrationStatus.NO_SHOW
    assert any("marked as 'did not come'" in m for m in _messages(response))


def test_marking_the_rest_absent_before_the_event_is_refused(client, manager, office_a):
    event = make_event(office_a)
    person = make_registration(event)
    url = reverse("events:participants-absent", kwargs={"event_id": event.pk})
    response = login(client, manager).post(url, follow=True)
    person.refresh_from_db()
    assert person.status == RegistrationStatus.REGISTERED
    assert "The event has not begun yet." in _messages(response)
    assert client.get(url).status_code == 405


# --- Registering by hand ------------------------------------------------------------------------


def _person(**fields):
    return {"name": "Amina Yusuf", "language": "en", "consent": "on", **fields}


def test_staff_register_someone_who_gets_a_confirmation(
    client, manager, office_a, django_capture_on_commit_callbacks
):
    event = make_event(office_a)
    login(client, manager)
    assert client.get(_add(event)).status_code == 200
    data = _person(email="Amina@Example.org", interpreting_into="ar", childcare="on",
                   target_group="", country_of_origin="SY")  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_add(event), data, follow=True)
    assert response.redirect_chain[-1][0] == _list(event)
    registration = Registration.objects.get(event=event)
    assert registration.source == RegistrationSource.STAFF
    assert registration.status == RegistrationStatus.REGISTERED
    assert registration.email == "amina@example.org" and registration.language == "en"
    assert registration.interpreting_into_id == "ar" and registration.childcare
    assert registration.country_of_origin_id == "SY" and registration.consent_at
    assert [m.to for m in mail.outbox] == [["amina@example.org"]]
    assert any("the confirmation goes to amina@example.org" in m for m in _messages(response))


def test_a_name_and_consent_are_needed(client, manager, office_a):
    event = make_event(office_a)
    response = login(client, manager).post(_add(event), {"name": "  ", "language": "de"})
    assert response.status_code == 200
    form = response.context["form"]
    assert "name" in form.errors and "consent" in form.errors
    assert not Registration.objects.exists()
    assert 'aria-invalid="true"' in response.content.decode()


def test_a_duplicate_email_is_refused_on_the_field(client, manager, office_a):
    event = make_event(office_a)
    make_registration(event, email="amina@example.org")
    response = login(client, manager).post(_add(event), _person(email="AMINA@example.org"))
    assert response.status_code == 200
    assert response.context["form"].errors["email"] == [
        "This e-mail address is registered for this event already."
    ]
    assert Registration.objects.count() == 1


def test_a_full_event_puts_people_on_the_waiting_list_unless_admitted(client, manager, office_a):
    event = make_event(office_a, capacity=1)
    make_registration(event, name="Holder")
    login(client, manager)
    page = client.get(_add(event)).content.decode()
    assert "The event is full." in page
    response = client.post(_add(event), _person(name="Olena Koval"), follow=True)
    assert Registration.objects.get(name="Olena Koval").status == RegistrationStatus.WAITING
    assert any("on the waiting list" in m for m in _messages(response))
    client.post(_add(event), _person(name="Bilal Haddad", admit_over_capacity="on"))
    assert Registration.objects.get(name="Bilal Haddad").status == RegistrationStatus.REGISTERED


def test_a_full_event_without_waiting_list_says_so(client, manager, office_a):
    event = make_event(office_a, capacity=1, waiting_list=False)
    make_registration(event, name="Holder")
    response = login(client, manager).post(_add(event), _person(name="Olena Koval"))
    assert response.status_code == 200
    assert "This event is full." in response.context["form"].non_field_errors()
    assert not Registration.objects.filter(name="Olena Koval").exists()


def test_a_draft_event_takes_no_registrations(client, manager, office_a):
    event = make_event(office_a, status="draft")
    response = login(client, manager).post(_add(event), _person())
    assert (
        "Publish the event before registering people."
        in response.context["form"].non_field_errors()
    )
    assert not Registration.objects.exists()


def test_a_walk_in_is_checked_in_at_once_and_sent_back_to_the_door(
    client, manager, office_a, django_capture_on_commit_callbacks
):
    event = make_event(office_a, starts_in=dt.timedelta(minutes=20))
    login(client, manager)
    page = client.get(_add(event), {"door": "1"})
    assert page.context["form"]["walk_in"].value() is True
    assert "Register a walk-in" in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _add(event), _person(walk_in="on", email="walk@example.org"), follow=True
        )
    assert response.redirect_chain[-1][0] == reverse(
        "events:checkin", kwargs={"event_id": event.pk}
    )
    registration = Registration.objects.get(event=event)
    assert registration.source == RegistrationSource.DOOR
    assert registration.status == RegistrationStatus.ATTENDED and registration.checked_in_at
    assert mail.outbox == []  # nobody e-mails a person standing in front of them


def test_a_walk_in_at_a_full_event_needs_the_staffs_decision(client, manager, office_a):
    event = make_event(office_a, capacity=1, starts_in=dt.timedelta(minutes=20))
    make_registration(event, name="Holder")
    login(client, manager)
    response = client.post(_add(event), _person(name="Walk In", walk_in="on"))
    assert response.status_code == 200
    assert "admit_over_capacity" in response.context["form"].errors
    assert not Registration.objects.filter(name="Walk In").exists()
    client.post(_add(event), _person(name="Walk In", walk_in="on", admit_over_capacity="on"))
    assert Registration.objects.get(name="Walk In").status == RegistrationStatus.ATTENDED


# --- Access -------------------------------------------------------------------------------------


def test_counselors_may_not_see_or_change_participants(client, counselor, office_a):
    event = make_event(office_a)
    person = make_registration(event)
    login(client, counselor)
    assert client.get(_list(event)).status_code == 403
    assert client.get(_add(event)).status_code == 403
    assert client.post(_add(event), _person()).status_code == 403
    assert client.post(_status(event, person), {"action": "cancel"}).status_code == 403
    person.refresh_from_db()
    assert person.status == RegistrationStatus.REGISTERED


def test_office_admins_may_manage_participants(client, office_admin, office_a):
    event = make_event(office_a)
    assert login(client, office_admin).get(_list(event)).status_code == 200


def test_another_offices_event_and_registration_are_not_found(client, manager, office_a, office_b):
    theirs = make_event(office_b)
    their_person = make_registration(theirs)
    ours = make_event(office_a)
    login(client, manager)
    assert client.get(_list(theirs)).status_code == 404
    assert client.get(_add(theirs)).status_code == 404
    assert client.post(_status(theirs, their_person), {"action": "cancel"}).status_code == 404
    assert client.post(_status(ours, their_person), {"action": "cancel"}).status_code == 404
    their_person.refresh_from_db()
    assert their_person.status == RegistrationStatus.REGISTERED


def test_a_registration_of_another_event_is_not_found(client, manager, office_a):
    event = make_event(office_a)
    other = make_event(office_a)
    person = make_registration(other)
    response = login(client, manager).post(_status(event, person), {"action": "cancel"})
    assert response.status_code == 404
    person.refresh_from_db()
    assert person.status == RegistrationStatus.REGISTERED
