"""The person pages of counseling: find, create (with the duplicate check), read, edit; who may
see what; and query bounds."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from lotse.core.models import AuditEntry, Office, Role, TargetGroup, User
from lotse.counseling.models import Consent, ConsentPurpose, Person, Referral, ReferralStatus
from tests.conftest import login, member
from tests.counseling.factories import make_consultation, make_person
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db

NOTE = "Worried about the landlord, do not mention to the husband"


def person_url(name: str, person: Person) -> str:
    return reverse(f"counseling:{name}", kwargs={"person_id": person.pk})


def person_data(**overrides: Any) -> dict[str, Any]:
    """A complete, valid POST of the create form."""
    data: dict[str, Any] = {
        "display_name": "Amira Haddad",
        "full_name": "Amira Nour Haddad",
        "email": "Amira@example.org",
        "phone": "+49 711 555 0101",
        "address": "Königstraße 1\n70173 Stuttgart",
        "languages": ["ar", "en"],
        "preferred_language": "en",
        "nationality": "SY",
        "country_of_origin": "SY",
        "arrival_date": "2025-11-02",
        "whereabouts": "region",
        "municipality": "Stuttgart",
        "abroad_country": "",
        "time_zone": "",
        "residence_status": "",
        "target_group": TargetGroup.objects.get(slug="skilled-worker").pk,
        "profession": "Nurse",
        "qualification": "Bachelor of Nursing",
        "consent_form": "verbal",
    }
    data.update(overrides)
    return data


@pytest.fixture
def statistics_viewer(office_a: Office) -> User:
    return member(office_a, Role.STATISTICS_VIEWER, "statistics-a")


# --- List and search ----------------------------------------------------------------------------


def test_the_list_shows_my_recent_people_and_the_office_by_last_contact(
    client: Client, counselor: User, colleague: User, office_a: Office, office_b: Office
) -> None:
    mine = make_person(office_a, display_name="Ravi Kumar", country_of_origin_id="IN")
    theirs = make_person(office_a, display_name="Olena Shevchenko")
    never = make_person(office_a, display_name="Nobody Seen Yet")
    make_person(office_b, display_name="Other Office Person")
    make_consultation(mine, counselor=counselor, started_at=timezone.now() - dt.timedelta(days=2))
    make_consultation(
        theirs, counselor=colleague, started_at=timezone.now() - dt.timedelta(hours=1)
    )
    login(client, counselor)

    response = client.get(reverse("counseling:person-list"))

    page = response.content.decode()
    assert response.status_code == 200
    recent = page.split('id="recent-heading"')[1].split("</section>")[0]
    assert "Ravi Kumar" in recent and "Olena" not in recent
    office = page.split('id="office-heading"')[1]
    # Most recent contact first, people never seen last; never another office's people.
    assert office.index("Olena") < office.index("Ravi Kumar") < office.index(never.display_name)
    assert "India" in office and mine.client_number in office
    assert "Other Office Person" not in page
    assert reverse("counseling:person-create") in page
    assert reverse("counseling:anonymous-create") in page


@pytest.mark.parametrize(
    ("stored", "query"),
    [
        ("Jonas Müller", "Mueller"),
        ("Jonas Müller", "Muller"),
        ("Jonas Mueller", "Müller"),
        ("Muhammad Rahimi", "Mohammed"),
        ("Muhammad Rahimi", "mohamed rahimi"),
    ],
)
def test_search_finds_spelling_variants(
    client: Client, counselor: User, office_a: Office, stored: str, query: str
) -> None:
    make_person(office_a, display_name=stored)
    make_person(office_a, display_name="Someone Else")
    login(client, counselor)

    page = client.get(reverse("counseling:person-list"), {"q": query}).content.decode()

    assert stored in page
    assert "Someone Else" not in page
    assert "1 person found" in page


def test_search_by_client_number_email_and_phone_stays_in_the_office(
    client: Client, counselor: User, office_a: Office, office_b: Office
) -> None:
    person = make_person(
        office_a, display_name="Ana Silva", email="ana@example.org", phone="0711 123 4567"
    )
    stranger = make_person(office_b, display_name="Ana Silva B", email="ana@example.org")
    login(client, counselor)
    url = reverse("counseling:person-list")

    for query in (person.client_number.lower(), "ANA@example.org", "+49 711 1234567"):
        page = client.get(url, {"q": query}).content.decode()
        assert person.client_number in page, query
        assert stranger.client_number not in page, query
    page = client.get(url, {"q": stranger.client_number}).content.decode()
    assert "Nobody matches" in page


def test_the_list_needs_the_counseling_role(
    client: Client, statistics_viewer: User, office_a: Office
) -> None:
    make_person(office_a, display_name="Hidden Person")
    login(client, statistics_viewer)

    response = client.get(reverse("counseling:person-list"), {"q": "Hidden"})

    assert response.status_code == 403
    assert b"Hidden Person" not in response.content


# --- Create -------------------------------------------------------------------------------------


@time_machine.travel(dt.datetime(2026, 3, 10, 9, 0, tzinfo=dt.UTC), tick=False)
def test_a_counselor_adds_a_person_with_a_consent_and_a_client_number(
    client: Client, counselor: User, office_a: Office
) -> None:
    login(client, counselor)
    assert client.get(reverse("counseling:person-create")).status_code == 200

    response = client.post(reverse("counseling:person-create"), person_data())

    person = Person.objects.get()
    assert response.status_code == 302
    assert response["Location"] == person_url("person-detail", person)
    assert person.client_number == "A-2026-00001"
    assert person.office == office_a and person.created_by == counselor
    assert person.email == "amira@example.org"
    assert person.country_of_origin_id == "SY" and person.nationality_id == "SY"
    assert person.arrival_date == dt.date(2025, 11, 2) and not person.arrival_is_planned
    assert set(person.languages.values_list("code", flat=True)) == {"ar", "en"}
    consent = Consent.objects.get(person=person)
    assert consent.purpose == ConsentPurpose.COUNSELING and consent.form == "verbal"
    assert consent.given_on == dt.date(2026, 3, 10)
    assert AuditEntry.objects.filter(action="counseling.person.created").count() == 1

    page = client.get(response["Location"]).content.decode()
    assert "A-2026-00001" in page and "was added with the client number" in page

    second = client.post(
        reverse("counseling:person-create"),
        {
            **person_data(),
            **{"display_name": "Kofi Mensah", "full_name": "", "email": "", "phone": ""},
        },
    )
    assert second.status_code == 302
    assert Person.objects.get(display_name="Kofi Mensah").client_number == "A-2026-00002"


def test_only_a_name_and_the_consent_are_required(
    client: Client, counselor: User, office_a: Office
) -> None:
    login(client, counselor)

    response = client.post(
        reverse("counseling:person-create"),
        {"display_name": "Walk-in Lady", "whereabouts": "region", "consent_form": "written"},
    )

    assert response.status_code == 302
    assert Person.objects.get().display_name == "Walk-in Lady"


def test_without_the_consent_nothing_is_saved(
    client: Client, counselor: User, office_a: Office
) -> None:
    login(client, counselor)

    response = client.post(reverse("counseling:person-create"), person_data(consent_form=""))

    assert response.status_code == 200
    assert "Nothing was saved" in response.content.decode()
    assert Person.objects.count() == 0


def test_likely_duplicates_are_shown_before_creating_and_confirming_creates(
    client: Client, counselor: User, office_a: Office
) -> None:
    existing = make_person(office_a, display_name="Mohammed Al-Hassan", country_of_origin_id="IQ")
    login(client, counselor)
    data = person_data(display_name="Muhammad Al Hassan", full_name="", email="", phone="")

    first = client.post(reverse("counseling:person-create"), data)

    page = first.content.decode()
    assert first.status_code == 200
    assert Person.objects.count() == 1
    assert "may already have a record" in page
    assert existing.client_number in page and "Iraq" in page
    assert person_url("person-detail", existing) in page
    assert "This is a different person, create anyway" in page

    again = client.post(reverse("counseling:person-create"), data)
    assert again.status_code == 200 and Person.objects.count() == 1

    confirmed = client.post(reverse("counseling:person-create"), {**data, "confirm_new": "1"})
    assert confirmed.status_code == 302
    assert Person.objects.filter(display_name="Muhammad Al Hassan").count() == 1


def test_a_matching_e_mail_counts_as_a_likely_duplicate(
    client: Client, counselor: User, office_a: Office, office_b: Office
) -> None:
    make_person(office_b, display_name="Someone", email="amira@example.org")
    login(client, counselor)

    # Another office's record is no duplicate: created straight away.
    assert client.post(reverse("counseling:person-create"), person_data()).status_code == 302
    response = client.post(
        reverse("counseling:person-create"), person_data(display_name="A. H.", full_name="")
    )

    assert response.status_code == 200
    assert "may already have a record" in response.content.decode()
    assert Person.objects.filter(office=office_a).count() == 1


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        (
            {"arrival_date": "2099-01-01"},
            "This date lies in the future: tick &#x27;arrival is planned&#x27; or correct it.",
        ),
        (
            {"whereabouts": "region", "abroad_country": "IN"},
            "A country abroad only fits someone living abroad.",
        ),
        ({"country_of_origin": "ZZ"}, "Select a valid choice."),
        ({"time_zone": "Mars/Olympus"}, "Select a valid choice."),
        ({"arrival_date": "2025-02-30"}, "Enter a valid date."),
        ({"email": "not-an-address"}, "Enter a valid email address."),
        ({"display_name": ""}, "This field is required."),
    ],
)
def test_bad_input_shows_the_error_and_saves_nothing(
    client: Client, counselor: User, office_a: Office, overrides: dict[str, str], message: str
) -> None:
    login(client, counselor)

    response = client.post(reverse("counseling:person-create"), person_data(**overrides))

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert 'aria-invalid="true"' in page
    assert Person.objects.count() == 0
    assert Consent.objects.count() == 0


def test_a_planned_arrival_and_a_person_abroad_with_a_time_zone_are_fine(
    client: Client, counselor: User, office_a: Office
) -> None:
    login(client, counselor)
    ahead = (timezone.localdate() + dt.timedelta(days=60)).isoformat()

    response = client.post(
        reverse("counseling:person-create"),
        person_data(
            arrival_date=ahead,
            arrival_is_planned="on",
            whereabouts="abroad",
            abroad_country="IN",
            municipality="",
            time_zone="Asia/Kolkata",
        ),
    )

    assert response.status_code == 302
    person = Person.objects.get()
    assert person.abroad_country_id == "IN" and person.time_zone == "Asia/Kolkata"
    page = client.get(response["Location"]).content.decode()
    assert "Asia/Kolkata" in page and "India" in page and "planned" in page


def test_country_choices_are_named_in_the_active_language_and_sorted(
    client: Client, counselor: User
) -> None:
    login(client, counselor)

    english = client.get(reverse("counseling:person-create")).content.decode()
    german = client.get(
        reverse("counseling:person-create"), HTTP_ACCEPT_LANGUAGE="de"
    ).content.decode()

    select = english.split('name="country_of_origin"')[1].split("</select>")[0]
    names = re.findall(r"<option value=\"[A-Z]{2}\">([^<]+)</option>", select)
    assert len(names) > 200
    assert names == sorted(names, key=str.casefold)
    assert '<option value="DE">Germany</option>' in select
    assert '<option value="DE">Deutschland</option>' in german


# --- Detail -------------------------------------------------------------------------------------


def _referral(person: Person, title: str = "Anerkennungsberatung IQ") -> Referral:
    return Referral.objects.create(
        office=person.office,
        person=person,
        subject=person.subject,
        service=make_service(title=title, office=person.office),
        status=ReferralStatus.HANDED_OVER,
        follow_up_on=timezone.localdate() + dt.timedelta(days=7),
    )


def test_the_detail_page_shows_facts_actions_and_the_timeline(
    client: Client, counselor: User, office_a: Office
) -> None:
    person = make_person(
        office_a,
        display_name="Priya Sharma",
        country_of_origin_id="IN",
        profession="Software developer",
        recognition_pending=True,
    )
    older = make_consultation(
        person,
        counselor=counselor,
        started_at=timezone.now() - dt.timedelta(days=3),
        outcome="Explained the Blue Card",
        next_steps="Bring the contract",
        topics=("residence-blue-card",),
    )
    referral = _referral(person)
    login(client, counselor)

    response = client.get(person_url("person-detail", person))

    page = response.content.decode()
    assert response.status_code == 200
    assert "Priya Sharma" in page and person.client_number in page
    assert "India" in page and "Software developer" in page and "recognition pending" in page
    for name in ("consultation-create", "referral-create", "follow-up-create", "outcome-create"):
        assert person_url(name, person) in page, name
    assert person_url("person-merge", person) in page
    assert reverse("counseling:consultation-edit", kwargs={"consultation_id": older.pk}) in page
    assert reverse("counseling:referral-detail", kwargs={"referral_id": referral.pk}) in page
    assert "Anerkennungsberatung IQ" in page and "Handed over" in page
    assert "Explained the Blue Card" in page and "Bring the contract" in page
    assert "EU Blue Card" in page
    timeline = page.split('id="timeline-heading"')[1]
    # Newest first: the referral (today) before the consultation three days ago.
    assert timeline.index("Anerkennungsberatung IQ") < timeline.index("Explained the Blue Card")
    assert "Consent given: Counseling record" in timeline


def test_notes_show_to_counselors_only(
    client: Client, counselor: User, office_admin: User, office_a: Office
) -> None:
    person = make_person(office_a)
    make_consultation(person, counselor=counselor, notes=NOTE, outcome="Visible outcome")

    login(client, office_admin)
    as_admin = client.get(person_url("person-detail", person)).content.decode()
    login(client, counselor)
    as_counselor = client.get(person_url("person-detail", person)).content.decode()

    assert "Visible outcome" in as_admin and NOTE not in as_admin
    assert NOTE in as_counselor


def test_another_office_gets_404_on_every_person_page(
    client: Client, outsider: User, office_a: Office
) -> None:
    person = make_person(office_a, display_name="Secret Person")
    login(client, outsider)

    for name in ("person-detail", "person-edit", "person-merge", "consent-add", "household-add"):
        response = client.get(person_url(name, person))
        assert response.status_code == 404, name
        assert b"Secret Person" not in response.content
    response = client.post(person_url("person-edit", person), person_data())
    assert response.status_code == 404
    assert Person.objects.get().display_name == "Secret Person"


def test_a_role_without_the_edit_action_is_refused(
    client: Client, statistics_viewer: User, office_a: Office
) -> None:
    person = make_person(office_a)
    login(client, statistics_viewer)

    assert client.get(reverse("counseling:person-create")).status_code == 403
    assert client.post(reverse("counseling:person-create"), person_data()).status_code == 403
    assert client.get(person_url("person-detail", person)).status_code == 403
    assert Person.objects.count() == 1


# --- Edit ---------------------------------------------------------------------------------------


def test_editing_changes_the_fields_and_languages(
    client: Client, counselor: User, office_a: Office
) -> None:
    person = make_person(office_a, display_name="Olena", country_of_origin_id="UA")
    person.languages.set(["uk"])
    login(client, counselor)

    form = client.get(person_url("person-edit", person)).content.decode()
    assert 'value="Olena"' in form
    assert '<option value="UA" selected>Ukraine</option>' in form
    assert "Consent" not in form.split("<form")[1].split("</form>")[0].split("legend")[-1]

    response = client.post(
        person_url("person-edit", person),
        person_data(
            display_name="Olena Kovalenko",
            full_name="",
            email="olena@example.org",
            phone="",
            country_of_origin="UA",
            nationality="UA",
            languages=["uk", "de"],
        ),
    )

    assert response.status_code == 302
    person.refresh_from_db()
    assert person.display_name == "Olena Kovalenko" and person.email == "olena@example.org"
    assert set(person.languages.values_list("code", flat=True)) == {"uk", "de"}
    assert AuditEntry.objects.filter(action="counseling.person.updated").exists()


def test_a_bad_edit_saves_nothing(client: Client, counselor: User, office_a: Office) -> None:
    person = make_person(office_a, display_name="Olena")
    login(client, counselor)

    response = client.post(
        person_url("person-edit", person),
        person_data(display_name="Changed", whereabouts="region", abroad_country="PL"),
    )

    assert response.status_code == 200
    assert "A country abroad only fits someone living abroad." in response.content.decode()
    person.refresh_from_db()
    assert person.display_name == "Olena" and person.abroad_country_id is None


# --- Query bounds -------------------------------------------------------------------------------


def _people_with_history(office: Office, counselor: User, count: int) -> None:
    for index in range(count):
        person = make_person(office, display_name=f"Person {index}", country_of_origin_id="SY")
        make_consultation(person, counselor=counselor)


@pytest.mark.parametrize("count", [3, 30])
def test_the_list_runs_a_bounded_number_of_queries(
    client: Client, counselor: User, office_a: Office, count: int, django_assert_max_num_queries
) -> None:
    _people_with_history(office_a, counselor, count)
    login(client, counselor)

    with django_assert_max_num_queries(10):
        response = client.get(reverse("counseling:person-list"))
    assert response.content.decode().count("Person ") >= count
    with django_assert_max_num_queries(5):
        found = client.get(reverse("counseling:person-list"), {"q": "Person"})
    assert found.content.decode().count("Person ") >= count


@pytest.mark.parametrize("count", [3, 30])
def test_the_detail_page_runs_a_bounded_number_of_queries(
    client: Client, counselor: User, office_a: Office, count: int, django_assert_max_num_queries
) -> None:
    person = make_person(office_a, consents=list(ConsentPurpose.values))
    relative = make_person(office_a, display_name="Relative")
    from lotse.counseling.models import FollowUp, HouseholdLink, Outcome, RecognitionCase

    HouseholdLink.objects.create(
        office=office_a, person=person, relative=relative, relation="child"
    )
    for index in range(count):
        make_consultation(person, counselor=counselor, topics=("work", "language"))
        _referral(person, title=f"Service {index}")
        FollowUp.objects.create(
            office=office_a, person=person, title=f"Call {index}", due_on=timezone.localdate()
        )
        Outcome.objects.create(
            office=office_a, person=person, subject=person.subject, kind="job_started"
        )
        RecognitionCase.objects.create(office=office_a, person=person, profession=f"Job {index}")
    login(client, counselor)

    with django_assert_max_num_queries(22):
        response = client.get(person_url("person-detail", person), {"all": "1"})
    assert response.status_code == 200
    assert f"Service {count - 1}" in response.content.decode()
    with django_assert_max_num_queries(22):
        latest = client.get(person_url("person-detail", person)).content.decode()
    # A long history shows its latest entries and offers the rest.
    assert ("Show the whole history" in latest) == (count == 30)
