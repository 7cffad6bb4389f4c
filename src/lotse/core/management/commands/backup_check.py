"""Check that a backup restores completely: back up the database, restore the backup into an
empty scratch database, and compare every table, row count and content, with the original.

PostgreSQL: `pg_dump --format=custom` under the same snapshot the original's figures are read
in (so a busy server does not show false differences), `pg_restore` into a new database made
from template0, then the scratch database and the dump are removed. SQLite: sqlite3's online
backup to a file and from it into an empty one, compared in one read of the original.

A table's content is compared by an md5 over its rows: each row's md5 in SQL (the row as text,
every column), sorted in SQL, folded in order here, so the order rows are stored in does not
matter and no row leaves the database. The output names tables and counts, no content.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import shutil
import sqlite3
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

#: libpq settings a DATABASES entry's OPTIONS may carry and pg_dump and pg_restore must share.
LIBPQ_OPTIONS = {
    "sslmode",
    "sslrootcert",
    "sslcert",
    "sslkey",
    "sslpassword",
    "passfile",
    "service",
    "connect_timeout",
    "target_session_attrs",
    "gssencmode",
    "channel_binding",
}
TOOLS = ("pg_dump", "pg_restore")


@dataclass(frozen=True)
class Fingerprint:
    rows: int
    checksum: str


@dataclass(frozen=True)
class TableResult:
    table: str
    original: Fingerprint | None
    restored: Fingerprint | None

    @property
    def same(self) -> bool:
        return self.original == self.restored


def fold(hashes: Iterable[str]) -> Fingerprint:
    """The fingerprint of a table from its rows' md5s, already sorted."""
    digest = hashlib.md5(usedforsecurity=False)
    rows = 0
    for row_hash in hashes:
        digest.update(row_hash.encode())
        rows += 1
    return Fingerprint(rows=rows, checksum=digest.hexdigest())


def compare(
    original: dict[str, Fingerprint], restored: dict[str, Fingerprint]
) -> list[TableResult]:
    """Every table of either side, with both fingerprints (None where a side lacks it)."""
    return [
        TableResult(table, original.get(table), restored.get(table))
        for table in sorted(set(original) | set(restored))
    ]


def differing(results: list[TableResult]) -> list[str]:
    return [result.table for result in results if not result.same]


# --- PostgreSQL ---------------------------------------------------------------------------------


def pg_fingerprints(cursor: Any) -> dict[str, Fingerprint]:
    """Every table of the current schema; run inside one transaction for a consistent view."""
    from psycopg import sql

    cursor.execute(
        "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename"
    )
    tables = [row[0] for row in cursor.fetchall()]
    found = {}
    for table in tables:
        # COLLATE "C": the same order on both sides whatever the databases' collations.
        query = sql.SQL(
            'SELECT h FROM (SELECT md5(t::text) AS h FROM {} AS t) AS rows ORDER BY h COLLATE "C"'
        ).format(sql.Identifier(table))
        cursor.execute(query)
        found[table] = fold(row[0] for row in cursor)
    return found


def pg_params(settings_dict: dict[str, Any]) -> dict[str, str]:
    """libpq parameters of a DATABASES entry, without the password (that goes by environment)."""
    params = {"dbname": settings_dict["NAME"]}
    for key, name in (("USER", "user"), ("HOST", "host"), ("PORT", "port")):
        if settings_dict.get(key):
            params[name] = str(settings_dict[key])
    for key, value in (settings_dict.get("OPTIONS") or {}).items():
        if key in LIBPQ_OPTIONS:
            params[key] = str(value)
    return params


def _tools() -> dict[str, str]:
    found = {tool: shutil.which(tool) for tool in TOOLS}
    missing = [tool for tool, path in found.items() if path is None]
    if missing:
        raise CommandError(
            f"{' and '.join(missing)} not found: install the PostgreSQL client of the server's "
            "major version (Debian: apt install postgresql-client-15)."
        )
    return {tool: path for tool, path in found.items() if path}


def _run(command: list[str], env: dict[str, str]) -> None:
    result = subprocess.run(command, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{Path(command[0]).name} failed: {result.stderr.strip()[-2000:]}")


def pg_restore(tools: dict[str, str], dump: Path, conninfo: str, env: dict[str, str]) -> None:
    """Restore the dump into the empty database `conninfo` names, as docs/operations.md does."""
    _run(
        [
            tools["pg_restore"],
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            f"--dbname={conninfo}",
            str(dump),
        ],
        env,
    )


def check_postgresql(settings_dict: dict[str, Any]) -> list[TableResult]:
    import psycopg
    from psycopg import sql
    from psycopg.conninfo import make_conninfo

    tools = _tools()
    params = pg_params(settings_dict)
    password = settings_dict.get("PASSWORD") or ""
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = password
    secret = {"password": password} if password else {}
    scratch = f"{params['dbname'][:40]}_restore_check_{secrets.token_hex(4)}"

    # The dump holds personal data: a private directory (mode 0700), removed afterwards.
    with tempfile.TemporaryDirectory(prefix="lotse-backup-check-") as directory:
        dump = Path(directory) / "lotse.dump"
        with psycopg.connect(**params, **secret) as live:
            live.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
            with live.cursor() as cursor:
                cursor.execute("SELECT pg_export_snapshot()")
                snapshot = cursor.fetchone()[0]
                _run(
                    [
                        tools["pg_dump"],
                        "--format=custom",
                        f"--snapshot={snapshot}",
                        f"--file={dump}",
                        f"--dbname={make_conninfo(**params)}",
                    ],
                    env,
                )
                original = pg_fingerprints(cursor)
            live.rollback()

        with psycopg.connect(**params, **secret, autocommit=True) as admin:
            admin.execute(
                sql.SQL("CREATE DATABASE {} TEMPLATE template0 ENCODING 'UTF8'").format(
                    sql.Identifier(scratch)
                )
            )
            try:
                target = {**params, "dbname": scratch}
                pg_restore(tools, dump, make_conninfo(**target), env)
                with (
                    psycopg.connect(**target, **secret) as restored_db,
                    restored_db.cursor() as cursor,
                ):
                    restored = pg_fingerprints(cursor)
            finally:
                admin.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(scratch)
                    )
                )
    return compare(original, restored)


# --- SQLite -------------------------------------------------------------------------------------


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _md5(text: str | None) -> str:
    return hashlib.md5(
        (text or "").encode("utf-8", "surrogatepass"), usedforsecurity=False
    ).hexdigest()


def sqlite_fingerprints(database: sqlite3.Connection) -> dict[str, Fingerprint]:
    database.create_function("lotse_md5", 1, _md5, deterministic=True)
    tables = [
        row[0]
        for row in database.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "ORDER BY name"
        )
    ]
    found = {}
    for table in tables:
        columns = [row[1] for row in database.execute(f"PRAGMA table_info({_quote(table)})")]
        # quote() writes each value as an SQL literal: text, numbers and blobs alike.
        row_text = " || ',' || ".join(f"quote({_quote(column)})" for column in columns) or "''"
        rows = database.execute(
            f"SELECT lotse_md5({row_text}) AS h FROM {_quote(table)} ORDER BY h"  # noqa: S608
        )
        found[table] = fold(row[0] for row in rows)
    return found


def sqlite_restore(backup: Path, restored: Path) -> None:
    """Restore the backup file into an empty database file."""
    source = sqlite3.connect(backup)
    target = sqlite3.connect(restored)
    try:
        source.backup(target)
    finally:
        target.close()
        source.close()


def check_sqlite(alias: str) -> list[TableResult]:
    connection = connections[alias]
    if connection.in_atomic_block:
        raise CommandError("Run backup_check outside a transaction.")
    connection.ensure_connection()
    live = connection.connection
    with tempfile.TemporaryDirectory(prefix="lotse-backup-check-") as directory:
        backup = Path(directory) / "backup.sqlite3"
        restored = Path(directory) / "restored.sqlite3"
        # One read transaction: the backup and the original's figures see the same state, and
        # writers go on meanwhile (WAL). The backup cannot run inside a write transaction.
        live.execute("BEGIN DEFERRED")
        try:
            original = sqlite_fingerprints(live)
            target = sqlite3.connect(backup)
            try:
                live.backup(target)
            finally:
                target.close()
        finally:
            live.execute("ROLLBACK")
        sqlite_restore(backup, restored)
        copy = sqlite3.connect(restored)
        try:
            restored_prints = sqlite_fingerprints(copy)
        finally:
            copy.close()
    return compare(original, restored_prints)


# --- The command --------------------------------------------------------------------------------


def _cell(fingerprint: Fingerprint | None) -> str:
    return "missing" if fingerprint is None else f"{fingerprint.rows:,}"


class Command(BaseCommand):
    help = (
        "Back up the database, restore the backup into an empty scratch database and check "
        "that every table has the same rows; exit 1 on any difference."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--database", default="default", help="the DATABASES alias")

    def handle(self, *args: Any, **options: Any) -> None:
        alias = options["database"]
        connection = connections[alias]
        if connection.vendor == "postgresql":
            results = check_postgresql(connection.settings_dict)
        elif connection.vendor == "sqlite":
            results = check_sqlite(alias)
        else:
            raise CommandError(
                f"backup_check knows PostgreSQL and SQLite, not {connection.vendor}."
            )
        self.report(results)
        wrong = differing(results)
        if wrong:
            raise CommandError(
                f"The restored backup differs in {len(wrong)} table(s): {', '.join(wrong)}."
            )

    def report(self, results: list[TableResult]) -> None:
        width = max([len("table"), *(len(result.table) for result in results)])
        self.stdout.write(f"{'table':<{width}}  {'original':>10}  {'restored':>10}  content")
        for result in results:
            verdict = "same" if result.same else "DIFFERENT"
            line = (
                f"{result.table:<{width}}  {_cell(result.original):>10}  "
                f"{_cell(result.restored):>10}  {verdict}"
            )
            self.stdout.write(line if result.same else self.style.ERROR(line))
        rows = sum(result.original.rows for result in results if result.original)
        if not differing(results):
            self.stdout.write(
                self.style.SUCCESS(
                    f"{len(results)} tables, {rows:,} rows: the backup restores completely."
                )
            )
