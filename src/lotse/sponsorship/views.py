"""Staff pages of the welcome sponsors: the coordinators review volunteers and their safeguarding.

Thin views: a form, one selector (reads) or one service (writes), a template. Another office's
volunteer is not found (the selectors answer 404); a role without the action gets 403.
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
from lotse.core.choices import availability_summary
from lotse.sponsorship import selectors, selectors_training, services
from lotse.sponsorship.forms import StatusForm, VolunteerFilterForm, VolunteerForm, attach_error
from lotse.sponsorship.models import (
    SLOTS,
    STATUS_FLOW,
    Offer,
    Preference,
    Volunteer,
    VolunteerStatus,
)

PAGE_SIZE = 50


def _page_of(request: HttpRequest, items: Any) -> tuple[Any, str]:
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _row(volunteer: Volunteer) -> dict[str, Any]:
    """What a list shows of one volunteer (languages come from the prefetch)."""
    return {
        "volunteer": volunteer,
        "languages": list(volunteer.languages.all()),
        "availability": availability_summary(volunteer.availability),
        "safeguarding": selectors.safeguarding_of(volunteer),
    }


def _next_statuses(volunteer: Volunteer) -> list[tuple[str, str]]:
    allowed = STATUS_FLOW[VolunteerStatus(volunteer.status)]
    # In the order of the flow (applied → ended), not the set's arbitrary order.
    return [(value, label) for value, label in VolunteerStatus.choices if value in allowed]


def _labels(values: Any, choices: Any) -> list[str]:
    names = dict(choices)
    return [str(names[value]) for value in values if value in names]


@staff_view("sponsorship.volunteer.view")
@require_GET
def volunteer_list(request: HttpRequest) -> HttpResponse:
    form = VolunteerFilterForm(request.GET)
    filters = form.selector_kwargs() if form.is_valid() else {}
    found = selectors.volunteer_list(user=request.user, office=request.office, **filters)
    page, query = _page_of(request, found)
    context = {
        "form": form,
        "page": page,
        "rows": [_row(volunteer) for volunteer in page],
        "query": query,
        "filtered": any(request.GET.get(name) for name in form.fields),
    }
    return render(request, "sponsorship/volunteer_list.html", context)


def _render_detail(
    request: HttpRequest, volunteer: Volunteer, status_form: StatusForm | None = None
) -> HttpResponse:
    next_statuses = _next_statuses(volunteer)
    context = {
        "volunteer": volunteer,
        "languages": list(volunteer.languages.all()),
        "availability": availability_summary(volunteer.availability),
        "available_slots": [slot for slot in SLOTS if slot in volunteer.availability],
        "offers": _labels(volunteer.offers, Offer.choices),
        "prefers": _labels(volunteer.prefers, Preference.choices),
        "safeguarding": selectors.safeguarding_of(volunteer),
        "status_form": status_form or StatusForm(next_statuses=next_statuses),
        "can_manage": policy.can(request.user, "sponsorship.volunteer.manage", request.office),
        "due_within": selectors.DUE_WITHIN_DAYS,
        "training": selectors_training.volunteer_training(volunteer),
        "tandems": list(volunteer.tandems.select_related("request").order_by("-started_on")),
    }
    return render(request, "sponsorship/volunteer_detail.html", context)


@staff_view("sponsorship.volunteer.view")
@require_GET
def volunteer_detail(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    volunteer = selectors.volunteer_get(
        user=request.user, office=request.office, volunteer_id=volunteer_id
    )
    return _render_detail(request, volunteer)


@staff_view("sponsorship.volunteer.manage")
@require_http_methods(["GET", "POST"])
def volunteer_edit(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    volunteer = selectors.volunteer_get(
        user=request.user, office=request.office, volunteer_id=volunteer_id
    )
    name = str(volunteer)
    if request.method == "POST":
        form = VolunteerForm(request.POST, volunteer=volunteer)
        if form.is_valid():
            try:
                services.volunteer_update(
                    office=request.office,
                    by=request.user,
                    volunteer=volunteer,
                    languages=form.languages,
                    **form.service_fields(),
                )
            except ValidationError as error:
                attach_error(form, error)
            else:
                messages.success(request, _("The volunteer's record was saved."))
                return redirect("sponsorship:volunteer-detail", volunteer_id=volunteer.pk)
    else:
        form = VolunteerForm(volunteer=volunteer)
    grid = form.availability_grid()
    context = {"form": form, "volunteer": volunteer, "name": name, "grid": grid}
    return render(request, "sponsorship/volunteer_form.html", context)


@staff_view("sponsorship.volunteer.manage")
@post_only
def volunteer_status(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    volunteer = selectors.volunteer_get(
        user=request.user, office=request.office, volunteer_id=volunteer_id
    )
    form = StatusForm(request.POST, next_statuses=_next_statuses(volunteer))
    if form.is_valid():
        try:
            services.volunteer_set_status(
                office=request.office,
                by=request.user,
                volunteer=volunteer,
                status=form.cleaned_data["status"],
            )
        except ValidationError as error:
            # The service checks before it changes anything: the record shows as stored.
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("Status changed to “%(status)s”.")
                % {"status": VolunteerStatus(volunteer.status).label},
            )
            return redirect("sponsorship:volunteer-detail", volunteer_id=volunteer.pk)
    return _render_detail(request, volunteer, form)


@staff_view("sponsorship.volunteer.view")
@require_GET
def safeguarding_due(request: HttpRequest) -> HttpResponse:
    found = selectors.safeguarding_due_list(user=request.user, office=request.office)
    page, query = _page_of(request, found)
    context = {
        "page": page,
        "rows": [_row(volunteer) for volunteer in page],
        "query": query,
        "today": timezone.localdate(),
        "due_within": selectors.DUE_WITHIN_DAYS,
    }
    return render(request, "sponsorship/safeguarding_due.html", context)
