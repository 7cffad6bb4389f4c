"""The matching page: computing proposals with the hard rules, accepting (tandem and e-mails),
rejecting for good, swapping, who may reach it, and query bounds."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lotse.core.models import AuditEntry, Office, Role, User
from lotse.counseling.models import ConsentPurpose
from lotse.sponsorship import matching, selectors_matching, services_matching
from lotse.sponsorship.models import (
    Attendance,
    AttendanceStatus,
    Proposal,
    ProposalStatus,
    RequestStatus,
    SponsorshipRequest,
    Tandem,
    TandemStatus,
    TrainingSession,
    Volunteer,
    VolunteerLanguage,
    VolunteerStatus,
)
from tests.conftest import login, member
from tests.counseling.factories import make_consultation, make_person

pytestmark = pytest.mark.django_db

MATCHING_URL = "/staff/sponsorship/matching/"
RUN_URL = "/staff/sponsorship/matching/run/"


@pytest.fixture(autouse=True)
def _today() -> Any:
    with time_machine.travel(dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


@pytest.fixture
def coordinator(office_a: Office) -> User:
    return member(office_a, Role.SPONSOR_COORDINATOR, "coordinator-a")


def qualify(volunteer: Volunteer, status: str = AttendanceStatus.ATTENDED, **session: Any) -> None:
    """The introductory seminar, attended (or as given)."""
    start = timezone.now() - dt.timedelta(days=20)
    values: dict[str, Any] = {
        "office": volunteer.office,
        "kind": "seminar",
        "module": "introduction",
        "title": "Introduction",
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=3),
        "place": "Town hall",
    }
    values.update(session)
    training = TrainingSession.objects.create(**values)
    Attendance.objects.create(session=training, volunteer=volunteer, status=status)


def make_volunteer(
    office: Office,
    *,
    languages: tuple[tuple[str, int], ...] = (("de", 5), ("ar", 3)),
    qualified: bool = True,
    **fields: Any,
) -> Volunteer:
    values: dict[str, Any] = {
        "first_name": "Greta",
        "last_name": "Hilfreich",
        "email": "greta@example.org",
        "phone": "0711 555",
        "district": "Bad Cannstatt",
        "availability": ["mon-evening", "tue-evening"],
        "offers": ["authorities", "everyday"],
        "status": VolunteerStatus.ACTIVE,
        "pledge_signed_on": dt.date(2026, 1, 5),
        "consent_given_at": timezone.now(),
    }
    values.update(fields)
    volunteer = Volunteer.objects.create(office=office, **values)
    VolunteerLanguage.objects.bulk_create(
        VolunteerLanguage(volunteer=volunteer, language_id=code, level=level)
        for code, level in languages
    )
    if qualified:
        qualify(volunteer)
    return volunteer


def make_request(office: Office, *, person: Any = None, **fields: Any) -> SponsorshipRequest:
    if person is None:
        person = make_person(office, display_name=fields.pop("name", "Amira"))
    values: dict[str, Any] = {
        "source": "counselor",
        "needs": ["authorities"],
        "languages": ["ar"],
        "district": "Bad Cannstatt",
        "availability": ["mon-evening"],
        "waiting_since": timezone.now() - dt.timedelta(days=12),
    }
    values.update(fields)
    return SponsorshipRequest.objects.create(
        office=office, person=person, subject=person.subject, **values
    )


def run(office: Office, by: User) -> list[Proposal]:
    return services_matching.run(office=office, by=by)


def pairs(office: Office) -> set[tuple[int, int]]:
    return set(
        Proposal.objects.filter(office=office, status=ProposalStatus.PROPOSED).values_list(
            "request_id", "volunteer_id"
        )
    )


def url(proposal: Proposal, action: str) -> str:
    return f"/staff/sponsorship/matching/{proposal.pk}/{action}/"


# --- Computing proposals --------------------------------------------------------------------------


def test_children_only_go_to_a_volunteer_with_the_certificate(
    office_a: Office, coordinator: User
) -> None:
    without = make_volunteer(office_a, first_name="Ohne")
    with_cert = make_volunteer(
        office_a,
        first_name="Mit",
        district="Feuerbach",
        certificate_seen_on=dt.date(2025, 6, 1),
        certificate_recheck_on=dt.date(2030, 6, 1),
    )
    family = make_request(office_a, kind="family", has_children=True)
    run(office_a, coordinator)
    # The volunteer without the certificate scores higher (same district) but is never proposed.
    assert pairs(office_a) == {(family.pk, with_cert.pk)}
    del without


def test_an_expired_certificate_does_not_count(office_a: Office, coordinator: User) -> None:
    make_volunteer(
        office_a,
        certificate_seen_on=dt.date(2021, 1, 1),
        certificate_recheck_on=dt.date(2026, 1, 1),
    )
    make_request(office_a, kind="family", has_children=True)
    assert run(office_a, coordinator) == []


@pytest.mark.parametrize(
    "setup",
    ["not_qualified", "paused", "absent", "cancelled_seminar", "other_module", "other_office"],
)
def test_only_active_qualified_volunteers_are_proposed(
    office_a: Office, office_b: Office, coordinator: User, setup: str
) -> None:
    kwargs: dict[str, Any] = {"qualified": False}
    if setup == "paused":
        kwargs.update(qualified=True, status=VolunteerStatus.PAUSED)
    volunteer = make_volunteer(office_b if setup == "other_office" else office_a, **kwargs)
    if setup == "absent":
        qualify(volunteer, status=AttendanceStatus.ABSENT)
    elif setup == "cancelled_seminar":
        qualify(volunteer, is_cancelled=True)
    elif setup == "other_module":
        qualify(volunteer, module="intercultural")
    elif setup == "other_office":
        qualify(volunteer)
    make_request(office_a)
    assert run(office_a, coordinator) == []
    # The control: the same volunteer, qualified and active in the office, is proposed.
    control = make_volunteer(office_a)
    assert [p.volunteer_id for p in run(office_a, coordinator)] == [control.pk]


def test_capacity_counts_active_tandems(office_a: Office, coordinator: User) -> None:
    volunteer = make_volunteer(office_a, max_tandems=2)
    busy = make_request(office_a, status=RequestStatus.MATCHED)
    tandem = Tandem.objects.create(
        office=office_a, request=busy, volunteer=volunteer, person=busy.person
    )
    first, second = make_request(office_a), make_request(office_a, name="Bashir")
    # One place left of two: only one of the two waiting requests gets the volunteer.
    assert len(run(office_a, coordinator)) == 1
    volunteer.max_tandems = 1
    volunteer.save()
    assert run(office_a, coordinator) == []
    assert pairs(office_a) == set()  # the previous run's open proposal went
    tandem.status = TandemStatus.ENDED
    tandem.save()
    assert len(run(office_a, coordinator)) == 1
    del first, second


def test_a_rejected_pair_is_never_proposed_again(
    client: Client, office_a: Office, coordinator: User
) -> None:
    greta = make_volunteer(office_a)
    request = make_request(office_a)
    (proposal,) = run(office_a, coordinator)
    assert proposal.volunteer_id == greta.pk
    response = login(client, coordinator).post(url(proposal, "reject"))
    assert response.status_code == 302
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.REJECTED
    client.post(RUN_URL)
    assert pairs(office_a) == set()
    other = make_volunteer(office_a, first_name="Olga", district="Feuerbach")
    client.post(RUN_URL)
    assert pairs(office_a) == {(request.pk, other.pk)}
    assert AuditEntry.objects.filter(action="sponsorship.match.run").count() == 3


def test_rerun_replaces_open_proposals_and_keeps_decided_ones(
    office_a: Office, coordinator: User
) -> None:
    make_volunteer(office_a)
    make_request(office_a)
    run(office_a, coordinator)
    first_ids = set(Proposal.objects.values_list("pk", flat=True))
    run(office_a, coordinator)
    assert Proposal.objects.count() == 1
    assert set(Proposal.objects.values_list("pk", flat=True)) != first_ids


def test_stored_reasons_carry_key_and_params(office_a: Office, coordinator: User) -> None:
    make_volunteer(office_a)
    make_request(office_a)
    (proposal,) = run(office_a, coordinator)
    keys = [reason["key"] for reason in proposal.reasons]
    assert "speaks" in keys and "same_district" in keys
    speaks = next(r for r in proposal.reasons if r["key"] == "speaks")
    assert speaks["params"] == {"languages": "ar"}


def test_reason_messages_match_the_engine() -> None:
    assert {key: str(text) for key, text in selectors_matching.REASON_MESSAGES.items()} == (
        matching.MESSAGES
    )


# --- The page -------------------------------------------------------------------------------------


def test_page_shows_proposals_with_reasons_in_words_and_counts(
    client: Client, office_a: Office, coordinator: User
) -> None:
    make_volunteer(office_a, first_name="Greta", last_name="Hilfreich")
    make_request(office_a, name="Amira", kind="family", needs=["authorities", "housing"])
    make_request(office_a, name="Bashir", languages=["uk"])  # nobody speaks Ukrainian
    run(office_a, coordinator)
    response = login(client, coordinator).get(MATCHING_URL)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Amira" in body and "Greta Hilfreich" in body
    assert "Speaks Arabic" in body
    assert "Covers 1 of 2 needs" in body
    assert "Waiting 12 days" in body
    assert "Compute proposals" in body
    assert 'id="count-waiting">2<' in body
    assert 'id="count-available">1<' in body
    assert 'id="count-proposed">1<' in body


def test_run_button_computes_and_redirects(
    client: Client, office_a: Office, coordinator: User
) -> None:
    make_volunteer(office_a)
    make_request(office_a)
    response = login(client, coordinator).post(RUN_URL)
    assert response.status_code == 302
    assert response["Location"] == MATCHING_URL
    assert Proposal.objects.filter(office=office_a).count() == 1


def test_pages_refuse_a_counselor(client: Client, office_a: Office, counselor: User) -> None:
    make_volunteer(office_a)
    make_request(office_a)
    (proposal,) = run(office_a, member(office_a, Role.OFFICE_ADMIN, "admin-x"))
    login(client, counselor)
    assert client.get(MATCHING_URL).status_code == 403
    assert client.post(RUN_URL).status_code == 403
    for action in ("accept", "reject", "swap"):
        assert client.post(url(proposal, action)).status_code == 403
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.PROPOSED


def test_another_offices_proposal_is_not_found(
    client: Client, office_a: Office, coordinator: User, outsider: User
) -> None:
    make_volunteer(office_a)
    make_request(office_a)
    (proposal,) = run(office_a, coordinator)
    login(client, outsider)
    for action in ("accept", "reject", "swap"):
        assert client.post(url(proposal, action)).status_code == 404
    assert Proposal.objects.get(pk=proposal.pk).status == ProposalStatus.PROPOSED
    assert not Tandem.objects.exists()


def test_page_queries_are_bounded(client: Client, office_a: Office, coordinator: User) -> None:
    def measure(count: int) -> int:
        Proposal.objects.all().delete()
        for number in range(count):
            make_volunteer(office_a, email=f"v{number}@example.org")
            make_request(office_a, name=f"Person {number}")
        run(office_a, coordinator)
        assert Proposal.objects.filter(office=office_a).count() >= count
        with CaptureQueriesContext(connection) as queries:
            assert client.get(MATCHING_URL).status_code == 200
        return len(queries)

    login(client, coordinator).get(MATCHING_URL)  # caches (session, taxonomy names) warm up
    few = measure(3)
    many = measure(27)
    assert many == few


# --- Accepting ------------------------------------------------------------------------------------


def test_accept_starts_the_tandem_and_tells_both_sides(
    client: Client,
    office_a: Office,
    coordinator: User,
    counselor: User,
    django_capture_on_commit_callbacks: Any,
) -> None:
    volunteer = make_volunteer(office_a)
    person = make_person(
        office_a,
        display_name="Amira",
        email="amira@example.org",
        phone="0176 123",
        consents=(ConsentPurpose.COUNSELING, ConsentPurpose.EMAIL_CONTACT),
    )
    make_consultation(person, counselor=counselor, notes="Zzsecret counseling note")
    request = make_request(office_a, person=person)
    other_volunteer = make_volunteer(office_a, first_name="Olga", district="Mitte")
    other_request = make_request(office_a, name="Bashir")
    run(office_a, coordinator)
    proposal = Proposal.objects.get(request=request)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = login(client, coordinator).post(url(proposal, "accept"))
    tandem = Tandem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/sponsorship/tandems/{tandem.pk}/"
    assert tandem.request == request and tandem.person == person
    assert tandem.volunteer_id == proposal.volunteer_id
    assert tandem.started_on == dt.date(2026, 3, 10)
    assert tandem.check_in_every_days == 30
    request.refresh_from_db()
    assert request.status == RequestStatus.MATCHED
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.ACCEPTED and proposal.decided_by == coordinator
    # The volunteer (capacity 1) is now full: their other open proposals went too.
    chosen = Volunteer.objects.get(pk=proposal.volunteer_id)
    assert not Proposal.objects.filter(volunteer=chosen, status=ProposalStatus.PROPOSED).exists()
    to_volunteer = next(m for m in mail.outbox if m.to == [chosen.email])
    assert "Amira" in to_volunteer.body
    assert "amira@example.org" in to_volunteer.body and "0176 123" in to_volunteer.body
    assert "Zzsecret" not in to_volunteer.body
    assert "Zzsecret" not in to_volunteer.subject
    to_newcomer = next(m for m in mail.outbox if m.to == ["amira@example.org"])
    assert chosen.first_name in to_newcomer.body
    assert chosen.last_name not in to_newcomer.body
    assert AuditEntry.objects.filter(action="sponsorship.proposal.accepted").exists()
    del volunteer, other_volunteer, other_request


def test_without_email_consent_the_volunteer_gets_no_contact_details(
    office_a: Office, coordinator: User, django_capture_on_commit_callbacks: Any
) -> None:
    volunteer = make_volunteer(office_a, email="greta@example.org")
    person = make_person(office_a, display_name="Amira", email="amira@example.org", phone="0176")
    make_request(office_a, person=person)
    (proposal,) = run(office_a, coordinator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services_matching.accept(office=office_a, by=coordinator, proposal=proposal)
    assert [m.to for m in mail.outbox] == [[volunteer.email]]
    body = mail.outbox[0].body
    assert "amira@example.org" not in body and "0176" not in body
    # Volunteers get their e-mails in the office's language (German).
    assert "Das Welcome Center stellt Sie einander vor." in body


def test_a_decided_proposal_cannot_be_accepted(
    client: Client, office_a: Office, coordinator: User
) -> None:
    make_volunteer(office_a)
    make_request(office_a)
    (proposal,) = run(office_a, coordinator)
    services_matching.reject(office=office_a, by=coordinator, proposal=proposal)
    response = login(client, coordinator).post(url(proposal, "accept"))
    assert response.status_code == 200
    assert "already decided" in response.content.decode()
    assert not Tandem.objects.exists()


def test_accept_checks_the_rules_again(client: Client, office_a: Office, coordinator: User) -> None:
    volunteer = make_volunteer(
        office_a,
        certificate_seen_on=dt.date(2025, 1, 1),
        certificate_recheck_on=dt.date(2027, 1, 1),
    )
    make_request(office_a, kind="family", has_children=True)
    (proposal,) = run(office_a, coordinator)
    # The certificate turns out to be due again before the coordinator decides.
    volunteer.certificate_recheck_on = dt.date(2026, 3, 1)
    volunteer.save()
    response = login(client, coordinator).post(url(proposal, "accept"))
    assert response.status_code == 200
    assert "extended certificate of conduct missing" in response.content.decode()
    assert not Tandem.objects.exists()


# --- Swapping -------------------------------------------------------------------------------------


def test_swap_exchanges_the_volunteers(client: Client, office_a: Office, coordinator: User) -> None:
    greta = make_volunteer(office_a, first_name="Greta")
    olga = make_volunteer(office_a, first_name="Olga", district="Feuerbach")
    amira = make_request(office_a, name="Amira")
    bashir = make_request(office_a, name="Bashir", district="Feuerbach")
    run(office_a, coordinator)
    assert pairs(office_a) == {(amira.pk, greta.pk), (bashir.pk, olga.pk)}
    first = Proposal.objects.get(request=amira)
    second = Proposal.objects.get(request=bashir)
    response = login(client, coordinator).post(
        url(first, "swap"), {f"swap-{first.pk}-other": second.pk}
    )
    assert response.status_code == 302
    assert pairs(office_a) == {(amira.pk, olga.pk), (bashir.pk, greta.pk)}
    first.refresh_from_db()
    assert any(r["key"] == "other_district" for r in first.reasons)


def test_swap_refuses_a_pair_breaking_a_hard_rule(
    client: Client, office_a: Office, coordinator: User
) -> None:
    make_volunteer(office_a, first_name="Greta")
    make_volunteer(
        office_a,
        first_name="Olga",
        certificate_seen_on=dt.date(2025, 1, 1),
        certificate_recheck_on=dt.date(2030, 1, 1),
    )
    make_request(office_a, name="Amira", kind="family", has_children=True)
    make_request(office_a, name="Bashir")
    run(office_a, coordinator)
    first, second = Proposal.objects.order_by("request_id")
    before = pairs(office_a)
    response = login(client, coordinator).post(
        url(first, "swap"), {f"swap-{first.pk}-other": second.pk}
    )
    assert response.status_code == 200
    assert "extended certificate of conduct missing" in response.content.decode()
    assert pairs(office_a) == before


def test_swap_needs_another_open_proposal(
    client: Client, office_a: Office, coordinator: User
) -> None:
    make_volunteer(office_a)
    make_request(office_a)
    (proposal,) = run(office_a, coordinator)
    login(client, coordinator)
    response = client.post(url(proposal, "swap"), {f"swap-{proposal.pk}-other": proposal.pk})
    assert response.status_code == 200
    assert "two different proposals" in response.content.decode()
    response = client.post(url(proposal, "swap"), {})
    assert response.status_code == 200
    assert "Choose the proposal to swap with" in response.content.decode()
