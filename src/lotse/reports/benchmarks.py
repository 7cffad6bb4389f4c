"""Benchmark `reports`: the yearly report of a region against hand-written SQL (the floor).

Run it against PostgreSQL with the scale-30 data set, which is what the goal (the whole yearly
report under 2 seconds) is about::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lotse_bench \\
        .venv/bin/python manage.py bench --only reports

What it measures, in this process (no HTTP):

1. the scope: the demo region, i.e. the two Stuttgart offices of the demo (where `seed_demo
   --scale 30` puts its 1,000,000 consultations), or every office that has consultations when
   those are missing; the period is the twelve months the demo covers, the 365 days up to and
   including the day of the latest consultation (the demo's dates are relative to the day it
   was seeded);
2. `figures.report(scope)` with every registered figure: one warm-up, then the median of
   `runs`; per figure its time inside the report (figures that share a grouped query share it
   there: the first one pays for it) and alone (`figures.compute`), and its SQL statements;
3. the floor: for the main figures, the one hand-written SQL statement (GROUP BY) a developer
   would write for that number alone, timed the same way, with the ratio alone / floor, and a
   check that both give the same numbers.

When the scope's offices hold no consultations at all, it builds a small data set for the demo
offices with `counseling.demo.generate` (the generator of `seed_demo`) inside a transaction that
is rolled back at the end, and says that the goal is about the scale-30 set.
"""

from __future__ import annotations

import datetime as dt
import os
import random
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from io import StringIO
from typing import Any, TextIO

from django.apps import apps as django_apps
from django.core.management.base import OutputWrapper
from django.db import connection, transaction
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_scopes import scopes_disabled

from lotse.core import demo as core_demo
from lotse.core.benchmarks import BenchOptions, Report, register
from lotse.core.models import Country, Office, ResidenceStatus, Role, TargetGroup, Topic, User
from lotse.counseling import demo
from lotse.counseling.models import Consultation, Person
from lotse.reports import figures
from lotse.reports.scope import Scope

#: The demo region: the Welcome Center Stuttgart and the Welcome Service Region Stuttgart, who
#: report together (shared/seeds/000_*); `seed_demo --scale N` adds its extra people there.
REGION_SLUGS = ("stuttgart", "region-stuttgart")
#: How a generated data set is shared between them (as OFFICE_SHARES of the demo).
REGION_SHARES = (0.8, 0.2)
#: People of a generated data set: the demo's year at scale 1.
BENCH_PEOPLE = demo.DEMO_PEOPLE
BENCH_SEED = "reports-bench"
#: The scope counts as the scale-30 data set from this many consultations on.
SCALE_30_CONSULTATIONS = 900_000
DEFAULT_RUNS = 3
GOAL_SECONDS = 2.0
#: Figures listed even without a floor: the slowest ones.
SLOWEST = 10
PERIOD_DAYS = 365
#: The apps whose tables the figures read: vacuumed before measuring data already there.
VACUUM_APPS = ("counseling", "sponsorship", "events")

COLUMNS = ("figure", "SQL", "report ms", "alone ms", "floor ms", "ratio", "equal")


def _ms(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:.2f}" if value < 1 else f"{value:.1f}"


def _median_ms(func: Callable[[], Any], *, runs: int, deadline: float) -> tuple[float, Any]:
    """One untimed warm-up, then up to `runs` timed calls (at least one, more until the
    deadline): the median in ms and the last result."""
    result = func()
    times: list[float] = []
    while len(times) < runs and (not times or time.monotonic() < deadline):
        began = time.perf_counter()
        result = func()
        times.append((time.perf_counter() - began) * 1000)
    return statistics.median(times), result


# --- The scope and the data ---------------------------------------------------------------------


@dataclass
class Data:
    scope: Scope
    offices: list[Office]
    region: bool
    consultations: int = 0
    people: int = 0
    all_consultations: int = 0
    all_people: int = 0
    generated: bool = False
    build_seconds: float = 0.0
    vacuum_seconds: float = 0.0

    @property
    def scale_30(self) -> bool:
        return connection.vendor == "postgresql" and self.consultations >= SCALE_30_CONSULTATIONS


def _offices_with_data() -> tuple[list[Office], bool]:
    """The demo region when it has consultations; otherwise every office that has some."""
    region = list(Office.objects.filter(slug__in=REGION_SLUGS).order_by("slug"))
    if len(region) == len(REGION_SLUGS) and Consultation.objects.filter(office__in=region).exists():
        return region, True
    with_data = Consultation.objects.order_by().values("office").distinct()
    return list(Office.objects.filter(pk__in=with_data).order_by("slug")), False


def _period(offices: Sequence[Office]) -> tuple[dt.date, dt.date]:
    """The 365 days up to and including the day of the latest consultation."""
    latest = Consultation.objects.filter(office__in=offices).aggregate(at=Max("started_at"))["at"]
    last_day = timezone.localtime(latest).date() if latest else timezone.localdate()
    end = last_day + dt.timedelta(days=1)
    return end - dt.timedelta(days=PERIOD_DAYS), end


def _counselors(office: Office) -> list[User]:
    return list(
        User.objects.filter(
            memberships__office=office, memberships__role=Role.COUNSELOR, is_active=True
        ).order_by("username")
    )


def _build(*, people: int, stdout: TextIO) -> float:
    """The demo offices with `people` people of a counseling year between them."""
    began = time.perf_counter()
    core_demo.seed(scale=1, stdout=StringIO())
    offices = Office.objects.in_bulk(list(REGION_SLUGS), field_name="slug")
    refs = demo.load_refs()
    rng = random.Random(BENCH_SEED)  # noqa: S311 - reproducible test data, not secrets
    left = people
    for index, (slug, share) in enumerate(zip(REGION_SLUGS, REGION_SHARES, strict=True)):
        size = left if index == len(REGION_SLUGS) - 1 else round(people * share)
        left -= size
        if size < 1:
            continue
        demo.generate(
            offices[slug],
            _counselors(offices[slug]),
            people=size,
            consultations_per_person=demo.DEMO_CONSULTATIONS_PER_PERSON,
            rng=rng,
            stdout=stdout,
            refs=refs,
            progress=size >= 2 * demo.BATCH,
        )
    demo.analyze()
    return time.perf_counter() - began


def _vacuum() -> float:
    """VACUUM ANALYZE what the figures read (PostgreSQL, outside a transaction), as autovacuum
    does in a running installation: right after a bulk load (`seed_demo --scale 30`) the planner
    has no statistics and the first reads would pay for setting hint bits."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return 0.0
    tables = sorted(
        {
            connection.ops.quote_name(model._meta.db_table)
            for label in VACUUM_APPS
            for model in django_apps.get_app_config(label).get_models(include_auto_created=True)
            if model._meta.managed and not model._meta.proxy
        }
    )
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE " + ", ".join(tables))
    return time.perf_counter() - began


def _data(*, people: int, stdout: TextIO) -> Data:
    offices, region = _offices_with_data()
    generated = not offices
    seconds = 0.0
    if generated:
        seconds = _build(people=people, stdout=stdout)
        offices, region = _offices_with_data()
    start, end = _period(offices)
    scope = Scope(offices=tuple(office.pk for office in offices), start=start, end=end)
    in_scope = Consultation.objects.filter(
        office__in=offices, started_at__gte=scope.start_at, started_at__lt=scope.end_at
    )
    return Data(
        scope=scope,
        offices=offices,
        region=region,
        consultations=in_scope.count(),
        people=Person.objects.filter(office__in=offices).count(),
        all_consultations=Consultation.objects.count(),
        all_people=Person.objects.count(),
        generated=generated,
        build_seconds=seconds,
    )


# --- The floors ---------------------------------------------------------------------------------

#: Each person's situation at their first consultation of the period, as the plainest SQL for
#: each database (DISTINCT ON is PostgreSQL's; SQLite ranks with a window function).
FIRST_POSTGRESQL = (
    "SELECT DISTINCT ON (subject) subject, country_of_origin_id, target_group_id,"
    " residence_status_id FROM {consultation} WHERE {period} ORDER BY subject, started_at, id"
)
FIRST_PORTABLE = (
    "SELECT * FROM (SELECT subject, country_of_origin_id, target_group_id, residence_status_id,"
    " ROW_NUMBER() OVER (PARTITION BY subject ORDER BY started_at, id) AS nth"
    " FROM {consultation} WHERE {period}) ranked WHERE nth = 1"
)

#: figure key: (what the floor does, a breakdown?, the statement). `{...}` are table names and
#: lists of placeholders; every value is a parameter (`%(start)s`).
FLOORS: dict[str, tuple[str, bool, str]] = {
    "consultations": (
        "COUNT(*)", False,
        "SELECT COUNT(*) FROM {consultation} WHERE {period}",
    ),
    "people_counselled": (
        "COUNT(DISTINCT subject)", False,
        "SELECT COUNT(DISTINCT subject) FROM {consultation} WHERE {period}",
    ),
    "new_people": (
        "DISTINCT subject, NOT EXISTS earlier", False,
        "SELECT COUNT(*) FROM (SELECT DISTINCT subject FROM {consultation} WHERE {period}) s"
        " WHERE NOT EXISTS (SELECT 1 FROM {consultation} e WHERE e.subject = s.subject"
        " AND e.office_id IN ({offices}) AND e.started_at < %(start)s)",
    ),
    "channels": (
        "GROUP BY channel", True,
        "SELECT channel, COUNT(*) FROM {consultation} WHERE {period} GROUP BY channel",
    ),
    "countries": (
        "first per subject, GROUP BY country", True,
        "SELECT country_of_origin_id, COUNT(*) FROM ({first}) f"
        " WHERE country_of_origin_id IS NOT NULL GROUP BY country_of_origin_id",
    ),
    "countries_count": (
        "first per subject, COUNT(DISTINCT country)", False,
        "SELECT COUNT(DISTINCT country_of_origin_id) FROM ({first}) f",
    ),
    "eu_share": (
        "first per subject, GROUP BY country group", True,
        "SELECT CASE WHEN f.country_of_origin_id IS NULL THEN %(unknown)s"
        " WHEN c.{group} IN ({free_groups}) THEN %(free)s ELSE %(third)s END AS k, COUNT(*)"
        " FROM ({first}) f LEFT JOIN {country} c ON c.code = f.country_of_origin_id GROUP BY k",
    ),
    "refugees": (
        "first per subject, GROUP BY refugee", True,
        "SELECT CASE WHEN tg.slug = %(refugee_group)s OR rs.slug IN ({protection})"
        " THEN %(refugee)s ELSE %(other)s END AS k, COUNT(*) FROM ({first}) f"
        " LEFT JOIN {target_group} tg ON tg.id = f.target_group_id"
        " LEFT JOIN {residence_status} rs ON rs.id = f.residence_status_id GROUP BY k",
    ),
    "topics": (
        "links GROUP BY topic", True,
        "SELECT t.slug, COUNT(*) FROM {links} l"
        " JOIN {consultation} c ON c.id = l.consultation_id JOIN {topic} t ON t.id = l.topic_id"
        " WHERE c.office_id IN ({offices}) AND c.started_at >= %(start)s"
        " AND c.started_at < %(end)s GROUP BY t.slug",
    ),
}  # fmt: skip
#: Consultations (not people) by country: the cheapest country table there is (no figure).
PLAIN_BY_COUNTRY = (
    "SELECT country_of_origin_id, COUNT(*) FROM {consultation} WHERE {period}"
    " GROUP BY country_of_origin_id"
)


@dataclass(frozen=True)
class Floor:
    """One hand-written statement for the figure `key`: a number or {row key: number}."""

    key: str
    what: str
    breakdown: bool
    sql: str
    params: dict[str, Any]

    def run(self) -> int | dict[str, int]:
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            rows = cursor.fetchall()
        if not self.breakdown:
            return int(rows[0][0] or 0)
        return {str(key): int(value) for key, value in rows if value}


def _placeholders(prefix: str, values: Sequence[Any]) -> tuple[str, dict[str, Any]]:
    names = {f"{prefix}{index}": value for index, value in enumerate(values)}
    return ", ".join(f"%({name})s" for name in names), names


def _statement(template: str, scope: Scope) -> tuple[str, dict[str, Any]]:
    """The template with the scope's tables and placeholders filled in, and its parameters."""
    from lotse.reports import figures_counseling as fc  # the definitions' constants

    quote = connection.ops.quote_name
    offices, office_params = _placeholders("office", scope.offices)
    protection, protection_params = _placeholders("status", fc.PROTECTION_STATUSES)
    period = f"office_id IN ({offices}) AND started_at >= %(start)s AND started_at < %(end)s"
    first = FIRST_POSTGRESQL if connection.vendor == "postgresql" else FIRST_PORTABLE
    names = {
        "consultation": quote(Consultation._meta.db_table),
        "links": quote(Consultation.topics.through._meta.db_table),
        "country": quote(Country._meta.db_table),
        "target_group": quote(TargetGroup._meta.db_table),
        "residence_status": quote(ResidenceStatus._meta.db_table),
        "topic": quote(Topic._meta.db_table),
        "group": quote("group"),
        "free_groups": ", ".join(f"'{group}'" for group in sorted(fc.FREE_MOVEMENT_GROUPS)),
        "offices": offices,
        "protection": protection,
        "period": period,
    }
    names["first"] = first.format(**names)
    params = {
        **office_params,
        **protection_params,
        "start": connection.ops.adapt_datetimefield_value(scope.start_at),
        "end": connection.ops.adapt_datetimefield_value(scope.end_at),
        "unknown": fc.UNKNOWN,
        "free": fc.FREE_MOVEMENT,
        "third": fc.THIRD_COUNTRIES,
        "refugee_group": fc.REFUGEE_TARGET_GROUP,
        "refugee": fc.REFUGEE,
        "other": fc.NOT_REFUGEE,
    }
    return template.format(**names), params


def floors(scope: Scope) -> list[Floor]:
    """The plainest SQL for each main figure's definition (see figures_counseling.py)."""
    return [
        Floor(key, what, breakdown, *_statement(template, scope))
        for key, (what, breakdown, template) in FLOORS.items()
    ]


def plain_by_country(scope: Scope) -> Floor:
    return Floor("-", "consultations GROUP BY country", True,
                 *_statement(PLAIN_BY_COUNTRY, scope))  # fmt: skip


def figure_value(result: figures.Result, *, breakdown: bool) -> int | dict[str, int]:
    return {row.key: row.value for row in result.rows} if breakdown else result.total


# --- Measuring ----------------------------------------------------------------------------------


@dataclass
class Measured:
    total_ms: float = 0.0
    report_ms: dict[str, float] = field(default_factory=dict)
    queries: dict[str, int] = field(default_factory=dict)
    alone_ms: dict[str, float] = field(default_factory=dict)
    floor_ms: dict[str, float] = field(default_factory=dict)
    equal: dict[str, bool] = field(default_factory=dict)
    mismatch: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    plain_ms: float = 0.0
    runs: int = 0
    load: float = 0.0


def _in_report(scope: Scope, found: list[figures.Figure]) -> dict[str, float]:
    """Each figure's time as `report()` runs it: in order, sharing the grouped queries."""
    times: dict[str, float] = {}
    with figures.shared_queries():
        for figure in found:
            began = time.perf_counter()
            figure.compute(scope)
            times[figure.key] = (time.perf_counter() - began) * 1000
    return times


def measure(scope: Scope, *, runs: int, deadline: float) -> Measured:
    measured = Measured(load=os.getloadavg()[0] if hasattr(os, "getloadavg") else 0.0)
    found = figures.all_figures()
    # Warm-up, counting each figure's SQL statements as the report runs it.
    with figures.shared_queries():
        for figure in found:
            with CaptureQueriesContext(connection) as captured:
                figure.compute(scope)
            measured.queries[figure.key] = len(captured)
    totals: list[float] = []
    per_figure: dict[str, list[float]] = {figure.key: [] for figure in found}
    while len(totals) < runs and (not totals or time.monotonic() < deadline):
        began = time.perf_counter()
        figures.report(scope)
        totals.append((time.perf_counter() - began) * 1000)
        for key, ms in _in_report(scope, found).items():
            per_figure[key].append(ms)
    measured.runs = len(totals)
    measured.total_ms = statistics.median(totals)
    measured.report_ms = {key: statistics.median(ms) for key, ms in per_figure.items()}
    registered = {figure.key for figure in found}
    for floor in floors(scope):
        if floor.key not in registered:
            continue
        figure = figures.get(floor.key)
        alone_ms, result = _median_ms(
            lambda figure=figure: figure.compute(scope), runs=runs, deadline=deadline
        )
        floor_ms, expected = _median_ms(floor.run, runs=runs, deadline=deadline)
        got = figure_value(result, breakdown=floor.breakdown)
        measured.alone_ms[floor.key] = alone_ms
        measured.floor_ms[floor.key] = floor_ms
        measured.equal[floor.key] = got == expected
        if got != expected:
            measured.mismatch[floor.key] = (got, expected)
    measured.plain_ms = _median_ms(plain_by_country(scope).run, runs=runs, deadline=deadline)[0]
    return measured


# --- The report ---------------------------------------------------------------------------------


@register("reports")
def reports(
    options: BenchOptions,
    *,
    people: int = BENCH_PEOPLE,
    runs: int = DEFAULT_RUNS,
    stdout: TextIO | None = None,
) -> Report:
    """The yearly report of the demo region (every figure) against hand-written SQL floors."""
    if people < 1 or runs < 1:
        raise ValueError("people and runs must be at least 1.")
    progress = OutputWrapper(stdout or (sys.stderr if people >= 2 * demo.BATCH else StringIO()))
    with scopes_disabled():
        vacuumed = _vacuum() if Consultation.objects.exists() else 0.0
    with scopes_disabled(), transaction.atomic():
        try:
            data = _data(people=people, stdout=progress)
            data.vacuum_seconds = vacuumed
            deadline = time.monotonic() + options.timeout
            measured = measure(data.scope, runs=runs, deadline=deadline)
            return _report(data, measured, runs=runs, timeout=options.timeout)
        finally:
            # Only reads, or a data set built for this run: nothing stays.
            transaction.set_rollback(True)


def _rows(measured: Measured) -> list[list[str]]:
    slowest = sorted(measured.report_ms, key=lambda key: -measured.report_ms[key])
    shown = [key for key in slowest if key in measured.floor_ms or key in slowest[:SLOWEST]]
    rows = []
    for key in shown:
        floor = measured.floor_ms.get(key)
        alone = measured.alone_ms.get(key)
        ratio = f"{alone / floor:.1f}" if alone is not None and floor else "-"
        equal = "-" if key not in measured.equal else ("yes" if measured.equal[key] else "NO")
        rows.append(
            [key, str(measured.queries[key]), _ms(measured.report_ms[key]), _ms(alone),
             _ms(floor), ratio, equal]
        )  # fmt: skip
    rows.append(
        [f"report ({len(measured.report_ms)} figures)", str(sum(measured.queries.values())),
         _ms(measured.total_ms), "-", "-", "-", "-"]
    )  # fmt: skip
    return rows


def _report(data: Data, measured: Measured, *, runs: int, timeout: float) -> Report:
    scope = data.scope
    names = ", ".join(office.name for office in data.offices)
    where = "the demo region" if data.region else "every office with consultations"
    last = scope.end - dt.timedelta(days=1)
    notes = [
        f"scope: {where} ({names}); period {scope.start:%Y-%m-%d} to {last:%Y-%m-%d}"
        f" ({PERIOD_DAYS} days up to the latest consultation: the year the demo covers)",
        f"data: {data.consultations:,} consultations in the period, {data.people:,} people"
        f" in those offices (tables: {data.all_consultations:,} consultations,"
        f" {data.all_people:,} people)",
        f"median of {measured.runs} runs after one warm-up; 'report ms': the figure inside"
        f" figures.report() (figures sharing a grouped query: the first pays for it); 'alone ms':"
        f" figures.compute() by itself; ratio = alone / floor; SQL = statements in the report",
    ]
    floors_used = {f.key: f.what for f in floors(scope) if f.key in measured.floor_ms}
    notes.append("floors: " + "; ".join(f"{key}: {what}" for key, what in floors_used.items()))
    unequal = [key for key, same in measured.equal.items() if not same]
    notes.append(
        "equal: yes (every floor gives the figure's numbers)"
        if not unequal
        else "equal: NO for " + ", ".join(unequal)
    )
    for key, (got, expected) in measured.mismatch.items():
        notes.append(f"  {key}: figure {_short(got)} vs floor {_short(expected)}")
    if "countries" in measured.alone_ms:
        notes.append(
            f"consultations by country (a plain GROUP BY, no figure): {measured.plain_ms:.1f} ms;"
            " the countries figure counts people, each with their first consultation's country"
        )
    met = measured.total_ms < GOAL_SECONDS * 1000
    notes.append(
        f"goal < {GOAL_SECONDS:.0f} s: {'met' if met else 'not met'}"
        f" (the report took {measured.total_ms / 1000:.2f} s)"
    )
    if not data.scale_30:
        notes.append(
            "the goal applies to the scale-30 data set on PostgreSQL (seed_demo --scale 30,"
            f" about 1,000,000 consultations); this run had {data.consultations:,} on"
            f" {connection.vendor}"
        )
    if data.generated:
        notes.append(
            f"no consultations in the database: generated {data.people:,} people with"
            f" counseling.demo.generate in {data.build_seconds:.1f} s; rolled back afterwards"
        )
    if hasattr(os, "getloadavg"):
        notes.append(
            f"load average {measured.load:.1f} when measuring began (the cores are shared with"
            " whatever else runs)"
        )
    if data.vacuum_seconds:
        notes.append(f"VACUUM ANALYZE of the tables first ({data.vacuum_seconds:.1f} s)")
    if measured.runs < runs:
        notes.append(f"stopped at the {timeout:.0f} s limit: {measured.runs} of {runs} runs")
    return Report(
        subject="reports (the yearly report of a region, in-process)",
        conditions=[
            f"{data.consultations:,} consultations",
            f"{data.people:,} people",
            f"{measured.runs} run" + ("" if measured.runs == 1 else "s"),
        ],
        columns=COLUMNS,
        rows=_rows(measured),
        notes=notes,
    )


def _short(value: Any, limit: int = 200) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[:limit] + "…"
