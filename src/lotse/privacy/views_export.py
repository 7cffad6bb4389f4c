"""The access export of a person (Art. 15 and 20 GDPR) and the records of processing (Art. 30)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from lotse.core.access import staff_view
from lotse.core.audit import audit_record
from lotse.privacy import export
from lotse.privacy import records as processing  # the view below is called `records`


def _download(body: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, name)
    # Everything about a person: no copy may stay in a browser's or a proxy's cache.
    response["Cache-Control"] = "no-store"
    return response


def _person_export(request: HttpRequest, person_id: int, file_format: str) -> HttpResponse:
    person = export.person_get(office=request.office, person_id=person_id)
    data = export.collect(person)
    if file_format == "json":
        body, content_type = export.to_json(data), "application/json; charset=utf-8"
    else:
        body, content_type = export.to_pdf(data), "application/pdf"
    audit_record(
        action="privacy.person.exported",
        actor=request.user,
        office=request.office,
        obj=person,
        data={"format": file_format},
    )
    return _download(body, content_type, export.filename(person, file_format))


@staff_view("privacy.person.export")
@require_GET
def person_json(request: HttpRequest, person_id: int) -> HttpResponse:
    return _person_export(request, person_id, "json")


@staff_view("privacy.person.export")
@require_GET
def person_pdf(request: HttpRequest, person_id: int) -> HttpResponse:
    return _person_export(request, person_id, "pdf")


@staff_view("privacy.records.view")
@require_GET
def records(request: HttpRequest) -> HttpResponse:
    return render(request, "privacy/records/page.html", processing.context(request.office))


@staff_view("privacy.records.view")
@require_GET
def records_pdf(request: HttpRequest) -> HttpResponse:
    return _download(
        processing.to_pdf(request.office), "application/pdf", processing.filename(request.office)
    )
