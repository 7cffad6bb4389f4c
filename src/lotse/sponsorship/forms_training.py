"""Forms of the training pages. They check the shape of the input; the services decide and save."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import attach_error  # noqa: F401  (views import it from here)
from lotse.sponsorship.models import AttendanceStatus, SeminarModule, SessionKind, TrainingSession
from lotse.sponsorship.services_training import SESSION_FIELDS

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
DATETIME_INPUTS = [DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"]


def _label(name: str) -> str:
    return TrainingSession._meta.get_field(name).verbose_name


def _datetime_field(name: str) -> forms.DateTimeField:
    return forms.DateTimeField(
        label=_label(name),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        input_formats=DATETIME_INPUTS,
    )


class SessionForm(forms.Form):
    kind = forms.ChoiceField(label=_label("kind"), choices=SessionKind.choices)
    module = forms.ChoiceField(
        label=_label("module"),
        choices=[("", "—"), *SeminarModule.choices],
        required=False,
        help_text=TrainingSession._meta.get_field("module").help_text,
    )
    title = forms.CharField(label=_label("title"), max_length=200)
    starts_at = _datetime_field("starts_at")
    ends_at = _datetime_field("ends_at")
    place = forms.CharField(label=_label("place"), max_length=200)
    capacity = forms.IntegerField(label=_label("capacity"), min_value=1, max_value=500, initial=20)

    def __init__(self, *args: Any, session: TrainingSession | None = None, **kwargs: Any) -> None:
        if session is not None:
            kwargs.setdefault("initial", {name: getattr(session, name) for name in SESSION_FIELDS})
        super().__init__(*args, **kwargs)

    def service_fields(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in SESSION_FIELDS}


class RegisterForm(forms.Form):
    volunteer = forms.ModelChoiceField(
        label=_("Volunteer"),
        queryset=None,
        empty_label="—",
        error_messages={"invalid_choice": _("Choose a volunteer from the list.")},
    )

    def __init__(self, *args: Any, volunteers: QuerySet[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["volunteer"].queryset = volunteers


class AttendanceForm(forms.Form):
    volunteer_id = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    status = forms.ChoiceField(choices=AttendanceStatus.choices, widget=forms.HiddenInput)
