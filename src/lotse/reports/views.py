"""The statistics dashboard: key figures, charts and tables for a period and offices."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from lotse.core import policy
from lotse.core.access import staff_view
from lotse.reports import services
from lotse.reports.forms import ReportFilterForm, describe_period
from lotse.reports.selectors import dashboard_for


@staff_view("reports.statistics.view")
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    form = ReportFilterForm(request.GET, user=request.user, office=request.office)
    board = dashboard_for(user=request.user, scope=form.scope(), granularity=form.granularity())
    return render(
        request,
        "reports/dashboard.html",
        {
            "form": form,
            "board": board,
            "period": form.describe(),
            "previous_period": describe_period(board.previous.start, board.previous.end),
            "offices": form.offices_in_use(),
            "all_offices": len(form.offices_in_use()) == len(form.allowed),
            "target_group": form.target_group(),
            "query": form.query_string(),
            "public_query": form.query_string(public=1),
            "can_manage": policy.can(request.user, "reports.settings.manage", request.office),
            "templates": list(services.template_list(user=request.user, office=request.office)),
        },
    )
