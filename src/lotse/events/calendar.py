"""iCalendar files: one event for a confirmation e-mail, a program's events as a feed."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

import icalendar
from django.utils import translation

from lotse.events.models import Event

PRODID = "-//Lotse//Welcome Center events//DE"


def _place(event: Event) -> str:
    if event.location_id:
        return str(event.location)
    return event.address or event.online_url


def _vevent(event: Event, *, base_url: str, language: str) -> icalendar.Event:
    with translation.override(language):
        row = event.translation_for(language)
        entry = icalendar.Event()
        entry.add("uid", f"event-{event.pk}@{urlsplit(base_url).hostname or 'lotse'}")
        entry.add("dtstamp", event.updated_at)
        entry.add("dtstart", event.local_start)
        entry.add("dtend", event.local_end)
        entry.add("summary", row.title if row else event.title)
        parts = (row.summary, row.description) if row else ()
        description = "\n\n".join(part for part in parts if part)
        if event.online_url:
            description = f"{description}\n\n{event.online_url}".strip()
        if description:
            entry.add("description", description)
        if _place(event):
            entry.add("location", _place(event))
        entry.add("url", f"{base_url}/{language}/events/{event.pk}/")
        entry.add("status", "CANCELLED" if event.is_cancelled else "CONFIRMED")
        entry.add("sequence", int(event.updated_at.timestamp()) % 2_000_000_000)
    return entry


def ics(events: Iterable[Event], *, base_url: str, language: str, name: str = "") -> str:
    """A calendar with `events` (prefetch translations and location for a feed)."""
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("method", "PUBLISH")
    if name:
        cal.add("x-wr-calname", name)
    for event in events:
        cal.add_component(_vevent(event, base_url=base_url.rstrip("/"), language=language))
    cal.add_missing_timezones()
    return cal.to_ical().decode()
