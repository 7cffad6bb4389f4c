"""The event managers' pages: events, the calendar, programs, texts in other languages, staffing.

Thin views: a form, one selector (reads) or one service (writes), a template. Another office's
event, program or staffing row is not found (the selectors answer 404); a role without the
action gets 403. Participants, the door and messages live in `views_participants`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core import policy
from lotse.core.access import post_only, staff_view
from lotse.directory.models import translation_status
from lotse.events import selectors, services
from lotse.events.forms import (
    COMMON_ZONES,
    CancelForm,
    CopyForm,
    EventFilterForm,
    EventForm,
    ProgramForm,
    RoleFilterForm,
    StaffingForm,
    TranslationForm,
    attach_error,
)
from lotse.events.models import (
    Event,
    EventStatus,
    EventTranslation,
    Program,
    ProgramTranslation,
    RegistrationStatus,
)
from lotse.pool.models import PoolRole

PAGE_SIZE = 50
VIEW = selectors.VIEW
MANAGE = selectors.MANAGE
PROGRAM_MANAGE = selectors.PROGRAM_MANAGE


def _page_of(request: HttpRequest, items: Any) -> tuple[Any, str]:
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _can(request: HttpRequest, action: str) -> bool:
    return policy.can(request.user, action, request.office)


# --- The list and the calendar ------------------------------------------------------------------


@staff_view(VIEW)
@require_GET
def event_list(request: HttpRequest) -> HttpResponse:
    programs = selectors.programs_of(user=request.user, office=request.office)
    form = EventFilterForm(request.GET or None, programs=programs)
    filters = form.filters() if request.GET else {"when": "upcoming", "program": None, "q": ""}
    events = selectors.event_list(user=request.user, office=request.office, **filters)
    page, query = _page_of(request, events)
    warnings = selectors.warnings_by_event(page.object_list)
    rows = [
        {
            "event": event,
            "places_left": selectors.places_left(event),
            "warnings": len(warnings.get(event.pk, [])),
        }
        for event in page.object_list
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query,
        "when": filters["when"],
        "filtered": bool(filters["program"] or filters["q"]),
        "can_manage": _can(request, MANAGE),
        "statuses": EventStatus,
    }
    return render(request, "events/staff/event_list.html", context)


def _month_of(value: str | None) -> dt.date:
    """`?month=2026-12` as its first day; anything else is this month."""
    today = timezone.localdate()
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return dt.date(year, month, 1) if 1900 < year < 2200 else today.replace(day=1)
    except ValueError:
        return today.replace(day=1)


@staff_view(VIEW)
@require_GET
def event_calendar(request: HttpRequest) -> HttpResponse:
    first = _month_of(request.GET.get("month"))
    month = selectors.calendar_month(
        user=request.user, office=request.office, year=first.year, month=first.month
    )
    context = {
        "month": month,
        "weekdays": [dt.date(2024, 1, day) for day in range(1, 8)],  # a Monday to a Sunday
        "can_manage": _can(request, MANAGE),
        "statuses": EventStatus,
    }
    return render(request, "events/staff/event_calendar.html", context)


# --- Creating and changing an event -------------------------------------------------------------


def _event_form(request: HttpRequest, event: Event | None) -> EventForm:
    kept_places = [event.location_id] if event and event.location_id else []
    kept_partners = [o.pk for o in event.partners.all()] if event else []
    extra = {"event": event} if event else {"initial": _new_event_initial(request)}
    return EventForm(
        request.POST or None,
        programs=selectors.programs_for_form(
            user=request.user, office=request.office, keep=event.program if event else None
        ),
        places=selectors.places_for_form(
            user=request.user, office=request.office, keep=kept_places
        ),
        partners=selectors.partners_for_form(
            user=request.user, office=request.office, keep=kept_partners
        ),
        **extra,
    )


def _new_event_initial(request: HttpRequest) -> dict[str, Any]:
    initial: dict[str, Any] = {}
    wanted = request.GET.get("program")
    if wanted and wanted.isdigit():
        initial["program"] = int(wanted)
    return initial


def _render_event_form(request: HttpRequest, form: EventForm, event: Event | None) -> HttpResponse:
    context = {
        "form": form,
        "event": event,
        "zones": COMMON_ZONES,
    }
    return render(request, "events/staff/event_form.html", context)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def event_create(request: HttpRequest) -> HttpResponse:
    form = _event_form(request, None)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(
                office=request.office, by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The event was saved as a draft."))
            return redirect("events:event-detail", event_id=event.pk)
    return _render_event_form(request, form, None)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(
        user=request.user, office=request.office, event_id=event_id, action=MANAGE
    )
    form = _event_form(request, event)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_save(
                office=request.office, by=request.user, event=event, **form.service_fields()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:event-detail", event_id=event.pk)
    return _render_event_form(request, form, event)


# --- Texts in other languages -------------------------------------------------------------------


def _translation_editor(
    request: HttpRequest,
    obj: Event | Program,
    language: str,
    back_url: str,
    save: Any,
) -> HttpResponse:
    """German on one side (read only, with its version), the translation form on the other."""
    if language not in dict(selectors.translation_languages()):
        raise Http404("not a translation language")
    model = EventTranslation if isinstance(obj, Event) else ProgramTranslation
    rows = {row.language: row for row in obj.translations.all()}
    german, row = rows.get(settings.LANGUAGE_CODE), rows.get(language)
    initial = {name: getattr(row, name) for name in model.TEXT_FIELDS} if row else None
    form = TranslationForm(request.POST or None, model=model, language=language, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            save(office=request.office, by=request.user, language=language, texts=form.texts())
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("The text in %(language)s was saved.")
                % {"language": settings.KNOWN_LANGUAGES[language]},
            )
            return redirect(back_url)
    context = {
        "obj": obj,
        "event": obj if isinstance(obj, Event) else None,
        "german": german,
        "row": row,
        "status": translation_status(row, german),
        "language": language,
        "language_name": settings.KNOWN_LANGUAGES[language],
        "pairs": [
            {
                "label": model._meta.get_field(name).verbose_name,
                "german": getattr(german, name, ""),
                "field": form[name],
            }
            for name in model.TEXT_FIELDS
        ],
        "form": form,
        "back_url": back_url,
    }
    return render(request, "events/staff/translation_edit.html", context)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def event_texts(request: HttpRequest, event_id: int, language: str) -> HttpResponse:
    event = selectors.event_get(
        user=request.user, office=request.office, event_id=event_id, action=MANAGE
    )

    def save(**kwargs: Any) -> Any:
        return services.event_text_save(event=event, **kwargs)

    back_url = reverse("events:event-detail", kwargs={"event_id": event.pk})
    return _translation_editor(request, event, language, back_url, save)


# --- One event ----------------------------------------------------------------------------------


def _render_detail(
    request: HttpRequest, event: Event, errors: list[str] | None = None
) -> HttpResponse:
    counts = selectors.status_counts(event)
    languages = selectors.language_rows(event)
    context = {
        "event": event,
        "german": languages[0].row,
        "errors": errors or [],
        "counts": [
            {"status": status, "label": label, "count": counts[status]}
            for status, label in RegistrationStatus.choices
        ],
        "places_left": selectors.places_left(event),
        "languages": languages,
        "warnings": selectors.staffing_warnings(event),
        "staffing": selectors.staffing_of(event),
        "feedback": selectors.feedback_summary(event),
        "can_manage": _can(request, MANAGE),
        "over": event.ends_at <= timezone.now(),
        "statuses": EventStatus,
    }
    return render(request, "events/staff/event_detail.html", context)


@staff_view(VIEW)
@require_GET
def event_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(user=request.user, office=request.office, event_id=event_id)
    return _render_detail(request, event)


@staff_view(MANAGE)
@post_only
def event_publish(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(
        user=request.user, office=request.office, event_id=event_id, action=MANAGE
    )
    try:
        services.event_publish(office=request.office, by=request.user, event=event)
    except ValidationError as error:
        return _render_detail(request, event, errors=error.messages)
    messages.success(request, _("The event is published."))
    return redirect("events:event-detail", event_id=event.pk)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def event_copy(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(
        user=request.user, office=request.office, event_id=event_id, action=MANAGE
    )
    form = CopyForm(
        request.POST or None,
        event=event,
        initial={"starts_at": CopyForm.suggested_start(event)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            copy = services.event_copy(
                office=request.office,
                by=request.user,
                event=event,
                starts_at=form.cleaned_data["starts_at"],
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The copy was saved as a draft. Check it and publish it."))
            return redirect("events:event-edit", event_id=copy.pk)
    return render(request, "events/staff/event_copy.html", {"event": event, "form": form})


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def event_cancel(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(
        user=request.user, office=request.office, event_id=event_id, action=MANAGE
    )
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            told = services.event_cancel(
                office=request.office, by=request.user, event=event, note=form.cleaned_data["note"]
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                ngettext(
                    "The event is cancelled. %(count)s person was told.",
                    "The event is cancelled. %(count)s people were told.",
                    told,
                )
                % {"count": told},
            )
            return redirect("events:event-detail", event_id=event.pk)
    reach = selectors.cancellation_reach(event)
    context = {
        "event": event,
        "form": form,
        "people": reach["people"],
        "by_email": reach["by_email"],
        "by_phone": reach["people"] - reach["by_email"],
    }
    return render(request, "events/staff/event_cancel.html", context)


# --- Staffing -----------------------------------------------------------------------------------


def _render_staffing(
    request: HttpRequest,
    event: Event,
    form: StaffingForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    filter_form = RoleFilterForm(request.GET or None)
    role = filter_form.cleaned_data.get("role", "") if filter_form.is_valid() else ""
    members = selectors.pool_for_staffing(user=request.user, office=request.office, role=role)
    if form is None:
        form = StaffingForm(
            event=event,
            members=members,
            queryset=selectors.pool_active(user=request.user, office=request.office),
            initial={"role": role} if role else None,
        )
    context = {
        "event": event,
        "staffing": selectors.staffing_of(event),
        "warnings": selectors.staffing_warnings(event),
        "form": form,
        "filter_form": filter_form,
        "role": role,
        "members": members,
        "errors": errors or [],
    }
    return render(request, "events/staff/staffing.html", context)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def event_staffing(request: HttpRequest, event_id: int) -> HttpResponse:
    event = selectors.event_get(
        user=request.user, office=request.office, event_id=event_id, action=MANAGE
    )
    if request.method != "POST":
        return _render_staffing(request, event)
    members = selectors.pool_for_staffing(user=request.user, office=request.office)
    form = StaffingForm(
        request.POST,
        event=event,
        members=members,
        queryset=selectors.pool_active(user=request.user, office=request.office),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.staffing_add(
                office=request.office,
                by=request.user,
                event=event,
                role=data["role"],
                member=data["member"],
                language=data["language"],
                note=data["note"],
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("%(name)s was added as %(role)s.")
                % {"name": data["member"].name, "role": PoolRole(data["role"]).label},
            )
            return redirect("events:event-staffing", event_id=event.pk)
    return _render_staffing(request, event, form=form)


@staff_view(MANAGE)
@post_only
def staffing_remove(request: HttpRequest, event_id: int, staffing_id: int) -> HttpResponse:
    event = selectors.event_get(
        user=request.user, office=request.office, event_id=event_id, action=MANAGE
    )
    staffing = selectors.staffing_get(
        user=request.user, office=request.office, event=event, staffing_id=staffing_id
    )
    try:
        services.staffing_remove(office=request.office, by=request.user, staffing=staffing)
    except ValidationError as error:
        return _render_staffing(request, event, errors=error.messages)
    messages.success(
        request,
        _("%(name)s no longer works as %(role)s here.")
        % {"name": staffing.member.name, "role": staffing.get_role_display()},
    )
    return redirect("events:event-staffing", event_id=event.pk)


# --- Programs -----------------------------------------------------------------------------------


@staff_view(VIEW)
@require_GET
def program_list(request: HttpRequest) -> HttpResponse:
    programs = selectors.program_list(user=request.user, office=request.office)
    context = {
        "programs": [program for program in programs if not program.is_archived],
        "archived": [program for program in programs if program.is_archived],
        "can_manage": _can(request, PROGRAM_MANAGE),
    }
    return render(request, "events/staff/program_list.html", context)


def _render_program_form(
    request: HttpRequest, form: ProgramForm, program: Program | None
) -> HttpResponse:
    return render(request, "events/staff/program_form.html", {"form": form, "program": program})


@staff_view(PROGRAM_MANAGE)
@require_http_methods(["GET", "POST"])
def program_create(request: HttpRequest) -> HttpResponse:
    form = ProgramForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            program = services.program_save(
                office=request.office, by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The program was saved."))
            return redirect("events:program-detail", program_id=program.pk)
    return _render_program_form(request, form, None)


@staff_view(PROGRAM_MANAGE)
@require_http_methods(["GET", "POST"])
def program_edit(request: HttpRequest, program_id: int) -> HttpResponse:
    program = selectors.program_get(
        user=request.user, office=request.office, program_id=program_id, action=PROGRAM_MANAGE
    )
    form = ProgramForm(request.POST or None, program=program)
    if request.method == "POST" and form.is_valid():
        try:
            services.program_save(
                office=request.office, by=request.user, program=program, **form.service_fields()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The program was saved."))
            return redirect("events:program-detail", program_id=program.pk)
    return _render_program_form(request, form, program)


@staff_view(VIEW)
@require_GET
def program_detail(request: HttpRequest, program_id: int) -> HttpResponse:
    program = selectors.program_get(user=request.user, office=request.office, program_id=program_id)
    languages = selectors.language_rows(program)
    context = {
        "program": program,
        "events": list(selectors.program_events(program)),
        "german": languages[0].row,
        "languages": languages,
        "can_manage": _can(request, PROGRAM_MANAGE),
        "can_manage_events": _can(request, MANAGE),
        "statuses": EventStatus,
    }
    return render(request, "events/staff/program_detail.html", context)


@staff_view(PROGRAM_MANAGE)
@require_http_methods(["GET", "POST"])
def program_texts(request: HttpRequest, program_id: int, language: str) -> HttpResponse:
    program = selectors.program_get(
        user=request.user, office=request.office, program_id=program_id, action=PROGRAM_MANAGE
    )

    def save(**kwargs: Any) -> Any:
        return services.program_text_save(program=program, **kwargs)

    back_url = reverse("events:program-detail", kwargs={"program_id": program.pk})
    return _translation_editor(request, program, language, back_url, save)
