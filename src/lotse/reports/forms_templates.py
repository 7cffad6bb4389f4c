"""Forms of the funder templates and the report settings.

A template's figures are one row per registered figure: tick it, give it a place (a number;
figures without one follow in the standard order) and, if the funder words it differently, a
label. A fixed list of rows needs no script to add or move rows and keeps every input labelled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from lotse.reports import figures
from lotse.reports.models import MAX_THRESHOLD, MIN_THRESHOLD, FunderTemplate, ReportSettings


@dataclass(frozen=True)
class FigureRow:
    """The three inputs of one figure, for the template to lay out as a table row."""

    figure: figures.Figure
    include: forms.BoundField
    position: forms.BoundField
    label: forms.BoundField


class TemplateForm(forms.Form):
    name = forms.CharField(
        label=_("Name"), max_length=200, help_text=_("For example: ESF indicator sheet.")
    )
    funder = forms.CharField(
        label=_("Funder"),
        max_length=200,
        required=False,
        help_text=_("Who receives the report, for example: European Social Fund."),
    )
    public = forms.BooleanField(
        label=_("For the public: always withhold small numbers"),
        required=False,
        help_text=_("Tick this when the funder publishes the figures."),
    )

    def __init__(self, *args: Any, template: FunderTemplate | None = None, **kwargs: Any) -> None:
        self.figures = figures.all_figures()
        initial = dict(kwargs.pop("initial", {}) or {})
        if template is not None:
            initial.update(name=template.name, funder=template.funder, public=template.public)
            for item in template.items.all():
                initial[self._name("include", item.figure_key)] = True
                initial[self._name("position", item.figure_key)] = item.position
                initial[self._name("label", item.figure_key)] = item.label
        super().__init__(*args, initial=initial, **kwargs)
        for figure in self.figures:
            label = str(figure.label)
            self.fields[self._name("include", figure.key)] = forms.BooleanField(
                label=_("Include “%(figure)s”") % {"figure": label}, required=False
            )
            self.fields[self._name("position", figure.key)] = forms.IntegerField(
                label=_("Place of “%(figure)s”") % {"figure": label},
                required=False,
                min_value=1,
                max_value=999,
                widget=forms.NumberInput(attrs={"class": "position-input"}),
            )
            self.fields[self._name("label", figure.key)] = forms.CharField(
                label=_("Label of “%(figure)s” in this report") % {"figure": label},
                required=False,
                max_length=200,
            )

    @staticmethod
    def _name(part: str, key: str) -> str:
        return f"{part}-{key}"

    def figure_rows(self) -> list[FigureRow]:
        return [
            FigureRow(
                figure,
                self[self._name("include", figure.key)],
                self[self._name("position", figure.key)],
                self[self._name("label", figure.key)],
            )
            for figure in self.figures
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not self.items():
            raise ValidationError(_("Choose at least one figure."), code="no_figures")
        return data

    def items(self) -> list[tuple[str, str]]:
        """The ticked figures as (key, label), by place; figures without a place follow, in the
        standard order."""
        data = self.cleaned_data
        chosen = []
        for index, figure in enumerate(self.figures):
            if not data.get(self._name("include", figure.key)):
                continue
            position = data.get(self._name("position", figure.key))
            label = (data.get(self._name("label", figure.key)) or "").strip()
            # A label that only repeats the figure's own name is no override.
            if label == str(figure.label):
                label = ""
            chosen.append((position is None, position or 0, index, figure.key, label))
        return [(key, label) for *_order, key, label in sorted(chosen)]

    def service_fields(self) -> dict[str, Any]:
        """The arguments of services.template_save (without office, by and template)."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "funder": data["funder"],
            "public": data["public"],
            "items": self.items(),
        }


class SettingsForm(forms.Form):
    small_number_threshold = forms.IntegerField(
        label=_("Smallest number shown in public reports"),
        min_value=MIN_THRESHOLD,
        max_value=MAX_THRESHOLD,
        help_text=_(
            "Public exports show any count below this number as “< n”, so that nobody can be "
            "recognised in a small group. Usual values are 3 to 10; the default is 5."
        ),
    )

    def __init__(self, *args: Any, current: ReportSettings, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"small_number_threshold": current.small_number_threshold})
        super().__init__(*args, **kwargs)
