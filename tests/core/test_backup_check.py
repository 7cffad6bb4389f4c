"""`manage.py backup_check`: a backup restored into an empty database holds every record."""

from __future__ import annotations

import sqlite3
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from lotse.core.management.commands import backup_check
from lotse.core.management.commands.backup_check import Fingerprint, compare, differing
from lotse.core.models import Office
from tests.counseling.factories import make_person
from tests.events.factories import make_event, make_registration

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="pg_dump and pg_restore need PostgreSQL"
)
on_sqlite = pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backup API")


def _records(office: Office) -> None:
    """Rows in many tables, with text that is awkward to dump: quotes, NUL-free controls, RTL."""
    person = make_person(
        office, display_name='O\'Brien "Zz" \u202eevil', full_name="Ünïcødé 😀\ta\nb"
    )
    assert person.pk
    event = make_event(office)
    for number in range(3):
        make_registration(event, name=f"Person {number}", email=f"p{number}@example.org")


def _run() -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("backup_check", stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_compare_names_every_table_that_differs() -> None:
    same = Fingerprint(3, "abc")
    original = {"a": same, "b": Fingerprint(2, "x"), "c": same}
    restored = {"a": same, "b": Fingerprint(2, "y"), "d": same}
    assert differing(compare(original, restored)) == ["b", "c", "d"]
    assert differing(compare(original, dict(original))) == []


def test_a_missing_client_tool_stops_with_a_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(backup_check.shutil, "which", lambda tool: None)
    with pytest.raises(CommandError, match="pg_dump and pg_restore not found"):
        backup_check._tools()


# --- PostgreSQL ---------------------------------------------------------------------------------


def _scratch_databases() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT datname FROM pg_database WHERE datname LIKE '%%_restore_check_%%'")
        return [row[0] for row in cursor.fetchall()]


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_a_dump_restores_every_row(office_a: Office) -> None:
    _records(office_a)
    out, _err = _run()
    assert "counseling_person" in out and "events_registration" in out
    assert "DIFFERENT" not in out
    assert "the backup restores completely" in out
    registrations = next(
        line for line in out.splitlines() if line.startswith("events_registration ")
    )
    assert registrations.split()[1:] == ["3", "3", "same"]
    assert _scratch_databases() == []


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_postgresql_a_row_lost_in_the_restore_is_found(
    office_a: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The scratch database loses one registration and one name changes after the restore."""
    import psycopg
    from psycopg.conninfo import conninfo_to_dict

    _records(office_a)
    restore = backup_check.pg_restore

    def lossy_restore(tools: Any, dump: Path, conninfo: str, env: Any) -> None:
        restore(tools, dump, conninfo, env)
        with psycopg.connect(**conninfo_to_dict(conninfo), password=env.get("PGPASSWORD")) as db:
            db.execute(
                "DELETE FROM events_registration "
                "WHERE id = (SELECT min(id) FROM events_registration)"
            )
            db.execute("UPDATE counseling_person SET display_name = 'changed'")

    monkeypatch.setattr(backup_check, "pg_restore", lossy_restore)
    out = StringIO()
    with pytest.raises(
        CommandError, match=r"differs in 2 table\(s\): counseling_person, events_registration"
    ):
        call_command("backup_check", stdout=out)
    line = next(
        row for row in out.getvalue().splitlines() if row.startswith("events_registration ")
    )
    assert line.split()[1:] == ["3", "2", "DIFFERENT"]
    assert _scratch_databases() == []  # dropped even so


# --- SQLite -------------------------------------------------------------------------------------


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_sqlite_a_backup_restores_every_row(office_a: Office) -> None:
    _records(office_a)
    out, _err = _run()
    assert "DIFFERENT" not in out
    assert "the backup restores completely" in out
    registrations = next(
        line for line in out.splitlines() if line.startswith("events_registration ")
    )
    assert registrations.split()[1:] == ["3", "3", "same"]


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_sqlite_a_row_lost_in_the_restore_is_found(
    office_a: Office, monkeypatch: pytest.MonkeyPatch
) -> None:
    _records(office_a)
    restore = backup_check.sqlite_restore

    def lossy_restore(backup: Path, restored: Path) -> None:
        restore(backup, restored)
        db = sqlite3.connect(restored)
        db.execute("UPDATE counseling_person SET full_name = 'changed'")
        db.commit()
        db.close()

    monkeypatch.setattr(backup_check, "sqlite_restore", lossy_restore)
    with pytest.raises(CommandError, match=r"differs in 1 table\(s\): counseling_person"):
        _run()
