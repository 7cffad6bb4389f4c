"""The staff page of questions asked on the portal: what it lists for whom, the actions on a
question (dealt with, delete, add as example question), their audit, and the pruning."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from lotse.ask import services, services_staff
from lotse.ask.models import AskedQuestion, Feedback
from lotse.core.models import AuditEntry, Office, Role, User
from lotse.directory.models import ExampleQuestion, InfoPage, Service
from tests.conftest import login, member
from tests.core.factories import MembershipFactory
from tests.directory.factories import InfoPageFactory, OrganisationFactory, make_service

pytestmark = pytest.mark.django_db

LIST_URL = "/staff/questions/"


def url(question: AskedQuestion, action: str) -> str:
    return f"/staff/questions/{question.pk}/{action}/"


def ask(office: Office, text: str, *, ago: dt.timedelta = dt.timedelta(hours=1), **fields: Any):
    fields.setdefault("answered", False)
    fields.setdefault("language", "de")
    return AskedQuestion.objects.create(
        office=office, text=text, created_at=timezone.now() - ago, **fields
    )


def audit_texts(question_text: str) -> list[str]:
    """Every audit entry's data, as text: the question must not be in any."""
    return [
        str(entry.data) for entry in AuditEntry.objects.all() if question_text in str(entry.data)
    ]


@pytest.fixture
def service_a(office_a: Office) -> Service:
    organisation = OrganisationFactory(owner_office=office_a, name="IQ Netzwerk")
    return make_service(title="Anerkennungsberatung", organisation=organisation)


@pytest.fixture
def page_a(office_a: Office) -> InfoPage:
    return InfoPageFactory(
        owner_office=office_a, german={"title": "Erste Schritte", "body": "Anmelden."}
    )


# --- The list ----------------------------------------------------------------------------------


def test_the_list_shows_open_questions_of_the_active_office_only_newest_first(
    client: Client, office_a: Office, office_b: Office, counselor: User, settings: Any
) -> None:
    settings.LOTSE_ASK_QUESTION_DAYS = 45
    ask(office_a, "Older unanswered", ago=dt.timedelta(days=2))
    ask(office_a, "Newer unhelpful", answered=True, feedback=Feedback.NOT_HELPED)
    ask(office_a, "Answered and helped", answered=True, feedback=Feedback.HELPED)
    ask(office_a, "Answered, no feedback", answered=True)
    ask(office_a, "Already dealt with", done_at=timezone.now())
    ask(office_b, "Office B's question")

    content = login(client, counselor).get(LIST_URL).content.decode()

    assert content.index("Newer unhelpful") < content.index("Older unanswered")
    for hidden in ("Answered and helped", "Answered, no feedback", "Already dealt with"):
        assert hidden not in content
    assert "Office B&#x27;s question" not in content and "Office B" not in content
    assert "2 questions" in content
    assert "kept for 45 days" in content
    assert "E-mail addresses and phone numbers" in content


def test_the_tabs_show_one_kind_or_every_recent_question(
    client: Client, office_a: Office, office_b: Office, counselor: User
) -> None:
    ask(office_a, "Unanswered one")
    ask(office_a, "Unhelpful one", answered=True, feedback=Feedback.NOT_HELPED)
    ask(office_a, "Helpful one", answered=True, feedback=Feedback.HELPED)
    ask(office_a, "Done one", done_at=timezone.now())
    ask(office_b, "Other office")
    login(client, counselor)

    def shown(show: str) -> set[str]:
        texts = ("Unanswered one", "Unhelpful one", "Helpful one", "Done one", "Other office")
        content = client.get(LIST_URL, {"show": show}).content.decode()
        return {text for text in texts if text in content}

    assert shown("not_answered") == {"Unanswered one"}
    assert shown("not_helped") == {"Unhelpful one"}
    assert shown("all") == {"Unanswered one", "Unhelpful one", "Helpful one", "Done one"}
    assert shown("nonsense") == {"Unanswered one", "Unhelpful one"}
    everything = client.get(LIST_URL, {"show": "all"}).content.decode()
    assert "dealt with" in everything and "helped" in everything


def test_the_active_office_decides_for_someone_in_two_offices(
    client: Client, office_a: Office, office_b: Office, counselor: User
) -> None:
    MembershipFactory(user=counselor, office=office_b, role=Role.COUNSELOR)
    ask(office_a, "Asked in A")
    ask(office_b, "Asked in B")
    login(client, counselor)
    session = client.session
    session["lotse_office_id"] = office_b.pk
    session.save()
    content = client.get(LIST_URL).content.decode()
    assert "Asked in B" in content and "Asked in A" not in content


def test_the_question_is_escaped_and_its_direction_follows_its_script(
    client: Client, office_a: Office, counselor: User
) -> None:
    ask(office_a, "<script>alert(1)</script> أين أجد دورة لغة؟", language="ar")
    content = login(client, counselor).get(LIST_URL).content.decode()
    assert "<script>alert(1)" not in content
    assert "&lt;script&gt;alert(1)&lt;/script&gt; أين أجد دورة لغة؟" in content
    assert '<span dir="auto">&lt;script&gt;' in content
    assert "Arabic" in content  # the portal language by name


def test_the_answers_are_named_and_linked_to_the_directory(
    client: Client, office_a: Office, office_b: Office, counselor: User, service_a: Service,
    page_a: InfoPage,
) -> None:  # fmt: skip
    foreign_page = InfoPageFactory(
        owner_office=office_b, german={"title": "Seite von B", "body": "Text."}
    )
    ask(
        office_a,
        "Anerkennung Diplom",
        results=[
            {"kind": "service", "id": service_a.pk, "score": 0.8},
            {"kind": "page", "id": page_a.pk, "score": 0.7},
            {"kind": "page", "id": foreign_page.pk, "score": 0.6},
            {"kind": "service", "id": 999_999, "score": 0.5},
        ],
    )
    content = login(client, counselor).get(LIST_URL).content.decode()
    assert f'href="/staff/directory/services/{service_a.pk}/">Anerkennungsberatung</a>' in content
    assert f'href="/staff/directory/pages/{page_a.pk}/">Erste Schritte</a>' in content
    # Another office's page opens only for its owner: named, not linked.
    assert "Seite von B" in content
    assert f"/staff/directory/pages/{foreign_page.pk}/" not in content
    assert "(deleted entry)" in content


def test_the_titles_come_in_one_query_per_kind_whatever_the_number_of_rows(
    client: Client, office_a: Office, counselor: User, django_assert_max_num_queries: Any
) -> None:
    login(client, counselor)

    def plant(count: int) -> None:
        for n in range(count):
            service = make_service(title=f"Dienst {n}", office=office_a)
            page = InfoPageFactory(owner_office=office_a)
            ask(
                office_a,
                f"Frage {n}",
                results=[
                    {"kind": "service", "id": service.pk, "score": 0.8},
                    {"kind": "page", "id": page.pk, "score": 0.7},
                ],
            )

    plant(2)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(LIST_URL).status_code == 200
    plant(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        content = client.get(LIST_URL).content.decode()
    assert "Dienst 19" in content and "Frage 19" in content


def test_the_list_is_paginated(client: Client, office_a: Office, counselor: User) -> None:
    for n in range(55):
        ask(office_a, f"Question number {n:02d}", ago=dt.timedelta(minutes=n))
    login(client, counselor)
    first = client.get(LIST_URL).content.decode()
    second = client.get(LIST_URL, {"page": 2}).content.decode()
    assert "Question number 00" in first and "Question number 49" in first
    assert "Question number 50" not in first
    assert "Question number 54" in second and "Question number 00" not in second


# --- Who may --------------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.EVENT_MANAGER, Role.STATISTICS_VIEWER])
def test_roles_without_the_actions_are_refused(
    client: Client, office_a: Office, role: str, service_a: Service
) -> None:
    question = ask(office_a, "Wo ist das Amt?")
    login(client, member(office_a, role, "other-role"))
    assert client.get(LIST_URL).status_code == 403
    assert client.post(url(question, "done")).status_code == 403
    assert client.post(url(question, "delete")).status_code == 403
    assert client.get(url(question, "example")).status_code == 403
    assert (
        client.post(url(question, "example"), {"entry": f"service-{service_a.pk}"}).status_code
        == 403
    )
    question.refresh_from_db()
    assert question.done_at is None
    assert not ExampleQuestion.objects.exists()


def test_the_nav_entry_shows_for_counselors_and_admins_only(
    client: Client, office_a: Office, counselor: User, office_admin: User, event_manager: User
) -> None:
    for user, shown in ((counselor, True), (office_admin, True), (event_manager, False)):
        content = login(client, user).get("/staff/").content.decode()
        assert (f'href="{LIST_URL}"' in content) is shown, user


def test_another_offices_counselor_cannot_act_on_a_question(
    client: Client, office_a: Office, office_b: Office, counselor_b: User
) -> None:
    question = ask(office_a, "Frage aus A")
    organisation = OrganisationFactory(owner_office=office_b)
    theirs = make_service(title="Dienst von B", organisation=organisation)
    login(client, counselor_b)
    assert client.post(url(question, "done")).status_code == 404
    assert client.post(url(question, "delete")).status_code == 404
    assert client.get(url(question, "example")).status_code == 404
    response = client.post(url(question, "example"), {"entry": f"service-{theirs.pk}"})
    assert response.status_code == 404
    question.refresh_from_db()
    assert question.done_at is None
    assert not ExampleQuestion.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="ask.").exists()


def test_the_services_check_the_office_too(
    office_a: Office, office_b: Office, counselor_b: User
) -> None:
    question = ask(office_a, "Frage aus A")
    with pytest.raises(PermissionDenied):
        services_staff.mark_done(office=office_b, by=counselor_b, question=question)
    with pytest.raises(PermissionDenied):
        services_staff.delete_question(office=office_b, by=counselor_b, question=question)
    question.refresh_from_db()
    assert question.done_at is None


def test_the_actions_need_post_and_the_csrf_token(office_a: Office, counselor: User) -> None:
    question = ask(office_a, "Frage")
    strict = login(Client(enforce_csrf_checks=True, HTTP_ACCEPT_LANGUAGE="en"), counselor)
    assert strict.get(url(question, "done")).status_code == 405
    assert strict.get(url(question, "delete")).status_code == 405
    assert strict.post(url(question, "done")).status_code == 403
    assert strict.post(url(question, "delete")).status_code == 403
    assert AskedQuestion.objects.filter(pk=question.pk, done_at__isnull=True).exists()


# --- The actions ----------------------------------------------------------------------------------


def test_dealt_with_hides_the_question_and_is_audited_without_its_text(
    client: Client, office_a: Office, counselor: User
) -> None:
    question = ask(office_a, "Wo finde ich einen Sprachkurs")
    login(client, counselor)
    response = client.post(url(question, "done"), {"show": "not_answered"})
    assert response.status_code == 302 and response["Location"] == f"{LIST_URL}?show=not_answered"
    question.refresh_from_db()
    assert question.done_at is not None
    assert "Wo finde ich" not in client.get(LIST_URL).content.decode()
    assert "Wo finde ich" in client.get(LIST_URL, {"show": "all"}).content.decode()
    entry = AuditEntry.objects.get(action="ask.question.done")
    assert entry.actor == counselor and entry.office == office_a
    assert entry.object_id == str(question.pk)
    assert audit_texts("Sprachkurs") == []


def test_delete_removes_the_question_and_is_audited(
    client: Client, office_a: Office, office_admin: User
) -> None:
    question = ask(office_a, "Kindergeld beantragen")
    pk = question.pk
    response = login(client, office_admin).post(url(question, "delete"))
    assert response.status_code == 302 and response["Location"] == LIST_URL
    assert not AskedQuestion.objects.filter(pk=pk).exists()
    entry = AuditEntry.objects.get(action="ask.question.deleted")
    assert entry.object_id == str(pk) and entry.actor == office_admin
    assert audit_texts("Kindergeld") == []


def test_the_example_form_offers_the_offices_own_entries_by_organisation(
    client: Client, office_a: Office, office_b: Office, counselor: User, service_a: Service,
    page_a: InfoPage,
) -> None:  # fmt: skip
    make_service(title="Dienst von B", office=office_b)
    make_service(title="Archiviert", organisation=service_a.organisation, is_archived=True)
    question = ask(office_a, "Diplom aus Kyjiw anerkennen")
    content = login(client, counselor).get(url(question, "example")).content.decode()
    assert "Diplom aus Kyjiw anerkennen" in content
    assert '<optgroup label="IQ Netzwerk">' in content
    assert f'<option value="service-{service_a.pk}">Anerkennungsberatung</option>' in content
    assert f'<option value="page-{page_a.pk}">Erste Schritte</option>' in content
    assert "Dienst von B" not in content and "Archiviert" not in content


def test_adding_as_example_question_teaches_the_entry_and_marks_the_question_done(
    client: Client, office_a: Office, counselor: User, service_a: Service, page_a: InfoPage
) -> None:
    question = ask(
        office_a, "Diplom aus Kyjiw, kann ich hier als Pflegerin arbeiten?", language="uk"
    )
    login(client, counselor)
    response = client.post(url(question, "example"), {"entry": f"service-{service_a.pk}"})
    assert response.status_code == 302 and response["Location"] == LIST_URL
    example = ExampleQuestion.objects.get()
    assert example.service == service_a and example.page is None
    assert example.text == question.text and example.language == "uk"
    question.refresh_from_db()
    assert question.done_at is not None
    entry = AuditEntry.objects.get(action="ask.question.example_added")
    assert entry.object_id == str(question.pk)
    assert entry.data == {"kind": "service", "entry": service_a.pk, "example": example.pk}
    assert AuditEntry.objects.filter(action="directory.service.example_added").exists()
    assert audit_texts("Kyjiw") == []

    other = ask(office_a, "Erste Schritte nach der Ankunft")
    client.post(url(other, "example"), {"entry": f"page-{page_a.pk}"})
    assert ExampleQuestion.objects.get(page=page_a).text == "Erste Schritte nach der Ankunft"


def test_adding_refuses_an_entry_of_another_office(
    client: Client, office_a: Office, office_b: Office, counselor: User, service_a: Service
) -> None:
    theirs = make_service(title="Dienst von B", office=office_b)
    their_page = InfoPageFactory(owner_office=office_b)
    question = ask(office_a, "Frage")
    login(client, counselor)
    for value in (f"service-{theirs.pk}", f"page-{their_page.pk}"):
        response = client.post(url(question, "example"), {"entry": value})
        assert response.status_code == 200
        assert "Select a valid choice" in response.content.decode()
    # Past the form too: the directory's owner check refuses, and nothing is changed.
    with pytest.raises(PermissionDenied):
        services_staff.question_to_example(
            office=office_a, by=counselor, question=question, entry=theirs
        )
    question.refresh_from_db()
    assert question.done_at is None
    assert not ExampleQuestion.objects.exists()
    assert not AuditEntry.objects.filter(action="ask.question.example_added").exists()


def test_a_refused_example_shows_the_reason_and_changes_nothing(
    client: Client, office_a: Office, counselor: User, service_a: Service
) -> None:
    ExampleQuestion.objects.create(service=service_a, text="Wo ist die Anerkennungsstelle?")
    question = ask(office_a, "wo ist die   Anerkennungsstelle?")
    login(client, counselor)
    response = client.post(
        url(question, "example"), {"entry": f"service-{service_a.pk}"}, follow=True
    )
    assert response.status_code == 200
    assert "This entry has this question already." in response.content.decode()
    question.refresh_from_db()
    assert question.done_at is None
    assert ExampleQuestion.objects.count() == 1
    assert not AuditEntry.objects.filter(action__startswith="ask.").exists()


# --- Pruning --------------------------------------------------------------------------------------


def test_prune_deletes_only_questions_older_than_the_setting(
    office_a: Office, office_b: Office, settings: Any
) -> None:
    settings.LOTSE_ASK_QUESTION_DAYS = 10
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        old_a = ask(office_a, "Old A", ago=dt.timedelta(days=10, seconds=1))
        old_b = ask(office_b, "Old B", ago=dt.timedelta(days=30), done_at=timezone.now())
        fresh = ask(office_a, "Fresh", ago=dt.timedelta(days=9, hours=23))
    with time_machine.travel(dt.datetime(2025, 3, 1, 12, tzinfo=dt.UTC), tick=False):
        assert services.prune_questions() == 2
    assert list(AskedQuestion.objects.values_list("pk", flat=True)) == [fresh.pk]
    assert not AskedQuestion.objects.filter(pk__in=[old_a.pk, old_b.pk]).exists()
    # A day later the fresh one is due too; `now` can be given.
    later = dt.datetime(2025, 3, 2, 12, tzinfo=dt.UTC)
    assert services.prune_questions(now=later) == 1
    assert not AskedQuestion.objects.exists()
