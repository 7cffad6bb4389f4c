"""The message catalogs: German complete, portal languages cover the portal, .mo files current."""

from __future__ import annotations

from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

LOCALE = Path(settings.LOCALE_PATHS[0])


def catalog(language: str):
    with (LOCALE / language / "LC_MESSAGES" / "django.po").open("rb") as handle:
        return read_po(handle, locale=language)


def test_every_german_text_is_translated_and_compiled() -> None:
    messages = [m for m in catalog("de") if m.id]
    assert messages
    untranslated = [m.id for m in messages if not m.string or m.fuzzy]
    assert untranslated == []
    with translation.override("de"):
        stale = [
            m.id
            for m in messages
            if isinstance(m.id, str) and not m.context and translation.gettext(m.id) != m.string
        ]
    assert stale == [], "run `make messages`: the .mo file is older than the .po file"


@pytest.mark.parametrize(
    "language", [code for code, _ in settings.LANGUAGES if code not in {"de", "en"}]
)
def test_each_portal_language_covers_the_portal_shell(language: str) -> None:
    portal = [
        m
        for m in catalog(language)
        if m.id and any(("templates/portal/" in path and "/email/" not in path)
                        or path.endswith("templates/base.html")
                        for path, _line in m.locations)
    ]  # fmt: skip
    assert portal
    assert [m.id for m in portal if not m.string or m.fuzzy] == []


#: What a newcomer reads of the events: the portal pages, the e-mails, the certificate, and the
#: messages of the forms and services behind them.
EVENT_SOURCES = (
    "templates/events/public/",
    "templates/events/email/",
    "templates/events/pdf/",
    "events/forms_public.py",
    "events/views_public.py",
    "events/selectors_public.py",
    "events/services.py",
    "events/certificates.py",
)


@pytest.mark.parametrize(
    "language", [code for code, _ in settings.LANGUAGES if code not in {"de", "en"}]
)
def test_each_portal_language_covers_what_event_participants_read(language: str) -> None:
    from lotse.events.models import EventStatus, ProgramKind, RegistrationStatus

    with translation.override(None):  # the msgids themselves
        labels = {
            str(label)
            for label in (*RegistrationStatus.labels, *EventStatus.labels, *ProgramKind.labels)
        }
    read = [
        m
        for m in catalog(language)
        if m.id
        and (
            any(source in path for path, _line in m.locations for source in EVENT_SOURCES)
            or m.id in labels
        )
    ]
    assert len(read) > 100
    assert [
        m.id
        for m in read
        if not m.string or (isinstance(m.string, tuple) and not all(m.string)) or m.fuzzy
    ] == []
