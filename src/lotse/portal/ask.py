"""What the portal's answer page shows for the matches of a question: title, link and a reason.

Routing (`lotse.ask.services.answer_question`) returns entries by id; here they are loaded again
through the public selectors, so an entry archived or unpublished a moment ago never shows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.urls import reverse

from lotse.directory import selectors
from lotse.directory.semantic import Match
from lotse.portal.display import Term, Text, service_view, text_of


@dataclass(frozen=True)
class Reason:
    """Why an entry is offered, in one line: a question people ask, else its topic."""

    example: str = ""
    example_language: str = ""
    topic: Term | None = None


@dataclass(frozen=True)
class Result:
    kind: str  # "service" or "page"
    url: str
    text: Text
    #: The organisation offering a service ("" for a page).
    organisation: str
    reason: Reason

    @property
    def title(self) -> str:
        return self.text.row.title if self.text.row is not None else ""

    @property
    def summary(self) -> str:
        return getattr(self.text.row, "summary", "") if self.text.row is not None else ""


def results(matches: list[Match], reader: str) -> list[Result]:
    """The matches the public may see, best first, ready for the template."""
    ids = {
        kind: [m.entry.pk for m in matches if m.entry.kind == kind] for kind in ("service", "page")
    }
    shown = list(dict.fromkeys([reader, settings.LANGUAGE_CODE, "en"]))
    services = {
        service.pk: service
        for service in selectors.with_public_relations(
            selectors.public_services().filter(pk__in=ids["service"]), languages=shown
        )
    }
    pages = {page.pk: page for page in selectors.public_info_pages().filter(pk__in=ids["page"])}
    found = []
    for match in matches:
        if match.entry.kind == "service" and match.entry.pk in services:
            found.append(_service_result(services[match.entry.pk], match, reader))
        elif match.entry.kind == "page" and match.entry.pk in pages:
            found.append(_page_result(pages[match.entry.pk], match, reader))
    return found


def _service_result(service: Any, match: Match, reader: str) -> Result:
    view = service_view(service, reader)
    return Result(
        kind="service",
        url=reverse("portal:service-detail", args=[service.pk]),
        text=view.text,
        organisation=view.organisation,
        reason=_reason(match, view.topics[0] if view.topics else None),
    )


def _page_result(page: Any, match: Match, reader: str) -> Result:
    return Result(
        kind="page",
        url=reverse("portal:page", kwargs={"slug": page.slug}),
        text=text_of(page, reader),
        organisation="",
        reason=_reason(match, None),
    )


def _reason(match: Match, topic: Term | None) -> Reason:
    if match.example:
        return Reason(example=match.example, example_language=match.example_language)
    return Reason(topic=topic)
