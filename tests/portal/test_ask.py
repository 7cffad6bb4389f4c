"""The portal's "Ask" box: the answer page, the question log without contact data, feedback.

Routing runs on the lexical `hashed` engine here (the suite's default): questions share words
with the texts they should find. One test asks in Ukrainian with the real model.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from lotse.ask.models import AskedQuestion
from lotse.core.models import Office
from lotse.directory import semantic
from lotse.directory.models import ExampleQuestion, InfoPageTranslation, Service
from lotse.portal import ask as portal_ask
from tests.core.factories import OfficeFactory
from tests.core.test_hostile_input import assert_safe, hostile_run, hostile_value, urlencoded
from tests.directory.factories import InfoPageFactory, OrganisationFactory, make_service

pytestmark = pytest.mark.django_db


@pytest.fixture
def office() -> Office:
    return OfficeFactory(
        slug="ask-office",
        name="Welcome Center Ask",
        email="wc@example.org",
        phone="+49 711 123 456",
        opening_hours="Mo–Fr 9–12 Uhr",
    )


@pytest.fixture
def directory(office: Office) -> dict[str, Any]:
    entries: dict[str, Any] = {
        "iq": make_service(
            title="IQ Anerkennungsberatung", office=office, topics=["recognition-professional"],
            texts={"de": {"title": "IQ Anerkennungsberatung",
                          "summary": "Beratung zur Anerkennung ausländischer Berufsabschlüsse."},
                   "en": {"title": "IQ recognition counseling",
                          "summary": "Advice on having your foreign qualification recognised."}},
        ),
        "kita": make_service(
            title="Kita-Platz-Vermittlung", office=office, topics=["family-childcare"],
            texts={"de": {"title": "Kita-Platz-Vermittlung",
                          "summary": "Hilfe bei der Suche nach einem Kita-Platz."}},
        ),
        "jobs": make_service(
            title="Arbeitsvermittlung", office=office, topics=["work-job-search"],
            texts={"en": {"title": "Job placement", "summary": "Find a job in the region."}},
        ),
        "registration": make_service(
            title="Bürgerbüro Anmeldung", office=office, topics=["registration-address"],
            texts={"de": {"title": "Bürgerbüro Anmeldung",
                          "summary": "Wohnsitz anmelden, Meldebescheinigung."}},
        ),
        "course": make_service(
            title="Integrationskurs Deutsch", office=office,
            topics=["language-integration-course"],
        ),
        "archived": make_service(
            title="Kindergeld Zzarchiv Beratung", office=office, topics=["benefits-family"],
            is_archived=True,
        ),
        "page": InfoPageFactory(
            slug="first-weeks", owner_office=office,
            german={"title": "Ihre ersten Wochen", "body": "Wohnung anmelden, Konto eröffnen."},
        ),
    }  # fmt: skip
    semantic.refresh_all()
    return entries


ANSWERS = re.compile(r'<ol class="list-unstyled portal-results portal-answers">(.*?)</ol>', re.S)


def answer_links(response: Any) -> list[str]:
    """The links of the answers, best first (empty when the page shows none)."""
    found = ANSWERS.search(response.content.decode())
    if found is None:
        return []
    return re.findall(r'<h3 class="h5 mb-1"><a href="([^"]+)"', found[1])


def reasons(response: Any) -> list[str]:
    found = ANSWERS.search(response.content.decode())
    lines = re.findall(r'<p class="portal-reason mb-0 small">(.*?)</p>', found[1] if found else "")
    return [" ".join(re.sub(r"<[^>]+>", "", line).split()) for line in lines]


def feedback_key(response: Any) -> str:
    return re.search(r'name="key" value="([^"]+)"', response.content.decode())[1]


def ask(client: Client, question: str, language: str = "en", **params: str) -> Any:
    return client.post(f"/{language}/ask/", {"q": question, **params})


# --- The box ------------------------------------------------------------------------------------


def test_the_home_page_shows_the_ask_box_above_the_search(
    client: Client, directory: dict[str, Any]
) -> None:
    content = client.get("/en/").content.decode()
    assert re.search(r'<form class="portal-ask-box" action="/en/ask/" method="post" role="search"',
                     content)  # fmt: skip
    assert '<label class="form-label fw-semibold" for="ask-q">' in content
    assert 'id="ask-q" name="q" maxlength="300"' in content
    assert content.index('id="ask-q"') < content.index('id="search-q"')
    # The page's own box is enough: no second one in the header.
    assert 'id="header-ask-q"' not in content


@pytest.mark.parametrize("path", ["search/", "services/{id}/", "pages/first-weeks/",
                                  "accessibility/", "events/", "no-such-page/"])  # fmt: skip
def test_every_portal_page_has_the_ask_box_in_its_header(
    client: Client, directory: dict[str, Any], path: str
) -> None:
    response = client.get("/ar/" + path.format(id=directory["iq"].pk))
    header = response.content.decode().split("</header>")[0]
    assert 'action="/ar/ask/"' in header and 'id="header-ask-q"' in header
    assert '<label class="visually-hidden" for="header-ask-q">' in header
    # On a phone a plain link to the ask page, so the header does not grow.
    assert '<a class="portal-search-link d-md-none" href="/ar/ask/">' in header


def test_the_ask_page_without_a_question_shows_the_form_only(
    client: Client, directory: dict[str, Any]
) -> None:
    response = client.get("/en/ask/")
    assert response.status_code == 200
    assert b'aria-invalid="true"' not in response.content
    assert answer_links(response) == []
    assert AskedQuestion.objects.count() == 0


# --- Answers ------------------------------------------------------------------------------------


def test_a_question_in_a_service_s_words_finds_it_first(
    client: Client, directory: dict[str, Any]
) -> None:
    response = ask(client, "Kita Platz Vermittlung für mein Kind")
    assert response.status_code == 200
    assert answer_links(response)[0] == f"/en/services/{directory['kita'].pk}/"
    other = ask(client, "Bürgerbüro Anmeldung Wohnsitz")
    assert answer_links(other)[0] == f"/en/services/{directory['registration'].pk}/"


def test_at_most_three_answers_each_with_a_reason(
    client: Client, directory: dict[str, Any]
) -> None:
    response = ask(client, "Beratung Anmeldung Kurs Kita Arbeit Wochen")
    links = answer_links(response)
    assert len(links) == 3
    assert len(set(links)) == 3
    lines = reasons(response)
    assert len(lines) == 3 and all(lines), lines
    content = response.content.decode()
    # Titles are headings of an ordered list; the organisation of a service is named.
    assert content.count('<li class="portal-result portal-answer') == 3
    assert "Offered by" in content


def test_the_reason_is_the_service_s_topic_in_the_reader_s_language(
    client: Client, directory: dict[str, Any]
) -> None:
    response = ask(client, "Kita Platz Vermittlung")
    assert reasons(response)[0] == "Topic: Daycare and childminders"


def test_the_reason_quotes_a_question_people_ask_marked_with_its_language(
    client: Client, directory: dict[str, Any]
) -> None:
    ExampleQuestion.objects.create(
        service=directory["kita"], text="Wo finde ich einen Platz für mein Baby?", language="de"
    )
    semantic.refresh_all()
    response = ask(client, "wo finde ich einen platz für mein baby")
    assert answer_links(response)[0] == f"/en/services/{directory['kita'].pk}/"
    assert reasons(response)[0] == "People ask: Wo finde ich einen Platz für mein Baby?"
    assert '<q><bdi lang="de">Wo finde ich einen Platz für mein Baby?</bdi></q>' in (
        response.content.decode()
    )


def test_a_page_is_an_answer_too(client: Client, directory: dict[str, Any]) -> None:
    page = directory["page"]
    InfoPageTranslation.objects.create(
        page=page, language="en", title="Your first weeks", body="Register your flat."
    )
    semantic.refresh_all()
    response = ask(client, "your first weeks register your flat")
    assert answer_links(response)[0] == "/en/pages/first-weeks/"
    assert ">Your first weeks</a>" in response.content.decode()


def test_an_archived_service_never_shows(client: Client, directory: dict[str, Any]) -> None:
    archived = directory["archived"]
    response = ask(client, "Kindergeld Zzarchiv Beratung")
    assert f"/services/{archived.pk}/" not in response.content.decode()
    main = response.content.decode().split('<main id="main"')[1]
    assert "Zzarchiv" not in main.replace('value="Kindergeld Zzarchiv Beratung"', "")
    # Archived after its vectors were made: still never offered.
    iq = directory["iq"]
    assert answer_links(ask(client, "IQ Anerkennungsberatung"))[0].endswith(f"/{iq.pk}/")
    Service.objects.filter(pk=iq.pk).update(is_archived=True)
    assert f"/services/{iq.pk}/" not in " ".join(answer_links(ask(client, "IQ Anerkennung")))


def test_the_answer_list_loads_entries_through_the_public_selectors(
    directory: dict[str, Any],
) -> None:
    """Even a match of an archived service or an unpublished page (a stale index) is dropped."""
    page = directory["page"]
    page.is_published = False
    page.save()
    matches = [
        semantic.Match(semantic.Entry("service", directory["archived"].pk), 0.9),
        semantic.Match(semantic.Entry("page", page.pk), 0.9),
        semantic.Match(semantic.Entry("service", directory["kita"].pk), 0.8),
    ]
    shown = portal_ask.results(matches, "en")
    assert [result.url for result in shown] == [f"/en/services/{directory['kita'].pk}/"]


def test_when_unsure_the_page_says_so_and_puts_the_contact_first(
    client: Client, directory: dict[str, Any]
) -> None:
    content = ask(client, "Quantenphysik Raumfahrt").content.decode()
    assert "We are not sure these answers fit your question." in content
    assert content.index('id="ask-contact-heading"') < content.index('id="answers-heading"')
    assert 'href="tel:+49711123456"' in content and 'href="mailto:wc@example.org"' in content
    assert "Mo–Fr 9–12 Uhr" in content


def test_when_sure_the_answers_come_first_and_the_contact_still_shows(
    client: Client, directory: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(semantic, "CONFIDENT", 0.1)
    content = ask(client, "Kita Platz Vermittlung").content.decode()
    assert "We are not sure" not in content
    assert content.index('id="answers-heading"') < content.index('id="feedback-heading"')
    assert content.index('id="feedback-heading"') < content.index('id="ask-contact-heading"')
    assert "Ask the Welcome Center directly" in content and 'href="tel:+49711123456"' in content


def test_without_any_entry_the_contact_is_the_answer(client: Client, office: Office) -> None:
    content = ask(client, "Wo melde ich mich an?").content.decode()
    assert "We found no answer to your question." in content
    assert "Ask the Welcome Center directly" in content
    assert AskedQuestion.objects.get().answered is False


def test_the_answer_page_is_not_kept_in_caches(client: Client, directory: dict[str, Any]) -> None:
    response = ask(client, "Kita")
    assert "no-store" in response["Cache-Control"]
    assert response["X-Robots-Tag"] == "noindex, nofollow"
    # Never "no-referrer": the browser would send "Origin: null" and the feedback would fail.
    assert response["Referrer-Policy"] == "same-origin"


# --- The question log ---------------------------------------------------------------------------


def test_the_question_is_logged_without_e_mail_address_and_phone_number(
    client: Client, directory: dict[str, Any]
) -> None:
    ask(client, "call me at +49 170 1234567 or mail a@b.de about Kindergeld", "de")
    logged = AskedQuestion.objects.get()
    assert "Kindergeld" in logged.text
    assert "1234567" not in logged.text and "170" not in logged.text
    assert "a@b.de" not in logged.text and "@" not in logged.text
    assert logged.language == "de"
    assert logged.office == directory["iq"].owner_office
    assert 1 <= len(logged.results) <= 3


@pytest.mark.parametrize("question", ["", "   ", "x" * 301])
def test_an_empty_or_too_long_question_is_an_error_and_nothing_is_logged(
    client: Client, directory: dict[str, Any], question: str
) -> None:
    response = ask(client, question)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in content
    assert "Please type your question." in content or "Please keep your question shorter" in (
        content
    )
    assert answer_links(response) == []
    assert AskedQuestion.objects.count() == 0


def test_the_error_speaks_the_readers_language(client: Client, directory: dict[str, Any]) -> None:
    from django.utils import translation

    with translation.override("uk"):
        expected = translation.gettext("Please type your question.")
    response = ask(client, "", "uk")
    assert re.search(r'<html[^>]* lang="uk"', response.content.decode())
    assert expected in response.content.decode()


def test_arabic_reads_right_to_left(client: Client, directory: dict[str, Any]) -> None:
    response = ask(client, "أين Kita Platz Vermittlung", "ar")
    content = response.content.decode()
    assert response.status_code == 200
    assert re.search(r'<html lang="ar" dir="rtl">', content)
    assert "bootstrap.rtl.min.css" in content
    assert answer_links(response)[0] == f"/ar/services/{directory['kita'].pk}/"
    # What the reader typed keeps its own direction inside the right-to-left page.
    assert 'dir="auto"' in content
    assert AskedQuestion.objects.get().language == "ar"


# --- Feedback -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("helped", "stored"), [("yes", "helped"), ("no", "not_helped")])
def test_feedback_is_recorded_and_thanked(
    client: Client, directory: dict[str, Any], helped: str, stored: str
) -> None:
    key = feedback_key(ask(client, "Kita Platz Vermittlung"))
    response = client.post("/en/ask/feedback/", {"key": key, "helped": helped})
    assert response.status_code == 302
    assert response["Location"] == f"/en/ask/?thanks={helped}"
    assert AskedQuestion.objects.get().feedback == stored
    thanks = client.get(response["Location"]).content.decode()
    assert "Thank you for your answer" in thanks
    # After "No" the way to the Welcome Center comes first.
    assert ("Ask the Welcome Center directly" in thanks) == (helped == "no")
    assert ('href="tel:+49711123456"' in thanks) == (helped == "no")


def test_the_last_click_counts(client: Client, directory: dict[str, Any]) -> None:
    key = feedback_key(ask(client, "Kita Platz Vermittlung"))
    client.post("/en/ask/feedback/", {"key": key, "helped": "yes"})
    client.post("/en/ask/feedback/", {"key": key, "helped": "no"})
    assert AskedQuestion.objects.get().feedback == "not_helped"


def test_an_unknown_key_gets_the_same_thanks_and_changes_nothing(
    client: Client, directory: dict[str, Any]
) -> None:
    ask(client, "Kita Platz Vermittlung")
    response = client.post("/en/ask/feedback/", {"key": "not-a-key", "helped": "no"})
    assert response.status_code == 302
    assert response["Location"] == "/en/ask/?thanks=no"
    assert AskedQuestion.objects.get().feedback == ""


def test_the_feedback_needs_the_csrf_token(directory: dict[str, Any]) -> None:
    strict = Client(enforce_csrf_checks=True)
    page = strict.post("/en/ask/", {"q": "Kita Platz"})
    key = feedback_key(page)
    assert 'name="csrfmiddlewaretoken"' in page.content.decode()
    assert strict.post("/en/ask/feedback/", {"key": key, "helped": "yes"}).status_code == 403
    assert AskedQuestion.objects.get().feedback == ""


def test_the_feedback_address_takes_no_get(client: Client) -> None:
    assert client.get("/en/ask/feedback/").status_code == 405


def test_the_thank_you_address_holds_no_question_text(
    client: Client, directory: dict[str, Any], office: Office
) -> None:
    OfficeFactory(slug="other-office", name="Welcome Center Other")
    question = "Zzgeheim Kita Platz Vermittlung Frage"
    page = ask(client, question, office=office.slug)
    response = client.post(
        "/en/ask/feedback/", {"key": feedback_key(page), "helped": "no", "office": office.slug}
    )
    location = unquote(unquote(response["Location"]))
    assert "zzgeheim" not in location.casefold() and "Kita" not in location
    assert location == "/en/ask/?thanks=no&office=ask-office"
    thanks = client.get(response["Location"]).content.decode()
    # The chosen office's contact, not every office's, and the choice stays in the form.
    contact = thanks.split('id="ask-contact-heading"')[1].split("ask-again-heading")[0]
    assert "Welcome Center Ask" in contact and "Welcome Center Other" not in contact
    assert '<option value="ask-office" selected>' in thanks


# --- Offices ------------------------------------------------------------------------------------


def test_with_one_office_there_is_nothing_to_choose(
    client: Client, directory: dict[str, Any]
) -> None:
    assert b'name="office"' not in ask(client, "Kita").content


def test_a_chosen_office_is_logged_and_its_contact_shown(
    client: Client, directory: dict[str, Any], office: Office
) -> None:
    other = OfficeFactory(
        slug="other-office", name="Welcome Center Other", email="other@example.org"
    )
    make_service(title="Kita-Platz-Vermittlung Other", office=other, topics=["family-childcare"])
    semantic.refresh_all()

    form = client.get("/en/ask/").content.decode()
    assert '<select class="form-select" id="id_office" name="office"' in form
    assert '<option value="other-office">Welcome Center Other</option>' in form

    response = ask(client, "Kita Platz Vermittlung", office=other.slug)
    content = response.content.decode()
    logged = AskedQuestion.objects.get()
    assert logged.office == other
    assert '<option value="other-office" selected>' in content
    assert '<input type="hidden" name="office" value="other-office">' in content
    contact = content.split('id="ask-contact-heading"')[1]
    assert "mailto:other@example.org" in contact and "wc@example.org" not in contact

    # Without a choice every Welcome Center is offered as a contact.
    content = ask(client, "Kita Platz Vermittlung").content.decode()
    contact = content.split('id="ask-contact-heading"')[1]
    assert "mailto:other@example.org" in contact and "mailto:wc@example.org" in contact


def test_an_unknown_office_is_an_error_not_a_crash(
    client: Client, directory: dict[str, Any]
) -> None:
    OfficeFactory(slug="other-office", name="Welcome Center Other")
    response = ask(client, "Kita", office="no-such-office")
    assert response.status_code == 200
    assert b'aria-invalid="true"' in response.content
    assert AskedQuestion.objects.count() == 0


# --- Limits and hostile input -------------------------------------------------------------------


def test_questions_are_rate_limited_per_address(
    client: Client, directory: dict[str, Any], settings: Any
) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.LOTSE_PUBLIC_FORM_RATE = "1/10m"
    # A question is worth a third of a form's submission: three, then the limit.
    for _ in range(3):
        assert ask(client, "Kita Platz").status_code == 200
    refused = ask(client, "Kita Platz")
    assert refused.status_code == 429
    assert AskedQuestion.objects.count() == 3
    # The empty form is still there to read.
    assert client.get("/en/ask/").status_code == 200
    cache.clear()


@hostile_run
@given(params=st.dictionaries(st.sampled_from(["q", "office", "thanks"]), hostile_value,
                              min_size=1))  # fmt: skip
def test_hostile_parameters_give_a_page(
    client: Client, office: Office, params: dict[str, Any]
) -> None:
    response = client.get(f"/en/ask/?{urlencoded(params).decode()}")
    assert response.status_code == 200
    assert_safe(response)
    response = client.generic(
        "POST", "/en/ask/", urlencoded(params), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 200
    assert_safe(response)


def test_a_question_never_stands_in_an_address(client: Client, directory: dict[str, Any]) -> None:
    """Asked by POST: not in the address, the history of a shared phone or a proxy's log."""
    question = "Zzgeheim Kita Platz, mein Mann schlägt mich"
    response = ask(client, question)
    assert response.status_code == 200  # answered on the spot, no redirect carrying it
    assert response.request["QUERY_STRING"] == ""
    content = response.content.decode()
    assert "?q=" not in content and "zzgeheim" not in unquote(content).split("<form")[0].casefold()
    # The ask forms post; none of them would put the question into a link.
    assert all(
        method == "post" for method in re.findall(r'action="/en/ask/" method="(\w+)"', content)
    )


@hostile_run
@given(data=st.dictionaries(st.sampled_from(["key", "helped", "office"]), hostile_value,
                            min_size=1))  # fmt: skip
def test_hostile_feedback_is_thanked_or_refused_and_changes_nothing(
    client: Client, office: Office, data: dict[str, Any]
) -> None:
    AskedQuestion.objects.create(office=office, language="en", text="Kita")
    response = client.generic(
        "POST", "/en/ask/feedback/", urlencoded(data),
        content_type="application/x-www-form-urlencoded",
    )  # fmt: skip
    assert response.status_code == 302
    assert_safe(client.get(response["Location"]))
    assert not AskedQuestion.objects.exclude(feedback="").exists()


# --- The real model -----------------------------------------------------------------------------

#: A small directory as a Welcome Center would write it: German texts, most with English too.
#: The browser test asks in Arabic, Ukrainian and Turkish over the same entries.
REALISTIC = {
    "recognition": ("IQ Netzwerk Baden-Württemberg", ["recognition-professional"], {
        "de": {"title": "Anerkennungsberatung",
               "summary": "Beratung zur Anerkennung ausländischer Berufsabschlüsse und Diplome.",
               "description": "Sie haben Ihren Abschluss im Ausland gemacht, zum Beispiel als "
                              "Krankenschwester, Pflegefachkraft, Ärztin oder Ingenieur, und "
                              "möchten in Deutschland in Ihrem Beruf arbeiten? Wir prüfen mit "
                              "Ihnen, welche Stelle Ihr Diplom anerkennt und welche Unterlagen "
                              "Sie brauchen."},
        "en": {"title": "Recognition counseling",
               "summary": "Advice on having your foreign qualification recognised.",
               "description": "If you trained or studied abroad, we tell you which office "
                              "recognises your diploma and which documents you need."},
    }),
    "registration": ("Landeshauptstadt Stuttgart", ["registration-address"], {
        "de": {"title": "Bürgerbüro Mitte: Anmeldung der Wohnung",
               "summary": "Wohnsitz anmelden, Meldebescheinigung, Personalausweis und Reisepass.",
               "description": "Wer nach Stuttgart zieht oder innerhalb der Stadt umzieht, meldet "
                              "die neue Adresse innerhalb von zwei Wochen nach dem Einzug im "
                              "Bürgerbüro an. Bringen Sie Ihren Pass und die "
                              "Wohnungsgeberbestätigung mit."},
        "en": {"title": "Citizens' office: registering your address",
               "summary": "Register your new address within two weeks of moving in.",
               "description": "Bring your passport and the landlord's confirmation."},
    }),
    "course": ("Volkshochschule Stuttgart", ["language-integration-course"], {
        "de": {"title": "Integrationskurs",
               "summary": "Deutsch lernen im Integrationskurs mit Orientierungskurs.",
               "description": "Der Integrationskurs hat einen Sprachkurs bis zum Niveau B1 und "
                              "einen Orientierungskurs über Leben und Gesellschaft in "
                              "Deutschland. Wir machen einen Einstufungstest und helfen beim "
                              "Antrag auf Kostenbefreiung beim BAMF."},
        "en": {"title": "Integration course", "summary": "Learn German up to level B1."},
    }),
    "kita": ("Jugendamt Stuttgart", ["family-childcare"], {
        "de": {"title": "Kita-Platz-Vermittlung",
               "summary": "Hilfe bei der Suche nach einem Kita-Platz oder einer Tagesmutter für "
                          "Ihr Kind.",
               "description": "Kinder ab einem Jahr haben einen Anspruch auf einen Platz in "
                              "einer Kita oder in der Kindertagespflege. Wir beraten Eltern, wie "
                              "sie ihr Kind anmelden und was ein Platz kostet."},
        "en": {"title": "Finding a daycare place",
               "summary": "Help finding a place in a daycare centre (Kita) or with a "
                          "childminder for your child."},
    }),
    "health": ("AOK Baden-Württemberg", ["health-insurance"], {
        "de": {"title": "Krankenversicherung für Neuzugewanderte",
               "summary": "Beratung zur gesetzlichen Krankenversicherung.",
               "description": "In Deutschland muss jede Person krankenversichert sein. Wir "
                              "erklären, wie Sie Mitglied werden, was die Versicherung kostet "
                              "und wie Sie Ihre Gesundheitskarte bekommen."},
        "en": {"title": "Health insurance for newcomers",
               "summary": "Everyone in Germany must have health insurance; we explain how to "
                          "join and get your health card."},
    }),
}  # fmt: skip


def realistic_directory(office: Office) -> dict[str, Service]:
    """The services of REALISTIC, with their vectors (made by the configured engine)."""
    services = {}
    for key, (organisation, topics, texts) in REALISTIC.items():
        services[key] = make_service(
            title=texts["de"]["title"],
            organisation=OrganisationFactory(owner_office=office, name=organisation),
            topics=topics,
            texts=texts,
        )
    semantic.refresh_all()
    return services


@pytest.mark.usefixtures("real_embedding")
def test_a_ukrainian_question_finds_the_german_recognition_counseling(
    client: Client, office: Office
) -> None:
    services = realistic_directory(office)
    response = ask(client, "мій диплом медсестри з Києва, чи можу я працювати тут?", "uk")
    assert answer_links(response)[0] == f"/uk/services/{services['recognition'].pk}/"
    assert AskedQuestion.objects.get().language == "uk"
