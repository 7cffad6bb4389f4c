"""The public portal through the Django test client: search, service pages, info pages, barriers.

The portal's language comes from the URL prefix (/de/, /en/, /ar/), not from Accept-Language.
"""

from __future__ import annotations

import re
import time
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.core.models import Office
from lotse.directory.models import Location, Service, ServiceContact
from lotse.portal.forms import MIN_SECONDS, start_token
from tests.core.factories import OfficeFactory
from tests.directory.factories import InfoPageFactory, make_service

pytestmark = pytest.mark.django_db

#: Planted in staff-only fields; no portal page may ever contain it.
MARKER = "Zzinternalmarker"


@pytest.fixture
def office() -> Office:
    return OfficeFactory(slug="portal-office", name="Welcome Center Portal", email="wc@example.org")


@pytest.fixture
def directory(office: Office) -> dict[str, Service]:
    services = {
        "iq": make_service(
            title="IQ Anerkennungsberatung", office=office,
            topics=["recognition-professional", "recognition-regulated"],
            languages=["de", "fr", "ar"], target_groups=["skilled-worker"],
            access_modes=["appointment", "phone"], district="Mitte",
            texts={
                "de": {"title": "IQ Anerkennungsberatung",
                       "description": "Beratung zur Anerkennung ausländischer Berufsabschlüsse."},
                "en": {"title": "IQ recognition counseling",
                       "summary": "Advice on having your foreign qualification recognised."},
                "ar": {"title": "استشارة الاعتراف بالشهادات"},
            },
            phone="+49 711 000 111", email="iq@example.org", website="https://iq.example.org/",
            internal_notes=MARKER,
        ),
        "kita": make_service(
            title="Kita-Platz-Vermittlung", office=office, topics=["family-childcare"],
            languages=["de", "tr"], target_groups=["family-member"], access_modes=["walk_in"],
            district="Bad Cannstatt", internal_notes=MARKER,
        ),
        "jobs": make_service(
            title="Arbeitsvermittlung", office=office, topics=["work-job-search"],
            languages=["de", "en"], access_modes=["online"], district="Vaihingen",
            texts={"en": {"title": "Job placement", "description": "Find a job in the region."}},
        ),
        "archived": make_service(
            title="Alte Jobberatung Zzarchiv", office=office, topics=["work-job-search"],
            is_archived=True,
        ),
    }  # fmt: skip
    for service in services.values():
        ServiceContact.objects.create(
            service=service, name=f"{MARKER} Person", email="zzinternalmarker@example.org"
        )
    return services


def titles(response: Any) -> list[str]:
    return [
        re.sub(r"<[^>]+>", "", match)
        for match in re.findall(r'<h3 class="h5 mb-1">(.*?)</a>', response.content.decode())
    ]


def detail_url(service: Service, language: str = "en") -> str:
    return f"/{language}/services/{service.pk}/"


# --- Search -------------------------------------------------------------------------------------


def test_search_finds_by_free_text_in_the_readers_language(
    client: Client, directory: dict[str, Service]
) -> None:
    response = client.get("/en/search/", {"q": "recognition"})
    assert response.status_code == 200
    assert titles(response) == ["IQ recognition counseling"]
    assert b"1 service found" in response.content
    assert detail_url(directory["iq"]).encode() in response.content


def test_search_falls_back_to_german_text_and_says_so(
    client: Client, directory: dict[str, Service]
) -> None:
    response = client.get("/en/search/", {"q": "Kita"})
    content = response.content.decode()
    assert titles(response) == ["Kita-Platz-Vermittlung"]
    assert 'lang="de" dir="ltr">Kita-Platz-Vermittlung</a>' in content
    assert "in German" in content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"topic": "family"}, ["kita"]),
        ({"topic": "recognition"}, ["iq"]),
        ({"language": "tr"}, ["kita"]),
        ({"language": "fr", "q": "Beratung"}, ["iq"]),
        ({"district": "Bad Cannstatt"}, ["kita"]),
        ({"target_group": "skilled-worker"}, ["iq"]),
        ({"access": "online"}, ["jobs"]),
        ({"access": "phone", "topic": "recognition"}, ["iq"]),
        ({"topic": "family", "language": "fr"}, []),
    ],
)
def test_search_filters(
    client: Client, directory: dict[str, Service], params: dict[str, str], expected: list[str]
) -> None:
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    found = set(map(int, re.findall(rb'href="/en/services/(\d+)/"', response.content)))
    assert found == {directory[name].pk for name in expected}


def test_no_results_offers_help_and_the_way_to_the_welcome_center(
    client: Client, directory: dict[str, Service]
) -> None:
    response = client.get("/en/search/", {"q": "Quantenphysik"})
    content = response.content.decode()
    assert "0 services found" in content
    assert "No service matches your search." in content
    assert 'href="/en/#offices"' in content


def test_an_unknown_filter_value_is_shown_as_an_error_not_a_crash(
    client: Client, directory: dict[str, Service]
) -> None:
    response = client.get("/en/search/", {"topic": "no-such-topic", "q": "Kita"})
    assert response.status_code == 200
    assert b'aria-invalid="true"' in response.content
    assert titles(response) == ["Kita-Platz-Vermittlung"]


def test_results_are_capped_at_a_phone_screenful(client: Client, office: Office) -> None:
    for number in range(22):
        make_service(title=f"Sprachkurs {number}", office=office, topics=["language"])
    response = client.get("/en/search/", {"topic": "language"})
    assert len(titles(response)) == 20
    assert b"Results 1 to 20" in response.content and b"Next results" in response.content
    second = client.get("/en/search/", {"topic": "language", "page": "2"})
    assert len(titles(second)) == 2 and b"Results 21 to 22" in second.content
    assert b"Previous results" in second.content and b"Next results" not in second.content
    assert not set(titles(response)) & set(titles(second))
    assert client.get("/en/search/", {"topic": "language", "page": "x"}).status_code == 200


def test_the_search_without_criteria_shows_only_the_form(
    client: Client, directory: dict[str, Service]
) -> None:
    response = client.get("/en/search/")
    assert response.status_code == 200
    assert titles(response) == []
    assert b"services found" not in response.content


# --- Archived services --------------------------------------------------------------------------


def test_archived_services_never_appear(client: Client, directory: dict[str, Service]) -> None:
    archived = directory["archived"]
    assert titles(client.get("/en/search/", {"q": "Zzarchiv"})) == []
    assert b"Zzarchiv" not in client.get("/en/search/", {"topic": "work"}).content
    assert client.get(detail_url(archived)).status_code == 404
    assert client.get(f"/en/services/{archived.pk}/print/").status_code == 404


def test_services_of_an_archived_organisation_are_gone_too(
    client: Client, directory: dict[str, Service]
) -> None:
    organisation = directory["jobs"].organisation
    organisation.is_archived = True
    organisation.save()
    assert client.get(detail_url(directory["jobs"])).status_code == 404
    assert titles(client.get("/en/search/", {"q": "job"})) == []


# --- Service pages ------------------------------------------------------------------------------


def test_the_service_page_shows_what_a_newcomer_needs(
    client: Client, directory: dict[str, Service]
) -> None:
    location = directory["iq"].locations.get()
    location.opening_hours = [
        {"day": 0, "opens": "09:00", "closes": "12:00"},
        {"day": 3, "opens": "14:00", "closes": "18:00"},
    ]
    location.accessibility_notes = "Stufenloser Zugang über den Hof."
    location.save()

    content = client.get(detail_url(directory["iq"])).content.decode()

    assert "<h1" in content and "IQ recognition counseling" in content
    for text in (
        "Skilled worker",  # for whom
        "French",  # languages spoken
        "With an appointment",  # how to access it
        "Free of charge.",
        "Königstraße 1",
        "Mitte",
        "Stufenloser Zugang",
        'href="tel:+49711000111"',
        "mailto:iq@example.org",
        "https://iq.example.org/",
        f'href="/en/services/{directory["iq"].pk}/print/"',
    ):
        assert text in content, text
    assert re.search(r"Monday</th><td>.*09:00\s*–\s*12:00", content)
    assert re.search(r"Tuesday</th><td>closed", content)


def test_opening_hours_speak_the_readers_language(
    client: Client, directory: dict[str, Service]
) -> None:
    location = directory["iq"].locations.get()
    location.opening_hours = [{"day": 0, "opens": "09:00", "closes": "12:00"}]
    location.save()
    assert "Montag" in client.get(detail_url(directory["iq"], "de")).content.decode()
    arabic = client.get(detail_url(directory["iq"], "ar")).content.decode()
    assert "الاثنين" in arabic
    assert 'dir="rtl"' in arabic


def test_the_service_page_says_when_it_falls_back_to_german(
    client: Client, directory: dict[str, Service]
) -> None:
    content = client.get(detail_url(directory["kita"])).content.decode()
    assert "This information is not available in your language yet" in content
    assert 'lang="de" dir="ltr">Kita-Platz-Vermittlung</h1>' in content
    translated = client.get(detail_url(directory["iq"])).content.decode()
    assert "not available in your language" not in translated


def test_the_print_view_has_the_service_and_no_navigation(
    client: Client, directory: dict[str, Service]
) -> None:
    content = client.get(f"/en/services/{directory['iq'].pk}/print/").content.decode()
    assert "IQ recognition counseling" in content
    assert "portal-header" not in content and "<nav" not in content
    assert f"http://testserver/en/services/{directory['iq'].pk}/" in content


def test_a_missing_service_is_not_found(client: Client, db: None) -> None:
    assert client.get("/en/services/999999/").status_code == 404


def test_the_language_links_keep_the_service_page_and_the_search(
    client: Client, directory: dict[str, Service]
) -> None:
    service = directory["iq"]
    content = client.get(detail_url(service, "ar")).content.decode()
    assert f'href="/en/services/{service.pk}/" lang="en"' in content
    assert f'href="/de/services/{service.pk}/" lang="de"' in content
    search = client.get("/ar/search/", {"q": "Kita", "topic": "family"}).content.decode()
    assert 'href="/en/search/?q=Kita&amp;topic=family" lang="en"' in search


@pytest.mark.parametrize("language", ["de", "en", "ar"])
def test_internal_notes_and_contact_persons_never_appear(
    client: Client, directory: dict[str, Service], language: str
) -> None:
    InfoPageFactory(slug="first-steps")
    paths = [
        "/", "/search/?q=Beratung", "/search/?topic=family", "/pages/first-steps/",
        "/accessibility/", "/accessibility/report-a-barrier/",
    ]  # fmt: skip
    for service in directory.values():
        if not service.is_archived:
            paths += [f"/services/{service.pk}/", f"/services/{service.pk}/print/"]
    for path in paths:
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        assert MARKER.lower().encode() not in response.content.lower(), path
    # Staff-only text is not searchable either (the query itself is echoed in the search box).
    assert titles(client.get(f"/{language}/search/", {"q": MARKER})) == []


# --- Home and information pages -----------------------------------------------------------------


def test_home_offers_life_situations_search_pages_and_offices(
    client: Client, directory: dict[str, Service], office: Office
) -> None:
    InfoPageFactory(slug="first-weeks", german={"title": "Ihre ersten Wochen", "body": "Text"})
    InfoPageFactory(slug="draft", is_published=False, german={"title": "Entwurf", "body": "x"})
    content = client.get("/en/").content.decode()
    for situation in ("New here", "Work", "Studies", "Family", "Refugees", "Employers"):
        assert f">{situation}</a>" in content, situation
    assert 'href="/en/search/?target_group=refugee"' in content
    assert 'href="/en/search/?topic=family"' in content
    assert 'action="/en/search/"' in content
    assert 'href="/en/pages/first-weeks/" lang="de" dir="ltr">Ihre ersten Wochen' in content
    assert "Entwurf" not in content
    assert office.name in content and "wc@example.org" in content


def test_every_entry_point_finds_something_or_says_what_to_do(
    client: Client, directory: dict[str, Service]
) -> None:
    content = client.get("/en/").content.decode()
    for url in re.findall(r'href="(/en/search/\?[^"]+)"', content):
        assert client.get(url.replace("&amp;", "&")).status_code == 200


def test_an_information_page_renders_markdown_and_escapes_html(client: Client, db: None) -> None:
    InfoPageFactory(
        slug="first-steps",
        german={
            "title": "Erste Schritte",
            "body": "# Anmelden\n\n**Wichtig:** <script>alert(1)</script>\n\n"
            "[klick](javascript:alert(1)) <img src=x onerror=alert(1)>",
        },
    )
    content = client.get("/de/pages/first-steps/").content.decode()
    assert "<h2>Anmelden</h2>" in content
    assert "<strong>Wichtig:</strong>" in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in content
    assert "<script>alert" not in content
    assert 'href="javascript' not in content
    assert "<img" not in content


def test_markdown_headings_fit_under_the_page_title() -> None:
    from lotse.portal.display import render_markdown

    assert re.findall(r"<(h\d)>", render_markdown("## A\n\n#### B\n\n### C\n\n## D")) == [
        "h2", "h3", "h3", "h2",
    ]  # fmt: skip
    assert render_markdown("") == ""


def test_an_information_page_falls_back_to_german_and_says_so(client: Client, db: None) -> None:
    InfoPageFactory(slug="first-steps", german={"title": "Erste Schritte", "body": "Text"})
    content = client.get("/ar/pages/first-steps/").content.decode()
    assert 'lang="de" dir="ltr">Erste Schritte</h1>' in content
    assert "portal-fallback" in content


def test_an_unpublished_page_is_not_found(client: Client, db: None) -> None:
    InfoPageFactory(slug="draft", is_published=False)
    assert client.get("/en/pages/draft/").status_code == 404


def test_the_accessibility_statement_names_the_legal_points(client: Client, db: None) -> None:
    content = client.get("/en/accessibility/").content.decode()
    for text in (
        "partially compliant",
        "What is not accessible yet",
        "This statement was prepared on",
        'href="/en/accessibility/report-a-barrier/"',
        "Schlichtungsstelle nach dem Behindertengleichstellungsgesetz",
        "§ 16",
    ):
        assert text in content, text


def test_the_footer_links_the_statement_and_the_barrier_report(client: Client, db: None) -> None:
    content = client.get("/ar/").content.decode()
    assert 'href="/ar/accessibility/"' in content
    assert 'href="/ar/accessibility/report-a-barrier/"' in content


# --- Barrier report -----------------------------------------------------------------------------

REPORT_URL = "/en/accessibility/report-a-barrier/"


def report(**fields: str) -> dict[str, str]:
    data = {
        "page": "/en/search/",
        "barrier": "The filter button cannot be reached with the keyboard.",
        "email": "reader@example.org",
        "website": "",
        "started": start_token(time.time() - MIN_SECONDS - 5),
    }
    data.update(fields)
    return data


def test_a_barrier_report_reaches_the_offices_by_e_mail(
    client: Client, office: Office, django_capture_on_commit_callbacks: Any
) -> None:
    OfficeFactory(slug="second", email="second@example.org")
    OfficeFactory(slug="closed", email="closed@example.org", is_active=False)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REPORT_URL, report())
    assert response.status_code == 302
    assert response["Location"] == f"{REPORT_URL}?sent=1"
    assert "reader" not in response["Location"]
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert sorted(message.to) == ["second@example.org", "wc@example.org"]
    assert "The filter button cannot be reached" in message.body
    assert "reader@example.org" in message.body
    assert "/en/search/" in message.body
    thanks = client.get(response["Location"])
    assert b"Thank you for your report" in thanks.content


def test_without_office_addresses_the_report_goes_to_the_sender_address(
    client: Client, db: None, django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.DEFAULT_FROM_EMAIL = "lotse@example.org"
    with django_capture_on_commit_callbacks(execute=True):
        client.post(REPORT_URL, report(email=""))
    assert [m.to for m in mail.outbox] == [["lotse@example.org"]]


@pytest.mark.parametrize(
    "fields",
    [
        pytest.param({"website": "http://spam.example"}, id="honeypot"),
        pytest.param({"started": "fresh"}, id="too-fast"),
        pytest.param({"started": "forged"}, id="forged-token"),
        pytest.param({"started": ""}, id="no-token"),
    ],
)
def test_spam_is_rejected_quietly(
    client: Client, office: Office, django_capture_on_commit_callbacks: Any, fields: dict
) -> None:
    if fields.get("started") == "fresh":
        fields = {"started": start_token()}  # sent a moment after the form was shown
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REPORT_URL, report(**fields))
    assert response.status_code == 302
    assert response["Location"] == f"{REPORT_URL}?sent=1"
    assert mail.outbox == []


def test_a_report_without_a_barrier_asks_for_it_even_when_sent_quickly(
    client: Client, office: Office
) -> None:
    response = client.post(REPORT_URL, report(barrier="", started=start_token()))
    assert response.status_code == 200
    assert b'aria-invalid="true"' in response.content
    assert mail.outbox == []


def test_a_stale_form_asks_to_send_again_with_a_fresh_token(client: Client, office: Office) -> None:
    stale = start_token(time.time() - 2 * 24 * 3600)
    response = client.post(REPORT_URL, report(started=stale))
    assert response.status_code == 200
    assert b"send it again" in response.content
    assert stale.encode() not in response.content
    assert mail.outbox == []


def test_the_report_form_suggests_the_page_the_reader_came_from(client: Client, db: None) -> None:
    response = client.get(REPORT_URL, HTTP_REFERER="http://testserver/en/search/?q=secret")
    content = response.content.decode()
    assert 'value="/en/search/"' in content
    assert "secret" not in content
    other = client.get(REPORT_URL, HTTP_REFERER="https://elsewhere.example/x").content.decode()
    assert "elsewhere" not in other
    assert 'name="started"' in content and "hidden" in content


# --- Hostile input ------------------------------------------------------------------------------

hostile = st.one_of(
    st.text(max_size=300),
    st.sampled_from(
        [
            "<script>alert(1)</script>", "' OR 1=1 --", "\u202eevil", "a" * 5000, "\x00",
            "=cmd|x", "foo:* & !bar", "(((", "'\\", "%", "_", "ab|cd", "a:b", "٣٤٥ كيتا",
        ]
    ),
)  # fmt: skip


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(q=hostile, topic=hostile, language=hostile, district=hostile, access=hostile)
def test_the_search_survives_any_input(
    client: Client, q: str, topic: str, language: str, district: str, access: str
) -> None:
    params = {"q": q, "topic": topic, "language": language, "district": district, "access": access}
    response = client.get("/ar/search/", params)
    assert response.status_code == 200
    assert b"<script>alert(1)</script>" not in response.content
    assert client.get("/de/search/", {"q": q}).status_code == 200


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(page=hostile, barrier=hostile, email=hostile, website=hostile, started=hostile)
def test_the_barrier_form_survives_any_input(
    client: Client, page: str, barrier: str, email: str, website: str, started: str
) -> None:
    data = {"page": page, "barrier": barrier, "email": email, "website": website}
    for token in (started, start_token(time.time() - 60)):
        response = client.post(REPORT_URL, {**data, "started": token})
        assert response.status_code in {200, 302}
        assert b"<script>alert(1)</script>" not in response.content


# --- Query counts -------------------------------------------------------------------------------


def many_services(office: Office, count: int) -> None:
    for number in range(count):
        service = make_service(
            title=f"Beratung Nummer {number}", office=office,
            topics=["work-job-search", "recognition"], languages=["de", "en", "ar", "tr"],
            target_groups=["skilled-worker", "refugee"], access_modes=["appointment", "online"],
            district=f"Bezirk {number % 7}",
            texts={"en": {"title": f"Counseling number {number}"}} if number % 2 else None,
        )  # fmt: skip
        Location.objects.filter(services=service).update(
            opening_hours=[{"day": day, "opens": "09:00", "closes": "12:00"} for day in range(5)]
        )


#: Sessionless anonymous requests; the numbers are bounds, not goals.
SEARCH_QUERIES = 14
DETAIL_QUERIES = 8


@pytest.mark.parametrize(
    "params",
    [
        {"q": "Beratung"},
        {"q": "counseling", "topic": "work"},
        {"topic": "recognition", "language": "ar", "district": "Bezirk 3"},
        {"target_group": "refugee", "access": "online"},
    ],
)
def test_search_needs_a_constant_number_of_queries(
    client: Client, office: Office, django_assert_max_num_queries: Any, params: dict
) -> None:
    many_services(office, 40)
    with django_assert_max_num_queries(SEARCH_QUERIES):
        response = client.get("/en/search/", params)
    assert len(titles(response)) > 0


def test_search_queries_do_not_grow_with_the_results(
    client: Client, office: Office, django_assert_num_queries: Any
) -> None:
    many_services(office, 5)
    client.get("/en/search/", {"q": "Beratung"})  # warm caches (content types, sites)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get("/en/search/", {"q": "Beratung"})
    many_services(office, 12)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/en/search/", {"q": "Beratung"})
    assert len(titles(response)) == 17


def test_service_pages_need_a_constant_number_of_queries(
    client: Client, office: Office, django_assert_max_num_queries: Any
) -> None:
    many_services(office, 3)
    service = Service.objects.order_by("-pk").first()
    assert service is not None
    for path in (detail_url(service, "ar"), f"/de/services/{service.pk}/print/"):
        with django_assert_max_num_queries(DETAIL_QUERIES):
            assert client.get(path).status_code == 200


@pytest.mark.parametrize(
    ("path", "bound"),
    [("/en/", 6), ("/en/pages/first-steps/", 3), ("/en/accessibility/", 2), (REPORT_URL, 1)],
)
def test_other_pages_need_few_queries(
    client: Client,
    office: Office,
    django_assert_max_num_queries: Any,
    path: str,
    bound: int,
) -> None:
    for number in range(5):
        InfoPageFactory(slug="first-steps" if number == 0 else f"page-x{number}")
    with django_assert_max_num_queries(bound):
        assert client.get(path).status_code == 200
