"""What a report is about: a period, a set of offices, optionally one target group."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from dataclasses import dataclass, replace

from django.conf import settings

Granularity = str  # "month" | "quarter" | "year"
GRANULARITIES = ("month", "quarter", "year")


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    return dt.date(day.year + month // 12, month % 12 + 1, 1)


@dataclass(frozen=True)
class Scope:
    """`start` inclusive, `end` exclusive (dates in the installation's time zone).

    A figure counts what happened in [start, end) in any of `offices`; `target_group` (a
    TargetGroup id) narrows it to the people of that group as recorded at the time.
    """

    offices: tuple[int, ...]
    start: dt.date
    end: dt.date
    target_group: int | None = None

    def __post_init__(self) -> None:
        if self.end <= self.start:
            raise ValueError("A report period must end after it starts.")
        if not self.offices:
            raise ValueError("A report needs at least one office.")

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.start, dt.time.min, tzinfo=self.zone)

    @property
    def end_at(self) -> dt.datetime:
        return dt.datetime.combine(self.end, dt.time.min, tzinfo=self.zone)

    def previous(self) -> Scope:
        """The period of the same length just before (a year before a year, a month before a
        month when the period is whole months)."""
        if self.start.day == 1 and self.end.day == 1:
            months = (self.end.year - self.start.year) * 12 + self.end.month - self.start.month
            return replace(self, start=_add_months(self.start, -months), end=self.start)
        length = self.end - self.start
        return replace(self, start=self.start - length, end=self.start)

    def periods(self, granularity: Granularity) -> Iterator[Scope]:
        """The months, quarters or years the period falls into, each cut to the period."""
        step = {"month": 1, "quarter": 3, "year": 12}[granularity]
        first = dt.date(self.start.year, 1, 1) if granularity == "year" else self.start
        if granularity == "quarter":
            first = dt.date(self.start.year, (self.start.month - 1) // 3 * 3 + 1, 1)
        elif granularity == "month":
            first = dt.date(self.start.year, self.start.month, 1)
        current = first
        while current < self.end:
            following = _add_months(current, step)
            yield replace(self, start=max(current, self.start), end=min(following, self.end))
            current = following
