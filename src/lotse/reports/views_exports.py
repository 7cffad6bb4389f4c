"""Placeholder: exports and funder templates (filled in next)."""

from django.http import HttpRequest, HttpResponse

from lotse.core.access import staff_view


@staff_view("reports.statistics.view")
def report_pdf(request: HttpRequest) -> HttpResponse:
    return HttpResponse("pdf")


@staff_view("reports.statistics.view")
def report_xlsx(request: HttpRequest) -> HttpResponse:
    return HttpResponse("xlsx")


@staff_view("reports.statistics.view")
def report_csv(request: HttpRequest) -> HttpResponse:
    return HttpResponse("csv")


@staff_view("reports.settings.manage")
def template_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("templates")


@staff_view("reports.settings.manage")
def template_create(request: HttpRequest) -> HttpResponse:
    return HttpResponse("new")


@staff_view("reports.settings.manage")
def template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    return HttpResponse("edit")


@staff_view("reports.settings.manage")
def settings_edit(request: HttpRequest) -> HttpResponse:
    return HttpResponse("settings")
