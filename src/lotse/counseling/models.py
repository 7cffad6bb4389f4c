"""Counseling: the people a Welcome Center counsels, their consents, consultations, referrals to
the directory, outcomes, recognition matters and the counselors' follow-ups.

Everything here belongs to one office (django-scopes, `office=`). Statistics must survive when a
person is erased: each consultation, referral and outcome keeps the office, the date and a
snapshot of the person's situation (country of origin, target group, residence status, place)
plus `subject`, an opaque random key of the person, so distinct people can still be counted.
"""

from __future__ import annotations

import uuid
import zoneinfo
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from lotse.core.models import Country, Language, Office, ResidenceStatus, TargetGroup, Topic
from lotse.directory.models import Service
from lotse.pool.models import PoolMember


def validate_time_zone(value: str) -> None:
    if value and value not in zoneinfo.available_timezones():
        raise ValidationError(_("%(zone)s is not a known time zone."), params={"zone": value})


class Whereabouts(models.TextChoices):
    """Where the person lives now: the region, elsewhere in Germany, or still abroad."""

    REGION = "region", _("In the region")
    GERMANY = "germany", _("Elsewhere in Germany")
    ABROAD = "abroad", _("Abroad")


class Situation(models.Model):
    """The statistical facts of a person at a moment; copied onto what statistics count."""

    country_of_origin = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of origin"),
    )
    target_group = models.ForeignKey(
        TargetGroup,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("target group"),
    )
    residence_status = models.ForeignKey(
        ResidenceStatus,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("residence-status category"),
    )
    whereabouts = models.CharField(
        _("lives"), max_length=10, choices=Whereabouts.choices, default=Whereabouts.REGION
    )
    municipality = models.CharField(_("municipality"), max_length=100, blank=True)
    abroad_country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of residence abroad"),
    )

    SITUATION_FIELDS = (
        "country_of_origin_id",
        "target_group_id",
        "residence_status_id",
        "whereabouts",
        "municipality",
        "abroad_country_id",
    )

    class Meta:
        abstract = True

    def situation(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in self.SITUATION_FIELDS}

    @property
    def in_germany(self) -> bool:
        return self.whereabouts != Whereabouts.ABROAD

    def clean_situation(self) -> dict[str, Any]:
        errors: dict[str, Any] = {}
        if self.whereabouts == Whereabouts.ABROAD:
            if self.abroad_country_id == "DE":
                errors["abroad_country"] = _("Germany is not abroad.")
        elif self.abroad_country_id:
            errors["abroad_country"] = _("A country abroad only fits someone living abroad.")
        return errors


class RestrictionGround(models.TextChoices):
    """The grounds of Art. 18 (1) GDPR."""

    ACCURACY = "accuracy", _("The person contests the accuracy of the data")
    UNLAWFUL = "unlawful", _("Processing is unlawful; the person wants restriction, not erasure")
    LEGAL_CLAIMS = "legal_claims", _("The person needs the data for legal claims")
    OBJECTION = "objection", _("The person objected; the check is pending")


class Person(Situation):
    """A newcomer (or a family member) the office counsels. Only a display name is required."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    #: Opaque and random: statistics count distinct people by it after the person is erased.
    subject = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    client_number = models.CharField(_("client number"), max_length=20, editable=False)
    number_year = models.PositiveSmallIntegerField(editable=False)
    number_sequence = models.PositiveIntegerField(editable=False)
    display_name = models.CharField(
        _("name or pseudonym"),
        max_length=150,
        help_text=_("How you address the person; a pseudonym is fine."),
    )
    full_name = models.CharField(_("full legal name"), max_length=200, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    phone_digits = models.CharField(max_length=50, blank=True, editable=False, db_index=True)
    address = models.TextField(_("postal address"), blank=True)
    languages = models.ManyToManyField(
        Language, blank=True, related_name="+", verbose_name=_("languages spoken")
    )
    preferred_language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("preferred language for letters"),
    )
    nationality = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nationality"),
    )
    arrival_date = models.DateField(_("date of arrival"), null=True, blank=True)
    arrival_is_planned = models.BooleanField(
        _("arrival is planned"), default=False, help_text=_("The date lies ahead.")
    )
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        validators=[validate_time_zone],
        help_text=_("For appointments with people abroad, e.g. Asia/Kolkata."),
    )
    profession = models.CharField(_("profession"), max_length=200, blank=True)
    qualification = models.CharField(_("qualification"), max_length=200, blank=True)
    recognition_pending = models.BooleanField(_("recognition pending"), default=False)
    #: The folded name and its phonetic keys, space-separated, for search and duplicates.
    name_keys = models.TextField(blank=True, editable=False)
    last_contact_at = models.DateTimeField(_("last contact"), null=True, blank=True)
    #: Art. 18 GDPR: while set, the record is kept but not changed, and nobody is contacted.
    restricted_at = models.DateTimeField(_("processing restricted since"), null=True, blank=True)
    restriction_ground = models.CharField(
        _("ground for the restriction"),
        max_length=20,
        choices=RestrictionGround.choices,
        blank=True,
    )
    merged_into = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="merged_records",
        verbose_name=_("merged into"),
    )
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
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["-last_contact_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "client_number"], name="person_client_number_unique"
            ),
            models.UniqueConstraint(
                fields=["office", "number_year", "number_sequence"],
                name="person_number_sequence_unique",
            ),
        ]
        indexes = [
            models.Index(fields=["office", "-last_contact_at"], name="person_office_recent"),
            models.Index(fields=["office", "email"], name="person_office_email"),
        ]

    def __str__(self) -> str:
        return f"{self.display_name} ({self.client_number})"

    def clean(self) -> None:
        errors = self.clean_situation()
        today = timezone.localdate()
        if self.arrival_date and self.arrival_is_planned and self.arrival_date < today:
            errors["arrival_date"] = _("A planned arrival cannot lie in the past.")
        if self.arrival_date and not self.arrival_is_planned and self.arrival_date > today:
            errors["arrival_date"] = _(
                "This date lies in the future: tick 'arrival is planned' or correct it."
            )
        if errors:
            raise ValidationError(errors)


class Relation(models.TextChoices):
    SPOUSE = "spouse", _("Spouse or partner")
    CHILD = "child", _("Child")
    PARENT = "parent", _("Parent")
    SIBLING = "sibling", _("Sibling")
    OTHER = "other", _("Other relative")


#: Seen from the other side: A is B's child when B is A's parent.
INVERSE_RELATION = {
    Relation.SPOUSE: Relation.SPOUSE,
    Relation.CHILD: Relation.PARENT,
    Relation.PARENT: Relation.CHILD,
    Relation.SIBLING: Relation.SIBLING,
    Relation.OTHER: Relation.OTHER,
}


class HouseholdLink(models.Model):
    """`relative` is `person`'s <relation>; the inverse row is kept too, so each side lists it."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="household")
    relative = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+")
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("household link")
        verbose_name_plural = _("household links")
        constraints = [
            models.UniqueConstraint(fields=["person", "relative"], name="household_link_unique"),
            models.CheckConstraint(
                condition=~models.Q(person=models.F("relative")), name="household_not_self"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} → {self.relative_id}: {self.relation}"


class ConsentPurpose(models.TextChoices):
    COUNSELING = "counseling", _("Counseling record")
    REFERRAL_HANDOVER = "referral_handover", _("Handover to a partner")
    EMAIL_CONTACT = "email_contact", _("Contact by e-mail")
    SPONSOR_PROGRAM = "sponsor_program", _("Welcome sponsor program")
    EVENTS = "events", _("Events and invitations")


class ConsentForm(models.TextChoices):
    WRITTEN = "written", _("Written")
    VERBAL = "verbal", _("Verbal")
    ONLINE = "online", _("Online")


class Consent(models.Model):
    """A consent for one purpose, given on a date in a form, possibly withdrawn later.

    Rows are never deleted: a renewed consent is a new row, so the history stays visible.
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="consents")
    purpose = models.CharField(_("purpose"), max_length=20, choices=ConsentPurpose.choices)
    given_on = models.DateField(_("given on"))
    form = models.CharField(_("form"), max_length=10, choices=ConsentForm.choices)
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_on", "-id"]
        constraints = [
            # At most one consent per purpose is in force at a time.
            models.UniqueConstraint(
                fields=["person", "purpose"],
                condition=models.Q(withdrawn_on__isnull=True),
                name="consent_one_active_per_purpose",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_on})"

    @property
    def is_active(self) -> bool:
        return self.withdrawn_on is None


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    VIDEO = "video", _("Video")
    CHAT = "chat", _("Chat or messenger")
    OUTREACH = "outreach", _("Outreach")


class Consultation(Situation):
    """One counseling contact. Anonymous contacts have no person, only the statistical facts."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="consultations",
        verbose_name=_("person"),
    )
    #: The person's `subject` (or a fresh one for an anonymous contact); survives erasure.
    subject = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False)
    is_anonymous = models.BooleanField(_("anonymous contact"), default=False)
    counselor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("counselor"),
    )
    started_at = models.DateTimeField(_("date and time"), default=timezone.now)
    channel = models.CharField(
        _("channel"), max_length=10, choices=Channel.choices, default=Channel.IN_PERSON
    )
    duration_minutes = models.PositiveSmallIntegerField(
        _("duration (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(600)],
    )
    language = models.ForeignKey(
        Language,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("language used"),
    )
    interpreter = models.BooleanField(_("with an interpreter"), default=False)
    #: Who interpreted, when it was someone from the office's pool (optional).
    interpreted_by = models.ForeignKey(
        PoolMember,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("interpreter from the pool"),
    )
    topics = models.ManyToManyField(Topic, related_name="+", verbose_name=_("topics"))
    notes = models.TextField(
        _("notes"), blank=True, help_text=_("Only the counselors of this office read them.")
    )
    outcome = models.TextField(_("outcome"), blank=True)
    next_steps = models.TextField(_("next steps"), blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-started_at", "-id"]
        indexes = [
            models.Index(fields=["office", "-started_at"], name="consultation_office_time"),
            models.Index(fields=["person", "-started_at"], name="consultation_person_time"),
            models.Index(fields=["counselor", "-started_at"], name="consultation_counselor"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_anonymous=True, person__isnull=True)
                | models.Q(is_anonymous=False),
                name="consultation_anonymous_has_no_person",
            )
        ]

    def __str__(self) -> str:
        return f"{self.started_at:%Y-%m-%d %H:%M} {self.get_channel_display()}"


class ReferralStatus(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    HANDED_OVER = "handed_over", _("Handed over")
    ARRIVED = "arrived", _("Arrived")
    COMPLETED = "completed", _("Completed")
    NOT_TAKEN_UP = "not_taken_up", _("Not taken up")


#: Statuses after which a referral needs no more follow-up.
CLOSED_REFERRAL_STATUSES = frozenset({ReferralStatus.COMPLETED, ReferralStatus.NOT_TAKEN_UP})
#: The date field each status stamps when it is reached.
REFERRAL_STATUS_DATES = {
    ReferralStatus.SUGGESTED: "suggested_on",
    ReferralStatus.HANDED_OVER: "handed_over_on",
    ReferralStatus.ARRIVED: "arrived_on",
    ReferralStatus.COMPLETED: "completed_on",
    ReferralStatus.NOT_TAKEN_UP: "not_taken_up_on",
}


class Referral(Situation):
    """A person sent to a service of the directory (Verweisberatung), followed until closed."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    person = models.ForeignKey(
        Person,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("person"),
    )
    subject = models.UUIDField(db_index=True, editable=False)
    consultation = models.ForeignKey(
        Consultation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
        verbose_name=_("consultation"),
    )
    service = models.ForeignKey(
        Service, on_delete=models.PROTECT, related_name="+", verbose_name=_("service")
    )
    topic = models.ForeignKey(
        Topic,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("topic"),
    )
    reason = models.TextField(_("reason"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=15,
        choices=ReferralStatus.choices,
        default=ReferralStatus.SUGGESTED,
    )
    suggested_on = models.DateField(_("suggested on"), default=timezone.localdate)
    handed_over_on = models.DateField(_("handed over on"), null=True, blank=True)
    arrived_on = models.DateField(_("arrived on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"), null=True, blank=True)
    not_taken_up_on = models.DateField(_("not taken up on"), null=True, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    #: When the partner confirmed through the letter's link (counts as "confirmed by partner").
    partner_confirmed_at = models.DateTimeField(
        _("confirmed by the partner"), null=True, blank=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referred by"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-suggested_on", "-id"]
        indexes = [
            models.Index(fields=["office", "status", "follow_up_on"], name="referral_follow_up"),
            models.Index(fields=["office", "follow_up_on", "id"], name="referral_office_due"),
            models.Index(fields=["person", "-suggested_on"], name="referral_person"),
        ]

    def __str__(self) -> str:
        return f"{self.get_status_display()}: {self.service_id}"

    @property
    def is_open(self) -> bool:
        return self.status not in CLOSED_REFERRAL_STATUSES


class LetterTemplate(models.Model):
    """An office's wording of the handover letter in one language; defaults live in code."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    language = models.CharField(_("language"), max_length=8)
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("text"))
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("handover letter template")
        verbose_name_plural = _("handover letter templates")
        constraints = [
            models.UniqueConstraint(fields=["office", "language"], name="letter_template_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.language}"


class HandoverLetter(models.Model):
    """A handover letter sent to a partner, and the one-time link it carries.

    Only a hash of the link's token is stored; the token itself exists in the e-mail alone.
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    referral = models.ForeignKey(Referral, on_delete=models.CASCADE, related_name="letters")
    recipient = models.EmailField(_("recipient"))
    languages = models.JSONField(_("languages"), default=list)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("link valid until"))
    used_at = models.DateTimeField(_("link used"), null=True, blank=True)
    answer = models.CharField(_("partner's answer"), max_length=15, blank=True)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("sent by"),
    )

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("handover letter")
        verbose_name_plural = _("handover letters")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.referral_id} → {self.recipient}"


class OutcomeKind(models.TextChoices):
    RECOGNITION_APPLIED = "recognition_applied", _("Recognition applied for")
    RECOGNITION_GRANTED = "recognition_granted", _("Recognition granted")
    LANGUAGE_COURSE_STARTED = "language_course_started", _("Language course started")
    JOB_STARTED = "job_started", _("Job started")
    APPRENTICESHIP_STARTED = "apprenticeship_started", _("Apprenticeship started")
    RESIDENCE_TITLE_OBTAINED = "residence_title_obtained", _("Residence title obtained")
    MOVED_TO_REGION = "moved_to_region", _("Moved to the region")
    STUDIES_STARTED = "studies_started", _("Studies started")


class Outcome(Situation):
    """A milestone the counseling led to, recorded when it happens."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.SET_NULL, null=True, blank=True, related_name="outcomes"
    )
    subject = models.UUIDField(db_index=True, editable=False)
    kind = models.CharField(_("milestone"), max_length=30, choices=OutcomeKind.choices)
    reached_on = models.DateField(_("reached on"), default=timezone.localdate)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("milestone")
        verbose_name_plural = _("milestones")
        ordering = ["-reached_on", "-id"]
        indexes = [models.Index(fields=["office", "kind", "reached_on"], name="outcome_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.reached_on})"


class RecognitionStage(models.TextChoices):
    COLLECTED = "collected", _("Qualification recorded")
    HANDED_TO_COUNSELING = "handed_to_counseling", _("Handed to recognition counseling")
    APPLIED = "applied", _("Applied for recognition")
    DECIDED = "decided", _("Decided")


class RecognitionDecision(models.TextChoices):
    FULL = "full", _("Full equivalence")
    PARTIAL = "partial", _("Partial equivalence (adaptation needed)")
    REFUSED = "refused", _("Refused")


#: The date field each stage stamps when reached.
RECOGNITION_STAGE_DATES = {
    RecognitionStage.COLLECTED: "collected_on",
    RecognitionStage.HANDED_TO_COUNSELING: "handed_on",
    RecognitionStage.APPLIED: "applied_on",
    RecognitionStage.DECIDED: "decided_on",
}


class RecognitionCase(models.Model):
    """The recognition of one foreign qualification, the most common long-running matter."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="recognition_cases")
    profession = models.CharField(_("profession or qualification abroad"), max_length=200)
    country = models.ForeignKey(
        Country,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("country of the qualification"),
    )
    reference_occupation = models.CharField(
        _("German reference occupation"), max_length=200, blank=True
    )
    stage = models.CharField(
        _("stage"),
        max_length=24,
        choices=RecognitionStage.choices,
        default=RecognitionStage.COLLECTED,
    )
    collected_on = models.DateField(_("recorded on"), default=timezone.localdate)
    handed_on = models.DateField(_("handed over on"), null=True, blank=True)
    applied_on = models.DateField(_("applied on"), null=True, blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decision = models.CharField(
        _("decision"), max_length=10, choices=RecognitionDecision.choices, blank=True
    )
    referral = models.ForeignKey(
        Referral,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("referral to recognition counseling"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("recognition case")
        verbose_name_plural = _("recognition cases")
        ordering = ["-collected_on", "-id"]

    def __str__(self) -> str:
        return self.profession

    def clean(self) -> None:
        if self.stage == RecognitionStage.DECIDED and not self.decision:
            raise ValidationError({"decision": _("A decided case needs the decision.")})
        if self.decision and self.stage != RecognitionStage.DECIDED:
            raise ValidationError({"decision": _("Only a decided case has a decision.")})


class FollowUp(models.Model):
    """A counselor's task with a due date, about one person."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person,
        on_delete=models.CASCADE,
        related_name="follow_ups",
        verbose_name=_("person"),
    )
    referral = models.ForeignKey(
        Referral, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups"
    )
    title = models.CharField(_("what to do"), max_length=200)
    due_on = models.DateField(_("due on"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("assigned to"),
    )
    done_at = models.DateTimeField(_("done"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["office", "assigned_to", "due_on"], name="follow_up_due"),
        ]

    def __str__(self) -> str:
        return f"{self.due_on}: {self.title}"


class ClientNumberCounter(models.Model):
    """The last client number handed out per office and year (row-locked while counting)."""

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    objects = ScopedManager(office="office")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["office", "year"], name="client_counter_unique")
        ]

    def __str__(self) -> str:
        return f"{self.office_id} {self.year}: {self.last}"
