"""Forms of the matching and tandem pages: they check the shape of the input; the services
decide the rest (dates not in the future, an end not before the start, states) and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.sponsorship.models import EndReason, Mood, ProgramSettings, Tandem

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class SwapForm(forms.Form):
    """The other proposal whose volunteer changes places with this one's."""

    other = forms.TypedChoiceField(label=_("Swap the volunteer with"), coerce=int, choices=())

    def __init__(self, *args: Any, choices: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other"].choices = [("", "—"), *choices]


class SwapTargetForm(forms.Form):
    """What a swap POST carries; the choices are checked by the service (same office, open)."""

    other = forms.IntegerField(min_value=1)


class TandemForm(forms.Form):
    agreement = forms.CharField(
        label=_("What they agreed on"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    expected_duration = forms.CharField(
        label=_("Expected duration"),
        max_length=100,
        required=False,
        help_text=_("For example: six months, until the residence permit is settled."),
    )
    usual_places = forms.CharField(
        label=_("Where they usually meet"), max_length=200, required=False
    )
    check_in_every_days = forms.IntegerField(
        label=_("Check in every (days)"), min_value=7, max_value=365
    )

    @classmethod
    def for_tandem(cls, tandem: Tandem) -> TandemForm:
        return cls(initial={name: getattr(tandem, name) for name in cls.base_fields})


class CheckInForm(forms.Form):
    on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)
    mood = forms.ChoiceField(label=_("How it goes"), choices=[("", "—"), *Mood.choices])
    had_contact = forms.BooleanField(
        label=_("They met or spoke since the last check-in"), required=False, initial=True
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )


class TandemEndForm(forms.Form):
    ended_on = forms.DateField(label=_("Ended on"), widget=DATE_WIDGET, initial=timezone.localdate)
    end_reason = forms.ChoiceField(label=_("Why it ended"), choices=[("", "—"), *EndReason.choices])
    feedback_newcomer = forms.CharField(
        label=_("Feedback of the newcomer"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    feedback_volunteer = forms.CharField(
        label=_("Feedback of the volunteer"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class TandemFilterForm(forms.Form):
    alert = forms.ChoiceField(
        label=_("Show"),
        required=False,
        choices=[
            ("", _("All active tandems")),
            ("check_in", _("Check-in overdue")),
            ("no_contact", _("No contact for a long time")),
        ],
    )


class ProgramSettingsForm(forms.ModelForm):
    """The office's weights (0 to 10; 0 switches a criterion off) and tandem thresholds."""

    class Meta:
        model = ProgramSettings
        fields = [
            "weight_needs",
            "weight_language",
            "weight_distance",
            "weight_interests",
            "weight_waiting",
            "weight_preference",
            "no_contact_alert_days",
            "reminder_after_days",
        ]
