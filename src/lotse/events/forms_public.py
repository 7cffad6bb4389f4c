"""Forms of the public event pages: the calendar's filters, registration, series booking,
feedback.

Forms check the shape of the input (known languages, a way to reach the person, consent); the
services decide the rest (open, full, the same e-mail twice) and save.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import attach_error  # noqa: F401  (the views import it from here)
from lotse.core.models import Country, Language, TargetGroup
from lotse.core.spam import SpamGuardMixin
from lotse.core.widgets import Checkboxes, Radios
from lotse.events.selectors_public import EventView, FilterOptions

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
#: Digits with the usual separators; at least five digits, so a typo is not taken as a number.
PHONE_PATTERN = re.compile(r"^\+?[0-9 ()/.\-]{5,}$")
#: Languages often asked for at Welcome Centers, offered first (the rest follow by name).
COMMON_LANGUAGES = ("de", "en", "ar", "uk", "ru", "tr", "fa", "prs", "ps", "ti", "ku", "ro", "pl")


# --- The calendar's filters ---------------------------------------------------------------------


class CalendarFilterForm(forms.Form):
    """The calendar's filters (GET); every field optional, unknown values are errors."""

    program = forms.ChoiceField(label=_("Program"), required=False)
    language = forms.ChoiceField(label=_("Language (held in or interpreted into)"), required=False)
    target_group = forms.ChoiceField(label=_("For whom"), required=False)
    date_from = forms.DateField(
        label=_("From"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Enter a date, e.g. 2026-03-01.")},
    )
    date_to = forms.DateField(
        label=_("Until"),
        required=False,
        widget=DATE_WIDGET,
        error_messages={"invalid": _("Enter a date, e.g. 2026-03-31.")},
    )

    FILTERS = ("program", "language", "target_group", "date_from", "date_to")

    def __init__(self, data: Any = None, *, options: FilterOptions) -> None:
        super().__init__(data)
        choice_error = {"invalid_choice": _("Choose from the list.")}
        for name, choices in (
            ("program", options.programs),
            ("language", options.languages),
            ("target_group", options.target_groups),
        ):
            self.fields[name].choices = [("", _("All")), *choices]
            self.fields[name].error_messages.update(choice_error)

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("Choose a date on or after the first date."))
        return data

    def filters(self) -> dict[str, Any]:
        """The valid filters as keyword arguments of `selectors_public.public_calendar`."""
        if not self.is_bound:
            return {}
        self.is_valid()  # errors stay on their fields; the valid filters still apply
        data = getattr(self, "cleaned_data", {})
        return {name: data[name] for name in self.FILTERS if data.get(name)}

    @property
    def has_filters(self) -> bool:
        return bool(self.is_bound and any(self.data.get(name) for name in self.FILTERS))


# --- Registration -------------------------------------------------------------------------------


def _term_choices(terms: list[Any], key: str) -> list[tuple[str, str]]:
    return sorted(
        ((str(getattr(term, key)), term.name) for term in terms),
        key=lambda choice: choice[1].casefold(),
    )


class RegistrationForm(SpamGuardMixin, forms.Form):
    """A person registers for an event: name, a way to reach them, needs, consent."""

    name = forms.CharField(
        label=_("Your name"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": _("Please give your name.")},
    )
    email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,
        help_text=_("We send you a confirmation with a calendar file."),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "dir": "ltr"}),
        error_messages={"invalid": _("Enter an e-mail address like name@example.org.")},
    )
    phone = forms.CharField(
        label=_("Phone"),
        required=False,
        max_length=50,
        widget=forms.TextInput(
            attrs={"autocomplete": "tel", "type": "tel", "inputmode": "tel", "dir": "ltr"}
        ),
    )
    language = forms.ChoiceField(
        label=_("Language of our messages to you"),
        choices=[],
        error_messages={"invalid_choice": _("Choose one of the offered languages.")},
    )
    interpreting_into = forms.ChoiceField(
        label=_("I need interpreting into"),
        required=False,
        help_text=_("Leave empty if you do not need an interpreter."),
        error_messages={"invalid_choice": _("Choose a language from the list.")},
    )
    childcare = forms.BooleanField(label=_("I need childcare during the event"), required=False)
    accessibility_needs = forms.CharField(
        label=_("Accessibility: what do you need? (optional)"),
        required=False,
        max_length=300,
        help_text=_("For example step-free access, sign language, large print."),
    )
    target_group = forms.ChoiceField(
        label=_("Which describes you best? (optional)"),
        required=False,
        help_text=_("For our statistics, optional."),
        error_messages={"invalid_choice": _("Choose from the list.")},
    )
    country_of_origin = forms.ChoiceField(
        label=_("Country of origin (optional)"),
        required=False,
        help_text=_("For our statistics, optional."),
        error_messages={"invalid_choice": _("Choose a country from the list.")},
    )
    consent = forms.BooleanField(
        label=_("I agree that my details are stored for this registration."),
        error_messages={"required": _("Without your consent we cannot register you.")},
        # The text of what is stored and why stands right above the box (the template).
        widget=forms.CheckboxInput(attrs={"aria-describedby": "privacy-text"}),
    )

    def __init__(
        self,
        *args: Any,
        reader: str,
        interpretation: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        portal = dict(settings.LANGUAGES)
        self.fields["language"].choices = list(portal.items())
        self.fields["language"].initial = reader if reader in portal else settings.LANGUAGE_CODE
        # One query per list, whatever the form shows.
        self.languages = {lang.code: lang for lang in Language.objects.filter(is_active=True)}
        self.target_groups = {g.slug: g for g in TargetGroup.objects.filter(is_active=True)}
        self.countries = {c.code: c for c in Country.objects.filter(is_active=True)}
        announced = [code for code in interpretation or [] if code in self.languages]
        common = [c for c in COMMON_LANGUAGES if c in self.languages and c not in announced]
        others = [c for c in self.languages if c not in announced and c not in common]

        def named(codes: list[str]) -> list[tuple[str, str]]:
            return _term_choices([self.languages[code] for code in codes], "code")

        groups: list[Any] = [("", "—")]
        if announced:
            groups.append((_("Announced for this event"), named(announced)))
        groups += [(_("Often asked for"), named(common)), (_("All languages"), named(others))]
        self.fields["interpreting_into"].choices = groups
        self.fields["target_group"].choices = [
            ("", "—"),
            *[(g.slug, g.name) for g in self.target_groups.values()],
        ]
        self.fields["country_of_origin"].choices = [
            ("", "—"),
            *_term_choices(list(self.countries.values()), "code"),
        ]
        # The honeypot stays last; the consent right before it, after all it refers to.
        self.fields["consent"] = self.fields.pop("consent")
        self.fields[self.HONEYPOT] = self.fields.pop(self.HONEYPOT)

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise forms.ValidationError(_("Please give your name."))
        return name

    def clean_phone(self) -> str:
        phone = self.cleaned_data["phone"].strip()
        if phone and (not PHONE_PATTERN.match(phone) or sum(c.isdigit() for c in phone) < 5):
            raise forms.ValidationError(_("Enter a phone number with digits, e.g. +49 711 123456."))
        return phone

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        email_ok = "email" not in self.errors and data.get("email")
        phone_ok = "phone" not in self.errors and data.get("phone")
        if not email_ok and not phone_ok and not {"email", "phone"} & set(self.errors):
            message = _("Give an e-mail address or a phone number, so that we can reach you.")
            self.add_error("email", message)
            self.add_error("phone", message)
        return data

    def service_fields(self) -> dict[str, Any]:
        """The cleaned values as keyword arguments of `services.register` (no consent time)."""
        data = self.cleaned_data
        return {
            "name": data["name"],
            "email": data["email"],
            "phone": data["phone"],
            "language": data["language"],
            "interpreting_into": self.languages.get(data["interpreting_into"] or ""),
            "childcare": data["childcare"],
            "accessibility_needs": data["accessibility_needs"].strip(),
            "target_group": self.target_groups.get(data["target_group"] or ""),
            "country_of_origin": self.countries.get(data["country_of_origin"] or ""),
        }


class SeriesRegistrationForm(RegistrationForm):
    """Booking a workshop series: the same details and the modules (all ticked at first)."""

    modules = forms.MultipleChoiceField(
        label=_("Modules"),
        widget=Checkboxes,
        help_text=_("All modules are ticked: that books the whole series. Untick those you skip."),
        error_messages={
            "required": _("Tick at least one module."),
            "invalid_choice": _("Choose from the modules of this series."),
        },
    )

    field_order = ["modules"]

    def __init__(self, *args: Any, modules: list[EventView], **kwargs: Any) -> None:
        interpretation: list[str] = []
        for view in modules:
            for language in view.event.interpretation.all():
                if language.code not in interpretation:
                    interpretation.append(language.code)
        kwargs.setdefault("interpretation", interpretation)
        super().__init__(*args, **kwargs)
        field = self.fields["modules"]
        field.choices = [(str(view.event.pk), module_label(view)) for view in modules]
        field.initial = [str(view.event.pk) for view in modules]
        self.order_fields(["modules"])

    @property
    def module_ids(self) -> list[int]:
        return [int(value) for value in self.cleaned_data["modules"]]


def module_label(view: EventView) -> str:
    number = view.event.module_number
    title = view.title
    if number:
        title = _("Module %(number)s: %(title)s") % {"number": number, "title": title}
    state = ""
    if view.availability.state == "waiting_list":
        state = " " + str(_("(full: waiting list)"))
    return f"{title}, {view.when}{state}"


# --- Feedback -----------------------------------------------------------------------------------

RATINGS = [
    (5, _("Very good")),
    (4, _("Good")),
    (3, _("All right")),
    (2, _("Not so good")),
    (1, _("Poor")),
]


class FeedbackForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How was the event?"),
        choices=RATINGS,
        coerce=int,
        widget=Radios,
        error_messages={
            "required": _("Choose how you liked it."),
            "invalid_choice": _("Choose one of the answers."),
        },
    )
    useful = forms.TypedChoiceField(
        label=_("Was it useful for you?"),
        choices=[("yes", _("Yes")), ("no", _("No")), ("", _("I do not know"))],
        coerce=lambda value: value == "yes",
        empty_value=None,
        required=False,
        widget=Radios,
        error_messages={"invalid_choice": _("Choose one of the answers.")},
    )
    comment = forms.CharField(
        label=_("What would you like to tell us? (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
