"""The records around a person: consents, merging, household, milestones, recognition and
follow-ups, through their pages."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import Office, Role, Topic, User
from lotse.counseling import services
from lotse.counseling.models import (
    Consent,
    ConsentPurpose,
    Consultation,
    FollowUp,
    HouseholdLink,
    Outcome,
    Person,
    RecognitionCase,
    Referral,
)
from tests.conftest import login, member
from tests.counseling.factories import make_consultation, make_person
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db


def url(name: str, **kwargs: int) -> str:
    return reverse(f"counseling:{name}", kwargs=kwargs)


def detail(person: Person) -> str:
    return url("person-detail", person_id=person.pk)


def today() -> dt.date:
    return timezone.localdate()


@pytest.fixture
def person(office_a: Office) -> Person:
    return make_person(office_a, display_name="Amira Haddad")


@pytest.fixture
def statistics_viewer(office_a: Office) -> User:
    return member(office_a, Role.STATISTICS_VIEWER, "statistics-a")


# --- Consents -----------------------------------------------------------------------------------


def test_a_counselor_records_a_consent(client: Client, counselor: User, person: Person) -> None:
    login(client, counselor)
    page = client.get(
        url("consent-add", person_id=person.pk), {"purpose": "email_contact"}
    ).content.decode()
    assert '<option value="email_contact" selected>' in page

    response = client.post(
        url("consent-add", person_id=person.pk),
        {"purpose": "email_contact", "given_on": today().isoformat(), "form": "written"},
    )

    assert response.status_code == 302 and response["Location"] == detail(person)
    consent = Consent.objects.get(person=person, purpose=ConsentPurpose.EMAIL_CONTACT)
    assert consent.form == "written" and consent.recorded_by == counselor
    page = client.get(detail(person)).content.decode()
    assert "The consent “Contact by e-mail” was recorded." in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"purpose": "counseling", "form": "verbal"},
            "This consent is already in force.",
        ),
        (
            {"purpose": "events", "form": "verbal", "given_on": "2099-01-01"},
            "A consent cannot be given in the future.",
        ),
        ({"purpose": "events", "form": "telepathy"}, "Select a valid choice."),
    ],
)
def test_a_bad_consent_is_not_recorded(
    client: Client, counselor: User, person: Person, data: dict[str, str], message: str
) -> None:
    login(client, counselor)
    before = Consent.objects.count()

    response = client.post(
        url("consent-add", person_id=person.pk), {"given_on": today().isoformat(), **data}
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert Consent.objects.count() == before


def test_withdrawing_the_counseling_consent_stops_new_consultations(
    client: Client, counselor: User, office_a: Office, person: Person
) -> None:
    consent = Consent.objects.get(person=person, purpose=ConsentPurpose.COUNSELING)
    login(client, counselor)

    response = client.post(url("consent-withdraw", consent_id=consent.pk))

    assert response.status_code == 302 and response["Location"] == detail(person)
    consent.refresh_from_db()
    assert consent.withdrawn_on == today()
    page = client.get(detail(person)).content.decode()
    assert "The consent “Counseling record” was withdrawn." in page
    assert "There is no consent to a counseling record in force" in page
    assert "Consent withdrawn: Counseling record" in page
    with pytest.raises(ValidationError) as refused:
        services.consultation_record(
            office=office_a, by=counselor, person=person, topics=Topic.objects.filter(slug="work")
        )
    assert "has not consented to a counseling record" in refused.value.messages[0]
    assert not Consultation.objects.exists()


def test_a_consent_is_withdrawn_on_the_date_given(
    client: Client, counselor: User, office_a: Office, person: Person
) -> None:
    consent = Consent.objects.create(
        office=office_a,
        person=person,
        purpose=ConsentPurpose.EVENTS,
        given_on=today() - dt.timedelta(days=20),
        form="written",
    )
    login(client, counselor)
    page = client.get(detail(person)).content.decode()
    assert url("consent-withdraw", consent_id=consent.pk) in page

    client.post(
        url("consent-withdraw", consent_id=consent.pk),
        {"withdrawn_on": (today() - dt.timedelta(days=3)).isoformat()},
    )

    consent.refresh_from_db()
    assert consent.withdrawn_on == today() - dt.timedelta(days=3)


def test_a_withdrawal_date_before_the_consent_is_refused(
    client: Client, counselor: User, person: Person
) -> None:
    consent = Consent.objects.get(person=person)
    login(client, counselor)

    response = client.post(
        url("consent-withdraw", consent_id=consent.pk),
        {"withdrawn_on": (consent.given_on - dt.timedelta(days=5)).isoformat()},
        follow=True,
    )

    assert "A consent cannot be withdrawn before it was given." in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


def test_consents_of_another_office_are_out_of_reach(
    client: Client, outsider: User, person: Person
) -> None:
    consent = Consent.objects.get(person=person)
    login(client, outsider)

    assert client.post(url("consent-withdraw", consent_id=consent.pk)).status_code == 404
    response = client.post(
        url("consent-add", person_id=person.pk),
        {"purpose": "events", "given_on": today().isoformat(), "form": "verbal"},
    )
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
    assert Consent.objects.count() == 1


def test_consent_pages_need_the_edit_action(
    client: Client, statistics_viewer: User, person: Person
) -> None:
    consent = Consent.objects.get(person=person)
    login(client, statistics_viewer)

    assert client.post(url("consent-withdraw", consent_id=consent.pk)).status_code == 403
    assert client.get(url("consent-withdraw", consent_id=consent.pk)).status_code in (403, 405)
    consent.refresh_from_db()
    assert consent.withdrawn_on is None


# --- Merge --------------------------------------------------------------------------------------


def test_merging_moves_the_history_and_leaves_a_pointer(
    client: Client, counselor: User, office_a: Office
) -> None:
    keep = make_person(office_a, display_name="Mohammed Rahimi")
    twin = make_person(
        office_a,
        display_name="Muhammad Rahimi",
        email="m.rahimi@example.org",
        country_of_origin_id="AF",
    )
    moved = make_consultation(twin, counselor=counselor, outcome="On the twin record")
    referral = Referral.objects.create(
        office=office_a,
        person=twin,
        subject=twin.subject,
        service=make_service(title="Jobcenter", office=office_a),
    )
    login(client, counselor)

    compare = client.get(url("person-merge", person_id=keep.pk), {"other": twin.client_number})

    page = compare.content.decode()
    assert compare.status_code == 200
    assert "Both records side by side" in page
    assert "m.rahimi@example.org" in page and "Afghanistan" in page
    assert page.count("filled in") >= 2
    assert "1 consultations" in page and "1 referrals" in page

    unconfirmed = client.post(url("person-merge", person_id=keep.pk), {"other_id": twin.pk})
    assert unconfirmed.status_code == 200
    assert "Tick the box to confirm the merge." in unconfirmed.content.decode()
    assert Person.objects.get(pk=twin.pk).merged_into is None

    response = client.post(
        url("person-merge", person_id=keep.pk), {"other_id": twin.pk, "confirm": "on"}
    )

    assert response.status_code == 302 and response["Location"] == detail(keep)
    keep.refresh_from_db()
    twin.refresh_from_db()
    assert twin.merged_into == keep
    assert keep.email == "m.rahimi@example.org" and keep.country_of_origin_id == "AF"
    assert Consultation.objects.get(pk=moved.pk).person == keep
    assert Referral.objects.get(pk=referral.pk).person == keep
    page = client.get(response["Location"]).content.decode()
    assert f"{twin.client_number} was merged into this record." in page
    assert "On the twin record" in page

    pointer = client.get(detail(twin))
    assert pointer.status_code == 302 and pointer["Location"] == detail(keep)
    assert f"merged into {keep.client_number}" in client.get(detail(keep)).content.decode()
    search = client.get(url("person-list"), {"q": twin.client_number}).content.decode()
    assert detail(keep) in search


def test_merge_search_by_name_offers_the_candidates(
    client: Client, counselor: User, office_a: Office
) -> None:
    keep = make_person(office_a, display_name="Jonas Müller")
    twin = make_person(office_a, display_name="Jonas Mueller")
    login(client, counselor)

    page = client.get(url("person-merge", person_id=keep.pk), {"other": "Muller"}).content.decode()

    assert f"?other_id={twin.pk}" in page
    assert f"?other_id={keep.pk}" not in page


def test_a_record_is_not_merged_with_itself(
    client: Client, counselor: User, person: Person
) -> None:
    login(client, counselor)

    by_number = client.get(
        url("person-merge", person_id=person.pk), {"other": person.client_number}
    )
    response = client.post(
        url("person-merge", person_id=person.pk), {"other_id": person.pk, "confirm": "on"}
    )

    assert "A record cannot be merged with itself." in by_number.content.decode()
    assert response.status_code == 200
    assert "A record cannot be merged with itself." in response.content.decode()
    person.refresh_from_db()
    assert person.merged_into is None


def test_a_record_of_another_office_cannot_be_merged(
    client: Client, counselor: User, office_a: Office, office_b: Office, person: Person
) -> None:
    stranger = make_person(office_b, display_name="Amira Haddad")
    login(client, counselor)

    by_number = client.get(
        url("person-merge", person_id=person.pk), {"other": stranger.client_number}
    )
    by_id = client.post(
        url("person-merge", person_id=person.pk), {"other_id": stranger.pk, "confirm": "on"}
    )

    assert "No record of your office has the client number" in by_number.content.decode()
    assert by_id.status_code == 404
    stranger.refresh_from_db()
    assert stranger.merged_into is None and stranger.office == office_b


# --- Household ----------------------------------------------------------------------------------


def test_a_household_link_shows_on_both_records_and_is_removed_from_both(
    client: Client, counselor: User, office_a: Office, person: Person
) -> None:
    child = make_person(office_a, display_name="Yara Haddad")
    login(client, counselor)

    response = client.post(
        url("household-add", person_id=person.pk),
        {"relative": child.client_number.lower(), "relation": "child"},
    )

    assert response.status_code == 302
    assert HouseholdLink.objects.get(person=person, relative=child).relation == "child"
    assert HouseholdLink.objects.get(person=child, relative=person).relation == "parent"
    parent_page = client.get(detail(person)).content.decode()
    child_page = client.get(detail(child)).content.decode()
    assert "Yara Haddad" in parent_page and detail(child) in parent_page
    assert "Amira Haddad" in child_page and "Parent" in child_page

    link = HouseholdLink.objects.get(person=child)
    removed = client.post(url("household-remove", link_id=link.pk))
    assert removed.status_code == 302 and removed["Location"] == detail(child)
    assert not HouseholdLink.objects.exists()


def test_a_household_link_by_name_asks_which_person_is_meant(
    client: Client, counselor: User, office_a: Office, person: Person
) -> None:
    first = make_person(office_a, display_name="Omar Haddad")
    second = make_person(office_a, display_name="Omar Hadad")
    login(client, counselor)

    asked = client.post(
        url("household-add", person_id=person.pk), {"relative": "Omar", "relation": "spouse"}
    )

    page = asked.content.decode()
    assert asked.status_code == 200
    assert first.client_number in page and second.client_number in page
    assert not HouseholdLink.objects.exists()
    chosen = client.post(
        url("household-add", person_id=person.pk),
        {"relative": "Omar", "relative_id": second.pk, "relation": "spouse"},
    )
    assert chosen.status_code == 302
    assert HouseholdLink.objects.get(person=person).relative == second


def test_a_household_link_to_unknown_or_foreign_people_is_refused(
    client: Client, counselor: User, office_b: Office, person: Person
) -> None:
    stranger = make_person(office_b, display_name="Stranger")
    login(client, counselor)
    add = url("household-add", person_id=person.pk)

    for data in (
        {"relative": stranger.client_number, "relation": "spouse"},
        {"relative": "Stranger", "relation": "spouse"},
        {"relative": person.client_number, "relation": "spouse"},
        {"relative": "", "relative_id": stranger.pk, "relation": "spouse"},
        {"relative": "", "relation": "spouse"},
    ):
        response = client.post(add, data)
        assert response.status_code == 200, data
        assert 'aria-invalid="true"' in response.content.decode(), data
    assert not HouseholdLink.objects.exists()


def test_household_links_of_another_office_are_out_of_reach(
    client: Client, outsider: User, office_a: Office, person: Person
) -> None:
    relative = make_person(office_a, display_name="Relative")
    link = HouseholdLink.objects.create(
        office=office_a, person=person, relative=relative, relation="spouse"
    )
    login(client, outsider)

    assert client.post(url("household-remove", link_id=link.pk)).status_code == 404
    assert HouseholdLink.objects.filter(pk=link.pk).exists()


# --- Milestones ---------------------------------------------------------------------------------


def test_a_milestone_is_recorded_and_deleted(
    client: Client, counselor: User, person: Person
) -> None:
    login(client, counselor)
    assert client.get(url("outcome-create", person_id=person.pk)).status_code == 200

    response = client.post(
        url("outcome-create", person_id=person.pk),
        {"kind": "job_started", "reached_on": today().isoformat(), "note": "Nurse at Klinikum"},
    )

    assert response.status_code == 302
    outcome = Outcome.objects.get()
    assert outcome.kind == "job_started" and outcome.subject == person.subject
    page = client.get(detail(person)).content.decode()
    assert "Job started" in page and "Nurse at Klinikum" in page

    deleted = client.post(url("outcome-delete", outcome_id=outcome.pk))
    assert deleted.status_code == 302 and deleted["Location"] == detail(person)
    assert not Outcome.objects.exists()


def test_a_milestone_in_the_future_is_refused(
    client: Client, counselor: User, person: Person
) -> None:
    login(client, counselor)

    response = client.post(
        url("outcome-create", person_id=person.pk),
        {"kind": "job_started", "reached_on": (today() + dt.timedelta(days=3)).isoformat()},
    )

    assert response.status_code == 200
    assert "A milestone cannot be reached in the future." in response.content.decode()
    assert not Outcome.objects.exists()


def test_another_office_cannot_delete_a_milestone(
    client: Client, outsider: User, office_a: Office, person: Person
) -> None:
    outcome = Outcome.objects.create(
        office=office_a, person=person, subject=person.subject, kind="job_started"
    )
    login(client, outsider)

    assert client.post(url("outcome-delete", outcome_id=outcome.pk)).status_code == 404
    assert Outcome.objects.filter(pk=outcome.pk).exists()


# --- Recognition --------------------------------------------------------------------------------


def test_the_recognition_pipeline_records_its_milestones(
    client: Client, counselor: User, person: Person
) -> None:
    login(client, counselor)
    start = today() - dt.timedelta(days=30)

    created = client.post(
        url("recognition-create", person_id=person.pk),
        {
            "profession": "Registered nurse",
            "country": "SY",
            "reference_occupation": "Pflegefachfrau",
            "stage": "collected",
            "on": start.isoformat(),
        },
    )

    assert created.status_code == 302
    case = RecognitionCase.objects.get()
    assert case.collected_on == start and case.country_id == "SY"
    assert not Outcome.objects.exists()
    person.refresh_from_db()
    assert person.recognition_pending

    applied = client.post(
        url("recognition-edit", case_id=case.pk),
        {"profession": "Registered nurse", "country": "SY", "stage": "applied", "on": ""},
    )
    assert applied.status_code == 200  # the stage's date is required
    assert not Outcome.objects.exists()
    applied = client.post(
        url("recognition-edit", case_id=case.pk),
        {
            "profession": "Registered nurse",
            "country": "SY",
            "stage": "applied",
            "on": (today() - dt.timedelta(days=5)).isoformat(),
        },
    )
    assert applied.status_code == 302
    case.refresh_from_db()
    assert case.stage == "applied" and case.handed_on == case.applied_on
    assert Outcome.objects.get().kind == "recognition_applied"

    page = client.get(url("recognition-edit", case_id=case.pk)).content.decode()
    assert "Where the case stands" in page and 'aria-current="step"' in page
    assert '<option value="collected"' not in page  # a case does not go back

    decided = client.post(
        url("recognition-edit", case_id=case.pk),
        {
            "profession": "Registered nurse",
            "stage": "decided",
            "on": today().isoformat(),
            "decision": "partial",
        },
    )
    assert decided.status_code == 302
    assert set(Outcome.objects.values_list("kind", flat=True)) == {
        "recognition_applied",
        "recognition_granted",
    }
    person.refresh_from_db()
    assert not person.recognition_pending
    page = client.get(detail(person)).content.decode()
    assert "Registered nurse" in page and "Partial equivalence" in page


def test_a_decision_without_the_decided_stage_is_refused(
    client: Client, counselor: User, person: Person
) -> None:
    login(client, counselor)

    response = client.post(
        url("recognition-create", person_id=person.pk),
        {
            "profession": "Engineer",
            "stage": "applied",
            "on": today().isoformat(),
            "decision": "full",
        },
    )

    assert response.status_code == 200
    assert "Only a decided case has a decision." in response.content.decode()
    assert not RecognitionCase.objects.exists() and not Outcome.objects.exists()


def test_recognition_cases_of_another_office_are_out_of_reach(
    client: Client, outsider: User, office_a: Office, person: Person
) -> None:
    case = RecognitionCase.objects.create(office=office_a, person=person, profession="Secret")
    login(client, outsider)

    assert client.get(url("recognition-edit", case_id=case.pk)).status_code == 404
    response = client.post(
        url("recognition-edit", case_id=case.pk),
        {"profession": "Changed", "stage": "applied", "on": today().isoformat()},
    )
    assert response.status_code == 404
    case.refresh_from_db()
    assert case.profession == "Secret" and case.stage == "collected"


# --- Follow-ups ---------------------------------------------------------------------------------


def test_a_follow_up_is_created_for_me_by_default(
    client: Client, counselor: User, colleague: User, person: Person
) -> None:
    login(client, counselor)
    form = client.get(url("follow-up-create", person_id=person.pk)).content.decode()
    tomorrow = (today() + dt.timedelta(days=1)).isoformat()
    assert f'value="{tomorrow}"' in form
    assert f'<option value="{counselor.pk}" selected>' in form
    assert f'<option value="{colleague.pk}">' in form

    response = client.post(
        url("follow-up-create", person_id=person.pk),
        {"title": "Ask about the visa appointment", "due_on": tomorrow, "assigned_to": ""},
    )

    assert response.status_code == 302
    follow_up = FollowUp.objects.get()
    assert follow_up.assigned_to == counselor and follow_up.person == person
    page = client.get(detail(person)).content.decode()
    assert "Ask about the visa appointment" in page


def test_a_follow_up_cannot_be_due_in_the_past_or_go_to_an_outsider(
    client: Client, counselor: User, outsider: User, person: Person
) -> None:
    login(client, counselor)

    past = client.post(
        url("follow-up-create", person_id=person.pk),
        {"title": "Late", "due_on": (today() - dt.timedelta(days=1)).isoformat()},
    )
    foreign = client.post(
        url("follow-up-create", person_id=person.pk),
        {"title": "Foreign", "due_on": today().isoformat(), "assigned_to": outsider.pk},
    )

    assert "The due date cannot lie in the past." in past.content.decode()
    assert "Select a valid choice." in foreign.content.decode()
    assert not FollowUp.objects.exists()


def test_the_follow_up_list_shows_mine_or_the_office_with_overdue_ones_marked(
    client: Client, counselor: User, colleague: User, office_a: Office, person: Person
) -> None:
    FollowUp.objects.create(
        office=office_a,
        person=person,
        title="Overdue call",
        due_on=today() - dt.timedelta(days=2),
        assigned_to=counselor,
    )
    FollowUp.objects.create(
        office=office_a,
        person=person,
        title="Colleague's task",
        due_on=today(),
        assigned_to=colleague,
    )
    FollowUp.objects.create(
        office=office_a,
        person=person,
        title="Finished",
        due_on=today(),
        assigned_to=counselor,
        done_at=timezone.now(),
    )
    login(client, counselor)

    mine = client.get(url("follow-up-list")).content.decode()
    office = client.get(url("follow-up-list"), {"all": "1"}).content.decode()

    assert "Overdue call" in mine and "Colleague&#x27;s task" not in mine
    assert "Finished" not in mine
    row = mine.split("Overdue call")[0].rsplit("<tr", 1)[1]
    assert 'class="table-danger"' in row and "overdue" in mine
    assert "Overdue call" in office and "Colleague&#x27;s task" in office


def test_marking_a_follow_up_done_returns_to_a_safe_page(
    client: Client, counselor: User, office_a: Office, person: Person
) -> None:
    task = FollowUp.objects.create(
        office=office_a, person=person, title="Call back", due_on=today(), assigned_to=counselor
    )
    login(client, counselor)

    to_list = client.post(
        url("follow-up-done", follow_up_id=task.pk), {"next": url("follow-up-list")}
    )
    task.refresh_from_db()
    assert to_list.status_code == 302 and to_list["Location"] == url("follow-up-list")
    assert task.done_at is not None

    reopened = client.post(
        url("follow-up-done", follow_up_id=task.pk),
        {"done": "0", "next": "https://evil.example/phish"},
    )
    task.refresh_from_db()
    assert reopened["Location"] == detail(person)
    assert task.done_at is None


def test_follow_ups_of_another_office_are_out_of_reach(
    client: Client, outsider: User, office_a: Office, person: Person
) -> None:
    task = FollowUp.objects.create(office=office_a, person=person, title="Secret", due_on=today())
    login(client, outsider)

    assert client.post(url("follow-up-done", follow_up_id=task.pk)).status_code == 404
    assert "Secret" not in client.get(url("follow-up-list"), {"all": "1"}).content.decode()
    task.refresh_from_db()
    assert task.done_at is None


@pytest.mark.parametrize("count", [3, 30])
def test_the_follow_up_list_runs_a_bounded_number_of_queries(
    client: Client,
    counselor: User,
    office_a: Office,
    count: int,
    django_assert_max_num_queries,
) -> None:
    for index in range(count):
        FollowUp.objects.create(
            office=office_a,
            person=make_person(office_a, display_name=f"Client {index}"),
            title=f"Task {index}",
            due_on=today(),
            assigned_to=counselor,
        )
    login(client, counselor)

    with django_assert_max_num_queries(8):
        response = client.get(url("follow-up-list"))
    assert f"Task {count - 1}" in response.content.decode()
