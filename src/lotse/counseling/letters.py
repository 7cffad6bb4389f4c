"""The handover letter to a partner: German, plus the client's language where the office has a
template in it (or Lotse ships one), with `$placeholders` an office may reword."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from string import Template
from typing import TYPE_CHECKING

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from lotse.core.models import pick_translation
from lotse.core.tasks import send_email

if TYPE_CHECKING:
    from lotse.core.models import User
    from lotse.counseling.models import Referral

PLACEHOLDERS = {
    "person": _lazy("name or pseudonym of the person"),
    "client_number": _lazy("the office's client number"),
    "languages": _lazy("languages the person speaks"),
    "service": _lazy("the service referred to"),
    "organisation": _lazy("the partner organisation"),
    "topic": _lazy("the topic of the referral"),
    "reason": _lazy("the reason for the referral"),
    "office": _lazy("the Welcome Center"),
    "office_phone": _lazy("the Welcome Center's phone"),
    "office_email": _lazy("the Welcome Center's e-mail"),
    "counselor": _lazy("the counselor who sends the letter"),
    "link": _lazy("the partner's link to confirm arrival or completion"),
}

#: Lotse's own wording; an office's LetterTemplate in a language replaces it.
DEFAULT_TEMPLATES: dict[str, tuple[str, str]] = {
    "de": (
        "Verweisung durch $office: $person ($client_number)",
        """Guten Tag,

wir haben $person ($client_number) an Ihr Angebot „$service“ ($organisation) verwiesen.
Die Person hat der Weitergabe dieser Angaben an Sie zugestimmt.

Thema: $topic
Anlass: $reason
Sprachen: $languages

Bitte geben Sie uns über diesen Link kurz Bescheid, sobald die Person bei Ihnen angekommen ist
oder die Beratung abgeschlossen ist, oder wenn Sie sie nicht übernehmen können:
$link

Der Link ist persönlich; er zeigt keine weiteren Daten und braucht kein Konto.

Vielen Dank und freundliche Grüße
$counselor
$office · $office_phone · $office_email
""",
    ),
    "en": (
        "Referral from $office: $person ($client_number)",
        """Hello,

we have referred $person ($client_number) to your service "$service" ($organisation).
The person has agreed that we pass these details on to you.

Topic: $topic
Reason: $reason
Languages: $languages

Please let us know through this link once the person has arrived or the counseling is
complete, or if you cannot take them on:
$link

The link is personal; it shows no further data and needs no account.

Many thanks and kind regards
$counselor
$office · $office_phone · $office_email
""",
    ),
}


def validate_template(subject: str, body: str) -> None:
    """Refuse unknown or broken placeholders with a message naming them."""
    errors = []
    for text in (subject, body):
        template = Template(text)
        if not template.is_valid():
            errors.append(
                _("A $ sign must start a placeholder like $person; write $$ for a dollar sign.")
            )
            continue
        unknown = sorted(set(template.get_identifiers()) - set(PLACEHOLDERS))
        if unknown:
            errors.append(_("Unknown placeholders: %(names)s.") % {"names": ", ".join(unknown)})
    if "$link" not in body and "${link}" not in body:
        errors.append(_("The text must contain $link, the partner's link to answer."))
    if not subject.strip() or not body.strip():
        errors.append(_("Subject and text are required."))
    if errors:
        raise ValidationError(errors)


def template_for(office_id: int, language: str) -> tuple[str, str] | None:
    from lotse.counseling.models import LetterTemplate

    row = LetterTemplate.objects.filter(office_id=office_id, language=language).first()
    if row is not None:
        return row.subject, row.body
    return DEFAULT_TEMPLATES.get(language)


@dataclass
class Letter:
    subject: str
    body: str
    languages: list[str]


def values(*, referral: Referral, link: str, sender: User, language: str) -> dict[str, str]:
    person, service, office = referral.person, referral.service, referral.office
    title = service.translation_for(language)
    return {
        "person": person.display_name if person else "",
        "client_number": person.client_number if person else "",
        "languages": ", ".join(
            pick_translation(lang.names, lang.code, language) for lang in person.languages.all()
        )
        if person
        else "",
        "service": title.title if title else service.title,
        "organisation": service.organisation.name,
        "topic": pick_translation(referral.topic.names, "", language) if referral.topic else "–",
        "reason": referral.reason or "–",
        "office": office.name,
        "office_phone": office.phone,
        "office_email": office.email,
        "counselor": sender.get_full_name() or sender.username,
        "link": link,
    }


def compose(*, referral: Referral, link: str, sender: User) -> Letter:
    """German first; the person's preferred language below it when a template exists."""
    languages = ["de"]
    preferred = referral.person.preferred_language_id if referral.person else None
    if preferred and preferred != "de" and template_for(referral.office_id, preferred):
        languages.append(preferred)
    subjects, bodies = [], []
    for language in languages:
        subject, body = template_for(referral.office_id, language) or DEFAULT_TEMPLATES["de"]
        filled = values(referral=referral, link=link, sender=sender, language=language)
        subjects.append(Template(subject).safe_substitute(filled))
        bodies.append(Template(body).safe_substitute(filled))
    return Letter(subject=subjects[0], body="\n\n— — —\n\n".join(bodies), languages=languages)


def queue(letter: Letter, *, recipient: str, reply_to: str = "") -> None:
    """Send after the transaction commits, through the task queue."""
    transaction.on_commit(
        partial(
            send_email.enqueue,
            subject=letter.subject,
            body=letter.body,
            to=[recipient],
            reply_to=[reply_to] if reply_to else None,
        )
    )
