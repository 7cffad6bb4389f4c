"""Staff pages of the training: seminars and reflection meetings, participants, who still needs
which seminar.

Thin views: a form, one selector (reads) or one service (writes), a template. Another office's
session is not found (the selectors answer 404); a role without the action gets 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core import policy
from lotse.core.access import post_only, staff_view
from lotse.sponsorship import selectors, selectors_training, services_training
from lotse.sponsorship.forms_training import (
    AttendanceForm,
    RegisterForm,
    SessionForm,
    attach_error,
)
from lotse.sponsorship.models import AttendanceStatus, SeminarModule, TrainingSession

PAGE_SIZE = 50
VIEW = "sponsorship.volunteer.view"
MANAGE = "sponsorship.training.manage"


def _page_of(request: HttpRequest, items: Any) -> tuple[Any, str]:
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


@staff_view(VIEW)
@require_GET
def training_list(request: HttpRequest) -> HttpResponse:
    past = request.GET.get("when") == "past"
    sessions = selectors_training.session_list(user=request.user, office=request.office, past=past)
    page, query = _page_of(request, sessions)
    context = {
        "page": page,
        "query": query,
        "past": past,
        "can_manage": policy.can(request.user, MANAGE, request.office),
    }
    return render(request, "sponsorship/training/session_list.html", context)


def _render_form(
    request: HttpRequest, form: SessionForm, session: TrainingSession | None
) -> HttpResponse:
    return render(
        request, "sponsorship/training/session_form.html", {"form": form, "session": session}
    )


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def training_create(request: HttpRequest) -> HttpResponse:
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services_training.session_save(
                office=request.office, by=request.user, **form.service_fields()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("sponsorship:training-detail", session_id=session.pk)
    return _render_form(request, form, None)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def training_edit(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors_training.session_get(
        user=request.user, office=request.office, session_id=session_id
    )
    form = SessionForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        try:
            services_training.session_save(
                office=request.office, by=request.user, session=session, **form.service_fields()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The session was saved."))
            return redirect("sponsorship:training-detail", session_id=session.pk)
    return _render_form(request, form, session)


def _render_detail(
    request: HttpRequest,
    session: TrainingSession,
    register_form: RegisterForm | None = None,
    errors: list[str] | None = None,
) -> HttpResponse:
    can_manage = policy.can(request.user, MANAGE, request.office)
    now = timezone.now()
    if register_form is None and can_manage:
        volunteers = selectors_training.registrable_volunteers(
            user=request.user, office=request.office, session=session
        )
        wanted = request.GET.get("volunteer")
        initial = {"volunteer": wanted} if wanted and wanted.isdigit() else {}
        register_form = RegisterForm(volunteers=volunteers, initial=initial)
    context = {
        "session": session,
        "attendances": selectors_training.session_attendances(session),
        "register_form": register_form,
        "errors": errors or [],
        "can_manage": can_manage,
        "started": session.starts_at <= now,
        "over": session.ends_at <= now,
        "full": session.taken_count >= session.capacity,
        "free": max(session.capacity - session.taken_count, 0),
        "statuses": AttendanceStatus,
    }
    return render(request, "sponsorship/training/session_detail.html", context)


@staff_view(VIEW)
@require_GET
def training_detail(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors_training.session_get(
        user=request.user, office=request.office, session_id=session_id
    )
    return _render_detail(request, session)


@staff_view(MANAGE)
@post_only
def training_register(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors_training.session_get(
        user=request.user, office=request.office, session_id=session_id
    )
    volunteers = selectors_training.registrable_volunteers(
        user=request.user, office=request.office, session=session
    )
    form = RegisterForm(request.POST, volunteers=volunteers)
    if form.is_valid():
        volunteer = form.cleaned_data["volunteer"]
        try:
            services_training.attendance_register(
                office=request.office, by=request.user, session=session, volunteer=volunteer
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("%(name)s is registered.") % {"name": volunteer})
            return redirect("sponsorship:training-detail", session_id=session.pk)
    return _render_detail(request, session, register_form=form)


@staff_view(MANAGE)
@post_only
def training_attendance(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors_training.session_get(
        user=request.user, office=request.office, session_id=session_id
    )
    form = AttendanceForm(request.POST)
    if not form.is_valid():
        return _render_detail(request, session, errors=[_("Choose a participant and a status.")])
    volunteer = selectors.volunteer_get(
        user=request.user, office=request.office, volunteer_id=form.cleaned_data["volunteer_id"]
    )
    status = form.cleaned_data["status"]
    try:
        services_training.attendance_set(
            office=request.office,
            by=request.user,
            session=session,
            volunteer=volunteer,
            status=status,
        )
    except ValidationError as error:
        return _render_detail(request, session, errors=error.messages)
    messages.success(
        request,
        _("%(name)s: %(status)s.") % {"name": volunteer, "status": AttendanceStatus(status).label},
    )
    return redirect("sponsorship:training-detail", session_id=session.pk)


@staff_view(MANAGE)
@post_only
def training_cancel(request: HttpRequest, session_id: int) -> HttpResponse:
    session = selectors_training.session_get(
        user=request.user, office=request.office, session_id=session_id
    )
    try:
        services_training.session_cancel(office=request.office, by=request.user, session=session)
    except ValidationError as error:
        return _render_detail(request, session, errors=error.messages)
    messages.success(request, _("The session was cancelled."))
    return redirect("sponsorship:training-detail", session_id=session.pk)


@staff_view(VIEW)
@require_GET
def training_needed(request: HttpRequest) -> HttpResponse:
    rows = selectors_training.still_needed(user=request.user, office=request.office)
    next_sessions = selectors_training.next_sessions(user=request.user, office=request.office)
    page, query = _page_of(request, rows)
    context = {
        "page": page,
        "query": query,
        "rows": [
            {
                "volunteer": volunteer,
                "missing": [
                    {
                        "module": module,
                        "label": SeminarModule(module).label,
                        "next": next_sessions.get(module),
                    }
                    for module in missing
                ],
            }
            for volunteer, missing in page
        ],
        "can_manage": policy.can(request.user, MANAGE, request.office),
    }
    return render(request, "sponsorship/training/needed.html", context)
