"""Referrals (Verweisberatung): make one, follow it up, send the handover letter to the partner,
and word that letter per language."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lotse.core.access import post_only, staff_view
from lotse.core.forms import attach_error
from lotse.counseling import letters, selectors, services
from lotse.counseling.forms_work import (
    LetterForm,
    LetterTemplateForm,
    ReferralFilterForm,
    ReferralForm,
    ReferralStatusForm,
    default_recipient,
    letter_template_of,
    letter_template_rows,
)
from lotse.counseling.models import REFERRAL_STATUS_DATES, ConsentPurpose, Referral
from lotse.counseling.views_work import bound_or_lookup, service_picker

PAGE_SIZE = 50


def partner_link_base(request: HttpRequest) -> str:
    """The partner page's absolute address up to the token: ".../partner/referral/"."""
    return request.build_absolute_uri(reverse("partner:referral-answer", args=["X"]))[:-2]


# --- Making a referral --------------------------------------------------------------------------


@staff_view("counseling.referral.manage")
def referral_create(request: HttpRequest, person_id: int) -> HttpResponse:
    office, user = request.office, request.user
    person = selectors.person_get(user=user, office=office, person_id=person_id)
    form = bound_or_lookup(request, ReferralForm)
    if form.is_bound and form.is_valid():
        try:
            referral = services.referral_create(
                office=office, by=user, person=person, **form.referral_kwargs()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("The referral to “%(service)s” was saved.") % {"service": referral.service.title},
            )
            return redirect("counseling:referral-detail", referral_id=referral.pk)
    context = {"form": form, "person": person, "picker": service_picker(form, person)}
    return render(request, "counseling/work/referral_form.html", context)


# --- Following referrals up ---------------------------------------------------------------------


@staff_view("counseling.referral.manage")
@require_GET
def referral_list(request: HttpRequest) -> HttpResponse:
    form = ReferralFilterForm(request.GET)
    status, overdue = "", False
    if form.is_valid():
        status, overdue = form.cleaned_data["status"], form.cleaned_data["overdue"]
    found = selectors.referrals_for(
        user=request.user, office=request.office, status=status, overdue_only=overdue
    )
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "filtered": bool(status or overdue),
    }
    return render(request, "counseling/work/referral_list.html", context)


def _stages(referral: Referral) -> list[dict[str, Any]]:
    labels = dict(Referral._meta.get_field("status").choices)
    return [
        {
            "status": status,
            "label": labels[status],
            "on": getattr(referral, date_field),
            "current": referral.status == status,
        }
        for status, date_field in REFERRAL_STATUS_DATES.items()
    ]


def _detail(request: HttpRequest, referral: Referral, form: ReferralStatusForm) -> HttpResponse:
    context = {
        "referral": referral,
        "stages": _stages(referral),
        "letters": list(referral.letters.all()),
        "form": form,
    }
    return render(request, "counseling/work/referral_detail.html", context)


@staff_view("counseling.referral.manage")
@require_GET
def referral_detail(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_get(
        user=request.user, office=request.office, referral_id=referral_id
    )
    return _detail(request, referral, ReferralStatusForm(referral=referral))


@staff_view("counseling.referral.manage")
@post_only
def referral_status(request: HttpRequest, referral_id: int) -> HttpResponse:
    referral = selectors.referral_get(
        user=request.user, office=request.office, referral_id=referral_id
    )
    form = ReferralStatusForm(request.POST, referral=referral)
    if form.is_valid():
        try:
            services.referral_set_status(
                office=request.office, by=request.user, referral=referral, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("The referral is now “%(status)s”.") % {"status": referral.get_status_display()},
            )
            return redirect("counseling:referral-detail", referral_id=referral.pk)
    return _detail(request, referral, form)


# --- The handover letter ------------------------------------------------------------------------


@staff_view("counseling.referral.manage")
def referral_letter(request: HttpRequest, referral_id: int) -> HttpResponse:
    """Preview the letter and send it; without the client's consent the page says what to do."""
    office, user = request.office, request.user
    referral = selectors.referral_get(user=user, office=office, referral_id=referral_id)
    person = referral.person
    consent = services.active_consent(person, ConsentPurpose.REFERRAL_HANDOVER) if person else None
    form = LetterForm(
        request.POST or None,
        initial={
            "recipient": default_recipient(service=referral.service, user=user, office=office)
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_send(
                office=office,
                by=user,
                referral=referral,
                recipient=form.cleaned_data["recipient"],
                link_base=partner_link_base(request),
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("The handover letter is on its way to %(recipient)s.")
                % {"recipient": form.cleaned_data["recipient"]},
            )
            return redirect("counseling:referral-detail", referral_id=referral.pk)
    preview = letters.compose(
        referral=referral, link=_("<link will be inserted>"), sender=request.user
    )
    context = {
        "referral": referral,
        "person": person,
        "form": form,
        "preview": preview,
        "has_consent": consent is not None,
    }
    return render(request, "counseling/work/letter_form.html", context)


# --- Letter templates ---------------------------------------------------------------------------


@staff_view("counseling.letter_template.edit")
@require_GET
def letter_template_list(request: HttpRequest) -> HttpResponse:
    rows = letter_template_rows(request.office, letters.DEFAULT_TEMPLATES)
    return render(request, "counseling/work/letter_template_list.html", {"rows": rows})


@staff_view("counseling.letter_template.edit")
def letter_template_edit(request: HttpRequest, language: str) -> HttpResponse:
    names = dict(settings.LANGUAGES)
    if language not in names:
        raise Http404
    own = letter_template_of(request.office, language)
    if own is not None:
        initial = {"subject": own.subject, "body": own.body}
    else:
        subject, body = letters.DEFAULT_TEMPLATES.get(language, ("", ""))
        initial = {"subject": subject, "body": body}
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.letter_template_save(
                office=request.office, by=request.user, language=language, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("The letter in %(language)s was saved.") % {"language": names[language]},
            )
            return redirect("counseling:letter-template-list")
    context = {
        "form": form,
        "language": language,
        "language_name": names[language],
        "own": own is not None,
        "has_default": language in letters.DEFAULT_TEMPLATES,
        "placeholders": sorted(letters.PLACEHOLDERS.items()),
    }
    return render(request, "counseling/work/letter_template_form.html", context)
