from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import factory

from lotse.core.models import Language, Office, TargetGroup, Topic
from lotse.directory.models import (
    InfoPage,
    InfoPageTranslation,
    Location,
    Organisation,
    OrganisationKind,
    Service,
    ServiceTranslation,
)
from lotse.directory.search import reindex_service
from tests.core.factories import OfficeFactory


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    owner_office = factory.SubFactory(OfficeFactory)
    name = factory.Sequence(lambda n: f"Organisation {n}")
    kind = OrganisationKind.COUNSELING_SERVICE


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location

    organisation = factory.SubFactory(OrganisationFactory)
    street = "Königstraße 1"
    postal_code = "70173"
    city = "Stuttgart"
    district = "Mitte"


def make_service(
    *,
    title: str,
    office: Office | None = None,
    organisation: Organisation | None = None,
    topics: Iterable[str] = ("work",),
    languages: Iterable[str] = ("de",),
    target_groups: Iterable[str] = (),
    district: str = "Mitte",
    texts: dict[str, dict[str, str]] | None = None,
    access_modes: list[str] | None = None,
    **fields: Any,
) -> Service:
    """A service with German texts (and more languages in `texts`), indexed for search."""
    organisation = organisation or OrganisationFactory(
        owner_office=office or OfficeFactory(slug="directory-office")
    )
    service = Service.objects.create(
        organisation=organisation,
        owner_office=organisation.owner_office,
        access_modes=access_modes or ["appointment"],
        **fields,
    )
    service.topics.set(Topic.objects.filter(slug__in=topics))
    service.languages.set(Language.objects.filter(code__in=languages))
    service.target_groups.set(TargetGroup.objects.filter(slug__in=target_groups))
    service.locations.set([LocationFactory(organisation=organisation, district=district)])
    all_texts = {"de": {"title": title}, **(texts or {})}
    for language, values in all_texts.items():
        ServiceTranslation.objects.create(service=service, language=language, **values)
    reindex_service(service)
    return service


class InfoPageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = InfoPage
        skip_postgeneration_save = True

    owner_office = factory.SubFactory(OfficeFactory)
    slug = factory.Sequence(lambda n: f"page-{n}")
    is_published = True

    @factory.post_generation
    def german(self, create: bool, extracted: dict[str, str] | None, **kwargs: Any) -> None:
        if create:
            texts = extracted or {"title": f"Seite {self.slug}", "body": "Erste Schritte."}
            InfoPageTranslation.objects.create(page=self, language="de", **texts)
