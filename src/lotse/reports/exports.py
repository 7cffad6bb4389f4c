"""The report as files: PDF (WeasyPrint), XLSX (openpyxl) and CSV, built from figure results.

Every number comes from `figures.report()`, the same call the dashboard makes, so the three
files and the screen agree. A funder template picks the figures, their order and their labels.

Small numbers. A public report (`public=1`, or a template marked public) withholds counts so
that no person can be recognised in a small group:

* Primary suppression: every count from 1 to threshold − 1 is shown as "< n" (n = the
  threshold; for a report over several offices the strictest, i.e. highest, of their
  thresholds). Zero is shown: it describes nobody. A withheld cell's share is left empty.
* Secondary suppression: a breakdown's total minus the cells shown would give away a withheld
  cell when it is the only one. So when exactly one cell of a breakdown (or of a figure's
  series over time) is withheld, the next smallest cell is withheld as well, shown as "x".
* When a breakdown's total is itself withheld, every share of that breakdown is left empty
  (a share and its count would give the total back).
* Charts of a public report draw no withheld cell: a bar chart leaves them out, a chart over
  time with a withheld point is not drawn; the tables show "< n" and "x".

Staff reports (not public) show exact numbers. The CSV is a single file with one line per
number: section, figure, category, number, share (a figure's total has an empty category for a
single-number figure and "Total" for a breakdown); UTF-8 with a byte-order mark, for Excel.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from django.core.exceptions import PermissionDenied
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django_scopes import scope as office_scope

from lotse.core.models import Office, TargetGroup
from lotse.core.pdf import html_to_pdf
from lotse.reports import charts, figures
from lotse.reports.models import DEFAULT_THRESHOLD
from lotse.reports.scope import Scope
from lotse.reports.selectors import period_label, reportable_offices

if TYPE_CHECKING:
    from lotse.reports.models import FunderTemplate

PRIMARY = "primary"
SECONDARY = "secondary"
#: A secondarily withheld cell (it may be large: it only hides a small one).
SECONDARY_MARK = "x"
#: Count figures drawn over time in the PDF (the first ones of the report).
TIME_CHARTS = 2
#: Categories drawn in a breakdown's bar chart; the rest become one "all others" bar.
CHART_BARS = 12


@dataclass(frozen=True)
class Cell:
    """One number of a report, or the mark that stands for it when withheld."""

    value: int | None
    share: float | None = None
    withheld: str = ""
    threshold: int = DEFAULT_THRESHOLD

    @property
    def text(self) -> str:
        """What a reader sees: the number in the active language, "< 5" or "x"."""
        if self.withheld == PRIMARY:
            return f"< {self.threshold}"
        if self.withheld == SECONDARY:
            return SECONDARY_MARK
        return charts.fmt(self.value or 0)

    @property
    def share_text(self) -> str:
        return "" if self.share is None else charts.percent(self.share)


@dataclass(frozen=True)
class Line:
    key: str
    label: str
    cell: Cell


@dataclass(frozen=True)
class Table:
    """A figure as the report shows it (under the template's label, if any)."""

    key: str
    label: str
    #: The figure's own label, when a template renamed it.
    original_label: str
    section: str
    kind: str
    definition: str
    total: Cell
    rows: tuple[Line, ...] = ()
    #: The bar chart (breakdowns) as SVG; empty when there is nothing to draw.
    chart: str = ""

    @property
    def is_breakdown(self) -> bool:
        return self.kind == figures.BREAKDOWN


@dataclass(frozen=True)
class Series:
    """A count figure over the months, quarters or years of the period."""

    label: str
    points: tuple[tuple[str, Cell], ...]
    chart: str = ""


@dataclass(frozen=True)
class Section:
    title: str
    tables: tuple[Table, ...]

    @property
    def breakdowns(self) -> list[Table]:
        return [table for table in self.tables if table.is_breakdown]


@dataclass(frozen=True)
class Report:
    scope: Scope
    offices: tuple[str, ...]
    created: dt.date
    tables: tuple[Table, ...]
    public: bool = False
    threshold: int = DEFAULT_THRESHOLD
    template_name: str = ""
    funder: str = ""
    target_group: str = ""
    series: tuple[Series, ...] = field(default=())

    @property
    def key_figures(self) -> list[Table]:
        counts = [table for table in self.tables if not table.is_breakdown]
        return counts or list(self.tables)

    @property
    def breakdowns(self) -> list[Table]:
        return [table for table in self.tables if table.is_breakdown]

    @property
    def sections(self) -> list[Section]:
        """Runs of tables of the same section, in the report's order (a template's order may
        interleave sections, and is kept)."""
        runs: list[Section] = []
        for table in self.tables:
            if runs and runs[-1].title == table.section:
                runs[-1] = Section(runs[-1].title, (*runs[-1].tables, table))
            else:
                runs.append(Section(table.section, (table,)))
        return runs

    @property
    def has_withheld(self) -> bool:
        cells = [table.total for table in self.tables]
        cells += [line.cell for table in self.tables for line in table.rows]
        cells += [cell for series in self.series for _label, cell in series.points]
        return any(cell.withheld for cell in cells)

    @property
    def legend(self) -> list[str]:
        """What "< 5" and "x" mean."""
        return [
            _("< %(n)s: a number from 1 to %(last)s, withheld so that nobody can be recognised.")
            % {"n": self.threshold, "last": self.threshold - 1},
            _(
                "%(mark)s: withheld as well, so that a withheld small number cannot be worked "
                "out from the total and the other numbers."
            )
            % {"mark": SECONDARY_MARK},
        ]

    @property
    def last_day(self) -> dt.date:
        return self.scope.end - dt.timedelta(days=1)

    @property
    def is_calendar_year(self) -> bool:
        start, end = self.scope.start, self.scope.end
        return (start.month, start.day, end.month, end.day) == (1, 1, 1, 1) and (
            end.year == start.year + 1
        )

    @property
    def title(self) -> str:
        if self.is_calendar_year:
            return _("Annual report %(year)s") % {"year": self.scope.start.year}
        return _("Report")

    @property
    def period(self) -> str:
        return _("%(start)s to %(end)s") % {
            "start": formats.date_format(self.scope.start, "DATE_FORMAT"),
            "end": formats.date_format(self.last_day, "DATE_FORMAT"),
        }


# --- Suppression ------------------------------------------------------------------------------


def protect(total: int, values: Sequence[int], threshold: int | None) -> tuple[Cell, list[Cell]]:
    """The total and the cells, with small numbers withheld when `threshold` is given.

    `threshold=None` is a staff report: exact numbers. See the module docstring for the rules.
    """
    limit = threshold or 0
    shown_threshold = threshold or DEFAULT_THRESHOLD

    def small(value: int) -> bool:
        return 0 < value < limit

    total_withheld = small(total)
    primary = {index for index, value in enumerate(values) if small(value)}
    secondary: set[int] = set()
    if len(primary) == 1 and not total_withheld:
        others = [index for index, value in enumerate(values) if index not in primary and value]
        if others:
            # The smallest of the rest; on a tie the later one (the lower-ranked category).
            secondary.add(min(others, key=lambda index: (values[index], -index)))
    cells = []
    for index, value in enumerate(values):
        mark = PRIMARY if index in primary else SECONDARY if index in secondary else ""
        share = value / total if total and not mark and not total_withheld else None
        cells.append(
            Cell(
                value=None if mark else value,
                share=share,
                withheld=mark,
                threshold=shown_threshold,
            )
        )
    total_cell = Cell(
        value=None if total_withheld else total,
        withheld=PRIMARY if total_withheld else "",
        threshold=shown_threshold,
    )
    return total_cell, cells


def table_of(result: figures.Result, *, label: str = "", threshold: int | None = None) -> Table:
    """A figure's result as a report table, small numbers withheld when `threshold` is given."""
    figure = result.figure
    total, cells = protect(result.total, [row.value for row in result.rows], threshold)
    rows = tuple(
        Line(row.key, str(row.label), cell) for row, cell in zip(result.rows, cells, strict=True)
    )
    original = str(figure.label)
    table = Table(
        key=figure.key,
        label=label or original,
        original_label=original if label and label != original else "",
        section=str(figure.section),
        kind=figure.kind,
        definition=str(figure.definition),
        total=total,
        rows=rows,
    )
    if table.is_breakdown:
        table = _with_bar_chart(table)
    return table


def _with_bar_chart(table: Table) -> Table:
    shown = [line for line in table.rows if not line.cell.withheld]
    if not shown:
        return table
    bars = [charts.Bar(line.label, line.cell.value or 0, line.cell.share_text) for line in shown][
        :CHART_BARS
    ]
    rest = shown[CHART_BARS:]
    if rest:
        value = sum(line.cell.value or 0 for line in rest)
        share = value / table.total.value if table.total.value else None
        note = charts.percent(share) if share is not None and table.total.value else ""
        bars.append(charts.Bar(_("All others"), value, note, other=True))
    description = ""
    if len(shown) < len(table.rows):
        description = _("Withheld small numbers are not drawn; the table lists them.")
    chart = charts.bar_chart(
        bars, title=table.label, description=description, ident=f"bars-{table.key}"
    )
    return replace(table, chart=str(chart))


def series_of(table: Table, scope: Scope, granularity: str, threshold: int | None) -> Series:
    """A count figure per month, quarter or year, with its chart (if nothing is withheld)."""
    parts = figures.over_time(table.key, scope, granularity)
    total = sum(value for _part, value in parts)
    _total, cells = protect(total, [value for _part, value in parts], threshold)
    points = tuple(
        (period_label(part.start, granularity), cell)
        for (part, _value), cell in zip(parts, cells, strict=True)
    )
    chart = ""
    if len(points) > 1 and not any(cell.withheld for _label, cell in points):
        chart = str(
            charts.time_chart(
                [
                    (period_label(part.start, granularity, short=True), cell.value or 0)
                    for (part, _value), cell in zip(parts, cells, strict=True)
                ],
                title=table.label,
                ident=f"series-{table.key}",
            )
        )
    return Series(table.label, points, chart)


# --- Building the report ----------------------------------------------------------------------


def build_report(
    *,
    user: Any,
    scope: Scope,
    template: FunderTemplate | None = None,
    public: bool = False,
    threshold: int = DEFAULT_THRESHOLD,
    granularity: str = "month",
    time_charts: int = TIME_CHARTS,
) -> Report:
    """Compute every figure of the report (a template's, or all) for the scope.

    PermissionDenied when the scope holds an office whose statistics the user may not read.
    """
    from lotse.reports.services import template_figures

    allowed = {office.pk for office in reportable_offices(user=user)}
    if not set(scope.offices) <= allowed:
        raise PermissionDenied("reports.statistics.view")

    public = public or bool(template and template.public)
    limit = threshold if public else None
    if template is not None:
        chosen = template_figures(template)
        keys = [key for key, _label in chosen]
        labels = dict(chosen)
    else:
        keys = [figure.key for figure in figures.all_figures()]
        labels = {}
    # The figures read across the scope's offices, whichever office the request opened.
    with office_scope(office=list(scope.offices)), figures.shared_queries():
        results = figures.report(scope, keys)
        tables = tuple(
            table_of(result, label=labels.get(result.figure.key, ""), threshold=limit)
            for result in results
        )
        counts = [table for table in tables if not table.is_breakdown][:time_charts]
        series = tuple(series_of(table, scope, granularity, limit) for table in counts)
    offices = tuple(
        Office.objects.filter(pk__in=scope.offices).order_by("name").values_list("name", flat=True)
    )
    group = (
        TargetGroup.objects.filter(pk=scope.target_group).first() if scope.target_group else None
    )
    return Report(
        scope=scope,
        offices=offices,
        created=timezone.localdate(),
        tables=tables,
        public=public,
        threshold=threshold,
        template_name=template.name if template else "",
        funder=template.funder if template else "",
        target_group=group.name if group else "",
        series=series,
    )


def template_labels(template: FunderTemplate) -> list[str]:
    """The template's figures as its report names them, in order (for the template list)."""
    labels = []
    for item in template.items.all():
        try:
            figure = figures.get(item.figure_key)
        except KeyError:
            labels.append(_("%(key)s (no longer available)") % {"key": item.figure_key})
            continue
        labels.append(item.label or str(figure.label))
    return labels


def filename(report: Report, extension: str, *, template: FunderTemplate | None = None) -> str:
    """lotse-report-2026.pdf, lotse-report-2026-q1-esf-indicator-sheet-public.xlsx, …"""
    start, end = report.scope.start, report.scope.end
    months = (end.year - start.year) * 12 + end.month - start.month
    whole = start.day == 1 and end.day == 1
    if report.is_calendar_year:
        period = str(start.year)
    elif whole and months == 1:
        period = f"{start:%Y-%m}"
    elif whole and months == 3 and start.month % 3 == 1:
        period = f"{start.year}-q{(start.month - 1) // 3 + 1}"
    else:
        period = f"{start:%Y-%m-%d}-{report.last_day:%Y-%m-%d}"
    parts = ["lotse-report", period]
    if template is not None:
        parts.append(slugify(template.name)[:60])
    if report.public:
        parts.append("public")
    return "-".join(part for part in parts if part) + "." + extension


# --- PDF --------------------------------------------------------------------------------------


def report_html(report: Report) -> str:
    """The HTML the PDF is printed from."""
    return render_to_string(
        "reports/exports/report.html",
        {
            "report": report,
            "language": translation.get_language() or "en",
            "bidi": translation.get_language_bidi(),
            "secondary_mark": SECONDARY_MARK,
        },
    )


def report_pdf(report: Report) -> bytes:
    return html_to_pdf(report_html(report))


# --- XLSX -------------------------------------------------------------------------------------

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


def _sheet_title(label: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub(" ", label).strip().strip("'") or "Sheet"
    title = base[:31]
    number = 2
    while title.casefold() in taken:
        suffix = f" ({number})"
        title = base[: 31 - len(suffix)] + suffix
        number += 1
    taken.add(title.casefold())
    return title


def _append(sheet: Any, values: Sequence[Any]) -> None:
    """Append a row; text is always text, never a formula (a label may start with "=")."""
    sheet.append(list(values))
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def _xlsx_value(cell: Cell) -> int | str:
    return cell.text if cell.withheld else int(cell.value or 0)


def report_xlsx(report: Report) -> bytes:
    """A key-figures sheet, one sheet per breakdown, and the definitions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    bold = Font(bold=True)
    title_font = Font(bold=True, size=14)
    wrap = Alignment(wrap_text=True, vertical="top")
    percent = "0.0%"
    taken: set[str] = set()

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(_("Key figures"), taken)
    _append(sheet, [report.title])
    sheet["A1"].font = title_font
    for name, value in _cover_lines(report):
        _append(sheet, [name, value])
    sheet.append([])
    _append(sheet, [_("Section"), _("Figure"), _("Number")])
    header = sheet.max_row
    for cell in sheet[header]:
        cell.font = bold
    for table in report.tables:
        _append(sheet, [table.section, table.label, _xlsx_value(table.total)])
    sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
    _widths(sheet, {"A": 34, "B": 56, "C": 14})

    for table in report.breakdowns:
        sheet = book.create_sheet(_sheet_title(table.label, taken))
        _append(sheet, [table.label])
        sheet["A1"].font = title_font
        _append(sheet, [report.period])
        _append(sheet, [table.definition])
        sheet["A3"].alignment = wrap
        sheet.merge_cells(start_row=3, start_column=1, end_row=3, end_column=3)
        sheet.row_dimensions[3].height = 15 * (len(table.definition) // 70 + 1)
        sheet.append([])
        _append(sheet, [_("Category"), _("Number"), _("Share")])
        header = sheet.max_row
        for cell in sheet[header]:
            cell.font = bold
        for line in table.rows:
            _append(sheet, [line.label, _xlsx_value(line.cell), line.cell.share])
            sheet.cell(row=sheet.max_row, column=3).number_format = percent
        _append(sheet, [_("Total"), _xlsx_value(table.total), None])
        for cell in sheet[sheet.max_row]:
            cell.font = bold
        sheet.freeze_panes = sheet.cell(row=header + 1, column=1)
        _widths(sheet, {"A": 48, "B": 14, "C": 12})

    sheet = book.create_sheet(_sheet_title(_("Definitions"), taken))
    _append(sheet, [_("Figure"), _("Section"), _("Definition")])
    for cell in sheet[1]:
        cell.font = bold
    for table in report.tables:
        _append(sheet, [table.label, table.section, table.definition])
        sheet.cell(row=sheet.max_row, column=3).alignment = wrap
    if report.has_withheld:
        sheet.append([])
        for line in report.legend:
            _append(sheet, [line])
    sheet.freeze_panes = "A2"
    _widths(sheet, {"A": 40, "B": 28, "C": 100})

    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _widths(sheet: object, widths: dict[str, int]) -> None:
    for column, width in widths.items():
        sheet.column_dimensions[column].width = width  # type: ignore[attr-defined]


def _cover_lines(report: Report) -> list[tuple[str, str]]:
    lines = [
        (_("Offices") if len(report.offices) > 1 else _("Office"), ", ".join(report.offices)),
        (_("Period"), report.period),
    ]
    if report.target_group:
        lines.append((_("Target group"), report.target_group))
    if report.template_name:
        lines.append((_("Template"), report.template_name))
    if report.funder:
        lines.append((_("Funder"), report.funder))
    lines.append((_("Created"), formats.date_format(report.created, "DATE_FORMAT")))
    if report.public:
        lines.append((_("Version"), _("Public: small numbers withheld")))
    return lines


# --- CSV --------------------------------------------------------------------------------------


#: A spreadsheet opening the CSV would run a cell starting with these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _csv_text(value: str) -> str:
    # Labels come from the office's directory and templates: quote what looks like a formula.
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def _csv_value(cell: Cell) -> str:
    return cell.text if cell.withheld else str(int(cell.value or 0))


def _csv_share(cell: Cell) -> str:
    # Machine-readable: a fraction with a dot (0.4231), whatever the language.
    return "" if cell.share is None else f"{cell.share:.4f}"


def report_csv(report: Report) -> bytes:
    """One line per number: section, figure, category, number, share."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("Section"), _("Figure"), _("Category"), _("Number"), _("Share")])
    for table in report.tables:
        if table.is_breakdown:
            for line in table.rows:
                writer.writerow(
                    [
                        _csv_text(table.section),
                        _csv_text(table.label),
                        _csv_text(line.label),
                        _csv_value(line.cell),
                        _csv_share(line.cell),
                    ]
                )
            total = [_("Total"), _csv_value(table.total), ""]
        else:
            total = ["", _csv_value(table.total), ""]
        writer.writerow([_csv_text(table.section), _csv_text(table.label), *total])
    # The byte-order mark makes Excel read UTF-8 (umlauts, Arabic names of countries).
    return "\ufeff".encode() + out.getvalue().encode("utf-8")
