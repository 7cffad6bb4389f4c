"""The public application of volunteers, on the portal in the reader's language, no login.

Spam gets the same thank-you page as a person, and nothing is saved or sent (as the barrier
report does): a script learns nothing from the answer. A flood from one address meets the rate
limit first (lotse.core.ratelimit).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core.access import public_view
from lotse.core.mail import queue_templated_email
from lotse.core.ratelimit import rate_limited
from lotse.core.selectors import public_offices
from lotse.sponsorship import services
from lotse.sponsorship.forms import ApplicationForm, attach_error
from lotse.sponsorship.models import Volunteer


def _reader() -> str:
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def _notify(request: HttpRequest, volunteer: Volunteer, language: str) -> None:
    """Confirm to the applicant; tell the office only that an application arrived.

    The office's message holds no personal data: e-mail travels through more hands than Lotse,
    and the coordinators read the application behind their login.
    """
    office = volunteer.office
    queue_templated_email(
        template="sponsorship/email/application_received",
        context={"volunteer": volunteer, "office": office},
        to=[volunteer.email],
        language=language,
    )
    if office.email:
        queue_templated_email(
            template="sponsorship/email/application_new",
            context={
                "office": office,
                "list_url": request.build_absolute_uri(reverse("sponsorship:volunteer-list")),
            },
            to=[office.email],
            language=settings.LANGUAGE_CODE,
        )


@public_view
@rate_limited("volunteer.apply")
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest) -> HttpResponse:
    offices = public_offices()
    thanks_url = reverse("volunteer:thanks")
    if request.method == "POST":
        form = ApplicationForm(request.POST, offices=offices)
        # A form with mistakes is shown again first, so a quick person still sees what to fix.
        if form.honeypot_filled():
            return redirect(thanks_url)
        if form.is_valid():
            if form.looks_automated():
                return redirect(thanks_url)
            try:
                with transaction.atomic():
                    volunteer = services.application_submit(
                        office=form.cleaned_data["office"],
                        languages=form.languages,
                        **form.service_fields(),
                    )
                    _notify(request, volunteer, _reader())
            except ValidationError as error:
                attach_error(form, error)
            else:
                return redirect(thanks_url)
    else:
        form = ApplicationForm(offices=offices)
    context = {"form": form, "token": form.token(), "grid": form.availability_grid()}
    return render(request, "sponsorship/apply.html", context)


@public_view
@require_GET
def thanks(request: HttpRequest) -> HttpResponse:
    return render(request, "sponsorship/thanks.html")
