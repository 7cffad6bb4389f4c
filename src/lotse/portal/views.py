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
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from lotse.ask import services as ask_services
from lotse.core import ratelimit
from lotse.core.access import post_only, public_view
from lotse.core.models import TargetGroup, Topic
from lotse.core.network import client_ip_address
from lotse.core.ratelimit import rate_limited
from lotse.core.selectors import public_offices
from lotse.directory import selectors
from lotse.events import selectors_public as events_public
from lotse.portal import ask
from lotse.portal.display import render_markdown, service_view, text_of
from lotse.portal.forms import AskFeedbackForm, AskForm, BarrierReportForm, SearchForm
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


# --- Ask a question -----------------------------------------------------------------------------

#: A question embeds once and writes a log row, so it counts against a rate limit like a form's
#: submission, though it is a GET (`rate_limited` counts POSTs only). The budget is this many
#: times a form's: people rephrase a question two or three times, and a language class asks
#: from one school address.
ASK_RATE_FACTOR = 3


def _ask_limited(request: HttpRequest) -> HttpResponse | None:
    rate = ratelimit.configured_rate()
    if rate is None:
        return None
    budget = ratelimit.Rate(count=rate.count * ASK_RATE_FACTOR, seconds=rate.seconds)
    wait = ratelimit.hit(form="portal.ask", address=client_ip_address(request), rate=budget)
    return ratelimit.too_many(request, wait) if wait else None


def _private(response: HttpResponse) -> HttpResponse:
    """The address holds the question and the page a one-time feedback key: no copies kept,
    not indexed. (The site's Referrer-Policy, same-origin, already keeps the address from other
    sites; no-referrer would make the browser send "Origin: null" and fail the feedback's CSRF
    check.)"""
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


@public_view
@csrf_exempt
@require_http_methods(["GET", "POST"])
def ask_question(request: HttpRequest) -> HttpResponse:
    """The ask page; a question comes by POST, so it never stands in an address, a browser's
    history (a shared phone), a proxy's log or a Referer.

    Not CSRF-checked: the box sits in the header of every page, which would otherwise set a CSRF
    cookie for every reader; and a forged question gains nobody anything (no session, no
    account, nothing sent), while the rate limit bounds a flood. The feedback form is checked.
    """
    reader = _reader()
    offices = list(public_offices())
    form = AskForm(request.POST if request.method == "POST" else None, offices=offices)
    context: dict[str, Any] = {"form": form, "offices": offices, "several": len(offices) > 1}
    thanks = request.GET.get("thanks")
    if thanks in ("yes", "no") and not form.is_bound:
        chosen = {office.slug: office for office in offices}.get(request.GET.get("office", ""))
        context.update(thanks=thanks, contacts=[chosen] if chosen else offices)
        if chosen is not None:  # asking again starts from the same Welcome Center
            context["form"] = AskForm(initial={"office": chosen.slug}, offices=offices)
        return _private(render(request, "portal/ask.html", context))
    if form.is_bound and form.is_valid():
        refused = _ask_limited(request)
        if refused is not None:
            return refused
        office = form.chosen_office
        answer = ask_services.answer_question(
            question=form.cleaned_data["q"], language=reader, office=office
        )
        context.update(
            answered=True,
            answer=answer,
            results=ask.results(answer.matches, reader),
            office=office,
            contacts=[office] if office else offices,
        )
    return _private(render(request, "portal/ask.html", context))


@public_view
@rate_limited("portal.ask-feedback")
@post_only
def ask_feedback(request: HttpRequest) -> HttpResponse:
    """The answer to "Did this help?". Every valid answer gets the same thanks, whether the key
    was known or not, so the form tells nobody which questions were asked."""
    form = AskFeedbackForm(request.POST)
    if not form.is_valid():
        return redirect("portal:ask")
    helped = form.cleaned_data["helped"] == "yes"
    ask_services.record_feedback(key=form.cleaned_data["key"], helped=helped)
    # Never the question in this address: only the answer and the chosen office's short name.
    query = {"thanks": "yes" if helped else "no"}
    if form.cleaned_data["office"]:
        query["office"] = form.cleaned_data["office"]
    return redirect(f"{reverse('portal:ask')}?{urlencode(query)}")
