"""Staff pages of the directory: thin views, each a selector or a form and one service call.

The directory is shared by every office of the installation: everyone with a staff role reads
every entry; only the owner office changes it (the services refuse others with PermissionDenied,
which answers 403), and only the owner office's staff with `directory.internal.view` see the
internal notes and contact persons.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from lotse.core import policy
from lotse.core.access import post_only, staff_view
from lotse.core.views import safe_next
from lotse.directory import selectors, services
from lotse.directory.forms import (
    ContactFormSet,
    ExampleQuestionForm,
    InfoPageForm,
    LocationForm,
    OpeningHoursFormSet,
    OrganisationForm,
    ServiceFilterForm,
    ServiceForm,
    TranslationForm,
    attach_error,
    contacts_of,
    opening_hours_initial,
    opening_hours_of,
    opening_hours_rows,
)
from lotse.directory.models import (
    AccessMode,
    ExampleQuestion,
    InfoPage,
    InfoPageTranslation,
    Location,
    Organisation,
    Service,
    ServiceTranslation,
    TranslationStatus,
)
from lotse.directory.models import translation_status as status_against

PAGE_SIZE = 50


def _render(request: HttpRequest, template: str, context: dict[str, Any]) -> HttpResponse:
    """Render with what the directory's sub-navigation needs."""
    user, office = request.user, request.office
    context.setdefault("directory_can_edit", policy.can(user, "directory.entry.edit", office))
    context.setdefault("directory_can_import", policy.can(user, "directory.import", office))
    return render(request, f"directory/{template}", context)


def _require_owner(request: HttpRequest, owner_office_id: int) -> None:
    """Refuse a page that changes an entry of another office (403, not 404: it is readable)."""
    services.require_owner(
        user=request.user, office=request.office, owner_office_id=owner_office_id
    )


def _page_of(request: HttpRequest, items: Any) -> tuple[Any, str]:
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return page, query.urlencode()


def _translation_languages() -> list[tuple[str, str]]:
    """The configured languages a translator can work in: all but German, the source."""
    return [(code, name) for code, name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]


def _language_rows(obj: Service | InfoPage) -> list[dict[str, Any]]:
    """Each configured language with the entry's text in it and its status against German."""
    rows = {row.language: row for row in obj.translations.all()}
    german = rows.get("de")
    return [
        {
            "code": code,
            "name": name,
            "row": rows.get(code),
            "status": status_against(rows.get(code), german),
            "bidi": get_language_info(code)["bidi"],
        }
        for code, name in settings.LANGUAGES
    ]


# --- Services -----------------------------------------------------------------------------------


@staff_view("directory.entry.view")
@require_GET
def service_list(request: HttpRequest) -> HttpResponse:
    form = ServiceFilterForm(request.GET)
    filters = form.selector_kwargs() if form.is_valid() else {}
    found = selectors.service_list_for_staff(user=request.user, office=request.office, **filters)
    page, query = _page_of(request, found)
    return _render(
        request,
        "service_list.html",
        {"form": form, "page": page, "query": query, "filtered": any(filters.values())},
    )


@staff_view("directory.entry.view")
@require_GET
def service_detail(request: HttpRequest, service_id: int) -> HttpResponse:
    service = selectors.service_get_for_staff(
        user=request.user, office=request.office, service_id=service_id
    )
    shown = service.translation_for()
    modes = dict(AccessMode.choices)
    context = {
        "service": service,
        "shown": shown,
        "shown_bidi": get_language_info(shown.language)["bidi"] if shown else False,
        "access_modes": [modes[code] for code in service.access_modes if code in modes],
        "locations": [
            (location, opening_hours_rows(location.opening_hours))
            for location in service.locations.all()
        ],
        "languages": _language_rows(service),
        "can_edit": selectors.can_edit(
            user=request.user, office=request.office, owner_office_id=service.owner_office_id
        ),
        "show_internal": selectors.can_see_internal(
            user=request.user, office=request.office, owner_office_id=service.owner_office_id
        ),
        "is_ours": service.owner_office_id == request.office.pk,
        "example_count": service.example_questions.count(),
    }
    return _render(request, "service_detail.html", context)


def _service_form(request: HttpRequest, service: Service | None) -> HttpResponse:
    office, user = request.office, request.user
    organisations = selectors.organisations_of(user=user, office=office)
    form = ServiceForm(
        request.POST or None,
        organisations=organisations,
        locations=selectors.locations_of(user=user, office=office),
        initial=ServiceForm.initial_for(service) if service else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.service_save(
                office=office, by=user, service=service, **form.service_kwargs()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The service was saved."))
            return redirect("directory:service-detail", service_id=saved.pk)
    return _render(
        request,
        "service_form.html",
        {"form": form, "service": service, "has_organisations": organisations.exists()},
    )


@staff_view("directory.entry.edit")
def service_create(request: HttpRequest) -> HttpResponse:
    return _service_form(request, None)


@staff_view("directory.entry.edit")
def service_edit(request: HttpRequest, service_id: int) -> HttpResponse:
    service = selectors.service_get_for_staff(
        user=request.user, office=request.office, service_id=service_id
    )
    _require_owner(request, service.owner_office_id)
    return _service_form(request, service)


@staff_view("directory.entry.edit")
@post_only
def service_archive(request: HttpRequest, service_id: int) -> HttpResponse:
    """Archive a service (gone from the portal and search), or restore an archived one."""
    service = selectors.service_get_for_staff(
        user=request.user, office=request.office, service_id=service_id
    )
    archived = not service.is_archived
    services.service_set_archived(
        office=request.office, by=request.user, service=service, archived=archived
    )
    if archived:
        messages.success(request, _("The service was archived. It no longer shows on the portal."))
    else:
        messages.success(request, _("The service was restored."))
    return redirect("directory:service-detail", service_id=service.pk)


@staff_view("directory.entry.edit")
@post_only
def service_verify(request: HttpRequest, service_id: int) -> HttpResponse:
    """Record that someone checked today that the entry is still right."""
    service = selectors.service_get_for_staff(
        user=request.user, office=request.office, service_id=service_id
    )
    services.service_mark_verified(office=request.office, by=request.user, service=service)
    messages.success(
        request, _("“%(title)s” was marked as checked today.") % {"title": service.title}
    )
    fallback = reverse("directory:service-detail", kwargs={"service_id": service.pk})
    return redirect(safe_next(request, fallback))


@staff_view("directory.entry.edit")
def service_contacts(request: HttpRequest, service_id: int) -> HttpResponse:
    """Edit the contact persons at the partner: personal data, the owner office's staff only."""
    service = selectors.service_get_for_staff(
        user=request.user, office=request.office, service_id=service_id
    )
    _require_owner(request, service.owner_office_id)
    if not selectors.can_see_internal(
        user=request.user, office=request.office, owner_office_id=service.owner_office_id
    ):
        raise PermissionDenied("directory.internal.view")
    initial = [
        {"name": c.name, "role": c.role, "phone": c.phone, "email": c.email}
        for c in service.contacts.all()
    ]
    formset = ContactFormSet(request.POST or None, initial=initial, prefix="contacts")
    if request.method == "POST" and formset.is_valid():
        try:
            services.contacts_replace(
                office=request.office,
                by=request.user,
                service=service,
                contacts=contacts_of(formset),
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("The contact persons were saved."))
            return redirect("directory:service-detail", service_id=service.pk)
    return _render(request, "service_contacts.html", {"service": service, "formset": formset})


# --- Translations -------------------------------------------------------------------------------


def _translation_editor(
    request: HttpRequest, obj: Service | InfoPage, language: str, back_url: str
) -> HttpResponse:
    """German on one side (read only, with its version), the translation form on the other."""
    if language not in dict(_translation_languages()):
        raise Http404("not a translation language")
    _require_owner(request, obj.owner_office_id)
    model = ServiceTranslation if isinstance(obj, Service) else InfoPageTranslation
    rows = {row.language: row for row in obj.translations.all()}
    german, row = rows.get("de"), rows.get(language)
    initial = {name: getattr(row, name) for name in model.TEXT_FIELDS} if row else None
    form = TranslationForm(request.POST or None, model=model, language=language, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.translation_save(
                obj=obj,
                by=request.user,
                office=request.office,
                language=language,
                texts=form.texts(),
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request,
                _("The text in %(language)s was saved.")
                % {"language": settings.KNOWN_LANGUAGES[language]},
            )
            return redirect(safe_next(request, back_url))
    pairs = [
        {
            "label": model._meta.get_field(name).verbose_name,
            "german": getattr(german, name, ""),
            "field": form[name],
        }
        for name in model.TEXT_FIELDS
    ]
    context = {
        "obj": obj,
        "is_service": isinstance(obj, Service),
        "german": german,
        "row": row,
        "status": status_against(row, german),
        "language": language,
        "language_name": settings.KNOWN_LANGUAGES[language],
        "bidi": get_language_info(language)["bidi"],
        "form": form,
        "pairs": pairs,
        "back_url": back_url,
        "next": safe_next(request, ""),
    }
    return _render(request, "translation_edit.html", context)


@staff_view("directory.entry.edit")
def translation_edit(request: HttpRequest, service_id: int, language: str) -> HttpResponse:
    service = selectors.service_get_for_staff(
        user=request.user, office=request.office, service_id=service_id
    )
    back_url = reverse("directory:service-detail", kwargs={"service_id": service.pk})
    return _translation_editor(request, service, language, back_url)


@staff_view("directory.entry.edit")
def page_translation_edit(request: HttpRequest, page_id: int, language: str) -> HttpResponse:
    page = selectors.info_page_get_for_staff(
        user=request.user, office=request.office, page_id=page_id
    )
    back_url = reverse("directory:page-edit", kwargs={"page_id": page.pk})
    return _translation_editor(request, page, language, back_url)


@staff_view("directory.entry.edit")
@require_GET
def translation_overview(request: HttpRequest) -> HttpResponse:
    """The office's services and pages in one language: missing, outdated or current."""
    languages = _translation_languages()
    language = request.GET.get("language") or languages[0][0]
    if language not in dict(languages):
        raise Http404("not a translation language")
    lists = {
        kind: selectors.translation_status_list(
            user=request.user, office=request.office, language=language, kind=kind
        )
        for kind in ("service", "page")
    }
    counts = {
        status: sum(row.status == status for rows in lists.values() for row in rows)
        for status in TranslationStatus.values
    }
    here = f"{reverse('directory:translation-status')}?{urlencode({'language': language})}"
    return _render(
        request,
        "translation_status.html",
        {
            "languages": languages,
            "language": language,
            "language_name": settings.KNOWN_LANGUAGES[language],
            "bidi": get_language_info(language)["bidi"],
            "service_rows": lists["service"],
            "page_rows": lists["page"],
            "counts": counts,
            "next": here,
        },
    )


@staff_view("directory.entry.edit")
@require_GET
def review_due(request: HttpRequest) -> HttpResponse:
    """The office's services nobody has checked within their review interval, oldest first."""
    due = selectors.services_due_for_review(user=request.user, office=request.office)
    page, query = _page_of(request, due)
    return _render(
        request,
        "review_due.html",
        {"page": page, "query": query, "next": request.get_full_path()},
    )


# --- Organisations and places -------------------------------------------------------------------


@staff_view("directory.entry.view")
@require_GET
def organisation_list(request: HttpRequest) -> HttpResponse:
    archived = request.GET.get("archived") == "1"
    organisations = selectors.organisation_list_for_staff(
        user=request.user, office=request.office, include_archived=archived
    )
    page, query = _page_of(request, organisations)
    return _render(
        request,
        "organisation_list.html",
        {"page": page, "query": query, "include_archived": archived},
    )


def _organisation_form(request: HttpRequest, organisation: Organisation | None) -> HttpResponse:
    initial = OrganisationForm.initial_for(organisation) if organisation else None
    form = OrganisationForm(request.POST or None, initial=initial)
    if organisation is None:
        del form.fields["is_archived"]
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.organisation_save(
                office=request.office,
                by=request.user,
                organisation=organisation,
                **form.cleaned_data,
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The organisation was saved."))
            return redirect("directory:organisation-edit", organisation_id=saved.pk)
    return _render(request, "organisation_form.html", {"form": form, "organisation": organisation})


@staff_view("directory.entry.edit")
def organisation_create(request: HttpRequest) -> HttpResponse:
    return _organisation_form(request, None)


@staff_view("directory.entry.edit")
def organisation_edit(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_staff(
        user=request.user, office=request.office, organisation_id=organisation_id
    )
    _require_owner(request, organisation.owner_office_id)
    return _organisation_form(request, organisation)


def _location_form(
    request: HttpRequest, organisation: Organisation, location: Location | None
) -> HttpResponse:
    _require_owner(request, organisation.owner_office_id)
    data = request.POST or None
    form = LocationForm(data, initial=LocationForm.initial_for(location) if location else None)
    hours = OpeningHoursFormSet(data, initial=opening_hours_initial(location), prefix="hours")
    if request.method == "POST" and form.is_valid() and hours.is_valid():
        try:
            services.location_save(
                office=request.office,
                by=request.user,
                organisation=organisation,
                location=location,
                opening_hours=opening_hours_of(hours),
                **form.cleaned_data,
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The place was saved."))
            return redirect("directory:organisation-edit", organisation_id=organisation.pk)
    return _render(
        request,
        "location_form.html",
        {"form": form, "hours": hours, "organisation": organisation, "location": location},
    )


@staff_view("directory.entry.edit")
def location_create(request: HttpRequest, organisation_id: int) -> HttpResponse:
    organisation = selectors.organisation_get_for_staff(
        user=request.user, office=request.office, organisation_id=organisation_id
    )
    return _location_form(request, organisation, None)


@staff_view("directory.entry.edit")
def location_edit(request: HttpRequest, location_id: int) -> HttpResponse:
    location = selectors.location_get_for_staff(
        user=request.user, office=request.office, location_id=location_id
    )
    return _location_form(request, location.organisation, location)


# --- Information pages --------------------------------------------------------------------------


@staff_view("directory.entry.view")
@require_GET
def page_list(request: HttpRequest) -> HttpResponse:
    pages = selectors.info_page_list_for_staff(user=request.user, office=request.office)
    page, query = _page_of(request, pages)
    return _render(request, "page_list.html", {"page": page, "query": query})


def _page_form(request: HttpRequest, info_page: InfoPage | None) -> HttpResponse:
    initial = InfoPageForm.initial_for(info_page) if info_page else None
    form = InfoPageForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.info_page_save(
                office=request.office, by=request.user, page=info_page, **form.page_kwargs()
            )
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(request, _("The page was saved."))
            return redirect("directory:page-edit", page_id=saved.pk)
    context = {
        "form": form,
        "info_page": info_page,
        "languages": _language_rows(info_page) if info_page else [],
        "example_count": info_page.example_questions.count() if info_page else 0,
    }
    return _render(request, "page_form.html", context)


@staff_view("directory.entry.edit")
def page_create(request: HttpRequest) -> HttpResponse:
    return _page_form(request, None)


@staff_view("directory.entry.edit")
def page_edit(request: HttpRequest, page_id: int) -> HttpResponse:
    info_page = selectors.info_page_get_for_staff(
        user=request.user, office=request.office, page_id=page_id
    )
    _require_owner(request, info_page.owner_office_id)
    return _page_form(request, info_page)


# --- Example questions --------------------------------------------------------------------------


def _examples_url(entry: Service | InfoPage) -> str:
    if isinstance(entry, Service):
        return reverse("directory:service-examples", kwargs={"service_id": entry.pk})
    return reverse("directory:page-examples", kwargs={"page_id": entry.pk})


def _examples_page(request: HttpRequest, entry: Service | InfoPage) -> HttpResponse:
    """The entry's example questions; its owner office adds and removes them here."""
    user, office = request.user, request.office
    can_edit = selectors.can_edit(user=user, office=office, owner_office_id=entry.owner_office_id)
    if request.method == "POST":
        # Everyone reads the list; only the owner office's editors may send the form.
        _require_owner(request, entry.owner_office_id)
    form = ExampleQuestionForm(request.POST or None) if can_edit else None
    if form is not None and request.method == "POST" and form.is_valid():
        try:
            services.example_question_add(office=office, by=user, entry=entry, **form.cleaned_data)
        except ValidationError as error:
            attach_error(form, error)
        else:
            messages.success(
                request, _("The example question was added. Question routing learns it shortly.")
            )
            return redirect(_examples_url(entry))
    is_service = isinstance(entry, Service)
    if is_service:
        back_url = reverse("directory:service-detail", kwargs={"service_id": entry.pk})
    elif can_edit:
        back_url = reverse("directory:page-edit", kwargs={"page_id": entry.pk})
    else:  # another office's page has no staff page of its own to go back to
        back_url = reverse("directory:page-list")
    names = settings.KNOWN_LANGUAGES
    rows = [
        {"example": example, "language_name": names.get(example.language, example.language)}
        for example in entry.example_questions.all()
    ]
    context = {
        "entry": entry,
        "is_service": is_service,
        "rows": rows,
        "form": form,
        "can_edit": can_edit,
        "back_url": back_url,
        "max_examples": services.MAX_EXAMPLES,
    }
    return _render(request, "examples.html", context)


@staff_view("directory.entry.view")
@require_http_methods(["GET", "POST"])
def service_examples(request: HttpRequest, service_id: int) -> HttpResponse:
    service = selectors.service_get_for_staff(
        user=request.user, office=request.office, service_id=service_id
    )
    return _examples_page(request, service)


@staff_view("directory.entry.view")
@require_http_methods(["GET", "POST"])
def page_examples(request: HttpRequest, page_id: int) -> HttpResponse:
    page = selectors.info_page_get_for_staff(
        user=request.user, office=request.office, page_id=page_id
    )
    return _examples_page(request, page)


@staff_view("directory.entry.edit")
@post_only
def example_remove(request: HttpRequest, example_id: int) -> HttpResponse:
    # The example is reached through its entry, loaded as every staff read is, and changed only
    # by the entry's owner office.
    owners = ExampleQuestion.objects.filter(pk=example_id).values_list("service_id", "page_id")
    service_id, page_id = owners.first() or (None, None)
    if service_id is not None:
        entry: Service | InfoPage = selectors.service_get_for_staff(
            user=request.user, office=request.office, service_id=service_id
        )
    elif page_id is not None:
        entry = selectors.info_page_get_for_staff(
            user=request.user, office=request.office, page_id=page_id
        )
    else:
        raise Http404("no such example question")
    _require_owner(request, entry.owner_office_id)
    example = get_object_or_404(entry.example_questions, pk=example_id)
    services.example_question_remove(office=request.office, by=request.user, example=example)
    messages.success(request, _("The example question was removed."))
    return redirect(_examples_url(entry))
