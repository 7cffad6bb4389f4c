"""Forms of the counseling person pages. They check input; the services decide and save."""

from __future__ import annotations

import datetime as dt
import functools
import zoneinfo
from collections.abc import Iterable
from typing import Any

from django import forms
from django.db.models import Model, QuerySet
from django.forms.models import fields_for_model
from django.http import Http404
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import attach_error  # noqa: F401  (views import it from here)
from lotse.core.models import Country, Language, Office, ResidenceStatus, TargetGroup, User
from lotse.counseling.models import (
    RECOGNITION_STAGE_DATES,
    ConsentForm,
    ConsentPurpose,
    OutcomeKind,
    Person,
    RecognitionCase,
    RecognitionDecision,
    RecognitionStage,
    Relation,
    Whereabouts,
)
from lotse.counseling.services import PERSON_FIELDS

BLANK = ("", "---------")


class ChoiceButtons(forms.RadioSelect):
    """Radio buttons as Bootstrap form-checks inside the field's fieldset."""

    template_name = "counseling/people/_choices_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__({"class": "form-check-input", **(attrs or {})}, choices)


def date_input() -> forms.DateInput:
    return forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def in_office(model: type[Model], office: Office, pk: int) -> Any:
    """One row of the office, or 404: an id of another office is never found."""
    found = model.objects.filter(office=office, pk=pk).first()
    if found is None:
        raise Http404
    return found


# --- Choices ------------------------------------------------------------------------------------


def _sorted_names(terms: Iterable[Any]) -> list[tuple[Any, str]]:
    return sorted(((term.pk, term.name) for term in terms), key=lambda c: c[1].casefold())


def country_choices(keep: Iterable[str | None] = ()) -> list[tuple[str, str]]:
    """Active countries by name in the active language (and those already chosen)."""
    keep = {code for code in keep if code}
    return _sorted_names(c for c in Country.objects.all() if c.is_active or c.pk in keep)


def language_choices(keep: Iterable[str | None] = ()) -> list[tuple[str, str]]:
    keep = {code for code in keep if code}
    return _sorted_names(
        lang for lang in Language.objects.all() if lang.is_active or lang.pk in keep
    )


def term_choices(model: type[Model], keep: int | None = None) -> list[tuple[int, str]]:
    """Target groups and residence-status categories in their curated order."""
    return [
        (term.pk, term.name) for term in model.objects.all() if term.is_active or term.pk == keep
    ]


@functools.cache
def time_zone_choices() -> tuple[tuple[str, str], ...]:
    return (("", "---------"), *((zone, zone) for zone in sorted(zoneinfo.available_timezones())))


# --- The person ---------------------------------------------------------------------------------

COUNTRY_FIELDS = ("nationality", "country_of_origin", "abroad_country")


class PersonForm(forms.Form):
    """The person's facts, grouped as the template shows them: quick to fill in with Tab."""

    FIELDSETS = (
        (_("Person"), ("display_name", "full_name")),
        (_("Contact"), ("email", "phone", "address", "languages", "preferred_language")),
        (
            _("Origin and place"),
            (
                "nationality",
                "country_of_origin",
                "arrival_date",
                "arrival_is_planned",
                "whereabouts",
                "municipality",
                "abroad_country",
                "time_zone",
            ),
        ),
        (
            _("Residence and work"),
            (
                "residence_status",
                "target_group",
                "profession",
                "qualification",
                "recognition_pending",
            ),
        ),
    )

    def __init__(self, *args: Any, person: Person | None = None, **kwargs: Any) -> None:
        if person is not None:
            kwargs.setdefault("initial", self.initial_for(person))
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(Person, fields=[*PERSON_FIELDS, "languages"]))
        self.order_fields([name for _legend, names in self.FIELDSETS for name in names])
        fields = self.fields
        initial = self.initial
        # One query for all countries, shared by the three country selects.
        countries = [
            BLANK,
            *country_choices(str(initial.get(name) or "") for name in COUNTRY_FIELDS),
        ]
        for name in COUNTRY_FIELDS:
            fields[name].queryset = Country.objects.all()
            fields[name].choices = countries
        languages = language_choices(
            [str(initial.get("preferred_language") or ""), *initial.get("languages", [])]
        )
        fields["languages"].queryset = Language.objects.all()
        fields["languages"].choices = languages
        fields["languages"].widget.attrs["size"] = 8
        fields["languages"].help_text = _("Hold Ctrl (or Cmd) to choose several.")
        fields["preferred_language"].queryset = Language.objects.all()
        fields["preferred_language"].choices = [BLANK, *languages]
        fields["target_group"].choices = [
            BLANK,
            *term_choices(TargetGroup, initial.get("target_group")),
        ]
        fields["residence_status"].choices = [
            BLANK,
            *term_choices(ResidenceStatus, initial.get("residence_status")),
        ]
        fields["time_zone"] = forms.ChoiceField(
            label=fields["time_zone"].label,
            help_text=fields["time_zone"].help_text,
            choices=time_zone_choices(),
            required=False,
        )
        fields["arrival_date"].widget = date_input()
        fields["address"].widget.attrs["rows"] = 3
        fields["whereabouts"].widget = ChoiceButtons(choices=Whereabouts.choices)
        fields["whereabouts"].initial = Whereabouts.REGION

    @staticmethod
    def initial_for(person: Person) -> dict[str, Any]:
        initial = {
            name: getattr(person, Person._meta.get_field(name).attname) for name in PERSON_FIELDS
        }
        initial["languages"] = [lang.pk for lang in person.languages.all()]
        return initial

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def person_fields(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {name: data[name] for name in PERSON_FIELDS}

    def languages(self) -> list[Language]:
        return list(self.cleaned_data["languages"])


class PersonCreateForm(PersonForm):
    consent_form = forms.ChoiceField(
        label=_("The person consented to a counseling record"),
        help_text=_("Without this consent no record may be kept: use an anonymous contact."),
        choices=ConsentForm.choices,
        widget=ChoiceButtons,
    )
    #: Shown only after the duplicate check found likely matches.
    confirm_new = forms.BooleanField(
        label=_("This is a different person, create anyway"),
        required=False,
        widget=forms.HiddenInput,
    )

    def fieldsets(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [*super().fieldsets(), (gettext("Consent"), [self["consent_form"]])]


class PersonSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Name, client number, e-mail or phone"), max_length=200, required=False
    )


class MergeFindForm(forms.Form):
    other = forms.CharField(
        label=_("Client number or name of the other record"), max_length=200, required=True
    )


class MergeConfirmForm(forms.Form):
    other_id = forms.IntegerField(widget=forms.HiddenInput)
    confirm = forms.BooleanField(
        label=_("Yes, merge the other record into this one. This cannot be undone."),
        error_messages={"required": _("Tick the box to confirm the merge.")},
    )


def _shown(person: Person, name: str) -> str:
    """A field's value as a reader sees it, for the side-by-side view of a merge."""
    value = getattr(person, name)
    if isinstance(value, bool):
        return gettext("yes") if value else ""
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if name == "whereabouts":
        return person.get_whereabouts_display()
    return "" if value is None else str(value)


def merge_preview(keep: Person, merge: Person) -> list[dict[str, Any]]:
    """Each person field of both records, and whether the merge fills the kept record's gap.

    Mirrors services.person_merge: a blank (or unticked) field of `keep` takes `merge`'s value.
    """
    empty = ("", None, False)
    rows = []
    for name in PERSON_FIELDS:
        attname = Person._meta.get_field(name).attname
        rows.append(
            {
                "label": capfirst(Person._meta.get_field(name).verbose_name),
                "keep": _shown(keep, name),
                "merge": _shown(merge, name),
                "fills": getattr(keep, attname) in empty and getattr(merge, attname) not in empty,
            }
        )
    return rows


# --- Consent, household, outcomes ---------------------------------------------------------------


class ConsentGiveForm(forms.Form):
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ConsentPurpose.choices)
    given_on = forms.DateField(label=_("Given on"), widget=date_input(), initial=timezone.localdate)
    form = forms.ChoiceField(label=_("Form"), choices=ConsentForm.choices, widget=ChoiceButtons)


class ConsentWithdrawForm(forms.Form):
    withdrawn_on = forms.DateField(label=_("Withdrawn on"), widget=date_input(), required=False)


class HouseholdForm(forms.Form):
    relative = forms.CharField(
        label=_("Relative's client number or name"),
        help_text=_(
            "A client number finds the record directly; a name shows the matching people to "
            "choose from."
        ),
        max_length=200,
        required=False,
    )
    #: A hidden field until a name matched several people; then one radio button each.
    relative_id = forms.IntegerField(
        label=_("Choose the relative"), min_value=1, required=False, widget=forms.HiddenInput
    )
    relation = forms.ChoiceField(label=_("This relative is the person's"), choices=Relation.choices)

    def set_candidates(self, candidates: Iterable[Person]) -> None:
        choices = [(p.pk, f"{p.display_name} ({p.client_number})") for p in candidates]
        field = self.fields["relative_id"]
        field.widget = ChoiceButtons(choices=choices)
        field.help_text = _("Several people may be meant: choose one and link again.")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("relative", "").strip() and not data.get("relative_id"):
            self.add_error("relative", _("Enter the relative's client number or name."))
        return data


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label=_("Milestone"), choices=OutcomeKind.choices)
    reached_on = forms.DateField(
        label=_("Reached on"), widget=date_input(), initial=timezone.localdate
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


# --- Recognition --------------------------------------------------------------------------------


class RecognitionForm(forms.Form):
    profession = forms.CharField(label=_("Profession or qualification abroad"), max_length=200)
    country = forms.ModelChoiceField(
        label=_("Country of the qualification"), queryset=Country.objects.all(), required=False
    )
    reference_occupation = forms.CharField(
        label=_("German reference occupation"), max_length=200, required=False
    )
    stage = forms.ChoiceField(label=_("Stage"), choices=RecognitionStage.choices)
    on = forms.DateField(
        label=_("Date of the stage"),
        help_text=_("When the case reached the chosen stage. Stages passed over get this date."),
        widget=date_input(),
        initial=timezone.localdate,
    )
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[BLANK, *RecognitionDecision.choices],
        required=False,
        help_text=_("Only for a decided case."),
    )

    def __init__(self, *args: Any, case: RecognitionCase | None = None, **kwargs: Any) -> None:
        if case is not None:
            kwargs.setdefault(
                "initial",
                {
                    "profession": case.profession,
                    "country": case.country_id,
                    "reference_occupation": case.reference_occupation,
                    "stage": case.stage,
                    "decision": case.decision,
                },
            )
        super().__init__(*args, **kwargs)
        self.fields["country"].choices = [
            BLANK,
            *country_choices([case.country_id if case else None]),
        ]
        if case is not None:
            # A case moves forward only; offer the current stage and the ones after it.
            order = list(RecognitionStage.values)
            self.fields["stage"].choices = RecognitionStage.choices[order.index(case.stage) :]

    def save_kwargs(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "profession": data["profession"].strip(),
            "country": data["country"],
            "reference_occupation": data["reference_occupation"].strip(),
            "stage": data["stage"],
            "on": data["on"],
            "decision": data["decision"],
        }


def recognition_steps(case: RecognitionCase) -> list[dict[str, Any]]:
    """The pipeline's stages in order, each with its date and whether the case got there."""
    order = list(RecognitionStage.values)
    reached = order.index(case.stage)
    return [
        {
            "label": label,
            "on": getattr(case, RECOGNITION_STAGE_DATES[RecognitionStage(value)]),
            "done": index <= reached,
            "current": index == reached,
        }
        for index, (value, label) in enumerate(RecognitionStage.choices)
    ]


# --- Follow-ups ---------------------------------------------------------------------------------


def tomorrow() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=1)


class FollowUpForm(forms.Form):
    title = forms.CharField(label=_("What to do"), max_length=200)
    due_on = forms.DateField(label=_("Due on"), widget=date_input(), initial=tomorrow)
    assigned_to = forms.ModelChoiceField(
        label=_("Assigned to"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args: Any, counselors: QuerySet[User], me: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["assigned_to"].queryset = counselors
        self.fields["assigned_to"].initial = me.pk
