from django.urls import path

from lotse.reports import views, views_exports

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    # The same query string as the dashboard (period, offices, target group), plus `template`
    # (a funder template) and `public=1` (small numbers suppressed).
    path("report.pdf", views_exports.report_pdf, name="report-pdf"),
    path("report.xlsx", views_exports.report_xlsx, name="report-xlsx"),
    path("report.csv", views_exports.report_csv, name="report-csv"),
    path("templates/", views_exports.template_list, name="template-list"),
    path("templates/new/", views_exports.template_create, name="template-create"),
    path("templates/<int:template_id>/", views_exports.template_edit, name="template-edit"),
    path("settings/", views_exports.settings_edit, name="settings"),
]
