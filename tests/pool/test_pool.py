"""The pool pages: the list and its filters, the record, adding and editing, who may see and
change them, and query bounds."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from lotse.core.choices import availability_summary
from lotse.core.models import AuditEntry, Office, Role, User
from lotse.pool import services
from lotse.pool.models import PoolMember, PoolRole, Terms
from lotse.pool.selectors import active_interpreters
from tests.conftest import login, member
from tests.pool.factories import make_member

pytestmark = pytest.mark.django_db

LIST_URL = "/staff/pool/"
NEW_URL = "/staff/pool/new/"


def url(pool_member: PoolMember, action: str = "") -> str:
    return f"/staff/pool/{pool_member.pk}/{action}"


@pytest.fixture
def manager(office_a: Office) -> User:
    return member(office_a, Role.EVENT_MANAGER, "manager")


def form_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Dawit Tesfaye",
        "email": "Dawit@Example.org",
        "phone": "+49 711 123",
        "roles": ["interpreter", "moderator"],
        "languages": ["ti", "de"],
        "availability": ["mon-evening", "tue-evening", "sat-morning"],
        "terms": "fee",
        "fee_note": "40 EUR per hour",
        "notes": "Also Amharic, some Arabic.",
        "is_active": "on",
    }
    data.update(overrides)
    return data


# --- List -----------------------------------------------------------------------------------


def test_the_list_shows_the_pool_with_roles_languages_availability_terms_and_contact(
    client: Client, office_a: Office, counselor: User
) -> None:
    make_member(
        office_a,
        name="Samira Haddad",
        roles=(PoolRole.INTERPRETER, PoolRole.MODERATOR),
        languages=("ar", "de"),
        availability=["mon-evening", "tue-evening", "wed-evening"],
        fee_note="45 EUR per hour",
        email="samira@example.org",
        phone="+49 711 5555",
    )
    make_member(office_a, name="Former Helper", is_active=False)
    content = login(client, counselor).get(LIST_URL).content.decode()
    assert "Samira Haddad" in content
    assert "Interpreter, Moderator" in content
    assert "Arabic" in content and "German" in content
    assert "Mon–Wed evenings" in content
    assert "Paid (fee)" in content and "45 EUR per hour" in content
    assert "mailto:samira@example.org" in content and "tel:+497115555" in content
    assert '<th scope="col">' in content
    assert "Former Helper" not in content  # inactive ones on request
    assert "Add a person" not in content  # counselors look people up; they do not keep the pool

    everyone = client.get(LIST_URL, {"active": "all"}).content.decode()
    assert "Former Helper" in everyone and "inactive" in everyone


@pytest.mark.parametrize(
    ("params", "shown"),
    [
        ({}, {"Arabic", "Farsi", "Moderator"}),
        ({"language": "fa"}, {"Farsi"}),
        ({"role": "moderator"}, {"Moderator"}),
        ({"role": "interpreter"}, {"Arabic", "Farsi"}),
        ({"slot": "sat-morning"}, {"Farsi"}),
        ({"slot": "mon-evening"}, {"Arabic", "Moderator"}),
        ({"terms": "volunteer"}, {"Farsi"}),
        ({"active": "inactive"}, {"Retired"}),
        ({"active": "all", "language": "ar"}, {"Arabic", "Retired"}),
        ({"q": "far"}, {"Farsi"}),
        ({"role": "nonsense", "slot": "someday"}, {"Arabic", "Farsi", "Moderator"}),
    ],
)
def test_the_list_filters(
    client: Client, office_a: Office, counselor: User, params: dict, shown: set[str]
) -> None:
    make_member(office_a, name="Arabic", availability=["mon-evening"])
    make_member(
        office_a,
        name="Farsi",
        languages=("fa", "prs", "de"),
        availability=["sat-morning"],
        terms=Terms.VOLUNTEER,
    )
    make_member(
        office_a,
        name="Moderator",
        roles=(PoolRole.MODERATOR,),
        languages=("de",),
        availability=["mon-evening", "mon-morning"],
    )
    make_member(office_a, name="Retired", is_active=False)
    response = login(client, counselor).get(LIST_URL, params)
    assert response.status_code == 200
    content = response.content.decode()
    for name in {"Arabic", "Farsi", "Moderator", "Retired"}:
        assert (f">{name}</a>" in content) == (name in shown), name


def test_the_list_shows_only_the_own_offices_pool(
    client: Client, office_a: Office, office_b: Office, outsider: User
) -> None:
    make_member(office_a, name="Only-in-A")
    make_member(office_b, name="In-B")
    content = login(client, outsider).get(LIST_URL).content.decode()
    assert "In-B" in content
    assert "Only-in-A" not in content


def test_the_list_runs_a_fixed_number_of_queries(
    client: Client, office_a: Office, counselor: User, django_assert_max_num_queries: Any
) -> None:
    login(client, counselor)
    client.get(LIST_URL)  # warm the session and the caches

    def load(count: int) -> None:
        for number in range(count):
            make_member(office_a, name=f"Person {number:02d}", languages=("ar", "de", "fa"))

    load(3)
    with django_assert_max_num_queries(12) as few:
        assert client.get(LIST_URL).status_code == 200
    load(27)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(LIST_URL)
    assert response.content.decode().count("Person ") >= 30


def test_availability_summary() -> None:
    slots = [f"{day}-evening" for day in ("mon", "tue", "wed", "thu", "fri")]
    assert availability_summary([*slots, "sat-morning", "sun-morning"]) == (
        "Sat, Sun mornings; Mon–Fri evenings"
    )
    assert availability_summary([]) == ""
    assert availability_summary(None) == ""


# --- Detail -----------------------------------------------------------------------------------


def test_the_detail_shows_the_members_record(
    client: Client, office_a: Office, manager: User
) -> None:
    pool_member = make_member(
        office_a,
        name="Olena Bondar",
        languages=("uk", "ru", "de"),
        availability=["fri-afternoon"],
        terms=Terms.VOLUNTEER,
        notes="Prefers dialogue evenings.",
        phone="0171 2345678",
    )
    content = login(client, manager).get(url(pool_member)).content.decode()
    assert "<h1" in content and "Olena Bondar" in content
    assert "Ukrainian" in content and "Russian" in content
    assert "Fri afternoons" in content
    assert "Volunteer" in content
    assert "Prefers dialogue evenings." in content
    assert url(pool_member, "edit/") in content


def test_another_offices_member_is_not_found(
    client: Client, office_a: Office, office_b: Office, manager: User
) -> None:
    other = make_member(office_b, name="Elsewhere")
    login(client, manager)
    assert client.get(url(other)).status_code == 404
    assert client.get(url(other, "edit/")).status_code == 404
    response = client.post(url(other, "edit/"), form_data(name="Taken over"))
    assert response.status_code == 404
    other.refresh_from_db()
    assert other.name == "Elsewhere"


@pytest.mark.parametrize("role", [Role.STATISTICS_VIEWER])
def test_roles_without_the_pool_get_403(client: Client, office_a: Office, role: str) -> None:
    pool_member = make_member(office_a)
    login(client, member(office_a, role, "stats"))
    assert client.get(LIST_URL).status_code == 403
    assert client.get(url(pool_member)).status_code == 403


@pytest.mark.parametrize("role", [Role.COUNSELOR, Role.SPONSOR_COORDINATOR])
def test_readers_may_not_add_or_edit(client: Client, office_a: Office, role: str) -> None:
    pool_member = make_member(office_a)
    login(client, member(office_a, role, "reader"))
    assert client.get(LIST_URL).status_code == 200
    assert client.get(url(pool_member)).status_code == 200
    assert client.get(NEW_URL).status_code == 403
    assert client.post(NEW_URL, form_data()).status_code == 403
    assert client.post(url(pool_member, "edit/"), form_data()).status_code == 403
    assert PoolMember.objects.count() == 1


# --- Add and edit -----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.EVENT_MANAGER, Role.OFFICE_ADMIN])
def test_keepers_add_a_person_with_languages_and_availability(
    client: Client, office_a: Office, role: str
) -> None:
    login(client, member(office_a, role, "keeper"))
    form = client.get(NEW_URL).content.decode()
    assert 'type="checkbox" name="availability" value="mon-evening"' in form
    assert "Asked for most" in form  # the common languages first
    assert form.index('value="ti"') < form.index('value="da"')

    response = client.post(NEW_URL, form_data())
    created = PoolMember.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url(created)
    assert created.office == office_a
    assert created.email == "dawit@example.org"
    assert created.roles == ["interpreter", "moderator"]
    assert created.availability == ["mon-evening", "tue-evening", "sat-morning"]
    assert sorted(created.languages.values_list("code", flat=True)) == ["de", "ti"]
    assert created.terms == Terms.FEE and created.fee_note == "40 EUR per hour"
    entry = AuditEntry.objects.get(action="pool.member.created")
    assert entry.object_id == str(created.pk) and entry.office == office_a


def test_editing_changes_the_record_and_audits_the_field_names(
    client: Client, office_a: Office, manager: User
) -> None:
    pool_member = make_member(office_a, name="Old Name", languages=("ar", "de"))
    login(client, manager)
    form = client.get(url(pool_member, "edit/")).content.decode()
    assert 'value="Old Name"' in form
    assert '<option value="ar" selected>' in form

    response = client.post(
        url(pool_member, "edit/"),
        form_data(name="New Name", languages=["ar"], terms="volunteer", is_active=""),
    )
    assert response.status_code == 302
    pool_member.refresh_from_db()
    assert pool_member.name == "New Name"
    assert list(pool_member.languages.values_list("code", flat=True)) == ["ar"]
    assert pool_member.terms == Terms.VOLUNTEER
    assert pool_member.fee_note == ""  # a volunteer has no fee
    assert pool_member.is_active is False
    entry = AuditEntry.objects.get(action="pool.member.changed")
    assert {"name", "languages", "terms", "is_active"} <= set(entry.data["fields"])
    assert "New Name" not in str(entry.data)  # names of fields, never values


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": ""}, "name", "This field is required."),
        ({"roles": []}, "roles", "This field is required."),
        ({"roles": ["translator"]}, "roles", "Select a valid choice."),
        ({"languages": []}, "languages", "Name the languages this interpreter works in."),
        ({"languages": ["xx"]}, "languages", "Select a valid choice."),
        ({"availability": ["mon-night"]}, "availability", "Select a valid choice."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"terms": ""}, "terms", "This field is required."),
    ],
)
def test_bad_input_is_shown_on_the_field_and_nothing_is_saved(
    client: Client, office_a: Office, manager: User, overrides: dict, field: str, message: str
) -> None:
    response = login(client, manager).post(NEW_URL, form_data(**overrides))
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nothing was saved" in content
    assert message in content
    assert f'id="id_{field}_error"' in content
    assert not PoolMember.objects.exists()


def test_a_moderator_needs_no_language(office_a: Office, manager: User) -> None:
    saved = services.member_save(
        office=office_a,
        by=manager,
        languages=[],
        name="Moderator Without Languages",
        roles=["moderator"],
        terms="volunteer",
    )
    assert saved.pk and not saved.languages.exists()


def test_the_service_refuses_another_offices_member(
    office_a: Office, office_b: Office, manager: User
) -> None:
    from django.core.exceptions import ValidationError

    other = make_member(office_b)
    with pytest.raises(ValidationError):
        services.member_save(office=office_a, by=manager, member=other, name="Mine now")


def test_active_interpreters_are_the_offices_active_interpreters(
    office_a: Office, office_b: Office
) -> None:
    make_member(office_a, name="B Interpreter")
    make_member(office_a, name="A Interpreter", languages=("fa", "de"))
    make_member(office_a, name="Moderator", roles=(PoolRole.MODERATOR,))
    make_member(office_a, name="Retired", is_active=False)
    make_member(office_b, name="Elsewhere")
    assert [m.name for m in active_interpreters(office=office_a)] == [
        "A Interpreter",
        "B Interpreter",
    ]
