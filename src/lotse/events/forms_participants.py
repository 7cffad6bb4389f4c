"""Forms of the participant pages: they check the input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import attach_error  # noqa: F401  (views import it from here)
from lotse.core.models import Country, Language, TargetGroup
from lotse.events.models import Registration, RegistrationSource, RegistrationStatus
from lotse.events.selectors_participants import MAX_SEARCH


def _label(name: str) -> str:
    return capfirst(Registration._meta.get_field(name).verbose_name)


def _by_name(terms: Any) -> list[tuple[Any, str]]:
    return sorted(((term.pk, term.name) for term in terms), key=lambda c: c[1].casefold())


class ParticipantFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *RegistrationStatus.choices],
        required=False,
    )
    q = forms.CharField(label=_("Name"), max_length=MAX_SEARCH, required=False)

    def filters(self) -> dict[str, str]:
        if not self.is_valid():
            return {"status": "", "q": ""}
        return {"status": self.cleaned_data["status"], "q": self.cleaned_data["q"].strip()}


class CheckinSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Find a name"),
        max_length=MAX_SEARCH,
        required=False,
        widget=forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "spellcheck": "false"}
        ),
    )

    def query(self) -> str:
        return self.cleaned_data["q"].strip() if self.is_valid() else ""


class StatusAction(forms.Form):
    """A row action of the participant list (which one comes from the button)."""

    CANCEL = "cancel"
    ADMIT = "admit"
    ATTENDED = RegistrationStatus.ATTENDED.value
    NO_SHOW = RegistrationStatus.NO_SHOW.value
    REGISTERED = RegistrationStatus.REGISTERED.value

    action = forms.ChoiceField(
        choices=[
            (CANCEL, CANCEL),
            (ADMIT, ADMIT),
            (ATTENDED, ATTENDED),
            (NO_SHOW, NO_SHOW),
            (REGISTERED, REGISTERED),
        ]
    )
    #: The list's filter, kept for the way back.
    status = forms.ChoiceField(choices=[("", ""), *RegistrationStatus.choices], required=False)
    q = forms.CharField(max_length=MAX_SEARCH, required=False)


class CheckinToggleForm(forms.Form):
    """One tap at the door: the state the row should have (so a double tap does no harm)."""

    status = forms.ChoiceField(
        choices=[
            (RegistrationStatus.ATTENDED.value, RegistrationStatus.ATTENDED.label),
            (RegistrationStatus.REGISTERED.value, RegistrationStatus.REGISTERED.label),
        ]
    )
    q = forms.CharField(max_length=MAX_SEARCH, required=False)


class ManualRegistrationForm(forms.Form):
    """Staff register someone by phone, from a list, or as a walk-in at the door."""

    name = forms.CharField(label=_label("name"), max_length=200)
    email = forms.EmailField(label=_label("email"), required=False)
    phone = forms.CharField(label=_label("phone"), max_length=50, required=False)
    language = forms.ChoiceField(
        label=_label("language"),
        choices=settings.LANGUAGES,
        initial="de",
        help_text=_("Confirmations and reminders go out in this language."),
    )
    interpreting_into = forms.ModelChoiceField(
        label=_label("interpreting_into"),
        queryset=Language.objects.none(),
        to_field_name="code",
        required=False,
    )
    childcare = forms.BooleanField(label=_label("childcare"), required=False)
    accessibility_needs = forms.CharField(
        label=_label("accessibility_needs"),
        max_length=300,
        required=False,
        help_text=_("For example a wheelchair place or sign language."),
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group (optional, for the statistics)"),
        queryset=TargetGroup.objects.none(),
        required=False,
    )
    country_of_origin = forms.ModelChoiceField(
        label=_("Country of origin (optional, for the statistics)"),
        queryset=Country.objects.none(),
        required=False,
    )
    consent = forms.BooleanField(
        label=_("The person agreed to the data processing"),
        help_text=_("Ask before you write down their details; tell them how to cancel."),
        error_messages={
            "required": _("Register a person only when they agreed to the data processing.")
        },
    )
    walk_in = forms.BooleanField(
        label=_("Walk-in at the door (checked in now)"),
        required=False,
        help_text=_("The person is here: they are registered as present, without an e-mail."),
    )
    admit_over_capacity = forms.BooleanField(
        label=_("Admit even if full"),
        required=False,
        help_text=_("Gives a place beyond the number of places instead of the waiting list."),
    )

    def __init__(self, *args: Any, full: bool = False, **kwargs: Any) -> None:
        #: Whether every place is taken (for the walk-in check below).
        self.full = full
        super().__init__(*args, **kwargs)
        languages = Language.objects.filter(is_active=True)
        self.fields["interpreting_into"].queryset = languages
        self.fields["interpreting_into"].choices = [("", _("— none —")), *_by_name(languages)]
        groups = TargetGroup.objects.filter(is_active=True)
        self.fields["target_group"].queryset = groups
        self.fields["target_group"].choices = [
            ("", _("— not given —")),
            *((group.pk, group.name) for group in groups),
        ]
        countries = Country.objects.filter(is_active=True)
        self.fields["country_of_origin"].queryset = countries
        self.fields["country_of_origin"].choices = [("", _("— not given —")), *_by_name(countries)]

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        if not name:
            raise ValidationError(_("Please give a name."))
        return name

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        # Someone standing at the door either gets a place or is turned away: the waiting list
        # is no answer for them, so a full event needs the staff's explicit decision.
        if data.get("walk_in") and self.full and not data.get("admit_over_capacity"):
            self.add_error(
                "admit_over_capacity",
                _("The event is full. Tick 'Admit even if full' to let the person in."),
            )
        return data

    @property
    def source(self) -> str:
        if self.cleaned_data.get("walk_in"):
            return RegistrationSource.DOOR
        return RegistrationSource.STAFF

    def service_fields(self) -> dict[str, Any]:
        """The arguments of services.register (besides event and by)."""
        data = self.cleaned_data
        names = ("name", "email", "phone", "language", "interpreting_into", "childcare",
                 "accessibility_needs", "target_group", "country_of_origin")  # fmt: skip
        return {
            **{name: data[name] for name in names},
            "email": data["email"].strip(),
            "phone": data["phone"].strip(),
            "accessibility_needs": data["accessibility_needs"].strip(),
            "consent_at": timezone.now(),
            "source": self.source,
            "admit_over_capacity": data["admit_over_capacity"],
        }


class MessageForm(forms.Form):
    statuses = forms.MultipleChoiceField(
        label=_("Write to"),
        choices=[
            (status, label)
            for status, label in RegistrationStatus.choices
            if status != RegistrationStatus.CANCELLED
        ]
        + [(RegistrationStatus.CANCELLED.value, _("Cancelled (e.g. to offer a new date)"))],
        widget=forms.CheckboxSelectMultiple,
        initial=[RegistrationStatus.REGISTERED.value],
        error_messages={"required": _("Choose whom to write to.")},
    )
    subject = forms.CharField(label=_("Subject"), max_length=150)
    body = forms.CharField(
        label=_("Message"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Each person gets their own e-mail with a greeting, the event's date and place, "
            "and their personal link; nobody sees the others' addresses."
        ),
    )


class AudienceForm(forms.Form):
    """The statuses of the preview (from the address or the message form)."""

    statuses = forms.MultipleChoiceField(choices=RegistrationStatus.choices, required=False)

    def chosen(self) -> list[str]:
        if not self.is_valid() or not self.cleaned_data["statuses"]:
            return [RegistrationStatus.REGISTERED.value]
        return self.cleaned_data["statuses"]
