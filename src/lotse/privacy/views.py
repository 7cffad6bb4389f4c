"""Retention pages: the preview of what is due next and why, the rules, a run by hand, the log."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core import policy
from lotse.core.access import post_only, staff_view
from lotse.privacy import retention, tasks
from lotse.privacy.forms import RetentionRulesForm
from lotse.privacy.models import RetentionRun, RetentionSchedule, RunTrigger

PAGE_SIZE = 50
#: Runs shown on the overview; the log has them all.
RECENT_RUNS = 5


def _with_rows(runs: list[RetentionRun]) -> list[RetentionRun]:
    for run in runs:
        run.rows = retention.count_rows(run.counts)  # type: ignore[attr-defined]
    return runs


@staff_view("privacy.retention.view")
@require_GET
def index(request: HttpRequest) -> HttpResponse:
    queued = tasks.ensure_scheduled()
    schedule = RetentionSchedule.objects.filter(pk=tasks.SINGLETON).first() if queued else None
    rules = retention.preview(request.office)
    runs = RetentionRun.objects.filter(office=request.office).select_related("started_by")
    return render(
        request,
        "privacy/retention/index.html",
        {
            "rules": rules,
            "kept": [(rule, item) for rule in rules for item in rule.kept],
            "kept_count": sum(rule.kept_count for rule in rules),
            "schedule": schedule,
            "runs": _with_rows(list(runs[:RECENT_RUNS])),
            "preview_days": retention.PREVIEW_DAYS,
            "today": timezone.localdate(),
            "can_manage": policy.can(request.user, "privacy.retention.manage", request.office),
            "can_see_records": policy.can(request.user, "privacy.records.view", request.office),
        },
    )


@staff_view("privacy.retention.manage")
@require_http_methods(["GET", "POST"])
def rules_edit(request: HttpRequest) -> HttpResponse:
    current = retention.periods(request.office)
    form = RetentionRulesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        changed = retention.rules_save(office=request.office, by=request.user, values=form.values())
        if changed:
            messages.success(request, _("The retention rules were saved."))
        else:
            messages.info(request, _("Nothing was changed."))
        return redirect("privacy:index")
    return render(request, "privacy/retention/rules.html", {"form": form})


@staff_view("privacy.retention.manage")
@post_only
def run_now(request: HttpRequest) -> HttpResponse:
    run = retention.run_retention(request.office, trigger=RunTrigger.MANUAL, by=request.user)
    summary = ", ".join(f"{label}: {number}" for label, number in retention.count_rows(run.counts))
    if run.error:
        messages.error(
            request,
            _("The run finished with errors; the other rules were applied. %(counts)s")
            % {"counts": summary},
        )
    elif run.total:
        messages.success(request, _("Retention applied. %(counts)s") % {"counts": summary})
    else:
        messages.info(request, _("Nothing was due."))
    return redirect("privacy:index")


@staff_view("privacy.retention.view")
@require_GET
def run_list(request: HttpRequest) -> HttpResponse:
    runs = RetentionRun.objects.filter(office=request.office).select_related("started_by")
    page = Paginator(runs, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = _with_rows(list(page.object_list))
    return render(request, "privacy/retention/run_list.html", {"page": page})
