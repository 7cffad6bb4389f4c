"""Settings come from the environment and refuse bad values at start-up."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "LOTSE_ENV": "production",
    "SECRET_KEY": "a-long-random-production-secret-key-0123456789-abcdefghijklmnop",
    "ALLOWED_HOSTS": "lotse.example.org",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "deploy-check.sqlite3"),
}


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("LOTSE_", "DJANGO_"))}
    clean.pop("DATABASE_URL", None)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_check_deploy_is_clean_in_production() -> None:
    result = manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key() -> None:
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = manage("check", **env)
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be true or false"),
        ("LOTSE_LANGUAGES", "de,en,xx", "LOTSE_LANGUAGES has unknown codes"),
        ("LOTSE_LANGUAGES", "en,de", "must start with de"),
        ("DATABASE_URL", "mysql://u@h/db", "must point to SQLite or PostgreSQL"),
        ("LOTSE_TASKS", "celery", "LOTSE_TASKS must be immediate, database or rq"),
        ("LOTSE_SESSION_IDLE_MINUTES", "soon", "must be a whole number"),
        ("LOTSE_ENV", "staging", "LOTSE_ENV must be development, production or test"),
    ],
)
def test_bad_values_stop_start_up_with_a_clear_message(name: str, value: str, message: str) -> None:
    result = manage("check", **{name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_seed_demo_refuses_production() -> None:
    result = manage("seed_demo", **PRODUCTION)
    assert result.returncode != 0
    assert "refuses to run with LOTSE_ENV=production" in result.stderr
