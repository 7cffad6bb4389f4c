"""Pages of sponsorship requests: the queue, a counselor's request from a person's record, one
request with confirm and close, and the newcomer's request in the portal.

Thin views: a form, one selector (reads) or one service (writes), a template. Counselors ask and
confirm (`sponsorship.request.create`); closing is the coordinators' (`...request.manage`).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core import policy
from lotse.core.access import post_only, public_view, staff_view
from lotse.core.choices import availability_summary
from lotse.core.forms import attach_error
from lotse.core.mail import queue_templated_email
from lotse.core.ratelimit import rate_limited
from lotse.core.selectors import public_offices
from lotse.counseling.models import ConsentPurpose, Person
from lotse.counseling.services import active_consent
from lotse.sponsorship import selectors_requests as selectors
from lotse.sponsorship import services_requests as services
from lotse.sponsorship.forms_requests import (
    CloseForm,
    ConfirmForm,
    PersonLookupForm,
    PublicRequestForm,
    RequestFilterForm,
    RequestForm,
)
from lotse.sponsorship.models import Offer, RequestStatus, SponsorshipRequest

PAGE_SIZE = 50


def _labels(values: Any, choices: Any) -> list[str]:
    names = dict(choices)
    return [str(names[value]) for value in values if value in names]


def _row(request: SponsorshipRequest, names: dict[str, str], now: Any) -> dict[str, Any]:
    return {
        "request": request,
        "days": selectors.waiting_days(request, now),
        "languages": [names.get(code, code) for code in request.languages],
        "needs": _labels(request.needs, Offer.choices),
    }


@staff_view("sponsorship.request.create")
@require_GET
def request_list(request: HttpRequest) -> HttpResponse:
    form = RequestFilterForm(request.GET)
    filters = form.selector_kwargs() if form.is_valid() else {}
    found = selectors.queue(user=request.user, office=request.office, **filters)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    items = list(page)
    names = selectors.language_names(code for item in items for code in item.languages)
    now = timezone.now()
    context = {
        "form": form,
        "page": page,
        "rows": [_row(item, names, now) for item in items],
        "query": query.urlencode(),
        "counts": selectors.queue_counts(user=request.user, office=request.office),
        "filtered": any(request.GET.get(name) for name in form.fields),
    }
    return render(request, "sponsorship/requests/list.html", context)


def _person_initial(person: Person) -> dict[str, Any]:
    return {
        "languages": [language.code for language in person.languages.all()],
        "district": person.municipality,
    }


@staff_view("sponsorship.request.create")
@require_http_methods(["GET", "POST"])
def request_create(request: HttpRequest) -> HttpResponse:
    person_id = request.GET.get("person", "")
    if not person_id.isdigit():
        return _choose_person(request)
    person = selectors.person_for_request(
        user=request.user, office=request.office, person_id=int(person_id)
    )
    has_consent = active_consent(person, ConsentPurpose.SPONSOR_PROGRAM) is not None
    if request.method == "POST":
        form = RequestForm(request.POST)
        if form.is_valid():
            try:
                created = services.request_for_person(
                    office=request.office, by=request.user, person=person, **form.service_fields()
                )
            except ValidationError as error:
                attach_error(form, error)
            else:
                messages.success(request, _("The request joined the queue."))
                return redirect("sponsorship:request-detail", request_id=created.pk)
    else:
        form = RequestForm(initial=_person_initial(person))
    context = {
        "form": form,
        "person": person,
        "has_consent": has_consent,
        "grid": form.availability_grid(),
        "can_view_person": policy.can(request.user, "counseling.person.view", request.office),
    }
    return render(request, "sponsorship/requests/form.html", context)


def _choose_person(request: HttpRequest) -> HttpResponse:
    """Without a person: find one by client number (a request belongs to a person's record)."""
    form = PersonLookupForm(request.GET or None)
    if form.is_valid():
        person = selectors.person_by_client_number(
            user=request.user, office=request.office, number=form.cleaned_data["client_number"]
        )
        if person is not None:
            return redirect(f"{reverse('sponsorship:request-create')}?person={person.pk}")
        form.add_error("client_number", _("No record of your office has this client number."))
    return render(request, "sponsorship/requests/choose_person.html", {"form": form})


def _render_detail(
    request: HttpRequest,
    item: SponsorshipRequest,
    *,
    confirm_form: ConfirmForm | None = None,
    close_form: CloseForm | None = None,
    status: int = 200,
) -> HttpResponse:
    office, user = request.office, request.user
    is_open = item.status in services.OPEN_STATUSES
    context = {
        "item": item,
        "days": selectors.waiting_days(item),
        "languages": list(selectors.language_names(item.languages).values()),
        "needs": _labels(item.needs, Offer.choices),
        "availability": availability_summary(item.availability),
        "confirm_form": confirm_form or ConfirmForm(),
        "close_form": close_form or CloseForm(),
        "can_confirm": item.status == RequestStatus.TO_CONFIRM,
        "can_close": is_open and policy.can(user, "sponsorship.request.manage", office),
        "can_view_person": policy.can(user, "counseling.person.view", office),
    }
    return render(request, "sponsorship/requests/detail.html", context, status=status)


def _get(request: HttpRequest, request_id: int) -> SponsorshipRequest:
    return selectors.request_get(user=request.user, office=request.office, request_id=request_id)


@staff_view("sponsorship.request.create")
@require_GET
def request_detail(request: HttpRequest, request_id: int) -> HttpResponse:
    return _render_detail(request, _get(request, request_id))


@staff_view("sponsorship.request.create")
@post_only
def request_confirm(request: HttpRequest, request_id: int) -> HttpResponse:
    item = _get(request, request_id)
    form = ConfirmForm(request.POST)
    if form.is_valid():
        person = selectors.person_by_client_number(
            user=request.user, office=request.office, number=form.cleaned_data["client_number"]
        )
        if person is None:
            form.add_error("client_number", _("No record of your office has this client number."))
        else:
            try:
                services.request_confirm(
                    office=request.office, by=request.user, request=item, person=person
                )
            except ValidationError as error:
                attach_error(form, error)
            else:
                messages.success(request, _("The request was confirmed and joined the queue."))
                return redirect("sponsorship:request-detail", request_id=item.pk)
    # The service changes nothing before its checks pass: reload what is stored.
    return _render_detail(request, _get(request, request_id), confirm_form=form)


@staff_view("sponsorship.request.manage")
@post_only
def request_close(request: HttpRequest, request_id: int) -> HttpResponse:
    item = _get(request, request_id)
    form = CloseForm(request.POST)
    if form.is_valid():
        try:
            services.request_close(
                office=request.office, by=request.user, request=item, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The request was closed."))
            return redirect("sponsorship:request-list")
    return _render_detail(request, _get(request, request_id), close_form=form)


# --- The portal -----------------------------------------------------------------------------


def _notify_office(request: HttpRequest, office: Any) -> None:
    """Tell the office a request arrived, without any personal data (e-mail passes many hands)."""
    if office.email:
        queue_templated_email(
            template="sponsorship/requests/email/request_new",
            context={
                "office": office,
                "list_url": request.build_absolute_uri(
                    reverse("sponsorship:request-list") + "?status=to_confirm"
                ),
            },
            to=[office.email],
            language=settings.LANGUAGE_CODE,
        )


@public_view
@rate_limited("volunteer.ask")
@require_http_methods(["GET", "POST"])
def public_request(request: HttpRequest) -> HttpResponse:
    offices = public_offices()
    thanks_url = reverse("volunteer:ask-thanks")
    if request.method == "POST":
        form = PublicRequestForm(request.POST, offices=offices)
        # Spam gets the thank-you page and nothing is saved (see views_public).
        if form.honeypot_filled():
            return redirect(thanks_url)
        if form.is_valid():
            if form.looks_automated():
                return redirect(thanks_url)
            office = form.cleaned_data["office"]
            try:
                with transaction.atomic():
                    services.request_from_portal(office=office, **form.service_fields())
                    _notify_office(request, office)
            except ValidationError as error:
                attach_error(form, error)
            else:
                return redirect(thanks_url)
    else:
        form = PublicRequestForm(offices=offices)
    context = {"form": form, "token": form.token(), "grid": form.availability_grid()}
    return render(request, "sponsorship/requests/ask.html", context)


@public_view
@require_GET
def public_request_thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "sponsorship/requests/ask_thanks.html")
