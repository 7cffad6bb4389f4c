"""The counseling benchmark, run end to end with a tiny data set on the test database."""

from __future__ import annotations

import math
import random
from io import StringIO

import pytest

from lotse.core.benchmarks import BenchOptions, discover, format_report
from lotse.core.models import Office, User
from lotse.counseling import benchmarks, demo
from lotse.counseling.benchmarks import BENCH_SLUG, PREFIXES, VARIANTS, counseling
from lotse.counseling.models import Consultation, Person
from lotse.directory.models import Service

pytestmark = pytest.mark.django_db

HEADER = ["kind", "hits", "SQL", "median", "ms", "p95", "ms", "query"]
KINDS = {"name", "prefix", "variant", "number", "e-mail", "phone"}


def _figure(text: str) -> float:
    value = float(text)
    assert math.isfinite(value)
    assert value >= 0
    return value


def _figures(median: str, p95: str) -> None:
    assert _figure(median) <= _figure(p95)


def test_the_report_has_a_row_per_search_the_page_and_the_timeline() -> None:
    assert discover()["counseling"] is counseling

    report = counseling(BenchOptions(timeout=120), people=200, repetitions=2, pages=5)
    lines = format_report(report)

    assert lines[0].startswith("counseling (person search and person page, in-process), ")
    assert lines[0].endswith(", 200 people, " + report.conditions[1] + ", 2 runs")
    assert lines[1].split() == HEADER
    assert all(len(row) == len(report.columns) for row in report.rows)
    searches, (overall, page, timeline) = report.rows[:-3], report.rows[-3:]
    assert len(searches) >= 25
    assert {row[0] for row in searches} == KINDS
    assert {row[5] for row in searches} >= set(PREFIXES) | set(VARIANTS)
    for _kind, hits, sql, median, p95, query in searches:
        assert int(hits) >= 0 and int(sql) >= 1, query
        _figures(median, p95)
        if query.startswith(("ZZ-", "nobody@")):
            assert hits == "0", query
    found = {row[5]: int(row[1]) for row in searches}
    numbers = [row for row in searches if row[0] == "number"]
    assert [found[row[5]] for row in numbers] == [1, 1, 0]
    assert overall[0] == "search" and overall[5].endswith("searches x 2 runs")
    _figures(overall[3], overall[4])
    assert page[0] == "page"
    if page[1] != "0":  # the person page answers 200: timed, and its SQL counted
        _figures(page[3], page[4])
        assert all(part.isdigit() for part in page[2].split("-"))
    assert timeline[0] == "timeline" and timeline[1] == "5"
    _figures(timeline[3], timeline[4])

    notes = "\n".join(lines[2 + len(report.rows) :])
    assert "generated with counseling.demo.generate" in notes
    assert "goal p95 < 100 ms, search: " in notes
    assert ("goal p95 < 100 ms, person page: " in notes) == (page[1] != "0")


def test_nothing_generated_stays_in_the_database() -> None:
    counseling(BenchOptions(timeout=120), people=30, repetitions=1, pages=2)
    assert not Office.objects.filter(slug=BENCH_SLUG).exists()
    assert not Person.objects.exists()
    assert not Consultation.objects.exists()
    assert not Service.objects.exists()
    assert not User.objects.filter(username__startswith=BENCH_SLUG).exists()


def test_an_office_with_enough_people_is_measured_as_it_is(
    monkeypatch: pytest.MonkeyPatch, office_a: Office, counselor: User
) -> None:
    demo.generate(
        office_a,
        [counselor],
        people=40,
        consultations_per_person=3,
        rng=random.Random(1),
        stdout=StringIO(),
    )
    before = Consultation.objects.count()
    monkeypatch.setattr(benchmarks, "EXISTING_MIN_PEOPLE", 40)

    report = counseling(BenchOptions(timeout=120), repetitions=1, pages=3)

    assert report.conditions[0] == "40 people"
    assert report.conditions[1] == f"{before:,} consultations"
    assert any("already held 40 people" in note for note in report.notes)
    assert not Office.objects.filter(slug=BENCH_SLUG).exists()
    assert Person.objects.count() == 40
