from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lotse.core.models import Office, TargetGroup, Topic, User
from lotse.directory import selectors, services
from lotse.directory.models import ServiceTranslation, TranslationStatus
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db


def test_the_recognition_service_speaking_french_ranks_first(office_a: Office) -> None:
    iq = make_service(
        title="IQ Anerkennungsberatung", office=office_a,
        topics=["recognition-professional", "recognition-regulated"], languages=["de", "fr"],
    )  # fmt: skip
    other = make_service(
        title="Anerkennungsstelle", office=office_a, topics=["recognition-academic"],
        languages=["de", "en"],
    )  # fmt: skip
    make_service(title="Jobbörse", office=office_a, topics=["work"], languages=["fr"])
    ranked = selectors.referral_suggestions(
        topics=[Topic.objects.get(slug="recognition")], language="fr"
    )
    assert [s.service for s in ranked] == [iq, other]
    assert any("French" in reason or "Französisch" in reason for reason in ranked[0].reasons)
    assert any(reason.startswith(("Topic", "Thema")) for reason in ranked[0].reasons)


def test_suggestions_weigh_place_and_target_group(office_a: Office) -> None:
    far = make_service(
        title="Beratung Esslingen", office=office_a, topics=["work-job-search"],
        district="Esslingen",
    )  # fmt: skip
    near = make_service(
        title="Beratung Cannstatt", office=office_a, topics=["work-job-search"],
        district="Bad Cannstatt", target_groups=["refugee"],
    )  # fmt: skip
    ranked = selectors.referral_suggestions(
        topics=[Topic.objects.get(slug="work-job-search")],
        place="Bad Cannstatt",
        target_group=TargetGroup.objects.get(slug="refugee"),
    )
    assert [s.service for s in ranked] == [near, far]
    assert len(ranked[0].reasons) == 3


def test_archived_services_are_never_suggested(office_a: Office) -> None:
    make_service(title="Alt", office=office_a, topics=["housing"], is_archived=True)
    assert selectors.referral_suggestions(topics=[Topic.objects.get(slug="housing")]) == []
    assert selectors.referral_suggestions(topics=[]) == []


def test_changing_german_makes_translations_outdated(office_a: Office, office_admin: User) -> None:
    service = make_service(title="Wohnberatung", office=office_a, topics=["housing"])
    services.translation_save(
        obj=service, by=office_admin, office=office_a, language="en",
        texts={"title": "Housing advice"},
    )  # fmt: skip
    status = {r.obj.pk: r.status for r in selectors.translation_status_list(
        user=office_admin, office=office_a, language="en")}  # fmt: skip
    assert status[service.pk] == TranslationStatus.CURRENT

    services.translation_save(
        obj=service, by=office_admin, office=office_a, language="de",
        texts={"title": "Wohnberatung und Mietrecht"},
    )  # fmt: skip
    rows = selectors.translation_status_list(user=office_admin, office=office_a, language="en")
    assert {r.obj.pk: r.status for r in rows}[service.pk] == TranslationStatus.OUTDATED
    arabic = selectors.translation_status_list(user=office_admin, office=office_a, language="ar")
    assert {r.obj.pk: r.status for r in arabic}[service.pk] == TranslationStatus.MISSING

    # Saving the same German text again is not a change: nothing becomes outdated.
    version = ServiceTranslation.objects.get(service=service, language="de").version
    services.translation_save(
        obj=service, by=office_admin, office=office_a, language="de",
        texts={"title": "Wohnberatung und Mietrecht"},
    )  # fmt: skip
    assert ServiceTranslation.objects.get(service=service, language="de").version == version


def test_a_translation_needs_the_german_text_and_an_offered_language(
    office_a: Office, office_admin: User
) -> None:
    service = make_service(title="Beratung", office=office_a)
    with pytest.raises(ValidationError):
        services.translation_save(
            obj=service, by=office_admin, office=office_a, language="xx", texts={"title": "x"}
        )
    ServiceTranslation.objects.filter(service=service).delete()
    with pytest.raises(ValidationError):
        services.translation_save(
            obj=service, by=office_admin, office=office_a, language="en", texts={"title": "x"}
        )


def test_only_the_owner_office_changes_an_entry(
    office_a: Office, office_b: Office, outsider: User
) -> None:
    service = make_service(title="Beratung", office=office_a)
    with pytest.raises(PermissionDenied):
        services.service_mark_verified(office=office_b, by=outsider, service=service)
    with pytest.raises(PermissionDenied):
        services.translation_save(
            obj=service, by=outsider, office=office_b, language="de", texts={"title": "x"}
        )


def test_the_portal_search_falls_back_to_german_and_skips_archived(office_a: Office) -> None:
    shown = make_service(title="Kita-Beratung", office=office_a, topics=["family-childcare"])
    make_service(title="Kita alt", office=office_a, topics=["family-childcare"], is_archived=True)
    found = selectors.public_service_search(query="kita", language="ar")
    assert found == [shown]
    assert found[0].translation_for("ar").language == "de"
