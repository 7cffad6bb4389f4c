from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from lotse.ask.models import AskedQuestion
from lotse.core.models import Office, TargetGroup, Topic, User
from lotse.directory import selectors, semantic, services
from lotse.directory.models import (
    ExampleQuestion,
    Organisation,
    Service,
    ServiceTranslation,
    TranslationStatus,
)
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


# --- Routing a counselor's note -----------------------------------------------------------------


def routed(note: str, office: Office, **kwargs: Any) -> list[selectors.Suggestion]:
    return selectors.routed_suggestions(note=note, office_id=office.pk, **kwargs)


def titles(suggestions: list[selectors.Suggestion]) -> list[str]:
    return [suggestion.service.title for suggestion in suggestions]


def test_a_note_with_words_of_a_title_proposes_that_service_first(office_a: Office) -> None:
    make_service(title="Wohnsitz anmelden im Bürgerbüro", office=office_a)
    make_service(title="Integrationskurs Deutsch", office=office_a)
    make_service(title="Anerkennung ausländischer Berufsabschlüsse", office=office_a)
    semantic.refresh_all()
    found = routed("Frage zur Anerkennung ihrer Berufsabschlüsse", office_a, limit=2)
    assert titles(found)[0] == "Anerkennung ausländischer Berufsabschlüsse"
    assert found[0].reasons == ["Matches the note"]
    assert found[0].score > found[1].score
    searched = routed("Wohnsitz anmelden", office_a, from_search=True, limit=1)
    assert titles(searched) == ["Wohnsitz anmelden im Bürgerbüro"]
    assert searched[0].reasons == ["Matches the search in meaning"]


def test_the_counselor_s_office_leads_over_the_same_service_elsewhere(
    office_a: Office, office_b: Office
) -> None:
    ours = make_service(title="Migrationsberatung für Erwachsene", office=office_a)
    theirs = make_service(title="Migrationsberatung für Erwachsene", office=office_b)
    make_service(title="Schuldnerberatung", office=office_b)
    semantic.refresh_all()
    assert routed("Migrationsberatung", office_a)[0].service == ours
    assert routed("Migrationsberatung", office_b)[0].service == theirs


def test_an_archived_service_is_never_proposed(office_a: Office) -> None:
    make_service(title="Kita-Beratung alt", office=office_a, is_archived=True)
    gone = make_service(title="Kita-Beratung Mitte", office=office_a)
    kept = make_service(title="Kita-Beratung Nord", office=office_a)
    organisation_gone = make_service(title="Kita-Beratung Süd", office=office_a)
    semantic.refresh_all()
    # Archived after the vectors were computed: the routing must not offer them meanwhile.
    Service.objects.filter(pk=gone.pk).update(is_archived=True)
    Organisation.objects.filter(pk=organisation_gone.organisation_id).update(is_archived=True)
    found = routed("Kita-Beratung", office_a, limit=10)
    assert [suggestion.service for suggestion in found] == [kept]


def test_an_example_question_is_quoted_and_the_person_s_situation_given(
    office_a: Office,
) -> None:
    service = make_service(
        title="Familienkasse", office=office_a, languages=["de", "fr"], district="Mitte"
    )
    ExampleQuestion.objects.create(service=service, text="Wie beantrage ich Kindergeld?")
    make_service(title="Jobcenter", office=office_a)
    semantic.refresh_all()
    found = routed("Kindergeld beantragen", office_a, person_language="fr", place="Mitte", limit=1)
    assert [suggestion.service for suggestion in found] == [service]
    assert found[0].reasons[0] == "Similar question: “\u2068Wie beantrage ich Kindergeld?\u2069”"
    assert "Near by: Mitte" in found[0].reasons
    assert any(reason.startswith("Speaks") for reason in found[0].reasons)


def test_without_vectors_nothing_is_routed(office_a: Office) -> None:
    make_service(title="Kita-Beratung", office=office_a)  # not yet embedded: a fresh install
    assert routed("Kita-Beratung", office_a) == []
    semantic.refresh_all()
    assert titles(routed("Kita-Beratung", office_a)) == ["Kita-Beratung"]
    assert routed("   ", office_a) == []


def test_routing_a_note_stores_no_question(office_a: Office) -> None:
    make_service(title="Kita-Beratung", office=office_a)
    semantic.refresh_all()
    assert routed("Kita-Beratung für Leila", office_a)
    assert not AskedQuestion.objects.exists()


@pytest.mark.parametrize("count", [3, 30])
def test_routing_runs_a_fixed_number_of_queries(
    office_a: Office, count: int, django_assert_max_num_queries: Any
) -> None:
    for index in range(count):
        service = make_service(title=f"Beratung {index}", office=office_a, languages=["de", "fr"])
        ExampleQuestion.objects.create(service=service, text=f"Frage {index}")
    semantic.refresh_all()
    routed("Beratung", office_a)  # the vectors are read once per process, then cached
    with django_assert_max_num_queries(12):
        found = routed("Beratung", office_a, person_language="fr", limit=10)
    assert len(found) == min(count, 10)
