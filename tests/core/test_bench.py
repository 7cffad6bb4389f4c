from __future__ import annotations

import os
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

HEADER = "requests  errors  seconds  req/s"


def test_healthz_benchmark_runs_gunicorn_and_prints_its_figures() -> None:
    # No django_db: gunicorn is another process and cannot see pytest's test database, and
    # /healthz only needs SELECT 1, which the configured database answers.
    out = StringIO()
    call_command(
        "bench",
        "--only",
        "healthz",
        "--requests",
        "40",
        "--concurrency",
        "2",
        "--workers",
        "1",
        "--warmup",
        "4",
        "--timeout",
        "60",
        stdout=out,
    )
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("healthz under gunicorn (sync, 1 worker), ")
    assert lines[0].endswith(" 2 concurrent clients on loopback")
    cores = os.cpu_count() or 1
    assert f", {cores} core{'s' if cores != 1 else ''}, " in lines[0]
    assert lines[1].strip().startswith(HEADER)
    requests, errors, *figures = lines[2].split()
    assert (requests, errors) == ("40", "0")
    assert len(figures) == 5
    assert all(float(figure) >= 0 for figure in figures)


def test_list_names_the_benchmarks_without_running_them() -> None:
    out = StringIO()
    call_command("bench", "--list", stdout=out)
    assert out.getvalue().startswith("healthz  ")


def test_an_unknown_benchmark_is_an_error() -> None:
    with pytest.raises(CommandError, match="no benchmark called 'nope'"):
        call_command("bench", "--only", "nope", stdout=StringIO())
