"""The counseling demo: a realistic year for the demo offices, the same every time.

The demo is seeded once for the module (all of `seed_demo`: core, directory, counseling) inside a
transaction that is rolled back at the end; each test runs in a savepoint of its own, as usual.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Max
from django.utils import timezone

from lotse.core.models import CountryGroup, Office, User
from lotse.counseling import demo, selectors
from lotse.counseling.models import (
    ClientNumberCounter,
    Consent,
    ConsentPurpose,
    Consultation,
    FollowUp,
    HandoverLetter,
    HouseholdLink,
    Outcome,
    Person,
    RecognitionCase,
    Referral,
    Whereabouts,
)

pytestmark = pytest.mark.django_db

CLIENT_NUMBER = re.compile(r"^(S|RS|BS)-(\d{4})-(\d{5})$")
#: Children first, so deleting never waits on a cascade.
MODELS = (
    HandoverLetter,
    FollowUp,
    RecognitionCase,
    Outcome,
    HouseholdLink,
    Referral,
    Consultation.topics.through,
    Consultation,
    Consent,
    Person.languages.through,
    Person,
    ClientNumberCounter,
)


@pytest.fixture(scope="module")
def seeded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[str]:
    """The seed_demo output, with the demo in the database for the module's tests."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            call_command("seed_demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def fingerprint() -> dict[str, Any]:
    counts = {model.__name__: model.objects.count() for model in MODELS}
    # The sponsorship demo adds the sponsor-program consents of the people it asks for.
    counts["Consent"] = Consent.objects.exclude(purpose=ConsentPurpose.SPONSOR_PROGRAM).count()
    first = Person.objects.order_by("client_number", "office_id")
    return {
        **counts,
        "anonymous": Consultation.objects.filter(is_anonymous=True).count(),
        "first people": list(first.values_list("client_number", "display_name", "email")[:20]),
        "referral statuses": sorted(
            Referral.objects.values_list("status")
            .annotate(n=Count("id"))
            .values_list("status", "n")
        ),
    }


def share(queryset: Any, **condition: Any) -> float:
    total = queryset.count()
    return queryset.filter(**condition).count() / total


def test_a_year_of_counseling_for_the_demo_offices(seeded: str) -> None:
    people = Person.objects.all()
    assert 3_000 <= people.count() <= 4_000
    by_office = dict(people.values_list("office__slug").annotate(n=Count("id")))
    assert by_office["stuttgart"] > by_office["region-stuttgart"] > 0
    assert by_office["braunschweig"] > 0
    countries = Consultation.objects.exclude(country_of_origin=None)
    assert countries.values("country_of_origin").distinct().count() >= 120
    free = share(
        people, country_of_origin__group__in=[g for g in CountryGroup.values if g != "third"]
    )
    assert 0.40 <= free <= 0.60
    assert 0.05 <= share(people, whereabouts=Whereabouts.ABROAD) <= 0.15
    abroad = people.filter(whereabouts=Whereabouts.ABROAD)
    assert not abroad.filter(abroad_country=None).exists()
    assert abroad.exclude(time_zone="").count() >= 0.9 * abroad.count()
    assert Consultation.objects.filter(is_anonymous=True, person=None).count() >= 500
    counts = dict(
        Consultation.objects.filter(person__isnull=False)
        .values_list("person")
        .annotate(n=Count("id"))
        .values_list("person", "n")
    )
    assert set(counts.values()) == {1, 2, 3, 4}
    assert len(counts) == people.count()
    latest = Consultation.objects.filter(person=people.first()).aggregate(Max("started_at"))
    assert people.first().last_contact_at == latest["started_at__max"]
    assert "Counseling: 3,500 people" in seeded
    assert "EU/EEA/CH share" in seeded


def test_the_share_of_refugees_grows_over_the_year() -> None:
    today = timezone.localdate()
    consultations = Consultation.objects.all()
    first = consultations.filter(started_at__date__lt=today - dt.timedelta(days=273))
    last = consultations.filter(started_at__date__gte=today - dt.timedelta(days=91))
    assert share(first, target_group__slug="refugee") + 0.05 < share(
        last, target_group__slug="refugee"
    )
    statuses = set(
        Person.objects.filter(target_group__slug="refugee").values_list(
            "residence_status__slug", flat=True
        )
    )
    assert {"asylum-seeker", "protection", "temporary-protection"} <= statuses


def test_consents_client_numbers_and_history(seeded: str) -> None:
    people = Person.objects.all()
    active = Consent.objects.filter(purpose=ConsentPurpose.COUNSELING, withdrawn_on=None)
    assert active.values("person").distinct().count() == people.count()
    assert Consent.objects.exclude(withdrawn_on=None).exists()
    numbers = list(people.values_list("office__client_prefix", "client_number", "number_year"))
    assert len({number for _prefix, number, _year in numbers}) == len(numbers)
    for prefix, number, year in numbers:
        match = CLIENT_NUMBER.match(number)
        assert match and match[1] == prefix and int(match[2]) == year, number
    for counter in ClientNumberCounter.objects.all():
        highest = people.filter(office=counter.office_id, number_year=counter.year).aggregate(
            Max("number_sequence")
        )["number_sequence__max"]
        assert counter.last == highest
    referrals = Referral.objects.all()
    assert 0.3 <= referrals.values("person").distinct().count() / people.count() <= 0.5
    assert not referrals.filter(service__is_archived=True).exists()
    assert referrals.exclude(partner_confirmed_at=None).count() >= 0.2 * referrals.count()
    assert {"suggested", "handed_over", "arrived", "completed", "not_taken_up"} == set(
        referrals.values_list("status", flat=True)
    )
    assert Outcome.objects.values("kind").distinct().count() >= 6
    assert RecognitionCase.objects.values("stage").distinct().count() == 4
    assert HouseholdLink.objects.count() >= 50
    for model in (Person, Consultation, Referral, Consent, Outcome, RecognitionCase, FollowUp):
        for obj in model.objects.order_by("?")[:150]:
            obj.full_clean(validate_unique=False, validate_constraints=False)


def test_the_demo_counselor_has_work_on_the_start_page() -> None:
    counselor = User.objects.get(username=demo.DEMO_COUNSELOR)
    office = Office.objects.get(slug="stuttgart")
    day = selectors.today(user=counselor, office=office)
    due = [f.due_on for f in day["follow_ups"]]
    assert timezone.localdate() in due
    assert min(due) < timezone.localdate()
    assert day["overdue_count"] >= demo.DEMO_OVERDUE_REFERRALS
    assert len(day["recent_people"]) == 10


@pytest.mark.parametrize(
    ("query", "spellings"),
    [
        ("Muhammad", {"Mohammed", "Mohamed", "Muhammad"}),
        ("Mueller", {"Müller", "Mueller"}),
    ],
)
def test_spelling_variants_find_each_other(query: str, spellings: set[str]) -> None:
    counselor = User.objects.get(username=demo.DEMO_COUNSELOR)
    office = Office.objects.get(slug="stuttgart")
    found = selectors.person_search(user=counselor, office=office, query=query)
    words = {
        word for person in found for word in f"{person.display_name} {person.full_name}".split()
    }
    assert spellings <= words


def test_seeding_again_adds_nothing_and_the_demo_is_the_same_every_time() -> None:
    before = fingerprint()
    out = StringIO()
    demo.seed(scale=1, stdout=out)
    assert fingerprint() == before
    assert "none added" in out.getvalue()
    for model in MODELS:
        model.objects.all().delete()
    demo.seed(scale=1, stdout=StringIO())
    assert fingerprint() == before
