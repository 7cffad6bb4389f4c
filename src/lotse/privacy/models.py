"""Data protection records: retention rules per office, the log of retention runs, and the
confirmations of erasures. None of them holds personal data of the people concerned.
"""

from __future__ import annotations

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from lotse.core.models import Office
from lotse.privacy.register import AUTOMATIC_RULES


class RetentionRule(models.Model):
    """An office's period for one automatic rule; without a row the register's default holds."""

    office = models.ForeignKey(Office, on_delete=models.CASCADE, related_name="+")
    rule = models.CharField(_("rule"), max_length=40, choices=AUTOMATIC_RULES)
    months = models.PositiveSmallIntegerField(
        _("months"), validators=[MinValueValidator(1), MaxValueValidator(240)]
    )
    enabled = models.BooleanField(_("applied automatically"), default=True)
    changed_at = models.DateTimeField(_("changed"), auto_now=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("retention rule")
        verbose_name_plural = _("retention rules")
        constraints = [
            models.UniqueConstraint(fields=["office", "rule"], name="retention_rule_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.rule}: {self.months}"


class RunTrigger(models.TextChoices):
    SCHEDULED = "scheduled", _("Scheduled")
    MANUAL = "manual", _("Started by hand")


class RetentionRun(models.Model):
    """One run of the retention task in one office: when, how it was started, what it did.

    A run without an office is the installation's own part (finished background tasks).
    """

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(_("started"), default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    trigger = models.CharField(_("started by"), max_length=10, choices=RunTrigger.choices)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("started by"),
    )
    #: {rule: number of records anonymised or erased}
    counts = models.JSONField(_("records"), default=dict, blank=True)
    #: The error's class name if the run failed (its message may quote data, so it is not kept).
    error = models.CharField(_("error"), max_length=200, blank=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.office_id} {self.started_at:%Y-%m-%d %H:%M}"

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class ErasureGround(models.TextChoices):
    REQUEST = "request", _("Request of the person (Art. 17 GDPR)")
    RETENTION = "retention", _("Retention period over")


def new_reference() -> str:
    # Random, so the reference tells nothing about the person or the order of erasures.
    return "E-" + secrets.token_hex(4).upper()


class ErasureRecord(models.Model):
    """The confirmation that a person's data were erased, holding nothing about the person.

    The reference can be given to the person as proof; the counts say what was erased where.
    """

    office = models.ForeignKey(Office, on_delete=models.PROTECT, related_name="+")
    reference = models.CharField(
        _("reference"), max_length=12, unique=True, default=new_reference, editable=False
    )
    erased_at = models.DateTimeField(_("erased"), default=timezone.now)
    ground = models.CharField(_("ground"), max_length=10, choices=ErasureGround.choices)
    requested_on = models.DateField(_("requested on"), null=True, blank=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erased by"),
    )
    run = models.ForeignKey(
        RetentionRun, on_delete=models.SET_NULL, null=True, blank=True, related_name="erasures"
    )
    #: {"app_label.model": number of records erased or cleared}
    counts = models.JSONField(_("records"), default=dict, blank=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("erasure confirmation")
        verbose_name_plural = _("erasure confirmations")
        ordering = ["-erased_at", "-id"]

    def __str__(self) -> str:
        return self.reference


class RetentionSchedule(models.Model):
    """The one pending nightly run: a task whose token is not this one's does nothing.

    The task re-queues itself for the next night; `ensure_scheduled` restarts the chain when it
    broke (a lost queue), so two chains never run side by side.
    """

    token = models.UUIDField(default=uuid.uuid4)
    next_run_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention schedule")

    def __str__(self) -> str:
        return f"{self.next_run_at:%Y-%m-%d %H:%M}"
