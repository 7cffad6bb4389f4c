"""The staff side of the directory: flows through the pages, who may do what, query bounds."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.core.models import AuditEntry, Language, Office, Role, TargetGroup, Topic, User
from lotse.directory.models import (
    InfoPage,
    Location,
    Organisation,
    Service,
    ServiceContact,
    ServiceTranslation,
)
from tests.conftest import login, member
from tests.directory.factories import (
    InfoPageFactory,
    LocationFactory,
    OrganisationFactory,
    make_service,
)

pytestmark = pytest.mark.django_db

SECRET = "Ask for Frau Geheim at the side door"


def topic(slug: str) -> Topic:
    return Topic.objects.get(slug=slug)


def service_data(organisation: Organisation, **overrides: Any) -> dict[str, Any]:
    """A complete, valid POST of the service form."""
    data: dict[str, Any] = {
        "organisation": organisation.pk,
        "title": "Anerkennungsberatung",
        "summary": "Beratung zur Anerkennung ausländischer Abschlüsse",
        "description": "Wir beraten zu Anerkennungsverfahren.",
        "eligibility": "Alle mit ausländischem Abschluss",
        "cost": "",
        "topics": [topic("recognition-professional").pk, topic("recognition").pk],
        "target_groups": [TargetGroup.objects.get(slug="skilled-worker").pk],
        "languages": ["de", "en", "ar"],
        "access_modes": ["appointment", "online"],
        "is_free": "on",
        "locations": [],
        "phone": "+49 711 123456",
        "email": "anerkennung@example.org",
        "website": "beratung.example.org",
        "internal_notes": SECRET,
        "review_interval_days": "180",
    }
    data.update(overrides)
    return data


@pytest.fixture
def statistics_viewer(office_a: Office) -> User:
    return member(office_a, Role.STATISTICS_VIEWER, "statistics-a")


@pytest.fixture
def organisation(office_a: Office) -> Organisation:
    return OrganisationFactory(owner_office=office_a, name="IQ Netzwerk")


@pytest.fixture
def service_a(office_a: Office, organisation: Organisation) -> Service:
    service = make_service(
        title="Beratung für Fachkräfte", organisation=organisation, internal_notes=SECRET
    )
    ServiceContact.objects.create(service=service, name="Petra Partnerin", email="p@example.org")
    return service


# --- Create, edit, archive, verify --------------------------------------------------------------


def test_a_counselor_creates_a_service_with_german_texts_topics_and_places(
    client: Client, counselor: User, office_a: Office, organisation: Organisation
) -> None:
    place = LocationFactory(organisation=organisation, district="Mitte")
    login(client, counselor)
    assert client.get("/staff/directory/services/new/").status_code == 200
    response = client.post(
        "/staff/directory/services/new/", service_data(organisation, locations=[place.pk])
    )
    service = Service.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/staff/directory/services/{service.pk}/"
    assert service.owner_office == office_a and service.organisation == organisation
    assert set(service.topics.values_list("slug", flat=True)) == {
        "recognition",
        "recognition-professional",
    }
    assert list(service.locations.all()) == [place]
    assert set(service.languages.values_list("code", flat=True)) == {"de", "en", "ar"}
    assert service.access_modes == ["appointment", "online"]
    assert service.website == "https://beratung.example.org"
    assert service.review_interval_days == 180
    german = ServiceTranslation.objects.get(service=service, language="de")
    assert german.title == "Anerkennungsberatung" and german.version == 1
    assert AuditEntry.objects.filter(office=office_a, action="directory.service.created").exists()

    page = client.get(response["Location"]).content.decode()
    assert "Anerkennungsberatung" in page and "IQ Netzwerk" in page
    assert "Recognition of vocational qualifications" in page
    assert SECRET in page  # the owner office's counselor sees the internal notes


def test_editing_a_service_changes_it_and_raises_the_german_version(
    client: Client, counselor: User, service_a: Service, organisation: Organisation
) -> None:
    login(client, counselor)
    form = client.get(f"/staff/directory/services/{service_a.pk}/edit/").content.decode()
    assert 'value="Beratung für Fachkräfte"' in form
    response = client.post(
        f"/staff/directory/services/{service_a.pk}/edit/",
        service_data(organisation, title="Beratung für internationale Fachkräfte", phone="0711 1"),
    )
    assert response.status_code == 302
    service_a.refresh_from_db()
    assert service_a.phone == "0711 1"
    german = ServiceTranslation.objects.get(service=service_a, language="de")
    assert german.title == "Beratung für internationale Fachkräfte"
    assert german.version == 2


def test_archive_toggles_and_verify_marks_today(
    client: Client, counselor: User, service_a: Service
) -> None:
    login(client, counselor)
    url = f"/staff/directory/services/{service_a.pk}"
    assert client.get(f"{url}/archive/").status_code == 405
    assert client.post(f"{url}/archive/").status_code == 302
    service_a.refresh_from_db()
    assert service_a.is_archived
    assert "archived" in client.get(f"{url}/").content.decode()
    client.post(f"{url}/archive/")
    service_a.refresh_from_db()
    assert not service_a.is_archived

    with time_machine.travel(dt.datetime(2026, 3, 2, 10, tzinfo=dt.UTC), tick=False):
        login(client, counselor)
        response = client.post(f"{url}/verify/", {"next": "/staff/directory/review/"})
    assert response["Location"] == "/staff/directory/review/"
    service_a.refresh_from_db()
    assert service_a.last_verified == dt.date(2026, 3, 2)
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "directory.service.archived",
        "directory.service.restored",
        "directory.service.verified",
    } <= actions


def test_verify_ignores_a_next_address_on_another_host(
    client: Client, counselor: User, service_a: Service
) -> None:
    login(client, counselor)
    response = client.post(
        f"/staff/directory/services/{service_a.pk}/verify/", {"next": "https://evil.example/"}
    )
    assert response["Location"] == f"/staff/directory/services/{service_a.pk}/"


def test_the_owner_edits_contact_persons(
    client: Client, counselor: User, service_a: Service
) -> None:
    login(client, counselor)
    url = f"/staff/directory/services/{service_a.pk}/contacts/"
    assert "Petra Partnerin" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "contacts-TOTAL_FORMS": "3",
            "contacts-INITIAL_FORMS": "1",
            "contacts-0-name": "Petra Partnerin",
            "contacts-0-email": "p@example.org",
            "contacts-0-DELETE": "on",
            "contacts-1-name": "Karl Kontakt",
            "contacts-1-role": "Teamleitung",
            "contacts-1-phone": "0711 2",
            "contacts-2-name": "",
        },
    )
    assert response.status_code == 302
    assert list(service_a.contacts.values_list("name", "role")) == [("Karl Kontakt", "Teamleitung")]
    detail = client.get(f"/staff/directory/services/{service_a.pk}/").content.decode()
    assert "Karl Kontakt" in detail and "Petra Partnerin" not in detail


# --- Who may do what ----------------------------------------------------------------------------


def test_another_office_reads_a_service_but_not_its_internal_parts_and_cannot_change_it(
    client: Client, counselor_b: User, service_a: Service, organisation: Organisation
) -> None:
    login(client, counselor_b)
    url = f"/staff/directory/services/{service_a.pk}"
    page = client.get(f"{url}/").content.decode()
    assert "Beratung für Fachkräfte" in page
    assert SECRET not in page and "Petra Partnerin" not in page
    assert f"{url}/edit/" not in page and f"{url}/archive/" not in page
    listing = client.get("/staff/directory/").content.decode()
    assert "Beratung für Fachkräfte" in listing and SECRET not in listing

    for path in ("edit/", "contacts/", "translations/en/"):
        assert client.get(f"{url}/{path}").status_code == 403, path
    before = Service.objects.values().get(pk=service_a.pk)
    assert client.post(f"{url}/edit/", service_data(organisation)).status_code == 403
    assert client.post(f"{url}/archive/").status_code == 403
    assert client.post(f"{url}/verify/").status_code == 403
    assert client.post(f"{url}/translations/en/", {"title": "Hijacked"}).status_code == 403
    assert Service.objects.values().get(pk=service_a.pk) == before
    assert not ServiceTranslation.objects.filter(service=service_a, language="en").exists()
    org = f"/staff/directory/organisations/{organisation.pk}/"
    assert client.get(org).status_code == 403
    assert client.get(f"{org}places/new/").status_code == 403


def test_a_missing_service_is_a_404(client: Client, counselor: User) -> None:
    login(client, counselor)
    assert client.get("/staff/directory/services/999999/").status_code == 404
    assert client.get("/staff/directory/services/999999/edit/").status_code == 404


def test_a_statistics_viewer_reads_but_does_not_edit(
    client: Client, statistics_viewer: User, service_a: Service
) -> None:
    login(client, statistics_viewer)
    url = f"/staff/directory/services/{service_a.pk}/"
    page = client.get(url).content.decode()
    assert "Beratung für Fachkräfte" in page
    assert SECRET not in page and "Petra Partnerin" not in page  # own office, but no role for it
    assert f"{url}edit/" not in page
    listing = client.get("/staff/directory/").content.decode()
    assert "/staff/directory/services/new/" not in listing
    assert "/staff/directory/review/" not in listing
    for path in (f"{url}edit/", "/staff/directory/services/new/", "/staff/directory/review/"):
        assert client.get(path).status_code == 403, path
    assert client.post(f"{url}verify/").status_code == 403
    assert client.get("/staff/directory/organisations/").status_code == 200
    assert client.get("/staff/directory/pages/").status_code == 200


def test_the_navbar_offers_the_directory_to_every_staff_role(
    client: Client, counselor: User, office_admin: User
) -> None:
    login(client, counselor)
    page = client.get("/staff/directory/").content.decode()
    current = r'<a class="nav-link active" href="/staff/directory/" aria-current="page">'
    assert re.search(current, page)
    assert "/staff/members/" not in page  # the team page is for office administrators
    login(client, office_admin)
    page = client.get("/staff/").content.decode()
    assert 'href="/staff/directory/"' in page and 'href="/staff/members/"' in page
    assert re.search(r'class="nav-link active" href="/staff/" aria-current="page"', page)


# --- Bad input saves nothing --------------------------------------------------------------------


def test_a_service_without_a_topic_is_refused_with_a_message(
    client: Client, counselor: User, organisation: Organisation
) -> None:
    login(client, counselor)
    response = client.post("/staff/directory/services/new/", service_data(organisation, topics=[]))
    assert response.status_code == 200
    assert "Choose at least one topic." in response.content.decode()
    assert not Service.objects.exists()


def test_a_place_of_another_organisation_is_refused_and_nothing_is_saved(
    client: Client, counselor: User, office_a: Office, organisation: Organisation
) -> None:
    other = OrganisationFactory(owner_office=office_a, name="Volkshochschule")
    place = LocationFactory(organisation=other)
    login(client, counselor)
    response = client.post(
        "/staff/directory/services/new/", service_data(organisation, locations=[place.pk])
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose places of this organisation." in page
    assert "Nothing was saved" in page
    assert not Service.objects.exists() and not ServiceTranslation.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="directory.").exists()


def test_a_place_of_another_office_is_not_even_offered(
    client: Client, counselor: User, office_b: Office, organisation: Organisation
) -> None:
    foreign = LocationFactory(organisation=OrganisationFactory(owner_office=office_b))
    login(client, counselor)
    form = client.get("/staff/directory/services/new/").context["form"]
    assert foreign not in form.fields["locations"].queryset
    response = client.post(
        "/staff/directory/services/new/", service_data(organisation, locations=[foreign.pk])
    )
    assert response.status_code == 200 and not Service.objects.exists()
    assert "Select a valid choice" in response.content.decode()


def test_bad_opening_hours_are_refused_with_a_message(
    client: Client, counselor: User, organisation: Organisation
) -> None:
    login(client, counselor)
    url = f"/staff/directory/organisations/{organisation.pk}/places/new/"
    base = {
        "city": "Stuttgart",
        "street": "Königstraße 1",
        "hours-TOTAL_FORMS": "2",
        "hours-INITIAL_FORMS": "0",
    }
    response = client.post(
        url, {**base, "hours-0-day": "0", "hours-0-opens": "17:00", "hours-0-closes": "09:00"}
    )
    assert response.status_code == 200
    assert "An opening time must close after it opens." in response.content.decode()
    assert not Location.objects.exists()

    response = client.post(url, {**base, "hours-0-day": "1", "hours-0-opens": "09:00"})
    assert "Fill in the weekday and both times" in response.content.decode()
    assert not Location.objects.exists()


def test_a_place_with_opening_hours_is_stored_as_the_list_the_model_validates(
    client: Client, counselor: User, organisation: Organisation
) -> None:
    login(client, counselor)
    response = client.post(
        f"/staff/directory/organisations/{organisation.pk}/places/new/",
        {
            "name": "Welcome Center",
            "city": "Stuttgart",
            "district": "Mitte",
            "opening_notes": "Im August geschlossen",
            "accessibility_notes": "Aufzug",
            "hours-TOTAL_FORMS": "3",
            "hours-INITIAL_FORMS": "0",
            "hours-0-day": "2",
            "hours-0-opens": "13:00",
            "hours-0-closes": "17:00",
            "hours-1-day": "0",
            "hours-1-opens": "09:00",
            "hours-1-closes": "12:30",
        },
    )
    assert response.status_code == 302
    location = Location.objects.get()
    assert location.opening_hours == [
        {"day": 0, "opens": "09:00", "closes": "12:30"},
        {"day": 2, "opens": "13:00", "closes": "17:00"},
    ]
    edit = client.get(f"/staff/directory/places/{location.pk}/").content.decode()
    assert 'value="12:30"' in edit

    # Clearing a row removes that opening time.
    response = client.post(
        f"/staff/directory/places/{location.pk}/",
        {
            "city": "Stuttgart",
            "hours-TOTAL_FORMS": "2",
            "hours-INITIAL_FORMS": "2",
            "hours-0-day": "0",
            "hours-0-opens": "09:00",
            "hours-0-closes": "12:30",
            "hours-1-day": "",
            "hours-1-opens": "",
            "hours-1-closes": "",
        },
    )
    assert response.status_code == 302
    location.refresh_from_db()
    assert location.opening_hours == [{"day": 0, "opens": "09:00", "closes": "12:30"}]


def test_organisations_are_created_and_a_duplicate_name_is_explained(
    client: Client, counselor: User, office_a: Office
) -> None:
    login(client, counselor)
    data = {"name": "Ausländerbehörde", "kind": "authority", "website": ""}
    response = client.post("/staff/directory/organisations/new/", data)
    organisation = Organisation.objects.get()
    assert response["Location"] == f"/staff/directory/organisations/{organisation.pk}/"
    assert organisation.owner_office == office_a
    response = client.post("/staff/directory/organisations/new/", data)
    assert response.status_code == 200
    assert "already has an organisation of this name" in response.content.decode()
    assert Organisation.objects.count() == 1
    listing = client.get("/staff/directory/organisations/").content.decode()
    assert "Ausländerbehörde" in listing and "Authority" in listing


# --- Translations -------------------------------------------------------------------------------


def test_an_english_translation_is_current_until_the_german_text_changes(
    client: Client, counselor: User, service_a: Service, organisation: Organisation
) -> None:
    login(client, counselor)
    editor = f"/staff/directory/services/{service_a.pk}/translations/en/"
    page = client.get(editor).content.decode()
    assert "Beratung für Fachkräfte" in page and "missing" in page
    response = client.post(
        editor,
        {"title": "Counselling for skilled workers", "summary": "", "description": "",
         "eligibility": "", "cost": "", "next": "/staff/directory/translations/?language=en"},
    )  # fmt: skip
    assert response["Location"] == "/staff/directory/translations/?language=en"
    english = ServiceTranslation.objects.get(service=service_a, language="en")
    assert english.title == "Counselling for skilled workers" and english.source_version == 1
    status = client.get("/staff/directory/translations/?language=en")
    assert [row.status for row in status.context["service_rows"]] == ["current"]

    client.post(
        f"/staff/directory/services/{service_a.pk}/edit/",
        service_data(organisation, title="Beratung für Fachkräfte und Familien"),
    )
    status = client.get("/staff/directory/translations/?language=en")
    assert [row.status for row in status.context["service_rows"]] == ["outdated"]
    assert "outdated" in status.content.decode()
    page = client.get(editor).content.decode()
    assert "The German text changed" in page and "Beratung für Fachkräfte und Familien" in page


def test_the_arabic_editor_marks_its_fields_right_to_left(
    client: Client, counselor: User, service_a: Service
) -> None:
    login(client, counselor)
    page = client.get(f"/staff/directory/services/{service_a.pk}/translations/ar/").content
    field = re.search(rb"<input[^>]*name=\"title\"[^>]*>", page)
    assert field and b'dir="rtl"' in field.group() and b'lang="ar"' in field.group()
    source = re.search(rb'<div class="[^"]*translation-source"[^>]*>', page)
    assert source and b'lang="de"' in source.group()
    for language in ("de", "xx"):
        editor = f"/staff/directory/services/{service_a.pk}/translations/{language}/"
        assert client.get(editor).status_code == 404, language


def test_the_status_list_offers_the_configured_languages_except_german(
    client: Client, counselor: User
) -> None:
    login(client, counselor)
    response = client.get("/staff/directory/translations/")
    assert response.context["language"] == "en"
    codes = [code for code, _name in response.context["languages"]]
    assert "de" not in codes and "ar" in codes
    assert client.get("/staff/directory/translations/?language=zz").status_code == 404


def test_information_pages_are_written_in_german_and_translated(
    client: Client, counselor: User, office_a: Office
) -> None:
    login(client, counselor)
    response = client.post(
        "/staff/directory/pages/new/",
        {"title": "Erste Schritte", "body": "**Willkommen** in Stuttgart", "slug": "erste-schritte",
         "position": "1", "is_published": "on", "topics": [topic("registration").pk]},
    )  # fmt: skip
    info_page = InfoPage.objects.get()
    assert response["Location"] == f"/staff/directory/pages/{info_page.pk}/"
    assert info_page.owner_office == office_a and info_page.is_published
    assert list(info_page.topics.values_list("slug", flat=True)) == ["registration"]
    response = client.post(
        f"/staff/directory/pages/{info_page.pk}/translations/uk/",
        {"title": "Перші кроки", "body": "Ласкаво просимо"},
    )
    assert response["Location"] == f"/staff/directory/pages/{info_page.pk}/"
    assert info_page.translations.get(language="uk").title == "Перші кроки"
    status = client.get("/staff/directory/translations/?language=uk")
    assert [row.status for row in status.context["page_rows"]] == ["current"]

    # A second page may not take the same address.
    response = client.post(
        "/staff/directory/pages/new/",
        {"title": "Doppelt", "body": "x", "slug": "erste-schritte", "position": "2"},
    )
    assert response.status_code == 200 and InfoPage.objects.count() == 1
    assert "with this Web address already exists" in response.content.decode()


def test_another_office_cannot_edit_a_page(
    client: Client, counselor_b: User, office_a: Office
) -> None:
    info_page = InfoPageFactory(owner_office=office_a)
    login(client, counselor_b)
    assert "/staff/directory/pages/" in client.get("/staff/directory/pages/").content.decode()
    assert client.get(f"/staff/directory/pages/{info_page.pk}/").status_code == 403
    response = client.post(
        f"/staff/directory/pages/{info_page.pk}/translations/en/", {"title": "x", "body": "y"}
    )
    assert response.status_code == 403
    assert not info_page.translations.filter(language="en").exists()


# --- Review -------------------------------------------------------------------------------------


def test_review_due_lists_never_verified_services_and_not_just_verified_ones(
    client: Client, counselor: User, office_a: Office, office_b: Office
) -> None:
    day = dt.datetime(2026, 5, 4, 9, tzinfo=dt.UTC)
    with time_machine.travel(day, tick=False):
        never = make_service(title="Nie geprüft", office=office_a)
        fresh = make_service(title="Gerade geprüft", office=office_a)
        old = make_service(title="Lange her", office=office_a, last_verified=dt.date(2025, 1, 10))
        make_service(title="Anderes Büro", office=office_b)
        login(client, counselor)
        client.post(f"/staff/directory/services/{fresh.pk}/verify/")
        response = client.get("/staff/directory/review/")
        assert [s.pk for s in response.context["page"]] == [never.pk, old.pk]
        table = response.content.decode().split("<tbody>")[1]
        assert "Nie geprüft" in table and "Gerade geprüft" not in table
        assert "Anderes Büro" not in table
        listing = client.get("/staff/directory/?due=on").content.decode()
        assert "Nie geprüft" in listing and "Gerade geprüft" not in listing

    # A year later the checked one is due again.
    with time_machine.travel(day + dt.timedelta(days=366), tick=False):
        login(client, counselor)
        response = client.get("/staff/directory/review/")
        assert fresh.pk in [s.pk for s in response.context["page"]]


# --- The list: filters and pages ----------------------------------------------------------------


def test_the_list_filters_by_text_topic_language_district_and_archive(
    client: Client, counselor: User, office_a: Office
) -> None:
    make_service(
        title="IQ Anerkennungsberatung", office=office_a, topics=["recognition-professional"],
        languages=["de", "fr"], district="Mitte",
    )  # fmt: skip
    make_service(
        title="Kita-Beratung", office=office_a, topics=["family-childcare"],
        languages=["de", "ar"], district="Bad Cannstatt",
    )  # fmt: skip
    make_service(title="Altes Angebot", office=office_a, is_archived=True)
    login(client, counselor)

    def titles(**params: Any) -> set[str]:
        response = client.get("/staff/directory/", params)
        assert response.status_code == 200
        return {service.translation_for("de").title for service in response.context["page"]}

    assert titles() == {"IQ Anerkennungsberatung", "Kita-Beratung"}
    assert titles(q="Anerkennung") == {"IQ Anerkennungsberatung"}
    assert titles(topic=topic("recognition").pk) == {"IQ Anerkennungsberatung"}
    assert titles(language="ar") == {"Kita-Beratung"}
    assert titles(district="bad cannstatt") == {"Kita-Beratung"}
    assert titles(kind="counseling_service", target_group="") == {
        "IQ Anerkennungsberatung",
        "Kita-Beratung",
    }
    assert "Altes Angebot" in titles(archived="on")
    response = client.get("/staff/directory/", {"topic": "999999"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()


def test_the_list_pages_by_fifty(client: Client, counselor: User, office_a: Office) -> None:
    organisation = OrganisationFactory(owner_office=office_a)
    for number in range(55):
        make_service(title=f"Angebot {number:02}", organisation=organisation)
    login(client, counselor)
    first = client.get("/staff/directory/")
    assert len(first.context["page"]) == 50
    assert "1 / 2" in first.content.decode()
    assert len(client.get("/staff/directory/?page=2").context["page"]) == 5


# --- Query counts -------------------------------------------------------------------------------


def _rich_services(office: Office, count: int) -> list[Service]:
    topics = ["work", "recognition-professional", "language-integration-course", "housing"]
    services = []
    for number in range(count):
        organisation = OrganisationFactory(owner_office=office)
        service = make_service(
            title=f"Angebot {number}",
            organisation=organisation,
            topics=topics[: 1 + number % 4],
            languages=["de", "en", "ar", "tr"][: 1 + number % 4],
            target_groups=["student", "refugee"],
            texts={"en": {"title": f"Service {number}"}},
        )
        service.locations.add(LocationFactory(organisation=organisation, district="Ost"))
        services.append(service)
    return services


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_runs_a_bounded_number_of_queries(
    client: Client, counselor: User, office_a: Office, django_assert_max_num_queries: Any
) -> None:
    _rich_services(office_a, 3)
    login(client, counselor)
    client.get("/staff/directory/")  # the first request of a session also writes the session
    few = _queries(client, "/staff/directory/")
    _rich_services(office_a, 32)
    many = _queries(client, "/staff/directory/")
    assert many == few
    with django_assert_max_num_queries(20):
        response = client.get("/staff/directory/", {"q": "Angebot", "topic": topic("work").pk})
    assert len(response.context["page"]) == 35


def test_the_detail_page_runs_a_bounded_number_of_queries(
    client: Client, counselor: User, office_a: Office, django_assert_max_num_queries: Any
) -> None:
    services = _rich_services(office_a, 35)
    small, big = services[0], services[-1]
    organisation = big.organisation
    for number in range(10):
        big.locations.add(LocationFactory(organisation=organisation, district=f"D{number}"))
        ServiceContact.objects.create(service=big, name=f"Kontakt {number}")
    big.topics.add(*Topic.objects.all()[:20])
    big.languages.add(*Language.objects.all()[:30])
    for code in ("uk", "ru", "fa", "es", "fr"):
        ServiceTranslation.objects.create(service=big, language=code, title=f"Title {code}")
    login(client, counselor)
    client.get("/staff/directory/")  # the first request of a session also writes the session
    assert _queries(client, f"/staff/directory/services/{small.pk}/") == _queries(
        client, f"/staff/directory/services/{big.pk}/"
    )
    with django_assert_max_num_queries(20):
        client.get(f"/staff/directory/services/{big.pk}/")
