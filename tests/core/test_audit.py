from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction
from django.test import Client

from lotse.core.audit import audit_record
from lotse.core.models import AuditEntry, Office, User
from tests.conftest import login

pytestmark = pytest.mark.django_db


def test_an_entry_cannot_be_changed_or_deleted_through_the_orm(
    office_a: Office, counselor: User
) -> None:
    entry = audit_record(action="core.test.done", actor=counselor, office=office_a)
    entry.action = "core.test.hidden"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).update(action="x")
    with pytest.raises(PermissionError):
        AuditEntry.objects.filter(pk=entry.pk).delete()


def test_the_database_refuses_to_change_an_entry(office_a: Office, counselor: User) -> None:
    entry = audit_record(action="core.test.done", actor=counselor, office=office_a)
    table = AuditEntry._meta.db_table
    for sql in (
        f"UPDATE {table} SET action = 'x' WHERE id = %s",
        f"DELETE FROM {table} WHERE id = %s",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql, [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).action == "core.test.done"


def test_the_admin_offers_no_way_to_edit_the_log(
    client: Client, platform_admin: User, office_a: Office
) -> None:
    entry = audit_record(action="core.test.done", office=office_a)
    login(client, platform_admin)
    assert client.get("/admin/core/auditentry/").status_code == 200
    assert client.get("/admin/core/auditentry/add/").status_code == 403
    assert client.get(f"/admin/core/auditentry/{entry.pk}/delete/").status_code == 403
    page = client.get(f"/admin/core/auditentry/{entry.pk}/change/")
    assert page.status_code == 200 and b'type="submit"' not in page.content.split(b"<form")[-1]


def test_office_admins_read_and_filter_their_offices_log(
    client: Client, office_admin: User, counselor: User, office_a: Office, office_b: Office
) -> None:
    audit_record(action="core.membership.created", actor=counselor, office=office_a, obj=counselor)
    audit_record(action="core.office.updated", actor=office_admin, office=office_a, obj=office_a)
    audit_record(action="core.office.updated", office=office_b, obj=office_b, data={"b": 1})
    login(client, office_admin)

    everything = client.get("/staff/audit/").content.decode()
    assert "core.membership.created" in everything and "core.office.updated" in everything
    assert "{&#x27;b&#x27;: 1}" not in everything  # office B's entry stays in office B

    by_actor = client.get("/staff/audit/", {"actor": counselor.pk}).content.decode()
    assert "core.membership.created" in by_actor and "core.office.updated" not in by_actor

    by_object = client.get(
        "/staff/audit/", {"object_type": "core.office", "object_id": str(office_a.pk)}
    ).content.decode()
    assert "core.office.updated" in by_object and "core.membership.created" not in by_object

    by_date = client.get("/staff/audit/", {"date_from": "2000-01-01", "date_to": "2000-01-02"})
    assert "core.office.updated" not in by_date.content.decode()


def test_a_reversed_date_range_is_explained(client: Client, office_admin: User) -> None:
    login(client, office_admin)
    page = client.get("/staff/audit/", {"date_from": "2026-02-01", "date_to": "2026-01-01"})
    assert page.status_code == 200
    assert 'role="alert"' in page.content.decode()


def test_the_audit_page_runs_a_bounded_number_of_queries(
    client: Client, office_admin: User, office_a: Office, django_assert_max_num_queries: object
) -> None:
    login(client, office_admin)
    for number in range(60):
        audit_record(action=f"core.test.{number}", actor=office_admin, office=office_a)
    with django_assert_max_num_queries(12):
        assert client.get("/staff/audit/").status_code == 200


def test_changes_in_the_admin_land_in_the_audit_log(
    client: Client, platform_admin: User, counselor: User
) -> None:
    login(client, platform_admin)
    url = f"/admin/core/user/{counselor.pk}/change/"
    page = client.get(url)
    assert page.status_code == 200
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    data.update(
        {
            "username": counselor.username,
            "email": counselor.email,
            "first_name": "Renamed",
            "last_name": counselor.last_name,
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )
    data.pop("last_login", None)
    data.pop("password", None)
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    entry = AuditEntry.objects.get(action="admin.core.user.updated")
    assert entry.actor == platform_admin and entry.object_id == str(counselor.pk)
