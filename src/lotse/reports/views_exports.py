"""The report as PDF, XLSX and CSV; the office's funder templates and report settings.

The exports take the dashboard's query string (period, offices, target group, chart steps),
plus `template=<id>` (a funder template of the user's office) and `public=1` (small numbers
withheld; a public template withholds them always). Bad filters are refused with their
messages rather than replaced by defaults: a file must be the report that was asked for.
"""

from __future__ import annotations

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core.access import staff_view
from lotse.core.forms import attach_error
from lotse.reports import exports, services
from lotse.reports.forms import ReportFilterForm
from lotse.reports.forms_templates import SettingsForm, TemplateForm
from lotse.reports.models import FunderTemplate

VIEW = "reports.statistics.view"
MANAGE = "reports.settings.manage"


def _export(
    request: HttpRequest,
    extension: str,
    content_type: str,
    render_file: Callable[[exports.Report], bytes],
) -> HttpResponse:
    form = ReportFilterForm(request.GET, user=request.user, office=request.office)
    template = None
    if request.GET.get("template"):
        template = services.template_get(
            user=request.user, office=request.office, template_id=request.GET["template"]
        )
    if form.errors:
        context = {"form": form, "query": form.query_string()}
        return render(request, "reports/exports/invalid.html", context, status=400)
    scope = form.scope()
    report = exports.build_report(
        user=request.user,
        scope=scope,
        template=template,
        public=request.GET.get("public") == "1",
        threshold=services.threshold_for(offices=scope.offices),
        granularity=form.granularity(),
    )
    response = HttpResponse(render_file(report), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(
        True, exports.filename(report, extension, template=template)
    )
    # The numbers change with every consultation recorded; a cached copy would mislead.
    response["Cache-Control"] = "no-store"
    return response


@staff_view(VIEW)
@require_GET
def report_pdf(request: HttpRequest) -> HttpResponse:
    return _export(request, "pdf", "application/pdf", exports.report_pdf)


@staff_view(VIEW)
@require_GET
def report_xlsx(request: HttpRequest) -> HttpResponse:
    return _export(
        request,
        "xlsx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        exports.report_xlsx,
    )


@staff_view(VIEW)
@require_GET
def report_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv", "text/csv; charset=utf-8", exports.report_csv)


# --- Funder templates and settings ------------------------------------------------------------


@staff_view(MANAGE)
@require_GET
def template_list(request: HttpRequest) -> HttpResponse:
    templates = services.template_list(user=request.user, office=request.office)
    # Each template's links download last year's report of this office; other periods and
    # offices are chosen on the statistics page.
    last_year = ReportFilterForm(
        {"period": "last-year", "offices": [str(request.office.pk)], "granularity": "month"},
        user=request.user,
        office=request.office,
    )
    context = {
        "rows": [
            {
                "template": template,
                "figures": exports.template_labels(template),
                "query": last_year.query_string(template=template.pk),
            }
            for template in templates
        ],
        "threshold": services.settings_get(
            user=request.user, office=request.office
        ).small_number_threshold,
    }
    return render(request, "reports/templates/template_list.html", context)


def _template_page(
    request: HttpRequest, template: FunderTemplate | None, name: str = ""
) -> HttpResponse:
    form = TemplateForm(request.POST or None, template=template)
    if request.method == "POST" and form.is_valid():
        try:
            services.template_save(
                office=request.office, by=request.user, template=template, **form.service_fields()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The template was saved."))
            return redirect("reports:template-list")
    context = {"form": form, "template": template, "name": name, "rows": form.figure_rows()}
    return render(request, "reports/templates/template_form.html", context)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def template_create(request: HttpRequest) -> HttpResponse:
    return _template_page(request, None)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def template_edit(request: HttpRequest, template_id: int) -> HttpResponse:
    template = services.template_get(
        user=request.user, office=request.office, template_id=template_id
    )
    # The heading keeps the stored name while the form shows what was typed.
    return _template_page(request, template, name=template.name)


@staff_view(MANAGE)
@require_http_methods(["GET", "POST"])
def settings_edit(request: HttpRequest) -> HttpResponse:
    current = services.settings_get(user=request.user, office=request.office)
    form = SettingsForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_save(
                office=request.office,
                by=request.user,
                small_number_threshold=form.cleaned_data["small_number_threshold"],
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("reports:settings")
    return render(request, "reports/templates/settings.html", {"form": form})
