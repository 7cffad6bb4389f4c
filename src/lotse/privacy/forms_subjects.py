"""Forms for the data subject's rights: restriction and erasure."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.counseling.models import RestrictionGround


class RestrictForm(forms.Form):
    action = forms.ChoiceField(choices=[("restrict", "restrict"), ("lift", "lift")])
    ground = forms.ChoiceField(
        label=_("Ground"), choices=[("", ""), *RestrictionGround.choices], required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("action") == "restrict" and not data.get("ground"):
            self.add_error("ground", _("Choose the ground for the restriction."))
        return data


class ErasureRequestForm(forms.Form):
    """The date of the request and a conscious yes: the erasure cannot be undone."""

    requested_on = forms.DateField(
        label=_("Requested on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When the person asked for the erasure."),
    )
    confirm = forms.BooleanField(
        label=_("I understand that the erasure cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the erasure.")},
    )

    def clean_requested_on(self) -> Any:
        value = self.cleaned_data["requested_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of the request cannot lie in the future."))
        return value


class EraseForm(forms.Form):
    """A second look before an erasure that cannot be undone: type the client number."""

    requested_on = forms.DateField(
        label=_("Requested on"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=_("When the person asked for the erasure."),
    )
    client_number = forms.CharField(
        label=_("Client number, to confirm"),
        max_length=20,
        help_text=_("Type the client number shown above. The erasure cannot be undone."),
    )

    def __init__(self, *args: Any, expected_number: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.expected_number = expected_number

    def clean_requested_on(self) -> Any:
        value = self.cleaned_data["requested_on"]
        if value > timezone.localdate():
            raise forms.ValidationError(_("The date of the request cannot lie in the future."))
        return value

    def clean_client_number(self) -> str:
        value = self.cleaned_data["client_number"].strip()
        if value.upper() != self.expected_number.upper():
            raise forms.ValidationError(_("This is not the client number of this person."))
        return value
