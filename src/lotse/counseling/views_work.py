"""Recording the counselor's work: consultations (the fast entry form), anonymous contacts, and
the service picker the consultation and referral forms share.

The service picker works without JavaScript: the "Find services" button posts the form back and
the page returns with the suggestions and search results, saving nothing. With JavaScript,
HTMX fetches the same options from `service-lookup` while the counselor types.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from lotse.core.access import staff_view
from lotse.core.forms import attach_error
from lotse.core.models import Topic
from lotse.counseling import selectors, services
from lotse.counseling.forms_work import (
    AnonymousContactForm,
    ConsultationForm,
    record_consultation,
    service_from,
)
from lotse.counseling.models import ConsentPurpose, Person
from lotse.directory.models import Service
from lotse.directory.selectors import Suggestion, public_service_search, referral_suggestions

#: Options the service picker shows at once, from suggestions and from search each.
LOOKUP_LIMIT = 10
#: Topics a lookup considers; more would only be a crafted request.
LOOKUP_TOPICS = 20
LOOKUP_BUTTON = "lookup"


# --- The service picker -------------------------------------------------------------------------


def suggestions_for(person: Person | None, topics: list[Topic]) -> list[Suggestion]:
    """Services ranked for the person's situation, each with the reasons in words."""
    if not topics:
        return []
    return referral_suggestions(
        topics=topics,
        language=(person.preferred_language_id or "") if person else "",
        place=person.municipality if person else "",
        target_group=person.target_group if person else None,
        limit=LOOKUP_LIMIT,
    )


def search_services(query: str) -> list[Suggestion]:
    query = query.strip()[:200]
    if not query:
        return []
    found = public_service_search(query=query, language=get_language() or "de", limit=LOOKUP_LIMIT)
    return [Suggestion(service, 0.0) for service in found]


def _with_chosen(options: list[Suggestion], chosen: Service | None) -> list[Suggestion]:
    """Keep the service chosen before in the list, so refreshing the list never drops it."""
    if chosen is None or any(option.service.pk == chosen.pk for option in options):
        return options
    return [Suggestion(chosen, 0.0, [_("Chosen before")]), *options]


def _topic_ids(values: list[str]) -> list[int]:
    return [int(value) for value in values[:LOOKUP_TOPICS] if value.isdigit()]


def _quiet_service(value: str) -> Service | None:
    try:
        return service_from(value)
    except ValidationError:
        return None


def service_picker(form: forms.Form, person: Person | None) -> dict[str, Any]:
    """What the picker shows for a (possibly posted) form: suggestions, search hits, choice."""
    if form.is_bound:
        data = form.data
        topic_ids = _topic_ids(data.getlist("topics"))
        query, chosen_value = data.get("q", ""), data.get("service", "")
    else:
        topic_ids = _topic_ids([str(pk) for pk in form.initial.get("topics") or []])
        query = str(form.initial.get("q") or "")
        chosen_value = str(form.initial.get("service") or "")
    topics = list(Topic.objects.filter(pk__in=topic_ids)) if topic_ids else []
    chosen = _quiet_service(chosen_value)
    suggestions = _with_chosen(suggestions_for(person, topics), chosen)
    results = search_services(query)
    return {
        "suggestions": suggestions,
        "results": results,
        "query": query,
        "topics_given": bool(topics),
        "chosen_id": chosen.pk if chosen else None,
        "person": person,
    }


def bound_or_lookup(request: HttpRequest, form_class: type[forms.Form], **kwargs: Any) -> Any:
    """The form for this request. The "Find services" button returns it unbound, prefilled with
    what was typed, so the page shows the services found and no validation errors."""
    if request.method != "POST":
        return form_class(**kwargs)
    form = form_class(request.POST, **kwargs)
    if LOOKUP_BUTTON not in request.POST:
        return form
    initial = {
        name: field.widget.value_from_datadict(request.POST, request.FILES, form.add_prefix(name))
        for name, field in form.fields.items()
    }
    return form_class(initial=initial, **kwargs)


@staff_view("counseling.referral.manage")
@require_GET
def service_lookup(request: HttpRequest) -> HttpResponse:
    """Radio options for the service picker: suggestions (`topics`, `person`) or search (`q`)."""
    chosen = _quiet_service(request.GET.get("service", ""))
    if "q" in request.GET:
        query = request.GET["q"].strip()
        options = search_services(query)
        context = {
            "options": options,
            "prefix": "result",
            "chosen_id": chosen.pk if chosen else None,
            "empty": _("No service found. Try other words.") if query else "",
        }
    else:
        person = None
        person_id = request.GET.get("person", "")
        if person_id.isdigit():
            person = selectors.person_get(
                user=request.user, office=request.office, person_id=int(person_id)
            )
        topic_ids = _topic_ids(request.GET.getlist("topics"))
        topics = list(Topic.objects.filter(pk__in=topic_ids)) if topic_ids else []
        context = {
            "options": _with_chosen(suggestions_for(person, topics), chosen),
            "prefix": "suggestion",
            "chosen_id": chosen.pk if chosen else None,
            "empty": _("No service in the directory fits these topics. Try the search.")
            if topics
            else _("Choose topics to see the services that fit."),
        }
    return render(request, "counseling/work/_service_options.html", context)


# --- Consultations ------------------------------------------------------------------------------


@staff_view("counseling.consultation.record")
def consultation_create(request: HttpRequest, person_id: int) -> HttpResponse:
    office, user = request.office, request.user
    person = selectors.person_get(user=user, office=office, person_id=person_id)
    form = bound_or_lookup(
        request,
        ConsultationForm,
        person=person,
        show_notes=selectors.can_read_notes(user, office),
    )
    if form.is_bound and form.is_valid():
        saved = record_consultation(form, office=office, by=user, person=person)
        if saved is not None:
            _consultation, referral = saved
            if referral is not None:
                messages.success(
                    request,
                    _("The consultation and the referral to “%(service)s” were saved.")
                    % {"service": referral.service.title},
                )
            else:
                messages.success(request, _("The consultation was saved."))
            return redirect("counseling:person-detail", person_id=person.pk)
    context = {
        "form": form,
        "person": person,
        "consultation": None,
        "has_consent": services.active_consent(person, ConsentPurpose.COUNSELING) is not None,
        "picker": service_picker(form, person),
    }
    return render(request, "counseling/work/consultation_form.html", context)


@staff_view("counseling.consultation.record")
def consultation_edit(request: HttpRequest, consultation_id: int) -> HttpResponse:
    office, user = request.office, request.user
    consultation = selectors.consultation_get(
        user=user, office=office, consultation_id=consultation_id
    )
    form = ConsultationForm(
        request.POST or None,
        person=consultation.person,
        show_notes=selectors.can_read_notes(user, office),
        consultation=consultation,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_update(
                office=office, by=user, consultation=consultation, **form.consultation_kwargs()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The consultation was saved."))
            if consultation.person_id:
                return redirect("counseling:person-detail", person_id=consultation.person_id)
            return redirect("counseling:anonymous-create")
    context = {
        "form": form,
        "person": consultation.person,
        "consultation": consultation,
        "has_consent": True,
    }
    return render(request, "counseling/work/consultation_form.html", context)


# --- Anonymous contacts -------------------------------------------------------------------------


@staff_view("counseling.consultation.record")
def anonymous_create(request: HttpRequest) -> HttpResponse:
    """One screen for a walk-in's question; after saving it is empty again for the next one."""
    form = AnonymousContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.anonymous_contact_record(
                office=request.office, by=request.user, **form.contact_kwargs()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("Anonymous contact saved. Ready for the next one."))
            return redirect("counseling:anonymous-create")
    return render(request, "counseling/work/anonymous_form.html", {"form": form})
