"""Import and export of the directory (CSV and XLSX): thin views over `directory.exchange`."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from lotse.core.access import staff_view
from lotse.directory import exchange


class ImportForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("File"),
        allow_empty_file=True,  # the import explains an empty file in its own words
        help_text=gettext_lazy(
            "A .csv (UTF-8, separated by commas or semicolons) or .xlsx file, at most "
            "10 MB and 5,000 rows."
        ),
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument."
                "spreadsheetml.sheet"
            }
        ),
    )
    dry_run = forms.BooleanField(
        label=gettext_lazy("Dry run: only check the file, change nothing"),
        required=False,
        initial=True,
    )


@staff_view("directory.entry.view")
@never_cache
@require_GET
def export(request: HttpRequest) -> HttpResponse:
    """?format=csv|xlsx; ?scope=all for the whole regional directory; ?ids=0 without numbers."""
    file_format = request.GET.get("format", "csv")
    if file_format not in exchange.FORMATS:
        return HttpResponseBadRequest(_("Choose the format csv or xlsx."))
    export = exchange.directory_export(
        user=request.user,
        office=request.office,
        file_format=file_format,
        scope="all" if request.GET.get("scope") == "all" else "own",
        with_ids=request.GET.get("ids") != "0",
    )
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.filename}"'
    return response


@staff_view("directory.import")
@never_cache
def import_view(request: HttpRequest) -> HttpResponse:
    """GET: the form. POST: a dry run shows every problem; a real import writes all or nothing."""
    context = {"columns": exchange.COLUMNS, "text_fields": exchange.TEXT_FIELDS,
               "languages": exchange.languages(), "max_rows": exchange.MAX_ROWS,
               "code_lists": exchange.code_lists()}  # fmt: skip
    if request.method != "POST":
        return render(request, "directory/import.html", {**context, "form": ImportForm()})
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return render(request, "directory/import.html", {**context, "form": form})
    report = exchange.directory_import(
        office=request.office,
        by=request.user,
        upload=form.cleaned_data["file"],
        dry_run=form.cleaned_data["dry_run"],
    )
    if report.ok and not report.dry_run:
        messages.success(
            request,
            _(
                "Import complete: %(rows)s rows; %(created)s services created, %(updated)s "
                "updated, %(unchanged)s unchanged; %(organisations)s organisations created."
            )
            % {
                "rows": report.rows,
                "created": report.created,
                "updated": report.updated,
                "unchanged": report.unchanged,
                "organisations": report.organisations_created,
            },
        )
        return redirect(request.path)  # so reloading the page cannot import twice
    # After a clean dry run the next step is the real import, so offer the form without it.
    again = ImportForm(initial={"dry_run": not report.ok})
    return render(
        request, "directory/import_result.html", {**context, "report": report, "form": again}
    )
