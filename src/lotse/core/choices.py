"""Choices several apps share: weekly availability slots and a validator for JSON choice lists."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
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
