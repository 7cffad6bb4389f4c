"""Placeholder: replaced by the real views."""

from django.http import Http404

from lotse.core.access import post_only, staff_view


@staff_view("counseling.person.view")
def consultation_create(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def consultation_edit(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def anonymous_create(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def referral_create(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def referral_list(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def referral_detail(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
@post_only
def referral_status(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def referral_letter(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def letter_template_list(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def letter_template_edit(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def service_lookup(request, **kwargs):
    raise Http404
