"""Welcome sponsors (WillkommensPaten): volunteers of an office, their application, languages,
availability, what they offer, and the safeguarding steps the coordinators track.

A volunteer's record holds what matching needs and what the coordinators decide; no copy of
a certificate of conduct is ever stored, only the date it was seen and when to see it again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from lotse.core.models import Language, Office

WEEKDAYS = (
    ("mon", _("Monday")),
    ("tue", _("Tuesday")),
    ("wed", _("Wednesday")),
    ("thu", _("Thursday")),
    ("fri", _("Friday")),
    ("sat", _("Saturday")),
    ("sun", _("Sunday")),
)
DAY_PARTS = (
    ("morning", _("morning")),
    ("afternoon", _("afternoon")),
    ("evening", _("evening")),
)
#: Availability slots: "mon-morning" ... "sun-evening".
SLOTS = tuple(f"{day}-{part}" for day, _label in WEEKDAYS for part, _plabel in DAY_PARTS)


class Offer(models.TextChoices):
    AUTHORITIES = "authorities", _("Accompanying to authorities")
    GERMAN_PRACTICE = "german_practice", _("Practising German")
    JOB_SEARCH = "job_search", _("Job search and applications")
    EVERYDAY = "everyday", _("Everyday life")
    HOUSING = "housing", _("Housing search")
    LEISURE = "leisure", _("Leisure and culture")
    CHILDREN_SCHOOL = "children_school", _("Help with children and school")


class Preference(models.TextChoices):
    FAMILY = "family", _("A family")
    SINGLE = "single", _("A single person")
    STUDENT = "student", _("A student")


class VolunteerStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    IN_CONVERSATION = "in_conversation", _("In conversation")
    ACTIVE = "active", _("Active")
    PAUSED = "paused", _("Paused")
    ENDED = "ended", _("Ended")


#: Which status may follow which: a coordinator's decisions, in the order they happen.
STATUS_FLOW = {
    VolunteerStatus.APPLIED: {VolunteerStatus.IN_CONVERSATION, VolunteerStatus.ENDED},
    VolunteerStatus.IN_CONVERSATION: {VolunteerStatus.ACTIVE, VolunteerStatus.ENDED},
    VolunteerStatus.ACTIVE: {VolunteerStatus.PAUSED, VolunteerStatus.ENDED},
    VolunteerStatus.PAUSED: {VolunteerStatus.ACTIVE, VolunteerStatus.ENDED},
    VolunteerStatus.ENDED: {VolunteerStatus.IN_CONVERSATION},
}


@deconstructible
class ChoiceListValidator:
    """A JSON list whose every item is one of `allowed` (availability slots, offers, ...)."""

    def __init__(self, allowed: tuple[str, ...] | list[str]) -> None:
        self.allowed = tuple(allowed)

    def __call__(self, value: object) -> None:
        if not isinstance(value, list) or any(item not in self.allowed for item in value):
            raise ValidationError(_("Choose from the offered values."))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ChoiceListValidator) and other.allowed == self.allowed

    def __hash__(self) -> int:
        return hash(self.allowed)


class Volunteer(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    first_name = models.CharField(_("first name"), max_length=100)
    last_name = models.CharField(_("last name"), max_length=100)
    email = models.EmailField(_("e-mail"))
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    district = models.CharField(_("district or municipality"), max_length=100)
    gender = models.CharField(
        _("gender"),
        max_length=10,
        blank=True,
        choices=[("female", _("female")), ("male", _("male")), ("diverse", _("diverse"))],
        help_text=_("Optional; some newcomers ask for a sponsor of their gender."),
    )
    availability = models.JSONField(
        _("availability"), default=list, validators=[ChoiceListValidator(SLOTS)]
    )
    offers = models.JSONField(
        _("what they offer"), default=list, validators=[ChoiceListValidator(Offer.values)]
    )
    interests = models.CharField(_("interests"), max_length=300, blank=True)
    prefers = models.JSONField(
        _("would like to accompany"),
        default=list,
        blank=True,
        validators=[ChoiceListValidator(Preference.values)],
    )
    max_tandems = models.PositiveSmallIntegerField(
        _("tandems at once"), default=1, validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    interpreter_ok = models.BooleanField(
        _("would work with an interpreter"),
        default=False,
        help_text=_("When there is no shared language."),
    )
    motivation = models.TextField(_("why they volunteer"), blank=True, max_length=3000)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=VolunteerStatus.choices,
        default=VolunteerStatus.APPLIED,
    )
    status_changed_on = models.DateField(_("status since"), default=timezone.localdate)
    applied_at = models.DateTimeField(_("applied"), default=timezone.now)
    consent_given_at = models.DateTimeField(_("consent to the data processing"))
    #: Safeguarding: dates only, never a copy of a document.
    pledge_signed_on = models.DateField(
        _("data-protection pledge signed on"), null=True, blank=True
    )
    certificate_seen_on = models.DateField(
        _("extended certificate of conduct seen on"), null=True, blank=True
    )
    certificate_recheck_on = models.DateField(
        _("certificate to be seen again on"), null=True, blank=True
    )
    coordinator_notes = models.TextField(_("coordinators' notes"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="volunteer",
        verbose_name=_("login"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("volunteer")
        verbose_name_plural = _("volunteers")
        ordering = ["last_name", "first_name", "id"]
        indexes = [models.Index(fields=["office", "status"], name="volunteer_office_status")]

    def __str__(self) -> str:
        return f"{self.first_name} {self.last_name}"

    def clean(self) -> None:
        errors = {}
        if self.certificate_recheck_on and not self.certificate_seen_on:
            errors["certificate_recheck_on"] = _("Record when the certificate was seen first.")
        if (
            self.certificate_seen_on
            and self.certificate_recheck_on
            and self.certificate_recheck_on <= self.certificate_seen_on
        ):
            errors["certificate_recheck_on"] = _("The re-check must come after the date seen.")
        today = timezone.localdate()
        for name in ("pledge_signed_on", "certificate_seen_on"):
            value = getattr(self, name)
            if value and value > today:
                errors[name] = _("This date lies in the future.")
        if errors:
            raise ValidationError(errors)

    def safeguarding_for_children(self, on: object = None) -> bool:
        """The extended certificate was seen and its re-check is not yet due."""
        day = on or timezone.localdate()
        return bool(
            self.certificate_seen_on
            and (self.certificate_recheck_on is None or self.certificate_recheck_on > day)
        )


class VolunteerLanguage(models.Model):
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="languages")
    language = models.ForeignKey(
        Language, on_delete=models.PROTECT, related_name="+", verbose_name=_("language")
    )
    level = models.PositiveSmallIntegerField(
        _("level"),
        choices=[
            (1, _("basic")),
            (2, _("conversational")),
            (3, _("good")),
            (4, _("fluent")),
            (5, _("native")),
        ],
    )

    class Meta:
        verbose_name = _("language of a volunteer")
        verbose_name_plural = _("languages of volunteers")
        constraints = [
            models.UniqueConstraint(
                fields=["volunteer", "language"], name="volunteer_language_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.language_id} ({self.level})"
