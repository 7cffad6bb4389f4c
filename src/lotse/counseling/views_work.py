"""Recording the counselor's work: consultations (the fast entry form), anonymous contacts, and
the service picker the consultation and referral forms share.

The service picker works without JavaScript: the "Find services" button posts the form back and
the page returns with the suggestions and search results, saving nothing. With JavaScript,
HTMX posts the same form to `service-lookup` while the counselor types, and gets the options.

The picker routes what the counselor wrote (the search words, and the note of the question in
the reason or notes field) by meaning, through the directory's question routing. Those texts are
personal data: they travel in request bodies only, never in a URL (which access logs keep), and
the routing neither logs nor stores them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from lotse.core.access import post_only, staff_view
from lotse.core.forms import attach_error
from lotse.core.models import Office, Topic
from lotse.counseling import selectors, services
from lotse.counseling.forms_work import (
    AnonymousContactForm,
    ConsultationForm,
    record_consultation,
    service_from,
)
from lotse.counseling.models import ConsentPurpose, Person
from lotse.directory.models import Service
from lotse.directory.selectors import (
    Suggestion,
    public_service_search,
    referral_suggestions,
    routed_suggestions,
)

#: Options the service picker shows at once, from suggestions and from search each.
LOOKUP_LIMIT = 10
#: Topics a lookup considers; more would only be a crafted request.
LOOKUP_TOPICS = 20
LOOKUP_BUTTON = "lookup"
#: Form fields that hold the newcomer's question in the counselor's words, the first one filled
#: counts: the referral's reason says what the referral is for; the consultation's notes say
#: what the consultation was about.
NOTE_FIELDS = ("reason", "notes")
#: Characters of a note or search that are routed (the routing reads 300 at most).
NOTE_CHARS = 300
#: Services routed from the note, listed before the topic suggestions. The routing always fills
#: the places it is given, so a few: past the best ones they are guesses, and the topics' own
#: suggestions follow.
NOTE_ROUTED = 3
#: Services routed from the search words, listed before the keyword hits.
SEARCH_ROUTED = 5


# --- The service picker -------------------------------------------------------------------------


def _person_context(person: Person | None) -> dict[str, Any]:
    return {
        "place": person.municipality if person else "",
        "target_group": person.target_group if person else None,
    }


def _person_language(person: Person | None) -> str:
    return (person.preferred_language_id or "") if person else ""


def suggestions_for(
    person: Person | None, topics: list[Topic], *, note: str = "", office_id: int | None = None
) -> list[Suggestion]:
    """Services for the person's situation, each with the reasons in words.

    What the note says comes first: it names the need in words, the topics only its field. The
    topics' suggestions follow, those listed already adding their reasons. (Their scores are
    on other scales, cosine similarity and topic weights, so they are listed, not mixed.)
    """
    note = " ".join(note.split())[:NOTE_CHARS]
    routed = (
        routed_suggestions(
            note=note,
            office_id=office_id,
            language=get_language() or "de",
            person_language=_person_language(person),
            limit=NOTE_ROUTED,
            **_person_context(person),
        )
        if note
        else []
    )
    topical = (
        referral_suggestions(
            topics=topics,
            language=_person_language(person),
            limit=LOOKUP_LIMIT,
            **_person_context(person),
        )
        if topics
        else []
    )
    by_service = {suggestion.service.pk: suggestion for suggestion in topical}
    merged = []
    for suggestion in routed:
        also = by_service.pop(suggestion.service.pk, None)
        if also is not None:
            # The routing's reason, then the topic's; the person's language or place once.
            first, *context = suggestion.reasons
            suggestion.reasons = list(dict.fromkeys([first, *also.reasons, *context]))
        merged.append(suggestion)
    merged += [suggestion for suggestion in topical if suggestion.service.pk in by_service]
    return merged[:LOOKUP_LIMIT]


def search_services(
    query: str, *, office_id: int | None = None, person: Person | None = None
) -> list[Suggestion]:
    """The services the words typed mean, then those that contain them.

    Before the routing vectors exist (a fresh install) the meaning finds nothing and the keyword
    search alone answers, as it always did.
    """
    query = " ".join(query.split())[:200]
    if not query:
        return []
    language = get_language() or "de"
    routed = routed_suggestions(
        note=query,
        office_id=office_id,
        language=language,
        person_language=_person_language(person),
        from_search=True,
        limit=SEARCH_ROUTED,
        **_person_context(person),
    )
    listed = {suggestion.service.pk for suggestion in routed}
    found = public_service_search(query=query, language=language, limit=LOOKUP_LIMIT)
    words = [
        Suggestion(service, 0.0, [_("Contains the words searched for")] if routed else [])
        for service in found
        if service.pk not in listed
    ]
    return [*routed, *words][:LOOKUP_LIMIT]


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


def _note(value_of: Callable[[str], Any], names: list[str] | tuple[str, ...]) -> str:
    """The first note field with text (of those the form has)."""
    for name in NOTE_FIELDS:
        if name in names:
            text = " ".join(str(value_of(name) or "").split())
            if text:
                return text
    return ""


def _office_id(office: Office | None, person: Person | None) -> int | None:
    # The person belongs to the counselor's office (the person selectors check it).
    if office is not None:
        return office.pk
    return person.office_id if person is not None else None


def service_picker(
    form: forms.Form, person: Person | None, office: Office | None = None
) -> dict[str, Any]:
    """What the picker shows for a (possibly posted) form: suggestions, search hits, choice."""
    if form.is_bound:
        data = form.data
        topic_ids = _topic_ids(data.getlist("topics"))
        query, chosen_value = data.get("q", ""), data.get("service", "")
        note = _note(data.get, list(form.fields))
    else:
        topic_ids = _topic_ids([str(pk) for pk in form.initial.get("topics") or []])
        query = str(form.initial.get("q") or "")
        chosen_value = str(form.initial.get("service") or "")
        note = _note(form.initial.get, list(form.fields))
    topics = list(Topic.objects.filter(pk__in=topic_ids)) if topic_ids else []
    chosen = _quiet_service(chosen_value)
    office_id = _office_id(office, person)
    suggestions = _with_chosen(
        suggestions_for(person, topics, note=note, office_id=office_id), chosen
    )
    results = search_services(query, office_id=office_id, person=person)
    return {
        "suggestions": suggestions,
        "results": results,
        "query": query,
        "topics_given": bool(topics),
        "chosen_id": chosen.pk if chosen else None,
        "person": person,
        "note_fields": [form[name] for name in NOTE_FIELDS if name in form.fields],
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
@post_only
def service_lookup(request: HttpRequest) -> HttpResponse:
    """Radio options for the service picker, from the form HTMX posts: the search hits
    (`part=results`, from `q`) or the suggestions (from the topics and the note of `person`).

    POST, because the search words and the note are what the counselor wrote about a person.
    """
    data = request.POST
    chosen = _quiet_service(data.get("service", ""))
    person = None
    person_id = data.get("person", "")
    if person_id.isdigit():
        person = selectors.person_get(
            user=request.user, office=request.office, person_id=int(person_id)
        )
    if data.get("part") == "results":
        query = data.get("q", "").strip()
        context = {
            "options": search_services(query, office_id=request.office.pk, person=person),
            "prefix": "result",
            "chosen_id": chosen.pk if chosen else None,
            "empty": _("No service found. Try other words.") if query else "",
        }
    else:
        topic_ids = _topic_ids(data.getlist("topics"))
        topics = list(Topic.objects.filter(pk__in=topic_ids)) if topic_ids else []
        note = _note(data.get, NOTE_FIELDS)
        options = suggestions_for(person, topics, note=note, office_id=request.office.pk)
        context = {
            "options": _with_chosen(options, chosen),
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
        "picker": service_picker(form, person, office),
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
