"""The volunteers' self-service: login and landing, no way into counseling records, trainings,
sign-up with capacity, the minimum about their tandems, availability, a break, and the
coordinators' invitation."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import URLResolver, get_resolver
from django.utils import timezone

from lotse.core import policy
from lotse.core.models import AuditEntry, Office, Role, User
from lotse.counseling.models import Consent, ConsentPurpose
from lotse.sponsorship import access  # noqa: F401  (registers the landing, as apps.ready does)
from lotse.sponsorship.models import (
    Attendance,
    AttendanceStatus,
    SponsorshipRequest,
    Tandem,
    TrainingSession,
    Volunteer,
    VolunteerStatus,
)
from tests.conftest import PASSWORD, login, member
from tests.core.factories import UserFactory
from tests.counseling.factories import make_consultation, make_person
from tests.sweep import MARKER, build_path, iter_routes

HOME = "/volunteer/"


def make_volunteer(office: Office, user: User | None = None, **fields: Any) -> Volunteer:
    values: dict[str, Any] = {
        "first_name": "Greta",
        "last_name": "Hilfreich",
        "email": "greta@example.org",
        "district": "Mitte",
        "availability": ["mon-evening"],
        "offers": ["authorities"],
        "status": VolunteerStatus.ACTIVE,
        "consent_given_at": timezone.now(),
        "user": user,
    }
    values.update(fields)
    return Volunteer.objects.create(office=office, **values)


@pytest.fixture
def volunteer_user(db: None) -> User:
    return UserFactory(username="greta@example.org", email="greta@example.org")


@pytest.fixture
def volunteer(office_a: Office, volunteer_user: User) -> Volunteer:
    return make_volunteer(office_a, volunteer_user)


@pytest.fixture
def coordinator(office_a: Office) -> User:
    return member(office_a, Role.SPONSOR_COORDINATOR, "coordinator-a")


def make_session(office: Office, *, days: int = 7, **fields: Any) -> TrainingSession:
    start = timezone.now() + dt.timedelta(days=days)
    values: dict[str, Any] = {
        "kind": "reflection",
        "module": "",
        "title": "Reflection round",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=2),
        "place": "Town hall",
        "capacity": 10,
    }
    values.update(fields)
    return TrainingSession.objects.create(office=office, **values)


def make_tandem(volunteer: Volunteer, *, consents: tuple[str, ...] = (), **person: Any) -> Tandem:
    office = volunteer.office
    person_fields = {"display_name": "Amina", "email": "amina@example.org", "phone": "0151 123"}
    person_fields.update(person)
    newcomer = make_person(office, consents=("counseling", *consents), **person_fields)
    request = SponsorshipRequest.objects.create(
        office=office,
        person=newcomer,
        subject=newcomer.subject,
        source="counselor",
        status="matched",
        needs=["authorities", "german_practice"],
        languages=["ar"],
        district="Mitte",
        availability=["mon-evening"],
        note="Request note for the coordinators",
    )
    return Tandem.objects.create(
        office=office, request=request, volunteer=volunteer, person=newcomer
    )


# --- Login and landing ----------------------------------------------------------------------------


def test_a_volunteer_logs_in_and_lands_on_the_self_service(
    client: Client, volunteer: Volunteer
) -> None:
    response = client.post(
        "/staff/login/", {"username": "greta@example.org", "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == HOME
    assert response.status_code == 200
    assert "My volunteering" in response.content.decode()


def test_staff_pages_keep_refusing_a_volunteer(client: Client, volunteer: Volunteer) -> None:
    login(client, volunteer.user)
    assert client.get("/staff/sponsorship/volunteers/").status_code == 403
    assert client.get("/staff/counseling/").status_code in {403, 404}


def test_a_user_without_office_or_volunteer_still_gets_the_no_office_page(
    client: Client, office_a: Office
) -> None:
    login(client, UserFactory(username="nobody"))
    assert client.get("/staff/").status_code == 403


def test_staff_keep_their_dashboard(client: Client, coordinator: User) -> None:
    assert login(client, coordinator).get("/staff/").status_code == 200


def test_no_second_factor_for_volunteers(
    client: Client, settings: Any, volunteer: Volunteer
) -> None:
    settings.LOTSE_REQUIRE_2FA = True
    user = User.objects.get(pk=volunteer.user_id)
    assert policy.two_factor_required(user) is False
    login(client, user)
    assert client.get("/staff/").headers["Location"] == HOME
    assert client.get(HOME).status_code == 200
    # A staff member who also volunteers keeps their second factor.
    member(volunteer.office, Role.COUNSELOR, "counselor-volunteer")
    staff = User.objects.get(username="counselor-volunteer")
    make_volunteer(volunteer.office, staff, email="c@example.org")
    response = login(Client(), staff).get(HOME)
    assert response.status_code == 302 and "two-factor" in response.headers["Location"]


@pytest.mark.parametrize("status", [VolunteerStatus.ENDED, VolunteerStatus.APPLIED])
def test_a_volunteer_who_ended_or_only_applied_gets_403(
    client: Client, volunteer: Volunteer, status: str
) -> None:
    Volunteer.objects.filter(pk=volunteer.pk).update(status=status)
    login(client, volunteer.user)
    assert client.get(HOME).status_code == 403
    assert client.get("/staff/").status_code == 403  # no landing either


def test_anonymous_is_sent_to_the_login(client: Client, db: None) -> None:
    response = client.get(HOME)
    assert response.status_code == 302 and "/login/" in response.headers["Location"]


def _counseling_routes() -> list[Any]:
    for entry in get_resolver().url_patterns:
        if isinstance(entry, URLResolver) and entry.namespace == "counseling":
            prefix = str(entry.pattern._route)
            return list(iter_routes(entry.url_patterns, prefix))
    raise AssertionError("the counseling URLs are not mounted")


def test_a_volunteer_opens_no_counseling_page(
    client: Client, volunteer: Volunteer, office_a: Office
) -> None:
    """The URL sweep with the volunteer's own office's records as samples."""
    login(client, volunteer.user)
    make_tandem(volunteer, display_name=MARKER)
    routes = _counseling_routes()
    assert len(routes) > 10
    problems = []
    for route in routes:
        url = build_path(route, office_a)
        assert url is not None, route.path
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            if response.status_code not in {302, 403, 404, 405}:
                problems.append(f"{method} {url}: {response.status_code}")
            elif response.status_code == 302:
                assert (
                    "/login/" in response.headers["Location"]
                    or "two-factor" in (response.headers["Location"])
                ), url
            if MARKER.encode() in response.content:
                problems.append(f"{method} {url} leaked the marker")
    assert problems == []


# --- The home page --------------------------------------------------------------------------------


def test_the_home_shows_trainings_and_what_is_missing(
    client: Client, office_a: Office, office_b: Office, volunteer_user: User
) -> None:
    volunteer = make_volunteer(office_a, volunteer_user, prefers=["family"])
    intro = make_session(
        office_a, days=-10, kind="seminar", module="introduction", title="Intro seminar"
    )
    Attendance.objects.create(session=intro, volunteer=volunteer, status="attended")
    make_session(office_a, title="Reflection in May")
    make_session(office_a, title="Cancelled meeting", is_cancelled=True)
    make_session(office_a, days=-2, title="Past meeting")
    make_session(office_b, title="Elsewhere")
    body = login(client, volunteer_user).get(HOME).content.decode()
    assert "Intro seminar" in body and "Attended" in body
    assert "Still to attend:" in body and "Child protection" in body
    assert "Reflection in May" in body
    for hidden in ("Cancelled meeting", "Past meeting", "Elsewhere"):
        assert hidden not in body


def test_a_qualified_volunteer_is_told_so(
    client: Client, office_a: Office, volunteer: Volunteer
) -> None:
    intro = make_session(office_a, days=-10, kind="seminar", module="introduction")
    Attendance.objects.create(session=intro, volunteer=volunteer, status="attended")
    body = login(client, volunteer.user).get(HOME).content.decode()
    assert "You have attended every seminar you need." in body


def _home_queries(client: Client, django_assert_max_num_queries: Any, bound: int) -> None:
    with django_assert_max_num_queries(bound):
        assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("rows", [3, 30])
def test_the_home_runs_a_bounded_number_of_queries(
    client: Client,
    office_a: Office,
    volunteer: Volunteer,
    django_assert_max_num_queries: Any,
    rows: int,
) -> None:
    others = [make_volunteer(office_a, email=f"o{number}@example.org") for number in range(rows)]
    for number in range(rows):
        session = make_session(office_a, days=number + 1, title=f"Meeting {number}")
        Attendance.objects.create(session=session, volunteer=volunteer)
        Attendance.objects.create(session=session, volunteer=others[number])
        make_tandem(volunteer, consents=("email_contact",) if number % 2 else ())
    login(client, volunteer.user)
    _home_queries(client, django_assert_max_num_queries, 16)


# --- Signing up -----------------------------------------------------------------------------------


def _sign_up(client: Client, session: TrainingSession) -> Any:
    return client.post(f"/volunteer/sessions/{session.pk}/sign-up/", follow=True)


def test_signing_up_registers_and_audits(
    client: Client, office_a: Office, volunteer: Volunteer
) -> None:
    session = make_session(office_a, title="Reflection in May")
    login(client, volunteer.user)
    response = _sign_up(client, session)
    assert "You are registered for “Reflection in May”." in response.content.decode()
    attendance = Attendance.objects.get(session=session, volunteer=volunteer)
    assert attendance.status == AttendanceStatus.REGISTERED
    entry = AuditEntry.objects.get(action="sponsorship.self.attendance_registered")
    assert entry.actor == volunteer.user and entry.office == office_a
    # Twice is refused.
    response = _sign_up(client, session)
    assert "already registered" in response.content.decode()
    assert Attendance.objects.filter(session=session).count() == 1


def test_signing_up_respects_the_capacity(
    client: Client, office_a: Office, volunteer: Volunteer
) -> None:
    session = make_session(office_a, capacity=1)
    other = make_volunteer(office_a, email="other@example.org")
    Attendance.objects.create(session=session, volunteer=other)
    login(client, volunteer.user)
    body = client.get(HOME).content.decode()
    assert "Full" in body
    response = _sign_up(client, session)
    assert "This session is full." in response.content.decode()
    assert not Attendance.objects.filter(session=session, volunteer=volunteer).exists()
    # An excused absence frees the place.
    Attendance.objects.filter(volunteer=other).update(status=AttendanceStatus.ABSENT)
    _sign_up(client, session)
    assert Attendance.objects.filter(session=session, volunteer=volunteer).exists()


def test_no_sign_up_for_past_or_cancelled_sessions(
    client: Client, office_a: Office, volunteer: Volunteer
) -> None:
    login(client, volunteer.user)
    past = make_session(office_a, days=-1)
    cancelled = make_session(office_a, is_cancelled=True)
    assert "already begun" in _sign_up(client, past).content.decode()
    assert "cancelled" in _sign_up(client, cancelled).content.decode()
    assert not Attendance.objects.exists()


def test_another_offices_session_is_not_found(
    client: Client, office_b: Office, volunteer: Volunteer
) -> None:
    session = make_session(office_b)
    login(client, volunteer.user)
    assert client.post(f"/volunteer/sessions/{session.pk}/sign-up/").status_code == 404
    assert not Attendance.objects.exists()


def test_sign_up_is_post_only(client: Client, office_a: Office, volunteer: Volunteer) -> None:
    session = make_session(office_a)
    login(client, volunteer.user)
    assert client.get(f"/volunteer/sessions/{session.pk}/sign-up/").status_code == 405


# --- Tandems --------------------------------------------------------------------------------------


def test_a_tandem_shows_the_minimum_and_no_counseling_record(
    client: Client, volunteer: Volunteer
) -> None:
    tandem = make_tandem(volunteer, full_name="Amina Legalname")
    make_consultation(tandem.person, notes="Counseling note Zzsecret", outcome="Zzoutcome")
    tandem.agreement = "Zzagreement"
    tandem.save()
    body = login(client, volunteer.user).get(HOME).content.decode()
    assert "Amina" in body
    assert "Arabic" in body
    assert "Accompanying to authorities" in body and "Practising German" in body
    for secret in ("Zzsecret", "Zzoutcome", "Legalname", "Request note", "Zzagreement"):
        assert secret not in body
    # No consent to contact: no e-mail or phone.
    assert "amina@example.org" not in body and "0151 123" not in body
    assert "Not shared" in body


def test_contact_details_show_only_while_the_consent_is_in_force(
    client: Client, volunteer: Volunteer
) -> None:
    tandem = make_tandem(volunteer, consents=("email_contact",))
    login(client, volunteer.user)
    body = client.get(HOME).content.decode()
    assert "amina@example.org" in body and "0151 123" in body
    Consent.objects.filter(person=tandem.person, purpose=ConsentPurpose.EMAIL_CONTACT).update(
        withdrawn_on=timezone.localdate()
    )
    body = client.get(HOME).content.decode()
    assert "amina@example.org" not in body


def test_another_volunteers_tandem_is_not_shown(
    client: Client, office_a: Office, volunteer: Volunteer
) -> None:
    other = make_volunteer(office_a, email="other@example.org")
    make_tandem(other, display_name="Someone Else")
    body = login(client, volunteer.user).get(HOME).content.decode()
    assert "Someone Else" not in body


# --- Availability ---------------------------------------------------------------------------------


def test_the_availability_is_updated(client: Client, volunteer: Volunteer) -> None:
    login(client, volunteer.user)
    assert client.get("/volunteer/availability/").status_code == 200
    response = client.post(
        "/volunteer/availability/",
        {"availability": ["sat-morning", "tue-evening"], "offers": ["leisure"], "max_tandems": 2},
    )
    assert response.status_code == 302 and response.headers["Location"] == HOME
    volunteer.refresh_from_db()
    assert volunteer.availability == ["tue-evening", "sat-morning"]
    assert volunteer.offers == ["leisure"]
    assert volunteer.max_tandems == 2
    entry = AuditEntry.objects.get(action="sponsorship.self.availability_updated")
    assert entry.actor == volunteer.user
    assert entry.data["fields"] == ["availability", "max_tandems", "offers"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"offers": ["leisure"], "max_tandems": 1}, "Tick at least one time"),
        ({"availability": ["someday"], "offers": ["leisure"], "max_tandems": 1}, "offered times"),
        ({"availability": ["mon-evening"], "offers": ["leisure"], "max_tandems": 9}, "valid"),
        ({"availability": ["mon-evening"], "max_tandems": 1}, "Tick at least one kind"),
    ],
)
def test_bad_availability_shows_the_error_and_saves_nothing(
    client: Client, volunteer: Volunteer, data: dict[str, Any], message: str
) -> None:
    login(client, volunteer.user)
    response = client.post("/volunteer/availability/", data)
    assert response.status_code == 200
    assert message in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.availability == ["mon-evening"] and volunteer.max_tandems == 1


def test_fewer_tandems_than_running_are_refused(client: Client, volunteer: Volunteer) -> None:
    Volunteer.objects.filter(pk=volunteer.pk).update(max_tandems=3)
    make_tandem(volunteer)
    make_tandem(volunteer, display_name="Omar")
    login(client, volunteer.user)
    response = client.post(
        "/volunteer/availability/",
        {"availability": ["mon-evening"], "offers": ["authorities"], "max_tandems": 1},
    )
    assert response.status_code == 200
    assert "You accompany 2 people at the moment" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.max_tandems == 3


# --- A break --------------------------------------------------------------------------------------


def test_pause_and_resume(client: Client, volunteer: Volunteer) -> None:
    login(client, volunteer.user)
    assert "Take a break" in client.get(HOME).content.decode()
    client.post("/volunteer/pause/")
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.PAUSED
    # Paused volunteers keep their pages.
    body = client.get(HOME).content.decode()
    assert "End my break" in body
    response = client.post("/volunteer/pause/", follow=True)
    assert "This is not possible while your status is “Paused”." in response.content.decode()
    client.post("/volunteer/resume/")
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.ACTIVE
    entries = AuditEntry.objects.filter(action="sponsorship.self.status_changed")
    assert [(e.data["to"], e.actor_id) for e in entries.order_by("id")] == [
        ("paused", volunteer.user_id),
        ("active", volunteer.user_id),
    ]


def test_a_volunteer_in_conversation_cannot_make_themselves_active(
    client: Client, volunteer: Volunteer
) -> None:
    Volunteer.objects.filter(pk=volunteer.pk).update(status=VolunteerStatus.IN_CONVERSATION)
    login(client, volunteer.user)
    client.post("/volunteer/resume/")
    client.post("/volunteer/pause/")
    volunteer.refresh_from_db()
    assert volunteer.status == VolunteerStatus.IN_CONVERSATION


# --- The invitation -------------------------------------------------------------------------------


def _invite(client: Client, volunteer: Volunteer, capture: Any) -> Any:
    with capture(execute=True):
        return client.post(f"/volunteer/invite/{volunteer.pk}/")


def test_the_invitation_creates_the_login_and_queues_the_email(
    client: Client,
    office_a: Office,
    coordinator: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    volunteer = make_volunteer(office_a, email="Neu@Example.org")
    login(client, coordinator)
    body = client.get(f"/staff/sponsorship/volunteers/{volunteer.pk}/").content.decode()
    assert "Invite to log in" in body
    response = _invite(client, volunteer, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    volunteer.refresh_from_db()
    user = volunteer.user
    assert user.username == "neu@example.org" and not user.has_usable_password()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Neu@example.org"]
    link = re.search(r"http://testserver(/staff/password/reset/\S+)", message.body).group(1)
    assert AuditEntry.objects.filter(action="sponsorship.volunteer.invited").count() == 1

    # The link lets the volunteer choose a password; then they log in and land on their page.
    form_url = Client().get(link).headers["Location"]
    anonymous = Client(HTTP_ACCEPT_LANGUAGE="en")
    anonymous.get(link)
    response = anonymous.post(
        form_url, {"new_password1": "a long new secret 42", "new_password2": "a long new secret 42"}
    )
    assert response.status_code == 302
    response = Client(HTTP_ACCEPT_LANGUAGE="en").post(
        "/staff/login/",
        {"username": "neu@example.org", "password": "a long new secret 42"},
        follow=True,
    )
    assert response.redirect_chain[-1][0] == HOME

    # Again: the same account, and a second e-mail.
    _invite(client, volunteer, django_capture_on_commit_callbacks)
    assert User.objects.filter(username="neu@example.org").count() == 1
    assert len(mail.outbox) == 2 and "/staff/login/" in mail.outbox[1].body


def test_only_volunteers_in_the_program_are_invited(
    client: Client,
    office_a: Office,
    coordinator: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    volunteer = make_volunteer(office_a, status=VolunteerStatus.APPLIED)
    login(client, coordinator)
    response = client.post(f"/volunteer/invite/{volunteer.pk}/", follow=True)
    assert "can be invited to log in" in response.content.decode()
    volunteer.refresh_from_db()
    assert volunteer.user is None and not mail.outbox


def test_the_invitation_needs_the_coordinators_role(
    client: Client, office_a: Office, counselor: User, outsider: User
) -> None:
    volunteer = make_volunteer(office_a)
    users_before = User.objects.count()
    assert login(client, counselor).post(f"/volunteer/invite/{volunteer.pk}/").status_code == 403
    assert login(Client(), outsider).post(f"/volunteer/invite/{volunteer.pk}/").status_code == 404
    assert login(Client(), counselor).get(f"/volunteer/invite/{volunteer.pk}/").status_code in {
        403,
        405,
    }
    assert User.objects.count() == users_before


def test_an_existing_account_is_linked_without_a_password_link(
    client: Client,
    office_a: Office,
    coordinator: User,
    volunteer: Volunteer,
    django_capture_on_commit_callbacks: Any,
) -> None:
    staff = member(office_a, Role.COUNSELOR, "helper@example.org")
    User.objects.filter(pk=staff.pk).update(email="helper@example.org")
    newcomer = make_volunteer(office_a, email="helper@example.org")
    login(client, coordinator)
    _invite(client, newcomer, django_capture_on_commit_callbacks)
    newcomer.refresh_from_db()
    assert newcomer.user_id == staff.pk
    assert "/staff/login/" in mail.outbox[0].body and "reset" not in mail.outbox[0].body
    # A login already used by another volunteer is not shared.
    third = make_volunteer(office_a, email=volunteer.email)
    response = _invite(client, third, django_capture_on_commit_callbacks)
    third.refresh_from_db()
    assert third.user is None and len(mail.outbox) == 1
    assert response.status_code == 302
