"""Placeholder: the dashboard (filled in next)."""

from django.http import HttpRequest, HttpResponse

from lotse.core.access import staff_view


@staff_view("reports.statistics.view")
def dashboard(request: HttpRequest) -> HttpResponse:
    return HttpResponse("dashboard")
