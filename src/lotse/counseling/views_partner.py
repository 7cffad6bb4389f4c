"""The partner's answer page: the one-time link of a handover letter, without an account.

It shows the Welcome Center, the service, the referral date and the person's name or pseudonym,
nothing more, and takes the answers "arrived", "completed" and "declined".

Statuses: an unknown token answers 404; an expired link, or one that takes no more answers
(already answered finally, the referral closed, the same answer twice), answers 410 with the
reason; an unknown answer 400.

The page speaks the browser's language among the configured ones (German by default): partners
have no account that could keep a preference.

No CSRF check: the token in the address is the partner's only credential (no cookie, no session
grants anything here), so a forged request would need the token, and with it could answer
anyway. The check would also refuse every answer: with `Referrer-Policy: no-referrer` browsers
send `Origin: null` with the form.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from django_scopes import scopes_disabled

from lotse.core.access import public_view
from lotse.core.ratelimit import rate_limited
from lotse.counseling import services
from lotse.counseling.models import CLOSED_REFERRAL_STATUSES, HandoverLetter

TEMPLATE = "counseling/partner/answer.html"


def _private(response: HttpResponse) -> HttpResponse:
    """The link is a secret: keep it out of search engines, Referer headers and caches."""
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    response["Cache-Control"] = "no-store"
    return response


#: The answer to each kind of refused link: unknown 404, a bad answer 400, spent or expired 410.
REFUSED_STATUS = {"unknown": 404, "invalid": 400, "expired": 410, "answered": 410}


def _refused(request: HttpRequest, error: services.LinkError) -> HttpResponse:
    return render(request, TEMPLATE, {"error": str(error)}, status=REFUSED_STATUS[error.kind])


def _context(letter: HandoverLetter, token: str) -> dict[str, Any]:
    referral = letter.referral
    closed = referral.status in CLOSED_REFERRAL_STATUSES or (
        letter.answer in services.FINAL_ANSWERS
    )
    return {
        "letter": letter,
        "office": letter.office,
        "service_title": referral.service.title,
        "organisation": referral.service.organisation.name,
        "referred_on": referral.suggested_on,
        "person_name": referral.person.display_name if referral.person else "",
        "closed": closed,
        "answers": []
        if closed
        else [a for a in ("arrived", "completed", "declined") if a != letter.answer],
        "action": reverse("partner:referral-answer", args=[token]),
    }


@public_view
@csrf_exempt
@rate_limited("partner.referral-answer")
@require_http_methods(["GET", "HEAD", "POST"])
def referral_answer(request: HttpRequest, token: str) -> HttpResponse:
    # The partner has no office: the letter is found by its token's hash alone.
    with scopes_disabled():
        try:
            if request.method == "POST":
                letter = services.partner_answer(token=token, answer=request.POST.get("answer", ""))
                context = {**_context(letter, token), "thanks": True}
            else:
                context = _context(services.letter_for_token(token), token)
        except services.LinkError as error:
            return _private(_refused(request, error))
        return _private(render(request, TEMPLATE, context))
