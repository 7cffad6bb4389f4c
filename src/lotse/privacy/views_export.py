"""Access export and records of processing (stubs until built)."""

from django.http import HttpRequest, HttpResponse

from lotse.core.access import staff_view


@staff_view("privacy.person.export")
def person_json(request: HttpRequest, person_id: int) -> HttpResponse:
    return HttpResponse("json")


@staff_view("privacy.person.export")
def person_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    return HttpResponse("pdf")


@staff_view("privacy.records.view")
def records(request: HttpRequest) -> HttpResponse:
    return HttpResponse("records")


@staff_view("privacy.records.view")
def records_pdf(request: HttpRequest) -> HttpResponse:
    return HttpResponse("records pdf")
