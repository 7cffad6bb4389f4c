"""Placeholder: replaced by the real views."""

from django.http import Http404

from lotse.core.access import post_only, staff_view


@staff_view("counseling.person.view")
def person_list(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def person_create(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def person_detail(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def person_edit(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def person_merge(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def consent_add(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
@post_only
def consent_withdraw(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def household_add(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
@post_only
def household_remove(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def outcome_create(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
@post_only
def outcome_delete(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def recognition_create(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def recognition_edit(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def follow_up_create(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
def follow_up_list(request, **kwargs):
    raise Http404


@staff_view("counseling.person.view")
@post_only
def follow_up_done(request, **kwargs):
    raise Http404
