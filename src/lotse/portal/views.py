"""The public portal: read-only, in every configured language, phone first, no JavaScript needed.

Views are thin: a form, one selector call, a template. The language comes from the URL prefix.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core.access import public_view
from lotse.core.models import TargetGroup, Topic
from lotse.core.ratelimit import rate_limited
from lotse.core.selectors import public_offices
from lotse.directory import selectors
from lotse.events import selectors_public as events_public
from lotse.portal.display import render_markdown, service_view, text_of
from lotse.portal.forms import BarrierReportForm, SearchForm
from lotse.portal.services import barrier_report_send

#: A page of results; beyond this the reader is asked to add a word or a filter.
RESULT_LIMIT = selectors.PORTAL_PAGE_SIZE
#: When the accessibility statement was last reviewed (update it with the statement's text).
STATEMENT_DATE = dt.date(2026, 11, 21)


def _reader() -> str:
    return (get_language() or "de").split("-")[0]


@dataclass(frozen=True)
class EntryPoint:
    title: Promise
    text: Promise
    #: Filters to try in order: the first whose terms exist in this installation is used.
    presets: tuple[dict[str, str], ...]


ENTRY_POINTS = (
    EntryPoint(
        _("New here"),
        _("Registering your address, documents and your first steps."),
        ({"topic": "registration"},),
    ),
    EntryPoint(
        _("Work"), _("Finding a job, applications, your rights at work."), ({"topic": "work"},)
    ),
    EntryPoint(
        _("Studies"),
        _("Admission, paying for your studies, working as a student."),
        ({"topic": "studies"},),
    ),
    EntryPoint(
        _("Family"),
        _("Bringing your family, daycare, school, benefits for families."),
        ({"topic": "family"},),
    ),
    EntryPoint(
        _("Refugees"),
        _("The asylum procedure, legal advice and support."),
        ({"target_group": "refugee"}, {"topic": "asylum"}),
    ),
    EntryPoint(
        _("Employers"),
        _("Hiring people from abroad and welcoming them in your company."),
        ({"target_group": "employer"}, {"topic": "work"}),
    ),
)


def _entry_links() -> list[dict[str, Any]]:
    known = {
        "topic": set(Topic.objects.filter(parent__isnull=True).values_list("slug", flat=True)),
        "target_group": set(TargetGroup.objects.values_list("slug", flat=True)),
    }
    search = reverse("portal:search")
    links = []
    for entry in ENTRY_POINTS:
        for preset in entry.presets:
            if all(value in known[key] for key, value in preset.items()):
                url = f"{search}?{urlencode(preset)}"
                links.append({"title": entry.title, "text": entry.text, "url": url})
                break
    return links


@public_view
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    reader = _reader()
    pages = [(page, text_of(page, reader)) for page in selectors.public_info_pages()]
    context = {
        "offices": public_offices(),
        "entry_points": _entry_links(),
        "pages": pages,
        "events": events_public.upcoming_events(reader=reader, limit=3),
    }
    return render(request, "portal/home.html", context)


#: How far a reader can page; beyond it, a word or a filter serves better than paging.
MAX_PAGES = 10


def _find(form: SearchForm, reader: str, page: int) -> tuple[list[Any], bool]:
    """The services of one page of results and whether another page follows."""
    end = page * RESULT_LIMIT
    found = selectors.public_service_search(
        query=form.query,
        language=reader,
        spoken_language=form.spoken_language,
        limit=end + 1,
        **form.filters(),
    )
    return found[end - RESULT_LIMIT : end], len(found) > end


def _page_number(request: HttpRequest) -> int:
    try:
        return min(max(int(request.GET.get("page", "1")), 1), MAX_PAGES)
    except ValueError:
        return 1


@public_view
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    reader = _reader()
    form = SearchForm(request.GET or None, reader=reader)
    results: list[Any] = []
    more = False
    page = _page_number(request)
    if form.is_bound:
        form.is_valid()  # errors are shown next to their field; the valid parts still search
    searched = form.is_bound and form.has_criteria
    if searched:
        services, more = _find(form, reader, page)
        results = [service_view(service, reader) for service in services]
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "results": results,
        "more": more and page < MAX_PAGES,
        "searched": searched,
        "page": page,
        "paged": page > 1 or more,
        "first": (page - 1) * RESULT_LIMIT + 1,
        "last": (page - 1) * RESULT_LIMIT + len(results),
        "query": query.urlencode(),
    }
    return render(request, "portal/search.html", context)


@public_view
@require_GET
def service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    service = selectors.public_service_get(service_id=service_id)
    return render(
        request,
        "portal/service_detail.html",
        {"view": service_view(service, _reader(), with_hours=True)},
    )


@public_view
@require_GET
def service_print(request: HttpRequest, service_id: int) -> HttpResponse:
    service = selectors.public_service_get(service_id=service_id)
    detail_url = reverse("portal:service-detail", args=[service.pk])
    return render(
        request,
        "portal/service_print.html",
        {
            "view": service_view(service, _reader(), with_hours=True),
            "detail_url": detail_url,
            "absolute_url": request.build_absolute_uri(detail_url),
            "printed_on": timezone.localdate(),
        },
    )


@public_view
@require_GET
def page(request: HttpRequest, slug: str) -> HttpResponse:
    info_page = selectors.public_info_page_get(slug=slug)
    text = text_of(info_page, _reader())
    body = render_markdown(text.row.body if text.row is not None else "")
    return render(request, "portal/page.html", {"page": info_page, "text": text, "body": body})


@public_view
@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "portal/accessibility.html",
        {"offices": public_offices(), "statement_date": STATEMENT_DATE},
    )


def _referring_page(request: HttpRequest) -> str:
    """The portal page the reader came from, path only: a query may hold what they searched."""
    referer = urlsplit(request.META.get("HTTP_REFERER", ""))
    if referer.netloc != request.get_host() or not referer.path:
        return ""
    if referer.path == reverse("portal:barrier-report"):
        return ""
    return referer.path[:300]


@public_view
@rate_limited("portal.barrier-report")
@require_http_methods(["GET", "POST"])
def barrier_report(request: HttpRequest) -> HttpResponse:
    sent_url = f"{reverse('portal:barrier-report')}?sent=1"
    if request.method == "POST":
        form = BarrierReportForm(request.POST)
        # Spam gets the same answer as a person, and nothing is sent or logged. A form with
        # mistakes is shown again first, so a quick person still sees what to correct.
        if form.honeypot_filled():
            return redirect(sent_url)
        if form.is_valid():
            if not form.looks_automated():
                barrier_report_send(
                    page=form.cleaned_data["page"],
                    barrier=form.cleaned_data["barrier"],
                    email=form.cleaned_data["email"],
                    language=_reader(),
                )
            return redirect(sent_url)
    elif request.GET.get("sent"):
        return render(request, "portal/barrier_report_sent.html")
    else:
        form = BarrierReportForm(initial={"page": _referring_page(request)})
    return render(request, "portal/barrier_report.html", {"form": form, "token": form.token()})
