"""Staff pages about the people an office counsels: find, create, read, edit, merge, and the
small records around a person (consents, household, milestones, recognition, follow-ups).

Thin views: a form, one service call for a write or a selector for a read. Every object is
fetched within the active office, so an id of another office answers 404.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lotse.core import policy
from lotse.core.access import post_only, staff_view
from lotse.core.views import safe_next
from lotse.counseling import selectors, services
from lotse.counseling.forms_people import (
    ConsentGiveForm,
    ConsentWithdrawForm,
    FollowUpForm,
    HouseholdForm,
    MergeConfirmForm,
    MergeFindForm,
    OutcomeForm,
    PersonCreateForm,
    PersonForm,
    PersonSearchForm,
    RecognitionForm,
    attach_error,
    in_office,
    merge_preview,
    recognition_steps,
)
from lotse.counseling.models import (
    Consent,
    ConsentPurpose,
    Consultation,
    FollowUp,
    HouseholdLink,
    Outcome,
    Person,
    RecognitionCase,
    Referral,
    RestrictionGround,
)

PAGE_SIZE = 50
#: How many of the latest contacts the people list pages through without a search.
RECENT_LIST_SIZE = 500
#: Timeline entries a person's page shows before "show all".
TIMELINE_SHOWN = 30
TEMPLATES = "counseling/people/"


def _render(
    request: HttpRequest, template: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(request, TEMPLATES + template, context, status=status)


def _page_of(request: HttpRequest, items: Any) -> tuple[Any, str]:
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _person(request: HttpRequest, person_id: int) -> Person:
    return selectors.person_get(user=request.user, office=request.office, person_id=person_id)


def _to_kept_record(request: HttpRequest, person: Person) -> HttpResponse | None:
    """A merged record is a pointer: its pages lead to the record it was merged into."""
    if person.merged_into_id is None:
        return None
    messages.info(
        request,
        _("This record was merged into %(number)s. You see that record now.")
        % {"number": person.merged_into.client_number},
    )
    return redirect("counseling:person-detail", person_id=person.merged_into_id)


def _to_person(person_id: int | None) -> HttpResponse:
    if person_id is None:
        return redirect("counseling:person-list")
    return redirect("counseling:person-detail", person_id=person_id)


def _simple_form(
    request: HttpRequest, *, form: Any, person: Person, title: str, submit: str, **extra: Any
) -> HttpResponse:
    context = {"form": form, "person": person, "title": title, "submit": submit, **extra}
    return _render(request, "simple_form.html", context)


# --- Find and list ------------------------------------------------------------------------------


@staff_view("counseling.person.view")
@require_GET
def person_list(request: HttpRequest) -> HttpResponse:
    user, office = request.user, request.office
    form = PersonSearchForm(request.GET)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    context: dict[str, Any] = {"form": form, "query": query}
    if query:
        context["results"] = selectors.person_search(user=user, office=office, query=query)
    else:
        context["recent"] = selectors.recent_people(user=user, office=office)
        # The latest contacts only: nobody pages through 100,000 records, they search. Bounding
        # the list keeps the page count cheap (no COUNT over the whole office) and lets the
        # (office, last contact) index deliver the order.
        everyone = (
            selectors.people(office)
            .select_related("country_of_origin", "target_group")
            .order_by("-last_contact_at", "-id")[:RECENT_LIST_SIZE]
        )
        context["page"], context["page_query"] = _page_of(request, everyone)
        context["list_size"] = RECENT_LIST_SIZE
    return _render(request, "list.html", context)


# --- Create, edit, read -------------------------------------------------------------------------


@staff_view("counseling.person.edit")
def person_create(request: HttpRequest) -> HttpResponse:
    user, office = request.user, request.office
    form = PersonCreateForm(request.POST or None)
    duplicates: list[Person] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if not data["confirm_new"]:
            duplicates = selectors.possible_duplicates(
                user=user,
                office=office,
                display_name=data["display_name"],
                full_name=data["full_name"],
                email=data["email"],
                phone=data["phone"],
            )
        if not duplicates:
            try:
                person = services.person_create(
                    office=office,
                    by=user,
                    consent_form=data["consent_form"],
                    languages=form.languages(),
                    **form.person_fields(),
                )
            except ValidationError as error:
                attach_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s was added with the client number %(number)s.")
                    % {"name": person.display_name, "number": person.client_number},
                )
                return redirect("counseling:person-detail", person_id=person.pk)
    return _render(request, "form.html", {"form": form, "duplicates": duplicates})


@staff_view("counseling.person.edit")
def person_edit(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    if moved := _to_kept_record(request, person):
        return moved
    form = PersonForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(
                office=request.office,
                by=request.user,
                person=person,
                languages=form.languages(),
                **form.person_fields(),
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect("counseling:person-detail", person_id=person.pk)
    return _render(request, "form.html", {"form": form, "person": person})


def _consent_rows(consents: list[Consent]) -> list[dict[str, Any]]:
    """Each purpose with the consent in force, else the latest withdrawn one, else nothing."""
    rows = []
    for purpose, label in ConsentPurpose.choices:
        mine = [c for c in consents if c.purpose == purpose]
        active = next((c for c in mine if c.withdrawn_on is None), None)
        latest = max(mine, key=lambda c: (c.withdrawn_on or dt.date.min, c.given_on), default=None)
        rows.append({"purpose": purpose, "label": label, "active": active, "latest": latest})
    return rows


def _local_time(zone: str) -> dt.datetime | None:
    try:
        return timezone.now().astimezone(zoneinfo.ZoneInfo(zone)) if zone else None
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return None


@staff_view("counseling.person.view")
@require_GET
def person_detail(request: HttpRequest, person_id: int) -> HttpResponse:
    user, office = request.user, request.office
    person = _person(request, person_id)
    if moved := _to_kept_record(request, person):
        return moved
    # The sponsorship app's requests and tandems show on the person's page.
    prefetch_related_objects([person], "sponsorship_requests", "tandems__volunteer")
    # A long history shows its latest entries first; the rest is one click away.
    show_all = bool(request.GET.get("all"))
    data = selectors.timeline(
        user=user,
        office=office,
        person=person,
        limit=selectors.TIMELINE_LIMIT if show_all else TIMELINE_SHOWN + 1,
    )
    entries = data.pop("entries")
    shown = entries if show_all else entries[:TIMELINE_SHOWN]
    open_record = person.restricted_at is None
    context = {
        "person": person,
        **data,
        "entries": shown,
        "has_more": len(entries) > len(shown),
        "show_all": show_all,
        "consent_rows": _consent_rows(data["consents"]),
        "open_follow_ups": [f for f in data["follow_ups"] if f.done_at is None],
        "local_time": _local_time(person.time_zone),
        "today": timezone.localdate(),
        "consent_form": ConsentGiveForm(),
        "household_form": HouseholdForm(),
        # A restricted record (Art. 18 GDPR) is read, not changed: no buttons that would fail.
        "can_edit": open_record and policy.can(user, "counseling.person.edit", office),
        "can_merge": open_record and policy.can(user, "counseling.person.merge", office),
        "can_record": open_record and policy.can(user, "counseling.consultation.record", office),
        "can_refer": open_record and policy.can(user, "counseling.referral.manage", office),
        # The data subject's rights (the privacy app's pages).
        "can_export": policy.can(user, "privacy.person.export", office),
        "can_restrict": policy.can(user, "privacy.person.restrict", office),
        "can_erase": policy.can(user, "privacy.person.erase", office),
        "restriction_grounds": RestrictionGround.choices,
    }
    return _render(request, "detail.html", context)


# --- Merge --------------------------------------------------------------------------------------


def _merge_counts(person: Person) -> list[tuple[str, int]]:
    """What a merge would move over, as (label, count)."""
    return [
        (_("consultations"), Consultation.objects.filter(person=person).count()),
        (_("referrals"), Referral.objects.filter(person=person).count()),
        (_("consents"), Consent.objects.filter(person=person).count()),
        (_("milestones"), Outcome.objects.filter(person=person).count()),
        (_("recognition cases"), RecognitionCase.objects.filter(person=person).count()),
        (_("follow-ups"), FollowUp.objects.filter(person=person).count()),
    ]


def _other_id(request: HttpRequest) -> int | None:
    raw = request.POST.get("other_id") or request.GET.get("other_id") or ""
    return int(raw) if raw.isdigit() else None


@staff_view("counseling.person.merge")
def person_merge(request: HttpRequest, person_id: int) -> HttpResponse:
    """Find the other record of the same person, compare both, and merge it into this one."""
    user, office = request.user, request.office
    keep = _person(request, person_id)
    if moved := _to_kept_record(request, keep):
        return moved
    find_form = MergeFindForm(request.GET if "other" in request.GET else None)
    other: Person | None = None
    candidates: list[Person] = []
    problem = ""
    other_id = _other_id(request)
    if other_id is not None:
        other = _person(request, other_id)  # 404 for a record of another office
    elif find_form.is_bound and find_form.is_valid():
        query = find_form.cleaned_data["other"].strip()
        found = selectors.person_search(user=user, office=office, query=query)
        if selectors.CLIENT_NUMBER.match(query):
            if not found:
                problem = _("No record of your office has the client number %(number)s.") % {
                    "number": query
                }
            else:
                other = _person(request, found[0].pk)
        else:
            candidates = [p for p in found if p.pk != keep.pk]
            if not candidates:
                problem = _("No other record matches “%(query)s”.") % {"query": query}
    if other is not None and other.pk == keep.pk:
        problem = _("A record cannot be merged with itself. Choose the other record.")
        other = None
    elif other is not None and other.merged_into_id:
        problem = _("%(number)s was already merged into %(into)s.") % {
            "number": other.client_number,
            "into": other.merged_into.client_number,
        }
        other = None

    confirm_form = MergeConfirmForm(
        request.POST if request.method == "POST" else None,
        initial={"other_id": other.pk if other else None},
    )
    if request.method == "POST" and other is not None and confirm_form.is_valid():
        try:
            services.person_merge(office=office, by=user, keep=keep, merge=other)
        except ValidationError as error:
            problem = " ".join(error.messages)
        else:
            messages.success(
                request,
                _("%(merged)s was merged into this record.") % {"merged": other.client_number},
            )
            return redirect("counseling:person-detail", person_id=keep.pk)
    elif request.method == "POST" and other is None and not problem:
        problem = _("Choose the record to merge first.")
    context = {
        "person": keep,
        "find_form": find_form,
        "confirm_form": confirm_form,
        "other": other,
        "candidates": candidates,
        "problem": problem,
        "preview": merge_preview(keep, other) if other else [],
        "moves": _merge_counts(other) if other else [],
    }
    return _render(request, "merge.html", context)


# --- Consents -----------------------------------------------------------------------------------


@staff_view("counseling.person.edit")
def consent_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    if moved := _to_kept_record(request, person):
        return moved
    purpose = request.GET.get("purpose")
    initial = {"purpose": purpose} if purpose in ConsentPurpose.values else {}
    form = ConsentGiveForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            consent = services.consent_give(
                office=request.office, by=request.user, person=person, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("The consent “%(purpose)s” was recorded.")
                % {"purpose": consent.get_purpose_display()},
            )
            return redirect("counseling:person-detail", person_id=person.pk)
    return _simple_form(
        request, form=form, person=person, title=_("Record a consent"), submit=_("Record consent")
    )


@staff_view("counseling.person.edit")
@post_only
def consent_withdraw(request: HttpRequest, consent_id: int) -> HttpResponse:
    consent = in_office(Consent, request.office, consent_id)
    form = ConsentWithdrawForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter a valid date of withdrawal."))
        return _to_person(consent.person_id)
    try:
        services.consent_withdraw(
            office=request.office,
            by=request.user,
            consent=consent,
            withdrawn_on=form.cleaned_data["withdrawn_on"],
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("The consent “%(purpose)s” was withdrawn.")
            % {"purpose": consent.get_purpose_display()},
        )
    return _to_person(consent.person_id)


# --- Household ----------------------------------------------------------------------------------


def _find_relative(request: HttpRequest, form: HouseholdForm, person: Person) -> Person | None:
    """The relative the form names; else None, with an error or the candidates on the form."""
    office = request.office
    chosen = form.cleaned_data.get("relative_id")
    if chosen:
        relative = selectors.people(office).filter(pk=chosen).first()
        if relative is None:
            form.add_error("relative", _("This person is not in your office's records."))
        return relative
    query = form.cleaned_data["relative"].strip()
    found = [
        p
        for p in selectors.person_search(user=request.user, office=office, query=query)
        if p.pk != person.pk
    ]
    if selectors.CLIENT_NUMBER.match(query):
        if not found:
            form.add_error("relative", _("No other person of your office has this client number."))
            return None
        return found[0]
    if not found:
        form.add_error("relative", _("Nobody in your office's records matches this name."))
        return None
    form.set_candidates(found)
    return None


@staff_view("counseling.person.edit")
def household_add(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    if moved := _to_kept_record(request, person):
        return moved
    form = HouseholdForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        relative = _find_relative(request, form, person)
        if relative is not None:
            try:
                services.household_link_add(
                    office=request.office,
                    by=request.user,
                    person=person,
                    relative=relative,
                    relation=form.cleaned_data["relation"],
                )
            except ValidationError as error:
                attach_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(name)s was linked to the household.") % {"name": relative.display_name},
                )
                return redirect("counseling:person-detail", person_id=person.pk)
    return _render(request, "household_form.html", {"form": form, "person": person})


@staff_view("counseling.person.edit")
@post_only
def household_remove(request: HttpRequest, link_id: int) -> HttpResponse:
    link = in_office(HouseholdLink, request.office, link_id)
    person_id = link.person_id
    services.household_link_remove(office=request.office, by=request.user, link=link)
    messages.success(request, _("The household link was removed."))
    return _to_person(person_id)


# --- Milestones ---------------------------------------------------------------------------------


@staff_view("counseling.person.edit")
def outcome_create(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    if moved := _to_kept_record(request, person):
        return moved
    form = OutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            outcome = services.outcome_record(
                office=request.office, by=request.user, person=person, **form.cleaned_data
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("The milestone “%(kind)s” was recorded.") % {"kind": outcome.get_kind_display()},
            )
            return redirect("counseling:person-detail", person_id=person.pk)
    return _simple_form(
        request, form=form, person=person, title=_("Add a milestone"), submit=_("Save milestone")
    )


@staff_view("counseling.person.edit")
@post_only
def outcome_delete(request: HttpRequest, outcome_id: int) -> HttpResponse:
    outcome = in_office(Outcome, request.office, outcome_id)
    person_id = outcome.person_id
    services.outcome_delete(office=request.office, by=request.user, outcome=outcome)
    messages.success(request, _("The milestone was deleted."))
    return _to_person(person_id)


# --- Recognition --------------------------------------------------------------------------------


def _recognition_form(
    request: HttpRequest, person: Person, case: RecognitionCase | None
) -> HttpResponse:
    form = RecognitionForm(request.POST or None, case=case)
    if request.method == "POST" and form.is_valid():
        try:
            services.recognition_save(
                office=request.office,
                by=request.user,
                person=person,
                case=case,
                **form.save_kwargs(),
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The recognition case was saved."))
            return redirect("counseling:person-detail", person_id=person.pk)
    context = {
        "form": form,
        "person": person,
        "case": case,
        "steps": recognition_steps(case) if case else [],
    }
    return _render(request, "recognition_form.html", context)


@staff_view("counseling.person.edit")
def recognition_create(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    if moved := _to_kept_record(request, person):
        return moved
    return _recognition_form(request, person, None)


@staff_view("counseling.person.edit")
def recognition_edit(request: HttpRequest, case_id: int) -> HttpResponse:
    case = in_office(RecognitionCase, request.office, case_id)
    person = _person(request, case.person_id)
    return _recognition_form(request, person, case)


# --- Follow-ups ---------------------------------------------------------------------------------


@staff_view("counseling.person.edit")
def follow_up_create(request: HttpRequest, person_id: int) -> HttpResponse:
    user, office = request.user, request.office
    person = _person(request, person_id)
    if moved := _to_kept_record(request, person):
        return moved
    form = FollowUpForm(request.POST or None, counselors=selectors.counselors_of(office), me=user)
    if request.method == "POST" and form.is_valid():
        try:
            services.follow_up_create(office=office, by=user, person=person, **form.cleaned_data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The follow-up was added."))
            return redirect("counseling:person-detail", person_id=person.pk)
    return _simple_form(
        request, form=form, person=person, title=_("Add a follow-up"), submit=_("Save follow-up")
    )


@staff_view("counseling.person.view")
@require_GET
def follow_up_list(request: HttpRequest) -> HttpResponse:
    whole_office = request.GET.get("all") == "1"
    found = selectors.follow_ups_for(
        user=request.user, office=request.office, mine_only=not whole_office
    )
    page, query = _page_of(request, found)
    context = {
        "page": page,
        "page_query": query,
        "whole_office": whole_office,
        "today": timezone.localdate(),
        "can_edit": policy.can(request.user, "counseling.person.edit", request.office),
    }
    return _render(request, "follow_up_list.html", context)


@staff_view("counseling.person.edit")
@post_only
def follow_up_done(request: HttpRequest, follow_up_id: int) -> HttpResponse:
    follow_up = in_office(FollowUp, request.office, follow_up_id)
    done = request.POST.get("done", "1") != "0"
    services.follow_up_set_done(
        office=request.office, by=request.user, follow_up=follow_up, done=done
    )
    if done:
        messages.success(request, _("“%(title)s” is done.") % {"title": follow_up.title})
    else:
        messages.success(request, _("“%(title)s” is open again.") % {"title": follow_up.title})
    fallback = reverse("counseling:person-detail", kwargs={"person_id": follow_up.person_id})
    return redirect(safe_next(request, fallback))
