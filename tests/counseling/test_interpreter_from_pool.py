"""A consultation names its interpreter from the office's pool: the form offers the office's
active interpreters, the service accepts only those, the timeline shows who interpreted."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from lotse.core.models import AuditEntry, Office, Topic, User
from lotse.counseling import services
from lotse.counseling.models import Consultation, Person
from lotse.pool.models import PoolMember, PoolRole
from tests.conftest import login
from tests.counseling.factories import make_consultation, make_person
from tests.pool.factories import make_member

pytestmark = pytest.mark.django_db

WORK = "/staff/counseling"


@pytest.fixture
def person(office_a: Office) -> Person:
    return make_person(office_a, display_name="Amira", preferred_language_id="ar")


@pytest.fixture
def samira(office_a: Office) -> PoolMember:
    return make_member(office_a, name="Samira Haddad", languages=("ar", "de"))


def new_url(person: Person) -> str:
    return f"{WORK}/people/{person.pk}/consultations/new/"


def data(**overrides: Any) -> dict[str, Any]:
    values: dict[str, Any] = {
        "topics": [Topic.objects.get(slug="work-job-search").pk],
        "channel": "in_person",
        "started_at": timezone.localtime(timezone.now() - dt.timedelta(hours=1)).strftime(
            "%Y-%m-%dT%H:%M"
        ),
        "duration_minutes": "30",
        "language": "de",
        "interpreted_by": "",
        "outcome": "",
        "next_steps": "",
        "notes": "",
        "service": "",
        "q": "",
        "reason": "",
        "follow_up_on": "",
        "task_title": "",
        "task_due_on": "",
    }
    values.update(overrides)
    return values


def test_the_form_offers_the_offices_active_interpreters_with_their_languages(
    client: Client,
    office_a: Office,
    office_b: Office,
    counselor: User,
    person: Person,
    samira: PoolMember,
) -> None:
    make_member(office_a, name="Only Moderates", roles=(PoolRole.MODERATOR,))
    make_member(office_a, name="No Longer Active", is_active=False)
    make_member(office_b, name="Other Office")
    page = login(client, counselor).get(new_url(person)).content.decode()
    assert "Interpreter from the pool" in page
    assert f'<option value="{samira.pk}">Samira Haddad (Arabic, German)</option>' in page
    for name in ("Only Moderates", "No Longer Active", "Other Office"):
        assert name not in page
    assert page.index('name="interpreter"') < page.index('name="interpreted_by"')


def test_without_interpreters_in_the_pool_there_is_no_empty_list(
    client: Client, counselor: User, person: Person
) -> None:
    page = login(client, counselor).get(new_url(person)).content.decode()
    assert 'name="interpreted_by"' not in page
    assert 'name="interpreter"' in page


def test_choosing_an_interpreter_records_who_interpreted_and_the_timeline_shows_it(
    client: Client, counselor: User, person: Person, samira: PoolMember
) -> None:
    login(client, counselor)
    response = client.post(new_url(person), data(interpreted_by=str(samira.pk)))
    assert response.status_code == 302
    consultation = Consultation.objects.get()
    assert consultation.interpreted_by == samira
    assert consultation.interpreter is True  # naming an interpreter ticks the box
    page = client.get(f"{WORK}/people/{person.pk}/").content.decode()
    assert "Interpreter: Samira Haddad" in page


def test_the_plain_checkbox_still_works_without_a_name(
    client: Client, counselor: User, person: Person, samira: PoolMember
) -> None:
    login(client, counselor)
    client.post(new_url(person), data(interpreter="on"))
    consultation = Consultation.objects.get()
    assert consultation.interpreter is True and consultation.interpreted_by is None
    page = client.get(f"{WORK}/people/{person.pk}/").content.decode()
    assert "with an interpreter" in page and "Interpreter: " not in page


def test_an_interpreter_not_offered_is_refused_on_the_field_and_nothing_saved(
    client: Client, office_b: Office, counselor: User, person: Person, samira: PoolMember
) -> None:
    other = make_member(office_b, name="Other Office")
    response = login(client, counselor).post(new_url(person), data(interpreted_by=str(other.pk)))
    assert response.status_code == 200
    content = response.content.decode()
    assert 'id="id_interpreted_by_error"' in content
    assert not Consultation.objects.exists()


@pytest.mark.parametrize(
    "kind",
    ["other office", "inactive", "moderator only"],
)
def test_the_service_accepts_only_active_interpreters_of_the_office(
    office_a: Office, office_b: Office, counselor: User, person: Person, kind: str
) -> None:
    member = {
        "other office": lambda: make_member(office_b, name="X"),
        "inactive": lambda: make_member(office_a, name="X", is_active=False),
        "moderator only": lambda: make_member(office_a, name="X", roles=(PoolRole.MODERATOR,)),
    }[kind]()
    with pytest.raises(ValidationError) as refused:
        services.consultation_record(
            office=office_a,
            by=counselor,
            person=person,
            topics=[Topic.objects.get(slug="work")],
            started_at=timezone.now(),
            interpreted_by=member,
        )
    assert "interpreted_by" in refused.value.error_dict
    assert not Consultation.objects.exists()


def test_editing_keeps_an_interpreter_who_left_the_pool_and_audits_a_change(
    client: Client,
    office_a: Office,
    counselor: User,
    person: Person,
    samira: PoolMember,
) -> None:
    leaver = make_member(office_a, name="Left Since", languages=("fa", "de"))
    consultation = make_consultation(
        person, counselor=counselor, interpreter=True, interpreted_by=leaver
    )
    PoolMember.objects.filter(pk=leaver.pk).update(is_active=False)
    url = f"{WORK}/consultations/{consultation.pk}/edit/"
    login(client, counselor)
    page = client.get(url).content.decode()
    assert f'<option value="{leaver.pk}" selected>Left Since (no longer active)</option>' in page

    edit = data(interpreted_by=str(leaver.pk), interpreter="on", outcome="Kept")
    for name in ("service", "q", "reason", "follow_up_on", "task_title", "task_due_on"):
        edit.pop(name)
    assert client.post(url, edit).status_code == 302
    consultation.refresh_from_db()
    assert consultation.interpreted_by == leaver and consultation.outcome == "Kept"

    edit["interpreted_by"] = str(samira.pk)
    assert client.post(url, edit).status_code == 302
    consultation.refresh_from_db()
    assert consultation.interpreted_by == samira
    entry = (
        AuditEntry.objects.filter(action="counseling.consultation.updated").order_by("pk").last()
    )
    assert "interpreted_by" in entry.data["fields"]


def test_an_anonymous_contact_names_no_interpreter(
    client: Client, office_a: Office, counselor: User, samira: PoolMember
) -> None:
    contact = services.anonymous_contact_record(
        office=office_a, by=counselor, topics=[Topic.objects.get(slug="work")], channel="phone"
    )
    page = login(client, counselor).get(f"{WORK}/consultations/{contact.pk}/edit/")
    assert 'name="interpreted_by"' not in page.content.decode()


def test_the_form_reads_the_pool_in_a_fixed_number_of_queries(
    client: Client,
    office_a: Office,
    counselor: User,
    person: Person,
    django_assert_max_num_queries: Any,
) -> None:
    login(client, counselor)
    client.get(new_url(person))  # warm the session and the caches
    for number in range(3):
        make_member(office_a, name=f"Interpreter {number:02d}", languages=("ar", "fa", "de"))
    with django_assert_max_num_queries(14) as few:
        assert client.get(new_url(person)).status_code == 200
    for number in range(3, 30):
        make_member(office_a, name=f"Interpreter {number:02d}", languages=("ar", "fa", "de"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(new_url(person)).content.decode()
    assert page.count("Interpreter ") >= 30
