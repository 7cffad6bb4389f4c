"""The directory's demo data: big enough, idempotent, translated, and good for real questions.

The demo is seeded once for the module inside a transaction that is rolled back at the end; each
test runs in a savepoint of its own, as usual.
"""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.db.models import Count

from lotse.core.models import Office, Topic, User
from lotse.directory import selectors
from lotse.directory.demo_data import all_organisations
from lotse.directory.demo_data.texts import TYPE_TEXTS
from lotse.directory.models import (
    AccessMode,
    InfoPage,
    InfoPageTranslation,
    Location,
    Organisation,
    OrganisationKind,
    Service,
    ServiceContact,
    ServiceSearchEntry,
    ServiceTranslation,
    TranslationStatus,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            call_command("seed_demo", stdout=StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (
            Organisation,
            Location,
            Service,
            ServiceTranslation,
            ServiceContact,
            ServiceSearchEntry,
            InfoPage,
            InfoPageTranslation,
        )
    }


def services_with(language: str) -> int:
    return ServiceTranslation.objects.filter(language=language).values("service").count()


def test_seeding_twice_duplicates_nothing(demo: None) -> None:
    before = counts()
    call_command("seed_demo", stdout=StringIO())
    assert counts() == before


def test_a_realistic_directory_for_both_regions(demo: None) -> None:
    assert Service.objects.count() >= 150
    assert Organisation.objects.count() >= 80
    by_office = dict(Organisation.objects.values_list("owner_office__slug").annotate(n=Count("id")))
    assert by_office["stuttgart"] > by_office["region-stuttgart"] > 0
    assert by_office["braunschweig"] >= 10
    kinds = set(Organisation.objects.values_list("kind", flat=True))
    assert kinds == set(OrganisationKind.values)
    districts = set(Location.objects.filter(city="Stuttgart").values_list("district", flat=True))
    assert {"Mitte", "Bad Cannstatt", "Feuerbach", "Zuffenhausen", "Vaihingen"} <= districts
    names = [(org.office, org.name) for org in all_organisations()]
    assert len(names) == len(set(names))


def test_every_service_type_has_german_english_and_arabic_texts() -> None:
    used = {svc.type for org in all_organisations() for svc in org.services}
    for language in ("de", "en", "ar"):
        assert used <= set(TYPE_TEXTS[language]), language
    for language, texts in TYPE_TEXTS.items():
        assert set(texts) <= used, language


def test_every_service_is_complete_and_valid(demo: None) -> None:
    services = Service.objects.prefetch_related("topics", "languages", "locations", "translations")
    for service in services:
        assert 1 <= len(service.topics.all()) <= 3, service
        assert all(topic.parent_id for topic in service.topics.all()), service
        assert service.languages.all(), service
        assert 1 <= len(service.locations.all()) <= 2, service
        assert set(service.access_modes) <= set(AccessMode.values), service
        assert "de" in {row.language for row in service.translations.all()}, service
        service.full_clean(validate_unique=False, validate_constraints=False)
    for model in (Organisation, Location, ServiceContact, ServiceTranslation, InfoPageTranslation):
        for obj in model.objects.all():
            obj.full_clean(validate_unique=False, validate_constraints=False)


def test_most_services_speak_english_and_arabic_some_more_languages(demo: None) -> None:
    total = Service.objects.count()
    assert services_with("en") >= 0.8 * total
    assert services_with("ar") >= 0.8 * total
    for language in ("uk", "tr", "ru", "fa", "es", "fr"):
        assert services_with(language) >= 20, language


def test_a_counselor_finds_recognition_counseling_in_french_in_the_staff_directory(
    demo: None, client: Any
) -> None:
    """Issue 3: "recognition counseling for a nurse from Tunisia, French-speaking"."""
    counselor = User.objects.get(username="colleague")
    client.force_login(counselor, backend="django.contrib.auth.backends.ModelBackend")
    recognition = Topic.objects.get(slug="recognition")
    page = client.get(
        "/staff/directory/", {"topic": recognition.pk, "language": "fr", "q": "Pflege"}
    ).content.decode()
    assert "IQ Netzwerk" in page
    found = selectors.service_list_for_staff(
        user=counselor,
        office=Office.objects.get(slug="stuttgart"),
        query="Anerkennung Pflege",
        topic=recognition,
        spoken_language="fr",
    )
    assert found and found[0].organisation.name.startswith("IQ Netzwerk")


def test_the_status_lists_show_missing_outdated_and_current(demo: None) -> None:
    user = User.objects.get(username="officeadmin")
    office = Office.objects.get(slug="stuttgart")
    for language in ("en", "ar", "uk"):
        rows = selectors.translation_status_list(user=user, office=office, language=language)
        assert {row.status for row in rows} == set(TranslationStatus.values), language
    pages = selectors.translation_status_list(user=user, office=office, language="ar", kind="page")
    statuses = {row.obj.slug: row.status for row in pages}
    assert statuses["arbeiten-in-deutschland"] == TranslationStatus.OUTDATED
    assert statuses["ihre-ersten-wochen"] == TranslationStatus.CURRENT


def test_information_pages_in_german_english_and_arabic(demo: None) -> None:
    pages = selectors.public_info_pages()
    slugs = {"ihre-ersten-wochen", "anerkennung", "arbeiten-in-deutschland"}
    assert slugs <= {page.slug for page in pages}
    for page in pages.filter(slug__in=slugs):
        assert page.owner_office.slug == "stuttgart"
        assert {row.language for row in page.translations.all()} >= {"de", "en", "ar"}
    first_weeks = selectors.public_info_page_get(slug="ihre-ersten-wochen")
    assert first_weeks.translation_for("de").title == "Ihre ersten Wochen in Stuttgart"
    assert "14 Tagen" in first_weeks.translation_for("de").body


def test_iq_recognition_counseling_is_first_for_french_speakers(demo: None) -> None:
    recognition = Topic.objects.get(slug="recognition")
    first = selectors.referral_suggestions(topics=[recognition], language="fr")[0]
    assert first.service.organisation.name.startswith("IQ Netzwerk")
    assert "fr" in {language.code for language in first.service.languages.all()}
    # The ranking holds because no other recognition service speaks French.
    others = (
        Service.objects.filter(topics__parent=recognition, languages__code="fr")
        .exclude(pk=first.service.pk)
        .distinct()
    )
    assert not others.exists()


@pytest.mark.parametrize(
    ("query", "language", "topics"),
    [
        ("Anerkennung Pflegefachkraft", "de", {"recognition-regulated"}),
        ("recognition nurse diploma", "en", {"recognition-regulated"}),
        ("языковые курсы", "ru", {"language-integration-course", "language-job-german"}),
        ("Kita Platz", "de", {"family-childcare"}),
        ("تعلم اللغة الألمانية", "ar", {"language-integration-course", "language-job-german"}),
        # A language café ("Almanca konuşma") ranks with the courses on PostgreSQL: still German.
        (
            "Almanca kursu",
            "tr",
            {"language-integration-course", "language-job-german", "language-informal"},
        ),
        ("визнання диплома медсестри", "uk", {"recognition-regulated"}),
        ("reconnaissance diplôme infirmière", "fr", {"recognition-regulated"}),
        ("کلاس زبان آلمانی", "fa", {"language-integration-course", "language-job-german"}),
        ("روضة أطفال", "ar", {"family-childcare"}),
        ("Wohnung finden", "de", {"housing-search"}),
        ("oturma izni", "tr", {"residence-title"}),
    ],
)
def test_real_questions_find_a_fitting_service(
    demo: None, query: str, language: str, topics: set[str]
) -> None:
    top = selectors.public_service_search(query=query, language=language, limit=3)
    found = [{topic.slug for topic in service.topics.all()} for service in top]
    assert any(slugs & topics for slugs in found), (query, found)


def test_recognition_questions_find_the_iq_service(demo: None) -> None:
    for query, language in (
        ("Anerkennung Pflegefachkraft", "de"),
        ("recognition nurse diploma", "en"),
        ("reconnaissance diplôme infirmière", "fr"),
    ):
        top = selectors.public_service_search(query=query, language=language, limit=3)
        assert any(s.organisation.name.startswith("IQ Netzwerk") for s in top), query


def test_scale_adds_synthetic_services_in_three_languages_once(demo: None) -> None:
    before = Service.objects.count()
    call_command("seed_demo", "--scale", "2", stdout=StringIO())
    synthetic = Service.objects.filter(organisation__name__endswith="(Demo)")
    assert Service.objects.count() == before + 150 == before + synthetic.count()
    languages = synthetic.values("translations__language").annotate(n=Count("id"))
    assert {row["translations__language"]: row["n"] for row in languages} == {
        "de": 150,
        "en": 150,
        "ar": 150,
    }
    assert ServiceSearchEntry.objects.filter(service__in=synthetic).count() == 450
    call_command("seed_demo", "--scale", "2", stdout=StringIO())
    assert Service.objects.count() == before + 150
    recognition = Topic.objects.get(slug="recognition")
    first = selectors.referral_suggestions(topics=[recognition], language="fr")[0]
    assert first.service.organisation.name.startswith("IQ Netzwerk")


# --- The routing test set over the demo -------------------------------------------------------


def test_every_label_of_the_routing_test_set_names_a_demo_entry(demo: None) -> None:
    """The 203 questions' targets and accepted alternatives all exist in the demo directory."""
    from lotse.directory.routing_eval import Resolver, load

    questions = load()
    assert len(questions) >= 150
    assert len({row["language"] for row in questions}) >= 8
    resolve = Resolver()
    for row in questions:
        assert len(resolve(row["target"])) == 1, row["id"]
        for also in row.get("also", []):
            assert resolve(also), (row["id"], also)


def test_the_evaluation_reports_every_language_and_checks_the_goal(demo: None) -> None:
    from lotse.core.benchmarks import discover
    from lotse.directory import routing_eval
    from lotse.directory.benchmarks import question_routing

    assert discover()["question-routing"] is question_routing
    questions = routing_eval.load()[::10]  # a sample: the lexical stand-in, not the model
    result = routing_eval.evaluate(questions)
    rows = routing_eval.table(result)
    assert [row[0] for row in rows][-1] == "all"
    assert int(rows[-1][1]) == len(questions)
    assert len(result.latencies_ms) == len(questions)
    out = StringIO()
    # The lexical stand-in cannot reach the goal, so --check fails, naming it.
    with pytest.raises(CommandError, match="goal is not met"):
        call_command("routing_eval", "--check", "--misses", stdout=out)
    assert "NOT met" in out.getvalue() and "top-1 %" in out.getvalue()
