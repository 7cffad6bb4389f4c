"""What the portal shows of a service or page: texts in the reader's language, opening hours.

Everything here works on rows the directory selectors have already prefetched, so a list of 50
services costs no query more than a list of one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from babel import Locale, UnknownLocaleError
from babel.dates import format_interval, get_day_names
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language_info
from markdown_it import MarkdownIt

from lotse.directory import selectors
from lotse.portal.forms import ACCESS_LABELS, name_and_language


@dataclass
class Text:
    """The translation row shown and in which language it is (German when it fell back)."""

    row: Any
    language: str
    reader: str

    @property
    def is_fallback(self) -> bool:
        return self.language != self.reader

    @property
    def direction(self) -> str:
        return "rtl" if _info(self.language).get("bidi") else "ltr"

    @property
    def language_name(self) -> str:
        """The name of the shown language in the reader's language ("German", "الألمانية")."""
        return str(_info(self.language).get("name_translated", self.language))


def _info(code: str) -> dict[str, Any]:
    try:
        return get_language_info(code)
    except KeyError:  # a code Django does not know: say it as it is, left to right
        return {}


def text_of(obj: Any, reader: str) -> Text:
    row = obj.translation_for(reader)
    return Text(row=row, language=selectors.shown_language(row, reader), reader=reader)


@dataclass
class Term:
    name: str
    lang: str


def term(obj: Any, reader: str) -> Term:
    """A taxonomy term's name and the language it is in (names fall back to German)."""
    name, lang = name_and_language(obj.names, reader)
    return Term(name or str(obj.pk), lang)


@dataclass
class OpeningDay:
    name: str
    times: list[str] = field(default_factory=list)


def opening_days(slots: list[dict[str, Any]], reader: str) -> list[OpeningDay]:
    """Monday to Sunday with their opening times, formatted in the reader's language.

    Structured hours only; a day without a slot is closed. Bad rows are skipped, not fatal:
    the model validates them, but old data may predate the validator.
    """
    locale = _babel_locale(reader)
    names = get_day_names("wide", locale=locale)
    days = [OpeningDay(name=str(names[index])) for index in range(7)]
    parsed = []
    for slot in slots or []:
        try:
            day = int(slot["day"])
            opens = dt.time.fromisoformat(slot["opens"])
            closes = dt.time.fromisoformat(slot["closes"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= day <= 6:
            parsed.append((day, opens, closes))
    for day, opens, closes in sorted(parsed):
        days[day].times.append(format_interval(opens, closes, "Hm", locale=locale))
    return days


def _babel_locale(reader: str) -> str:
    try:
        Locale.parse(reader)
    except (UnknownLocaleError, ValueError):
        return "de"
    return reader


@dataclass
class ServiceView:
    """One service as a list row or a page shows it."""

    service: Any
    text: Text
    organisation: str
    districts: list[str]
    languages: list[Term]
    target_groups: list[Term]
    topics: list[Term]
    access: list[str]
    locations: list[Any]


@dataclass
class LocationView:
    location: Any
    days: list[OpeningDay]

    @property
    def has_hours(self) -> bool:
        return any(day.times for day in self.days)


def service_view(service: Any, reader: str, *, with_hours: bool = False) -> ServiceView:
    locations = list(service.locations.all())
    districts = []
    for location in locations:
        place = location.district or location.city
        if place and place not in districts:
            districts.append(place)
    return ServiceView(
        service=service,
        text=text_of(service, reader),
        organisation=service.organisation.name,
        districts=districts,
        languages=sorted(
            (term(lang, reader) for lang in service.languages.all()),
            key=lambda t: t.name.casefold(),
        ),
        target_groups=[term(group, reader) for group in service.target_groups.all()],
        topics=[term(topic, reader) for topic in service.topics.all()],
        access=[str(ACCESS_LABELS[m]) for m in ACCESS_LABELS if m in (service.access_modes or [])],
        locations=[
            LocationView(loc, opening_days(loc.opening_hours, reader) if with_hours else [])
            for loc in locations
        ],
    )


# --- Markdown -----------------------------------------------------------------------------------

# CommonMark without raw HTML: a `<script>` in a page body is shown as text, never run.
# markdown-it also refuses javascript:, vbscript: and file: links.
_markdown = MarkdownIt("commonmark", {"html": False})


def render_markdown(body: str) -> SafeString:
    """Render staff-written Markdown safely, its headings fitted under the page's h1."""
    tokens = _markdown.parse(body or "")
    _fit_headings(tokens)
    return mark_safe(_markdown.renderer.render(tokens, _markdown.options, {}))  # noqa: S308


def _fit_headings(tokens: list[Any]) -> None:
    """Make the top heading level h2 and never skip a level (WCAG 1.3.1, axe heading-order).

    Authors write "#" or "##" for a section and sometimes jump from "##" to "####"; the reader's
    screen reader should still get h2, h3, ... in order under the page title.
    """
    levels = [int(t.tag[1]) for t in tokens if t.type == "heading_open"]
    if not levels:
        return
    shift = min(levels) - 2
    previous = 1
    for token in tokens:
        if token.type == "heading_open":
            level = min(int(token.tag[1]) - shift, previous + 1, 6)
            token.tag = f"h{level}"
            previous = level
        elif token.type == "heading_close":
            token.tag = f"h{previous}"
