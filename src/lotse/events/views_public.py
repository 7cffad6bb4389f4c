"""Events on the portal: the calendar, an event, registration, series booking, calendar feeds,
and the participant's personal page behind the link from their e-mail. No login, no JavaScript,
phone first, in the reader's language.

The personal link's token is the participant's only credential (no account, no session). Its
pages are kept out of search engines, Referer headers and caches, and their forms carry no CSRF
token: a forged request would need the token, and with it could act anyway; and with
`Referrer-Policy: no-referrer` browsers send `Origin: null` with the form, which the CSRF check
would refuse (as the partner's answer page explains).

Spam on the registration forms (the honeypot filled, or sent faster than a person can) gets a
thank-you on the event page, and nothing is saved or sent: a script learns nothing. A flood from
one address meets the rate limit first (lotse.core.ratelimit): 429, and nothing is read.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods
from django_scopes import scopes_disabled

from lotse.core.access import post_only, public_view
from lotse.core.ratelimit import rate_limited
from lotse.events import calendar as ics_calendar
from lotse.events import certificates, links, selectors_public, services
from lotse.events.forms_public import (
    CalendarFilterForm,
    FeedbackForm,
    RegistrationForm,
    SeriesRegistrationForm,
    attach_error,
)
from lotse.events.models import Registration, RegistrationSource, RegistrationStatus
from lotse.events.selectors_public import reader_language

T = TypeVar("T")

#: Registrations the participant can still cancel themselves.
CANCELLABLE = (RegistrationStatus.REGISTERED, RegistrationStatus.WAITING)


def _private(response: HttpResponse) -> HttpResponse:
    """The personal link is a secret: keep it out of search engines, Referer headers, caches."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


def _calendar_response(content: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


# --- Calendar and event -------------------------------------------------------------------------


@public_view
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    reader = reader_language()
    form = CalendarFilterForm(
        request.GET or None, options=selectors_public.calendar_filter_options(reader=reader)
    )
    page = selectors_public.public_calendar(
        reader=reader, page=request.GET.get("page"), **form.filters()
    )
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "events/public/calendar.html",
        {"form": form, "page": page, "events": page.object_list, "query": query.urlencode()},
    )


@public_view
@require_GET
def event(request: HttpRequest, event_id: int) -> HttpResponse:
    view = selectors_public.public_event_get(event_id=event_id, reader=reader_language())
    return render(request, "events/public/event.html", {"view": view})


def _registered_message(request: HttpRequest, registration: Registration) -> None:
    if registration.status == RegistrationStatus.WAITING:
        position = selectors_public.waiting_positions([registration]).get(registration.pk, 1)
        text = _(
            "The event is full, so you are on the waiting list, number %(position)s. When a "
            "place becomes free, you move up automatically and we let you know."
        ) % {"position": position}
    else:
        text = _("You are registered. We look forward to seeing you.")
    if registration.email:
        text += " " + _("We have sent you an e-mail with the details and a calendar file.")
    else:
        text += " " + _(
            "Please bookmark this page or write down its address: with it you can cancel or "
            "add the event to your calendar."
        )
    messages.success(request, text)


def _spam_answer(request: HttpRequest, url: str) -> HttpResponse:
    messages.success(request, _("Thank you. We have received your registration."))
    return redirect(url)


def _write(form: RegistrationForm, write: Callable[[], T]) -> T | None:
    """Run the service (the portal has no office scope); its refusal goes onto the form."""
    try:
        with scopes_disabled():
            return write()
    except ValidationError as error:
        attach_error(form, error)
        return None


@public_view
@rate_limited("events.register")
@require_http_methods(["GET", "POST"])
def register(request: HttpRequest, event_id: int) -> HttpResponse:
    reader = reader_language()
    view = selectors_public.public_event_get(event_id=event_id, reader=reader)
    if not view.availability.can_register:
        # Closed, full or cancelled: the page says so instead of the form.
        return render(request, "events/public/register.html", {"view": view, "form": None})
    interpretation = [language.code for language in view.event.interpretation.all()]
    form = RegistrationForm(
        request.POST if request.method == "POST" else None,
        reader=reader,
        interpretation=interpretation,
    )
    event_url = reverse("events-public:event", args=[view.event.pk])
    # A form with mistakes is shown again first, so a quick person still sees them.
    if form.is_bound and form.honeypot_filled():
        return _spam_answer(request, event_url)
    if form.is_bound and form.is_valid():
        if form.looks_automated():
            return _spam_answer(request, event_url)
        registration = _write(
            form,
            lambda: services.register(
                event=view.event,
                source=RegistrationSource.PORTAL,
                consent_at=timezone.now(),
                **form.service_fields(),
            ),
        )
        if registration is not None:
            _registered_message(request, registration)
            return redirect(links.personal_path(registration, reader))
    context = {"view": view, "form": form, "token": form.token()}
    return render(request, "events/public/register.html", context)


# --- Programs and series ------------------------------------------------------------------------


def _program_page(
    request: HttpRequest, slug: str, form: SeriesRegistrationForm | None = None
) -> HttpResponse:
    reader = reader_language()
    page = selectors_public.public_program_get(slug=slug, reader=reader)
    if form is None and page.program.is_series and page.bookable:
        form = SeriesRegistrationForm(reader=reader, modules=page.bookable)
    context = {"page": page, "form": form, "token": form.token() if form else ""}
    return render(request, "events/public/program.html", context)


@public_view
@require_GET
def program(request: HttpRequest, slug: str) -> HttpResponse:
    return _program_page(request, slug)


@public_view
@rate_limited("events.series-register")
@require_http_methods(["GET", "POST"])
def series_register(request: HttpRequest, slug: str) -> HttpResponse:
    if request.method != "POST":
        return redirect(reverse("events-public:program", args=[slug]) + "#booking")
    reader = reader_language()
    page = selectors_public.public_program_get(slug=slug, reader=reader)
    program_url = reverse("events-public:program", args=[slug])
    if not page.program.is_series or not page.bookable:
        messages.error(request, _("This series cannot be booked at the moment."))
        return redirect(program_url)
    form = SeriesRegistrationForm(request.POST, reader=reader, modules=page.bookable)
    if form.honeypot_filled():
        return _spam_answer(request, program_url)
    if form.is_valid():
        if form.looks_automated():
            return _spam_answer(request, program_url)
        events = selectors_public.series_modules(program=page.program, event_ids=form.module_ids)
        registrations = _write(
            form,
            lambda: services.register_series(
                program=page.program,
                events=events,
                source=RegistrationSource.PORTAL,
                consent_at=timezone.now(),
                **form.service_fields(),
            ),
        )
        if registrations:
            _series_message(request, registrations)
            return redirect(links.personal_path(registrations[0], reader))
    return _program_page(request, slug, form)


def _series_message(request: HttpRequest, registrations: list[Registration]) -> None:
    waiting = sum(1 for r in registrations if r.status == RegistrationStatus.WAITING)
    text = _("Thank you for booking. You are registered for the modules listed below.")
    if waiting:
        text += " " + _(
            "Some modules are full: there you are on the waiting list and move up "
            "automatically when a place becomes free."
        )
    if registrations[0].email:
        text += " " + _("We have sent you an e-mail with the details.")
    else:
        text += " " + _(
            "Please bookmark this page or write down its address: with it you can cancel or "
            "add the modules to your calendar."
        )
    messages.success(request, text)


# --- Feeds --------------------------------------------------------------------------------------


@public_view
@require_GET
def event_ics(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors_public.event_for_feed(event_id=event_id)
    content = ics_calendar.ics([event], base_url=_base_url(request), language=reader_language())
    return _calendar_response(content, f"event-{event.pk}.ics")


@public_view
@require_GET
def program_feed(request: HttpRequest, slug: str) -> HttpResponse:
    program, events = selectors_public.program_feed(slug=slug)
    reader = reader_language()
    row = program.translation_for(reader)
    content = ics_calendar.ics(
        events,
        base_url=_base_url(request),
        language=reader,
        name=row.title if row else program.slug,
    )
    return _calendar_response(content, f"{program.slug}.ics")


# --- The personal link --------------------------------------------------------------------------


def _registration(token: str) -> Registration:
    registration = links.registration_for(token)
    if registration is None:
        raise Http404("No such registration.")
    return registration


def _personal_page(request: HttpRequest, token: str, registration: Registration) -> HttpResponse:
    reader = reader_language()
    rows = selectors_public.personal_page(registration=registration, reader=reader)
    for row in rows:
        if row.can_give_feedback:
            row.feedback_url = links.personal_path(row.registration, reader, page="my-feedback")
    progress = None
    if registration.event.program.is_series:
        progress = certificates.progress(registration)
    context: dict[str, Any] = {
        "token": token,
        "registration": registration,
        "rows": rows,
        "cancellable": [row for row in rows if row.can_cancel],
        "has_calendar": any(row.status != RegistrationStatus.CANCELLED for row in rows),
        "progress": progress,
        "office": registration.office,
    }
    return _private(render(request, "events/public/my.html", context))


@public_view
@require_GET
def my(request: HttpRequest, token: str) -> HttpResponse:
    return _personal_page(request, token, _registration(token))


@public_view
@csrf_exempt
@rate_limited("events.my-cancel")
@post_only
def my_cancel(request: HttpRequest, token: str) -> HttpResponse:
    """Ask once more (no JavaScript for a confirm box), then cancel and move others up."""
    registration = _registration(token)
    choice = request.POST.get("registration", "")
    chosen = selectors_public.personal_cancellable(registration=registration, public_id=choice)
    if chosen is None:
        # Not one of this link's registrations: the same answer as for a missing one.
        raise Http404("No such registration.")
    page_url = reverse("events-public:my", args=[token])
    live = [row for row in chosen if row.status in CANCELLABLE]
    if not live:
        messages.info(request, _("There is nothing left to cancel."))
        return _private(redirect(page_url))
    if request.POST.get("confirm") != "yes":
        reader = reader_language()
        context = {
            "token": token,
            "choice": choice,
            "chosen": live,
            "views": [selectors_public.event_view(row.event, reader) for row in live],
        }
        return _private(render(request, "events/public/my_cancel.html", context))
    problems: list[str] = []
    cancelled = 0
    for row in live:
        try:
            with scopes_disabled():
                services.cancel_registration(registration=row)
        except ValidationError as error:
            problems.extend(error.messages)
        else:
            cancelled += 1
    if cancelled:
        messages.success(
            request,
            _("Your registration is cancelled. Thank you for letting us know.")
            if cancelled == 1
            else _("Your registrations are cancelled. Thank you for letting us know."),
        )
    for problem in dict.fromkeys(problems):
        messages.error(request, problem)
    return _private(redirect(page_url))


@public_view
@csrf_exempt
@rate_limited("events.my-feedback")
@require_http_methods(["GET", "POST"])
def my_feedback(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    can_answer = (
        registration.status == RegistrationStatus.ATTENDED
        and registration.feedback_given_at is None
    )
    form = None
    if can_answer:
        form = FeedbackForm(request.POST if request.method == "POST" else None)
        if form.is_bound and form.is_valid():
            try:
                with scopes_disabled():
                    services.feedback_submit(
                        registration=registration,
                        rating=form.cleaned_data["rating"],
                        useful=form.cleaned_data["useful"],
                        comment=form.cleaned_data["comment"],
                    )
            except ValidationError as error:
                attach_error(form, error)
            else:
                messages.success(request, _("Thank you for your feedback."))
                return _private(redirect(reverse("events-public:my", args=[token])))
    view = selectors_public.event_view_of(registration=registration, reader=reader_language())
    context = {"token": token, "registration": registration, "view": view, "form": form}
    return _private(render(request, "events/public/feedback.html", context))


@public_view
@require_GET
def my_ics(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    events = selectors_public.personal_events(registration=registration)
    if not events:
        raise Http404("No event to add.")
    content = ics_calendar.ics(events, base_url=_base_url(request), language=reader_language())
    return _private(_calendar_response(content, "registration.ics"))


@public_view
@require_GET
def my_certificate(request: HttpRequest, token: str) -> HttpResponse:
    registration = _registration(token)
    if not registration.event.program.is_series:
        raise Http404("Certificates are for workshop series.")
    if not certificates.progress(registration).complete:
        raise Http404("The series is not completed yet.")
    pdf = certificates.certificate_pdf(registration, language=reader_language())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="certificate.pdf"'
    return _private(response)
