"""The retention rules form: per automatic rule, the months and whether the run applies it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.privacy.register import AUTOMATIC_RULES, retention_text

MIN_MONTHS, MAX_MONTHS = 1, 240

MONTHS_ERRORS = {
    "required": _("Enter the number of months."),
    "invalid": _("Enter a whole number of months, from 1 to 240."),
    "min_value": _("Enter a whole number of months, from 1 to 240."),
    "max_value": _("Enter a whole number of months, from 1 to 240 (20 years)."),
}


@dataclass(frozen=True)
class RuleFields:
    key: str
    label: str
    description: str
    months: forms.BoundField
    enabled: forms.BoundField


class RetentionRulesForm(forms.Form):
    """Two fields per rule, `<rule>-months` and `<rule>-enabled`, filled with the current values."""

    def __init__(self, *args: object, current: dict[str, tuple[int, bool]], **kwargs: object):
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.current = current
        for key, _label in AUTOMATIC_RULES:
            months, enabled = current[key]
            self.fields[f"{key}-months"] = forms.IntegerField(
                label=_("Months"),
                min_value=MIN_MONTHS,
                max_value=MAX_MONTHS,
                initial=months,
                error_messages=MONTHS_ERRORS,
                widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
            )
            self.fields[f"{key}-enabled"] = forms.BooleanField(
                label=_("Applied automatically every night"),
                required=False,
                initial=enabled,
            )

    def rules(self) -> Iterator[RuleFields]:
        for key, label in AUTOMATIC_RULES:
            months, _enabled = self.current[key]
            yield RuleFields(
                key=key,
                label=str(label),
                description=retention_text(key, months),
                months=self[f"{key}-months"],
                enabled=self[f"{key}-enabled"],
            )

    def values(self) -> dict[str, tuple[int, bool]]:
        """{rule: (months, enabled)} of a valid form."""
        return {
            key: (self.cleaned_data[f"{key}-months"], self.cleaned_data[f"{key}-enabled"])
            for key, _label in AUTOMATIC_RULES
        }
