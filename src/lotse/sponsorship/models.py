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
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

# Shared with the pool; forms and the first migrations import them from here.
from lotse.core.choices import DAY_PARTS, SLOTS, WEEKDAYS, ChoiceListValidator  # noqa: F401
from lotse.core.models import Language, Office


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
    #: Set when the retention task cleared the name and contact; the facts stay for statistics.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

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


# --- Training -------------------------------------------------------------------------------------


class SessionKind(models.TextChoices):
    SEMINAR = "seminar", _("Seminar")
    REFLECTION = "reflection", _("Reflection meeting")


class SeminarModule(models.TextChoices):
    INTRODUCTION = "introduction", _("Introductory seminar")
    CHILD_PROTECTION = "child_protection", _("Child protection")
    INTERCULTURAL = "intercultural", _("Intercultural communication")


class TrainingSession(models.Model):
    """A seminar (preparation before the first tandem) or a reflection meeting."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("kind"), max_length=12, choices=SessionKind.choices)
    module = models.CharField(
        _("seminar module"),
        max_length=20,
        choices=SeminarModule.choices,
        blank=True,
        help_text=_("Seminars only: which preparation this session gives."),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(_("place"), max_length=200)
    capacity = models.PositiveSmallIntegerField(
        _("places"), default=20, validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    is_cancelled = models.BooleanField(_("cancelled"), default=False)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("training session")
        verbose_name_plural = _("training sessions")
        ordering = ["starts_at", "id"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        errors = {}
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            errors["ends_at"] = _("A session ends after it starts.")
        if self.kind == SessionKind.SEMINAR and not self.module:
            errors["module"] = _("Say which seminar module this is.")
        if self.kind == SessionKind.REFLECTION and self.module:
            errors["module"] = _("Reflection meetings have no seminar module.")
        if errors:
            raise ValidationError(errors)


class AttendanceStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    ATTENDED = "attended", _("Attended")
    ABSENT = "absent", _("Absent")


class Attendance(models.Model):
    session = models.ForeignKey(
        TrainingSession, on_delete=models.CASCADE, related_name="attendances"
    )
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="attendances")
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=AttendanceStatus.choices,
        default=AttendanceStatus.REGISTERED,
    )

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["session", "volunteer"], name="attendance_unique")
        ]

    def __str__(self) -> str:
        return f"{self.volunteer_id} @ {self.session_id}: {self.status}"


# --- Requests, proposals, tandems ----------------------------------------------------------------


class RequestSource(models.TextChoices):
    COUNSELOR = "counselor", _("Counselor")
    PORTAL = "portal", _("Portal")


class RequestStatus(models.TextChoices):
    TO_CONFIRM = "to_confirm", _("To be confirmed")
    WAITING = "waiting", _("Waiting")
    MATCHED = "matched", _("Matched")
    CLOSED = "closed", _("Closed")


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Normal")
    HIGH = "high", _("Urgent")


class SponsorshipRequest(models.Model):
    """A person or family asks for a sponsor; it waits in the office's queue until matched.

    From the portal a request arrives with contact details only (`to_confirm`); a counselor
    confirms it and links it to a person's record, which also needs the person's consent.
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "counseling.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sponsorship_requests",
        verbose_name=_("person"),
    )
    subject = models.UUIDField(null=True, blank=True, editable=False)
    source = models.CharField(_("source"), max_length=10, choices=RequestSource.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=RequestStatus.choices, default=RequestStatus.WAITING
    )
    needs = models.JSONField(
        _("needs"), default=list, validators=[ChoiceListValidator(Offer.values)]
    )
    languages = models.JSONField(_("languages"), default=list)
    district = models.CharField(_("district or municipality"), max_length=100)
    availability = models.JSONField(
        _("availability"), default=list, validators=[ChoiceListValidator(SLOTS)]
    )
    kind = models.CharField(
        _("who asks"), max_length=10, choices=Preference.choices, default=Preference.SINGLE
    )
    has_children = models.BooleanField(_("children in the family"), default=False)
    gender_preference = models.CharField(
        _("sponsor's gender wished"),
        max_length=10,
        blank=True,
        choices=[("female", _("female")), ("male", _("male")), ("diverse", _("diverse"))],
    )
    interests = models.CharField(_("interests"), max_length=300, blank=True)
    urgency = models.CharField(
        _("urgency"), max_length=10, choices=Urgency.choices, default=Urgency.NORMAL
    )
    note = models.TextField(_("note for the coordinators"), blank=True, max_length=2000)
    contact_name = models.CharField(_("name"), max_length=150, blank=True)
    contact_email = models.EmailField(_("e-mail"), blank=True)
    contact_phone = models.CharField(_("phone"), max_length=50, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("requested by"),
    )
    created_at = models.DateTimeField(_("asked on"), default=timezone.now)
    waiting_since = models.DateTimeField(_("waiting since"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    close_reason = models.CharField(_("reason for closing"), max_length=200, blank=True)
    #: Set when the retention task cleared the name and contact; the facts stay for statistics.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("sponsorship request")
        verbose_name_plural = _("sponsorship requests")
        ordering = ["waiting_since", "created_at", "id"]
        indexes = [models.Index(fields=["office", "status"], name="request_office_status")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.district})"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Accepted")
    REJECTED = "rejected", _("Rejected")


class Proposal(models.Model):
    """One pair the matching proposed, with its score and reasons, and the coordinator's answer.

    Rejected pairs stay, so the next matching run never proposes them again.
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    request = models.ForeignKey(
        SponsorshipRequest, on_delete=models.CASCADE, related_name="proposals"
    )
    volunteer = models.ForeignKey(Volunteer, on_delete=models.CASCADE, related_name="proposals")
    score = models.FloatField(_("score"))
    #: [{"key": ..., "params": {...}}]: the engine's reasons, translated when shown.
    reasons = models.JSONField(_("reasons"), default=list)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
    )
    created_at = models.DateTimeField(default=timezone.now)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-score", "id"]

    def __str__(self) -> str:
        return f"{self.request_id} ↔ {self.volunteer_id} ({self.score:.2f})"


class TandemStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    ENDED = "ended", _("Ended")


class EndReason(models.TextChoices):
    GOAL_REACHED = "goal_reached", _("Goals reached")
    MOVED = "moved", _("Moved away")
    NO_CONTACT = "no_contact", _("Contact broke off")
    DID_NOT_FIT = "did_not_fit", _("Did not fit")
    VOLUNTEER_STOPPED = "volunteer_stopped", _("The volunteer stopped")
    OTHER = "other", _("Other")


class Tandem(models.Model):
    """A volunteer accompanying a newcomer (or family), with what they agreed."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    request = models.OneToOneField(
        SponsorshipRequest, on_delete=models.PROTECT, related_name="tandem"
    )
    volunteer = models.ForeignKey(Volunteer, on_delete=models.PROTECT, related_name="tandems")
    person = models.ForeignKey(
        "counseling.Person",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="tandems",
    )
    started_on = models.DateField(_("started on"), default=timezone.localdate)
    agreement = models.TextField(_("what they agreed on"), blank=True)
    expected_duration = models.CharField(_("expected duration"), max_length=100, blank=True)
    usual_places = models.CharField(_("where they usually meet"), max_length=200, blank=True)
    check_in_every_days = models.PositiveSmallIntegerField(
        _("check in every (days)"), default=30, validators=[MinValueValidator(7)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=TandemStatus.choices, default=TandemStatus.ACTIVE
    )
    reminded_on = models.DateField(_("volunteer reminded on"), null=True, blank=True)
    last_contact_on = models.DateField(_("last contact"), null=True, blank=True)
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    end_reason = models.CharField(
        _("why it ended"), max_length=20, choices=EndReason.choices, blank=True
    )
    feedback_newcomer = models.TextField(_("feedback of the newcomer"), blank=True)
    feedback_volunteer = models.TextField(_("feedback of the volunteer"), blank=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("tandem")
        verbose_name_plural = _("tandems")
        ordering = ["-started_on", "id"]
        indexes = [models.Index(fields=["office", "status"], name="tandem_office_status")]

    def __str__(self) -> str:
        return f"{self.volunteer_id} ↔ {self.request_id}"


class Mood(models.TextChoices):
    GOOD = "good", _("Going well")
    OK = "ok", _("All right")
    DIFFICULT = "difficult", _("Difficult")


class CheckIn(models.Model):
    """The coordinator's note of how a tandem goes."""

    tandem = models.ForeignKey(Tandem, on_delete=models.CASCADE, related_name="check_ins")
    on = models.DateField(_("on"), default=timezone.localdate)
    mood = models.CharField(_("how it goes"), max_length=10, choices=Mood.choices)
    had_contact = models.BooleanField(_("they met or spoke since the last check-in"), default=True)
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-on", "-id"]

    def __str__(self) -> str:
        return f"{self.tandem_id} {self.on}: {self.mood}"


class ProgramSettings(models.Model):
    """An office's weights for matching and its thresholds for tandems (defaults in code)."""

    office = models.OneToOneField(Office, on_delete=models.CASCADE, related_name="+")
    weight_needs = models.FloatField(
        _("needs covered"), default=3.0, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    weight_language = models.FloatField(
        _("language"), default=1.0, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    weight_distance = models.FloatField(
        _("distance between districts"),
        default=1.5,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    weight_interests = models.FloatField(
        _("shared interests"), default=1.0, validators=[MinValueValidator(0), MaxValueValidator(10)]
    )
    weight_waiting = models.FloatField(
        _("waiting time of the request"),
        default=1.0,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    weight_preference = models.FloatField(
        _("the volunteer's preference"),
        default=2.0,
        validators=[MinValueValidator(0), MaxValueValidator(10)],
    )
    no_contact_alert_days = models.PositiveSmallIntegerField(
        _("alert after days without contact"),
        default=42,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
    )
    reminder_after_days = models.PositiveSmallIntegerField(
        _("remind quiet volunteers after (days)"),
        default=28,
        validators=[MinValueValidator(7), MaxValueValidator(365)],
        help_text=_("A friendly e-mail to volunteers whose tandem had no contact this long."),
    )

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("program settings")
        verbose_name_plural = _("program settings")

    def __str__(self) -> str:
        return f"{self.office_id}"
