"""Reads for the statistics pages: which offices a user may report on, and the dashboard.

The dashboard is built from the figure registry (`lotse.reports.figures`): every figure shows in
its section, counts as numbers with the change to the previous period, breakdowns as a bar
chart with its table. A few figures make the key-figure cards at the top; a card whose figure
is not registered is left out. Each figure is computed once per scope and request
(`FigureCache`), however many places show it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.formats import date_format
from django.utils.functional import Promise
from django.utils.safestring import SafeString
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django_scopes import scope as office_scope

from lotse.core import policy
from lotse.core.models import Office
from lotse.reports import charts, figures
from lotse.reports.figures import BREAKDOWN, COUNT, Figure, Result
from lotse.reports.scope import Granularity, Scope

ACTION = "reports.statistics.view"
#: Categories a bar chart shows; the rest are summed up as "all others" (the table lists all).
TOP = 10


def reportable_offices(*, user: Any) -> list[Office]:
    """Every active office whose statistics the user may read, by name.

    The candidates are the user's own offices (a role is needed in each); the policy decides.
    """
    candidates = policy.roles_by_office(user) if getattr(user, "is_authenticated", False) else {}
    if not candidates:
        return []
    offices = Office.objects.filter(pk__in=list(candidates), is_active=True).order_by("name")
    return [office for office in offices if policy.can(user, ACTION, office)]


# --- computing -------------------------------------------------------------------------------


class FigureCache:
    """Figure results of one request, each computed once per (figure, scope)."""

    def __init__(self) -> None:
        self._results: dict[tuple[str, Scope], Result] = {}

    def result(self, figure: Figure, scope: Scope) -> Result:
        key = (figure.key, scope)
        if key not in self._results:
            # The figures read across the scope's offices, whichever office the request opened;
            # the offices were checked against the policy before (dashboard_for).
            with office_scope(office=list(scope.offices)):
                self._results[key] = figure.compute(scope)
        return self._results[key]

    def over_time(
        self, figure: Figure, scope: Scope, granularity: Granularity
    ) -> list[tuple[Scope, int]]:
        return [(part, self.result(figure, part).total) for part in scope.periods(granularity)]

    def __len__(self) -> int:
        return len(self._results)


# --- change to the previous period ----------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """A number now and in the previous period, and how to say the difference in words."""

    now: float
    before: float
    #: Shares change by percentage points, not by per cent of themselves.
    points: bool = False

    @property
    def relative(self) -> float | None:
        if self.points or not self.before:
            return None
        return (self.now - self.before) / self.before

    @property
    def direction(self) -> str:
        if self.now > self.before:
            return "up"
        if self.now < self.before:
            return "down"
        return "same"

    @property
    def arrow(self) -> str:
        return {"up": "▲", "down": "▼", "same": "▶"}[self.direction]

    @property
    def text(self) -> str:
        if self.direction == "same":
            return gettext("unchanged on the previous period")
        if self.points:
            delta = (self.now - self.before) * 100
            return gettext("%(change)s percentage points on the previous period") % {
                "change": _signed(delta, 1)
            }
        relative = self.relative
        if relative is None:
            return gettext("%(before)s in the previous period") % {
                "before": charts.fmt(self.before)
            }
        # Whole per cents from ten on; below, one decimal, so a small rise is not "+0 %".
        percent = relative * 100
        return gettext("%(change)s %% on the previous period") % {
            "change": _signed(percent, 0 if abs(percent) >= 9.95 else 1)
        }


def _signed(value: float, decimals: int) -> str:
    rounded = round(value, decimals)
    sign = "+" if rounded > 0 else "−" if rounded < 0 else "±"
    return f"{sign}{charts.fmt(abs(rounded), decimals)}"


# --- key figures -----------------------------------------------------------------------------


@dataclass(frozen=True)
class CardSpec:
    """A key figure: the first registered of `keys`, measured as its total, its number of
    categories, or the share of some of its categories in its total."""

    keys: tuple[str, ...]
    measure: str = "total"  # "total" | "categories" | "share"
    rows: tuple[str, ...] = ()
    label: str | Promise | None = None
    #: Categories that do not count as one (e.g. "not recorded") for `categories`.
    ignore: tuple[str, ...] = ("", "none", "None", "unknown", "not_recorded", "other")

    def figure(self) -> Figure | None:
        for key in self.keys:
            try:
                return figures.get(key)
            except KeyError:
                continue
        return None

    def value(self, result: Result) -> float | None:
        if self.measure == "total" or result.figure.kind == COUNT:
            return result.total if self.measure != "share" else None
        if self.measure == "categories":
            return sum(1 for row in result.rows if row.key not in self.ignore and row.value)
        if self.measure == "share":
            if not result.total:
                return 0.0
            return sum(row.value for row in result.rows if row.key in self.rows) / result.total
        raise ValueError(f"unknown measure {self.measure!r}")


#: The cards at the top, in this order; each names the keys its figure may be registered under.
KEY_FIGURES: tuple[CardSpec, ...] = (
    CardSpec(("people_counselled",)),
    CardSpec(("new_people",)),
    CardSpec(("consultations",)),
    CardSpec(("countries_count", "countries"), measure="categories"),
    CardSpec(
        ("eu_share",),
        measure="share",
        rows=("eu-eea-ch",),
        label=_("Share from the EU, the EEA and Switzerland"),
    ),
    CardSpec(
        ("refugees",),
        measure="share",
        rows=("refugee",),
        label=_("Share of refugees and protection seekers"),
    ),
    CardSpec(("referrals", "referrals_by_status"), label=_("Referrals")),
    CardSpec(("outcomes",)),
    CardSpec(("sponsorship_requests",)),
    CardSpec(("tandems_active",)),
    CardSpec(("events",)),
    CardSpec(("participants",)),
)

#: Figures drawn over time, in this order (the first registered key of each).
TREND_FIGURES: tuple[tuple[str, ...], ...] = (("people_counselled",), ("consultations",))


@dataclass
class Card:
    figure: Figure
    label: str
    measure: str
    value: float
    change: Change

    @property
    def display(self) -> str:
        if self.measure == "share":
            return charts.percent(self.value)
        return charts.fmt(self.value)


@dataclass
class Trend:
    figure: Figure
    points: list[tuple[Scope, int]]
    granularity: Granularity

    def label(self, part: Scope, *, short: bool = False) -> str:
        return period_label(part.start, self.granularity, short=short)

    @property
    def rows(self) -> list[tuple[str, int]]:
        return [(self.label(part), value) for part, value in self.points]

    @cached_property
    def chart(self) -> SafeString:
        return charts.time_chart(
            [(self.label(part, short=True), value) for part, value in self.points],
            title=str(self.figure.label),
            description=gettext("%(figure)s per %(step)s; the table below gives the numbers.")
            % {"figure": self.figure.label, "step": STEP_NAMES[self.granularity]},
            ident=f"trend-{self.figure.key}",
        )


STEP_NAMES = {"month": _("month"), "quarter": _("quarter"), "year": _("year")}


def period_label(start: dt.date, granularity: Granularity, *, short: bool = False) -> str:
    """ "March 2026" / "Q1 2026" / "2026"; short: two lines ("Mar" over "2026")."""
    year = str(start.year)
    if granularity == "year":
        return year
    if granularity == "quarter":
        quarter = gettext("Q%(number)s") % {"number": (start.month - 1) // 3 + 1}
        return f"{quarter}\n{year}" if short else f"{quarter} {year}"
    if short:
        return f"{date_format(start, 'M')}\n{year}"
    return date_format(start, "YEAR_MONTH_FORMAT")


@dataclass(frozen=True)
class Line:
    """A row of a breakdown as shown: label, number, share of the figure's total."""

    label: str
    value: int
    share: float | None
    #: The sum of the categories after the first TOP.
    other: bool = False

    @property
    def share_text(self) -> str:
        return charts.percent(self.share)


@dataclass
class Breakdown:
    result: Result

    @property
    def figure(self) -> Figure:
        return self.result.figure

    @property
    def lines(self) -> list[Line]:
        return [Line(row.label, row.value, self.result.share(row)) for row in self.result.rows]

    @property
    def truncated(self) -> bool:
        return len(self.result.rows) > TOP + 1

    @property
    def shown(self) -> list[Line]:
        """The rows the chart draws: the largest TOP, then the rest summed as one."""
        lines = self.lines
        if not self.truncated:
            return lines
        rest = sum(line.value for line in lines[TOP:])
        share = rest / self.result.total if self.result.total else None
        label = gettext("All %(count)s others") % {"count": len(lines) - TOP}
        return [*lines[:TOP], Line(label, rest, share, other=True)]

    @cached_property
    def chart(self) -> SafeString:
        shown = self.shown
        bars = [
            charts.Bar(
                line.label,
                line.value,
                line.share_text if line.share is not None else "",
                line.other,
            )
            for line in shown
        ]
        return charts.bar_chart(
            bars,
            title=str(self.figure.label),
            description=gettext(
                "%(count)s categories, the largest first, each with its number and share; "
                "the table gives the same numbers."
            )
            % {"count": len(bars)},
            ident=f"chart-{self.figure.key}",
        )


@dataclass
class Section:
    title: str
    counts: list[Card] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)

    @property
    def slug(self) -> str:
        return "section-" + "".join(c if c.isalnum() else "-" for c in self.title.lower())


@dataclass
class Dashboard:
    scope: Scope
    previous: Scope
    granularity: Granularity
    cards: list[Card]
    trends: list[Trend]
    sections: list[Section]
    #: How many figure computations the page needed (each figure once per scope).
    computed: int = 0


def _check_offices(user: Any, scope: Scope) -> None:
    allowed = {office.pk for office in reportable_offices(user=user)}
    if not set(scope.offices) <= allowed:
        raise PermissionDenied(ACTION)


def _first(keys: Iterable[str]) -> Figure | None:
    for key in keys:
        try:
            return figures.get(key)
        except KeyError:
            continue
    return None


def dashboard_for(*, user: Any, scope: Scope, granularity: Granularity) -> Dashboard:
    """The dashboard's figures for the scope; PermissionDenied for an office not the user's."""
    _check_offices(user, scope)
    cache = FigureCache()
    previous = scope.previous()
    with figures.shared_queries():
        cards: list[Card] = []
        carded: set[str] = set()
        for spec in KEY_FIGURES:
            figure = spec.figure()
            if figure is None:
                continue
            now = spec.value(cache.result(figure, scope))
            if now is None:
                continue
            before = spec.value(cache.result(figure, previous)) or 0
            label = str(spec.label or figure.label)
            change = Change(now, before, points=spec.measure == "share")
            cards.append(Card(figure, label, spec.measure, now, change))
            if figure.kind == COUNT:  # shown once: on its card, not again in its section
                carded.add(figure.key)

        trends = []
        for keys in TREND_FIGURES:
            figure = _first(keys)
            if figure is not None:
                trends.append(
                    Trend(figure, cache.over_time(figure, scope, granularity), granularity)
                )

        sections: dict[str, Section] = {}
        for figure in figures.all_figures():
            title = str(figure.section)
            section = sections.setdefault(title, Section(title))
            result = cache.result(figure, scope)
            if figure.kind == BREAKDOWN:
                section.breakdowns.append(Breakdown(result))
            elif figure.key not in carded:
                before = cache.result(figure, previous).total
                change = Change(result.total, before)
                section.counts.append(
                    Card(figure, str(figure.label), "total", result.total, change)
                )
    return Dashboard(
        scope=scope,
        previous=previous,
        granularity=granularity,
        cards=cards,
        trends=trends,
        sections=list(sections.values()),
        computed=len(cache),
    )
