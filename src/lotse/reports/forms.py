"""The report filter: period, offices, target group and chart granularity.

Shared by the dashboard and the exports: `ReportFilterForm(request.GET, user=..., office=...)`,
then `.scope()`, `.granularity()` and `.query_string()` (the same filters for an export link).
The form is always usable: a field with bad input gets its message and the report falls back to
that field's default, so a hand-edited link never breaks the page. An office the user may not
report on is refused with a message, never silently added or dropped.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import QueryDict
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.http import urlencode
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Office, TargetGroup
from lotse.core.widgets import Checkboxes
from lotse.reports.scope import GRANULARITIES, Scope, _add_months
from lotse.reports.selectors import reportable_offices

#: The periods one picks with a click; "month" and "custom" need the fields below.
PERIODS = (
    ("this-year", _("This year so far")),
    ("last-year", _("Last year")),
    ("last-12-months", _("Last 12 full months")),
    ("this-quarter", _("This quarter so far")),
    ("last-quarter", _("Last quarter")),
    ("month", _("One month")),
    ("custom", _("From … to …")),
)
DEFAULT_PERIOD = "last-12-months"

GRANULARITY_CHOICES = (
    ("month", _("Months")),
    ("quarter", _("Quarters")),
    ("year", _("Years")),
)
DEFAULT_GRANULARITY = "month"

#: Months on offer in the month list; earlier ones through "From … to …".
MONTHS_BACK = 36
#: A chart with more columns than this is unreadable: choose coarser steps.
MAX_POINTS = 36
#: A custom period may not start earlier, nor span longer.
EARLIEST = dt.date(2000, 1, 1)
LONGEST_YEARS = 20

FIELDS = ("period", "month", "date_from", "date_to", "offices", "target_group", "granularity")
PERIOD_FIELDS = ("period", "month", "date_from", "date_to")


def today() -> dt.date:
    """Today in the installation's time zone (report periods are local calendar days)."""
    return timezone.localdate()


def _quarter_start(day: dt.date) -> dt.date:
    return dt.date(day.year, (day.month - 1) // 3 * 3 + 1, 1)


def preset_period(preset: str, day: dt.date) -> tuple[dt.date, dt.date]:
    """[start, end) of a preset seen on `day`.

    Periods that are still running ("so far") end with today, so the comparison with the
    previous period compares equal lengths, and nothing scheduled for later is counted yet.
    """
    tomorrow = day + dt.timedelta(days=1)
    first_of_month = dt.date(day.year, day.month, 1)
    if preset == "this-year":
        return dt.date(day.year, 1, 1), tomorrow
    if preset == "last-year":
        return dt.date(day.year - 1, 1, 1), dt.date(day.year, 1, 1)
    if preset == "last-12-months":
        return _add_months(first_of_month, -12), first_of_month
    if preset == "this-quarter":
        return _quarter_start(day), tomorrow
    if preset == "last-quarter":
        this_quarter = _quarter_start(day)
        return _add_months(this_quarter, -3), this_quarter
    raise ValueError(f"unknown period preset {preset!r}")


def month_period(first: dt.date, day: dt.date) -> tuple[dt.date, dt.date]:
    """The month starting `first`; the running month ends with today."""
    return first, min(_add_months(first, 1), day + dt.timedelta(days=1))


def count_points(start: dt.date, end: dt.date, granularity: str) -> int:
    """How many months, quarters or years [start, end) touches: the columns of its chart."""
    return sum(1 for _part in Scope(offices=(0,), start=start, end=end).periods(granularity))


def describe_period(start: dt.date, end: dt.date) -> str:
    """ "1 January 2026 – 31 March 2026" for [start, end): the end shown as the last day."""
    last = end - dt.timedelta(days=1)
    if last == start:
        return date_format(start, "DATE_FORMAT")
    return gettext("%(start)s – %(end)s") % {
        "start": date_format(start, "DATE_FORMAT"),
        "end": date_format(last, "DATE_FORMAT"),
    }


class OfficesField(forms.TypedMultipleChoiceField):
    def to_python(self, value: Any) -> list[str]:
        # `offices=` (empty) asks for no office: "choose at least one", not "invalid choice".
        return [item for item in super().to_python(value) if item != ""]


class _Fields(forms.Form):
    """The fields; the form below adds methods named like some of them (`granularity()`), which
    would replace the fields if they were declared in the same class."""

    # Period and steps left out of a link mean their defaults (a form always sends both).
    period = forms.ChoiceField(
        label=_("Period"), choices=PERIODS, initial=DEFAULT_PERIOD, required=False
    )
    month = forms.ChoiceField(
        label=_("Month"), required=False, help_text=_("For the period “One month”.")
    )
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For the period “From … to …”."),
    )
    date_to = forms.DateField(
        label=_("To (inclusive)"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("For the period “From … to …”."),
    )
    offices = OfficesField(
        label=_("Offices"),
        coerce=int,
        widget=Checkboxes(),
        error_messages={
            "required": _("Choose at least one office."),
            "invalid_choice": _(
                "Office %(value)s is not one of the offices whose statistics you may read."
            ),
        },
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"),
        queryset=TargetGroup.objects.none(),
        required=False,
        empty_label=_("All target groups"),
    )
    granularity = forms.ChoiceField(
        label=_("Chart steps"),
        choices=GRANULARITY_CHOICES,
        initial=DEFAULT_GRANULARITY,
        required=False,
    )

    def clean_period(self) -> str:
        return self.cleaned_data["period"] or DEFAULT_PERIOD

    def clean_granularity(self) -> str:
        return self.cleaned_data["granularity"] or DEFAULT_GRANULARITY


class ReportFilterForm(_Fields):
    """The filters of a report. `office` is the request's office, kept for callers; the offices
    on offer are every office whose statistics the user may read (`reportable_offices`)."""

    def __init__(
        self, data: QueryDict | dict[str, Any] | None = None, *, user: Any, office: Office | None
    ) -> None:
        self.user = user
        self.office = office
        self.today = today()
        self.allowed = reportable_offices(user=user)
        # A first visit (or a link carrying none of the filters) shows the defaults, without
        # error messages: the form is bound to them rather than left unbound.
        if data is None or not any(name in data for name in FIELDS):
            data = self.defaults()
        elif "offices" not in data:
            # No office ticked (or a link without offices) means all of them, shown ticked.
            everyone = self.defaults()["offices"]
            if isinstance(data, QueryDict):
                data = data.copy()
                data.setlist("offices", everyone)
            else:
                data = {**data, "offices": everyone}
        super().__init__(data)
        self.fields["offices"].choices = [(office.pk, office.name) for office in self.allowed]
        self.fields["target_group"].queryset = TargetGroup.objects.filter(is_active=True)
        self.fields["month"].choices = [("", _("Choose a month")), *self._month_choices()]

    # --- defaults ---------------------------------------------------------------------------

    def defaults(self) -> dict[str, Any]:
        return {
            "period": DEFAULT_PERIOD,
            "offices": [str(office.pk) for office in self.allowed],
            "granularity": DEFAULT_GRANULARITY,
        }

    def _month_choices(self) -> list[tuple[str, str]]:
        first = dt.date(self.today.year, self.today.month, 1)
        months = [_add_months(first, -back) for back in range(MONTHS_BACK)]
        return [
            (month.strftime("%Y-%m"), date_format(month, "YEAR_MONTH_FORMAT")) for month in months
        ]

    # --- validation -------------------------------------------------------------------------

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        period = data.get("period")
        if period == "month":
            if not data.get("month") and "month" not in self.errors:
                self.add_error("month", _("Choose a month."))
        elif period == "custom":
            self._clean_custom(data)
        bounds = self._period_from(data)
        granularity = data.get("granularity")
        if bounds and granularity and count_points(*bounds, granularity) > MAX_POINTS:
            self.add_error(
                "granularity",
                _("That would be more than %(count)s steps: choose quarters or years.")
                % {"count": MAX_POINTS},
            )
        return data

    def _clean_custom(self, data: dict[str, Any]) -> None:
        start, end = data.get("date_from"), data.get("date_to")
        for name, value in (("date_from", start), ("date_to", end)):
            if value is None and name not in self.errors:
                self.add_error(name, _("Enter a date for a period of your own."))
        if start is None or end is None:
            return
        if start > end:
            self.add_error("date_to", _("The end must not be before the start."))
        elif start < EARLIEST:
            self.add_error(
                "date_from",
                _("Choose a start on or after %(date)s.")
                % {"date": date_format(EARLIEST, "DATE_FORMAT")},
            )
        elif end.year - start.year > LONGEST_YEARS:
            self.add_error(
                "date_to",
                _("A period may span at most %(years)s years.") % {"years": LONGEST_YEARS},
            )

    # --- what the report uses ---------------------------------------------------------------

    def _period_from(self, data: dict[str, Any]) -> tuple[dt.date, dt.date] | None:
        """[start, end) of valid period input, None where it is missing or wrong."""
        if any(name in self.errors for name in PERIOD_FIELDS):
            return None
        period = data.get("period")
        if period == "month":
            month = data.get("month")
            if not month:
                return None
            first = dt.date(int(month[:4]), int(month[5:7]), 1)
            return month_period(first, self.today)
        if period == "custom":
            start, end = data.get("date_from"), data.get("date_to")
            if start is None or end is None:
                return None
            return start, end + dt.timedelta(days=1)
        if period in dict(PERIODS):
            return preset_period(period, self.today)
        return None

    def _cleaned(self) -> dict[str, Any]:
        self.is_valid()  # runs validation once; the errors stay on the fields
        return getattr(self, "cleaned_data", {})

    def period_name(self) -> str:
        """The preset in use (after falling back), e.g. "last-year" or "custom"."""
        data = self._cleaned()
        if self._period_from(data) is None:
            return DEFAULT_PERIOD
        return data["period"]

    def period(self) -> tuple[dt.date, dt.date]:
        """[start, end) in use: the valid input, or the default period."""
        return self._period_from(self._cleaned()) or preset_period(DEFAULT_PERIOD, self.today)

    def office_ids(self) -> tuple[int, ...]:
        """The offices in use: those chosen, or all the user may report on after bad input."""
        data = self._cleaned()
        if "offices" in self.errors or not data.get("offices"):
            chosen = [office.pk for office in self.allowed]
        else:
            chosen = data["offices"]
        if not chosen:
            raise PermissionDenied("reports.statistics.view")
        return tuple(sorted(set(chosen)))

    def target_group(self) -> TargetGroup | None:
        data = self._cleaned()
        return None if "target_group" in self.errors else data.get("target_group")

    def granularity(self) -> str:
        data = self._cleaned()
        chosen = data.get("granularity")
        if "granularity" not in self.errors and chosen in GRANULARITIES:
            return chosen
        start, end = self.period()
        return next(
            (step for step in GRANULARITIES if count_points(start, end, step) <= MAX_POINTS),
            "year",
        )

    def scope(self) -> Scope:
        start, end = self.period()
        target_group = self.target_group()
        return Scope(
            offices=self.office_ids(),
            start=start,
            end=end,
            target_group=target_group.pk if target_group else None,
        )

    def offices_in_use(self) -> list[Office]:
        chosen = set(self.office_ids())
        return [office for office in self.allowed if office.pk in chosen]

    def query_string(self, **extra: Any) -> str:
        """The filters in use as a query string (no "?"), plus `extra` (e.g. public=1)."""
        period = self.period_name()
        start, end = self.period()
        pairs: list[tuple[str, Any]] = [("period", period)]
        if period == "month":
            pairs.append(("month", start.strftime("%Y-%m")))
        elif period == "custom":
            last = end - dt.timedelta(days=1)
            pairs += [("date_from", start.isoformat()), ("date_to", last.isoformat())]
        pairs += [("offices", office_id) for office_id in self.office_ids()]
        target_group = self.target_group()
        if target_group is not None:
            pairs.append(("target_group", target_group.pk))
        pairs.append(("granularity", self.granularity()))
        pairs += list(extra.items())
        return urlencode(pairs)

    def describe(self) -> str:
        """The period in words, for headings and file covers."""
        return describe_period(*self.period())
