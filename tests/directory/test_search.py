from __future__ import annotations

import pytest

from lotse.directory.search import fold, search_service_ids, terms_of
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db


def test_fold_ignores_case_accents_and_umlaut_spellings() -> None:
    assert fold("Müller") == fold("Mueller") == fold("MULLER")
    assert fold("Ärztin") == fold("aerztin")
    assert terms_of("Kita-Platz, Kita platz!") == ["kita", "platz"]


@pytest.fixture
def directory(db: None) -> dict[str, int]:
    services = {
        "iq": make_service(
            title="IQ Anerkennungsberatung",
            topics=["recognition-regulated", "recognition-professional"],
            languages=["de", "fr", "ar"],
            texts={"de": {"title": "IQ Anerkennungsberatung",
                          "description": "Beratung zur Anerkennung ausländischer Abschlüsse"}},
        ),
        "language": make_service(
            title="Deutschkurse der Volkshochschule",
            topics=["language-integration-course"],
            texts={"de": {"title": "Deutschkurse der Volkshochschule",
                          "description": "Integrationskurse und Sprachkurse"}},
        ),
        "kita": make_service(title="Kita-Platz-Vermittlung", topics=["family-childcare"]),
        "jobs": make_service(
            title="Arbeitsvermittlung",
            topics=["work-job-search"],
            texts={"en": {"title": "Job placement", "description": "Find a job in the region"}},
        ),
    }  # fmt: skip
    return {name: service.pk for name, service in services.items()}


@pytest.mark.parametrize(
    ("query", "language", "expected"),
    [
        ("Anerkennung Pflegefachkraft", "de", "iq"),
        ("recognition nurse diploma", "en", "iq"),
        ("языковые курсы", "ru", "language"),
        ("Kita Platz", "de", "kita"),
        ("kindergarten", "en", "kita"),
        ("job", "en", "jobs"),
        ("anerkennung", "ar", "iq"),
    ],
)
def test_real_questions_find_the_right_service(
    directory: dict[str, int], query: str, language: str, expected: str
) -> None:
    hits = search_service_ids(query, language=language)
    assert hits, query
    assert hits[0].service_id == directory[expected], query


def test_an_empty_or_meaningless_query_finds_nothing(directory: dict[str, int]) -> None:
    assert search_service_ids("", language="de") == []
    assert search_service_ids("!!! ??", language="de") == []
    assert search_service_ids("zzzzqqq", language="de") == []
