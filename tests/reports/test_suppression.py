"""Small numbers in public reports: primary and secondary suppression, thresholds per office.

The known data set is the fake breakdown of test_exports.py: Syria 40, Romania 12, Ukraine 7,
Switzerland 2 (total 61), and the fake count: 3 people in January, 20 in February, 12 in March.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils.html import escape

from lotse.core.models import Office, Role, User
from lotse.reports import exports
from lotse.reports.exports import PRIMARY, SECONDARY, protect
from lotse.reports.models import ReportSettings
from lotse.reports.scope import Scope
from lotse.reports.services import threshold_for
from tests.conftest import login, member
from tests.core.factories import MembershipFactory
from tests.reports.test_exports import (  # noqa: F401  (fake_figures is a fixture)
    csv_rows,
    download,
    fake_figures,
    make_template,
    report_query,
    workbook,
)

#: Every test here reads the fake figures (the rules' tests do not mind them).
pytestmark = pytest.mark.usefixtures("fake_figures")


@pytest.fixture
def viewer(office_a: Office) -> User:
    return member(office_a, Role.STATISTICS_VIEWER, "viewer-a")


def marks(cells: list[exports.Cell]) -> list[str]:
    return [cell.text for cell in cells]


# --- The rules --------------------------------------------------------------------------------


def test_a_staff_report_keeps_every_number_exact() -> None:
    total, cells = protect(61, [40, 12, 7, 2], None)
    assert total.text == "61" and not total.withheld
    assert [cell.value for cell in cells] == [40, 12, 7, 2]
    assert cells[3].share == pytest.approx(2 / 61)


def test_a_count_under_the_threshold_is_shown_as_less_than_the_threshold() -> None:
    total, cells = protect(61, [40, 12, 7, 2, 3], 5)
    assert marks(cells) == ["40", "12", "7", "< 5", "< 5"]
    assert [cell.withheld for cell in cells[3:]] == [PRIMARY, PRIMARY]
    assert cells[3].value is None and cells[3].share is None
    assert cells[0].share == pytest.approx(40 / 61)
    assert total.text == "61"


def test_a_single_withheld_cell_takes_the_next_smallest_with_it() -> None:
    # 61 - 40 - 12 - 7 would give Switzerland's 2 away.
    _total, cells = protect(61, [40, 12, 7, 2], 5)
    assert marks(cells) == ["40", "12", "x", "< 5"]
    assert cells[2].withheld == SECONDARY
    assert cells[2].value is None and cells[2].share is None


def test_on_a_tie_the_lower_ranked_cell_is_withheld_secondarily() -> None:
    _total, cells = protect(30, [12, 9, 9], 10)
    assert marks(cells) == ["12", "< 10", "< 10"]
    _total, cells = protect(30, [15, 7, 7, 1], 5)
    assert marks(cells) == ["15", "7", "x", "< 5"]


def test_two_withheld_cells_need_no_secondary_suppression() -> None:
    _total, cells = protect(50, [40, 6, 3, 1], 5)
    assert marks(cells) == ["40", "6", "< 5", "< 5"]


def test_a_withheld_total_withholds_every_share() -> None:
    total, cells = protect(4, [3, 1], 5)
    assert total.text == "< 5"
    assert marks(cells) == ["< 5", "< 5"]
    assert all(cell.share is None for cell in cells)
    # A breakdown whose categories overlap (one consultation, several topics).
    total, cells = protect(4, [4, 4], 5)
    assert total.text == "< 5" and all(cell.share is None for cell in cells)


def test_zero_describes_nobody_and_is_shown() -> None:
    total, cells = protect(0, [0, 0], 5)
    assert total.text == "0" and marks(cells) == ["0", "0"]
    assert not total.withheld


def test_a_threshold_of_one_withholds_nothing() -> None:
    _total, cells = protect(10, [9, 1], 1)
    assert marks(cells) == ["9", "1"]


# --- Thresholds -------------------------------------------------------------------------------


def test_the_threshold_is_the_offices_or_five(office_a: Office, office_b: Office) -> None:
    assert threshold_for(offices=[office_a.pk]) == 5
    ReportSettings.objects.create(office=office_a, small_number_threshold=3)
    assert threshold_for(offices=[office_a.pk]) == 3
    # Several offices: the strictest.
    assert threshold_for(offices=[office_a.pk, office_b.pk]) == 5
    ReportSettings.objects.create(office=office_b, small_number_threshold=8)
    assert threshold_for(offices=[office_a.pk, office_b.pk]) == 8


# --- The files --------------------------------------------------------------------------------


def test_a_public_csv_withholds_small_numbers_and_their_shares(
    client: Client, office_a: Office, viewer: User
) -> None:
    rows = csv_rows(download(login(client, viewer), "csv", report_query(office_a, public=1)))
    countries = [row[2:] for row in rows if row[1] == "Test countries"]
    assert countries == [
        ["Syria", "40", "0.6557"],
        ["Romania", "12", "0.1967"],
        ["Ukraine", "x", ""],
        ["Switzerland", "< 5", ""],
        ["Total", "61", ""],
    ]
    assert ["Test section", "Test people", "", "23", ""] in rows


def test_a_public_xlsx_writes_the_marks_instead_of_the_numbers(
    client: Client, office_a: Office, viewer: User
) -> None:
    response = download(login(client, viewer), "xlsx", report_query(office_a, public=1))
    assert response["Content-Disposition"].endswith('-public.xlsx"')
    book = workbook(response)
    sheet = next(sheet for sheet in book.worksheets if sheet["A1"].value == "Test countries")
    values = {row[0]: row[1:3] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert values["Syria"] == (40, pytest.approx(40 / 61))
    assert values["Ukraine"] == ("x", None)
    assert values["Switzerland"] == ("< 5", None)
    legend = [row[0] for row in book["Definitions"].iter_rows(values_only=True) if row[0]]
    assert any(str(line).startswith("< 5: a number from 1 to 4") for line in legend)


def test_a_staff_export_shows_the_exact_small_numbers(
    client: Client, office_a: Office, viewer: User
) -> None:
    rows = csv_rows(download(login(client, viewer), "csv", report_query(office_a)))
    countries = {row[2]: row[3:] for row in rows if row[1] == "Test countries"}
    assert countries["Ukraine"] == ["7", "0.1148"]
    assert countries["Switzerland"] == ["2", "0.0328"]


def test_the_offices_own_threshold_applies(client: Client, office_a: Office, viewer: User) -> None:
    ReportSettings.objects.create(office=office_a, small_number_threshold=10)
    rows = csv_rows(download(login(client, viewer), "csv", report_query(office_a, public=1)))
    countries = {row[2]: row[3] for row in rows if row[1] == "Test countries"}
    # Two cells under 10: neither can be worked out alone, no secondary suppression.
    assert countries == {
        "Syria": "40",
        "Romania": "12",
        "Ukraine": "< 10",
        "Switzerland": "< 10",
        "Total": "61",
    }


def test_a_report_over_several_offices_uses_the_strictest_threshold(
    client: Client, office_a: Office, office_b: Office
) -> None:
    regional = member(office_a, Role.STATISTICS_VIEWER, "regional")
    MembershipFactory(user=regional, office=office_b, role=Role.STATISTICS_VIEWER)
    ReportSettings.objects.create(office=office_a, small_number_threshold=3)
    ReportSettings.objects.create(office=office_b, small_number_threshold=13)
    query = report_query(office_a, office_b, public=1)
    rows = csv_rows(download(login(client, regional), "csv", query))
    countries = {row[2]: row[3] for row in rows if row[1] == "Test countries"}
    assert countries["Romania"] == "< 13" and countries["Syria"] == "40"


def test_a_public_template_always_withholds_small_numbers(
    client: Client, office_a: Office, viewer: User
) -> None:
    template = make_template(office_a, [("test_countries", "")], public=True)
    response = download(login(client, viewer), "csv", report_query(office_a, template=template.pk))
    assert response["Content-Disposition"].endswith('-public.csv"')
    countries = {row[2]: row[3] for row in csv_rows(response)[1:]}
    assert countries["Switzerland"] == "< 5" and countries["Ukraine"] == "x"


def test_public_is_only_public_when_asked_for_exactly(
    client: Client, office_a: Office, viewer: User
) -> None:
    rows = csv_rows(download(login(client, viewer), "csv", report_query(office_a, public="yes")))
    assert ["Test section", "Test countries", "Switzerland", "2", "0.0328"] in rows


def test_a_public_pdf_withholds_in_tables_and_draws_no_withheld_number(
    office_a: Office, viewer: User
) -> None:
    scope = Scope((office_a.pk,), dt.date(2025, 1, 1), dt.date(2025, 4, 1))
    report = exports.build_report(user=viewer, scope=scope, public=True, threshold=5)
    html = exports.report_html(report)
    block = html.split('<div class="figure" data-figure="test_countries">')[1].split("</div>")[0]
    assert '<td class="num">&lt; 5</td>' in block and '<td class="num">x</td>' in block
    chart = block.split("<svg")[1].split("</svg>")[0]
    assert "Syria" in chart and "Romania" in chart
    assert "Switzerland" not in chart and "Ukraine" not in chart
    # Over time: January's 3 is withheld, March's 12 with it (the quarter's 35 is printed); the
    # chart, which would print every month's number, is left out.
    assert report.series[0].label == "Test people"
    assert [cell.text for _label, cell in report.series[0].points] == ["< 5", "20", "x"]
    assert 'id="series-test_people"' not in html
    assert escape("Public version: numbers under 5 are withheld") in html
    assert escape("< 5: a number from 1 to 4") in html


def test_a_staff_pdf_draws_every_number(office_a: Office, viewer: User) -> None:
    scope = Scope((office_a.pk,), dt.date(2025, 1, 1), dt.date(2025, 4, 1))
    report = exports.build_report(user=viewer, scope=scope)
    html = exports.report_html(report)
    assert 'id="series-test_people"' in html
    assert "Public version" not in html and "&lt; 5" not in html
    assert [cell.text for _label, cell in report.series[0].points] == ["3", "20", "12"]
