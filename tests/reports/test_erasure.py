"""Statistics survive erasure: anonymising and then deleting people changes no figure.

The report is computed for several scopes, the people are anonymised (every personal field
emptied), the report is computed again, the person rows are deleted (consultations, referrals,
milestones, requests and tandems keep their snapshots and `subject`, their foreign key becomes
NULL), and the report is computed a third time. Every figure of every app must stay the same.
"""

from __future__ import annotations

import ast
import datetime as dt
import importlib
import inspect
import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lotse.counseling.models import (
    Consent,
    Consultation,
    HouseholdLink,
    Outcome,
    Person,
    Referral,
    Whereabouts,
)
from lotse.reports import figures
from lotse.reports.scope import Scope
from lotse.sponsorship.models import RequestStatus, SponsorshipRequest, Tandem
from tests.reports.conftest import FEB, JAN, MAR, CounselingData, berlin
from tests.sponsorship.test_matching_views import make_request, make_volunteer

pytestmark = pytest.mark.django_db

FIGURE_MODULES = (
    "lotse.reports.figures_counseling",
    "lotse.reports.figures_sponsorship",
    "lotse.reports.figures_events",
)


def snapshot(scope: Scope) -> dict[str, tuple[Any, ...]]:
    """Every registered figure's total and rows for the scope."""
    return {result.figure.key: (result.total, result.rows) for result in figures.report(scope)}


def scopes(data: CounselingData) -> list[Scope]:
    return [
        data.scope(JAN, MAR, data.office_a, data.office_b),
        data.scope(FEB, MAR, group="refugee"),
        data.scope(dt.date(2024, 12, 1), dt.date(2025, 4, 1), data.office_a),
    ]


def add_sponsorship(data: CounselingData) -> None:
    """A request and a tandem of Amira's, so the sponsorship figures have people to lose."""
    amira = data.people["amira"]
    request = make_request(
        data.office_a,
        person=amira,
        status=RequestStatus.MATCHED,
        contact_name="Amira Example",
        contact_email="amira@example.org",
        created_at=berlin(2025, 1, 12, 10),
        waiting_since=berlin(2025, 1, 12, 10),
    )
    Tandem.objects.create(
        office=data.office_a,
        request=request,
        volunteer=make_volunteer(data.office_a),
        person=amira,
        started_on=dt.date(2025, 1, 20),
    )
    make_request(data.office_b, person=data.people["goran"], created_at=berlin(2025, 2, 3, 9))


def anonymise(people: list[Person]) -> None:
    """Empty every personal field, as an erasure request does before the row goes."""
    ids = [person.pk for person in people]
    Person.objects.filter(pk__in=ids).update(
        display_name="—",
        full_name="",
        email="",
        phone="",
        phone_digits="",
        address="",
        nationality=None,
        preferred_language=None,
        arrival_date=None,
        time_zone="",
        profession="",
        qualification="",
        recognition_pending=False,
        name_keys="",
        country_of_origin=None,
        target_group=None,
        residence_status=None,
        whereabouts=Whereabouts.REGION,
        municipality="",
        abroad_country=None,
    )
    for person in people:
        person.languages.clear()
    Consultation.objects.filter(person_id__in=ids).update(notes="", outcome="", next_steps="")
    Referral.objects.filter(person_id__in=ids).update(reason="")
    Outcome.objects.filter(person_id__in=ids).update(note="")
    SponsorshipRequest.objects.filter(person_id__in=ids).update(
        contact_name="", contact_email="", contact_phone="", note="", interests=""
    )


def test_every_figure_survives_anonymising_and_deleting_people(
    counseling_data: CounselingData,
) -> None:
    add_sponsorship(counseling_data)
    people = list(counseling_data.people.values())
    before = {scope: snapshot(scope) for scope in scopes(counseling_data)}
    # The data set gives the figures something to lose.
    everything = before[scopes(counseling_data)[0]]
    assert everything["people_counselled"][0] == 9
    assert everything["outcomes"][0] == 5

    anonymise(people)
    for scope, figures_before in before.items():
        assert snapshot(scope) == figures_before, "anonymising changed a figure"

    Person.objects.filter(pk__in=[person.pk for person in people]).delete()
    assert not Person.objects.exists() and not Consent.objects.exists()
    assert not HouseholdLink.objects.exists()
    assert Consultation.objects.filter(person__isnull=False).count() == 0
    assert Consultation.objects.count() == 13  # nothing of the statistics went
    for scope, figures_before in before.items():
        after = snapshot(scope)
        changed = [key for key in figures_before if after[key] != figures_before[key]]
        assert not changed, f"deleting people changed {changed}"


def test_no_figure_reads_the_person_table(counseling_data: CounselingData) -> None:
    add_sponsorship(counseling_data)
    person_table = Person._meta.db_table
    for scope in scopes(counseling_data):
        with CaptureQueriesContext(connection) as queries:
            figures.report(scope)
        for query in queries.captured_queries:
            assert person_table not in query["sql"], query["sql"]


# A lookup through the person's record: `person__…`, `person_id`, `person=` or the model.
PERSON_LOOKUP = re.compile(r"^person(__|_id$|$)")


@pytest.mark.parametrize("module_name", FIGURE_MODULES)
def test_figure_code_does_not_name_the_person(module_name: str) -> None:
    module = importlib.import_module(module_name)
    tree = ast.parse(inspect.getsource(module))
    offences = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == "Person":
            offences.append(f"line {node.lineno}: Person")
        elif isinstance(node, ast.alias) and node.name.split(".")[-1] == "Person":
            offences.append(f"imports Person as {node.asname or node.name}")
        elif isinstance(node, ast.Attribute) and node.attr in {"person", "person_id"}:
            offences.append(f"line {node.lineno}: .{node.attr}")
        elif isinstance(node, ast.keyword) and node.arg and PERSON_LOOKUP.match(node.arg):
            offences.append(f"line {node.lineno}: {node.arg}=")
        elif (
            isinstance(node, ast.Constant)
            and isinstance(node.value, str)
            and PERSON_LOOKUP.match(node.value)
        ):
            offences.append(f"line {node.lineno}: {node.value!r}")
    assert not offences, f"{module_name} reads the person's record: {offences}"
