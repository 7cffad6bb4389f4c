"""Forms of the pool pages: the filters of the list and the member's record.

Forms check the shape of the input (known languages, roles, slots); the service decides the rest
(an interpreter needs a language, a role is needed) and saves.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from lotse.core.choices import SLOT_LABELS, SLOTS, availability_grid
from lotse.core.forms import (
    attach_error,  # noqa: F401  (views import it from here)
    grouped_language_choices,
)
from lotse.core.models import Language
from lotse.core.widgets import Checkboxes, Radios
from lotse.pool.models import PoolMember, PoolRole, Terms

#: Languages the pool is asked for most: offered first, the rest by name.
COMMON_LANGUAGES = ("ar", "fa", "prs", "uk", "ru", "tr", "ti", "en", "fr", "ku", "ps", "so")


def language_choices(keep: set[str] | frozenset[str] = frozenset()) -> list[Any]:
    """Grouped choices: the languages asked for most first, then all by name (one query).

    Inactive languages appear only when a record has them already (`keep`).
    """
    rows = [
        language
        for language in Language.objects.all()
        if language.is_active or language.code in keep
    ]
    return grouped_language_choices(rows, common=COMMON_LANGUAGES, common_label=_("Asked for most"))


class MemberFilterForm(forms.Form):
    ACTIVE = ""
    INACTIVE = "inactive"
    ALL = "all"

    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    language = forms.ChoiceField(label=_("Language"), required=False)
    role = forms.ChoiceField(
        label=_("Can work as"), required=False, choices=[("", _("Any")), *PoolRole.choices]
    )
    slot = forms.ChoiceField(
        label=_("Available"),
        required=False,
        choices=[("", _("Any time")), *SLOT_LABELS.items()],
    )
    terms = forms.ChoiceField(
        label=_("Terms"), required=False, choices=[("", _("Any")), *Terms.choices]
    )
    active = forms.ChoiceField(
        label=_("Active"),
        required=False,
        choices=[(ACTIVE, _("Active only")), (INACTIVE, _("Inactive only")), (ALL, _("All"))],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("Any")), *language_choices()]

    def selector_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        active = data.get("active") or self.ACTIVE
        return {
            "name": (data.get("q") or "").strip() or None,
            "language": data.get("language") or None,
            "role": data.get("role") or None,
            "slot": data.get("slot") or None,
            "terms": data.get("terms") or None,
            "active": {self.ACTIVE: True, self.INACTIVE: False}.get(active),
        }


class MemberForm(forms.Form):
    """A pool member's record: contact, roles, languages, availability and terms."""

    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    roles = forms.MultipleChoiceField(
        label=_("Can work as"), choices=PoolRole.choices, widget=Checkboxes
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        required=False,
        help_text=_(
            "Hold Ctrl (or Cmd on a Mac) to choose several. For an interpreter: every "
            "language they interpret from or into, German included."
        ),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    availability = forms.MultipleChoiceField(
        label=_("Usually available"), choices=[(slot, slot) for slot in SLOTS], required=False
    )
    terms = forms.ChoiceField(label=_("Terms"), choices=Terms.choices, widget=Radios)
    fee_note = forms.CharField(
        label=_("Fee"),
        max_length=200,
        required=False,
        help_text=_("For example: 45 EUR per hour."),
    )
    notes = forms.CharField(
        label=_("Notes"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    is_active = forms.BooleanField(
        label=_("Active: can be asked for new work"), required=False, initial=True
    )

    FIELDS = ("name", "email", "phone", "roles", "availability", "terms", "fee_note", "notes")

    def __init__(self, *args: Any, member: PoolMember | None = None, **kwargs: Any) -> None:
        keep: set[str] = set()
        if member is not None:
            keep = {language.code for language in member.languages.all()}
            kwargs["initial"] = {
                **{name: getattr(member, name) for name in self.FIELDS},
                "languages": sorted(keep),
                "is_active": member.is_active,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        self.fields["languages"].choices = language_choices(keep)

    def service_fields(self) -> dict[str, Any]:
        """The arguments of services.member_save (without office, by and member)."""
        data = self.cleaned_data
        fields = {name: data[name] for name in self.FIELDS}
        fields["email"] = (data["email"] or "").strip().lower()
        # In the order of the choices, not the order the browser sent them.
        fields["roles"] = [value for value in PoolRole.values if value in data["roles"]]
        fields["availability"] = [slot for slot in SLOTS if slot in data["availability"]]
        return {
            **fields,
            "is_active": data["is_active"],
            "languages": list(Language.objects.filter(code__in=data["languages"])),
        }

    def availability_grid(self) -> dict[str, Any]:
        return availability_grid(self["availability"])  # type: ignore[index]
