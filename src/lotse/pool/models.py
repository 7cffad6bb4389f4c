"""The shared pool of interpreters, moderators and speakers an office works with.

Events staff their roles from it, counselors note who interpreted a consultation. A member is
not a user: they get no login, only the office keeps their contact, languages and terms.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from lotse.core.choices import SLOTS, ChoiceListValidator
from lotse.core.models import Language, Office


class PoolRole(models.TextChoices):
    INTERPRETER = "interpreter", _("Interpreter")
    MODERATOR = "moderator", _("Moderator")
    SPEAKER = "speaker", _("Speaker")


class Terms(models.TextChoices):
    FEE = "fee", _("Paid (fee)")
    VOLUNTEER = "volunteer", _("Volunteer")


class PoolMember(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    roles = models.JSONField(
        _("can work as"), default=list, validators=[ChoiceListValidator(PoolRole.values)]
    )
    languages = models.ManyToManyField(
        Language, related_name="+", blank=True, verbose_name=_("languages")
    )
    availability = models.JSONField(
        _("availability"), default=list, blank=True, validators=[ChoiceListValidator(SLOTS)]
    )
    terms = models.CharField(_("terms"), max_length=20, choices=Terms.choices)
    fee_note = models.CharField(
        _("fee"), max_length=200, blank=True, help_text=_("For example: 45 EUR per hour.")
    )
    notes = models.TextField(_("notes"), blank=True, max_length=2000)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)
    #: Set when the retention task cleared the name and contact; the facts stay for statistics.
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True, editable=False)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("pool member")
        verbose_name_plural = _("pool members")
        ordering = ["name", "id"]

    def __str__(self) -> str:
        return self.name
