"""Records of processing activities (Art. 30 (1) GDPR), generated for an office.

One activity per purpose of the register (`register.REGISTER`): its legal bases, the people it
concerns, the data (the declared fields' names), who receives them, transfers to third
countries, and the retention periods with the office's own months. The technical and
organisational measures (Art. 32) are read from this installation's settings, so the record says
what the running system does rather than what someone once wrote down.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass
from numbers import Number
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import connection
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_scopes import scope

from lotse.core.models import Office
from lotse.core.pdf import html_to_pdf
from lotse.privacy import register
from lotse.privacy.models import RetentionRule

# The people each purpose concerns (Art. 30 (1) c).
NEWCOMERS = gettext_lazy("Newcomers who ask the office for advice")
FAMILY = gettext_lazy("Their family members")
VOLUNTEERS = gettext_lazy("Volunteers (welcome sponsors) and people applying to be one")
PARTICIPANTS = gettext_lazy("Participants of events")
STAFF = gettext_lazy("Staff of the office")
POOL = gettext_lazy("Interpreters and moderators")
CONTACTS = gettext_lazy("Contact persons at partner services")
ASKERS = gettext_lazy("People who ask a question on the portal (anonymous, without an account)")

# Recipients (Art. 30 (1) d).
NOBODY_OUTSIDE = gettext_lazy("Nobody outside the office.")
PARTNERS = gettext_lazy(
    "Partner services a person is referred to, with the person's consent (handover letter)."
)
INTERPRETERS = gettext_lazy(
    "Interpreters from the office's pool, for the consultations they interpret."
)
TANDEM = gettext_lazy(
    "The volunteer and the newcomer of a tandem, who learn each other's name and contact."
)

#: Art. 30 (1) e: the installation sends nothing to a third country or international body.
NO_TRANSFERS = gettext_lazy("None.")

#: Purpose (one of the register's constants, compared by identity: they are lazy texts) ->
#: (categories of data subjects, recipients, retention rules applied besides the declared ones).
PURPOSES: tuple[tuple[Any, tuple[Any, ...], tuple[Any, ...], tuple[str, ...]], ...] = (
    (register.COUNSELING, (NEWCOMERS, FAMILY), (PARTNERS, INTERPRETERS), ()),
    # Applications that ended without volunteering are erased by a rule of their own.
    (register.SPONSORS, (VOLUNTEERS, NEWCOMERS, FAMILY), (TANDEM,), ("applications-declined",)),
    (register.EVENTS, (PARTICIPANTS,), (NOBODY_OUTSIDE,), ()),
    (register.POOL, (POOL,), (NOBODY_OUTSIDE,), ()),
    (register.DIRECTORY, (CONTACTS,), (NOBODY_OUTSIDE,), ()),
    (register.QUESTIONS, (ASKERS,), (NOBODY_OUTSIDE,), ()),
    (register.STAFF, (STAFF,), (NOBODY_OUTSIDE,), ()),
)


@dataclass(frozen=True)
class DataCategory:
    """The personal data of one model: its name and the declared fields' names."""

    model: str
    label: str
    fields: tuple[str, ...]


@dataclass(frozen=True)
class Activity:
    purpose: str
    legal_bases: list[str]
    subjects: list[str]
    categories: list[DataCategory]
    recipients: list[str]
    transfers: str
    retention: list[str]


@dataclass(frozen=True)
class RuleLine:
    """An automatic retention rule as the office has set it."""

    rule: str
    label: str
    months: int
    automatic: bool
    text: str


@dataclass(frozen=True)
class Measure:
    """A technical or organisational measure (Art. 32), with the settings it is read from."""

    title: str
    text: str
    settings: tuple[str, ...] = ()


def office_rules(office: Office) -> dict[str, tuple[int, bool]]:
    """{rule: (months, applied automatically)} for every automatic rule of the office."""
    with scope(office=[office.pk]):
        rows = {
            row.rule: (row.months, row.enabled)
            for row in RetentionRule.objects.filter(office=office)
        }
    return {
        rule: rows.get(rule, (register.DEFAULT_MONTHS[rule], True))
        for rule, _label in register.AUTOMATIC_RULES
    }


def retention_line(rule: str, rules: dict[str, tuple[int, bool]]) -> str:
    """The rule in words with the office's months; says so when the office switched it off."""
    months, automatic = rules.get(rule, (None, True))
    text = register.retention_text(rule, months)
    if not automatic:
        text = _("%(rule)s (Not applied automatically at present: erased by hand.)") % {
            "rule": text
        }
    return text


def _field_label(model: Any, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name)


def build(office: Office, *, models: Collection[str] | None = None) -> list[Activity]:
    """The office's processing activities, one per purpose (only those touching `models`)."""
    rules = office_rules(office)
    activities = []
    for purpose, subjects, recipients, extra_rules in PURPOSES:
        declarations = [
            d
            for d in register.REGISTER
            if d.purpose is purpose and (models is None or d.model in models)
        ]
        if not declarations:
            continue
        bases = list(dict.fromkeys(d.legal_basis for d in declarations))
        rule_keys = list(dict.fromkeys([d.retention for d in declarations]))
        if models is None:
            rule_keys += [rule for rule in extra_rules if rule not in rule_keys]
        categories = []
        for declaration in declarations:
            model = apps.get_model(declaration.model)
            categories.append(
                DataCategory(
                    model=declaration.model,
                    label=capfirst(str(model._meta.verbose_name_plural)),
                    fields=tuple(_field_label(model, name) for name in declaration.fields),
                )
            )
        activities.append(
            Activity(
                purpose=str(purpose),
                legal_bases=[str(register.LEGAL_BASES[basis]) for basis in bases],
                subjects=[str(subject) for subject in subjects],
                categories=categories,
                recipients=[str(recipient) for recipient in recipients],
                transfers=str(NO_TRANSFERS),
                retention=[retention_line(rule, rules) for rule in rule_keys],
            )
        )
    return activities


def rule_lines(office: Office) -> list[RuleLine]:
    rules = office_rules(office)
    return [
        RuleLine(
            rule=rule,
            label=str(label),
            months=rules[rule][0],
            automatic=rules[rule][1],
            text=retention_line(rule, rules),
        )
        for rule, label in register.AUTOMATIC_RULES
    ]


def _database() -> str:
    return {"postgresql": "PostgreSQL", "sqlite": "SQLite"}.get(
        connection.vendor, connection.vendor
    )


def _hasher() -> str:
    name = settings.PASSWORD_HASHERS[0].rsplit(".", 1)[-1]
    return name.removesuffix("PasswordHasher") or name


def measures() -> list[Measure]:
    """The technical and organisational measures as this installation is configured."""
    idle = settings.LOTSE_SESSION_IDLE_MINUTES
    hours = settings.SESSION_COOKIE_AGE // 3600
    hsts = getattr(settings, "SECURE_HSTS_SECONDS", 0) or 0
    cooloff = getattr(settings, "AXES_COOLOFF_TIME", None)
    lockout = _("After %(limit)s failed logins a username is locked from that address") % {
        "limit": settings.AXES_FAILURE_LIMIT
    }
    if isinstance(cooloff, Number):
        lockout = _("%(lockout)s for %(minutes)s minutes.") % {
            "lockout": lockout,
            "minutes": round(float(cooloff) * 60),
        }
    else:
        lockout = f"{lockout}."
    return [
        Measure(
            _("Access control"),
            _(
                "Every staff member has a role in an office; the access policy grants each "
                "role only the actions it needs, and each office sees only its own records."
            ),
        ),
        Measure(
            _("Two-factor authentication"),
            _(
                "Staff who can see personal data log in with a password and a one-time code "
                "from an authenticator app; backup codes are stored hashed."
            )
            if settings.LOTSE_REQUIRE_2FA
            else _("Not required in this installation: staff log in with a password only."),
            ("LOTSE_REQUIRE_2FA",),
        ),
        Measure(
            _("Passwords"),
            _("Stored only as salted hashes (%(algorithm)s).") % {"algorithm": _hasher()},
            ("PASSWORD_HASHERS",),
        ),
        Measure(
            _("Sessions"),
            _(
                "A staff session ends after %(idle)s minutes without activity and after "
                "%(hours)s hours at most; logging out ends it on the server."
            )
            % {"idle": idle, "hours": hours},
            ("LOTSE_SESSION_IDLE_MINUTES", "LOTSE_SESSION_MAX_HOURS"),
        ),
        Measure(
            _("Failed logins"),
            lockout,
            ("LOTSE_LOGIN_FAILURE_LIMIT", "LOTSE_LOGIN_COOLOFF_MINUTES"),
        ),
        Measure(
            _("Encrypted connections"),
            _(
                "Only HTTPS; browsers are told to use nothing else for %(days)s days (HSTS), "
                "and cookies are sent over HTTPS only."
            )
            % {"days": hsts // 86400}
            if settings.PRODUCTION and hsts
            else _(
                "Not enforced by Lotse in this installation (it does not run in production "
                "mode); the web server in front of it must use HTTPS."
            ),
            ("LOTSE_ENV", "LOTSE_HSTS_SECONDS"),
        ),
        Measure(
            _("Storage"),
            _("All records are kept in one %(database)s database.") % {"database": _database()},
            ("DATABASE_URL",),
        ),
        Measure(
            _("Audit log"),
            _(
                "Changes to personal records are logged with who and when, naming records by "
                "number only; the database refuses to change or delete an entry."
            ),
        ),
        Measure(
            _("Backups"),
            _(
                "A daily database dump, encrypted before it leaves the server and copied to "
                "another site; restores are tested (see the operations guide, "
                "docs/operations.md)."
            ),
        ),
        Measure(
            _("Protection of the pages"),
            _(
                "A strict Content-Security-Policy (no inline scripts, no framing), pages with "
                "personal data are not cached, public forms are rate-limited per address "
                "(%(rate)s) and guarded against spam without a third-party captcha."
            )
            % {"rate": getattr(settings, "LOTSE_PUBLIC_FORM_RATE", "20/10m")},
            ("LOTSE_PUBLIC_FORM_RATE",),
        ),
        Measure(
            _("No outside requests"),
            _(
                "Pages load no fonts, scripts or images from other servers; there is no "
                "tracking and no third-party captcha."
            ),
        ),
        Measure(
            _("Retention and erasure"),
            _(
                "A nightly task anonymises or erases what the retention rules say is due, and "
                "logs every run; erasure on request leaves a confirmation without personal "
                "data."
            ),
        ),
    ]


def controller(office: Office) -> list[tuple[str, str]]:
    """The office's name and contact details as (label, value), the empty ones left out."""
    place = " ".join(part for part in (office.postal_code, office.city) if part)
    lines = [
        (_("Name"), office.name),
        (_("Address"), ", ".join(part for part in (office.street, place) if part)),
        (capfirst(_field_label(Office, "phone")), office.phone),
        (capfirst(_field_label(Office, "email")), office.email),
        (capfirst(_field_label(Office, "website")), office.website),
    ]
    return [(label, value) for label, value in lines if value]


def context(office: Office) -> dict[str, Any]:
    """Everything the page and the PDF show."""
    return {
        "office": office,
        "controller": controller(office),
        "activities": build(office),
        "rules": rule_lines(office),
        # Not an office's rule: the installation deletes finished background tasks (the texts of
        # e-mails sent, whatever the purpose) after a number of days.
        "installation_rules": [register.retention_text("task-results")],
        "measures": measures(),
        "generated_on": timezone.localdate(),
    }


def filename(office: Office, today: dt.date | None = None) -> str:
    today = today or timezone.localdate()
    return f"lotse-records-of-processing-{office.slug}-{today:%Y-%m-%d}.pdf"


def _pdf_html(office: Office) -> str:
    return render_to_string(
        "privacy/records/pdf.html",
        {
            **context(office),
            "language": translation.get_language() or "en",
            "bidi": translation.get_language_bidi(),
        },
    )


def to_pdf(office: Office) -> bytes:
    # The same guard as the statistics report: nothing is fetched, fonts come from the system.

    return html_to_pdf(_pdf_html(office))
