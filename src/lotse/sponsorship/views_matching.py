"""Staff pages of matching and tandems: the proposals with their reasons, the coordinator's
decisions, the active tandems with their alerts, and one tandem's agreement, check-ins and end.

Thin views: a form, one selector (reads) or one service (writes), a template. Another office's
proposal or tandem is not found (404); a role without the action gets 403.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lotse.core.access import post_only, staff_view
from lotse.core.forms import attach_error
from lotse.sponsorship import selectors_matching as selectors
from lotse.sponsorship import services_matching as services
from lotse.sponsorship.forms_matching import (
    CheckInForm,
    ProgramSettingsForm,
    SwapForm,
    SwapTargetForm,
    TandemEndForm,
    TandemFilterForm,
    TandemForm,
)
from lotse.sponsorship.models import Preference, Proposal, Tandem

PAGE_SIZE = 50


def _page_of(request: HttpRequest, items: Any) -> tuple[Any, str]:
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


# --- Matching -------------------------------------------------------------------------------------


def _proposal_label(proposal: Proposal) -> str:
    person = proposal.request.person
    name = person.display_name if person else proposal.request.contact_name
    return f"{name or proposal.request.district} ↔ {proposal.volunteer.first_name}"


def _render_matching(
    request: HttpRequest, error: ValidationError | None = None, status: int = 200
) -> HttpResponse:
    found = selectors.open_proposals(user=request.user, office=request.office)
    page, query = _page_of(request, found)
    proposals = list(page)
    codes: set[str] = set()
    for proposal in proposals:
        codes.update(proposal.request.languages or [])
        codes.update(selectors.reason_codes(proposal.reasons))
    names = selectors.language_names(codes)
    kinds = dict(Preference.choices)
    choices = [(p.pk, _proposal_label(p)) for p in proposals]
    rows = []
    for proposal in proposals:
        req = proposal.request
        rows.append(
            {
                "proposal": proposal,
                "name": req.person.display_name if req.person else req.contact_name,
                "kind": kinds.get(req.kind, req.kind),
                "languages": [names.get(code, code) for code in req.languages or []],
                "needs": selectors.offer_labels(req.needs),
                "waiting_days": selectors.waiting_days(req),
                "volunteer_languages": list(proposal.volunteer.languages.all()),
                "reasons": [selectors.reason_text(r, names) for r in proposal.reasons],
                "swap_form": SwapForm(
                    choices=[c for c in choices if c[0] != proposal.pk],
                    prefix=f"swap-{proposal.pk}",
                ),
            }
        )
    context = {
        "counts": selectors.matching_counts(user=request.user, office=request.office),
        "page": page,
        "rows": rows,
        "query": query,
        "errors": error.messages if error is not None else [],
    }
    return render(request, "sponsorship/matching/page.html", context, status=status)


@staff_view("sponsorship.match.run")
@require_GET
def matching_page(request: HttpRequest) -> HttpResponse:
    return _render_matching(request)


@staff_view("sponsorship.match.run")
@post_only
def matching_run(request: HttpRequest) -> HttpResponse:
    rows = services.run(office=request.office, by=request.user)
    if rows:
        messages.success(
            request,
            _("%(count)s proposals computed.") % {"count": len(rows)}
            if len(rows) != 1
            else _("One proposal computed."),
        )
    else:
        messages.info(request, _("No pair fits the rules at the moment."))
    return redirect("sponsorship:matching")


@staff_view("sponsorship.match.run")
def matching_settings(request: HttpRequest) -> HttpResponse:
    """The office's matching weights and tandem thresholds."""
    current = selectors.program_settings(request.office)
    form = ProgramSettingsForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.settings_save(
                office=request.office,
                by=request.user,
                **{name: form.cleaned_data[name] for name in services.SETTINGS_FIELDS},
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The settings were saved."))
            return redirect("sponsorship:matching")
    return render(
        request, "sponsorship/matching/settings.html", {"form": form, "section": "matching"}
    )


@staff_view("sponsorship.tandem.manage")
@post_only
def tandem_remind(request: HttpRequest) -> HttpResponse:
    sent = services.remind_quiet_volunteers(office=request.office, by=request.user)
    if sent:
        messages.success(
            request,
            _("%(count)s volunteers get a friendly reminder by e-mail.") % {"count": sent}
            if sent != 1
            else _("One volunteer gets a friendly reminder by e-mail."),
        )
    else:
        messages.info(request, _("No volunteer needs a reminder at the moment."))
    return redirect("sponsorship:tandem-list")


@staff_view("sponsorship.match.run")
@post_only
def matching_accept(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get(
        user=request.user, office=request.office, proposal_id=proposal_id
    )
    try:
        tandem = services.accept(office=request.office, by=request.user, proposal=proposal)
    except ValidationError as error:
        return _render_matching(request, error)
    messages.success(request, _("The tandem started; both sides are told by e-mail."))
    return redirect("sponsorship:tandem-detail", tandem_id=tandem.pk)


@staff_view("sponsorship.match.run")
@post_only
def matching_reject(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get(
        user=request.user, office=request.office, proposal_id=proposal_id
    )
    try:
        services.reject(office=request.office, by=request.user, proposal=proposal)
    except ValidationError as error:
        return _render_matching(request, error)
    messages.success(request, _("The proposal was rejected; this pair is not proposed again."))
    return redirect("sponsorship:matching")


@staff_view("sponsorship.match.run")
@post_only
def matching_swap(request: HttpRequest, proposal_id: int) -> HttpResponse:
    proposal = selectors.proposal_get(
        user=request.user, office=request.office, proposal_id=proposal_id
    )
    form = SwapTargetForm({"other": request.POST.get(f"swap-{proposal.pk}-other", "")})
    if not form.is_valid():
        return _render_matching(request, ValidationError(_("Choose the proposal to swap with.")))
    other = selectors.proposal_get(
        user=request.user, office=request.office, proposal_id=form.cleaned_data["other"]
    )
    try:
        services.swap(office=request.office, by=request.user, proposal_a=proposal, proposal_b=other)
    except ValidationError as error:
        return _render_matching(request, error)
    messages.success(request, _("The volunteers of the two proposals were swapped."))
    return redirect("sponsorship:matching")


# --- Tandems --------------------------------------------------------------------------------------


def _name_of(tandem: Tandem) -> str:
    person = tandem.request.person
    return person.display_name if person else tandem.request.contact_name


@staff_view("sponsorship.tandem.manage")
@require_GET
def tandem_list(request: HttpRequest) -> HttpResponse:
    form = TandemFilterForm(request.GET)
    alert = form.cleaned_data["alert"] if form.is_valid() else ""
    found = selectors.active_tandems(user=request.user, office=request.office, alert=alert)
    page, query = _page_of(request, found)
    by_id = selectors.tandems_by_id(
        user=request.user, office=request.office, ids=[pk for pk, _alerts in page]
    )
    rows = [
        {
            "tandem": by_id[pk],
            "alerts": alerts,
            "name": _name_of(by_id[pk]),
        }
        for pk, alerts in page
        if pk in by_id
    ]
    context = {
        "form": form,
        "page": page,
        "rows": rows,
        "query": query,
        "no_contact_days": selectors.program_settings(request.office).no_contact_alert_days,
    }
    return render(request, "sponsorship/tandems/list.html", context)


def _render_tandem(
    request: HttpRequest,
    tandem: Tandem,
    *,
    tandem_form: TandemForm | None = None,
    check_in_form: CheckInForm | None = None,
    end_form: TandemEndForm | None = None,
) -> HttpResponse:
    req = tandem.request
    names = selectors.language_names(req.languages or [])
    kinds = dict(Preference.choices)
    alerts = selectors.alerts_for(
        started_on=tandem.started_on,
        last_check_in=tandem.last_check_in,  # type: ignore[attr-defined]
        last_contact_on=tandem.last_contact_on,
        every_days=tandem.check_in_every_days,
        no_contact_after=selectors.program_settings(request.office).no_contact_alert_days,
    )
    context = {
        "tandem": tandem,
        "name": _name_of(tandem),
        "kind": kinds.get(req.kind, req.kind),
        "languages": [names.get(code, code) for code in req.languages or []],
        "needs": selectors.offer_labels(req.needs),
        "volunteer_languages": list(tandem.volunteer.languages.all()),
        "check_ins": list(tandem.check_ins.all()),
        "alerts": alerts,
        "is_active": tandem.status == "active",
        "tandem_form": tandem_form or TandemForm.for_tandem(tandem),
        "check_in_form": check_in_form or CheckInForm(),
        "end_form": end_form or TandemEndForm(),
        # An ended tandem shows no forms; what refused a late POST is shown on its own.
        "refused": [
            error
            for form in (tandem_form, check_in_form, end_form)
            if form is not None
            for error in form.non_field_errors()
        ],
    }
    return render(request, "sponsorship/tandems/detail.html", context)


def _tandem(request: HttpRequest, tandem_id: int) -> Tandem:
    return selectors.tandem_get(user=request.user, office=request.office, tandem_id=tandem_id)


@staff_view("sponsorship.tandem.manage")
@require_GET
def tandem_detail(request: HttpRequest, tandem_id: int) -> HttpResponse:
    return _render_tandem(request, _tandem(request, tandem_id))


@staff_view("sponsorship.tandem.manage")
@post_only
def tandem_update(request: HttpRequest, tandem_id: int) -> HttpResponse:
    tandem = _tandem(request, tandem_id)
    form = TandemForm(request.POST)
    if form.is_valid():
        try:
            services.tandem_update(
                office=request.office, by=request.user, tandem=tandem, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The agreement was saved."))
            return redirect("sponsorship:tandem-detail", tandem_id=tandem.pk)
        tandem = _tandem(request, tandem_id)  # the service may have changed the object
    return _render_tandem(request, tandem, tandem_form=form)


@staff_view("sponsorship.tandem.manage")
@post_only
def tandem_check_in(request: HttpRequest, tandem_id: int) -> HttpResponse:
    tandem = _tandem(request, tandem_id)
    form = CheckInForm(request.POST)
    if form.is_valid():
        try:
            services.check_in_record(
                office=request.office, by=request.user, tandem=tandem, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The check-in was recorded."))
            return redirect("sponsorship:tandem-detail", tandem_id=tandem.pk)
    return _render_tandem(request, tandem, check_in_form=form)


@staff_view("sponsorship.tandem.manage")
@post_only
def tandem_end(request: HttpRequest, tandem_id: int) -> HttpResponse:
    tandem = _tandem(request, tandem_id)
    form = TandemEndForm(request.POST)
    if form.is_valid():
        try:
            services.tandem_end(
                office=request.office, by=request.user, tandem=tandem, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The tandem ended; the volunteer is free for a new one."))
            return redirect("sponsorship:tandem-list")
        tandem = _tandem(request, tandem_id)
    return _render_tandem(request, tandem, end_form=form)
