"""Forms of the directory's staff pages. They check input; the services decide and save."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.models import fields_for_model
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import attach_error  # noqa: F401  (views import it from here)
from lotse.core.models import Language, TargetGroup, Topic
from lotse.directory.models import (
    AccessMode,
    InfoPage,
    Location,
    Organisation,
    OrganisationKind,
    Service,
    TranslationBase,
)

WEEKDAYS = [
    (0, _("Monday")),
    (1, _("Tuesday")),
    (2, _("Wednesday")),
    (3, _("Thursday")),
    (4, _("Friday")),
    (5, _("Saturday")),
    (6, _("Sunday")),
]
SERVICE_TEXT_FIELDS = ("title", "summary", "description", "eligibility", "cost")


def opening_hours_rows(value: Any) -> list[dict[str, Any]]:
    """The stored opening hours as rows to show, Monday first."""
    names = dict(WEEKDAYS)
    rows = []
    for slot in value if isinstance(value, list) else []:
        try:
            day = int(slot["day"])
        except (KeyError, TypeError, ValueError):
            continue
        rows.append({"day": day, "weekday": names.get(day, "?"), **slot})
    return sorted(rows, key=lambda row: (row["day"], str(row.get("opens", ""))))


class CheckboxGroups(forms.CheckboxSelectMultiple):
    """Checkboxes in fieldsets per group (topics under their parent, places per organisation)."""

    template_name = "directory/widgets/checkboxes.html"

    def __init__(self, attrs: dict[str, Any] | None = None, choices: Any = ()) -> None:
        super().__init__({"class": "form-check-input", **(attrs or {})}, choices)


def topic_choices(keep: Iterable[int] = ()) -> list[tuple[str, list[tuple[int, str]]]]:
    """Active topics grouped under their parent (and those already chosen, even if retired)."""
    keep = set(keep)
    topics = [
        topic
        for topic in Topic.objects.select_related("parent").order_by("position", "slug")
        if topic.is_active or topic.pk in keep
    ]
    children: dict[int, list[Topic]] = defaultdict(list)
    for topic in topics:
        if topic.parent_id:
            children[topic.parent_id].append(topic)
    groups = []
    for parent in (topic for topic in topics if topic.parent_id is None):
        options = [(parent.pk, _("%(topic)s (in general)") % {"topic": parent.name})]
        options += [(child.pk, child.name) for child in children[parent.pk]]
        groups.append((parent.name, options))
    return groups


def language_choices() -> list[tuple[str, str]]:
    languages = Language.objects.filter(is_active=True)
    return sorted(((lang.code, lang.name) for lang in languages), key=lambda c: c[1].casefold())


def target_group_choices() -> list[tuple[int, str]]:
    return [(group.pk, group.name) for group in TargetGroup.objects.filter(is_active=True)]


# --- The service list's filters -----------------------------------------------------------------


class ServiceFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
    topic = forms.ModelChoiceField(label=_("Topic"), queryset=Topic.objects.all(), required=False)
    kind = forms.ChoiceField(label=_("Kind of organisation"), required=False)
    language = forms.ModelChoiceField(
        label=_("Language spoken"),
        queryset=Language.objects.all(),
        to_field_name="code",
        required=False,
    )
    district = forms.CharField(label=_("District or city"), max_length=100, required=False)
    target_group = forms.ModelChoiceField(
        label=_("Target group"), queryset=TargetGroup.objects.all(), required=False
    )
    due = forms.BooleanField(label=_("Due for review (our entries)"), required=False)
    archived = forms.BooleanField(label=_("Include archived"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["topic"].choices = [("", _("All topics")), *topic_choices()]
        self.fields["kind"].choices = [("", _("All kinds")), *OrganisationKind.choices]
        self.fields["language"].choices = [("", _("All languages")), *language_choices()]
        self.fields["target_group"].choices = [
            ("", _("All target groups")),
            *target_group_choices(),
        ]

    def selector_kwargs(self) -> dict[str, Any]:
        """The arguments of selectors.service_list_for_staff."""
        data = self.cleaned_data
        return {
            "query": data["q"].strip(),
            "topic": data["topic"],
            "kind": data["kind"],
            "spoken_language": data["language"].code if data["language"] else "",
            "district": data["district"].strip(),
            "target_group": data["target_group"],
            "due_for_review": data["due"],
            "include_archived": data["archived"],
        }


# --- Services -----------------------------------------------------------------------------------


class ServiceForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation"), queryset=Organisation.objects.none()
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=300,
        required=False,
        help_text=_("One sentence for lists and search results."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    eligibility = forms.CharField(
        label=_("Who can use it"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    cost = forms.CharField(label=_("Cost"), max_length=200, required=False)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.all(),
        widget=CheckboxGroups,
        error_messages={"required": _("Choose at least one topic.")},
    )
    target_groups = forms.ModelMultipleChoiceField(
        label=_("Target groups"),
        queryset=TargetGroup.objects.all(),
        required=False,
        widget=CheckboxGroups,
    )
    languages = forms.ModelMultipleChoiceField(
        label=_("Languages spoken"),
        queryset=Language.objects.all(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Hold Ctrl (Cmd on a Mac) to choose several."),
    )
    access_modes = forms.MultipleChoiceField(
        label=_("How to access it"),
        choices=AccessMode.choices,
        required=False,
        widget=CheckboxGroups,
    )
    is_free = forms.BooleanField(label=_("Free of charge"), required=False, initial=True)
    locations = forms.ModelMultipleChoiceField(
        label=_("Places"),
        queryset=Location.objects.none(),
        required=False,
        widget=CheckboxGroups,
        help_text=_("Choose places of the organisation chosen above."),
    )
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    internal_notes = forms.CharField(
        label=_("Internal notes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Staff of this office only; never shown on the portal."),
    )
    review_interval_days = forms.IntegerField(
        label=_("Review every (days)"), min_value=7, max_value=3650, initial=365
    )

    def __init__(
        self,
        *args: Any,
        organisations: QuerySet[Organisation],
        locations: QuerySet[Location],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["locations"].queryset = locations
        chosen_topics = [int(pk) for pk in self._chosen("topics") if str(pk).isdigit()]
        self.fields["topics"].choices = topic_choices(keep=chosen_topics)
        self.fields["target_groups"].choices = target_group_choices()
        self.fields["languages"].choices = language_choices()
        by_organisation: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for location in locations:
            by_organisation[location.organisation.name].append((location.pk, str(location)))
        self.fields["locations"].choices = list(by_organisation.items())
        for name in SERVICE_TEXT_FIELDS:
            self.fields[name].widget.attrs["lang"] = "de"

    def _chosen(self, name: str) -> list[Any]:
        if self.is_bound:
            return self.data.getlist(name) if hasattr(self.data, "getlist") else []
        return list(self.initial.get(name, []))

    @staticmethod
    def initial_for(service: Service) -> dict[str, Any]:
        german = service.translation_for("de")
        texts = {name: getattr(german, name, "") for name in SERVICE_TEXT_FIELDS}
        return {
            **texts,
            "organisation": service.organisation_id,
            "topics": [topic.pk for topic in service.topics.all()],
            "target_groups": [group.pk for group in service.target_groups.all()],
            "languages": [language.pk for language in service.languages.all()],
            "locations": [location.pk for location in service.locations.all()],
            "access_modes": list(service.access_modes or []),
            "is_free": service.is_free,
            "phone": service.phone,
            "email": service.email,
            "website": service.website,
            "internal_notes": service.internal_notes,
            "review_interval_days": service.review_interval_days,
        }

    def service_kwargs(self) -> dict[str, Any]:
        """The arguments of services.service_save."""
        data = dict(self.cleaned_data)
        german = {name: data.pop(name) for name in SERVICE_TEXT_FIELDS}
        return {"german": german, **data}


class ContactForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    role = forms.CharField(label=_("Role"), max_length=200, required=False)
    phone = forms.CharField(label=_("Phone"), max_length=50, required=False)
    email = forms.EmailField(label=_("E-mail"), required=False)


ContactFormSet = forms.formset_factory(
    ContactForm, extra=2, can_delete=True, max_num=50, validate_max=True
)


def contacts_of(formset: forms.BaseFormSet) -> list[dict[str, str]]:
    """The contact persons a valid formset describes, without rows left empty or deleted."""
    return [
        {name: form.cleaned_data[name] for name in ("name", "role", "phone", "email")}
        for form in formset.forms
        if form.cleaned_data and not form.cleaned_data.get("DELETE")
    ]


# --- Translations -------------------------------------------------------------------------------


class TranslationForm(forms.Form):
    """The text fields of one language of a service or page, marked with that language."""

    def __init__(
        self, *args: Any, model: type[TranslationBase], language: str, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields.update(fields_for_model(model, fields=model.TEXT_FIELDS))
        direction = "rtl" if get_language_info(language)["bidi"] else "ltr"
        for field in self.fields.values():
            field.widget.attrs.update({"lang": language, "dir": direction})
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 5)

    def texts(self) -> dict[str, str]:
        return {name: self.cleaned_data[name] for name in self.fields}


# --- Organisations and places -------------------------------------------------------------------


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganisationKind.choices)
    website = forms.URLField(label=_("Website"), required=False, assume_scheme="https")
    is_archived = forms.BooleanField(
        label=_("Archived"),
        required=False,
        help_text=_("Archived organisations are not offered for new services."),
    )

    @staticmethod
    def initial_for(organisation: Organisation) -> dict[str, Any]:
        return {name: getattr(organisation, name) for name in OrganisationForm.base_fields}


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Name of the place"), max_length=200, required=False)
    street = forms.CharField(label=_("Street and number"), max_length=200, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=10, required=False)
    city = forms.CharField(label=_("City"), max_length=100)
    district = forms.CharField(label=_("District or municipality"), max_length=100, required=False)
    latitude = forms.DecimalField(
        label=_("Latitude"),
        max_digits=9,
        decimal_places=6,
        min_value=-90,
        max_value=90,
        required=False,
    )
    longitude = forms.DecimalField(
        label=_("Longitude"),
        max_digits=9,
        decimal_places=6,
        min_value=-180,
        max_value=180,
        required=False,
    )
    opening_notes = forms.CharField(
        label=_("Notes on opening hours"),
        max_length=300,
        required=False,
        help_text=_("For example: closed in August; appointments also on Saturdays."),
    )
    accessibility_notes = forms.CharField(
        label=_("Accessibility"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Step-free access, lift, accessible toilet, hearing loop …"),
    )

    @staticmethod
    def initial_for(location: Location) -> dict[str, Any]:
        return {name: getattr(location, name) for name in LocationForm.base_fields}


class OpeningSlotForm(forms.Form):
    """One row of the opening hours: a weekday, from, until. A row left empty is dropped."""

    day = forms.TypedChoiceField(
        label=_("Weekday"),
        choices=[("", "–"), *WEEKDAYS],
        coerce=int,
        empty_value=None,
        required=False,
    )
    opens = forms.TimeField(
        label=_("Opens"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )
    closes = forms.TimeField(
        label=_("Closes"),
        required=False,
        widget=forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        values = [data.get(name) for name in ("day", "opens", "closes")]
        if any(value is not None for value in values) and None in values:
            raise ValidationError(_("Fill in the weekday and both times, or leave the row empty."))
        return data

    def slot(self) -> dict[str, Any] | None:
        data = self.cleaned_data
        if not data or data.get("day") is None:
            return None
        opens: dt.time = data["opens"]
        closes: dt.time = data["closes"]
        return {"day": data["day"], "opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"}


OpeningHoursFormSet = forms.formset_factory(OpeningSlotForm, extra=2, max_num=21, validate_max=True)


def opening_hours_of(formset: forms.BaseFormSet) -> list[dict[str, Any]]:
    slots = [form.slot() for form in formset.forms]
    return sorted((slot for slot in slots if slot), key=lambda s: (s["day"], s["opens"]))


def opening_hours_initial(location: Location | None) -> list[dict[str, Any]]:
    if location is None:
        return []
    return [
        {"day": row["day"], "opens": row.get("opens"), "closes": row.get("closes")}
        for row in opening_hours_rows(location.opening_hours)
    ]


# --- Information pages --------------------------------------------------------------------------


class InfoPageForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Text"),
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=_("Markdown: **bold**, lists, links."),
    )
    slug = forms.SlugField(
        label=_("Address"),
        max_length=80,
        help_text=_("The last part of the page's web address: letters, digits and hyphens."),
    )
    position = forms.IntegerField(
        label=_("Position"),
        min_value=0,
        max_value=32767,
        initial=0,
        help_text=_("Pages with a lower number come first."),
    )
    is_published = forms.BooleanField(label=_("Published on the portal"), required=False)
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"), queryset=Topic.objects.all(), required=False, widget=CheckboxGroups
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        keep = self.initial.get("topics", [])
        self.fields["topics"].choices = topic_choices(keep=keep)
        for name in ("title", "body"):
            self.fields[name].widget.attrs["lang"] = "de"

    @staticmethod
    def initial_for(page: InfoPage) -> dict[str, Any]:
        german = page.translation_for("de")
        return {
            "title": getattr(german, "title", ""),
            "body": getattr(german, "body", ""),
            "slug": page.slug,
            "position": page.position,
            "is_published": page.is_published,
            "topics": [topic.pk for topic in page.topics.all()],
        }

    def page_kwargs(self) -> dict[str, Any]:
        """The arguments of services.info_page_save."""
        data = dict(self.cleaned_data)
        german = {"title": data.pop("title"), "body": data.pop("body")}
        return {"german": german, **data}


# --- Example questions --------------------------------------------------------------------------


class ExampleQuestionForm(forms.Form):
    """One question as newcomers ask it; the language is optional (routing reads any)."""

    text = forms.CharField(
        label=_("Question"),
        max_length=300,
        error_messages={"required": _("Write the question.")},
        # The question may be in any script: the browser picks the direction from its text.
        widget=forms.TextInput(attrs={"dir": "auto", "autocomplete": "off"}),
    )
    language = forms.ChoiceField(
        label=_("Language of the question"),
        required=False,
        help_text=_("Optional. The portal quotes an example to readers of its language."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [("", _("not given")), *settings.LANGUAGES]
