"""Placeholder: replaced by the real view."""

from django.http import Http404

from lotse.core.access import public_view


@public_view
def referral_answer(request, token):
    raise Http404
