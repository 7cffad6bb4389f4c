"""Forms of the event managers' pages. They check the shape of the input; the services decide.

Date and time fields are typed in the event's own time zone (`<input type="datetime-local">`
sends no zone): the fields parse a naive time and the form puts the chosen zone on it, so an
event in Lisbon is entered in Lisbon time whatever the office's zone is.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import (
    attach_error,  # noqa: F401  (views import it from here)
    grouped_language_choices,
)
from lotse.core.models import Language, TargetGroup
from lotse.directory.models import Location, Organisation
from lotse.events.models import Event, Program, ProgramKind, validate_time_zone
from lotse.events.selectors import WHEN_VALUES, program_slug_taken
from lotse.events.services import EVENT_FIELDS, PROGRAM_FIELDS
from lotse.pool.models import PoolMember, PoolRole

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_INPUTS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]
DEFAULT_ZONE = "Europe/Berlin"
#: Offered in the time zone field's suggestions; any IANA name is accepted.
COMMON_ZONES = (
    "Europe/Berlin",
    "Europe/Vienna",
    "Europe/Zurich",
    "Europe/London",
    "Europe/Lisbon",
    "Europe/Istanbul",
    "Europe/Kyiv",
    "UTC",
)
#: Languages spoken most often here: offered first, the rest by name.
COMMON_LANGUAGES = ("de", "en", "ar", "uk", "ru", "tr", "fa", "ro", "pl", "es", "fr", "it")
TEXT_FIELDS = ("title", "summary", "description", "cost")


class LocalDateTimeField(forms.DateTimeField):
    """A date and time without a zone; the form decides which zone it is in."""

    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("input_formats", DATETIME_INPUTS)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.datetime | None:
        # Django makes the parsed time aware in the current zone; parse in UTC and drop the zone
        # again, so the form can put the event's zone on the wall-clock time the person typed.
        with timezone.override(dt.UTC):
            result = super().to_python(value)
        return None if result is None else result.replace(tzinfo=None)


def localize(value: dt.datetime | None, zone: str) -> dt.datetime | None:
    """A wall-clock time in `zone` as an aware datetime; ValueError if the clocks skip it."""
    if value is None:
        return None
    tz = zoneinfo.ZoneInfo(zone)
    aware = value.replace(tzinfo=tz)
    # In the hour the clocks skip in spring the time does not exist; zoneinfo would quietly
    # shift it. A round trip through UTC shows it.
    if aware.astimezone(dt.UTC).astimezone(tz).replace(tzinfo=None) != value:
        raise ValueError(value)
    return aware


def wall_clock(value: dt.datetime | None, zone: str) -> dt.datetime | None:
    """An aware datetime as the naive time on the clocks of `zone` (for a form's initial)."""
    if value is None:
        return None
    return value.astimezone(zoneinfo.ZoneInfo(zone)).replace(tzinfo=None)


def _skipped(zone: str) -> str:
    return str(
        _("This time does not exist in %(zone)s: the clocks skip it. Choose another time.")
        % {"zone": zone}
    )


class Checkboxes(forms.CheckboxSelectMultiple):
    """Bootstrap checkboxes, each with its own label, inside the field's fieldset."""

    template_name = "events/staff/widgets/checkboxes.html"


def language_choices(languages: Iterable[Language]) -> list[Any]:
    """Grouped choices: the languages spoken most here first, then the rest by name."""
    return grouped_language_choices(
        languages, common=COMMON_LANGUAGES, common_label=_("Often spoken here")
    )


def _event_label(name: str) -> Any:
    return capfirst(Event._meta.get_field(name).verbose_name)


# --- The event list's filters -------------------------------------------------------------------


class EventFilterForm(forms.Form):
    when = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("upcoming", _("Upcoming")),
            ("past", _("Past")),
            ("drafts", _("Drafts")),
            ("cancelled", _("Cancelled")),
        ],
    )
    program = forms.ModelChoiceField(
        label=_("Program"), queryset=Program.objects.none(), required=False, empty_label=_("All")
    )
    q = forms.CharField(label=_("Title contains"), max_length=100, required=False)

    def __init__(self, *args: Any, programs: QuerySet[Program], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs

    def filters(self) -> dict[str, Any]:
        """The valid filters (an invalid one is dropped, the list still shows)."""
        data = self.cleaned_data if self.is_valid() else {}
        when = data.get("when") or "upcoming"
        return {
            "when": when if when in WHEN_VALUES else "upcoming",
            "program": data.get("program"),
            "q": data.get("q") or "",
        }


# --- Creating and changing an event -------------------------------------------------------------


class EventForm(forms.Form):
    program = forms.ModelChoiceField(
        label=_event_label("program"),
        queryset=Program.objects.none(),
        empty_label="—",
        error_messages={"invalid_choice": _("Choose a program from the list.")},
    )
    module_number = forms.IntegerField(
        label=_event_label("module_number"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=_("Only for a workshop series: the module's place in the series."),
    )
    title = forms.CharField(label=_("Title (German)"), max_length=200)
    summary = forms.CharField(
        label=_("Summary (German)"),
        max_length=300,
        required=False,
        help_text=_("One or two sentences for the calendar."),
    )
    description = forms.CharField(
        label=_("Description (German)"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    cost = forms.CharField(
        label=_("Cost (German)"), max_length=200, required=False, help_text=_("Empty: free.")
    )
    starts_at = LocalDateTimeField(label=_event_label("starts_at"))
    ends_at = LocalDateTimeField(label=_event_label("ends_at"))
    time_zone = forms.CharField(
        label=_event_label("time_zone"),
        max_length=64,
        initial=DEFAULT_ZONE,
        validators=[validate_time_zone],
        help_text=_("Start and end are in this time zone."),
        widget=forms.TextInput(attrs={"list": "time-zones", "autocomplete": "off"}),
    )
    location = forms.ModelChoiceField(
        label=_event_label("location"),
        queryset=Location.objects.none(),
        required=False,
        empty_label="—",
        help_text=_("Places of the organisations your office keeps in the directory."),
    )
    address = forms.CharField(
        label=_event_label("address"),
        max_length=300,
        required=False,
        help_text=_("When the place is not in the directory."),
    )
    online_url = forms.URLField(
        label=_event_label("online_url"),
        required=False,
        assume_scheme="https",
        help_text=_("For an online or hybrid event."),
    )
    language = forms.ModelChoiceField(
        label=_event_label("language"),
        queryset=Language.objects.none(),
        to_field_name="code",
        initial="de",
    )
    interpretation = forms.ModelMultipleChoiceField(
        label=_event_label("interpretation"),
        queryset=Language.objects.none(),
        to_field_name="code",
        required=False,
        help_text=_("Languages announced with an interpreter. Hold Ctrl (or ⌘) to choose several."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_event_label("target_groups"),
        queryset=TargetGroup.objects.none(),
        required=False,
        widget=Checkboxes,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_event_label("partners"),
        queryset=Organisation.objects.none(),
        required=False,
        help_text=_(
            "For example the organisation that leads this module. "
            "Hold Ctrl (or ⌘) to choose several."
        ),
        widget=forms.SelectMultiple(attrs={"size": 5}),
    )
    capacity = forms.IntegerField(
        label=_event_label("capacity"),
        required=False,
        min_value=1,
        max_value=100_000,
        help_text=_("Empty: no limit."),
    )
    waiting_list = forms.BooleanField(
        label=_("Waiting list when full"), required=False, initial=True
    )
    registration_opens_at = LocalDateTimeField(
        label=_event_label("registration_opens_at"),
        required=False,
        help_text=_("Empty: as soon as the event is published."),
    )
    registration_closes_at = LocalDateTimeField(
        label=_event_label("registration_closes_at"),
        required=False,
        help_text=_("Empty: when it starts."),
    )

    LOCAL_TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")

    def __init__(
        self,
        *args: Any,
        programs: QuerySet[Program],
        places: QuerySet[Location],
        partners: QuerySet[Organisation],
        event: Event | None = None,
        **kwargs: Any,
    ) -> None:
        if event is not None:
            kwargs.setdefault("initial", self.initial_for(event))
        super().__init__(*args, **kwargs)
        self.fields["program"].queryset = programs
        self.fields["location"].queryset = places
        self.fields["partners"].queryset = partners
        languages = list(Language.objects.filter(is_active=True))
        choices = language_choices(languages)
        active = Language.objects.filter(is_active=True)
        self.fields["language"].queryset = active
        self.fields["language"].choices = [("", "—"), *choices]
        self.fields["interpretation"].queryset = active
        self.fields["interpretation"].choices = choices
        self.fields["target_groups"].queryset = TargetGroup.objects.filter(is_active=True)

    @staticmethod
    def initial_for(event: Event) -> dict[str, Any]:
        row = next(
            (r for r in event.translations.all() if r.language == settings.LANGUAGE_CODE), None
        )
        zone = event.time_zone
        initial: dict[str, Any] = {name: getattr(event, name) for name in EVENT_FIELDS}
        initial.update({name: getattr(row, name, "") for name in TEXT_FIELDS})
        initial.update(
            {name: wall_clock(getattr(event, name), zone) for name in EventForm.LOCAL_TIMES}
        )
        initial["language"] = event.language_id
        initial["interpretation"] = [language.pk for language in event.interpretation.all()]
        initial["target_groups"] = [group.pk for group in event.target_groups.all()]
        initial["partners"] = [organisation.pk for organisation in event.partners.all()]
        return initial

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        zone = data.get("time_zone")
        if zone:
            for name in self.LOCAL_TIMES:
                try:
                    data[name] = localize(data.get(name), zone)
                except ValueError:
                    self.add_error(name, _skipped(zone))
        program = data.get("program")
        if program is not None and not program.is_series and data.get("module_number"):
            self.add_error("module_number", _("Only a workshop series numbers its modules."))
        if data.get("location") and data.get("address"):
            self.add_error(
                "address",
                _("Choose a place from the directory or type an address, not both."),
            )
        return data

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "texts": {name: data[name] for name in TEXT_FIELDS},
            "interpretation": list(data["interpretation"]),
            "target_groups": list(data["target_groups"]),
            "partners": list(data["partners"]),
            **{name: data[name] for name in EVENT_FIELDS},
        }


class CopyForm(forms.Form):
    starts_at = LocalDateTimeField(label=_("New start"))

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        self.event = event
        super().__init__(*args, **kwargs)
        self.fields["starts_at"].help_text = _(
            "In the event's time zone (%(zone)s). The copy keeps the length, texts, languages, "
            "partners and staffing, and starts as a draft."
        ) % {"zone": event.time_zone}

    @staticmethod
    def suggested_start(event: Event, now: dt.datetime | None = None) -> dt.datetime:
        """The same weekday and time, a week later, or the first such week still ahead."""
        now = now or timezone.now()
        start = event.local_start + dt.timedelta(days=7)
        while start <= now:
            start += dt.timedelta(days=7)
        return start.replace(tzinfo=None)

    def clean_starts_at(self) -> dt.datetime | None:
        try:
            return localize(self.cleaned_data.get("starts_at"), self.event.time_zone)
        except ValueError:
            raise ValidationError(_skipped(self.event.time_zone)) from None


class CancelForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the participants"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_(
            "Optional: why it is cancelled, or where to go instead. It goes into the e-mail."
        ),
    )


# --- Translations -------------------------------------------------------------------------------


class TranslationForm(forms.Form):
    """The text fields of one language of an event or program, marked with that language."""

    def __init__(self, *args: Any, model: type[Any], language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
        for name in model.TEXT_FIELDS:
            model_field = model._meta.get_field(name)
            form_field = model_field.formfield()
            if isinstance(form_field.widget, forms.Textarea):
                form_field.widget.attrs.setdefault("rows", 5)
            form_field.widget.attrs.update({"lang": language, "dir": direction})
            self.fields[name] = form_field

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.fields}


# --- Staffing -----------------------------------------------------------------------------------


def _member_label(member: PoolMember) -> str:
    roles = ", ".join(
        str(PoolRole(role).label) for role in member.roles or [] if role in PoolRole.values
    )
    languages = ", ".join(
        sorted((language.name for language in member.languages.all()), key=str.casefold)
    )
    parts = [member.name, roles, languages, str(member.get_terms_display())]
    return " · ".join(part for part in parts if part)


def _by_name(languages: Iterable[Language]) -> list[tuple[str, str]]:
    return sorted(((lang.code, lang.name) for lang in languages), key=lambda c: c[1].casefold())


class StaffingForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=PoolRole.choices)
    language = forms.ModelChoiceField(
        label=_("Interprets into"),
        queryset=Language.objects.none(),
        to_field_name="code",
        required=False,
        empty_label="—",
        help_text=_("Only for an interpreter."),
    )
    member = forms.ModelChoiceField(
        label=_("From the pool"),
        queryset=PoolMember.objects.none(),
        empty_label="—",
        error_messages={"invalid_choice": _("Choose a person from the list.")},
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def __init__(
        self,
        *args: Any,
        event: Event,
        members: Sequence[PoolMember],
        queryset: QuerySet[PoolMember],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        # Validation looks people up in the office's active pool; the list shows those of the
        # chosen role. The service checks the role and the language again.
        self.fields["member"].queryset = queryset
        self.fields["member"].choices = [("", "—"), *((m.pk, _member_label(m)) for m in members)]
        announced = {language.code: language for language in event.interpretation.all()}
        spoken = {language.code: language for m in members for language in m.languages.all()}
        self.fields["language"].queryset = Language.objects.all()
        groups: list[Any] = [("", "—")]
        if announced:
            groups.append((_("Announced for this event"), _by_name(announced.values())))
        others = [language for code, language in spoken.items() if code not in announced]
        if others:
            groups.append((_("Spoken in the pool"), _by_name(others)))
        self.fields["language"].choices = groups

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("role") == PoolRole.INTERPRETER and not data.get("language"):
            self.add_error("language", _("Name the language to interpret into."))
        return data


class RoleFilterForm(forms.Form):
    role = forms.ChoiceField(
        label=_("Show people who work as"),
        required=False,
        choices=[("", _("any role")), *PoolRole.choices],
    )


# --- Programs -----------------------------------------------------------------------------------


def _program_label(name: str) -> Any:
    return capfirst(Program._meta.get_field(name).verbose_name)


def _program_help(name: str) -> Any:
    return Program._meta.get_field(name).help_text


class ProgramForm(forms.Form):
    title = forms.CharField(label=_("Title (German)"), max_length=200)
    description = forms.CharField(
        label=_("Description (German)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    slug = forms.SlugField(
        label=_program_label("slug"), max_length=80, help_text=_program_help("slug")
    )
    kind = forms.ChoiceField(label=_program_label("kind"), choices=ProgramKind.choices)
    is_series = forms.BooleanField(
        label=_program_label("is_series"), required=False, help_text=_program_help("is_series")
    )
    certificate_min_modules = forms.IntegerField(
        label=_program_label("certificate_min_modules"),
        required=False,
        min_value=1,
        max_value=999,
        help_text=_("Only for a series. Empty: every module of the series."),
    )
    is_public = forms.BooleanField(label=_program_label("is_public"), required=False, initial=True)
    is_archived = forms.BooleanField(
        label=_program_label("is_archived"),
        required=False,
        help_text=_("Archived programs take no new events."),
    )

    def __init__(self, *args: Any, program: Program | None = None, **kwargs: Any) -> None:
        self.program = program
        if program is not None:
            row = next(
                (r for r in program.translations.all() if r.language == settings.LANGUAGE_CODE),
                None,
            )
            initial = {name: getattr(program, name) for name in PROGRAM_FIELDS}
            initial["title"] = getattr(row, "title", "")
            initial["description"] = getattr(row, "description", "")
            kwargs.setdefault("initial", initial)
        super().__init__(*args, **kwargs)

    def clean_slug(self) -> str:
        slug = self.cleaned_data["slug"]
        if program_slug_taken(slug=slug, program=self.program):
            raise ValidationError(_("This web address is taken already; choose another one."))
        return slug

    def service_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "texts": {"title": data["title"], "description": data["description"]},
            **{name: data[name] for name in PROGRAM_FIELDS},
        }
