"""Finding people, likely duplicates, the timeline and the counselor's day."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.utils import timezone
from django_scopes import scopes_disabled
from hypothesis import given, settings
from hypothesis import strategies as st

from lotse.core.models import Role
from lotse.counseling import selectors, services
from lotse.counseling.models import ConsentForm, FollowUp, Person, Referral
from lotse.counseling.names import name_keys, phonetic, query_terms
from tests.conftest import member
from tests.counseling.factories import make_consultation, make_person
from tests.directory.factories import make_service


def names(found: list[Person]) -> list[str]:
    return [person.display_name for person in found]


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Müller", {"Jana Müller", "Jan Mueller", "Ivo Muller"}),
        ("mueller", {"Jana Müller", "Jan Mueller", "Ivo Muller"}),
        ("MULL", {"Jana Müller", "Jan Mueller", "Ivo Muller"}),
        ("Mohammed", {"Mohammed Haddad", "Muhammad Haddad", "Mohamed Said"}),
        ("muhammad haddad", {"Mohammed Haddad", "Muhammad Haddad"}),
        ("Yusuf", {"Youssef Amrani", "Jusuf Berisha"}),
        ("Olena", {"Olena Kovalenko"}),
        ("Олена", {"Олена Коваленко"}),
        ("Chen", {"Chen Wei"}),
    ],
)
def test_name_search_forgives_accents_case_and_transliteration(
    office_a, counselor, query, expected
):
    for name in (
        "Jana Müller",
        "Jan Mueller",
        "Ivo Muller",
        "Mohammed Haddad",
        "Muhammad Haddad",
        "Mohamed Said",
        "Youssef Amrani",
        "Jusuf Berisha",
        "Olena Kovalenko",
        "Олена Коваленко",
        "Chen Wei",
        "Nguyen Van An",
    ):
        make_person(office_a, display_name=name)
    found = selectors.person_search(user=counselor, office=office_a, query=query)
    assert set(names(found)) == expected


@pytest.mark.django_db
def test_exact_spelling_ranks_before_sound_alikes(office_a, counselor):
    for name in ("Muhammad Haddad", "Mohammed Haddad"):
        make_person(office_a, display_name=name)
    found = selectors.person_search(user=counselor, office=office_a, query="Mohammed")
    assert names(found)[0] == "Mohammed Haddad"


@pytest.mark.django_db
def test_search_by_number_email_and_phone(office_a, counselor):
    person = make_person(office_a, email="ana@example.org", phone="+49 711 555 0101")
    make_person(office_a, display_name="Other", phone="0711 999 999")
    for query in (
        person.client_number,
        person.client_number.lower(),
        person.client_number.replace("-00", "-"),
        "ANA@example.org",
        "0711 5550101",
        "5550101",
    ):
        assert selectors.person_search(user=counselor, office=office_a, query=query) == [person]
    assert selectors.person_search(user=counselor, office=office_a, query="A-1999-00001") == []


@pytest.mark.django_db
def test_search_never_finds_another_offices_people(office_a, office_b, counselor, outsider):
    person = make_person(office_a, display_name="Amira Haddad", email="amira@example.org")
    for query in ("Amira", person.client_number, "amira@example.org"):
        assert selectors.person_search(user=outsider, office=office_b, query=query) == []
    viewer = member(office_a, Role.STATISTICS_VIEWER, "viewer")
    with pytest.raises(PermissionDenied):
        selectors.person_search(user=viewer, office=office_a, query="Amira")


@pytest.mark.django_db
def test_a_merged_records_number_leads_to_the_kept_record(office_a, counselor):
    keep, merge = make_person(office_a, display_name="Keep"), make_person(office_a)
    services.person_merge(office=office_a, by=counselor, keep=keep, merge=merge)
    found = selectors.person_search(user=counselor, office=office_a, query=merge.client_number)
    assert found == [keep]


@pytest.mark.django_db
def test_likely_duplicates_by_name_sound_email_or_phone(office_a, office_b, counselor):
    existing = make_person(
        office_a, display_name="Mohammed Al Haddad", email="mh@example.org", phone="0711 12345"
    )
    make_person(office_b, display_name="Mohammed Al Haddad")
    make_person(office_a, display_name="Mohammed Schmidt")

    def dupes(**data: str) -> list[Person]:
        return selectors.possible_duplicates(user=counselor, office=office_a, **data)

    assert dupes(display_name="Muhammad Alhaddad", full_name="Muhammad Al Haddad") == [existing]
    assert dupes(display_name="M.", email="MH@example.org") == [existing]
    assert dupes(display_name="Someone", phone="+49 711 12345") == [existing]
    assert dupes(display_name="Ana Lopez") == []
    assert dupes(display_name="Mohammed Al Haddad", exclude_id=existing.pk) == []


@given(st.text(max_size=60))
@settings(max_examples=200, deadline=None)
def test_name_keys_and_query_terms_accept_any_text(text):
    keys = name_keys(text)
    assert keys == "" or (keys.startswith(" ") and keys.endswith(" "))
    for word, sound in query_terms(text):
        assert word and (sound == "" or sound.startswith("_"))
        assert f" {word}" in name_keys(text)
    assert phonetic("") == ""


@pytest.mark.django_db
def test_timeline_is_one_chronological_list_and_hides_notes_from_admins(
    office_a, counselor, office_admin
):
    person = make_person(office_a)
    old = make_consultation(
        person, notes="confidential", started_at=timezone.now() - dt.timedelta(days=30)
    )
    new = make_consultation(person, notes="also confidential")
    service = make_service(title="Jobcenter", office=office_a)
    Referral.objects.create(office=office_a, person=person, subject=person.subject, service=service)
    for_counselor = selectors.timeline(user=counselor, office=office_a, person=person)
    kinds = [entry.kind for entry in for_counselor["entries"]]
    assert kinds.index("consultation") < kinds.index("consent")
    consultations = [e.obj for e in for_counselor["entries"] if e.kind == "consultation"]
    assert [c.pk for c in consultations] == [new.pk, old.pk]
    assert consultations[0].notes == "also confidential"
    for_admin = selectors.timeline(user=office_admin, office=office_a, person=person)
    assert not for_admin["show_notes"]
    assert all(c.notes == "" for c in for_admin["consultations"])


@pytest.mark.django_db
def test_timeline_queries_do_not_grow_with_the_history(
    office_a, counselor, django_assert_max_num_queries
):
    service = make_service(title="Jobcenter", office=office_a)

    def person_with(n: int) -> Person:
        person = make_person(office_a)
        for _ in range(n):
            make_consultation(person, topics=("work", "language"))
            Referral.objects.create(
                office=office_a, person=person, subject=person.subject, service=service
            )
        return person

    small, large = person_with(2), person_with(25)
    for person in (small, large):
        with django_assert_max_num_queries(14):
            selectors.timeline(user=counselor, office=office_a, person=person)


@pytest.mark.django_db
def test_person_get_is_office_bound(office_a, office_b, counselor, outsider):
    person = make_person(office_a)
    assert selectors.person_get(user=counselor, office=office_a, person_id=person.pk) == person
    with pytest.raises(Http404):
        selectors.person_get(user=outsider, office=office_b, person_id=person.pk)


@pytest.mark.django_db
def test_the_day_shows_due_follow_ups_overdue_referrals_and_recent_people(
    office_a, counselor, colleague
):
    today = timezone.localdate()
    person = make_person(office_a, display_name="Seen today")
    make_consultation(person, counselor=counselor)
    FollowUp.objects.create(
        office=office_a, person=person, title="Mine", due_on=today, assigned_to=counselor
    )
    FollowUp.objects.create(
        office=office_a, person=person, title="Late", due_on=today - dt.timedelta(days=3)
    )
    FollowUp.objects.create(
        office=office_a, person=person, title="Theirs", due_on=today, assigned_to=colleague
    )
    FollowUp.objects.create(
        office=office_a, person=person, title="Later", due_on=today + dt.timedelta(days=1)
    )
    service = make_service(title="Jobcenter", office=office_a)
    overdue = Referral.objects.create(
        office=office_a,
        person=person,
        subject=person.subject,
        service=service,
        created_by=counselor,
        follow_up_on=today - dt.timedelta(days=1),
    )
    Referral.objects.create(
        office=office_a,
        person=person,
        subject=person.subject,
        service=service,
        created_by=counselor,
        follow_up_on=today - dt.timedelta(days=1),
        status="completed",
    )
    day = selectors.today(user=counselor, office=office_a)
    assert [task.title for task in day["follow_ups"]] == ["Late", "Mine"]
    assert day["overdue_referrals"] == [overdue]
    assert names(day["recent_people"]) == ["Seen today"]


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif("connection.vendor != 'postgresql'", reason="row locks need PostgreSQL")
def test_simultaneous_new_people_get_distinct_numbers(office_a, counselor):
    errors: list[BaseException] = []

    def create(index: int) -> None:
        try:
            with scopes_disabled():
                services.person_create(
                    office=office_a,
                    by=counselor,
                    consent_form=ConsentForm.VERBAL,
                    display_name=f"Walk-in {index}",
                )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()  # each thread has its own connection; the teardown drops the db

    threads = [threading.Thread(target=create, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    numbers = sorted(Person.objects.values_list("number_sequence", flat=True))
    assert numbers == list(range(1, 13))
    assert connection.vendor == "postgresql"
