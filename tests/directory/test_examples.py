"""Staff pages for the example questions of services and pages: who may add and remove them."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from lotse.core.models import AuditEntry, Office, User
from lotse.directory import semantic
from lotse.directory.models import ExampleQuestion, InfoPage, RoutingVector, Service
from lotse.directory.services import MAX_EXAMPLES
from tests.conftest import login
from tests.directory.factories import InfoPageFactory, make_service

pytestmark = pytest.mark.django_db

PURPOSE = "Question routing on the portal finds this entry for questions like these"


@pytest.fixture
def service(office_a: Office) -> Service:
    return make_service(title="Anerkennungsberatung", office=office_a)


@pytest.fixture
def info_page(office_a: Office) -> InfoPage:
    return InfoPageFactory(owner_office=office_a, german={"title": "Erste Schritte", "body": "x"})


def examples_url(entry: Service | InfoPage) -> str:
    kind = "services" if isinstance(entry, Service) else "pages"
    return f"/staff/directory/{kind}/{entry.pk}/examples/"


def remove_url(example: ExampleQuestion) -> str:
    return f"/staff/directory/examples/{example.pk}/remove/"


def add(entry: Service | InfoPage, text: str, language: str = "") -> ExampleQuestion:
    field = "service" if isinstance(entry, Service) else "page"
    return ExampleQuestion.objects.create(**{field: entry, "text": text, "language": language})


def texts(entry: Service | InfoPage) -> list[str]:
    return list(entry.example_questions.values_list("text", flat=True))


# --- The owner office --------------------------------------------------------------------------


def test_the_owner_adds_lists_and_removes_example_questions_of_a_service(
    client: Client, counselor: User, office_a: Office, service: Service
) -> None:
    login(client, counselor)
    page = client.get(examples_url(service))
    assert page.status_code == 200
    html = page.content.decode()
    assert PURPOSE in html and "Anerkennungsberatung" in html
    assert "No example questions yet." in html and 'name="text"' in html

    response = client.post(
        examples_url(service), {"text": "  Mein  Diplom ist aus Kyjiw. ", "language": "de"}
    )
    assert response.status_code == 302 and response["Location"] == examples_url(service)
    example = service.example_questions.get()
    assert (example.text, example.language) == ("Mein Diplom ist aus Kyjiw.", "de")
    assert AuditEntry.objects.filter(
        office=office_a, action="directory.service.example_added"
    ).exists()

    html = client.get(response["Location"]).content.decode()
    assert "The example question was added." in html
    # The question, in its own direction, with the language's name and a remove button.
    assert re.search(r'<td dir="auto" lang="de">Mein Diplom ist aus Kyjiw\.</td>', html)
    assert '<td lang="de">Deutsch</td>' in html
    assert f'action="{remove_url(example)}"' in html

    assert client.get(remove_url(example)).status_code == 405
    response = client.post(remove_url(example))
    assert response.status_code == 302 and response["Location"] == examples_url(service)
    assert not ExampleQuestion.objects.exists()
    assert AuditEntry.objects.filter(
        office=office_a, action="directory.service.example_removed"
    ).exists()
    html = client.get(response["Location"]).content.decode()
    assert "The example question was removed." in html and "No example questions yet." in html


def test_the_owner_adds_and_removes_example_questions_of_a_page(
    client: Client, counselor: User, info_page: InfoPage
) -> None:
    login(client, counselor)
    # An Arabic question without a language given: shown, marked with no language.
    response = client.post(examples_url(info_page), {"text": "أين أسجل عنواني؟", "language": ""})
    assert response.status_code == 302 and response["Location"] == examples_url(info_page)
    example = info_page.example_questions.get()
    assert example.language == ""
    html = client.get(examples_url(info_page)).content.decode()
    assert '<td dir="auto">أين أسجل عنواني؟</td>' in html and "<td>–</td>" in html

    response = client.post(remove_url(example))
    assert response["Location"] == examples_url(info_page)
    assert not info_page.example_questions.exists()


def test_the_service_page_and_the_page_form_link_to_the_examples(
    client: Client, counselor: User, counselor_b: User, service: Service, info_page: InfoPage
) -> None:
    add(service, "Anerkennung als Erzieherin")
    add(service, "Is my nursing diploma valid here?", "en")
    add(info_page, "Wo melde ich mich an?")
    login(client, counselor)
    html = client.get(f"/staff/directory/services/{service.pk}/").content.decode()
    assert "Example questions" in html
    assert "2 questions that routing on the portal finds this service for." in html
    assert f'href="{examples_url(service)}"' in html
    assert f'href="{examples_url(service)}#example-add"' in html
    html = client.get(f"/staff/directory/pages/{info_page.pk}/").content.decode()
    assert "1 question that routing on the portal finds this page for." in html
    assert f'href="{examples_url(info_page)}#example-add"' in html
    # A new page has no examples yet, and no link.
    assert "examples/" not in client.get("/staff/directory/pages/new/").content.decode()

    # Another office reads the list but is not offered to add.
    login(client, counselor_b)
    html = client.get(f"/staff/directory/services/{service.pk}/").content.decode()
    assert f'href="{examples_url(service)}"' in html
    assert "#example-add" not in html


# --- Everyone else -----------------------------------------------------------------------------


def test_another_office_reads_but_cannot_add_or_remove(
    client: Client, counselor_b: User, service: Service, info_page: InfoPage
) -> None:
    example = add(service, "Anerkennung als Erzieherin", "de")
    page_example = add(info_page, "Wo melde ich mich an?", "de")
    login(client, counselor_b)
    html = client.get(examples_url(service)).content.decode()
    assert "Anerkennung als Erzieherin" in html
    assert 'name="text"' not in html and "/remove/" not in html

    for entry in (service, info_page):
        assert client.post(examples_url(entry), {"text": "Hijacked"}).status_code == 403
    for row in (example, page_example):
        assert client.post(remove_url(row)).status_code == 403
    assert texts(service) == ["Anerkennung als Erzieherin"]
    assert texts(info_page) == ["Wo melde ich mich an?"]
    assert not AuditEntry.objects.filter(action__contains="example").exists()


def test_a_role_without_the_edit_right_cannot_add_or_remove(
    client: Client, event_manager: User, service: Service
) -> None:
    example = add(service, "Anerkennung als Erzieherin")
    login(client, event_manager)
    html = client.get(examples_url(service)).content.decode()
    assert "Anerkennung als Erzieherin" in html and 'name="text"' not in html
    assert client.post(examples_url(service), {"text": "Neue Frage"}).status_code == 403
    assert client.post(remove_url(example)).status_code == 403
    assert texts(service) == ["Anerkennung als Erzieherin"]


def test_an_unknown_example_or_entry_is_a_404(
    client: Client, counselor: User, service: Service
) -> None:
    login(client, counselor)
    assert client.post("/staff/directory/examples/999999/remove/").status_code == 404
    assert client.get("/staff/directory/services/999999/examples/").status_code == 404
    assert client.get("/staff/directory/pages/999999/examples/").status_code == 404


# --- Validation --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Write the question."),
        ({"text": "anerkennung ALS erzieherin"}, "This entry has this question already."),
        ({"text": "x" * 301}, "Ensure this value has at most 300 characters"),
        ({"text": "Neue Frage", "language": "xx"}, "Select a valid choice."),
    ],
)
def test_a_wrong_question_is_refused_on_the_form_and_nothing_is_saved(
    client: Client, counselor: User, service: Service, data: dict[str, str], message: str
) -> None:
    add(service, "Anerkennung als Erzieherin")
    login(client, counselor)
    response = client.post(examples_url(service), data)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html and "Nothing was saved." in html
    assert texts(service) == ["Anerkennung als Erzieherin"]
    assert not AuditEntry.objects.filter(action__contains="example").exists()


def test_an_entry_takes_no_more_than_the_maximum(
    client: Client, counselor: User, service: Service
) -> None:
    for number in range(MAX_EXAMPLES):
        add(service, f"Frage {number}")
    login(client, counselor)
    response = client.post(examples_url(service), {"text": "Noch eine Frage"})
    assert response.status_code == 200
    assert f"This entry has {MAX_EXAMPLES} example questions already" in response.content.decode()
    assert service.example_questions.count() == MAX_EXAMPLES


# --- Routing vectors ---------------------------------------------------------------------------


def test_added_and_removed_examples_update_the_routing_vectors(
    client: Client, counselor: User, service: Service, django_capture_on_commit_callbacks: Any
) -> None:
    semantic.refresh(service_id=service.pk)
    assert list(RoutingVector.objects.values_list("service_id", "example_id")) == [
        (service.pk, None)
    ]
    login(client, counselor)
    # Adding schedules the recomputation (the tests' task queue runs it at once).
    with django_capture_on_commit_callbacks(execute=True):
        client.post(examples_url(service), {"text": "Anerkennung als Erzieherin"})
    example = service.example_questions.get()
    assert RoutingVector.objects.filter(service=service, example_id=example.pk).exists()

    client.post(remove_url(example))
    semantic.refresh(service_id=service.pk)
    assert list(RoutingVector.objects.values_list("service_id", "example_id")) == [
        (service.pk, None)
    ]


# --- Query bounds ------------------------------------------------------------------------------


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_the_list_runs_a_bounded_number_of_queries(
    client: Client, counselor: User, service: Service, django_assert_max_num_queries: Any
) -> None:
    add(service, "Frage 0")
    login(client, counselor)
    client.get(examples_url(service))  # the first request of a session also writes the session
    few = _queries(client, examples_url(service))
    for number in range(1, MAX_EXAMPLES):
        add(service, f"Frage {number}", "de" if number % 2 else "uk")
    assert _queries(client, examples_url(service)) == few
    with django_assert_max_num_queries(20):
        response = client.get(examples_url(service))
    assert len(response.context["rows"]) == MAX_EXAMPLES
