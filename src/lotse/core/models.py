"""Offices, staff users and their roles, the audit log and the shared taxonomies."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device, ThrottlingMixin
from django_scopes import ScopedManager


class Office(models.Model):
    """One Welcome Center or partner operator sharing the installation: the tenant."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    client_prefix = models.CharField(
        _("client number prefix"),
        max_length=4,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{1,4}$", _("Use one to four capital letters."))],
        help_text=_("Starts the readable client numbers, e.g. S for S-2026-00042."),
    )
    street = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    website = models.URLField(_("website"), blank=True)
    opening_hours = models.TextField(_("opening hours"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in: staff now, volunteers later. Office access comes from memberships."""

    email = models.EmailField(_("e-mail"), unique=True)

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def is_platform_admin(self) -> bool:
        return self.is_active and self.is_superuser


class Role(models.TextChoices):
    COUNSELOR = "counselor", _("Counselor")
    SPONSOR_COORDINATOR = "sponsor_coordinator", _("Sponsor coordinator")
    EVENT_MANAGER = "event_manager", _("Event manager")
    OFFICE_ADMIN = "office_admin", _("Office administrator")
    STATISTICS_VIEWER = "statistics_viewer", _("Statistics viewer")


class Membership(models.Model):
    """A staff user's role in one office."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    office = models.ForeignKey(
        Office, on_delete=models.CASCADE, related_name="memberships", verbose_name=_("office")
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "office"],
                name="membership_one_role_per_office",
                violation_error_message=_("This person already has a role in this office."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.office} · {self.get_role_display()}"


class AuditEntryQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise PermissionError("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("The audit log is append-only.")


class AuditEntry(models.Model):
    """Who did what to which object, when, in which office. Append-only.

    It names objects by type and id and changed fields by name only, never their values, so
    erasing a person's data (privacy app) leaves no copy of it here.
    """

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True, editable=False)
    office = models.ForeignKey(
        Office,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("office"),
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("performed by"),
    )
    action = models.CharField(_("action"), max_length=100, db_index=True)
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    data = models.JSONField(_("details"), default=dict, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)

    objects = ScopedManager(
        _manager_class=models.Manager.from_queryset(AuditEntryQuerySet), office="office"
    )

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["office", "-at"], name="audit_office_time"),
            models.Index(fields=["object_type", "object_id"], name="audit_object"),
        ]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and not self._state.adding:
            raise PermissionError("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise PermissionError("The audit log is append-only.")


# --- Taxonomies ---------------------------------------------------------------------------------


def pick_translation(names: dict[str, str], fallback: str, language: str | None = None) -> str:
    """Return the name in the active language, else German, else English, else the fallback."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for code in (language, "de", "en"):
        if names.get(code):
            return names[code]
    return fallback


def validate_names(value: Any) -> None:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise ValidationError(_("Names must map language codes to texts."))
    if not value.get("de", "").strip():
        raise ValidationError(_("A German name is required."))


class TranslatedTerm(models.Model):
    """A taxonomy term with a stable code and names in as many languages as we have."""

    names = models.JSONField(_("names"), default=dict, validators=[validate_names])
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return pick_translation(self.names, fallback=str(self.pk))


class CountryGroup(models.TextChoices):
    EU = "eu", _("EU member state")
    EEA = "eea", _("EEA (not EU)")
    CH = "ch", _("Switzerland")
    THIRD = "third", _("Third country")


class Country(TranslatedTerm):
    code = models.CharField(_("code"), max_length=2, primary_key=True)
    alpha3 = models.CharField(_("three-letter code"), max_length=3, blank=True)
    group = models.CharField(
        _("freedom of movement"),
        max_length=8,
        choices=CountryGroup.choices,
        default=CountryGroup.THIRD,
        help_text=_("Maintained from lotse.core.countries; do not edit by hand."),
    )

    class Meta:
        verbose_name = _("country")
        verbose_name_plural = _("countries")
        ordering = ["code"]

    @property
    def has_free_movement(self) -> bool:
        """EU, EEA and Switzerland: the group funders report as 'EU' in the wide sense."""
        return self.group != CountryGroup.THIRD


class Language(TranslatedTerm):
    code = models.CharField(_("code"), max_length=3, primary_key=True)
    is_rtl = models.BooleanField(_("written right to left"), default=False)

    class Meta:
        verbose_name = _("language")
        verbose_name_plural = _("languages")
        ordering = ["code"]


class Topic(TranslatedTerm):
    slug = models.SlugField(_("code"), max_length=60, unique=True)
    keywords = models.JSONField(
        _("search keywords"),
        default=dict,
        blank=True,
        help_text=_("Words people use for this topic, per language, e.g. Kita, Kindergarten."),
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent topic"),
    )

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["position", "slug"]

    def clean(self) -> None:
        if self.parent_id and self.parent and self.parent.parent_id:
            raise ValidationError(
                {"parent": _("Topics have two levels: a subtopic cannot have subtopics.")}
            )
        if self.parent_id and self.pk and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A topic cannot be its own parent.")})


class TargetGroup(TranslatedTerm):
    slug = models.SlugField(_("code"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")
        ordering = ["position", "slug"]


class ResidenceStatus(TranslatedTerm):
    slug = models.SlugField(_("code"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("residence-status category")
        verbose_name_plural = _("residence-status categories")
        ordering = ["position", "slug"]


class BackupCodeDevice(ThrottlingMixin, Device):
    """One-time codes for a lost phone: a second factor kept on paper, one set per user.

    Only salted hashes are stored (Django's password hasher), so a copy of the database gives
    nobody a way past the second factor. Each code works once, and only while the user has a
    confirmed authenticator app: a reset of the second factor (a lost phone) retires the old
    set with the app. lotse.core.backup_codes creates the codes and audits their use.
    """

    #: Characters of one code, without the dash that groups them for reading.
    LENGTH = 10

    code_hashes = models.JSONField(_("hashes of the unused codes"), default=list, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("backup codes")
        verbose_name_plural = _("backup codes")
        constraints = [
            models.UniqueConstraint(fields=["user"], name="core_one_backup_code_set_per_user")
        ]

    @staticmethod
    def normalise(code: str) -> str:
        return "".join(str(code).split()).replace("-", "").upper()

    def get_throttle_factor(self) -> int:
        # After each wrong code the next try waits 1, 2, 4, ... seconds, as for the app's codes.
        return 1

    def verify_token(self, token: Any) -> bool:
        """Spend the code if it is one of the unused ones; count a wrong try for the throttle."""
        from django.contrib.auth.hashers import check_password
        from django.db import transaction
        from django_otp.plugins.otp_totp.models import TOTPDevice

        candidate = self.normalise(token)
        with transaction.atomic():
            # Locked, so two requests cannot spend the same code at once.
            locked = type(self).objects.select_for_update().get(pk=self.pk)
            if not locked.verify_is_allowed()[0]:
                return False
            if not TOTPDevice.objects.filter(user_id=locked.user_id, confirmed=True).exists():
                return False
            hashes = locked.code_hashes if len(candidate) == self.LENGTH else []
            match = next((h for h in hashes if check_password(candidate, h)), None)
            if match is None:
                locked.throttle_increment()
                return False
            locked.code_hashes = [h for h in locked.code_hashes if h != match]
            locked.throttle_reset(commit=False)
            locked.save()
        self.refresh_from_db()
        return True
