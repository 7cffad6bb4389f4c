"""The figures: one definition each, computed once, by aggregation in the database.

Every figure registers here with its key, label, section, definition text (shown in the report
and in docs/statistics.md) and a function `compute(scope) -> Result`. Dashboard, PDF, XLSX, CSV
and funder templates all read figures through `compute()` and `report()`, so a number is the
same wherever it appears.

Figures read only what survives erasure: the snapshots and `subject` UUIDs counseling stores on
each consultation, referral and milestone (ADR 0007), and the statistical fields of
registrations, requests and tandems. They never join to a person's record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.utils.functional import Promise

from lotse.reports.scope import Granularity, Scope

T = TypeVar("T")

#: A figure is a single number ("count") or a number per category ("breakdown").
COUNT = "count"
BREAKDOWN = "breakdown"


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    value: int


@dataclass(frozen=True)
class Result:
    figure: Figure
    scope: Scope
    #: The figure's number; for a breakdown, the total its shares are of.
    total: int
    #: A breakdown's categories, largest first (empty for a count).
    rows: tuple[Row, ...] = ()

    def share(self, row: Row) -> float | None:
        return row.value / self.total if self.total else None


@dataclass(frozen=True)
class Figure:
    key: str
    label: str | Promise
    section: str | Promise
    kind: str
    definition: str | Promise
    compute: Callable[[Scope], Result] = field(compare=False)
    #: Position in the standard report.
    order: int = 500


_FIGURES: dict[str, Figure] = {}


def register(
    key: str,
    *,
    label: str | Promise,
    section: str | Promise,
    kind: str,
    definition: str | Promise,
    order: int = 500,
) -> Callable[[Callable[[Figure, Scope], Result]], Callable[[Figure, Scope], Result]]:
    """Decorator: `@register("consultations", ...)` on `def compute(figure, scope) -> Result`."""
    if kind not in (COUNT, BREAKDOWN):
        raise ValueError(f"unknown figure kind {kind!r}")

    def decorator(func: Callable[[Figure, Scope], Result]) -> Callable[[Figure, Scope], Result]:
        if key in _FIGURES:
            raise ValueError(f"A figure called {key!r} is registered already.")
        figure = Figure(
            key, label, section, kind, definition, lambda scope: func(_FIGURES[key], scope), order
        )
        _FIGURES[key] = figure
        return func

    return decorator


def unregister(key: str) -> None:
    """Remove a figure (for tests that register their own)."""
    _FIGURES.pop(key, None)


def all_figures() -> list[Figure]:
    return sorted(_FIGURES.values(), key=lambda figure: (figure.order, figure.key))


def get(key: str) -> Figure:
    try:
        return _FIGURES[key]
    except KeyError:
        raise KeyError(f"Unknown figure {key!r}.") from None


def compute(key: str, scope: Scope) -> Result:
    return get(key).compute(scope)


def report(scope: Scope, keys: Iterable[str] | None = None) -> list[Result]:
    """Every figure (or those named, in that order) for the scope."""
    figures = [get(key) for key in keys] if keys is not None else all_figures()
    with shared_queries():
        return [figure.compute(scope) for figure in figures]


def over_time(key: str, scope: Scope, granularity: Granularity) -> list[tuple[Scope, int]]:
    """The figure's number per month, quarter or year of the scope."""
    figure = get(key)
    with shared_queries():
        return [(part, figure.compute(part).total) for part in scope.periods(granularity)]


def change(key: str, scope: Scope) -> tuple[int, int, float | None]:
    """(this period, the period before, relative change or None when the earlier was 0)."""
    with shared_queries():
        now = compute(key, scope).total
        before = compute(key, scope.previous()).total
    return now, before, ((now - before) / before if before else None)


# Several figures read the same grouped query (e.g. every per-person breakdown of counseling
# reads one GROUP BY over the people of the period). Inside `shared_queries()` such a query runs
# once per scope; outside, every figure runs its own, so a figure never reads stale numbers.
_shared: ContextVar[dict[tuple[str, Scope], Any] | None] = ContextVar(
    "figures_shared", default=None
)


@contextmanager
def shared_queries() -> Iterator[None]:
    """Within the block, `shared()` results are kept per scope (the dashboard, one report)."""
    if _shared.get() is not None:  # nested: the outer block keeps them
        yield
        return
    token = _shared.set({})
    try:
        yield
    finally:
        _shared.reset(token)


def shared(name: str, scope: Scope, query: Callable[[], T]) -> T:
    """`query()`'s result, run once per (name, scope) inside `shared_queries()`."""
    memo = _shared.get()
    if memo is None:
        return query()
    if (name, scope) not in memo:
        memo[(name, scope)] = query()
    return memo[(name, scope)]


def count_result(figure: Figure, scope: Scope, total: int) -> Result:
    return Result(figure=figure, scope=scope, total=int(total or 0))


def breakdown_result(
    figure: Figure, scope: Scope, pairs: Iterable[tuple[Any, int]], labels: dict[Any, str],
    total: int | None = None,
) -> Result:  # fmt: skip
    """Rows from (key, count) pairs, largest first; `total` defaults to their sum."""
    rows = sorted(
        (Row(str(key), labels.get(key, str(key)), int(value)) for key, value in pairs if value),
        key=lambda row: (-row.value, row.label),
    )
    return Result(
        figure=figure,
        scope=scope,
        total=int(total if total is not None else sum(row.value for row in rows)),
        rows=tuple(rows),
    )
