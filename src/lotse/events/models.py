"""Programs and events: a Welcome Club, Information Nights, dialogue evenings, workshop series.

A program groups events; a workshop series numbers its events as modules and lets people book
the whole series. Registrations come from the portal, from staff, or at the door. Capacity is
counted under a row lock on the event (see `services.register`), so simultaneous registrations
never overbook; whoever does not fit waits and moves up in order when a place frees.

Titles and descriptions are translated like directory content (German is the source). A
registration keeps the target group and country of origin a participant chose to give, for the
statistics; the name and contact go when the retention rules say so.
"""

from __future__ import annotations

import datetime as dt
import uuid
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from lotse.core.models import Country, Language, Office, TargetGroup
from lotse.directory.models import Location, Organisation, TranslationBase, pick_translation_row
from lotse.pool.models import PoolMember, PoolRole


def validate_time_zone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a time zone such as Europe/Berlin."))


class ProgramKind(models.TextChoices):
    CLUB = "club", _("Club or regular meeting")
    INFO_NIGHT = "info_night", _("Information night")
    CULTURAL = "cultural", _("Cultural event")
    DIALOGUE = "dialogue", _("Moderated dialogue")
    WORKSHOP_SERIES = "workshop_series", _("Workshop series")
    OTHER = "other", _("Other")


class Program(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    slug = models.SlugField(
        _("web address"),
        max_length=80,
        unique=True,
        help_text=_("Used in the calendar feed's address, e.g. welcome-club."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ProgramKind.choices)
    is_series = models.BooleanField(
        _("workshop series"),
        default=False,
        help_text=_("Events are numbered modules; people can book the whole series."),
    )
    certificate_min_modules = models.PositiveSmallIntegerField(
        _("modules needed for a certificate"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty: every module of the series."),
    )
    is_public = models.BooleanField(_("shown on the portal"), default=True)
    is_archived = models.BooleanField(_("archived"), default=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("program")
        verbose_name_plural = _("programs")
        ordering = ["slug"]

    def __str__(self) -> str:
        return self.title

    def translation_for(self, language: str | None = None) -> ProgramTranslation | None:
        return pick_translation_row(self, language)

    @property
    def title(self) -> str:
        row = self.translation_for()
        return row.title if row else self.slug


class ProgramTranslation(TranslationBase):
    program = models.ForeignKey(
        Program, on_delete=models.CASCADE, related_name="translations", verbose_name=_("program")
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    TEXT_FIELDS = ("title", "description")

    class Meta:
        verbose_name = _("program text")
        verbose_name_plural = _("program texts")
        constraints = [
            models.UniqueConstraint(
                fields=["program", "language"], name="program_translation_one_per_language"
            )
        ]


class EventStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    CANCELLED = "cancelled", _("Cancelled")


class Event(models.Model):
    program = models.ForeignKey(
        Program, on_delete=models.PROTECT, related_name="events", verbose_name=_("program")
    )
    #: The organiser office (the program's office; kept here so every query scopes by it).
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("organiser office")
    )
    module_number = models.PositiveSmallIntegerField(
        _("module number"), null=True, blank=True, validators=[MinValueValidator(1)]
    )
    starts_at = models.DateTimeField(_("starts"), db_index=True)
    ends_at = models.DateTimeField(_("ends"))
    time_zone = models.CharField(
        _("time zone"), max_length=64, default="Europe/Berlin", validators=[validate_time_zone]
    )
    location = models.ForeignKey(
        Location,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("place from the directory"),
    )
    address = models.CharField(
        _("other address"),
        max_length=300,
        blank=True,
        help_text=_("When the place is not in the directory."),
    )
    online_url = models.URLField(_("online link"), blank=True)
    language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("held in"),
    )
    interpretation = models.ManyToManyField(
        Language,
        blank=True,
        related_name="+",
        verbose_name=_("interpreted into"),
        help_text=_("Languages announced with an interpreter."),
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="+", verbose_name=_("target groups")
    )
    partners = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("partner organisations"),
        help_text=_("For example the organisation that leads this module."),
    )
    capacity = models.PositiveIntegerField(
        _("places"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100_000)],
        help_text=_("Empty: no limit."),
    )
    waiting_list = models.BooleanField(
        _("waiting list"), default=True, help_text=_("When full, people can join a waiting list.")
    )
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(
        _("registration closes"), null=True, blank=True, help_text=_("Empty: when it starts.")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=EventStatus.choices, default=EventStatus.DRAFT
    )
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancellation_note = models.TextField(_("why it is cancelled"), blank=True, max_length=2000)
    copied_from = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    #: The start the scheduled reminder was queued for; a moved event queues a new one.
    reminder_scheduled_for = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="event_ends_after_start"
            ),
            models.UniqueConstraint(
                fields=["program", "module_number"],
                condition=Q(module_number__isnull=False) & ~Q(status="cancelled"),
                name="event_module_number_unique_per_program",
                violation_error_message=_("This series has a module with this number already."),
            ),
        ]
        indexes = [models.Index(fields=["office", "starts_at"], name="event_office_start")]

    def __str__(self) -> str:
        return self.title

    def translation_for(self, language: str | None = None) -> EventTranslation | None:
        return pick_translation_row(self, language)

    @property
    def title(self) -> str:
        row = self.translation_for()
        return row.title if row else str(_("Event"))

    @property
    def tz(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self) -> dt.datetime:
        """The start in the event's own time zone."""
        return self.starts_at.astimezone(self.tz)

    @property
    def local_end(self) -> dt.datetime:
        return self.ends_at.astimezone(self.tz)

    @property
    def is_cancelled(self) -> bool:
        return self.status == EventStatus.CANCELLED

    def registration_open(self, now: dt.datetime | None = None) -> bool:
        """Whether the public may register now (published, window open, not yet started)."""
        now = now or timezone.now()
        if self.status != EventStatus.PUBLISHED:
            return False
        if self.registration_opens_at and now < self.registration_opens_at:
            return False
        closes = self.registration_closes_at or self.starts_at
        return now < closes


class EventTranslation(TranslationBase):
    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="translations", verbose_name=_("event")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    cost = models.CharField(_("cost"), max_length=200, blank=True, help_text=_("Empty: free."))

    TEXT_FIELDS = ("title", "summary", "description", "cost")

    class Meta:
        verbose_name = _("event text")
        verbose_name_plural = _("event texts")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "language"], name="event_translation_one_per_language"
            )
        ]


class Staffing(models.Model):
    """A role at an event (moderator, interpreter for a language, speaker) and who fills it."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="staffing", verbose_name=_("event")
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    role = models.CharField(_("role"), max_length=20, choices=PoolRole.choices)
    language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language"),
        help_text=_("For an interpreter: the language they interpret into."),
    )
    member = models.ForeignKey(
        PoolMember,
        on_delete=models.PROTECT,
        related_name="staffings",
        verbose_name=_("from the pool"),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("staffing")
        verbose_name_plural = _("staffing")
        ordering = ["role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role="interpreter") | Q(language__isnull=False),
                name="staffing_interpreter_has_language",
                violation_error_message=_("Name the language the interpreter interprets into."),
            ),
            models.UniqueConstraint(
                fields=["event", "member", "role", "language"], name="staffing_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.member}"


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("Waiting list")
    CANCELLED = "cancelled", _("Cancelled")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not come")


#: Statuses that hold a place (an attended or absent person held theirs).
HOLDS_PLACE = (
    RegistrationStatus.REGISTERED,
    RegistrationStatus.ATTENDED,
    RegistrationStatus.NO_SHOW,
)
#: Statuses of a live registration (one per person and event).
LIVE = (*HOLDS_PLACE, RegistrationStatus.WAITING)


class RegistrationSource(models.TextChoices):
    PORTAL = "portal", _("Portal")
    STAFF = "staff", _("Staff")
    DOOR = "door", _("At the door")


class Registration(models.Model):
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="registrations", verbose_name=_("event")
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    #: The personal link's identity: the link carries it signed, so nothing secret is stored.
    public_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    #: Registrations made together for a whole series share this key.
    series_key = models.UUIDField(null=True, blank=True, db_index=True, editable=False)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.REGISTERED,
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    #: Set when the retention task cleared the name and contact; the facts stay for statistics.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    language = models.CharField(
        _("language for messages"), max_length=8, default="de", help_text=_("Portal language.")
    )
    interpreting_into = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("needs interpreting into"),
    )
    childcare = models.BooleanField(_("needs childcare"), default=False)
    accessibility_needs = models.CharField(_("accessibility needs"), max_length=300, blank=True)
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target group"),
    )
    country_of_origin = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of origin"),
    )
    source = models.CharField(
        _("registered via"),
        max_length=10,
        choices=RegistrationSource.choices,
        default=RegistrationSource.PORTAL,
    )
    consent_at = models.DateTimeField(_("consent to the data processing"))
    created_at = models.DateTimeField(_("registered"), default=timezone.now, db_index=True)
    #: Order of the waiting list: when the person joined it.
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    promoted_at = models.DateTimeField(_("moved up"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    checked_in_at = models.DateTimeField(_("checked in"), null=True, blank=True)
    reminded_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    feedback_requested_at = models.DateTimeField(null=True, blank=True, editable=False)
    feedback_given_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "email"],
                condition=Q(status__in=[str(s) for s in LIVE]) & ~Q(email=""),
                name="registration_once_per_email",
                violation_error_message=_("This e-mail address is registered already."),
            ),
        ]
        indexes = [
            models.Index(fields=["event", "status"], name="registration_event_status"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def holds_place(self) -> bool:
        return self.status in HOLDS_PLACE

    @property
    def contact(self) -> str:
        return self.email or self.phone


class Feedback(models.Model):
    """A participant's short answer after an event, kept apart from who gave it."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("event")
    )
    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    rating = models.PositiveSmallIntegerField(
        _("how was it"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    useful = models.BooleanField(_("useful"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    created_at = models.DateTimeField(_("given"), default=timezone.now)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.event_id}: {self.rating}"
