"""Staff pages of an event's participants: the list, registering someone by hand or at the door,
the check-in on a tablet, the printed attendance list, messages and reminders, and the
certificates of a workshop series.

Thin views: a form, one selector (reads) or one service (writes), a template. Another office's
event, program or registration is not found (the selectors answer 404), nor a registration of
another event than the one in the address; a role without the action gets 403.

The check-in page works without JavaScript (a GET search form, one POST per person, redirect
back); with HTMX the search filters as one types and a tap swaps only that person's row.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.http import content_disposition_header, urlencode
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core import policy
from lotse.core.access import post_only, staff_view
from lotse.events import certificates, services
from lotse.events import selectors_participants as selectors
from lotse.events.forms_participants import (
    AudienceForm,
    CheckinSearchForm,
    CheckinToggleForm,
    ManualRegistrationForm,
    MessageForm,
    ParticipantFilterForm,
    StatusAction,
    attach_error,
)
from lotse.events.models import (
    HOLDS_PLACE,
    Event,
    Registration,
    RegistrationSource,
    RegistrationStatus,
)

VIEW = "events.event.view"
MANAGE = "events.participant.manage"
PAGE_SIZE = 100
#: Empty lines at the end of the printed list, for walk-ins to sign.
BLANK_PRINT_ROWS = 8


def _event(request: HttpRequest, event_id: int, action: str = MANAGE) -> Event:
    return selectors.event_get(
        user=request.user, office=request.office, event_id=event_id, action=action
    )


def _registration(request: HttpRequest, event: Event, registration_id: int) -> Registration:
    return selectors.registration_get(
        user=request.user, office=request.office, event=event, registration_id=registration_id
    )


def _is_htmx(request: HttpRequest) -> bool:
    return request.headers.get("HX-Request") == "true"


def _with_query(url: str, **params: Any) -> str:
    params = {key: value for key, value in params.items() if value}
    return f"{url}?{urlencode(params, doseq=True)}" if params else url


def _places(event: Event, counts: dict[str, int]) -> dict[str, Any]:
    taken = sum(counts[status] for status in HOLDS_PLACE)
    full = event.capacity is not None and taken >= event.capacity
    free = None if event.capacity is None else max(event.capacity - taken, 0)
    return {"taken": taken, "full": full, "free": free}


# --- The participant list -----------------------------------------------------------------------


@staff_view(VIEW)
@require_GET
def participant_list(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event(request, event_id, action=VIEW)
    form = ParticipantFilterForm(request.GET)
    filters = form.filters()
    rows = selectors.participant_list(
        user=request.user, office=request.office, event=event, **filters
    )
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    positions = selectors.waiting_positions(event)
    for registration in page:
        registration.waiting_position = positions.get(registration.pk)
    counts = selectors.status_counts(event)
    now = timezone.now()
    context = {
        "event": event,
        "form": form,
        "filters": filters,
        "page": page,
        "query": query.urlencode(),
        "counts": [
            {"status": status, "label": label, "count": counts[status]}
            for status, label in RegistrationStatus.choices
        ],
        "total": sum(counts.values()),
        "places": _places(event, counts),
        "can_manage": policy.can(request.user, MANAGE, request.office),
        "attendance_open": selectors.attendance_open(event, now),
        "started": event.starts_at <= now,
        "still_registered": counts[RegistrationStatus.REGISTERED],
        "statuses": RegistrationStatus,
    }
    return render(request, "events/staff/participants/list.html", context)


@staff_view(MANAGE)
@post_only
def participant_status(request: HttpRequest, event_id: int, registration_id: int) -> HttpResponse:
    event = _event(request, event_id)
    registration = _registration(request, event, registration_id)
    form = StatusAction(request.POST)
    back = reverse("events:participant-list", kwargs={"event_id": event.pk})
    if not form.is_valid():
        messages.error(request, _("Choose what to do with the registration."))
        return redirect(back)
    data = form.cleaned_data
    back = _with_query(back, status=data["status"], q=data["q"])
    action = data["action"]
    name = registration.name
    try:
        if action == StatusAction.CANCEL:
            promoted = services.cancel_registration(registration=registration, by=request.user)
            text = _("The registration of %(name)s is cancelled; they are told by e-mail.") % {
                "name": name
            }
            if promoted:
                text += " " + ngettext(
                    "%(count)s person moved up from the waiting list and is told.",
                    "%(count)s people moved up from the waiting list and are told.",
                    len(promoted),
                ) % {"count": len(promoted)}
        elif action == StatusAction.ADMIT:
            services.admit_from_waiting_list(registration=registration, by=request.user)
            text = _("%(name)s has a place now and is told.") % {"name": name}
        else:
            services.set_attendance(registration=registration, by=request.user, status=action)
            text = _("%(name)s: %(status)s.") % {
                "name": name,
                "status": RegistrationStatus(action).label,
            }
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, text)
    return redirect(back)


@staff_view(MANAGE)
@post_only
def participants_absent(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event(request, event_id)
    try:
        count = services.mark_absent_rest(event=event, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext(
                "%(count)s person who was not checked in is marked as 'did not come'.",
                "%(count)s people who were not checked in are marked as 'did not come'.",
                count,
            )
            % {"count": count},
        )
    return redirect("events:participant-list", event_id=event.pk)


# --- Registering by hand ------------------------------------------------------------------------


def _registered_message(registration: Registration) -> str:
    name = registration.name
    if registration.status == RegistrationStatus.ATTENDED:
        return _("%(name)s is registered and checked in.") % {"name": name}
    if registration.status == RegistrationStatus.WAITING:
        return _(
            "The event is full: %(name)s is on the waiting list and moves up when a place "
            "becomes free."
        ) % {"name": name}
    if registration.email:
        return _("%(name)s is registered; the confirmation goes to %(email)s.") % {
            "name": name,
            "email": registration.email,
        }
    return _("%(name)s is registered. They gave no e-mail address: tell them the details.") % {
        "name": name
    }


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def participant_add(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event(request, event_id)
    counts = selectors.status_counts(event)
    places = _places(event, counts)
    initial = {"walk_in": request.GET.get("door") == "1", "language": "de"}
    form = ManualRegistrationForm(request.POST or None, initial=initial, full=places["full"])
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.register(event=event, by=request.user, **form.service_fields())
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _registered_message(registration))
            if registration.source == RegistrationSource.DOOR:
                return redirect("events:checkin", event_id=event.pk)
            return redirect("events:participant-list", event_id=event.pk)
    context = {
        "event": event,
        "form": form,
        "places": places,
        "door": request.GET.get("door") == "1" or form["walk_in"].value(),
    }
    return render(request, "events/staff/participants/add.html", context)


# --- Check-in at the door -----------------------------------------------------------------------


def _checkin_context(event: Event, q: str) -> dict[str, Any]:
    return {
        "event": event,
        "q": q,
        "count": selectors.checkin_count(event),
        "attendance_open": selectors.attendance_open(event),
    }


@staff_view(MANAGE)
@require_GET
def checkin(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event(request, event_id)
    form = CheckinSearchForm(request.GET)
    q = form.query()
    rows = list(selectors.checkin_list(user=request.user, office=request.office, event=event, q=q))
    context = {**_checkin_context(event, q), "form": form, "rows": rows}
    template = (
        "events/staff/participants/_checkin_results.html"
        if _is_htmx(request)
        else "events/staff/participants/checkin.html"
    )
    response = render(request, template, context)
    # The same address answers HTMX with the list only: caches must keep the two apart.
    patch_vary_headers(response, ["HX-Request"])
    return response


@staff_view(MANAGE)
@post_only
def checkin_toggle(request: HttpRequest, event_id: int, registration_id: int) -> HttpResponse:
    event = _event(request, event_id)
    registration = _registration(request, event, registration_id)
    form = CheckinToggleForm(request.POST)
    q = form.data.get("q", "")[: selectors.MAX_SEARCH]
    error = ""
    if not form.is_valid():
        error = _("Tap the button once more.")
    elif registration.status != form.cleaned_data["status"]:
        try:
            registration = services.set_attendance(
                registration=registration, by=request.user, status=form.cleaned_data["status"]
            )
        except ValidationError as failure:
            error = " ".join(failure.messages)
    if _is_htmx(request):
        context = {
            **_checkin_context(event, q),
            "row": registration,
            "error": error,
            "toggled": True,
        }
        return render(request, "events/staff/participants/_checkin_toggled.html", context)
    if error:
        messages.error(request, error)
    back = _with_query(reverse("events:checkin", kwargs={"event_id": event.pk}), q=q)
    return redirect(f"{back}#checkin-row-{registration.pk}")


# --- The printed attendance list ----------------------------------------------------------------


@staff_view(MANAGE)
@require_GET
def attendance_print(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event(request, event_id)
    rows = list(selectors.checkin_list(user=request.user, office=request.office, event=event))
    context = {
        "event": event,
        "rows": rows,
        "blank_rows": range(len(rows) + 1, len(rows) + 1 + BLANK_PRINT_ROWS),
        "statuses": RegistrationStatus,
    }
    return render(request, "events/staff/participants/attendance_print.html", context)


# --- Messages and reminders ---------------------------------------------------------------------


def _render_message(
    request: HttpRequest, event: Event, form: MessageForm, statuses: list[str]
) -> HttpResponse:
    context = {
        "event": event,
        "form": form,
        "statuses": statuses,
        "status_labels": [RegistrationStatus(status).label for status in statuses],
        "audience": selectors.message_audience(
            user=request.user, office=request.office, event=event, statuses=statuses
        ),
        "started": event.starts_at <= timezone.now(),
    }
    return render(request, "events/staff/participants/message.html", context)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def participant_message(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event(request, event_id)
    data = request.POST if request.method == "POST" else request.GET
    statuses = AudienceForm(data).chosen()
    if request.method == "GET":
        return _render_message(
            request, event, MessageForm(initial={"statuses": statuses}), statuses
        )
    form = MessageForm(request.POST)
    if "preview" in request.POST:
        # Only show whom the chosen statuses reach; keep what was written, send nothing.
        initial = {name: request.POST.get(name, "") for name in ("subject", "body")}
        form = MessageForm(initial={**initial, "statuses": statuses})
        return _render_message(request, event, form, statuses)
    if form.is_valid():
        try:
            count = services.message_participants(
                office=request.office,
                by=request.user,
                event=event,
                subject=form.cleaned_data["subject"],
                body=form.cleaned_data["body"],
                statuses=form.cleaned_data["statuses"],
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The message went to %(count)s person by e-mail.",
                    "The message went to %(count)s people by e-mail.",
                    count,
                )
                % {"count": count},
            )
            url = reverse("events:participant-message", kwargs={"event_id": event.pk})
            return redirect(_with_query(url, statuses=form.cleaned_data["statuses"]))
    return _render_message(request, event, form, statuses)


@staff_view(MANAGE)
@post_only
def send_reminders(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _event(request, event_id)
    count = services.send_reminders(event=event)
    if count:
        messages.success(
            request,
            ngettext(
                "%(count)s reminder was sent by e-mail. People who gave only a phone number "
                "need a call.",
                "%(count)s reminders were sent by e-mail. People who gave only a phone number "
                "need a call.",
                count,
            )
            % {"count": count},
        )
    else:
        messages.info(
            request,
            _(
                "No reminder was sent: everyone with a place and an e-mail address had one "
                "already, or the event is not published or has begun."
            ),
        )
    return redirect("events:participant-message", event_id=event.pk)


# --- Certificates of a workshop series ----------------------------------------------------------


@staff_view(MANAGE)
@require_GET
def certificate_list(request: HttpRequest, program_id: int) -> HttpResponse:
    program = selectors.program_get(user=request.user, office=request.office, program_id=program_id)
    context = {
        "program": program,
        "rows": selectors.series_participants(
            user=request.user, office=request.office, program=program
        ),
    }
    return render(request, "events/staff/certificates/list.html", context)


@staff_view(MANAGE)
@require_GET
def certificate_pdf(request: HttpRequest, program_id: int, registration_id: int) -> HttpResponse:
    program = selectors.program_get(user=request.user, office=request.office, program_id=program_id)
    registration = selectors.series_registration_get(
        user=request.user, office=request.office, program=program, registration_id=registration_id
    )
    try:
        pdf = certificates.certificate_pdf(registration)
    except ValidationError as error:
        context = {
            "program": program,
            "registration": registration,
            "progress": certificates.progress(registration),
            "errors": error.messages,
        }
        return render(request, "events/staff/certificates/incomplete.html", context, status=409)
    response = HttpResponse(pdf, content_type="application/pdf")
    filename = "{}-{}.pdf".format(
        slugify(_("certificate")) or "certificate", slugify(registration.name) or registration.pk
    )
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response
