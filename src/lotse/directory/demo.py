"""Demo data for the directory: a realistic directory of the Stuttgart and Braunschweig regions.

`seed_demo` calls `seed()` after core has created the offices and the taxonomies. The data lives
in `lotse.directory.demo_data`; this module turns it into rows with bulk inserts and indexes every
new service for search. Idempotent: an organisation that its owner office already has (same
name) is skipped with its services, and an information page that exists is left alone.

Translation states are spread on purpose, so the staff status list shows all three: some
services have German text only (translations missing), some had their German text revised
(version 2) after the translations were made from version 1 (outdated), the rest are current.
With `scale` N > 1, (N - 1) × 150 synthetic services are added under numbered organisations.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import TextIO

from django.db.models import Prefetch
from django.utils import timezone
from django.utils.text import slugify

from lotse.core.models import Language, Office, TargetGroup, Topic
from lotse.directory import semantic
from lotse.directory.demo_data import (
    BS,
    COUNSEL_SHORT,
    COUNSELING,
    RS,
    STEP_FREE,
    STUTTGART_AREA,
    Org,
    Place,
    S,
    Svc,
    all_organisations,
)
from lotse.directory.demo_data.examples import EXAMPLES, PAGE_EXAMPLES
from lotse.directory.demo_data.pages import PAGES
from lotse.directory.demo_data.pages_ar import AR as PAGES_AR
from lotse.directory.demo_data.texts import languages_with, render
from lotse.directory.models import (
    ExampleQuestion,
    InfoPage,
    InfoPageTranslation,
    Location,
    Organisation,
    Service,
    ServiceContact,
    ServiceTranslation,
)
from lotse.directory.search import reindex_service

SYNTHETIC_SERVICES_PER_SCALE = 150
SYNTHETIC_SERVICES_PER_ORGANISATION = 5
SYNTHETIC_LANGUAGES = ("de", "en", "ar")
AREA_CODES = {S: "711", RS: "711", BS: "531"}
CONTACTS = [
    ("Anna Beispiel", "Teamleitung"),
    ("Mehmet Muster", "Ansprechperson für das Welcome Center"),
    ("Julia Platzhalter", "Sachbearbeitung"),
    ("Samir Probe", "Beratung"),
    ("Olga Testfrau", "Koordination Ehrenamt"),
]
REINDEX_CHUNK = 500


@dataclass(frozen=True)
class Refs:
    offices: dict[str, Office]
    topics: dict[str, Topic]
    groups: dict[str, TargetGroup]
    languages: dict[str, Language]


def seed(*, scale: int, stdout: TextIO) -> None:
    refs = _refs()
    realistic = all_organisations()
    with semantic.deferred():
        new_services = _create(realistic, refs, synthetic=False)
        if scale > 1:
            new_services += _create(
                list(synthetic_organisations(realistic, scale)), refs, synthetic=True
            )
        pages = _create_pages(refs)
        _reindex(new_services)
    stdout.write(
        f"Directory: {len(new_services)} services and {pages} information pages added "
        f"({Organisation.objects.count()} organisations, {Service.objects.count()} services "
        "in all)."
    )
    # Once, here, rather than one task per entry: the model loads once and a text shared by
    # many entries (an example question of every Bürgerbüro) is embedded once.
    started = time.monotonic()
    embedded = semantic.refresh_all(services=Service.objects.filter(pk__in=new_services))
    stdout.write(
        f"Question routing: {embedded:,} vectors written ({time.monotonic() - started:.0f} s)."
    )


def _refs() -> Refs:
    offices = Office.objects.in_bulk([S, RS, BS], field_name="slug")
    missing = {S, RS, BS} - set(offices)
    if missing:
        raise RuntimeError(f"The demo offices {sorted(missing)} are missing; run core's seed.")
    return Refs(
        offices=offices,
        topics={topic.slug: topic for topic in Topic.objects.all()},
        groups={group.slug: group for group in TargetGroup.objects.all()},
        languages={language.code: language for language in Language.objects.all()},
    )


def synthetic_organisations(realistic: Sequence[Org], scale: int) -> Iterator[Org]:
    """Numbered counseling centres offering variants of the realistic Stuttgart-area services.

    None speaks French on a recognition topic, so the IQ service stays first for that question.
    """
    templates = [service for org in realistic if org.office != BS for service in org.services]
    total = (scale - 1) * SYNTHETIC_SERVICES_PER_SCALE
    per_org = SYNTHETIC_SERVICES_PER_ORGANISATION
    for number in range(1, -(-total // per_org) + 1):
        key = STUTTGART_AREA[number % len(STUTTGART_AREA)]
        services = []
        for k in range(min(per_org, total - (number - 1) * per_org)):
            template = templates[(number * per_org + k) % len(templates)]
            languages = template.languages
            if any(topic.startswith("recognition") for topic in template.topics):
                languages = tuple(code for code in languages if code != "fr")
            services.append(replace(template, languages=languages, at=(0,), note=""))
        yield Org(
            name=f"Beratungsstelle {number} (Demo)",
            kind=COUNSELING,
            office=RS if number % 3 == 0 else S,
            places=(Place(key, f"Musterweg {number}", COUNSEL_SHORT, accessibility=STEP_FREE),),
            services=tuple(services),
        )


def _create(orgs: Sequence[Org], refs: Refs, *, synthetic: bool) -> list[int]:
    """Create the organisations their offices do not have yet; return the new services' ids."""
    existing = set(
        Organisation.objects.filter(owner_office__in=refs.offices.values()).values_list(
            "owner_office__slug", "name"
        )
    )
    base = 100_000 if synthetic else 0
    numbered = []  # (global service number, org, svc)
    number = base
    todo: list[Org] = []
    for org in orgs:
        if (org.office, org.name) in existing:
            number += len(org.services)
            continue
        existing.add((org.office, org.name))
        todo.append(org)
        for svc in org.services:
            number += 1
            numbered.append((number, org, svc))
    if not todo:
        return []

    org_rows = Organisation.objects.bulk_create(
        Organisation(
            owner_office=refs.offices[org.office],
            name=org.name,
            kind=org.kind,
            website=f"https://www.example.org/{_slug(org.name)}",
        )
        for org in todo
    )
    org_row = {id(org): row for org, row in zip(todo, org_rows, strict=True)}
    place_rows: dict[int, list[Location]] = {}
    locations = []
    for org in todo:
        rows = [_location(org_row[id(org)], place) for place in org.places]
        place_rows[id(org)] = rows
        locations.extend(rows)
    Location.objects.bulk_create(locations)

    today = timezone.localdate()
    services = Service.objects.bulk_create(
        Service(
            organisation=org_row[id(org)],
            owner_office=refs.offices[org.office],
            access_modes=list(svc.access),
            is_free=svc.free,
            phone=f"+49 {AREA_CODES[org.office]} 000{n % 10_000:04d}",
            email=_email(org, svc),
            internal_notes=svc.note,
            last_verified=_last_verified(n, today),
            review_interval_days=180 if n % 5 == 0 else 365,
        )
        for n, org, svc in numbered
    )
    _link(services, numbered, place_rows, refs)
    _translate(services, numbered, synthetic=synthetic)
    ExampleQuestion.objects.bulk_create(
        ExampleQuestion(service=service, text=text, language=language)
        for service, (_n, _org, svc) in zip(services, numbered, strict=True)
        for language, texts in EXAMPLES.get(svc.type, {}).items()
        for text in texts
    )
    ServiceContact.objects.bulk_create(
        ServiceContact(
            service=service,
            name=CONTACTS[n % len(CONTACTS)][0],
            role=CONTACTS[n % len(CONTACTS)][1],
            phone=service.phone,
            email=f"{_slug(CONTACTS[n % len(CONTACTS)][0])}@example.org",
        )
        for service, (n, _org, _svc) in zip(services, numbered, strict=True)
        if n % 4 == 1 and not synthetic
    )
    return [service.pk for service in services]


def _slug(name: str) -> str:
    return slugify(name.replace("ß", "ss"))[:40].strip("-")


def _email(org: Org, svc: Svc) -> str:
    first = org.services[0] is svc
    local = _slug(org.name)[:30].strip("-")
    return f"{local}@example.org" if first else f"{svc.type.replace('_', '-')}.{local}@example.org"


def _last_verified(n: int, today: dt.date) -> dt.date | None:
    """Most entries were checked within the year; some are overdue, a few never checked."""
    if n % 13 == 0:
        return None
    if n % 7 == 3:
        return today - dt.timedelta(days=420 + n % 60)
    return today - dt.timedelta(days=(n * 37) % 170)


def _location(organisation: Organisation, place: Place) -> Location:
    latitude, longitude = place.coordinates()
    return Location(
        organisation=organisation,
        name=place.name,
        street=place.street,
        postal_code=place.postal_code,
        city=place.city,
        district=place.district,
        latitude=latitude,
        longitude=longitude,
        opening_hours=[
            {"day": day, "opens": opens, "closes": closes} for day, opens, closes in place.hours
        ],
        opening_notes=place.notes or ("" if place.hours else "Nur nach Vereinbarung."),
        accessibility_notes=place.accessibility,
    )


def _link(
    services: list[Service],
    numbered: list[tuple[int, Org, Svc]],
    place_rows: dict[int, list[Location]],
    refs: Refs,
) -> None:
    """Topics, target groups, languages and locations through the many-to-many tables."""
    topic_links, group_links, language_links, location_links = [], [], [], []
    for service, (_n, org, svc) in zip(services, numbered, strict=True):
        topic_links += [
            Service.topics.through(service_id=service.pk, topic_id=refs.topics[slug].pk)
            for slug in svc.topics
        ]
        group_links += [
            Service.target_groups.through(
                service_id=service.pk, targetgroup_id=refs.groups[slug].pk
            )
            for slug in svc.groups
        ]
        language_links += [
            Service.languages.through(service_id=service.pk, language_id=code)
            for code in dict.fromkeys(svc.languages)
        ]
        location_links += [
            Service.locations.through(service_id=service.pk, location_id=place_rows[id(org)][i].pk)
            for i in svc.at
        ]
    for links in (topic_links, group_links, language_links, location_links):
        if links:
            type(links[0]).objects.bulk_create(links)


def _translate(
    services: list[Service], numbered: list[tuple[int, Org, Svc]], *, synthetic: bool
) -> None:
    rows = []
    for service, (n, org, svc) in zip(services, numbered, strict=True):
        places = [org.places[i] for i in svc.at] or list(org.places[:1])
        label = places[0].label if places else ""
        if synthetic:
            languages, german_version, current_sources = list(SYNTHETIC_LANGUAGES), 1, {}
        else:
            languages, german_version, current_sources = _translation_plan(n, svc.type)
        for language in languages:
            texts = render(svc.type, language, org=org.name, place=label, free=svc.free)
            if texts is None:
                continue
            version = german_version if language == "de" else 1
            source = german_version if language == "de" else current_sources.get(language, 1)
            rows.append(
                ServiceTranslation(
                    service=service,
                    language=language,
                    version=version,
                    source_version=source,
                    **texts,
                )
            )
    ServiceTranslation.objects.bulk_create(rows)


def _translation_plan(n: int, type_: str) -> tuple[list[str], int, dict[str, int]]:
    """(languages with text, German version, {language: source version if not 1}).

    About one service in twelve has German text only; about two in nine had German revised to
    version 2: for some every translation is outdated, for others English was brought up to date.
    """
    if n % 12 == 5:
        return ["de"], 1, {}
    languages = languages_with(type_)
    if n % 9 == 4:
        return languages, 2, {}
    if n % 9 == 7:
        return languages, 2, {"en": 2}
    return languages, 1, {}


def _create_pages(refs: Refs) -> int:
    created = 0
    for slug, position, topics, german_version, texts in PAGES:
        if InfoPage.objects.filter(slug=slug).exists():
            continue
        page = InfoPage.objects.create(
            owner_office=refs.offices[S], slug=slug, position=position, is_published=True
        )
        page.topics.set([refs.topics[topic] for topic in topics])
        rows = [
            InfoPageTranslation(
                page=page,
                language=language,
                title=title,
                body=body,
                version=german_version if language == "de" else 1,
                source_version=german_version,
            )
            for language, (title, body) in texts.items()
        ]
        title, body, source_version = PAGES_AR[slug]
        rows.append(
            InfoPageTranslation(
                page=page, language="ar", title=title, body=body, source_version=source_version
            )
        )
        InfoPageTranslation.objects.bulk_create(rows)
        ExampleQuestion.objects.bulk_create(
            ExampleQuestion(page=page, text=text, language=language)
            for language, texts in PAGE_EXAMPLES.get(slug, {}).items()
            for text in texts
        )
        created += 1
    return created


def _reindex(service_ids: list[int]) -> None:
    """Build the search entries, with everything the index reads prefetched per chunk."""
    for start in range(0, len(service_ids), REINDEX_CHUNK):
        chunk = service_ids[start : start + REINDEX_CHUNK]
        services = (
            Service.objects.filter(pk__in=chunk)
            .select_related("organisation")
            .prefetch_related(
                Prefetch("topics", queryset=Topic.objects.select_related("parent")),
                "target_groups",
                "locations",
                "translations",
            )
        )
        for service in services:
            reindex_service(service)
