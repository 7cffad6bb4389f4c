"""Reads of the directory: for staff (policy-checked) and for the public portal (public parts)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from lotse.core import policy
from lotse.core.models import Office, Topic, User
from lotse.directory import (
    rules,  # noqa: F401  (registers the directory's actions)
    semantic,
)
from lotse.directory.models import (
    InfoPage,
    InfoPageTranslation,
    Location,
    Organisation,
    Service,
    ServiceTranslation,
    TranslationStatus,
    translation_status,
)
from lotse.directory.search import search_service_ids


def with_public_relations(
    services: QuerySet[Service], *, languages: list[str] | None = None
) -> QuerySet[Service]:
    """Everything a list or page shows, in a fixed number of queries.

    `languages` limits the texts loaded to those a reader can be shown (a long result list).
    """
    translations = ServiceTranslation.objects.all()
    if languages is not None:
        translations = translations.filter(language__in=languages)
    return services.select_related("organisation").prefetch_related(
        Prefetch("translations", queryset=translations),
        Prefetch("topics", queryset=Topic.objects.select_related("parent")),
        "target_groups",
        "languages",
        "locations",
    )


def _filter(
    services: QuerySet[Service],
    *,
    topic: Topic | None = None,
    spoken_language: str = "",
    district: str = "",
    target_group: Any = None,
    kind: str = "",
    access_mode: str = "",
) -> QuerySet[Service]:
    if topic is not None:
        services = services.filter(Q(topics=topic) | Q(topics__parent=topic))
    if spoken_language:
        services = services.filter(languages__code=spoken_language)
    if district:
        services = services.filter(
            Q(locations__district__iexact=district) | Q(locations__city__iexact=district)
        )
    if target_group is not None:
        services = services.filter(target_groups=target_group)
    if kind:
        services = services.filter(organisation__kind=kind)
    if access_mode:
        # JSON containment is not portable to SQLite; the modes are few short codes.
        services = services.filter(access_modes__icontains=f'"{access_mode}"')
    return services.distinct()


# --- Staff --------------------------------------------------------------------------------------


def service_list_for_staff(
    *,
    user: User,
    office: Office,
    query: str = "",
    due_for_review: bool = False,
    include_archived: bool = False,
    **filters: Any,
) -> QuerySet[Service] | list[Service]:
    """The whole regional directory, filtered; free text ranked like the portal's search."""
    policy.require(user, "directory.entry.view", office)
    services = (
        Service.objects.all() if include_archived else Service.objects.filter(is_archived=False)
    )
    services = _filter(services, **filters)
    if due_for_review:
        services = _due(services.filter(owner_office=office))
    services = with_public_relations(services)
    if query:
        hits = search_service_ids(query, language="de", candidates=services, limit=200)
        by_id = {
            service.pk: service for service in services.filter(pk__in=[h.service_id for h in hits])
        }
        return [by_id[hit.service_id] for hit in hits if hit.service_id in by_id]
    return services.order_by("organisation__name", "id")


def _due(services: QuerySet[Service]) -> QuerySet[Service]:
    """Never verified, or verified longer ago than the review interval (computed per row)."""
    today = timezone.localdate()
    due_ids = [
        pk
        for pk, verified, days in services.values_list(
            "pk", "last_verified", "review_interval_days"
        )
        if verified is None or (today - verified).days >= days
    ]
    return services.filter(pk__in=due_ids)


def services_due_for_review(*, user: User, office: Office) -> QuerySet[Service]:
    policy.require(user, "directory.entry.edit", office)
    services = Service.objects.filter(owner_office=office, is_archived=False)
    # Never verified first on every database (PostgreSQL sorts NULL last by default).
    return with_public_relations(_due(services)).order_by(
        F("last_verified").asc(nulls_first=True), "id"
    )


def service_get_for_staff(*, user: User, office: Office, service_id: int) -> Service:
    policy.require(user, "directory.entry.view", office)
    services = with_public_relations(Service.objects.all()).prefetch_related("contacts")
    return get_object_or_404(services, pk=service_id)


def organisations_of(*, user: User, office: Office) -> QuerySet[Organisation]:
    """Organisations this office keeps (for the edit forms)."""
    policy.require(user, "directory.entry.edit", office)
    return Organisation.objects.filter(owner_office=office, is_archived=False).order_by("name")


def can_edit(*, user: User, office: Office, owner_office_id: int) -> bool:
    return owner_office_id == office.pk and policy.can(user, "directory.entry.edit", office)


def can_see_internal(*, user: User, office: Office, owner_office_id: int) -> bool:
    """Internal notes and contact persons: staff of the owner office with the right role only."""
    return owner_office_id == office.pk and policy.can(user, "directory.internal.view", office)


def locations_of(*, user: User, office: Office) -> QuerySet[Location]:
    """Places of the organisations this office keeps (for the service form)."""
    policy.require(user, "directory.entry.edit", office)
    return (
        Location.objects.filter(organisation__owner_office=office, organisation__is_archived=False)
        .select_related("organisation")
        .order_by("organisation__name", "city", "street", "id")
    )


def organisation_list_for_staff(
    *, user: User, office: Office, include_archived: bool = False
) -> QuerySet[Organisation]:
    """Every office's organisations (the directory is shared), with their number of services."""
    policy.require(user, "directory.entry.view", office)
    organisations = Organisation.objects.all()
    if not include_archived:
        organisations = organisations.filter(is_archived=False)
    return (
        organisations.select_related("owner_office")
        .annotate(
            service_count=Count("services", filter=Q(services__is_archived=False), distinct=True),
            location_count=Count("locations", distinct=True),
        )
        .order_by("name", "id")
    )


def organisation_get_for_staff(*, user: User, office: Office, organisation_id: int) -> Organisation:
    policy.require(user, "directory.entry.view", office)
    return get_object_or_404(
        Organisation.objects.select_related("owner_office").prefetch_related("locations"),
        pk=organisation_id,
    )


def location_get_for_staff(*, user: User, office: Office, location_id: int) -> Location:
    policy.require(user, "directory.entry.view", office)
    return get_object_or_404(Location.objects.select_related("organisation"), pk=location_id)


def info_page_list_for_staff(*, user: User, office: Office) -> QuerySet[InfoPage]:
    """Every office's information pages (shared like the services)."""
    policy.require(user, "directory.entry.view", office)
    return InfoPage.objects.select_related("owner_office").prefetch_related("translations")


def info_page_get_for_staff(*, user: User, office: Office, page_id: int) -> InfoPage:
    policy.require(user, "directory.entry.view", office)
    return get_object_or_404(
        InfoPage.objects.select_related("owner_office").prefetch_related("translations", "topics"),
        pk=page_id,
    )


@dataclass
class TranslationRow:
    obj: Service | InfoPage
    status: str
    german: Any
    translation: Any


def translation_status_list(
    *, user: User, office: Office, language: str, kind: str = "service"
) -> list[TranslationRow]:
    """Every entry the office owns with its status in `language`: missing, outdated, current."""
    policy.require(user, "directory.entry.edit", office)
    model = Service if kind == "service" else InfoPage
    objects = model.objects.filter(owner_office=office).prefetch_related("translations")
    if kind == "service":
        objects = objects.filter(is_archived=False)
    rows = []
    for obj in objects.order_by("id"):
        by_language = {row.language: row for row in obj.translations.all()}
        german = by_language.get("de")
        row = by_language.get(language)
        rows.append(TranslationRow(obj, translation_status(row, german), german, row))
    order = {
        TranslationStatus.MISSING: 0,
        TranslationStatus.OUTDATED: 1,
        TranslationStatus.CURRENT: 2,
    }
    return sorted(rows, key=lambda r: order[r.status])


# --- Public (portal) ----------------------------------------------------------------------------

#: Results a portal search shows at once: a phone screenful, and what keeps search fast.
PORTAL_PAGE_SIZE = 20


def public_services() -> QuerySet[Service]:
    return Service.objects.filter(is_archived=False, organisation__is_archived=False)


def public_service_search(
    *, query: str = "", language: str, limit: int = 50, **filters: Any
) -> list[Service]:
    """Portal search: free text in the reader's language (German fallback) and filters."""
    services = _filter(public_services(), **filters)
    shown = list(dict.fromkeys([language, settings.LANGUAGE_CODE, "en"]))
    if query:
        hits = search_service_ids(query, language=language, candidates=services, limit=limit)
        # The hits passed the filters already: load them by id, without the filter joins.
        rows = Service.objects.filter(pk__in=[hit.service_id for hit in hits])
        found = {service.pk: service for service in with_public_relations(rows, languages=shown)}
        return [found[hit.service_id] for hit in hits if hit.service_id in found]
    listed = with_public_relations(services, languages=shown)
    return list(listed.order_by("organisation__name", "id")[:limit])


def public_service_get(*, service_id: int) -> Service:
    return get_object_or_404(with_public_relations(public_services()), pk=service_id)


def public_info_pages() -> QuerySet[InfoPage]:
    return InfoPage.objects.filter(is_published=True).prefetch_related("translations")


def public_info_page_get(*, slug: str) -> InfoPage:
    return get_object_or_404(public_info_pages(), slug=slug)


def shown_language(row: ServiceTranslation | InfoPageTranslation | None, language: str) -> str:
    """The language the reader actually sees, so the portal can say when it fell back."""
    return row.language if row is not None else settings.LANGUAGE_CODE


# --- Referral suggestions -----------------------------------------------------------------------


@dataclass
class Suggestion:
    service: Service
    score: float
    reasons: list[str] = field(default_factory=list)


#: Weights of the ranking; a topic match matters most, then the language, place, group.
WEIGHTS = {"topic": 4.0, "subtopic": 2.0, "language": 3.0, "place": 1.5, "group": 1.0}


def referral_suggestions(
    *,
    topics: list[Topic],
    language: str = "",
    place: str = "",
    target_group: Any = None,
    limit: int = 5,
) -> list[Suggestion]:
    """Rank services for a newcomer's situation, with the reasons in words.

    The counseling app calls this; it reads only public directory data.
    """
    if not topics:
        return []
    topic_ids = {topic.pk for topic in topics}
    parent_ids = {topic.parent_id or topic.pk for topic in topics}
    candidates = public_services().filter(
        Q(topics__in=topic_ids) | Q(topics__parent__in=parent_ids) | Q(topics__in=parent_ids)
    )
    suggestions = []
    for service in with_public_relations(candidates.distinct()):
        service_topics = list(service.topics.all())
        score, reasons = 0.0, []
        # A service under a chosen topic's subtopic matches it; a sibling subtopic is related.
        exact = [t for t in service_topics if t.pk in topic_ids or t.parent_id in topic_ids]
        related = [t for t in service_topics if (t.parent_id or t.pk) in parent_ids]
        if exact:
            score += WEIGHTS["topic"] * len(exact)
            reasons.append(_("Topic: %(topics)s") % {"topics": ", ".join(t.name for t in exact)})
        elif related:
            score += WEIGHTS["subtopic"]
            reasons.append(_("Related topic: %(topic)s") % {"topic": related[0].name})
        context_score, context_reasons = _context(service, language, place, target_group)
        score += context_score
        reasons += context_reasons
        suggestions.append(Suggestion(service, score, reasons))
    suggestions.sort(key=lambda s: (-s.score, s.service.pk))
    return suggestions[:limit]


def _context(
    service: Service, language: str, place: str, target_group: Any
) -> tuple[float, list[str]]:
    """What speaks for a service beyond its subject: the person's language, place and group."""
    score, reasons = 0.0, []
    if language and any(lang.code == language for lang in service.languages.all()):
        score += WEIGHTS["language"]
        reasons.append(_("Speaks %(language)s") % {"language": _language_name(service, language)})
    if place:
        wanted = place.casefold()
        if any(
            wanted in (loc.district.casefold(), loc.city.casefold())
            for loc in service.locations.all()
        ):
            score += WEIGHTS["place"]
            reasons.append(_("Near by: %(place)s") % {"place": place})
        elif "online" in service.access_modes or "phone" in service.access_modes:
            score += WEIGHTS["place"] / 2
            reasons.append(_("Also online or by phone"))
    if target_group is not None and any(
        g.pk == target_group.pk for g in service.target_groups.all()
    ):
        score += WEIGHTS["group"]
        reasons.append(_("For %(group)s") % {"group": target_group.name})
    return score, reasons


def routed_suggestions(
    *,
    note: str,
    office_id: int | None,
    language: str = "",
    person_language: str = "",
    place: str = "",
    target_group: Any = None,
    from_search: bool = False,
    limit: int = 3,
) -> list[Suggestion]:
    """Services that answer a question in the counselor's words (any language), best first.

    The question routing of the portal's "Ask" box, for staff: `office_id` is the counselor's
    office, whose services lead; `language` the counselor's (an example question is quoted in it
    where there is one). The person's language, place and group add their reasons but do not
    reorder: the note says what is needed, and the lead of one language would outweigh the
    difference in meaning between two services.

    The note is personal data: it is embedded in memory and neither logged nor stored, which is
    why this calls the ranking directly and not `lotse.ask`, which keeps the portal's questions.
    An empty list means no words, or no routing vectors yet (a fresh install, before the task
    queue computed them): callers fall back to the keyword search.
    """
    matches = semantic.rank(
        note, language=language, office_id=office_id, only="service", limit=limit
    )
    if not matches:
        return []
    # rank() leaves out archived entries; loading through public_services() keeps it so should
    # one be archived in between.
    rows = public_services().filter(pk__in=[match.entry.pk for match in matches])
    found = {service.pk: service for service in with_public_relations(rows)}
    suggestions = []
    for match in matches:
        service = found.get(match.entry.pk)
        if service is None:
            continue
        if match.example:
            # Isolated, so a question in Arabic or Persian keeps its direction in the line.
            question = f"\u2068{match.example}\u2069"
            reason = _("Similar question: “%(question)s”") % {"question": question}
        elif from_search:
            reason = _("Matches the search in meaning")
        else:
            reason = _("Matches the note")
        _score, context_reasons = _context(service, person_language, place, target_group)
        suggestions.append(Suggestion(service, match.score, [reason, *context_reasons]))
    return suggestions


def _language_name(service: Service, code: str) -> str:
    return next((lang.name for lang in service.languages.all() if lang.code == code), code)
