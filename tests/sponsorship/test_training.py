"""Training: sessions, registration up to capacity, attendance, qualification, who still needs
which seminar, who may see the pages, and query bounds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.core.models import AuditEntry, Office, Role, User
from lotse.sponsorship import selectors_training, services_training
from lotse.sponsorship.models import (
    Attendance,
    AttendanceStatus,
    SeminarModule,
    SessionKind,
    TrainingSession,
    Volunteer,
    VolunteerStatus,
)
from tests.conftest import login, member
from tests.sponsorship.test_volunteer_views import make_volunteer

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
LIST_URL = "/staff/sponsorship/training/"
NEW_URL = "/staff/sponsorship/training/new/"
NEEDED_URL = "/staff/sponsorship/training/needed/"


@pytest.fixture(autouse=True)
def _now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def coordinator(office_a: Office) -> User:
    return member(office_a, Role.SPONSOR_COORDINATOR, "coordinator-a")


def make_session(office: Office, days: int = 10, **fields: Any) -> TrainingSession:
    starts = NOW + dt.timedelta(days=days)
    values: dict[str, Any] = {
        "kind": SessionKind.SEMINAR,
        "module": SeminarModule.INTRODUCTION,
        "title": "Introduction to sponsorship",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=3),
        "place": "Town hall, room 2",
        "capacity": 20,
    }
    values.update(fields)
    return TrainingSession.objects.create(office=office, **values)


def volunteer(office: Office, name: str = "Hilfreich", **fields: Any) -> Volunteer:
    fields.setdefault("status", VolunteerStatus.IN_CONVERSATION)
    return make_volunteer(office, last_name=name, email=f"{name.lower()}@example.org", **fields)


def attend(session: TrainingSession, person: Volunteer, status: str = "attended") -> Attendance:
    return Attendance.objects.create(session=session, volunteer=person, status=status)


def url(session: TrainingSession, action: str = "") -> str:
    return f"/staff/sponsorship/training/{session.pk}/{action}"


def form_data(**overrides: Any) -> dict[str, Any]:
    data = {
        "kind": "seminar",
        "module": "introduction",
        "title": "Welcome seminar",
        "starts_at": "2026-04-02T18:00",
        "ends_at": "2026-04-02T21:00",
        "place": "Community centre",
        "capacity": "12",
    }
    data.update(overrides)
    return data


# --- Sessions -------------------------------------------------------------------------------------


def test_create_saves_and_redirects(client: Client, office_a: Office, coordinator: User) -> None:
    login(client, coordinator)
    assert client.get(NEW_URL).status_code == 200
    response = client.post(NEW_URL, form_data())
    session = TrainingSession.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(session)
    assert session.office == office_a
    assert session.title == "Welcome seminar"
    assert session.capacity == 12
    assert session.starts_at == dt.datetime(2026, 4, 2, 16, 0, tzinfo=dt.UTC)  # Berlin, summer
    assert AuditEntry.objects.filter(action="sponsorship.training.session_created").count() == 1


def test_edit_saves(client: Client, office_a: Office, coordinator: User) -> None:
    session = make_session(office_a)
    login(client, coordinator)
    page = client.get(url(session, "edit/"))
    assert "Introduction to sponsorship" in page.content.decode()
    response = client.post(url(session, "edit/"), form_data(title="Renamed", place="Library"))
    assert response.status_code == 302
    session.refresh_from_db()
    assert (session.title, session.place) == ("Renamed", "Library")
    entry = AuditEntry.objects.get(action="sponsorship.training.session_updated")
    assert "title" in entry.data["fields"]


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"ends_at": "2026-04-02T17:00"}, "A session ends after it starts."),
        ({"ends_at": "2026-02-31T17:00"}, "Enter a valid date/time."),
        ({"module": ""}, "Say which seminar module this is."),
        ({"kind": "reflection"}, "Reflection meetings have no seminar module."),
        ({"capacity": "0"}, "greater than or equal to 1"),
    ],
)
def test_bad_input_shows_the_message_and_saves_nothing(
    client: Client, office_a: Office, coordinator: User, overrides: dict[str, str], message: str
) -> None:
    login(client, coordinator)
    response = client.post(NEW_URL, form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert TrainingSession.objects.count() == 0


def test_a_reflection_meeting_without_module_is_fine(
    client: Client, office_a: Office, coordinator: User
) -> None:
    login(client, coordinator)
    response = client.post(NEW_URL, form_data(kind="reflection", module=""))
    assert response.status_code == 302
    assert TrainingSession.objects.get().kind == SessionKind.REFLECTION


def test_capacity_cannot_drop_below_the_registered(office_a: Office, coordinator: User) -> None:
    session = make_session(office_a, capacity=3)
    for name in ("A", "B"):
        attend(session, volunteer(office_a, name), "registered")
    with pytest.raises(ValidationError, match="2 volunteers are registered"):
        services_training.session_save(office=office_a, by=coordinator, session=session, capacity=1)
    session.refresh_from_db()
    assert session.capacity == 3


def test_the_list_shows_upcoming_and_past_with_counts(
    client: Client, office_a: Office, office_b: Office, coordinator: User
) -> None:
    upcoming = make_session(office_a, title="Coming seminar", capacity=5)
    past = make_session(office_a, days=-5, title="Old seminar")
    make_session(office_b, title="Other office seminar")
    attend(upcoming, volunteer(office_a, "A"), "registered")
    attend(upcoming, volunteer(office_a, "B"), "absent")
    attend(past, volunteer(office_a, "C"), "attended")
    login(client, coordinator)
    body = client.get(LIST_URL).content.decode()
    assert "Coming seminar" in body and "1 of 5" in body
    assert "Old seminar" not in body and "Other office seminar" not in body
    body = client.get(f"{LIST_URL}?when=past").content.decode()
    assert "Old seminar" in body and "Coming seminar" not in body


def test_cancel(client: Client, office_a: Office, coordinator: User) -> None:
    session = make_session(office_a)
    login(client, coordinator)
    assert client.post(url(session, "cancel/")).status_code == 302
    session.refresh_from_db()
    assert session.is_cancelled
    # Cancelled twice: the page says so, nothing changes.
    response = client.post(url(session, "cancel/"))
    assert response.status_code == 200
    assert "already cancelled" in response.content.decode()
    # Nobody can be registered for a cancelled session.
    with pytest.raises(ValidationError, match="cancelled"):
        services_training.attendance_register(
            office=office_a, by=coordinator, session=session, volunteer=volunteer(office_a)
        )


# --- Registration and attendance ----------------------------------------------------------------


def test_register_until_full_then_refused(
    client: Client, office_a: Office, coordinator: User
) -> None:
    session = make_session(office_a, capacity=2)
    first, second, third = (volunteer(office_a, name) for name in ("Alpha", "Beta", "Gamma"))
    login(client, coordinator)
    page = client.get(url(session)).content.decode()
    assert "Alpha" in page and "2 places free" in page
    for person in (first, second):
        response = client.post(url(session, "register/"), {"volunteer": person.pk})
        assert response.status_code == 302
    assert "Full" in client.get(url(session)).content.decode()
    with pytest.raises(ValidationError, match=r"This session is full: all 2 places are taken\."):
        services_training.attendance_register(
            office=office_a, by=coordinator, session=session, volunteer=third
        )
    assert Attendance.objects.filter(session=session).count() == 2
    # An excused (absent) volunteer frees their place.
    services_training.attendance_set(
        office=office_a, by=coordinator, session=session, volunteer=first, status="absent"
    )
    services_training.attendance_register(
        office=office_a, by=coordinator, session=session, volunteer=third
    )
    assert Attendance.objects.filter(session=session).count() == 3


def test_duplicate_ended_and_other_office_volunteers_are_refused(
    client: Client, office_a: Office, office_b: Office, coordinator: User
) -> None:
    session = make_session(office_a)
    person = volunteer(office_a)
    attend(session, person, "registered")
    with pytest.raises(ValidationError, match="already registered"):
        services_training.attendance_register(
            office=office_a, by=coordinator, session=session, volunteer=person
        )
    ended = volunteer(office_a, "Ended", status=VolunteerStatus.ENDED)
    with pytest.raises(ValidationError, match="ended"):
        services_training.attendance_register(
            office=office_a, by=coordinator, session=session, volunteer=ended
        )
    foreign = volunteer(office_b, "Foreign")
    with pytest.raises(ValidationError, match="another office"):
        services_training.attendance_register(
            office=office_a, by=coordinator, session=session, volunteer=foreign
        )
    # Through the page: volunteers not on offer are refused with the form's message.
    login(client, coordinator)
    for other in (person, ended, foreign):
        response = client.post(url(session, "register/"), {"volunteer": other.pk})
        assert response.status_code == 200
        assert "Choose a volunteer from the list." in response.content.decode()
    assert Attendance.objects.count() == 1


def test_attended_only_once_the_session_has_started(
    client: Client, office_a: Office, coordinator: User
) -> None:
    starts = NOW + dt.timedelta(minutes=10)
    session = make_session(office_a, starts_at=starts, ends_at=starts + dt.timedelta(hours=2))
    person = volunteer(office_a)
    attend(session, person, "registered")
    login(client, coordinator)
    data = {"volunteer_id": person.pk, "status": "attended"}
    response = client.post(url(session, "attendance/"), data)
    assert response.status_code == 200
    assert "once the session has started" in response.content.decode()
    assert Attendance.objects.get().status == AttendanceStatus.REGISTERED
    with time_machine.travel(session.starts_at + dt.timedelta(minutes=5), tick=False):
        response = client.post(url(session, "attendance/"), data)
    assert response["Location"] == url(session)
    assert Attendance.objects.get().status == AttendanceStatus.ATTENDED
    entry = AuditEntry.objects.get(action="sponsorship.training.attendance_changed")
    assert entry.data == {"volunteer": person.pk, "from": "registered", "to": "attended"}


def test_attendance_of_someone_not_registered_is_refused(
    client: Client, office_a: Office, coordinator: User
) -> None:
    session = make_session(office_a, days=-1)
    person = volunteer(office_a)
    login(client, coordinator)
    response = client.post(url(session, "attendance/"), {"volunteer_id": person.pk, "status": "x"})
    assert response.status_code == 200
    assert "Choose a participant and a status." in response.content.decode()
    response = client.post(
        url(session, "attendance/"), {"volunteer_id": person.pk, "status": "attended"}
    )
    assert response.status_code == 200
    assert "is not registered for this session" in response.content.decode()
    assert Attendance.objects.count() == 0


# --- Qualification --------------------------------------------------------------------------------


def test_qualification_needs_the_introduction(office_a: Office) -> None:
    person = volunteer(office_a)
    assert selectors_training.qualification(person).missing == ["introduction"]
    # Registered, absent, a cancelled seminar, or a reflection meeting do not count.
    attend(make_session(office_a, days=-3), person, "registered")
    attend(make_session(office_a, days=-2), person, "absent")
    attend(make_session(office_a, days=-1, is_cancelled=True), person, "attended")
    attend(make_session(office_a, days=-4, kind="reflection", module=""), person, "attended")
    assert not selectors_training.qualification(person).qualified
    assert person.pk not in set(selectors_training.qualified_volunteer_ids(office_a))
    attend(make_session(office_a, days=-5), person, "attended")
    assert selectors_training.qualification(person).qualified
    assert set(selectors_training.qualified_volunteer_ids(office_a)) == {person.pk}


@pytest.mark.parametrize(
    "fields", [{"prefers": ["family"]}, {"offers": ["authorities", "children_school"]}]
)
def test_work_with_children_also_needs_child_protection(
    office_a: Office, fields: dict[str, Any]
) -> None:
    person = volunteer(office_a, **fields)
    plain = volunteer(office_a, "Plain", prefers=["single"])
    for someone in (person, plain):
        attend(make_session(office_a, days=-5), someone, "attended")
    found = selectors_training.qualifications([person, plain])
    assert found[person.pk].missing == ["child_protection"]
    assert found[plain.pk].qualified
    attend(make_session(office_a, days=-1, module="child_protection"), person, "attended")
    assert selectors_training.qualification(person).qualified


def test_still_needed_lists_who_needs_which_seminar(
    client: Client, office_a: Office, office_b: Office, coordinator: User
) -> None:
    intro = make_session(office_a, days=-5)
    nobody = volunteer(office_a, "Nobody")
    family = volunteer(office_a, "Family", prefers=["family"])
    done = volunteer(office_a, "Done")
    applied = volunteer(office_a, "Applied", status=VolunteerStatus.APPLIED)
    ended = volunteer(office_a, "Ended", status=VolunteerStatus.ENDED)
    volunteer(office_b, "Foreign")
    attend(intro, family)
    attend(intro, done)
    rows = selectors_training.still_needed(user=coordinator, office=office_a)
    assert [(person, missing) for person, missing in rows] == [
        (family, ["child_protection"]),
        (nobody, ["introduction"]),
    ]
    assert applied not in dict(rows) and ended not in dict(rows)
    next_intro = make_session(office_a, days=7)
    make_session(office_a, days=14)
    make_session(office_a, days=3, capacity=1, title="Full")
    attend(TrainingSession.objects.get(title="Full"), done, "registered")
    login(client, coordinator)
    body = client.get(NEEDED_URL).content.decode()
    assert "Nobody" in body and "Family" in body and "Done" not in body
    assert f"{url(next_intro)}?volunteer={nobody.pk}" in body
    assert "no session with free places planned" in body  # child protection


def test_the_volunteer_partial_shows_attendance_and_qualification(office_a: Office) -> None:
    from django.template.loader import render_to_string

    person = volunteer(office_a, prefers=["family"])
    attend(make_session(office_a, days=-5, title="Intro March"), person, "attended")
    training = selectors_training.volunteer_training(person)
    assert training["qualification"].missing == ["child_protection"]
    html = render_to_string(
        "sponsorship/training/_volunteer_training.html",
        {"volunteer": person, "training": training},
    )
    assert "Intro March" in html and "Not yet qualified" in html and "Child protection" in html


# --- Access ---------------------------------------------------------------------------------------


def test_another_offices_session_is_not_found(
    client: Client, office_a: Office, outsider: User
) -> None:
    session = make_session(office_a)
    person = volunteer(office_a)
    attend(session, person, "registered")
    login(client, outsider)
    assert client.get(url(session)).status_code == 404
    assert client.get(url(session, "edit/")).status_code == 404
    assert client.post(url(session, "edit/"), form_data(title="Taken")).status_code == 404
    assert client.post(url(session, "cancel/")).status_code == 404
    assert client.post(url(session, "register/"), {"volunteer": person.pk}).status_code == 404
    data = {"volunteer_id": person.pk, "status": "absent"}
    assert client.post(url(session, "attendance/"), data).status_code == 404
    session.refresh_from_db()
    assert session.title == "Introduction to sponsorship" and not session.is_cancelled
    assert Attendance.objects.get().status == AttendanceStatus.REGISTERED
    with pytest.raises(ValidationError, match="another office"):
        services_training.session_cancel(
            office=Office.objects.get(slug="office-b"), by=outsider, session=session
        )


def test_counselors_get_403(client: Client, office_a: Office, counselor: User) -> None:
    session = make_session(office_a)
    person = volunteer(office_a)
    login(client, counselor)
    for path in (LIST_URL, NEW_URL, NEEDED_URL, url(session), url(session, "edit/")):
        assert client.get(path).status_code == 403, path
    assert client.post(NEW_URL, form_data()).status_code == 403
    assert client.post(url(session, "register/"), {"volunteer": person.pk}).status_code == 403
    assert client.post(url(session, "cancel/")).status_code == 403
    assert TrainingSession.objects.count() == 1 and Attendance.objects.count() == 0
    with pytest.raises(PermissionDenied):
        services_training.attendance_register(
            office=office_a, by=counselor, session=session, volunteer=person
        )


# --- Query bounds ---------------------------------------------------------------------------------


def _queries(client: Client, path: str) -> int:
    client.get(path)  # the first request of a session does some one-off work (its cache)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(path).status_code == 200
    return len(queries)


def _fill(office: Office, count: int) -> TrainingSession:
    session = make_session(office, capacity=100, days=-1)
    for number in range(count):
        make_session(office, days=number + 1, title=f"Seminar {number}")
        make_session(office, days=-number - 2, title=f"Past {number}")
        person = volunteer(office, f"Person{number:03d}", prefers=["family"])
        attend(session, person, "attended" if number % 2 else "registered")
        volunteer(office, f"Waiting{number:03d}")
    return session


@pytest.mark.parametrize("path", ["list", "past", "needed", "detail"])
def test_pages_run_a_bounded_number_of_queries(
    client: Client, office_a: Office, coordinator: User, path: str
) -> None:
    login(client, coordinator)
    counts = []
    for count in (3, 30):
        TrainingSession.objects.all().delete()
        Volunteer.objects.all().delete()
        session = _fill(office_a, count)
        target = {
            "list": LIST_URL,
            "past": f"{LIST_URL}?when=past",
            "needed": NEEDED_URL,
            "detail": url(session),
        }[path]
        counts.append(_queries(client, target))
    assert counts[0] == counts[1], counts
