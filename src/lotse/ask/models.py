"""Questions newcomers asked on the portal, kept for a while so staff can see what was missing.

Stored as text only, with e-mail addresses and phone numbers taken out before saving
(`services.strip_contact_data`), without any address, cookie or account, and deleted after
LOTSE_ASK_QUESTION_DAYS by the nightly retention run.
"""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lotse.core.models import Office


def new_key() -> str:
    return secrets.token_urlsafe(16)


class Feedback(models.TextChoices):
    HELPED = "helped", _("helped")
    NOT_HELPED = "not_helped", _("did not help")


class AskedQuestion(models.Model):
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    #: The portal's language when it was asked (the question itself may be in another).
    language = models.CharField(_("language"), max_length=8)
    text = models.CharField(_("question"), max_length=300)
    #: What the portal answered: [{"kind": "service"|"page", "id": n, "score": 0.87}, ...].
    results = models.JSONField(_("answers"), default=list, blank=True)
    #: False when no answer was confident enough (the portal offered the contact instead).
    answered = models.BooleanField(_("answered"), default=True)
    feedback = models.CharField(_("feedback"), max_length=16, choices=Feedback.choices, blank=True)
    #: Staff dealt with it (added a service, an example question or a translation).
    done_at = models.DateTimeField(_("dealt with"), null=True, blank=True)
    #: Lets the asker's own page send feedback without an account; random, not guessable.
    key = models.CharField(max_length=32, unique=True, default=new_key, editable=False)
    created_at = models.DateTimeField(_("asked"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("asked question")
        verbose_name_plural = _("asked questions")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["office", "created_at"], name="asked_office_created")]

    def __str__(self) -> str:
        return self.text[:60]
