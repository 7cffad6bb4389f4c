"""Choices several apps share: weekly availability slots and a validator for JSON choice lists."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

WEEKDAYS = (
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
)
DAY_PARTS = (
    ("morning", _("morning")),
    ("afternoon", _("afternoon")),
    ("evening", _("evening")),
)
#: Availability slots: "mon-morning" ... "sun-evening".
SLOTS = tuple(f"{day}-{part}" for day, _label in WEEKDAYS for part, _plabel in DAY_PARTS)


@deconstructible
class ChoiceListValidator:
    """A JSON list whose every item is one of `allowed` (availability slots, offers, ...)."""

    def __init__(self, allowed: tuple[str, ...] | list[str]) -> None:
        self.allowed = tuple(allowed)

    def __call__(self, value: object) -> None:
        if not isinstance(value, list) or any(item not in self.allowed for item in value):
            raise ValidationError(_("Choose from the offered values."))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChoiceListValidator) and other.allowed == self.allowed

    def __hash__(self) -> int:
        return hash(self.allowed)


#: "Monday, morning" for each slot: the label of its checkbox.
# Lazy, so each request reads them in its own language (a plain f-string froze the first one).
SLOT_LABELS = {
    f"{day}-{part}": format_lazy("{}, {}", day_label, part_label)
    for day, day_label in WEEKDAYS
    for part, part_label in DAY_PARTS
}
SHORT_DAYS = {
    "mon": _("Mon"),
    "tue": _("Tue"),
    "wed": _("Wed"),
    "thu": _("Thu"),
    "fri": _("Fri"),
    "sat": _("Sat"),
    "sun": _("Sun"),
}
PARTS_PLURAL = {"morning": _("mornings"), "afternoon": _("afternoons"), "evening": _("evenings")}


def _day_ranges(days: list[int]) -> str:
    """[0, 1, 2, 3, 4, 6] -> "Mon–Fri, Sun": runs of three or more days as a range."""
    codes = [code for code, _label in WEEKDAYS]
    runs: list[list[int]] = []
    for day in days:
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    parts = []
    for run in runs:
        if len(run) >= 3:
            parts.append(f"{SHORT_DAYS[codes[run[0]]]}–{SHORT_DAYS[codes[run[-1]]]}")
        else:
            parts.extend(str(SHORT_DAYS[codes[day]]) for day in run)
    return ", ".join(parts)


def availability_summary(slots: Any) -> str:
    """A short line for lists, e.g. "Mon–Fri evenings; Sat, Sun mornings"."""
    chosen = set(slots if isinstance(slots, list) else [])
    codes = [code for code, _label in WEEKDAYS]
    lines = []
    for part, _label in DAY_PARTS:
        days = [index for index, day in enumerate(codes) if f"{day}-{part}" in chosen]
        if days:
            lines.append(
                _("%(days)s %(parts)s") % {"days": _day_ranges(days), "parts": PARTS_PLURAL[part]}
            )
    return "; ".join(str(line) for line in lines)


def availability_grid(bound: Any) -> dict[str, Any]:
    """Weekdays × parts of the day for the table of checkboxes of a bound `availability` field
    (template forms/_availability_grid.html)."""
    chosen = set(bound.value() or [])
    return {
        "parts": [label for _code, label in DAY_PARTS],
        "rows": [
            {
                "day": day_label,
                "cells": [
                    {
                        "value": f"{day}-{part}",
                        "id": f"{bound.auto_id}_{day}_{part}",
                        "label": SLOT_LABELS[f"{day}-{part}"],
                        "checked": f"{day}-{part}" in chosen,
                    }
                    for part, _part_label in DAY_PARTS
                ],
            }
            for day, day_label in WEEKDAYS
        ],
    }
