"""Staffing an event from the pool: the roles filled, the warnings, adding and removing; who may
do it; another office's event or staffing row is not found."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
import time_machine
from django.test import Client

from lotse.core.models import AuditEntry, Office, Role, User
from lotse.events.models import Event, ProgramKind, Staffing
from lotse.pool.models import PoolRole, Terms
from tests.conftest import login, member
from tests.events.factories import make_event, make_program, make_registration
from tests.pool.factories import make_member

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 10, 10, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _now() -> Any:
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def manager(office_a: Office) -> User:
    return member(office_a, Role.EVENT_MANAGER, "manager")


@pytest.fixture
def dialogue(office_a: Office) -> Event:
    program = make_program(office_a, title="Dialogabende", kind=ProgramKind.DIALOGUE)
    event = make_event(office_a, program=program, title="Dialog über Arbeit")
    event.interpretation.set(["ar", "fa"])
    return event


def url(event: Event, action: str = "") -> str:
    return f"/staff/events/{event.pk}/staffing/{action}"


def test_the_page_lists_roles_filled_and_warns_about_the_missing_ones(
    client: Client, office_a: Office, manager: User, dialogue: Event
) -> None:
    samira = make_member(office_a, name="Samira Haddad", languages=("ar", "de"), fee_note="45 EUR")
    Staffing.objects.create(
        event=dialogue, office=office_a, role=PoolRole.INTERPRETER, language_id="ar", member=samira
    )
    make_registration(dialogue, name="Ana", interpreting_into_id="uk")

    page = login(client, manager).get(url(dialogue))

    html = page.content.decode()
    assert page.status_code == 200
    row = html[: html.index("Samira Haddad")]
    row = row[row.rindex("<tr>") :]
    row += html[html.index("Samira Haddad") :].split("</tr>")[0]
    assert "Interpreter" in row and "Arabic" in row and "Paid (fee)" in row and "45 EUR" in row
    assert "Interpreting into Persian is announced, but no interpreter is staffed." in html
    assert "no moderator is staffed" in html
    assert "1 participant asks for interpreting into Ukrainian" in html
    assert "Interpreting into Arabic" not in html


def test_adding_an_interpreter_and_a_moderator_clears_the_warnings(
    client: Client, office_a: Office, manager: User, dialogue: Event
) -> None:
    reza = make_member(office_a, name="Reza Ahmadi", languages=("fa", "de"))
    layla = make_member(office_a, name="Layla Nasser", languages=("ar",))
    moderator = make_member(
        office_a, name="Jonas Weber", roles=(PoolRole.MODERATOR,), terms=Terms.VOLUNTEER
    )
    login(client, manager)

    for role, language, person in (
        (PoolRole.INTERPRETER, "fa", reza),
        (PoolRole.INTERPRETER, "ar", layla),
        (PoolRole.MODERATOR, "", moderator),
    ):
        response = client.post(
            url(dialogue), {"role": role, "language": language, "member": person.pk, "note": ""}
        )
        assert response.status_code == 302 and response["Location"] == url(dialogue)

    assert Staffing.objects.filter(event=dialogue).count() == 3
    assert Staffing.objects.get(member=moderator).language is None
    html = client.get(url(dialogue)).content.decode()
    assert "No warnings" in html
    assert AuditEntry.objects.filter(action="events.staffing.added").count() == 3


@pytest.mark.parametrize(
    ("role", "language", "field", "message"),
    [
        (PoolRole.INTERPRETER, "", "language", "Name the language to interpret into."),
        (PoolRole.INTERPRETER, "uk", "language", "does not speak this language"),
        (PoolRole.MODERATOR, "", "member", "is not in the pool as Moderator"),
    ],
)
def test_a_role_the_person_cannot_fill_is_refused(
    client: Client,
    office_a: Office,
    manager: User,
    dialogue: Event,
    role: str,
    language: str,
    field: str,
    message: str,
) -> None:
    samira = make_member(office_a, name="Samira Haddad", languages=("ar", "uk"))
    samira.languages.set(["ar"])  # offered in the list because someone speaks it, not her

    page = login(client, manager).post(
        url(dialogue), {"role": role, "language": language, "member": samira.pk, "note": ""}
    )

    assert page.status_code == 200
    assert message in str(page.context["form"].errors.get(field)), page.context["form"].errors
    assert not Staffing.objects.exists()


def test_the_same_role_twice_is_refused(
    client: Client, office_a: Office, manager: User, dialogue: Event
) -> None:
    samira = make_member(office_a, languages=("ar",))
    data = {"role": PoolRole.INTERPRETER, "language": "ar", "member": samira.pk, "note": ""}
    login(client, manager).post(url(dialogue), data)
    page = client.post(url(dialogue), data)
    assert "has this role at the event already" in page.content.decode()
    assert Staffing.objects.count() == 1


def test_inactive_and_other_offices_members_cannot_be_chosen(
    client: Client, office_a: Office, office_b: Office, manager: User, dialogue: Event
) -> None:
    gone = make_member(office_a, name="Nicht Mehr", is_active=False)
    foreign = make_member(office_b, name="Fremde Person")
    login(client, manager)
    html = client.get(url(dialogue)).content.decode()
    assert "Nicht Mehr" not in html and "Fremde Person" not in html
    for person in (gone, foreign):
        page = client.post(
            url(dialogue),
            {"role": PoolRole.INTERPRETER, "language": "ar", "member": person.pk, "note": ""},
        )
        assert "Choose a person from the list." in str(page.context["form"].errors["member"])
    assert not Staffing.objects.exists()


def test_the_list_of_people_can_be_narrowed_to_a_role(
    client: Client, office_a: Office, manager: User, dialogue: Event
) -> None:
    make_member(office_a, name="Samira Haddad")
    make_member(office_a, name="Jonas Weber", roles=(PoolRole.MODERATOR,))
    login(client, manager)

    page = client.get(f"{url(dialogue)}?role=moderator")

    assert [person.name for person in page.context["members"]] == ["Jonas Weber"]
    assert page.context["form"]["role"].value() == "moderator"
    everyone = client.get(url(dialogue)).context["members"]
    assert {person.name for person in everyone} == {"Samira Haddad", "Jonas Weber"}


def test_removing_a_role(client: Client, office_a: Office, manager: User, dialogue: Event) -> None:
    samira = make_member(office_a, languages=("ar",))
    staffing = Staffing.objects.create(
        event=dialogue, office=office_a, role=PoolRole.INTERPRETER, language_id="ar", member=samira
    )
    login(client, manager)
    assert client.get(url(dialogue, f"{staffing.pk}/remove/")).status_code == 405

    response = client.post(url(dialogue, f"{staffing.pk}/remove/"))

    assert response.status_code == 302 and response["Location"] == url(dialogue)
    assert not Staffing.objects.exists()
    assert AuditEntry.objects.filter(action="events.staffing.removed").exists()


# --- Who may do it ------------------------------------------------------------------------------


def test_counselors_may_not_staff_events(
    client: Client, office_a: Office, counselor: User, dialogue: Event
) -> None:
    samira = make_member(office_a, languages=("ar",))
    staffing = Staffing.objects.create(
        event=dialogue, office=office_a, role=PoolRole.INTERPRETER, language_id="ar", member=samira
    )
    login(client, counselor)
    assert client.get(url(dialogue)).status_code == 403
    data = {"role": PoolRole.INTERPRETER, "language": "ar", "member": samira.pk}
    assert client.post(url(dialogue), data).status_code == 403
    assert client.post(url(dialogue, f"{staffing.pk}/remove/")).status_code == 403
    assert Staffing.objects.count() == 1


def test_another_offices_event_and_staffing_are_not_found(
    client: Client, office_a: Office, office_b: Office, manager: User, dialogue: Event
) -> None:
    theirs = make_event(office_b)
    their_member = make_member(office_b, languages=("ar",))
    their_staffing = Staffing.objects.create(
        event=theirs, office=office_b, role=PoolRole.INTERPRETER, language_id="ar",
        member=their_member,
    )  # fmt: skip
    login(client, manager)

    assert client.get(url(theirs)).status_code == 404
    assert client.post(url(theirs, f"{their_staffing.pk}/remove/")).status_code == 404
    # Their row under our event's address is not found either.
    assert client.post(url(dialogue, f"{their_staffing.pk}/remove/")).status_code == 404
    assert Staffing.objects.filter(pk=their_staffing.pk).exists()


def test_a_row_of_another_event_is_not_removed_through_this_one(
    client: Client, office_a: Office, manager: User, dialogue: Event
) -> None:
    other = make_event(office_a)
    samira = make_member(office_a, languages=("ar",))
    staffing = Staffing.objects.create(
        event=other, office=office_a, role=PoolRole.INTERPRETER, language_id="ar", member=samira
    )
    response = login(client, manager).post(url(dialogue, f"{staffing.pk}/remove/"))
    assert response.status_code == 404
    assert Staffing.objects.filter(pk=staffing.pk).exists()
