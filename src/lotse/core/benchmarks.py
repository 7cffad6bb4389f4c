"""Benchmarks: a small registry, the tools to load-test Lotse under gunicorn, and the `healthz`
floor every page is compared to. Later apps add `lotse.<app>.benchmarks` modules that call
`register`; `manage.py bench` imports them and runs what they registered."""

from __future__ import annotations

import http.client
import math
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from importlib import import_module
from importlib.util import find_spec
from typing import IO

from django.apps import apps as django_apps
from django.conf import settings
from django.db import connection
from django.http.request import validate_host

HOST = "127.0.0.1"
SRC_DIR = settings.PROJECT_DIR / "src"
STARTUP_SECONDS = 30.0
STOP_SECONDS = 10.0
REQUEST_SECONDS = 10.0


class BenchmarkError(Exception):
    """A benchmark could not run (as opposed to running and measuring badly)."""


def cpu_count() -> int:
    return os.cpu_count() or 1


def default_workers() -> int:
    """Gunicorn's own rule of thumb for sync workers."""
    return 2 * cpu_count() + 1


@dataclass(frozen=True)
class BenchOptions:
    requests: int = 4000
    concurrency: int = 8
    workers: int = field(default_factory=default_workers)
    warmup: int = 100
    timeout: float = 120.0


@dataclass(frozen=True)
class Report:
    """One benchmark's figures. `format_report` adds the database and the core count to the
    title, so every table says what machine and database it was measured on."""

    subject: str
    columns: Sequence[str]
    rows: Sequence[Sequence[str]]
    conditions: Sequence[str] = ()
    notes: Sequence[str] = ()


Benchmark = Callable[[BenchOptions], Report]
_registry: dict[str, Benchmark] = {}


def register(name: str) -> Callable[[Benchmark], Benchmark]:
    """Decorator: `@register("portal-home")` makes the function a benchmark called `name`."""

    def decorator(func: Benchmark) -> Benchmark:
        existing = _registry.get(name)
        # Re-importing the same module (e.g. under autoreload) must not count as a clash.
        if existing is not None and _origin(existing) != _origin(func):
            raise ValueError(f"A benchmark called {name!r} is registered already.")
        _registry[name] = func
        return func

    return decorator


def _origin(func: Benchmark) -> str:
    return f"{func.__module__}.{func.__qualname__}"


def discover() -> dict[str, Benchmark]:
    """Import `benchmarks` of every installed Lotse app, then return all registered ones."""
    for config in django_apps.get_app_configs():
        if not config.name.startswith("lotse."):
            continue
        module_name = f"{config.name}.benchmarks"
        if find_spec(module_name) is not None:
            import_module(module_name)
    return dict(_registry)


def describe(func: Benchmark) -> str:
    """The first line of the benchmark's docstring, for `bench --list`."""
    lines = (func.__doc__ or "").strip().splitlines()
    return lines[0] if lines else ""


def format_report(report: Report) -> list[str]:
    """A plain-text table under a one-line title, indented by two spaces."""
    title = ", ".join(
        [report.subject, connection.vendor, _count(cpu_count(), "core"), *report.conditions]
    )
    widths = [len(column) for column in report.columns]
    for row in report.rows:
        widths = [max(width, len(cell)) for width, cell in zip(widths, row, strict=True)]
    lines = [title]
    for row in [report.columns, *report.rows]:
        cells = [cell.ljust(width) for cell, width in zip(row, widths, strict=True)]
        lines.append(("  " + "  ".join(cells)).rstrip())
    lines.extend(f"  {note}" for note in report.notes)
    return lines


# --- Gunicorn on loopback ---------------------------------------------------------------------


def free_port() -> int:
    # Another process could take the port before gunicorn binds it; on loopback that is rare
    # enough that a failed start (reported clearly) is the better trade than more machinery.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def host_header() -> str:
    """A Host that ALLOWED_HOSTS accepts: loopback normally, the configured name in production."""
    if validate_host(HOST, settings.ALLOWED_HOSTS):
        return HOST
    for host in settings.ALLOWED_HOSTS:
        if host != "*":
            return host.lstrip(".")
    return HOST


def _tail(log: IO[bytes], lines: int = 15) -> str:
    log.seek(0)
    text = log.read().decode(errors="replace").strip()
    return "\n".join(text.splitlines()[-lines:]) if text else "(gunicorn printed nothing)"


def _get(conn: http.client.HTTPConnection, path: str, host: str) -> int:
    conn.request("GET", path, headers={"Host": host})
    response = conn.getresponse()
    response.read()  # the next request on this connection needs the body consumed
    return response.status


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=STOP_SECONDS)
    except subprocess.TimeoutExpired:
        # The workers are in gunicorn's own process group: take them down with their master.
        with suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=STOP_SECONDS)


@contextmanager
def gunicorn(*, workers: int, deadline: float) -> Iterator[int]:
    """Serve Lotse with gunicorn on a free loopback port and yield the port once /healthz
    answers 200. Gunicorn gets this process's environment, so it uses the same database."""
    if workers < 1:
        raise BenchmarkError("gunicorn needs at least one worker.")
    port = free_port()
    env = os.environ.copy()
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC_DIR), env.get("PYTHONPATH")]))
    env.setdefault("DJANGO_SETTINGS_MODULE", "lotse.settings")
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "lotse.wsgi:application",
        "--chdir",
        str(SRC_DIR),
        "--bind",
        f"{HOST}:{port}",
        "--workers",
        str(workers),
        "--worker-class",
        "sync",
        "--log-level",
        "warning",
        "--graceful-timeout",
        str(int(STOP_SECONDS // 2)),
    ]
    with tempfile.TemporaryFile() as log:
        # A file, not a pipe: a pipe nobody reads would block gunicorn once it fills up.
        process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
        try:
            _wait_until_ready(process, port, log, deadline=deadline)
            yield port
        finally:
            _stop(process)


def _wait_until_ready(
    process: subprocess.Popen[bytes], port: int, log: IO[bytes], *, deadline: float
) -> None:
    began = time.monotonic()
    give_up = min(deadline, began + STARTUP_SECONDS)
    last = "no answer"
    host = host_header()
    while time.monotonic() < give_up:
        if process.poll() is not None:
            raise BenchmarkError(
                f"gunicorn exited with code {process.returncode} before it answered:\n" + _tail(log)
            )
        conn = http.client.HTTPConnection(HOST, port, timeout=2)
        try:
            status = _get(conn, "/healthz", host)
        except OSError as exc:
            last = str(exc)
        else:
            if status == 200:
                return
            last = f"HTTP {status}" + (", the database does not answer" if status == 503 else "")
        finally:
            conn.close()
        time.sleep(0.1)
    raise BenchmarkError(
        f"gunicorn on {HOST}:{port} did not answer /healthz with 200 within "
        f"{time.monotonic() - began:.0f} s (last: {last}). The end of its log:\n" + _tail(log)
    )


# --- Concurrent clients -----------------------------------------------------------------------


@dataclass(frozen=True)
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies_ms: Sequence[float]
    planned: int
    timed_out: bool

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds > 0 else 0.0

    def percentile(self, share: float) -> float:
        """Nearest-rank percentile, which stays meaningful for the tiny runs of the tests."""
        if not self.latencies_ms:
            return float("nan")
        ordered = sorted(self.latencies_ms)
        rank = max(1, math.ceil(len(ordered) * share))
        return ordered[rank - 1]


def load(
    *,
    port: int,
    path: str,
    requests: int,
    concurrency: int,
    deadline: float,
    headers: dict[str, str] | None = None,
) -> LoadResult:
    """Send `requests` GETs to `path` from `concurrency` threads, each on its own connection.
    Every non-200 answer and every failed request is an error; latency counts answered ones."""
    if requests < 1 or concurrency < 1:
        raise BenchmarkError("requests and concurrency must be at least 1.")
    concurrency = min(concurrency, requests)
    shares = [
        requests // concurrency + (1 if i < requests % concurrency else 0)
        for i in range(concurrency)
    ]
    send = {"Host": host_header(), **(headers or {})}
    latencies: list[list[float]] = [[] for _ in shares]
    errors = [0] * concurrency
    done = [0] * concurrency
    start = threading.Barrier(concurrency + 1)

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_SECONDS)
        start.wait()
        try:
            for _ in range(shares[index]):
                if time.monotonic() >= deadline:
                    return
                began = time.perf_counter()
                try:
                    conn.request("GET", path, headers=send)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException):
                    errors[index] += 1
                    conn.close()  # http.client reconnects on the next request
                else:
                    latencies[index].append((time.perf_counter() - began) * 1000)
                    if response.status != 200:
                        errors[index] += 1
                done[index] += 1
        finally:
            conn.close()

    threads = [
        threading.Thread(target=client, args=(i,), name=f"bench-client-{i}", daemon=True)
        for i in range(concurrency)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        # A client checks the deadline before each request, so it ends at most one request
        # timeout after it; waiting a little past that bounds the whole run.
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_SECONDS + 1)
    seconds = time.perf_counter() - began
    return LoadResult(
        requests=sum(done),
        errors=sum(errors),
        seconds=seconds,
        latencies_ms=[value for chunk in latencies for value in chunk],
        planned=requests,
        timed_out=sum(done) < requests,
    )


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}" if number == 1 else f"{number} {noun}s"


HTTP_COLUMNS = ("requests", "errors", "seconds", "req/s", "p50 ms", "p95 ms", "p99 ms")


def http_row(result: LoadResult) -> list[str]:
    return [
        str(result.requests),
        str(result.errors),
        f"{result.seconds:.2f}",
        f"{result.per_second:.0f}",
        f"{result.percentile(0.50):.1f}",
        f"{result.percentile(0.95):.1f}",
        f"{result.percentile(0.99):.1f}",
    ]


def http_benchmark(*, label: str, path: str, options: BenchOptions) -> Report:
    """Load-test one GET path under gunicorn; the building block of page benchmarks."""
    deadline = time.monotonic() + options.timeout
    with gunicorn(workers=options.workers, deadline=deadline) as port:
        if options.warmup > 0:
            # Warm every worker: URL resolution, imports and connections happen on first use.
            load(
                port=port,
                path=path,
                requests=options.warmup,
                concurrency=options.concurrency,
                deadline=deadline,
            )
        result = load(
            port=port,
            path=path,
            requests=options.requests,
            concurrency=options.concurrency,
            deadline=deadline,
        )
    notes = []
    if result.timed_out:
        notes.append(
            f"stopped at the {options.timeout:.0f} s limit: "
            f"{result.requests} of {result.planned} requests sent"
        )
    clients = min(options.concurrency, options.requests)
    # Report what ran: load() never starts more client threads than there are requests.
    return Report(
        subject=f"{label} under gunicorn (sync, {_count(options.workers, 'worker')})",
        conditions=[f"{_count(clients, 'concurrent client')} on loopback"],
        columns=HTTP_COLUMNS,
        rows=[http_row(result)],
        notes=notes,
    )


@register("healthz")
def healthz(options: BenchOptions) -> Report:
    """GET /healthz (one SELECT 1): the floor every page is compared to."""
    return http_benchmark(label="healthz", path="/healthz", options=options)
