"""The service picker routes what the counselor wrote: the note of the question (the referral's
reason, else the consultation's notes) proposes referrals before the topics' suggestions, and
the search words find services by meaning before the keyword hits. Nothing of it is kept."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from lotse.ask.models import AskedQuestion
from lotse.core.models import Office, Topic, User
from lotse.counseling.models import Person, Referral
from lotse.directory import semantic
from lotse.directory.models import Service
from lotse.directory.selectors import public_service_search
from tests.conftest import LOG_CAPTURE, login
from tests.counseling.factories import make_person
from tests.counseling.test_work_views import WORK, consultation_data, queries_for
from tests.directory.factories import make_service

pytestmark = pytest.mark.django_db

RECOGNITION = "Anerkennung ausländischer Berufsabschlüsse"
LOOKUP = f"{WORK}/services/lookup/"


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


@pytest.fixture
def person(office_a: Office) -> Person:
    return make_person(office_a, display_name="Amira", preferred_language_id="fr")


@pytest.fixture
def directory(office_a: Office) -> dict[str, Service]:
    """Five services of the office; their vectors are not computed yet (a fresh install)."""
    made = {
        "recognition": make_service(
            title=RECOGNITION, office=office_a, topics=("recognition-professional",)
        ),
        "registration": make_service(title="Wohnsitz anmelden im Bürgerbüro", office=office_a),
        "course": make_service(title="Integrationskurs Deutsch", office=office_a),
        "childcare": make_service(
            title="Kita-Beratung", office=office_a, topics=("family-childcare",)
        ),
        "jobcenter": make_service(title="Jobcenter Mitte", office=office_a, topics=("work",)),
    }
    return made


def options(page: str, prefix: str) -> list[tuple[str, str]]:
    """(title, reasons) of the radio options of one list of the picker, in order."""
    found = re.findall(
        rf'id="service-{prefix}-(\d+)"[^>]*>\s*<label[^>]*><span class="fw-semibold">([^<]+)'
        rf'</span>.*?</label>\s*(?:<div[^>]*id="service-{prefix}-\1-why">([^<]*)</div>)?',
        page,
        flags=re.S,
    )
    return [(title, reasons) for _pk, title, reasons in found]


def titles(page: str, prefix: str) -> list[str]:
    return [title for title, _reasons in options(page, prefix)]


def test_the_reason_proposes_the_referral_before_the_topics_suggestions(
    client: Client,
    counselor: User,
    office_a: Office,
    person: Person,
    directory: dict[str, Service],
) -> None:
    for title in ("Anerkennung ausländischer Studienabschlüsse", "Berufsabschlüsse nachholen"):
        make_service(title=title, office=office_a)  # near the note in words, off the topic
    semantic.refresh_all()
    login(client, counselor)
    page = client.post(
        f"{WORK}/people/{person.pk}/referrals/new/",
        {
            "topics": [topic("family-childcare").pk],
            "reason": "Frage zur Anerkennung ausländischer Berufsabschlüsse",
            "lookup": "1",
        },
    ).content.decode()
    found = options(page, "suggestion")
    assert found[0] == (RECOGNITION, "Matches the note")
    assert [reasons for _title, reasons in found[:3]] == ["Matches the note"] * 3
    # Then the topic's suggestion the note did not bring up.
    assert found[3:] == [("Kita-Beratung", "Topic: Daycare and childminders")]
    assert Referral.objects.count() == 0


def test_a_service_both_routed_and_suggested_is_listed_once_with_both_reasons(
    client: Client, counselor: User, person: Person, directory: dict[str, Service]
) -> None:
    semantic.refresh_all()
    login(client, counselor)
    page = client.post(
        LOOKUP,
        {
            "part": "suggestions",
            "person": person.pk,
            "topics": [topic("recognition-professional").pk],
            "reason": "Frage zur Anerkennung ausländischer Berufsabschlüsse",
        },
    ).content.decode()
    found = options(page, "suggestion")
    assert found[0][0] == RECOGNITION
    assert found[0][1].startswith("Matches the note · Topic: ")
    shown = [title for title, _reasons in found]
    assert len(shown) == len(set(shown)) == 3


def test_the_consultation_s_notes_route_unless_a_reason_is_given(
    client: Client, counselor: User, person: Person, directory: dict[str, Service]
) -> None:
    semantic.refresh_all()
    login(client, counselor)
    url = f"{WORK}/people/{person.pk}/consultations/new/"
    notes = consultation_data(notes="Frage zur Anerkennung ihrer Berufsabschlüsse", lookup="1")
    page = client.post(url, notes).content.decode()
    assert titles(page, "suggestion")[0] == RECOGNITION
    page = client.post(url, {**notes, "reason": "Wohnsitz anmelden"}).content.decode()
    assert titles(page, "suggestion")[0] == "Wohnsitz anmelden im Bürgerbüro"


def test_the_lookup_posts_the_form_and_routes_the_note_and_the_search(
    client: Client, counselor: User, person: Person, directory: dict[str, Service]
) -> None:
    semantic.refresh_all()
    login(client, counselor)
    suggested = client.post(
        LOOKUP,
        {"part": "suggestions", "person": person.pk, "reason": "Kita-Beratung für die Tochter"},
    ).content.decode()
    assert titles(suggested, "suggestion")[0] == "Kita-Beratung"
    searched = client.post(
        LOOKUP, {"part": "results", "person": person.pk, "q": "Jobcenter"}
    ).content.decode()
    found = options(searched, "result")
    assert found[0] == ("Jobcenter Mitte", "Matches the search in meaning")
    assert len(found) == len({title for title, _reasons in found})
    # The meaning's guesses first (five), then what only the words find.
    assert all("Contains the words searched for" in reasons for _t, reasons in found[5:])
    assert client.get(LOOKUP, {"q": "Jobcenter"}).status_code == 405  # never in a URL


def test_before_the_vectors_exist_the_keyword_search_answers(
    client: Client, counselor: User, person: Person, directory: dict[str, Service]
) -> None:
    login(client, counselor)
    searched = client.post(LOOKUP, {"part": "results", "q": "Kita Jobcenter"}).content.decode()
    expected = public_service_search(query="Kita Jobcenter", language="en", limit=10)
    assert expected and titles(searched, "result") == [service.title for service in expected]
    assert "Matches" not in searched
    page = client.post(
        f"{WORK}/people/{person.pk}/referrals/new/",
        {"topics": [topic("family-childcare").pk], "reason": RECOGNITION, "lookup": "1"},
    ).content.decode()
    assert titles(page, "suggestion") == ["Kita-Beratung"]  # the topics' suggestions alone


def test_the_note_is_neither_in_a_url_nor_logged_nor_stored(
    client: Client, counselor: User, person: Person, directory: dict[str, Service]
) -> None:
    semantic.refresh_all()
    login(client, counselor)
    url = f"{WORK}/people/{person.pk}/referrals/new/"
    blank = client.get(url).content.decode()
    assert "hx-get" not in blank and blank.count(f'hx-post="{LOOKUP}"') == 2
    logged = len(LOG_CAPTURE.lines)
    note = "zqxmarker Anerkennung ihrer Berufsabschlüsse"
    page = client.post(url, {"reason": note, "q": note, "lookup": "1"}).content.decode()
    client.post(LOOKUP, {"part": "suggestions", "reason": note})
    client.post(LOOKUP, {"part": "results", "q": note})
    assert titles(page, "suggestion")[0] == RECOGNITION
    assert not re.search(r'(href|action|hx-[a-z]+)="[^"]*zqxmarker', page)
    assert not [line for line in LOG_CAPTURE.lines[logged:] if "zqxmarker" in line]
    assert not AskedQuestion.objects.exists()


@pytest.mark.parametrize("rows", [3, 30])
def test_the_routed_picker_runs_a_fixed_number_of_queries(
    client: Client,
    counselor: User,
    office_a: Office,
    person: Person,
    django_assert_max_num_queries: Any,
    rows: int,
) -> None:
    for index in range(rows):
        make_service(
            title=f"Anerkennung {index}",
            office=office_a,
            topics=("recognition-professional",),
            languages=("de", "fr"),
        )
    semantic.refresh_all()
    login(client, counselor)
    page = queries_for(
        django_assert_max_num_queries,
        client,
        f"{WORK}/people/{person.pk}/consultations/new/",
        50,  # the form twice (posted, then shown), the note and the search routed
        "post",
        **consultation_data(
            topics=[topic("recognition-professional").pk],
            reason="Anerkennung des Abschlusses",
            q="Anerkennung",
            lookup="1",
        ),
    )
    assert len(titles(page, "suggestion")) == min(rows, 10)
    assert len(titles(page, "result")) == min(rows, 10)
    fragment = queries_for(
        django_assert_max_num_queries,
        client,
        LOOKUP,
        22,
        "post",
        topics=[topic("recognition-professional").pk],
        person=person.pk,
        reason="Anerkennung des Abschlusses",
    )
    assert len(titles(fragment, "suggestion")) == min(rows, 10)


def test_a_real_note_finds_the_recognition_counseling(
    real_embedding: None, client: Client, counselor: User, office_a: Office, person: Person
) -> None:
    """With the multilingual model: a note in the counselor's shorthand, no shared word."""

    def service(title: str, summary: str, topics: tuple[str, ...]) -> Service:
        texts = {"de": {"title": title, "summary": summary}}
        return make_service(title=title, office=office_a, topics=topics, texts=texts)

    iq = service(
        "IQ-Anerkennungsberatung",
        "Anerkennungsberatung für ausländische Berufs- und Studienabschlüsse",
        ("recognition-professional",),
    )
    service("Bürgerbüro Mitte", "Wohnsitz anmelden, Personalausweis und Meldebescheinigung", ())
    service("Integrationskurse der VHS", "Deutschkurse mit Orientierungskurs für Zugewanderte", ())
    service("Kita-Beratung", "Hilfe bei der Suche nach einem Kita-Platz für Ihr Kind", ())
    service("Jobcenter Stuttgart", "Bürgergeld, Arbeitsvermittlung und Weiterbildung", ("work",))
    semantic.refresh_all()
    login(client, counselor)
    page = client.post(
        f"{WORK}/people/{person.pk}/referrals/new/",
        {
            "reason": "sucht Anerkennung als Erzieherin, Abschluss aus Marokko",
            "q": "möchte einen Sprachkurs besuchen",  # no word of the course's texts
            "lookup": "1",
        },
    ).content.decode()
    assert titles(page, "suggestion")[0] == iq.title
    assert titles(page, "result")[0] == "Integrationskurse der VHS"
