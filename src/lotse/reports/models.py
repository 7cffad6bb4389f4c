"""What an office configures about its reports: funder templates and the small-numbers threshold.

The figures themselves hold no rows here: they are computed from the other apps' data on demand
(figures.py). These tables keep only choices: which figures a funder wants, in which order and
under which labels, and below which count a public export withholds a number.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_scopes import ScopedManager

from lotse.core.models import Office

DEFAULT_THRESHOLD = 5
MIN_THRESHOLD = 1
MAX_THRESHOLD = 50


class ReportSettings(models.Model):
    """One row per office; an office without a row uses the defaults."""

    office = models.OneToOneField(
        Office, on_delete=models.CASCADE, related_name="+", verbose_name=_("office")
    )
    small_number_threshold = models.PositiveSmallIntegerField(
        _("smallest number shown in public reports"),
        default=DEFAULT_THRESHOLD,
        validators=[MinValueValidator(MIN_THRESHOLD), MaxValueValidator(MAX_THRESHOLD)],
        help_text=_(
            "Public exports show any count below this number as “< n”, so that nobody can be "
            "recognised in a small group. Staff exports show exact numbers."
        ),
    )
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("report settings")
        verbose_name_plural = _("report settings")

    def __str__(self) -> str:
        return str(self.office)


class FunderTemplate(models.Model):
    """The figures a funder asks for (e.g. the ESF indicator sheet), in its order and words."""

    office = models.ForeignKey(
        Office, on_delete=models.PROTECT, related_name="+", verbose_name=_("office")
    )
    name = models.CharField(
        _("name"), max_length=200, help_text=_("For example: ESF indicator sheet.")
    )
    funder = models.CharField(
        _("funder"),
        max_length=200,
        blank=True,
        help_text=_("Who receives the report, for example: European Social Fund."),
    )
    public = models.BooleanField(
        _("for the public"),
        default=False,
        help_text=_(
            "Reports with this template always withhold small numbers, as for a publication."
        ),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("changed"), auto_now=True)

    objects = ScopedManager(office="office")

    class Meta:
        verbose_name = _("funder template")
        verbose_name_plural = _("funder templates")
        ordering = ["name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["office", "name"],
                name="reports_template_name_unique",
                violation_error_message=_("Your office has a template with this name already."),
            )
        ]

    def __str__(self) -> str:
        return self.name


def validate_figure_key(value: str) -> None:
    from lotse.reports import figures

    try:
        figures.get(value)
    except KeyError:
        raise ValidationError(
            _("There is no figure “%(key)s”."), code="unknown_figure", params={"key": value}
        ) from None


class FunderTemplateItem(models.Model):
    """One figure of a template: its place and, optionally, the funder's name for it."""

    template = models.ForeignKey(
        FunderTemplate,
        on_delete=models.CASCADE,
        related_name="items",
        verbose_name=_("template"),
    )
    position = models.PositiveSmallIntegerField(_("position"))
    #: A key of the figure registry (lotse.reports.figures); checked when saved. A figure that
    #: later leaves the registry stays stored and is skipped by exports until it is removed.
    figure_key = models.CharField(_("figure"), max_length=100, validators=[validate_figure_key])
    label = models.CharField(
        _("label in this report"),
        max_length=200,
        blank=True,
        help_text=_("Leave empty to use the figure's own name."),
    )

    objects = ScopedManager(office="template__office")

    class Meta:
        verbose_name = _("template figure")
        verbose_name_plural = _("template figures")
        ordering = ["template", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "figure_key"],
                name="reports_template_item_figure_unique",
                violation_error_message=_("A template lists each figure once."),
            ),
            models.UniqueConstraint(
                fields=["template", "position"], name="reports_template_item_position_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.label or self.figure_key
