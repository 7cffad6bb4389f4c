from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from lotse.core.models import AuditEntry, Membership, Office, Role, User
from tests.conftest import login, member

pytestmark = pytest.mark.django_db


def test_an_office_admin_adds_a_new_person_who_gets_an_invitation(
    client: Client, office_admin: User, office_a: Office, django_capture_on_commit_callbacks: Any
) -> None:
    login(client, office_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/staff/members/new/",
            {"email": "New.Person@Example.org", "first_name": "Nora", "last_name": "Neu",
             "role": Role.EVENT_MANAGER},
        )  # fmt: skip
    assert response.status_code == 302
    user = User.objects.get(email__iexact="new.person@example.org")
    assert not user.has_usable_password()
    assert Membership.objects.get(user=user, office=office_a).role == Role.EVENT_MANAGER
    assert len(mail.outbox) == 1 and "/staff/password/reset/" in mail.outbox[0].body
    actions = set(AuditEntry.objects.filter(office=office_a).values_list("action", flat=True))
    assert {"core.user.created", "core.membership.created"} <= actions


def test_adding_an_existing_user_only_adds_the_role(
    client: Client, office_admin: User, office_a: Office, outsider: User
) -> None:
    login(client, office_admin)
    client.post(
        "/staff/members/new/",
        {"email": outsider.email, "first_name": "x", "last_name": "y", "role": Role.COUNSELOR},
    )
    assert Membership.objects.filter(user=outsider).count() == 2
    outsider.refresh_from_db()
    assert outsider.first_name == "Test"


def test_a_person_cannot_be_added_twice(
    client: Client, office_admin: User, counselor: User
) -> None:
    login(client, office_admin)
    response = client.post(
        "/staff/members/new/",
        {"email": counselor.email, "first_name": "x", "last_name": "y", "role": Role.COUNSELOR},
    )
    assert response.status_code == 200
    assert "already has a role" in response.content.decode()


def test_bad_input_is_explained_and_changes_nothing(client: Client, office_admin: User) -> None:
    login(client, office_admin)
    before = User.objects.count()
    response = client.post(
        "/staff/members/new/", {"email": "not-an-address", "first_name": "", "role": "boss"}
    )
    assert response.status_code == 200
    assert response.content.decode().count("invalid-feedback") >= 3
    assert User.objects.count() == before


def test_an_office_admin_changes_a_role_and_it_is_audited(
    client: Client, office_admin: User, counselor: User, office_a: Office, membership_of: Any
) -> None:
    login(client, office_admin)
    membership = membership_of(counselor, office_a)
    client.post(f"/staff/members/{membership.pk}/", {"role": Role.SPONSOR_COORDINATOR})
    membership.refresh_from_db()
    assert membership.role == Role.SPONSOR_COORDINATOR
    entry = AuditEntry.objects.get(action="core.membership.updated")
    assert entry.data["fields"] == ["role"] and entry.actor == office_admin


def test_the_last_office_admin_cannot_be_removed_or_demoted(
    client: Client, office_admin: User, office_a: Office, membership_of: Any
) -> None:
    login(client, office_admin)
    membership = membership_of(office_admin, office_a)
    response = client.post(f"/staff/members/{membership.pk}/", {"remove": "1"})
    assert response.status_code == 200 and "at least one office administrator" in (
        response.content.decode()
    )
    response = client.post(f"/staff/members/{membership.pk}/", {"role": Role.COUNSELOR})
    membership.refresh_from_db()
    assert membership.role == Role.OFFICE_ADMIN


def test_removing_a_member_keeps_their_account(
    client: Client, office_admin: User, counselor: User, office_a: Office, membership_of: Any
) -> None:
    login(client, office_admin)
    membership = membership_of(counselor, office_a)
    assert client.post(f"/staff/members/{membership.pk}/", {"remove": "1"}).status_code == 302
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=counselor.pk).exists()
    assert AuditEntry.objects.filter(action="core.membership.deleted").count() == 1


def test_resetting_the_second_factor_removes_the_device(
    client: Client, office_admin: User, counselor: User, office_a: Office, membership_of: Any
) -> None:
    TOTPDevice.objects.create(user=counselor, name="phone", confirmed=True)
    login(client, office_admin)
    membership = membership_of(counselor, office_a)
    client.post(f"/staff/members/{membership.pk}/", {"reset_two_factor": "1"})
    assert not TOTPDevice.objects.filter(user=counselor).exists()
    assert AuditEntry.objects.filter(action="core.user.two_factor_reset").exists()


def test_a_counselor_cannot_manage_the_team(
    client: Client, counselor: User, colleague: User, office_a: Office, membership_of: Any
) -> None:
    login(client, counselor)
    membership = membership_of(colleague, office_a)
    assert client.get("/staff/members/").status_code == 403
    assert client.post(f"/staff/members/{membership.pk}/", {"remove": "1"}).status_code == 403
    assert Membership.objects.filter(pk=membership.pk).exists()


def test_the_team_list_runs_a_bounded_number_of_queries(
    client: Client, office_admin: User, office_a: Office, django_assert_max_num_queries: Any
) -> None:
    for number in range(30):
        member(office_a, Role.COUNSELOR, f"bulk-{number}")
    login(client, office_admin)
    with django_assert_max_num_queries(10):
        assert client.get("/staff/members/").status_code == 200


def test_an_office_admin_edits_the_public_contact_details(
    client: Client, office_admin: User, office_a: Office
) -> None:
    login(client, office_admin)
    response = client.post(
        "/staff/office/",
        {"street": "Marktplatz 1", "postal_code": "70173", "city": "Stuttgart", "phone": "",
         "email": "bad-address", "website": "", "opening_hours": ""},
    )  # fmt: skip
    assert response.status_code == 200
    office_a.refresh_from_db()
    assert office_a.street == ""
    client.post(
        "/staff/office/",
        {"street": "Marktplatz 1", "postal_code": "70173", "city": "Stuttgart", "phone": "",
         "email": "hallo@example.org", "website": "example.org", "opening_hours": "Mo 9-12"},
    )  # fmt: skip
    office_a.refresh_from_db()
    assert (office_a.street, office_a.website) == ("Marktplatz 1", "https://example.org")
    entry = AuditEntry.objects.get(action="core.office.updated")
    assert "street" in entry.data["fields"] and "Marktplatz" not in str(entry.data)
    assert "Marktplatz 1" in client.get("/de/").content.decode()
