"""Forms of the sponsorship pages: the public application and the coordinators' edit and filters.

Forms check the shape of the input (known values, dates that exist); the services decide the
rest (the consent, the languages, the order of the safeguarding dates) and save.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lotse.core.choices import SLOT_LABELS, availability_grid
from lotse.core.forms import (
    attach_error,  # noqa: F401  (views import it from here)
    grouped_language_choices,
)
from lotse.core.models import Language, Office
from lotse.core.spam import SpamGuardMixin
from lotse.core.widgets import Checkboxes
from lotse.sponsorship.models import (
    SLOTS,
    Offer,
    Preference,
    Volunteer,
    VolunteerLanguage,
    VolunteerStatus,
)

#: Languages volunteers and newcomers speak most often here: offered first, the rest by name.
COMMON_LANGUAGES = ("de", "en", "ar", "uk", "ru", "tr", "fa", "ro", "pl", "es", "fr", "it")
#: Rows of language + level; enough for most people, and no JavaScript to add rows.
LANGUAGE_ROWS = 4
LEVEL_CHOICES = VolunteerLanguage._meta.get_field("level").choices
GENDER_CHOICES = Volunteer._meta.get_field("gender").choices
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def language_choices() -> tuple[dict[str, Language], list[Any]]:
    """Active languages by code, and the grouped choices: the common ones first (one query)."""
    languages = {language.code: language for language in Language.objects.filter(is_active=True)}
    groups = grouped_language_choices(
        languages.values(), common=COMMON_LANGUAGES, common_label=_("Often spoken here")
    )
    return languages, [("", "—"), *groups]


class LanguageRowsMixin:
    """A few rows of language + level; empty rows are ignored, at least one row is needed."""

    fields: dict[str, forms.Field]
    cleaned_data: dict[str, Any]

    def add_language_rows(self, initial: list[tuple[str, int]] | None = None) -> None:
        initial = initial or []
        self.language_map, choices = language_choices()
        # A record with more languages than rows keeps them all, and one free row to add another.
        self.row_count = max(LANGUAGE_ROWS, len(initial) + 1) if initial else LANGUAGE_ROWS
        for number in range(1, self.row_count + 1):
            self.fields[f"language_{number}"] = forms.ChoiceField(
                label=_("Language %(number)s") % {"number": number},
                choices=choices,
                required=False,
            )
            self.fields[f"level_{number}"] = forms.TypedChoiceField(
                label=_("Level of language %(number)s") % {"number": number},
                choices=[("", "—"), *LEVEL_CHOICES],
                coerce=int,
                empty_value=None,
                required=False,
            )
        for number, (code, level) in enumerate(initial, start=1):
            self.fields[f"language_{number}"].initial = code
            self.fields[f"level_{number}"].initial = level

    def language_rows(self) -> list[tuple[forms.BoundField, forms.BoundField]]:
        return [
            (self[f"language_{number}"], self[f"level_{number}"])  # type: ignore[index]
            for number in range(1, self.row_count + 1)
        ]

    def clean_language_rows(self) -> None:
        self.languages: list[tuple[Language, int]] = []
        seen = set()
        for number in range(1, self.row_count + 1):
            code = self.cleaned_data.get(f"language_{number}")
            level = self.cleaned_data.get(f"level_{number}")
            if not code and not level:
                continue
            if not code:
                self.add_error(f"language_{number}", _("Choose the language for this level."))
            elif not level:
                self.add_error(f"level_{number}", _("Choose how well you speak it."))
            elif code in seen:
                self.add_error(f"language_{number}", _("Each language once, please."))
            else:
                seen.add(code)
                self.languages.append((self.language_map[code], level))
        if not self.languages and not any(
            f"{kind}_{number}" in self.errors  # type: ignore[attr-defined]
            for kind in ("language", "level")
            for number in range(1, self.row_count + 1)
        ):
            self.add_error("language_1", _("Name at least one language you speak."))

    def availability_grid(self) -> dict[str, Any]:
        return availability_grid(self["availability"])  # type: ignore[index]


class VolunteerFieldsForm(LanguageRowsMixin, forms.Form):
    """What a volunteer tells about themselves: the application and the coordinators' edit."""

    first_name = forms.CharField(
        label=_("First name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    # The column's length, so a longer address is refused at the field (the form default is 320).
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Phone (optional)"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    district = forms.CharField(
        label=_("District or municipality"),
        max_length=100,
        help_text=_("Where you live: it helps to find someone nearby."),
    )
    gender = forms.ChoiceField(
        label=_("Gender (optional)"),
        choices=[("", _("I would rather not say")), *GENDER_CHOICES],
        required=False,
        help_text=_("Some newcomers ask for a sponsor of their gender."),
    )
    availability = forms.MultipleChoiceField(
        label=_("When do you have time?"),
        choices=[(slot, SLOT_LABELS[slot]) for slot in SLOTS],
        error_messages={
            "required": _("Tick at least one time when you are free."),
            "invalid_choice": _("Choose from the offered times."),
        },
    )
    offers = forms.MultipleChoiceField(
        label=_("What would you like to help with?"),
        choices=Offer.choices,
        widget=Checkboxes,
        error_messages={
            "required": _("Tick at least one kind of help."),
            "invalid_choice": _("Choose from the offered kinds of help."),
        },
    )
    interests = forms.CharField(
        label=_("Interests and hobbies (optional)"),
        max_length=300,
        required=False,
        help_text=_("Shared interests make a good start, e.g. football, cooking, music."),
    )
    prefers = forms.MultipleChoiceField(
        label=_("Whom would you like to accompany? (optional)"),
        choices=Preference.choices,
        widget=Checkboxes,
        required=False,
        error_messages={"invalid_choice": _("Choose from the offered values.")},
    )
    max_tandems = forms.TypedChoiceField(
        label=_("How many people or families at once?"),
        choices=[(number, str(number)) for number in range(1, 6)],
        coerce=int,
        initial=1,
    )
    interpreter_ok = forms.BooleanField(
        label=_(
            "I would also accompany someone with whom I share no language, with an interpreter"
        ),
        required=False,
    )
    motivation = forms.CharField(
        label=_("Why would you like to volunteer? (optional)"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(self, *args: Any, languages: list[tuple[str, int]] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.add_language_rows(languages)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        self.clean_language_rows()
        return cleaned

    FIELDS = (
        "first_name",
        "last_name",
        "email",
        "phone",
        "district",
        "gender",
        "availability",
        "offers",
        "interests",
        "prefers",
        "max_tandems",
        "interpreter_ok",
        "motivation",
    )

    def service_fields(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments of the services (slots in a stable order)."""
        fields = {name: self.cleaned_data[name] for name in self.FIELDS}
        fields["availability"] = [slot for slot in SLOTS if slot in fields["availability"]]
        fields["offers"] = [value for value in Offer.values if value in fields["offers"]]
        fields["prefers"] = [value for value in Preference.values if value in fields["prefers"]]
        return fields


class ApplicationForm(SpamGuardMixin, VolunteerFieldsForm):
    """The public application: which Welcome Center, the person, and their consent."""

    office = forms.ModelChoiceField(
        label=_("Which Welcome Center would you like to volunteer with?"),
        queryset=Office.objects.none(),
        empty_label="—",
        error_messages={"invalid_choice": _("Choose one of the Welcome Centers.")},
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Welcome Center stores these details to contact me about "
            "volunteering and to find people I could accompany."
        ),
        error_messages={"required": _("Without your consent we cannot take your application.")},
        # The text of what is stored and why stands right above the box (apply.html).
        widget=forms.CheckboxInput(attrs={"aria-describedby": "privacy-text"}),
    )

    field_order = ["office"]

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["office"]
        field.queryset = offices
        only = list(offices[:2])
        self.has_offices = bool(only)
        if len(only) == 1:
            # One Welcome Center: nothing to choose, so no question to answer.
            field.initial = only[0].pk
            field.widget = forms.HiddenInput()
        # The consent last, right before the button, after everything it refers to.
        self.fields["consent"] = self.fields.pop("consent")


class VolunteerForm(VolunteerFieldsForm):
    """The coordinators' edit: the application plus safeguarding dates and their notes."""

    pledge_signed_on = forms.DateField(
        label=_("Data-protection pledge signed on"), required=False, widget=DATE_WIDGET
    )
    certificate_seen_on = forms.DateField(
        label=_("Extended certificate of conduct seen on"),
        required=False,
        widget=DATE_WIDGET,
        help_text=_("Only the date: no copy of the certificate is stored."),
    )
    certificate_recheck_on = forms.DateField(
        label=_("Certificate to be seen again on"), required=False, widget=DATE_WIDGET
    )
    coordinator_notes = forms.CharField(
        label=_("Coordinators' notes"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Not shown to the volunteer. Facts about the volunteering only."),
    )

    SAFEGUARDING = ("pledge_signed_on", "certificate_seen_on", "certificate_recheck_on")
    FIELDS = (*VolunteerFieldsForm.FIELDS, *SAFEGUARDING, "coordinator_notes")

    def __init__(self, *args: Any, volunteer: Volunteer, **kwargs: Any) -> None:
        initial = {name: getattr(volunteer, name) for name in self.FIELDS}
        languages = [(row.language_id, row.level) for row in volunteer.languages.all()]
        super().__init__(*args, initial=initial, languages=languages, **kwargs)
        # The coordinators write about the volunteer, not to them.
        self.fields["district"].help_text = ""
        self.fields["interpreter_ok"].label = _("Would work with an interpreter")
        self.fields["offers"].label = _("What they offer")
        self.fields["prefers"].label = _("Would like to accompany")
        self.fields["availability"].label = _("Availability")
        self.fields["max_tandems"].label = _("Tandems at once")
        self.fields["motivation"].label = _("Why they volunteer")
        self.fields["interests"].label = _("Interests")
        self.fields["phone"].label = _("Phone")
        self.fields["gender"].label = _("Gender")
        self.fields["gender"].choices = [("", "—"), *GENDER_CHOICES]


class StatusForm(forms.Form):
    """The next step of a volunteer: only those STATUS_FLOW allows from the current status."""

    status = forms.ChoiceField(label=_("New status"))

    def __init__(self, *args: Any, next_statuses: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = next_statuses


class VolunteerFilterForm(forms.Form):
    """The list's filters; an unknown value is an error next to its field, not a server error."""

    ALL = "all"
    CURRENT = ""

    status = forms.ChoiceField(label=_("Status"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    district = forms.CharField(label=_("District"), required=False, max_length=100)
    offer = forms.ChoiceField(
        label=_("Offers"), required=False, choices=[("", _("Any")), *Offer.choices]
    )
    safeguarding_due = forms.BooleanField(label=_("Safeguarding due"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [
            (self.CURRENT, _("All but ended")),
            (self.ALL, _("All, including ended")),
            *VolunteerStatus.choices,
        ]
        _languages, choices = language_choices()
        choices[0] = ("", _("Any"))
        self.fields["language"].choices = choices

    def selector_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        status = data.get("status") or self.CURRENT
        return {
            "status": None if status in {self.ALL, self.CURRENT} else status,
            "include_ended": status != self.CURRENT,
            "language": data.get("language") or None,
            "district": (data.get("district") or "").strip() or None,
            "offer": data.get("offer") or None,
            "safeguarding_due": bool(data.get("safeguarding_due")),
        }
