"""Erasure and restriction (stubs until built)."""

from django.http import HttpRequest, HttpResponse

from lotse.core.access import staff_view


@staff_view("privacy.person.restrict")
def person_restrict(request: HttpRequest, person_id: int) -> HttpResponse:
    return HttpResponse("restrict")


@staff_view("privacy.person.erase")
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    return HttpResponse("erase")


@staff_view("privacy.retention.view")
def erasure_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("erasures")


@staff_view("privacy.retention.view")
def erasure_detail(request: HttpRequest, reference: str) -> HttpResponse:
    return HttpResponse("erasure")
