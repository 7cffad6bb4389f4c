"""The report as PDF, XLSX and CSV: the same numbers as the figures, templates, access."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from openpyxl import load_workbook

from lotse.core.models import Office, Role, User
from lotse.reports import charts, exports, figures
from lotse.reports.figures import BREAKDOWN, COUNT, Figure, Result
from lotse.reports.models import FunderTemplate, FunderTemplateItem
from lotse.reports.scope import Scope
from tests.conftest import login, member
from tests.reports.conftest import CounselingData

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
URLS = {"pdf": "reports:report-pdf", "xlsx": "reports:report-xlsx", "csv": "reports:report-csv"}

# --- Figures with known answers, whatever the real figures say ----------------------------------

#: Per month of 2025: how many people the fake count figure finds.
MONTHLY = {1: 3, 2: 20, 3: 12}
#: The fake breakdown: (key, label, value), whatever the period.
COUNTRIES = [
    ("sy", "Syria", 40),
    ("ro", "Romania", 12),
    ("ua", "Ukraine", 7),
    ("ch", "Switzerland", 2),
]


def _months(scope: Scope) -> int:
    return sum(
        value
        for month, value in MONTHLY.items()
        if scope.start <= dt.date(2025, month, 1) < scope.end
    )


def _fake_people(figure: Figure, scope: Scope) -> Result:
    return figures.count_result(figure, scope, _months(scope))


def _fake_countries(figure: Figure, scope: Scope) -> Result:
    labels = {key: label for key, label, _value in COUNTRIES}
    pairs = [(key, value) for key, _label, value in COUNTRIES]
    return figures.breakdown_result(figure, scope, pairs, labels)


FAKES: dict[str, dict[str, Any]] = {
    "test_people": {
        "label": "Test people", "section": "Test section", "kind": COUNT, "order": 1,
        "definition": "Everyone the test counts.", "func": _fake_people,
    },
    "test_countries": {
        "label": "Test countries", "section": "Test section", "kind": BREAKDOWN, "order": 2,
        "definition": "Where the test people come from.", "func": _fake_countries,
    },
}  # fmt: skip


@pytest.fixture
def fake_figures() -> Iterator[None]:
    """Register the fake figures for one test and take them out again."""
    before = dict(figures._FIGURES)
    for key, spec in FAKES.items():
        spec = dict(spec)
        func = spec.pop("func")
        figures.register(key, **spec)(func)
    try:
        yield
    finally:
        figures._FIGURES.clear()
        figures._FIGURES.update(before)


# --- Helpers ---------------------------------------------------------------------------------


def report_query(
    *offices: Office, start: str = "2025-01-01", end: str = "2025-02-28", **extra: Any
) -> str:
    pairs: list[tuple[str, Any]] = [
        ("period", "custom"),
        ("date_from", start),
        ("date_to", end),
        *[("offices", office.pk) for office in offices],
        ("granularity", "month"),
        *extra.items(),
    ]
    return urlencode(pairs)


def download(client: Client, kind: str, query: str) -> HttpResponse:
    return client.get(f"{reverse(URLS[kind])}?{query}")


def make_template(office: Office, items: list[tuple[str, str]], **fields: Any) -> FunderTemplate:
    template = FunderTemplate.objects.create(
        office=office, name=fields.pop("name", "ESF indicator sheet"), **fields
    )
    for position, (key, label) in enumerate(items, start=1):
        FunderTemplateItem.objects.create(
            template=template, position=position, figure_key=key, label=label
        )
    return template


def csv_rows(response: HttpResponse) -> list[list[str]]:
    content = response.content
    assert content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))


def workbook(response: HttpResponse) -> Any:
    return load_workbook(io.BytesIO(response.content))


def sheet_by_title(book: Any, label: str) -> Any:
    """The breakdown sheet whose first cell names the figure (sheet names are cut at 31)."""
    for sheet in book.worksheets[1:-1]:
        if sheet["A1"].value == label:
            return sheet
    raise AssertionError(f"no sheet for {label!r}")


def table_rows(sheet: Any) -> dict[str, Any]:
    """{category: (number, share)} below the header row of a breakdown sheet."""
    rows = list(sheet.iter_rows(values_only=True))
    header = next(index for index, row in enumerate(rows) if row[:1] == ("Category",))
    return {row[0]: (row[1], row[2]) for row in rows[header + 1 :] if row[0] is not None}


def key_figures(book: Any) -> list[tuple[str, Any]]:
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    header = next(index for index, row in enumerate(rows) if row[:1] == ("Section",))
    return [(row[1], row[2]) for row in rows[header + 1 :] if row[1] is not None]


@pytest.fixture
def viewer(office_a: Office) -> User:
    return member(office_a, Role.STATISTICS_VIEWER, "viewer-a")


# --- Formats ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kind", "content_type", "magic"),
    [
        ("pdf", "application/pdf", b"%PDF"),
        ("xlsx", XLSX, b"PK"),
        ("csv", "text/csv; charset=utf-8", "\ufeff".encode()),
    ],
)
def test_each_format_downloads_as_an_attachment_with_its_content_type(
    client: Client, office_a: Office, viewer: User, fake_figures: None,
    kind: str, content_type: str, magic: bytes,
) -> None:  # fmt: skip
    response = download(login(client, viewer), kind, report_query(office_a))
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response.content.startswith(magic)
    assert response["Content-Disposition"] == (
        f'attachment; filename="lotse-report-2025-01-01-2025-02-28.{kind}"'
    )
    assert response["Cache-Control"] == "no-store"


def test_a_calendar_year_is_named_by_its_year(
    client: Client, office_a: Office, viewer: User, fake_figures: None
) -> None:
    query = report_query(office_a, start="2025-01-01", end="2025-12-31")
    response = download(login(client, viewer), "csv", query)
    assert 'filename="lotse-report-2025.csv"' in response["Content-Disposition"]


def test_file_names_say_month_quarter_template_and_public(office_a: Office) -> None:
    def name(start: dt.date, end: dt.date, **kwargs: Any) -> str:
        report = exports.Report(
            scope=Scope((office_a.pk,), start, end),
            offices=("A",),
            created=dt.date(2026, 1, 5),
            tables=(),
            public=kwargs.pop("public", False),
        )
        return exports.filename(report, "pdf", **kwargs)

    template = FunderTemplate(office=office_a, name="ESF indicator sheet")
    assert name(dt.date(2025, 3, 1), dt.date(2025, 4, 1)) == "lotse-report-2025-03.pdf"
    assert name(dt.date(2025, 4, 1), dt.date(2025, 7, 1)) == "lotse-report-2025-q2.pdf"
    assert (
        name(dt.date(2025, 1, 1), dt.date(2026, 1, 1), template=template, public=True)
        == "lotse-report-2025-esf-indicator-sheet-public.pdf"
    )


def test_the_xlsx_numbers_equal_the_figures(
    client: Client, counseling_data: CounselingData, viewer: User
) -> None:
    office = counseling_data.office_a
    response = download(login(client, viewer), "xlsx", report_query(office))
    book = workbook(response)
    scope = counseling_data.scope()
    expected = figures.report(scope)
    assert expected, "the counseling figures are registered"
    assert key_figures(book) == [(str(r.figure.label), r.total) for r in expected]
    for result in expected:
        if result.figure.kind != BREAKDOWN:
            continue
        sheet = sheet_by_title(book, str(result.figure.label))
        rows = table_rows(sheet)
        assert rows.pop("Total") == (result.total, None)
        assert rows == {
            row.label: (row.value, pytest.approx(result.share(row))) for row in result.rows
        }
    definitions = book.worksheets[-1]
    assert definitions.title == "Definitions"
    assert [row[0] for row in definitions.iter_rows(min_row=2, values_only=True) if row[0]] == [
        str(result.figure.label) for result in expected
    ]


def test_the_csv_numbers_equal_the_figures(
    client: Client, counseling_data: CounselingData, viewer: User
) -> None:
    office = counseling_data.office_a
    rows = csv_rows(download(login(client, viewer), "csv", report_query(office)))
    assert rows[0] == ["Section", "Figure", "Category", "Number", "Share"]
    expected = []
    for result in figures.report(counseling_data.scope()):
        section, label = str(result.figure.section), str(result.figure.label)
        if result.figure.kind == BREAKDOWN:
            expected += [
                [section, label, row.label, str(row.value), f"{result.share(row):.4f}"]
                for row in result.rows
            ]
            expected.append([section, label, "Total", str(result.total), ""])
        else:
            expected.append([section, label, "", str(result.total), ""])
    assert rows[1:] == expected


def test_the_pdf_renders_and_its_source_carries_the_figures_numbers(
    client: Client, counseling_data: CounselingData, viewer: User
) -> None:
    office = counseling_data.office_a
    response = download(login(client, viewer), "pdf", report_query(office))
    assert response.content.startswith(b"%PDF")
    assert len(response.content) > 5_000

    scope = counseling_data.scope()
    report = exports.build_report(user=viewer, scope=scope)
    html = exports.report_html(report)
    assert "Annual report" not in html  # two months, not a calendar year
    assert "Welcome Center A" in html
    for result in figures.report(scope):
        label = re.escape(escape(str(result.figure.label)))
        if result.figure.kind == COUNT:
            row = rf'data-figure="{result.figure.key}"><th scope="row">{label}</th>'
            assert re.search(rf'{row}<td class="num">{charts.fmt(result.total)}</td>', html)
            continue
        block = html.split(f'<div class="figure" data-figure="{result.figure.key}">')[1]
        block = block.split("</table>")[0]
        for row in result.rows:
            cells = (
                rf'<td class="num">{charts.fmt(row.value)}</td>'
                rf'<td class="num">{re.escape(charts.percent(result.share(row)))}</td>'
            )
            assert re.search(rf"<th scope=\"row\">[^<]*</th>{cells}", block), row
        assert f'<td class="num">{charts.fmt(result.total)}</td>' in block.split("<tfoot>")[1]
    # Every figure's definition closes the report.
    definitions = html.split("Definitions</h2>")[1]
    for figure in figures.all_figures():
        assert escape(str(figure.definition)) in definitions


def test_the_pdf_of_a_report_draws_charts_as_inline_svg(
    office_a: Office, viewer: User, fake_figures: None
) -> None:
    scope = Scope((office_a.pk,), dt.date(2025, 1, 1), dt.date(2025, 4, 1))
    report = exports.build_report(user=viewer, scope=scope, template=None)
    html = exports.report_html(report)
    assert 'id="bars-test_countries"' in html
    assert 'id="series-test_people"' in html
    assert "<img" not in html and "http://" not in html.replace("http://www.w3.org/2000/svg", "")


def test_a_calendar_year_report_is_an_annual_report(
    office_a: Office, viewer: User, fake_figures: None
) -> None:
    scope = Scope((office_a.pk,), dt.date(2025, 1, 1), dt.date(2026, 1, 1))
    template = make_template(office_a, [("test_people", "")])
    report = exports.build_report(user=viewer, scope=scope, template=template)
    html = exports.report_html(report)
    assert "<h1>Annual report 2025</h1>" in html
    assert "ESF indicator sheet" in html


# --- Funder templates ------------------------------------------------------------------------


def test_a_template_gives_its_figures_in_its_order_under_its_labels(
    client: Client, office_a: Office, viewer: User, fake_figures: None
) -> None:
    template = make_template(
        office_a,
        [("test_countries", "Nationalities (ESF 12)"), ("test_people", "Participants (ESF 1)")],
        funder="European Social Fund",
    )
    query = report_query(office_a, template=template.pk)
    login(client, viewer)

    rows = csv_rows(download(client, "csv", query))
    assert [row[1] for row in rows[1:]] == ["Nationalities (ESF 12)"] * 5 + ["Participants (ESF 1)"]
    assert rows[1][2:] == ["Syria", "40", "0.6557"]
    assert rows[-1] == ["Test section", "Participants (ESF 1)", "", "23", ""]

    response = download(client, "xlsx", query)
    assert "esf-indicator-sheet" in response["Content-Disposition"]
    book = workbook(response)
    assert key_figures(book) == [("Nationalities (ESF 12)", 61), ("Participants (ESF 1)", 23)]
    assert [sheet.title for sheet in book.worksheets] == [
        "Key figures",
        "Nationalities (ESF 12)",
        "Definitions",
    ]

    report = exports.build_report(
        user=viewer, scope=Scope((office_a.pk,), dt.date(2025, 1, 1), dt.date(2025, 3, 1)),
        template=template,
    )  # fmt: skip
    html = exports.report_html(report)
    assert "European Social Fund" in html
    assert html.index("Nationalities (ESF 12)</h3>") > 0
    assert "Figure: Test countries" in html
    assert "Test people" in html.split("Definitions</h2>")[1]  # the figure's own name, too


def test_a_template_figure_no_longer_registered_is_left_out(
    client: Client, office_a: Office, viewer: User, fake_figures: None
) -> None:
    template = make_template(office_a, [("gone_figure", "Old"), ("test_people", "")])
    rows = csv_rows(
        download(login(client, viewer), "csv", report_query(office_a, template=template.pk))
    )
    assert [row[1] for row in rows[1:]] == ["Test people"]


def test_another_offices_template_is_not_found(
    client: Client, office_a: Office, office_b: Office, viewer: User, fake_figures: None
) -> None:
    theirs = make_template(office_b, [("test_people", "")])
    login(client, viewer)
    for kind in URLS:
        assert download(client, kind, report_query(office_a, template=theirs.pk)).status_code == 404
    assert download(client, "csv", report_query(office_a, template="abc")).status_code == 404


# --- Access ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", list(URLS))
def test_a_counselor_may_not_download_reports(
    client: Client, office_a: Office, counselor: User, kind: str
) -> None:
    assert download(login(client, counselor), kind, report_query(office_a)).status_code == 403


def test_anonymous_visitors_are_sent_to_log_in(client: Client, office_a: Office) -> None:
    response = download(client, "csv", report_query(office_a))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_an_office_admin_may_download_reports(
    client: Client, office_a: Office, office_admin: User, fake_figures: None
) -> None:
    assert download(login(client, office_admin), "csv", report_query(office_a)).status_code == 200


def test_a_report_on_an_office_not_the_users_is_refused(
    client: Client, office_a: Office, office_b: Office, viewer: User, fake_figures: None
) -> None:
    response = download(login(client, viewer), "csv", report_query(office_a, office_b))
    assert response.status_code == 400
    assert b"not one of the offices whose statistics you may read" in response.content
    with pytest.raises(PermissionDenied):
        exports.build_report(
            user=viewer, scope=Scope((office_b.pk,), dt.date(2025, 1, 1), dt.date(2025, 2, 1))
        )


def test_a_viewer_of_two_offices_gets_one_report_over_both(
    client: Client, office_a: Office, office_b: Office, fake_figures: None
) -> None:
    regional = member(office_a, Role.STATISTICS_VIEWER, "regional")
    from tests.core.factories import MembershipFactory

    MembershipFactory(user=regional, office=office_b, role=Role.STATISTICS_VIEWER)
    response = download(login(client, regional), "xlsx", report_query(office_a, office_b))
    assert response.status_code == 200
    cover = list(workbook(response).worksheets[0].iter_rows(values_only=True))
    assert ("Offices", "Welcome Center A, Welcome Center B") in [row[:2] for row in cover]


def test_bad_filters_are_refused_with_their_message_not_replaced(
    client: Client, office_a: Office, viewer: User, fake_figures: None
) -> None:
    query = report_query(office_a, start="2025-03-01", end="2025-01-31")
    response = download(login(client, viewer), "pdf", query)
    assert response.status_code == 400
    assert b"The end must not be before the start." in response.content
    assert response["Content-Type"].startswith("text/html")


def test_exports_are_get_only(client: Client, office_a: Office, viewer: User) -> None:
    response = login(client, viewer).post(f"{reverse(URLS['csv'])}?{report_query(office_a)}")
    assert response.status_code == 405


def test_a_label_that_looks_like_a_formula_stays_text(
    client: Client, office_a: Office, viewer: User, fake_figures: None
) -> None:
    template = make_template(office_a, [("test_people", "=HYPERLINK(\"http://x\")"), ("test_countries", "+1")])  # fmt: skip  # noqa: E501
    query = report_query(office_a, template=template.pk)
    login(client, viewer)
    rows = csv_rows(download(client, "csv", query))
    assert rows[1][1] == '\'=HYPERLINK("http://x")'
    assert rows[2][1] == "'+1"
    sheet = workbook(download(client, "xlsx", query)).worksheets[0]
    cell = next(cell for (cell,) in sheet.iter_rows(min_col=2, max_col=2) if cell.value == '=HYPERLINK("http://x")')  # fmt: skip  # noqa: E501
    assert cell.data_type == "s"
