"""The volunteers' own pages, and the coordinators' button that invites a volunteer to log in.

Volunteers hold no role in an office: `volunteer_view` admits the user linked to a volunteer and
scopes the ORM to the volunteer's office. What these pages show comes from services_self, which
reads nothing from the counseling records.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core.access import post_only, staff_view
from lotse.core.choices import availability_summary
from lotse.core.forms import attach_error
from lotse.sponsorship import selectors, services_self
from lotse.sponsorship.access import volunteer_view
from lotse.sponsorship.forms_self import AvailabilityForm
from lotse.sponsorship.models import VolunteerStatus

HOME = "self-service:home"


def _error_text(error: ValidationError) -> str:
    return " ".join(str(message) for message in error.messages)


@volunteer_view
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    volunteer = request.volunteer
    context = {
        "volunteer": volunteer,
        "qualification": services_self.my_qualification(volunteer),
        "attendances": services_self.my_attendances(volunteer),
        "sessions": services_self.upcoming_sessions(volunteer),
        "tandems": services_self.my_tandems(volunteer),
        "availability": availability_summary(volunteer.availability),
        "can_pause": volunteer.status == VolunteerStatus.ACTIVE,
        "can_resume": volunteer.status == VolunteerStatus.PAUSED,
    }
    return render(request, "sponsorship/self/home.html", context)


@volunteer_view
@post_only
def session_sign_up(request: HttpRequest, session_id: int) -> HttpResponse:
    volunteer = request.volunteer
    session = services_self.session_for(volunteer, session_id)
    try:
        services_self.self_register(volunteer=volunteer, by=request.user, session=session)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("You are registered for “%(title)s”.") % {"title": session.title}
        )
    return redirect(HOME)


@volunteer_view
@require_http_methods(["GET", "POST"])
def availability(request: HttpRequest) -> HttpResponse:
    volunteer = request.volunteer
    form = AvailabilityForm(request.POST or None, volunteer=volunteer)
    if request.method == "POST" and form.is_valid():
        try:
            services_self.self_update_availability(
                volunteer=volunteer, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Your availability was saved."))
            return redirect(HOME)
    context = {"form": form, "grid": form.availability_grid()}
    return render(request, "sponsorship/self/availability.html", context)


def _status_change(request: HttpRequest, *, pause: bool) -> HttpResponse:
    change = services_self.self_pause if pause else services_self.self_resume
    try:
        change(volunteer=request.volunteer, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("You are taking a break: you get no new proposals until you resume.")
            if pause
            else _("Welcome back: you can be proposed for new tandems again."),
        )
    return redirect(HOME)


@volunteer_view
@post_only
def pause(request: HttpRequest) -> HttpResponse:
    return _status_change(request, pause=True)


@volunteer_view
@post_only
def resume(request: HttpRequest) -> HttpResponse:
    return _status_change(request, pause=False)


@staff_view("sponsorship.volunteer.manage")
@post_only
def invite(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    """Create the volunteer's login if needed and e-mail them how to log in."""
    volunteer = selectors.volunteer_get(
        user=request.user, office=request.office, volunteer_id=volunteer_id
    )
    try:
        services_self.volunteer_invite(
            office=request.office,
            by=request.user,
            volunteer=volunteer,
            base_url=request.build_absolute_uri("/"),
        )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request,
            _("%(name)s gets an e-mail with how to log in.") % {"name": volunteer},
        )
    return redirect("sponsorship:volunteer-detail", volunteer_id=volunteer.pk)
