"""The data subject's rights on a person's record: restriction (Art. 18) and erasure (Art. 17),
and the erasure confirmations."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from lotse.core.access import post_only, staff_view
from lotse.counseling.models import Person
from lotse.events.models import Registration
from lotse.privacy import subjects
from lotse.privacy.forms_subjects import EraseForm, ErasureRequestForm, RestrictForm
from lotse.privacy.models import ErasureGround, ErasureRecord
from lotse.sponsorship.models import Volunteer

PAGE_SIZE = 50


def _person(request: HttpRequest, person_id: int) -> Person:
    person = Person.objects.filter(office=request.office, pk=person_id).first()
    if person is None:
        raise Http404
    return person


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


@staff_view("privacy.person.restrict")
@post_only
def person_restrict(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    form = RestrictForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return redirect("counseling:person-detail", person.pk)
    try:
        if form.cleaned_data["action"] == "restrict":
            subjects.restrict(
                office=request.office,
                by=request.user,
                person=person,
                ground=form.cleaned_data["ground"],
            )
            messages.success(request, _("Processing of this person's data is now restricted."))
        else:
            subjects.lift_restriction(office=request.office, by=request.user, person=person)
            messages.success(request, _("The restriction was lifted."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("counseling:person-detail", person.pk)


@staff_view("privacy.person.erase")
def person_erase(request: HttpRequest, person_id: int) -> HttpResponse:
    person = _person(request, person_id)
    if person.merged_into_id:
        # A merged record is part of the record it went into: erase that one (with it).
        return redirect("privacy:person-erase", person.merged_into_id)
    form = EraseForm(request.POST or None, expected_number=person.client_number)
    if request.method == "POST" and form.is_valid():
        record = subjects.erase_person(
            office=request.office,
            person=person,
            ground=ErasureGround.REQUEST,
            by=request.user,
            requested_on=form.cleaned_data["requested_on"],
        )
        messages.success(request, _("The person's data were erased."))
        return redirect("privacy:erasure-detail", record.reference)
    context = {"person": person, "form": form, "scope": subjects.erasure_scope(person)}
    return render(
        request, "privacy/subjects/erase.html", context, status=400 if form.errors else 200
    )


def _erase_other(
    request: HttpRequest, *, title: str, back: str, rows: list[tuple[str, int]], erase: Callable
) -> HttpResponse:
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            record = erase(requested_on=form.cleaned_data["requested_on"])
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The data were erased."))
            return redirect("privacy:erasure-detail", record.reference)
    context = {"title": title, "back": back, "rows": rows, "form": form}
    status = 400 if form.errors else 200
    return render(request, "privacy/subjects/erase_other.html", context, status=status)


@staff_view("privacy.volunteer.erase")
def volunteer_erase(request: HttpRequest, volunteer_id: int) -> HttpResponse:
    volunteer = get_object_or_404(
        Volunteer, office=request.office, pk=volunteer_id, anonymised_at__isnull=True
    )
    return _erase_other(
        request,
        title=_("Erase all data of the volunteer %(name)s")
        % {"name": f"{volunteer.first_name} {volunteer.last_name}"},
        back=reverse("sponsorship:volunteer-detail", args=[volunteer.pk]),
        rows=[
            (_("Tandems (kept for the statistics, texts cleared)"), volunteer.tandems.count()),
            (_("Training attendances (kept for the statistics)"), volunteer.attendances.count()),
        ],
        erase=partial(
            subjects.erase_volunteer, office=request.office, by=request.user, volunteer=volunteer
        ),
    )


@staff_view("privacy.participant.erase")
def participant_erase(request: HttpRequest, registration_id: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("event"),
        office=request.office,
        pk=registration_id,
        anonymised_at__isnull=True,
    )
    found = list(subjects.participant_registrations(registration))
    return _erase_other(
        request,
        title=_("Erase all data of the participant %(name)s") % {"name": registration.name},
        back=reverse("events:participant-list", args=[registration.event_id]),
        rows=[(_("Event registrations with this e-mail or phone"), len(found))],
        erase=partial(
            subjects.erase_participant,
            office=request.office,
            by=request.user,
            registration=registration,
        ),
    )


@staff_view("privacy.retention.view")
def erasure_list(request: HttpRequest) -> HttpResponse:
    records = ErasureRecord.objects.filter(office=request.office).select_related("erased_by")
    page = Paginator(records, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "privacy/subjects/erasure_list.html", {"page": page})


@staff_view("privacy.retention.view")
def erasure_detail(request: HttpRequest, reference: str) -> HttpResponse:
    record = get_object_or_404(
        ErasureRecord.objects.select_related("erased_by", "office"),
        office=request.office,
        reference=reference,
    )
    return render(
        request,
        "privacy/subjects/erasure_detail.html",
        {"record": record, "counts": subjects.count_rows(record.counts)},
    )
