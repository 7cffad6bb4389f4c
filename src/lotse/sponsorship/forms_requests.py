"""Forms of sponsorship requests: the counselor's request, the newcomer's request in the portal,
the queue's filters, and the coordinators' confirm and close.

Forms check the shape of the input; the services decide the rest (consent, known languages).
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lotse.core.choices import SLOT_LABELS
from lotse.core.models import Office
from lotse.core.spam import SpamGuardMixin
from lotse.core.widgets import Checkboxes
from lotse.sponsorship.forms import LanguageRowsMixin, language_choices
from lotse.sponsorship.models import SLOTS, Offer, Preference, RequestStatus, SponsorshipRequest

GENDER_CHOICES = SponsorshipRequest._meta.get_field("gender_preference").choices
URGENCY_CHOICES = SponsorshipRequest._meta.get_field("urgency").choices


class RequestFieldsForm(forms.Form):
    """What a request asks for; shared by the counselor's form and the portal's."""

    languages = forms.MultipleChoiceField(
        label=_("Languages spoken"),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (or ⌘) to choose several."),
        error_messages={
            "required": _("Name at least one language."),
            "invalid_choice": _("Choose from the offered languages."),
        },
    )
    district = forms.CharField(
        label=_("District or municipality"),
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    needs = forms.MultipleChoiceField(
        label=_("Help with"),
        choices=Offer.choices,
        widget=Checkboxes,
        error_messages={
            "required": _("Tick at least one kind of help."),
            "invalid_choice": _("Choose from the offered kinds of help."),
        },
    )
    availability = forms.MultipleChoiceField(
        label=_("When is there time?"),
        choices=[(slot, SLOT_LABELS[slot]) for slot in SLOTS],
        error_messages={
            "required": _("Tick at least one time of the week."),
            "invalid_choice": _("Choose from the offered times."),
        },
    )
    kind = forms.ChoiceField(label=_("Who is asking"), choices=Preference.choices)
    has_children = forms.BooleanField(label=_("Children in the family"), required=False)
    gender_preference = forms.ChoiceField(
        label=_("Sponsor's gender wished"),
        choices=[("", _("No wish")), *GENDER_CHOICES],
        required=False,
    )
    note = forms.CharField(
        label=_("Note for the coordinators"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    FIELDS = (
        "needs",
        "languages",
        "district",
        "availability",
        "kind",
        "has_children",
        "gender_preference",
        "note",
    )

    # The availability table of the volunteer forms, reused as it is.
    availability_grid = LanguageRowsMixin.availability_grid

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _languages, choices = language_choices()
        self.fields["languages"].choices = choices[1:]

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.FIELDS}


class RequestForm(RequestFieldsForm):
    """A counselor asks for a sponsor from a person's record."""

    interests = forms.CharField(label=_("Interests"), max_length=300, required=False)
    urgency = forms.ChoiceField(label=_("Urgency"), choices=URGENCY_CHOICES)

    FIELDS = (*RequestFieldsForm.FIELDS, "interests", "urgency")


class PublicRequestForm(SpamGuardMixin, RequestFieldsForm):
    """A newcomer asks for a sponsor in the portal: who they are, how to reach them, consent."""

    office = forms.ModelChoiceField(
        label=_("Which Welcome Center would you like to ask?"),
        queryset=Office.objects.none(),
        empty_label="—",
        error_messages={"invalid_choice": _("Choose one of the Welcome Centers.")},
    )
    contact_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    contact_email = forms.EmailField(
        label=_("E-mail"),
        required=False,
        max_length=254,  # the column's length (the form's default is 320)
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("An e-mail address or a phone number, so we can reach you."),
    )
    contact_phone = forms.CharField(
        label=_("Phone"),
        max_length=50,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel", "type": "tel"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the Welcome Center stores these details to contact me and to find "
            "a welcome sponsor for me."
        ),
        error_messages={"required": _("Without your consent we cannot take your request.")},
        widget=forms.CheckboxInput(attrs={"aria-describedby": "privacy-text"}),
    )

    FIELDS = (*RequestFieldsForm.FIELDS, "contact_name", "contact_email", "contact_phone")
    field_order = ["office", "contact_name", "contact_email", "contact_phone"]

    def __init__(self, *args: Any, offices: QuerySet[Office], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["office"]
        field.queryset = offices
        only = list(offices[:2])
        self.has_offices = bool(only)
        if len(only) == 1:
            field.initial = only[0].pk
            field.widget = forms.HiddenInput()
        # The newcomer speaks about themselves.
        self.fields["languages"].label = _("Languages you speak")
        self.fields["district"].label = _("Where you live (district or municipality)")
        self.fields["needs"].label = _("What would you like help with?")
        self.fields["availability"].label = _("When do you have time?")
        self.fields["kind"].label = _("Who is asking?")
        self.fields["kind"].choices = [
            ("single", _("I, on my own")),
            ("family", _("My family")),
            ("student", _("I, as a student")),
        ]
        self.fields["has_children"].label = _("Children live with me")
        self.fields["gender_preference"].label = _("I would prefer a sponsor who is")
        self.fields["note"].label = _("Anything else we should know? (optional)")
        self.fields["consent"] = self.fields.pop("consent")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        has_phone = bool((cleaned.get("contact_phone") or "").strip())
        # A malformed address already has its own message: no second one on the same field.
        if (
            not cleaned.get("contact_email")
            and not has_phone
            and "contact_email" not in self.errors
        ):
            self.add_error("contact_email", _("Give an e-mail address or a phone number, please."))
        return cleaned


class RequestFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Open (to confirm or waiting)")), *RequestStatus.choices],
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"), required=False, choices=[("", _("Any")), *URGENCY_CHOICES]
    )
    kind = forms.ChoiceField(
        label=_("Who asks"), required=False, choices=[("", _("Any")), *Preference.choices]
    )

    def selector_kwargs(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) or None for name in ("status", "urgency", "kind")}


class ConfirmForm(forms.Form):
    client_number = forms.CharField(
        label=_("Client number of the person's record"),
        max_length=30,
        help_text=_("For example A-2026-00042. The record needs the consent to the program."),
    )


class CloseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for closing"),
        max_length=200,
        help_text=_("No personal details, e.g. “no longer needed” or “no answer”."),
    )


class PersonLookupForm(forms.Form):
    client_number = forms.CharField(label=_("Client number"), max_length=30)
