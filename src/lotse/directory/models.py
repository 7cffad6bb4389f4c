"""The directory of places to go: organisations, their services and locations, and information
pages, with content in German and translations into the installation's languages.

Directory content is public information shared by every office of the installation (a regional
directory); each entry has an owner office, which keeps it current. Staff-only parts (internal
notes, contact persons) are visible to staff only, never on the portal.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Language, Office, TargetGroup, Topic


class OrganisationKind(models.TextChoices):
    AUTHORITY = "authority", _("Authority")
    COUNSELING_SERVICE = "counseling_service", _("Counseling service")
    CHAMBER = "chamber", _("Chamber")
    EMPLOYMENT_AGENCY = "employment_agency", _("Employment agency or Jobcenter")
    UNIVERSITY = "university", _("University")
    LANGUAGE_COURSE_PROVIDER = "language_course_provider", _("Language course provider")
    WELFARE_PROVIDER = "welfare_provider", _("Welfare provider")
    SPORT_CLUB = "sport_club", _("Sport club")
    CULTURAL_ASSOCIATION = "cultural_association", _("Cultural association")
    MIGRANT_ORGANISATION = "migrant_organisation", _("Migrant self-organisation")
    OTHER = "other", _("Other")


class AccessMode(models.TextChoices):
    APPOINTMENT = "appointment", _("By appointment")
    WALK_IN = "walk_in", _("Walk-in")
    ONLINE = "online", _("Online")
    PHONE = "phone", _("By phone")


class TranslationStatus(models.TextChoices):
    MISSING = "missing", _("missing")
    OUTDATED = "outdated", _("outdated")
    CURRENT = "current", _("current")


class Organisation(models.Model):
    owner_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner office")
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    website = models.URLField(_("website"), blank=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner_office", "name"],
                name="organisation_name_unique_per_office",
                violation_error_message=_("This office already has an organisation of this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name


def validate_opening_hours(value: Any) -> None:
    """A list of {"day": 0-6 (Monday 0), "opens": "HH:MM", "closes": "HH:MM"}."""
    if not isinstance(value, list):
        raise ValidationError(_("Opening hours must be a list."))
    for slot in value:
        try:
            day = int(slot["day"])
            opens = dt.time.fromisoformat(slot["opens"])
            closes = dt.time.fromisoformat(slot["closes"])
        except (KeyError, TypeError, ValueError):
            raise ValidationError(
                _("Each opening time needs a weekday and times like 09:00.")
            ) from None
        if not 0 <= day <= 6:
            raise ValidationError(_("Weekdays run from Monday (0) to Sunday (6)."))
        if closes <= opens:
            raise ValidationError(_("An opening time must close after it opens."))


class Location(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="locations",
        verbose_name=_("organisation"),
    )
    name = models.CharField(_("name of the place"), max_length=200, blank=True)
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100)
    district = models.CharField(
        _("district or municipality"), max_length=100, blank=True, db_index=True
    )
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    opening_hours = models.JSONField(
        _("opening hours"), default=list, blank=True, validators=[validate_opening_hours]
    )
    opening_notes = models.CharField(_("notes on opening hours"), max_length=300, blank=True)
    accessibility_notes = models.TextField(_("accessibility"), blank=True)

    class Meta:
        verbose_name = _("location")
        verbose_name_plural = _("locations")
        ordering = ["city", "street"]

    def __str__(self) -> str:
        parts = [self.name, self.street, f"{self.postal_code} {self.city}".strip()]
        return ", ".join(part for part in parts if part)


class Service(models.Model):
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="services",
        verbose_name=_("organisation"),
    )
    owner_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner office")
    )
    topics = models.ManyToManyField(Topic, related_name="+", verbose_name=_("topics"))
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="+", verbose_name=_("target groups")
    )
    languages = models.ManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("languages spoken")
    )
    access_modes = models.JSONField(_("how to access it"), default=list, blank=True)
    is_free = models.BooleanField(_("free of charge"), default=True)
    locations = models.ManyToManyField(
        Location, blank=True, related_name="services", verbose_name=_("locations")
    )
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    internal_notes = models.TextField(
        _("internal notes"), blank=True, help_text=_("Staff only; never shown on the portal.")
    )
    last_verified = models.DateField(_("last verified"), null=True, blank=True)
    review_interval_days = models.PositiveSmallIntegerField(
        _("review every (days)"), default=365, validators=[MinValueValidator(7)]
    )
    is_archived = models.BooleanField(_("archived"), default=False, db_index=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("service")
        verbose_name_plural = _("services")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        unknown = set(self.access_modes or []) - set(AccessMode.values)
        if not isinstance(self.access_modes, list) or unknown:
            raise ValidationError({"access_modes": _("Unknown way of access.")})

    @property
    def next_review(self) -> dt.date | None:
        if self.last_verified is None:
            return None
        return self.last_verified + dt.timedelta(days=self.review_interval_days)

    @property
    def is_due_for_review(self) -> bool:
        return self.next_review is None or self.next_review <= timezone.localdate()

    # Translations are prefetched as `translations`; these pick the reader's language.
    def translation_for(self, language: str | None = None) -> ServiceTranslation | None:
        return pick_translation_row(self, language)

    @property
    def title(self) -> str:
        row = self.translation_for()
        return row.title if row else f"#{self.pk}"


class ServiceContact(models.Model):
    """A contact person at the partner: personal data, staff only."""

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="contacts", verbose_name=_("service")
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("contact person")
        verbose_name_plural = _("contact persons")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TranslationBase(models.Model):
    """One language of a piece of content. German is the source; others follow its version.

    `version` counts changes of this row's text. A translation records in `source_version` the
    version of the German row it was made from, so it is outdated once German changes again.
    """

    language = models.CharField(_("language"), max_length=8)
    version = models.PositiveIntegerField(_("version"), default=1)
    source_version = models.PositiveIntegerField(_("translated from version"), default=1)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
    )

    #: The text fields a translator fills in; subclasses name theirs.
    TEXT_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.language not in dict(settings.LANGUAGES):
            raise ValidationError({"language": _("This language is not offered here.")})


class ServiceTranslation(TranslationBase):
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="translations", verbose_name=_("service")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    eligibility = models.TextField(_("who can use it"), blank=True)
    cost = models.CharField(_("cost"), max_length=200, blank=True)

    TEXT_FIELDS = ("title", "summary", "description", "eligibility", "cost")

    class Meta:
        verbose_name = _("service text")
        verbose_name_plural = _("service texts")
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"], name="service_translation_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class InfoPage(models.Model):
    """An information page of the portal, e.g. 'Your first weeks in Stuttgart'."""

    owner_office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("owner office")
    )
    slug = models.SlugField(_("web address"), max_length=80, unique=True)
    topics = models.ManyToManyField(Topic, blank=True, related_name="+", verbose_name=_("topics"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_published = models.BooleanField(_("published"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    class Meta:
        verbose_name = _("information page")
        verbose_name_plural = _("information pages")
        ordering = ["position", "slug"]

    def __str__(self) -> str:
        return self.title

    def translation_for(self, language: str | None = None) -> InfoPageTranslation | None:
        return pick_translation_row(self, language)

    @property
    def title(self) -> str:
        row = self.translation_for()
        return row.title if row else self.slug


class InfoPageTranslation(TranslationBase):
    page = models.ForeignKey(
        InfoPage, on_delete=models.CASCADE, related_name="translations", verbose_name=_("page")
    )
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Markdown: **bold**, lists, links."))

    TEXT_FIELDS = ("title", "body")

    class Meta:
        verbose_name = _("page text")
        verbose_name_plural = _("page texts")
        constraints = [
            models.UniqueConstraint(
                fields=["page", "language"], name="infopage_translation_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.language})"


class ServiceSearchEntry(models.Model):
    """The search document of one service in one language (rebuilt when the service changes).

    `text` is the portable form (accents folded, lower case) that SQLite searches; `vector` is the
    PostgreSQL tsvector of the same text, built with that language's text-search configuration.
    """

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="search_entries", verbose_name=_("service")
    )
    language = models.CharField(_("language"), max_length=8)
    text = models.TextField(_("text"))
    vector = SearchVectorField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["service", "language"], name="search_entry_one_per_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.service_id} ({self.language})"


def pick_translation_row(obj: Any, language: str | None = None) -> Any:
    """The row in the reader's language, else German, else English (from prefetched rows)."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    rows = {row.language: row for row in obj.translations.all()}
    for code in (language, "de", "en"):
        if code in rows:
            return rows[code]
    return None


def translation_status(row: TranslationBase | None, source: TranslationBase | None) -> str:
    """missing / outdated / current for a translation against its German source row."""
    if row is None:
        return TranslationStatus.MISSING
    if source is None or row.language == "de":
        return TranslationStatus.CURRENT
    if row.source_version < source.version:
        return TranslationStatus.OUTDATED
    return TranslationStatus.CURRENT


class ExampleQuestion(models.Model):
    """A question newcomers ask that a service or page answers, in any language.

    Staff add them (often from the portal's unanswered questions) so that question routing finds
    the entry for the words people really use. Staff see the list; the portal quotes only the one
    closest to a question as the reason for an answer.
    """

    service = models.ForeignKey(
        Service,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="example_questions",
        verbose_name=_("service"),
    )
    page = models.ForeignKey(
        InfoPage,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="example_questions",
        verbose_name=_("page"),
    )
    text = models.CharField(_("question"), max_length=300)
    #: The language it is written in, if known: the portal quotes examples in the reader's.
    language = models.CharField(_("language"), max_length=8, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("example question")
        verbose_name_plural = _("example questions")
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=False, page__isnull=True)
                | models.Q(service__isnull=True, page__isnull=False),
                name="example_question_of_one_entry",
            )
        ]

    def __str__(self) -> str:
        return self.text


class RoutingVector(models.Model):
    """The embedding of one text that question routing compares questions with.

    Each service and published page has one vector of its own texts (`example` empty) and one per
    example question. Computed in the task queue when the content changes; `text_hash` says which
    text (and model) a vector was made from, so unchanged texts are not embedded again.
    """

    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    page = models.ForeignKey(
        InfoPage, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    example = models.ForeignKey(
        ExampleQuestion, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    text_hash = models.CharField(max_length=64)
    vector = models.BinaryField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=models.Q(service__isnull=False, page__isnull=True)
                | models.Q(service__isnull=True, page__isnull=False),
                name="routing_vector_of_one_entry",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.service_id or self.page_id}/{self.example_id or '-'}"
