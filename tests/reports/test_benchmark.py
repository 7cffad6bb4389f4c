"""The reports benchmark, run tiny on the test database, so it cannot rot."""

from __future__ import annotations

from typing import Any

import pytest

from lotse.core.benchmarks import BenchOptions, discover, format_report
from lotse.core.models import Office
from lotse.counseling.models import Consultation
from lotse.reports import benchmarks
from lotse.reports.benchmarks import COLUMNS, reports
from tests.reports.conftest import CounselingData

pytestmark = pytest.mark.django_db

#: The figures measured against a hand-written floor.
FLOORED = {
    "consultations",
    "people_counselled",
    "new_people",
    "channels",
    "countries",
    "countries_count",
    "eu_share",
    "refugees",
    "topics",
}


def _rows(report: Any) -> dict[str, list[str]]:
    return {row[0]: row for row in report.rows}


def test_without_data_it_builds_a_small_demo_year_measures_and_rolls_it_back() -> None:
    assert discover()["reports"] is reports

    report = reports(BenchOptions(timeout=60), people=40, runs=1)
    lines = format_report(report)

    assert lines[0].startswith("reports (the yearly report of a region, in-process), ")
    assert lines[0].endswith(" people, 1 run")
    assert lines[1].split() == [word for column in COLUMNS for word in column.split()]
    rows = _rows(report)
    assert set(rows) >= FLOORED
    for key in FLOORED:
        _figure, sql, in_report, alone, floor, ratio, equal = rows[key]
        assert equal == "yes", key
        assert int(sql) >= 0 and float(in_report) >= 0
        assert float(alone) > 0 and float(floor) >= 0 and float(ratio) > 0
    total = report.rows[-1]
    assert total[0].startswith("report (") and float(total[2]) > 0
    notes = "\n".join(report.notes)
    assert "scope: the demo region (" in notes
    assert "equal: yes" in notes
    assert "goal < 2 s: met" in notes
    assert "the goal applies to the scale-30 data set" in notes
    assert "generated 40 people" in notes and "rolled back" in notes
    # Nothing it built stays.
    assert not Consultation.objects.exists()
    assert not Office.objects.filter(slug__in=benchmarks.REGION_SLUGS).exists()


def test_it_measures_the_data_there_and_leaves_it(counseling_data: CounselingData) -> None:
    before = Consultation.objects.count()

    report = reports(BenchOptions(timeout=60), runs=2)

    rows = _rows(report)
    assert rows["people_counselled"][6] == "yes"
    assert rows["countries"][6] == "yes"
    notes = "\n".join(report.notes)
    assert "scope: every office with consultations" in notes
    assert "equal: yes" in notes and "generated" not in notes
    assert report.conditions[-1] == "2 runs"
    assert Consultation.objects.count() == before


def test_a_floor_that_disagrees_with_its_figure_is_reported(
    counseling_data: CounselingData, monkeypatch: pytest.MonkeyPatch
) -> None:
    def off_by_one(result: Any, *, breakdown: bool) -> Any:
        if result.figure.key == "people_counselled":
            return result.total + 1
        return original(result, breakdown=breakdown)

    original = benchmarks.figure_value
    monkeypatch.setattr(benchmarks, "figure_value", off_by_one)

    report = reports(BenchOptions(timeout=60), runs=1)

    assert _rows(report)["people_counselled"][6] == "NO"
    assert _rows(report)["channels"][6] == "yes"
    assert "equal: NO for people_counselled" in report.notes
