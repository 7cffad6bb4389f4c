"""Retention pages (stubs until built)."""

from django.http import HttpRequest, HttpResponse

from lotse.core.access import post_only, staff_view


@staff_view("privacy.retention.view")
def index(request: HttpRequest) -> HttpResponse:
    return HttpResponse("retention")


@staff_view("privacy.retention.manage")
def rules_edit(request: HttpRequest) -> HttpResponse:
    return HttpResponse("rules")


@staff_view("privacy.retention.manage")
@post_only
def run_now(request: HttpRequest) -> HttpResponse:
    return HttpResponse("run")


@staff_view("privacy.retention.view")
def run_list(request: HttpRequest) -> HttpResponse:
    return HttpResponse("runs")
