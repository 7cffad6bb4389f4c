"""Forms of the counselor's daily work: consultations, anonymous contacts, referrals, letters.

The forms check input; the services decide and save. `record_consultation` is the one place
where the fast entry form calls three services, in one transaction, so a refused referral leaves
no consultation behind.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.forms import attach_error
from lotse.core.models import Country, Language, Office, TargetGroup, Topic, User
from lotse.counseling import services
from lotse.counseling.models import (
    Channel,
    Consultation,
    LetterTemplate,
    Person,
    Referral,
    ReferralStatus,
    Whereabouts,
)
from lotse.directory.forms import language_choices, target_group_choices, topic_choices
from lotse.directory.models import Service
from lotse.directory.selectors import can_see_internal, with_public_relations
from lotse.pool.models import PoolMember
from lotse.pool.selectors import active_interpreters

DATE_WIDGET = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}
DATETIME_FORMAT = "%Y-%m-%dT%H:%M"
#: The statuses a referral may start in: suggested, or handed over on the spot.
INITIAL_REFERRAL_STATUSES = (ReferralStatus.SUGGESTED, ReferralStatus.HANDED_OVER)


def rounded_now() -> dt.datetime:
    """Now in local time, down to the last five minutes: what a counselor would type."""
    now = timezone.localtime()
    return now.replace(minute=now.minute - now.minute % 5, second=0, microsecond=0)


def _chosen(form: forms.Form, name: str) -> list[int]:
    """The ids posted (or given as initial) for a multiple choice, to keep retired terms."""
    if form.is_bound:
        values = form.data.getlist(name) if hasattr(form.data, "getlist") else []
    else:
        values = form.initial.get(name) or []
    ids = []
    for value in values:
        pk = getattr(value, "pk", value)
        if str(pk).isdigit():
            ids.append(int(pk))
    return ids


class TopicsField(forms.ModelMultipleChoiceField):
    """Topics as a plain <select multiple> grouped by parent; the page's script adds type-ahead."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Topics"))
        kwargs.setdefault("error_messages", {"required": _("Choose at least one topic.")})
        super().__init__(
            queryset=Topic.objects.none(),
            widget=forms.SelectMultiple(attrs={"size": 8}),
            **kwargs,
        )

    def prepare(self, keep: Iterable[int]) -> None:
        keep = list(keep)
        self.queryset = Topic.objects.filter(Q(is_active=True) | Q(pk__in=keep))
        self.choices = topic_choices(keep=keep)


def _language_field(label: str, required: bool = False) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label,
        queryset=Language.objects.none(),
        to_field_name="code",
        required=required,
    )


def _prepare_language(field: forms.ModelChoiceField, keep: str | None) -> None:
    field.queryset = Language.objects.filter(Q(is_active=True) | Q(pk=keep or ""))
    choices = language_choices()
    if keep and keep not in {code for code, _name in choices}:
        language = Language.objects.filter(pk=keep).first()
        if language is not None:
            choices.append((language.code, language.name))
    field.choices = [("", "—"), *choices]


def _rename(error: ValidationError, names: dict[str, str | None]) -> ValidationError:
    """A service's field errors under this form's field names (None: a general error)."""
    if not hasattr(error, "error_dict"):
        return error
    renamed: dict[str | None, list[Any]] = {}
    for name, errors in error.error_dict.items():
        target = names.get(name, name)
        renamed.setdefault(target or "__all__", []).extend(errors)
    return ValidationError(renamed)


def service_from(value: str) -> Service | None:
    """The chosen service, archived ones included: the services say why those are refused."""
    value = value.strip()
    if not value:
        return None
    service = None
    if value.isdigit():
        service = with_public_relations(Service.objects.filter(pk=int(value))).first()
    if service is None:
        raise ValidationError(_("This service is not in the directory. Choose another."))
    return service


# --- Consultations ------------------------------------------------------------------------------


class ConsultationForm(forms.Form):
    """The fast entry form: the fields in the order a counselor fills them, with the keyboard."""

    topics = TopicsField()
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON
    )
    started_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )
    duration_minutes = forms.IntegerField(
        label=_("Duration (minutes)"), min_value=1, max_value=600, required=False, initial=30
    )
    language = _language_field(_("Language used"))
    interpreter = forms.BooleanField(label=_("With an interpreter"), required=False)
    interpreted_by = forms.TypedChoiceField(
        label=_("Interpreter from the pool"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Optional. Ticks “With an interpreter” for you."),
    )
    outcome = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    next_steps = forms.CharField(
        label=_("Next steps"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    notes = forms.CharField(
        label=_("Notes (only the counselors of this office read them)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The optional referral: `service` is posted by the radio buttons of the service picker.
    service = forms.CharField(label=_("Refer to a service"), required=False)
    q = forms.CharField(label=_("Search the directory"), required=False, max_length=200)
    reason = forms.CharField(
        label=_("Reason for the referral"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    follow_up_on = forms.DateField(
        label=_("Follow up on"), required=False, widget=forms.DateInput(**DATE_WIDGET)
    )
    # The optional follow-up task.
    task_title = forms.CharField(label=_("Follow-up task"), required=False, max_length=200)
    task_due_on = forms.DateField(
        label=_("Task due on"), required=False, widget=forms.DateInput(**DATE_WIDGET)
    )

    REFERRAL_FIELDS = ("service", "q", "reason", "follow_up_on", "task_title", "task_due_on")
    #: Fields an anonymous contact does not have.
    PERSONAL_FIELDS = ("outcome", "next_steps", "notes")

    def __init__(
        self,
        *args: Any,
        person: Person | None,
        show_notes: bool,
        consultation: Consultation | None = None,
        **kwargs: Any,
    ) -> None:
        self.person = person
        self.consultation = consultation
        if consultation is None:
            kwargs["initial"] = {
                "started_at": rounded_now(),
                "language": (person.preferred_language_id if person else None) or "de",
                "follow_up_on": timezone.localdate()
                + dt.timedelta(days=services.DEFAULT_FOLLOW_UP_DAYS),
                **kwargs.get("initial", {}),
            }
        else:
            kwargs["initial"] = {
                "topics": [topic.pk for topic in consultation.topics.all()],
                "channel": consultation.channel,
                "started_at": consultation.started_at,
                "duration_minutes": consultation.duration_minutes,
                "language": consultation.language_id,
                "interpreter": consultation.interpreter,
                "interpreted_by": consultation.interpreted_by_id,
                "outcome": consultation.outcome,
                "next_steps": consultation.next_steps,
                "notes": consultation.notes,
                **kwargs.get("initial", {}),
            }
        super().__init__(*args, **kwargs)
        if consultation is not None:
            for name in self.REFERRAL_FIELDS:
                del self.fields[name]
        if not show_notes or (consultation is not None and consultation.person_id is None):
            # Who may not read notes does not see (or overwrite) them; anonymous contacts keep
            # statistical facts only.
            del self.fields["notes"]
        if consultation is not None and consultation.person_id is None:
            for name in ("outcome", "next_steps"):
                del self.fields[name]
        self.fields["topics"].prepare(_chosen(self, "topics"))
        _prepare_language(self.fields["language"], consultation.language_id if consultation else "")
        self._prepare_interpreters()

    def _prepare_interpreters(self) -> None:
        """The office's active interpreters (name and languages); an anonymous contact keeps
        statistical facts only, and an office without interpreters sees no empty list."""
        consultation = self.consultation
        if self.person is None or (consultation is not None and consultation.person_id is None):
            del self.fields["interpreted_by"]
            return
        members = active_interpreters(office=self.person.office_id)
        current = consultation.interpreted_by if consultation is not None else None
        if current is not None and current.pk not in {m.pk for m in members}:
            members.append(current)  # no longer active: kept, so saving changes nothing
        if not members:
            del self.fields["interpreted_by"]
            return
        self.interpreters = {member.pk: member for member in members}
        self.fields["interpreted_by"].choices = [
            ("", "—"),
            *((member.pk, _interpreter_label(member)) for member in members),
        ]

    @property
    def with_referral(self) -> bool:
        return "service" in self.fields

    def clean_service(self) -> Service | None:
        return service_from(self.cleaned_data.get("service") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if self.with_referral:
            if data.get("task_title", "").strip() and not data.get("task_due_on"):
                self.add_error("task_due_on", _("Give the task a due date."))
            if data.get("task_due_on") and not data.get("task_title", "").strip():
                self.add_error("task_title", _("Say what is to be done."))
        return data

    def consultation_kwargs(self) -> dict[str, Any]:
        """The arguments of services.consultation_record / consultation_update."""
        data = self.cleaned_data
        names = ["started_at", "channel", "duration_minutes", "language", "interpreter"]
        names += [name for name in self.PERSONAL_FIELDS if name in self.fields]
        kwargs = {"topics": list(data["topics"]), **{name: data[name] for name in names}}
        if "interpreted_by" in self.fields:
            chosen = data.get("interpreted_by")
            kwargs["interpreted_by"] = self.interpreters[chosen] if chosen else None
        return kwargs


def _interpreter_label(member: PoolMember) -> str:
    """Name and languages, e.g. Samira Haddad (Arabic, German), from the prefetch."""
    if not member.is_active:
        return str(_("%(name)s (no longer active)") % {"name": member.name})
    languages = ", ".join(language.name for language in member.languages.all())
    return f"{member.name} ({languages})" if languages else member.name


def record_consultation(
    form: ConsultationForm, *, office: Office, by: User, person: Person
) -> tuple[Consultation, Referral | None] | None:
    """Save the consultation, its referral and the follow-up task all together, or nothing.

    Returns None when a service refused; its message is then on the form.
    """
    data = form.cleaned_data
    kwargs = form.consultation_kwargs()

    def step(call: Callable[..., Any], names: dict[str, str | None], **arguments: Any) -> Any:
        try:
            return call(office=office, by=by, **arguments)
        except ValidationError as error:
            raise _rename(error, names) from error

    try:
        with transaction.atomic():
            consultation = step(services.consultation_record, {}, person=person, **kwargs)
            referral = None
            if data.get("service") is not None:
                referral = step(
                    services.referral_create,
                    {"topic": None, "status": None},
                    person=person,
                    service=data["service"],
                    topic=kwargs["topics"][0],
                    reason=data.get("reason", "").strip(),
                    follow_up_on=data.get("follow_up_on"),
                    consultation=consultation,
                )
            if data.get("task_title", "").strip():
                step(
                    services.follow_up_create,
                    {"title": "task_title", "due_on": "task_due_on", "assigned_to": None},
                    person=person,
                    title=data["task_title"],
                    due_on=data["task_due_on"],
                    referral=referral,
                )
    except ValidationError as error:
        attach_error(form, error)
        return None
    return consultation, referral


# --- Anonymous contacts -------------------------------------------------------------------------


def country_choices() -> list[tuple[str, str]]:
    countries = Country.objects.filter(is_active=True)
    return sorted(((c.code, c.name) for c in countries), key=lambda c: c[1].casefold())


class AnonymousContactForm(forms.Form):
    """The walk-in's three facts first; the rest is prefilled and rarely changes."""

    country_of_origin = forms.ModelChoiceField(
        label=_("Country of origin"), queryset=Country.objects.none(), required=False
    )
    target_group = forms.ModelChoiceField(
        label=_("Target group"), queryset=TargetGroup.objects.none(), required=False
    )
    topics = TopicsField()
    channel = forms.ChoiceField(
        label=_("Channel"), choices=Channel.choices, initial=Channel.IN_PERSON
    )
    language = _language_field(_("Language used"))
    whereabouts = forms.ChoiceField(
        label=_("Lives"), choices=Whereabouts.choices, initial=Whereabouts.REGION
    )
    started_at = forms.DateTimeField(
        label=_("Date and time"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT),
        input_formats=[DATETIME_FORMAT, "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S"],
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initial"] = {"started_at": rounded_now(), "language": "de"}
        super().__init__(*args, **kwargs)
        self.fields["country_of_origin"].queryset = Country.objects.filter(is_active=True)
        self.fields["country_of_origin"].choices = [("", _("— not known —")), *country_choices()]
        self.fields["target_group"].queryset = TargetGroup.objects.filter(is_active=True)
        self.fields["target_group"].choices = [("", _("— not known —")), *target_group_choices()]
        self.fields["topics"].prepare(_chosen(self, "topics"))
        _prepare_language(self.fields["language"], "")

    def contact_kwargs(self) -> dict[str, Any]:
        """The arguments of services.anonymous_contact_record."""
        data = self.cleaned_data
        names = ("country_of_origin", "target_group", "channel", "language", "whereabouts")
        return {
            "topics": list(data["topics"]),
            "started_at": data["started_at"],
            **{name: data[name] for name in names},
        }


# --- Referrals ----------------------------------------------------------------------------------


class ReferralForm(forms.Form):
    topics = TopicsField(
        label=_("Topics (for suggestions)"),
        required=False,
        help_text=_("Choose topics to see the services that fit."),
    )
    service = forms.CharField(
        label=_("Service"),
        error_messages={"required": _("Choose a service from the suggestions or the search.")},
    )
    q = forms.CharField(label=_("Search the directory"), required=False, max_length=200)
    topic = forms.ModelChoiceField(
        label=_("Topic of the referral"),
        queryset=Topic.objects.none(),
        required=False,
        help_text=_("Leave empty to take the first topic chosen above."),
    )
    reason = forms.CharField(
        label=_("Reason for the referral"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[(status.value, status.label) for status in INITIAL_REFERRAL_STATUSES],
        initial=ReferralStatus.SUGGESTED,
    )
    follow_up_on = forms.DateField(
        label=_("Follow up on"), required=False, widget=forms.DateInput(**DATE_WIDGET)
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["initial"] = {
            "follow_up_on": timezone.localdate()
            + dt.timedelta(days=services.DEFAULT_FOLLOW_UP_DAYS),
            **kwargs.get("initial", {}),
        }
        super().__init__(*args, **kwargs)
        self.fields["topics"].prepare(_chosen(self, "topics"))
        topic_field = self.fields["topic"]
        keep = [int(v) for v in [self.data.get("topic", "")] if str(v).isdigit()]
        topic_field.queryset = Topic.objects.filter(Q(is_active=True) | Q(pk__in=keep))
        topic_field.choices = [("", "—"), *topic_choices(keep=keep)]

    def clean_service(self) -> Service | None:
        return service_from(self.cleaned_data.get("service") or "")

    def referral_kwargs(self) -> dict[str, Any]:
        """The arguments of services.referral_create."""
        data = self.cleaned_data
        topics = list(data["topics"])
        return {
            "service": data["service"],
            "topic": data["topic"] or (topics[0] if topics else None),
            "reason": data["reason"].strip(),
            "status": data["status"],
            "follow_up_on": data["follow_up_on"],
        }


class ReferralFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False)
    overdue = forms.BooleanField(label=_("Only those past their follow-up date"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = [("", _("All statuses")), *ReferralStatus.choices]


class ReferralStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=ReferralStatus.choices)
    on = forms.DateField(label=_("Reached on"), widget=forms.DateInput(**DATE_WIDGET))
    follow_up_on = forms.DateField(
        label=_("Next follow-up"), required=False, widget=forms.DateInput(**DATE_WIDGET)
    )

    def __init__(self, *args: Any, referral: Referral, **kwargs: Any) -> None:
        kwargs["initial"] = {
            "status": referral.status,
            "on": timezone.localdate(),
            "follow_up_on": referral.follow_up_on,
        }
        super().__init__(*args, **kwargs)


# --- Handover letters ---------------------------------------------------------------------------


class LetterForm(forms.Form):
    recipient = forms.EmailField(
        label=_("Send to (e-mail of the partner)"),
        help_text=_("The service's contact address is filled in where the directory has one."),
    )


def default_recipient(*, service: Service, user: User, office: Office) -> str:
    """The service's public address, else its contact person's (for the owner office only)."""
    if service.email:
        return service.email
    # Contact persons are personal data the owner office keeps to itself.
    if not can_see_internal(user=user, office=office, owner_office_id=service.owner_office_id):
        return ""
    emails = service.contacts.exclude(email="").order_by("name").values_list("email", flat=True)
    return emails.first() or ""


class LetterTemplateForm(forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    body = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 18}))


def letter_template_rows(office: Office, defaults: Iterable[str]) -> list[dict[str, Any]]:
    """Each configured language: whether the office words the letter itself or uses Lotse's."""
    own = set(LetterTemplate.objects.filter(office=office).values_list("language", flat=True))
    defaults = set(defaults)
    return [
        {"code": code, "name": name, "own": code in own, "has_default": code in defaults}
        for code, name in settings.LANGUAGES
    ]


def letter_template_of(office: Office, language: str) -> LetterTemplate | None:
    return LetterTemplate.objects.filter(office=office, language=language).first()
