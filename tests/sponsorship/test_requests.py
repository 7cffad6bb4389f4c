"""Sponsorship requests: a counselor asks from a person's record (consent needed), a newcomer asks
in the portal, a counselor confirms, a coordinator closes; the queue and its waiting times, who
may do what, and query bounds."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.core.models import AuditEntry, Office, Role, User
from lotse.core.spam import MIN_SECONDS, start_token
from lotse.counseling.models import ConsentPurpose, Person
from lotse.sponsorship import services_requests as services
from lotse.sponsorship.models import RequestSource, RequestStatus, SponsorshipRequest, Urgency
from tests.conftest import login, member
from tests.counseling.factories import make_person

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)
LIST_URL = "/staff/sponsorship/requests/"
CREATE_URL = "/staff/sponsorship/requests/new/"
ASK_URL = "/en/volunteer/ask/"
ASK_THANKS_URL = "/en/volunteer/ask/thanks/"
WITH_CONSENT = (ConsentPurpose.COUNSELING, ConsentPurpose.SPONSOR_PROGRAM)


@pytest.fixture(autouse=True)
def _now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def coordinator(office_a: Office) -> User:
    return member(office_a, Role.SPONSOR_COORDINATOR, "coordinator-a")


@pytest.fixture
def person(office_a: Office) -> Person:
    person = make_person(office_a, display_name="Amira", consents=WITH_CONSENT)
    person.municipality = "Bad Cannstatt"
    person.save()
    person.languages.set(["ar", "en"])
    return person


def detail_url(request: SponsorshipRequest, action: str = "") -> str:
    return f"/staff/sponsorship/requests/{request.pk}/{action}"


def create_url(person: Person) -> str:
    return f"{CREATE_URL}?person={person.pk}"


def request_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "needs": ["authorities", "german_practice"],
        "languages": ["ar", "de"],
        "district": "Bad Cannstatt",
        "availability": ["sat-morning", "mon-evening"],
        "kind": "family",
        "has_children": "on",
        "gender_preference": "female",
        "interests": "Cooking",
        "urgency": "high",
        "note": "Appointment at the foreigners' office next month.",
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def make_request(office: Office, person: Person | None = None, **fields: Any) -> SponsorshipRequest:
    values: dict[str, Any] = {
        "source": RequestSource.COUNSELOR if person else RequestSource.PORTAL,
        "status": RequestStatus.WAITING if person else RequestStatus.TO_CONFIRM,
        "needs": ["authorities"],
        "languages": ["ar"],
        "district": "Mitte",
        "availability": ["mon-morning"],
        "waiting_since": timezone.now() if person else None,
    }
    if person is not None:
        values.update(person=person, subject=person.subject)
    else:
        values.update(contact_name="Yusuf", contact_email="yusuf@example.org", contact_phone="0711")
    values.update(fields)
    return SponsorshipRequest.objects.create(office=office, **values)


# --- A counselor asks from a person's record ---------------------------------------------------


def test_the_form_is_prefilled_from_the_persons_record(
    client: Client, counselor: User, person: Person
) -> None:
    response = login(client, counselor).get(create_url(person))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ask for a sponsor for Amira" in content
    assert '<option value="ar" selected>' in content
    assert '<option value="en" selected>' in content
    assert '<option value="de" selected>' not in content
    assert 'value="Bad Cannstatt"' in content
    assert "has not consented to the sponsor program" not in content


def test_a_counselor_asks_for_a_sponsor_and_the_request_waits(
    client: Client, counselor: User, person: Person
) -> None:
    response = login(client, counselor).post(create_url(person), request_data())
    request = SponsorshipRequest.objects.get()
    assert response.status_code == 302
    assert response["Location"] == detail_url(request)
    assert request.office == person.office
    assert request.person == person
    assert request.subject == person.subject
    assert request.source == RequestSource.COUNSELOR
    assert request.status == RequestStatus.WAITING
    assert request.waiting_since == NOW
    assert request.requested_by == counselor
    # Stored in the catalogue's order, whatever order the form sent.
    assert request.needs == ["authorities", "german_practice"]
    assert request.availability == ["mon-evening", "sat-morning"]
    assert request.languages == ["ar", "de"]
    assert request.has_children is True
    assert request.urgency == Urgency.HIGH
    entry = AuditEntry.objects.get(action="sponsorship.request.created")
    assert entry.actor == counselor
    assert entry.object_id == str(request.pk)
    assert "Amira" not in str(entry.data)


def test_without_the_consent_the_request_is_refused_with_a_way_to_record_it(
    client: Client, counselor: User, office_a: Office
) -> None:
    person = make_person(office_a, display_name="Omar")
    login(client, counselor)
    content = client.get(create_url(person)).content.decode()
    assert "Omar has not consented to the sponsor program." in content
    assert f"/staff/counseling/people/{person.pk}/consents/new/?purpose=sponsor_program" in content

    response = client.post(create_url(person), request_data())
    assert response.status_code == 200
    assert "Omar has not consented to the sponsor program." in response.content.decode()
    assert SponsorshipRequest.objects.count() == 0
    assert not AuditEntry.objects.filter(action="sponsorship.request.created").exists()


def test_a_person_of_another_office_is_not_found(
    client: Client, counselor: User, office_b: Office
) -> None:
    stranger = make_person(office_b, display_name="Stranger", consents=WITH_CONSENT)
    login(client, counselor)
    assert client.get(create_url(stranger)).status_code == 404
    assert client.post(create_url(stranger), request_data()).status_code == 404
    assert SponsorshipRequest.objects.count() == 0


def test_the_service_refuses_a_person_of_another_office(
    counselor: User, office_a: Office, office_b: Office
) -> None:
    stranger = make_person(office_b, consents=WITH_CONSENT)
    with pytest.raises(ValidationError, match="another office"):
        services.request_for_person(
            office=office_a,
            by=counselor,
            person=stranger,
            needs=["authorities"],
            languages=["ar"],
            district="Mitte",
            availability=["mon-morning"],
        )
    assert SponsorshipRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("needs", ["flying"], "Choose from the offered kinds of help."),
        ("needs", [], "Tick at least one kind of help."),
        ("availability", ["mon-night"], "Choose from the offered times."),
        ("availability", [], "Tick at least one time of the week."),
        ("languages", ["xx"], "Choose from the offered languages."),
        ("languages", [], "Name at least one language."),
    ],
)
def test_the_service_refuses_unknown_or_missing_wishes(
    counselor: User, person: Person, field: str, value: list[str], message: str
) -> None:
    wishes: dict[str, Any] = {
        "needs": ["authorities"],
        "languages": ["ar"],
        "availability": ["mon-morning"],
        field: value,
    }
    with pytest.raises(ValidationError) as raised:
        services.request_for_person(
            office=person.office, by=counselor, person=person, district="Mitte", **wishes
        )
    assert raised.value.message_dict[field] == [message]
    assert SponsorshipRequest.objects.count() == 0


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"needs": ["flying"]}, "Choose from the offered kinds of help."),
        ({"availability": ["mon-night"]}, "Choose from the offered times."),
        ({"languages": ["xx"]}, "Choose from the offered languages."),
        ({"needs": None}, "Tick at least one kind of help."),
    ],
)
def test_the_form_shows_bad_wishes_and_saves_nothing(
    client: Client, counselor: User, person: Person, overrides: dict[str, Any], message: str
) -> None:
    response = login(client, counselor).post(create_url(person), request_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SponsorshipRequest.objects.count() == 0


def test_without_a_person_the_page_asks_for_the_client_number(
    client: Client, coordinator: User, person: Person
) -> None:
    login(client, coordinator)
    response = client.get(CREATE_URL)
    assert response.status_code == 200
    assert 'name="client_number"' in response.content.decode()
    response = client.get(CREATE_URL, {"client_number": person.client_number})
    assert response.status_code == 302
    assert response["Location"] == create_url(person)
    response = client.get(CREATE_URL, {"client_number": "A-2026-99999"})
    assert "No record of your office has this client number." in response.content.decode()


# --- The portal -------------------------------------------------------------------------------


@pytest.fixture
def office(office_a: Office) -> Office:
    office_a.email = "wc-a@example.org"
    office_a.save()
    return office_a


def ask_data(office: Office, /, **overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "office": office.pk,
        "contact_name": "Yusuf Haddad",
        "contact_email": " Yusuf@Example.org ",
        "contact_phone": "",
        "languages": ["ar"],
        "district": "Feuerbach",
        "kind": "family",
        "has_children": "on",
        "needs": ["housing"],
        "availability": ["tue-afternoon"],
        "gender_preference": "",
        "note": "",
        "consent": "on",
        "website": "",
        "started": start_token(time.time() - MIN_SECONDS - 5),
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_portal_form_renders(client: Client, office: Office) -> None:
    response = client.get(ASK_URL)
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ask for a welcome sponsor" in content
    assert 'name="consent"' in content
    assert 'id="privacy-text"' in content
    assert 'id="id_availability_mon_morning"' in content
    assert f'type="hidden" name="office" value="{office.pk}"' in content


def test_a_newcomer_asks_in_the_portal_and_the_office_learns_no_personal_data(
    client: Client, office: Office, django_capture_on_commit_callbacks: Any
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK_URL, ask_data(office))
    assert response.status_code == 302
    assert response["Location"] == ASK_THANKS_URL
    request = SponsorshipRequest.objects.get()
    assert request.office == office
    assert request.person is None
    assert request.subject is None
    assert request.source == RequestSource.PORTAL
    assert request.status == RequestStatus.TO_CONFIRM
    assert request.waiting_since is None
    assert request.contact_name == "Yusuf Haddad"
    assert request.contact_email == "yusuf@example.org"
    assert request.has_children is True
    assert [message.to for message in mail.outbox] == [["wc-a@example.org"]]
    body = mail.outbox[0].body
    assert "/staff/sponsorship/requests/" in body
    for private in ("Yusuf", "yusuf@example.org", "Feuerbach"):
        assert private not in body
    assert client.get(ASK_THANKS_URL).status_code == 200


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": None}, "Without your consent we cannot take your request."),
        ({"contact_email": ""}, "Give an e-mail address or a phone number, please."),
        ({"languages": None}, "Name at least one language."),
        ({"availability": None}, "Tick at least one time of the week."),
        ({"needs": ["flying"]}, "Choose from the offered kinds of help."),
    ],
)
def test_the_portal_refuses_an_incomplete_request(
    client: Client, office: Office, overrides: dict[str, Any], message: str
) -> None:
    response = client.post(ASK_URL, ask_data(office, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert SponsorshipRequest.objects.count() == 0
    assert mail.outbox == []


def test_a_phone_number_is_enough(client: Client, office: Office) -> None:
    response = client.post(ASK_URL, ask_data(office, contact_email="", contact_phone="0711 123"))
    assert response.status_code == 302
    assert SponsorshipRequest.objects.get().contact_phone == "0711 123"


@pytest.mark.parametrize(
    "overrides",
    [{"website": "http://spam.example"}, {"started": start_token()}, {"started": "forged"}],
)
def test_spam_gets_the_thank_you_page_and_saves_nothing(
    client: Client,
    office: Office,
    overrides: dict[str, Any],
    django_capture_on_commit_callbacks: Any,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(ASK_URL, ask_data(office, **overrides))
    assert response.status_code == 302
    assert response["Location"] == ASK_THANKS_URL
    assert SponsorshipRequest.objects.count() == 0
    assert mail.outbox == []


# --- Confirm and close ------------------------------------------------------------------------


def test_a_counselor_confirms_a_portal_request_and_the_contact_copy_goes(
    client: Client, counselor: User, person: Person, office_a: Office
) -> None:
    request = make_request(office_a, created_at=NOW - dt.timedelta(days=5))
    login(client, counselor)
    content = client.get(detail_url(request)).content.decode()
    assert "yusuf@example.org" in content
    assert 'name="client_number"' in content
    response = client.post(detail_url(request, "confirm/"), {"client_number": person.client_number})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.person == person
    assert request.subject == person.subject
    assert request.status == RequestStatus.WAITING
    assert request.waiting_since == NOW
    assert (request.contact_name, request.contact_email, request.contact_phone) == ("", "", "")
    assert AuditEntry.objects.filter(action="sponsorship.request.confirmed").count() == 1


def test_confirming_needs_the_persons_consent(
    client: Client, counselor: User, office_a: Office
) -> None:
    person = make_person(office_a, display_name="Omar")
    request = make_request(office_a)
    response = login(client, counselor).post(
        detail_url(request, "confirm/"), {"client_number": person.client_number}
    )
    assert response.status_code == 200
    assert "Omar has not consented to the sponsor program." in response.content.decode()
    request.refresh_from_db()
    assert request.person is None
    assert request.status == RequestStatus.TO_CONFIRM
    assert request.contact_email == "yusuf@example.org"


def test_confirming_with_another_offices_client_number_finds_nobody(
    client: Client, counselor: User, office_a: Office, office_b: Office
) -> None:
    stranger = make_person(office_b, consents=WITH_CONSENT)
    request = make_request(office_a)
    response = login(client, counselor).post(
        detail_url(request, "confirm/"), {"client_number": stranger.client_number}
    )
    assert response.status_code == 200
    assert "No record of your office has this client number." in response.content.decode()
    request.refresh_from_db()
    assert request.person is None


def test_a_coordinator_closes_a_request(
    client: Client, coordinator: User, person: Person, office_a: Office
) -> None:
    request = make_request(office_a, person)
    login(client, coordinator)
    assert "Close request" in client.get(detail_url(request)).content.decode()
    response = client.post(detail_url(request, "close/"), {"reason": "No longer needed"})
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.CLOSED
    assert request.closed_at == NOW
    assert request.close_reason == "No longer needed"
    entry = AuditEntry.objects.get(action="sponsorship.request.closed")
    assert "No longer needed" not in str(entry.data)


def test_closing_needs_a_reason(
    client: Client, coordinator: User, person: Person, office_a: Office
) -> None:
    request = make_request(office_a, person)
    response = login(client, coordinator).post(detail_url(request, "close/"), {"reason": " "})
    assert response.status_code == 200
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING


def test_a_counselor_asks_but_cannot_close(
    client: Client, counselor: User, person: Person, office_a: Office
) -> None:
    request = make_request(office_a, person)
    login(client, counselor)
    assert "Close request" not in client.get(detail_url(request)).content.decode()
    response = client.post(detail_url(request, "close/"), {"reason": "No longer needed"})
    assert response.status_code == 403
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING


def test_a_coordinator_may_ask_for_a_person(
    client: Client, coordinator: User, person: Person
) -> None:
    response = login(client, coordinator).post(create_url(person), request_data())
    assert response.status_code == 302
    assert SponsorshipRequest.objects.get().requested_by == coordinator


def test_another_offices_request_is_not_found(
    client: Client, outsider: User, person: Person, office_a: Office
) -> None:
    request = make_request(office_a, person)
    login(client, outsider)
    assert client.get(detail_url(request)).status_code == 404
    assert client.post(detail_url(request, "close/"), {"reason": "x"}).status_code == 404
    assert (
        client.post(detail_url(request, "confirm/"), {"client_number": "A-1-1"}).status_code == 404
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.WAITING


def test_roles_without_the_action_get_403(client: Client, office_a: Office) -> None:
    viewer = member(office_a, Role.STATISTICS_VIEWER, "viewer-a")
    login(client, viewer)
    assert client.get(LIST_URL).status_code == 403
    assert client.get(CREATE_URL).status_code == 403


# --- The queue --------------------------------------------------------------------------------


def test_the_queue_puts_urgent_first_then_the_longest_waiting(
    client: Client, coordinator: User, office_a: Office
) -> None:
    def person_named(name: str) -> Person:
        return make_person(office_a, display_name=name, consents=WITH_CONSENT)

    make_request(office_a, person_named("Recent"), waiting_since=NOW - dt.timedelta(days=2))
    make_request(office_a, person_named("Longest"), waiting_since=NOW - dt.timedelta(days=23))
    make_request(
        office_a,
        person_named("Urgent"),
        urgency=Urgency.HIGH,
        waiting_since=NOW - dt.timedelta(days=1),
    )
    # Not confirmed yet: counts from when it was sent.
    make_request(office_a, contact_name="Portal", created_at=NOW - dt.timedelta(days=10))
    make_request(office_a, person_named("Gone"), status=RequestStatus.CLOSED)
    make_request(office_a, person_named("Paired"), status=RequestStatus.MATCHED)

    content = login(client, coordinator).get(LIST_URL).content.decode()
    order = ["Urgent", "Longest", "Portal", "Recent"]
    positions = [content.index(f">{name}") for name in order]
    assert positions == sorted(positions)
    assert ">Gone" not in content
    assert ">Paired" not in content
    assert "waiting 23 days" in content
    assert "waiting 10 days" in content
    assert "waiting 1 day<" in content

    filtered = client.get(LIST_URL, {"status": "to_confirm"}).content.decode()
    assert ">Portal" in filtered
    assert ">Longest" not in filtered
    urgent = client.get(LIST_URL, {"urgency": "high"}).content.decode()
    assert ">Urgent" in urgent
    assert ">Recent" not in urgent
    assert client.get(LIST_URL, {"status": "bogus"}).status_code == 200


def test_waiting_time_grows_with_the_days(
    client: Client, coordinator: User, person: Person, office_a: Office
) -> None:
    make_request(office_a, person)
    login(client, coordinator)
    assert "waiting 0 days" in client.get(LIST_URL).content.decode()
    with time_machine.travel(NOW + dt.timedelta(days=23, hours=1), tick=False):
        login(client, coordinator)  # the session of 23 days ago has expired
        assert "waiting 23 days" in client.get(LIST_URL).content.decode()


def _queries(client: Client, url: str) -> int:
    client.get(url)  # the first request of a session loads what later ones find cached
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context.captured_queries)


def test_the_queue_runs_a_bounded_number_of_queries(
    client: Client, coordinator: User, office_a: Office
) -> None:
    login(client, coordinator)

    def add(count: int) -> None:
        for number in range(count):
            person = make_person(office_a, display_name=f"P{number}", consents=())
            make_request(office_a, person, languages=["ar", "de", "uk"])
            make_request(office_a, contact_name=f"Portal {number}")

    add(3)
    few = _queries(client, LIST_URL)
    add(27)
    assert _queries(client, LIST_URL) == few


def test_the_detail_runs_a_bounded_number_of_queries(
    client: Client, coordinator: User, person: Person, office_a: Office
) -> None:
    login(client, coordinator)
    few = make_request(office_a, person, languages=["ar"])
    many = make_request(office_a, person, languages=["ar", "de", "uk", "fa", "tr", "ru"])
    assert _queries(client, detail_url(many)) == _queries(client, detail_url(few))
    assert _queries(client, create_url(person)) < 20
