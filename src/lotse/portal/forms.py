"""Forms of the public portal: the directory search (GET) and the barrier report (POST)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Language, TargetGroup, Topic
from lotse.core.spam import (  # noqa: F401  (the spam guard moved to core; tests import it here)
    MAX_SECONDS,
    MIN_SECONDS,
    SpamGuardMixin,
    read_token,
    start_token,
)
from lotse.directory import selectors

#: Plain-language names of the ways to reach a service, as the portal says them.
ACCESS_LABELS = {
    "online": _("Online"),
    "walk_in": _("Walk in without an appointment"),
    "appointment": _("With an appointment"),
    "phone": _("By phone"),
}

#: Languages often asked for in counseling besides the installation's own (ISO codes of
#: core.Language); the filter offers these and LOTSE_LANGUAGES, not the whole ISO list.
COMMON_LANGUAGES = ("it", "pl", "ro", "bg", "hr", "sr", "bs", "sq", "el", "pt", "prs", "ps", "kmr")

MAX_QUERY = 200


@dataclass(frozen=True)
class Option:
    """One choice of a filter: its value, its label and the label's language (for `lang`)."""

    value: str
    label: str
    lang: str


def name_and_language(names: dict[str, str], reader: str) -> tuple[str, str]:
    """A term's name for the reader and its language: core.models.pick_translation's order."""
    for code in (reader, "de", "en"):
        if names.get(code):
            return names[code], code
    return "", reader


def _options(terms: list[Any], key: str, reader: str) -> list[Option]:
    options = []
    for term in terms:
        label, lang = name_and_language(term.names, reader)
        options.append(Option(str(getattr(term, key)), label or str(getattr(term, key)), lang))
    return options


class SearchForm(forms.Form):
    """Free text and filters; every field optional, unknown filter values are errors, not 500s."""

    q = forms.CharField(label=_("What are you looking for?"), max_length=MAX_QUERY, required=False)
    topic = forms.ChoiceField(label=_("Topic"), required=False)
    language = forms.ChoiceField(label=_("Language spoken"), required=False)
    district = forms.ChoiceField(label=_("Place or district"), required=False)
    target_group = forms.ChoiceField(label=_("For whom"), required=False)
    access = forms.ChoiceField(label=_("How to get in touch"), required=False)

    def __init__(self, data: Any = None, *, reader: str) -> None:
        super().__init__(data)
        self.reader = reader
        # One query per list; the lists stay the same however many services there are.
        self.topics = {t.slug: t for t in Topic.objects.filter(parent__isnull=True, is_active=True)}
        self.target_groups = {g.slug: g for g in TargetGroup.objects.filter(is_active=True)}
        codes = [code for code, _name in settings.LANGUAGES] + list(COMMON_LANGUAGES)
        languages = Language.objects.filter(code__in=codes, is_active=True)
        self.options = {
            "topic": _options(list(self.topics.values()), "slug", reader),
            "target_group": _options(list(self.target_groups.values()), "slug", reader),
            "language": sorted(
                _options(list(languages), "code", reader), key=lambda o: o.label.casefold()
            ),
            "district": [Option(d, d, "de") for d in _districts()],
            "access": [Option(value, str(label), reader) for value, label in ACCESS_LABELS.items()],
        }
        for name, options in self.options.items():
            self.fields[name].choices = [("", "")] + [(o.value, o.label) for o in options]

    FILTERS = ("topic", "language", "district", "target_group", "access")

    def filter_fields(self) -> list[tuple[forms.BoundField, list[Option]]]:
        """Each filter's field (label, value, errors) with its options (label and language)."""
        return [(self[name], self.options[name]) for name in self.FILTERS]

    def filters(self) -> dict[str, Any]:
        """The valid filters as keyword arguments of the directory selectors."""
        data = self.cleaned_data if self.is_bound else {}
        filters: dict[str, Any] = {}
        if data.get("topic"):
            filters["topic"] = self.topics[data["topic"]]
        if data.get("district"):
            filters["district"] = data["district"]
        if data.get("target_group"):
            filters["target_group"] = self.target_groups[data["target_group"]]
        if data.get("access"):
            filters["access_mode"] = data["access"]
        return filters

    @property
    def query(self) -> str:
        return (self.cleaned_data.get("q") or "") if self.is_bound else ""

    @property
    def spoken_language(self) -> str:
        return (self.cleaned_data.get("language") or "") if self.is_bound else ""

    @property
    def has_criteria(self) -> bool:
        return bool(self.query or self.spoken_language or self.filters())

    @property
    def has_filters(self) -> bool:
        return bool(self.spoken_language or self.filters())


def _districts() -> list[str]:
    """Districts of the places where public services are offered, for the district filter."""
    return list(
        selectors.public_services()
        .filter(locations__district__gt="")
        .values_list("locations__district", flat=True)
        .order_by("locations__district")
        .distinct()
    )


# --- Barrier report -----------------------------------------------------------------------------


class BarrierReportForm(SpamGuardMixin, forms.Form):
    """What page, what barrier, optionally how to answer. Nothing of it is stored."""

    page = forms.CharField(
        label=_("On which page did you meet the barrier?"),
        max_length=300,
        help_text=_("For example the address of the page or its title."),
    )
    barrier = forms.CharField(
        label=_("What is the barrier?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Tell us what did not work for you, and how you use the website if it helps."),
    )
    email = forms.EmailField(
        label=_("Your e-mail address (optional)"),
        required=False,
        help_text=_("Only if you would like an answer. We use it for this answer only."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )


# --- Ask a question -----------------------------------------------------------------------------

#: As long as the question log's column: a question, not a letter.
MAX_QUESTION = 300


class AskForm(forms.Form):
    """One question in any language, and the reader's Welcome Center where there are several."""

    q = forms.CharField(
        label=_("Ask a question"),
        max_length=MAX_QUESTION,
        error_messages={
            "required": _("Please type your question."),
            "max_length": _(
                "Please keep your question shorter: at most %(limit_value)d characters "
                "(it has %(show_value)d)."
            ),
        },
    )
    office = forms.ChoiceField(label=_("Your Welcome Center"), required=False)

    def __init__(self, data: Any = None, *, offices: list[Any], **kwargs: Any) -> None:
        super().__init__(data, **kwargs)
        self.offices = {office.slug: office for office in offices}
        if len(self.offices) > 1:
            self.fields["office"].choices = [("", _("I don't know"))] + [
                (office.slug, office.name) for office in offices
            ]
        else:
            # One Welcome Center answers everything: nothing to choose.
            del self.fields["office"]

    @property
    def chosen_office(self) -> Any:
        """The office the reader chose (valid data only), else None."""
        if not self.is_bound or "office" not in self.fields:
            return None
        slug = self.cleaned_data.get("office") if hasattr(self, "cleaned_data") else ""
        return self.offices.get(slug or "")


class AskFeedbackForm(forms.Form):
    """ "Did this help?": the logged question's random key and the answer, nothing else."""

    key = forms.CharField(max_length=32)
    helped = forms.ChoiceField(choices=[("yes", _("Yes")), ("no", _("No"))])
    #: The office the reader had chosen, only to show its contact on the thank-you page.
    office = forms.SlugField(max_length=60, required=False)
