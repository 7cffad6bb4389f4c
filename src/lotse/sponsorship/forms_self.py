"""The volunteers' own form: when they have time, what they offer, how many tandems."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.choices import SLOT_LABELS
from lotse.core.widgets import Checkboxes
from lotse.sponsorship.forms import LanguageRowsMixin
from lotse.sponsorship.models import SLOTS, Offer, Volunteer


class AvailabilityForm(forms.Form):
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
    max_tandems = forms.TypedChoiceField(
        label=_("How many people or families at once?"),
        choices=[(number, str(number)) for number in range(1, 6)],
        coerce=int,
    )

    # The same table of checkboxes as the application form.
    availability_grid = LanguageRowsMixin.availability_grid

    def __init__(self, *args: Any, volunteer: Volunteer, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {
                "availability": volunteer.availability,
                "offers": volunteer.offers,
                "max_tandems": volunteer.max_tandems,
            },
        )
        super().__init__(*args, **kwargs)
