"""The demo's yearly report reads like the seeds (shared/seeds/000_*): the Welcome Center
Stuttgart and the Welcome Service Region Stuttgart counselled about 3,500 people in twelve
months, from about 140 countries, about half of them from the EU, with a growing share of
refugees.

The whole demo (`seed_all(scale=1)`) is seeded once for the module inside a transaction that is
rolled back at the end; each test runs in a savepoint of its own, as usual.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.db import transaction
from django.utils import timezone
from django_scopes import scopes_disabled

from lotse.core import demo as core_demo
from lotse.core.models import Office
from lotse.reports import figures
from lotse.reports.figures_counseling import FREE_MOVEMENT, REFUGEE, THIRD_COUNTRIES
from lotse.reports.scope import Scope

pytestmark = pytest.mark.django_db

#: The two offices that report together in the seeds.
REGION = ("stuttgart", "region-stuttgart")
#: The demo's year: the 365 days up to today (its dates are relative to the day it is seeded).
DAYS = 365
QUARTER = 91


@pytest.fixture(scope="module")
def seeded(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            with scopes_disabled():
                core_demo.seed_all(scale=1, stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def region(*, start: int = 0, days: int = DAYS) -> Scope:
    """Days `start` to `start + days` of the demo's year, for the two Stuttgart offices."""
    first = timezone.localdate() - dt.timedelta(days=DAYS - 1)
    offices = Office.objects.filter(slug__in=REGION).order_by("pk").values_list("pk", flat=True)
    assert len(offices) == len(REGION)
    return Scope(
        offices=tuple(offices),
        start=first + dt.timedelta(days=start),
        end=first + dt.timedelta(days=start + days),
    )


def share(result: figures.Result, key: str) -> float:
    """The row's share of the figure's total, as the report prints it."""
    (row,) = [row for row in result.rows if row.key == key]
    value = result.share(row)
    assert value is not None
    return value


def test_the_yearly_report_of_the_demo_region_reads_like_the_seeds(seeded: None) -> None:
    results = {result.figure.key: result for result in figures.report(region())}

    assert 120 <= results["countries_count"].total <= 160
    assert len(results["countries"].rows) == results["countries_count"].total
    eu_share = results["eu_share"]
    assert 0.40 <= share(eu_share, FREE_MOVEMENT) <= 0.60
    assert 0.40 <= share(eu_share, THIRD_COUNTRIES) <= 0.60
    # Every person counselled counts once in each per-person breakdown.
    people = results["people_counselled"].total
    assert eu_share.total == results["refugees"].total == people
    # The people with a record: about 3,500 over the three demo offices, 88 % in the region.
    with_record = people - results["anonymous_contacts"].total
    assert 2_800 <= with_record <= 3_300


def test_the_demo_region_counselled_about_3500_people(seeded: None) -> None:
    results = {result.figure.key: result for result in figures.report(region())}
    people = results["people_counselled"].total
    assert 3_000 <= people <= 4_000, (
        f"{people:,} people counselled, of them "
        f"{results['anonymous_contacts'].total:,} anonymous contacts"
    )


def test_the_share_of_refugees_rises_through_the_demo_year(seeded: None) -> None:
    first = figures.compute("refugees", region(days=QUARTER))
    last = figures.compute("refugees", region(start=DAYS - QUARTER, days=QUARTER))
    assert first.total > 100 and last.total > 100
    # From about a tenth to about a quarter of the new people (counseling.demo.REFUGEE_SHARE).
    assert share(first, REFUGEE) + 0.05 < share(last, REFUGEE)
