"""Benchmark `events-registration`: registrations per second for one popular event.

Run it against PostgreSQL, where simultaneous registrations really run at once::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lotse_dev \\
        .venv/bin/python manage.py bench --only events-registration

What it does, in data of its own (an office, a program, events) that it deletes at the end:

1. For each number of client threads (8, 16 and 32 on PostgreSQL), a fresh published event with
   `capacity` places gets `registrations` registrations from that many threads at once, each
   thread with its own database connection calling `events.services.register` (the same
   service the portal calls). Every registration is timed; the run's wall time gives the
   throughput. The event's row lock makes registrations of one event queue behind each other,
   so more clients add waiting, not throughput: the figure to watch is how it holds up.
2. After each run it counts: exactly `capacity` people registered, everyone else waiting, no
   registration lost and none failed ("exact: yes").
3. On PostgreSQL, if the portal's registration form is there, the same through HTTP: gunicorn
   serves Lotse, `concurrency` clients POST the public form (one CSRF cookie per client, the
   spam guard's time token signed as the form would), and the counts are checked again.

Confirmation e-mails are rendered as in production (templates, calendar file) but handed to
Django's dummy e-mail backend through the immediate task backend: nothing is sent or queued.
SQLite writes one transaction at a time, so there the benchmark runs one client in-process and
says that the concurrency figures need PostgreSQL. The sizes are keyword arguments (the test runs
it tiny); `manage.py bench` uses the defaults, and `--timeout` bounds each run.
"""

from __future__ import annotations

import datetime as dt
import http.client
import logging
import os
import re
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlencode

from django.conf import settings
from django.db import connection
from django.test import override_settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django_scopes import scopes_disabled

from lotse.core.benchmarks import (
    HOST,
    REQUEST_SECONDS,
    BenchmarkError,
    BenchOptions,
    LoadResult,
    Report,
    gunicorn,
    host_header,
    load,
    register,
)
from lotse.core.models import Language, Office
from lotse.events import services
from lotse.events.models import (
    Event,
    EventStatus,
    EventTranslation,
    Program,
    ProgramKind,
    ProgramTranslation,
    Registration,
    RegistrationStatus,
)

DEFAULT_CAPACITY = 500
DEFAULT_REGISTRATIONS = 2_000
DEFAULT_CLIENTS = (8, 16, 32)
BENCH_SLUG = "bench-events"
MAIL_DOMAIN = "bench.lotse.example"
COLUMNS = (
    "variant",
    "clients",
    "registrations",
    "errors",
    "seconds",
    "reg/s",
    "p50 ms",
    "p95 ms",
    "registered",
    "waiting",
    "exact",
)
#: The settings a run uses: e-mails are rendered but go nowhere.
QUIET = {
    "TASKS": {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}},
    "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
}
QUIET_ENV = {"LOTSE_TASKS": "immediate", "EMAIL_URL": "dummy://"}


@dataclass(frozen=True)
class Run:
    variant: str
    clients: int
    result: LoadResult
    statuses: Counter[str]
    capacity: int
    failures: Sequence[str]

    @property
    def saved(self) -> int:
        return self.result.requests - self.result.errors

    @property
    def exact(self) -> bool:
        """Exactly `capacity` registered (or all, if fewer came), the rest waiting, none lost."""
        registered = min(self.capacity, self.saved)
        return (
            self.result.errors == 0
            and self.statuses[RegistrationStatus.REGISTERED] == registered
            and self.statuses[RegistrationStatus.WAITING] == self.saved - registered
            and sum(self.statuses.values()) == self.saved
        )

    def row(self) -> list[str]:
        result = self.result
        return [
            self.variant,
            str(self.clients),
            str(self.saved),
            str(result.errors),
            f"{result.seconds:.2f}",
            f"{self.saved / result.seconds if result.seconds else 0:.0f}",
            f"{result.percentile(0.50):.1f}",
            f"{result.percentile(0.95):.1f}",
            str(self.statuses[RegistrationStatus.REGISTERED]),
            str(self.statuses[RegistrationStatus.WAITING]),
            "yes" if self.exact else "NO",
        ]


# --- Data of its own ----------------------------------------------------------------------------


def _office() -> Office:
    """The benchmark's office (a leftover of an interrupted run is reused)."""
    office = Office.objects.filter(slug=BENCH_SLUG).first()
    if office is not None:
        return office
    taken = set(Office.objects.values_list("client_prefix", flat=True))
    prefix = next(
        candidate
        for candidate in ("ZBE", "ZBF", "ZBG", "ZBH", "ZZBE", "ZZBF")
        if candidate not in taken
    )
    return Office.objects.create(
        slug=BENCH_SLUG, name="Benchmark (deleted after the run)", client_prefix=prefix
    )


def _program(office: Office) -> Program:
    program, created = Program.objects.get_or_create(
        slug=BENCH_SLUG, defaults={"office": office, "kind": ProgramKind.OTHER, "is_public": True}
    )
    if created:
        ProgramTranslation.objects.create(program=program, language="de", title="Benchmark")
    return program


def _event(program: Program, capacity: int) -> Event:
    starts = (timezone.now() + dt.timedelta(days=30)).replace(second=0, microsecond=0)
    event = Event.objects.create(
        program=program,
        office=program.office,
        starts_at=starts,
        ends_at=starts + dt.timedelta(hours=2),
        address="Benchmark, Marktplatz 1, 70173 Stuttgart",
        language=Language.objects.get(pk="de"),
        capacity=capacity,
        status=EventStatus.PUBLISHED,
    )
    EventTranslation.objects.create(
        event=event, language="de", title="Informationsabend (Benchmark)"
    )
    return event


def _cleanup() -> None:
    """Remove everything the benchmark made, leftovers of an interrupted run included."""
    office = Office.objects.filter(slug=BENCH_SLUG).first()
    if office is None:
        return
    Registration.objects.filter(office=office).delete()
    Event.objects.filter(office=office).delete()
    Program.objects.filter(office=office).delete()
    office.delete()


def _statuses(event: Event) -> Counter[str]:
    return Counter(Registration.objects.filter(event=event).values_list("status", flat=True))


def _shares(total: int, clients: int) -> list[int]:
    return [total // clients + (1 if i < total % clients else 0) for i in range(clients)]


# --- In-process: threads calling the service ----------------------------------------------------


def _in_process(event: Event, *, total: int, clients: int, deadline: float, tag: str) -> Run:
    """`total` registrations from `clients` threads at once (1: in this thread, one by one)."""
    shares = _shares(total, clients)
    latencies: list[list[float]] = [[] for _ in shares]
    errors = [0] * clients
    done = [0] * clients
    failures: list[str] = []
    threaded = clients > 1
    start = threading.Barrier(clients + 1) if threaded else None

    def client(index: int) -> None:
        try:
            with scopes_disabled():  # a thread starts without the caller's context
                if start is not None:
                    start.wait()
                for number in range(shares[index]):
                    if time.monotonic() >= deadline:
                        return
                    began = time.perf_counter()
                    try:
                        services.register(
                            event=event,
                            name=f"Bench {index}-{number}",
                            email=f"{tag}-{index}-{number}@{MAIL_DOMAIN}",
                            language="en",
                            consent_at=timezone.now(),
                        )
                    except Exception as error:  # counted and shown in the report
                        errors[index] += 1
                        if len(failures) < 3:
                            failures.append(repr(error)[:200])
                    else:
                        latencies[index].append((time.perf_counter() - began) * 1000)
                    done[index] += 1
        finally:
            if threaded:
                connection.close()  # each thread has its own connection

    began = time.perf_counter()
    if threaded:
        threads = [
            threading.Thread(target=client, args=(i,), name=f"bench-register-{i}", daemon=True)
            for i in range(clients)
        ]
        for thread in threads:
            thread.start()
        assert start is not None  # noqa: S101 - set above for threads
        start.wait()
        began = time.perf_counter()
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_SECONDS + 1)
    else:
        client(0)
    seconds = time.perf_counter() - began
    result = LoadResult(
        requests=sum(done),
        errors=sum(errors),
        seconds=seconds,
        latencies_ms=[value for chunk in latencies for value in chunk],
        planned=total,
        timed_out=sum(done) < total,
    )
    return Run("in-process", clients, result, _statuses(event), event.capacity or 0, failures)


# --- Through HTTP: gunicorn and the portal's form -----------------------------------------------


@contextmanager
def _quiet_tasks() -> Iterator[None]:
    """The task backend logs every task at INFO: thousands of lines for nothing here."""
    logger = logging.getLogger("django_tasks")
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


@contextmanager
def _environ(values: dict[str, str]) -> Iterator[None]:
    """Set environment variables for a child process started inside (gunicorn copies them)."""
    saved = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def _form_path(event: Event) -> str | None:
    """The portal's registration page of the event, or None while the form does not exist."""
    try:
        from lotse.events.forms_public import RegistrationForm  # noqa: F401
    except ImportError:
        return None
    with translation.override("en"):
        try:
            return reverse("events-public:register", args=[event.pk])
        except NoReverseMatch:
            return None


TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def form_data(*, email: str, token: str) -> dict[str, str]:
    """What a person sends with the portal's registration form (the spam guard's token too)."""
    from lotse.core.spam import start_token

    return {
        "csrfmiddlewaretoken": token,
        "name": "Bench Person",
        "email": email,
        "phone": "",
        "language": "en",
        "interpreting_into": "",
        "accessibility_needs": "",
        "target_group": "",
        "country_of_origin": "",
        "consent": "on",
        # Signed as if the form had been shown a minute ago: the time trap lets it through.
        "started": start_token(time.time() - 60),
        "website": "",
    }


def _open_form(conn: http.client.HTTPConnection, path: str, host: str) -> tuple[str, str]:
    """GET the form once: the CSRF cookie and the form's token for this client's POSTs."""
    conn.request("GET", path, headers={"Host": host, "Accept-Language": "en"})
    response = conn.getresponse()
    body = response.read().decode(errors="replace")
    cookie = ""
    for header, value in response.getheaders():
        if header.lower() == "set-cookie" and value.startswith(f"{settings.CSRF_COOKIE_NAME}="):
            cookie = value.split(";", 1)[0]
    match = TOKEN.search(body)
    if response.status != 200 or not cookie or not match:
        raise BenchmarkError(
            f"the registration form at {path} answered {response.status} without a CSRF token"
        )
    return cookie, match.group(1)


def _http(
    event: Event, path: str, *, total: int, clients: int, port: int, deadline: float, tag: str
) -> Run:
    shares = _shares(total, clients)
    latencies: list[list[float]] = [[] for _ in shares]
    errors = [0] * clients
    done = [0] * clients
    failures: list[str] = []
    host = host_header()
    start = threading.Barrier(clients + 1)

    def client(index: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=REQUEST_SECONDS)
        try:
            try:
                cookie, token = _open_form(conn, path, host)
            except (OSError, http.client.HTTPException, BenchmarkError) as error:
                errors[index] += shares[index]
                failures.append(str(error)[:200])
                return
            finally:
                start.wait()
            for number in range(shares[index]):
                if time.monotonic() >= deadline:
                    return
                body = urlencode(
                    form_data(email=f"{tag}-{index}-{number}@{MAIL_DOMAIN}", token=token)
                )
                headers = {
                    "Host": host,
                    "Cookie": cookie,
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Accept-Language": "en",
                }
                began = time.perf_counter()
                try:
                    conn.request("POST", path, body=body, headers=headers)
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException) as error:
                    errors[index] += 1
                    conn.close()  # http.client reconnects on the next request
                    if len(failures) < 3:
                        failures.append(repr(error)[:200])
                else:
                    # The form redirects to the personal page once registered; a page again
                    # means the form refused the input.
                    if response.status == 302:
                        latencies[index].append((time.perf_counter() - began) * 1000)
                    else:
                        errors[index] += 1
                        if len(failures) < 3:
                            failures.append(f"HTTP {response.status}")
                done[index] += 1
        finally:
            conn.close()

    threads = [
        threading.Thread(target=client, args=(i,), name=f"bench-http-{i}", daemon=True)
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    start.wait()
    began = time.perf_counter()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + REQUEST_SECONDS + 1)
    seconds = time.perf_counter() - began
    result = LoadResult(
        requests=sum(done),
        errors=sum(errors),
        seconds=seconds,
        latencies_ms=[value for chunk in latencies for value in chunk],
        planned=total,
        timed_out=sum(done) < total,
    )
    return Run("http", clients, result, _statuses(event), event.capacity or 0, failures)


# --- The benchmark ------------------------------------------------------------------------------


@register("events-registration")
def registration(
    options: BenchOptions,
    *,
    capacity: int = DEFAULT_CAPACITY,
    registrations: int = DEFAULT_REGISTRATIONS,
    clients: Sequence[int] | None = None,
    http_variant: bool = True,
) -> Report:
    """Registrations per second for one popular event, concurrent clients, exact capacity."""
    if capacity < 1 or registrations < 1:
        raise BenchmarkError("capacity and registrations must be at least 1.")
    postgres = connection.vendor == "postgresql"
    counts = tuple(clients or DEFAULT_CLIENTS) if postgres else (1,)
    notes: list[str] = []
    runs: list[Run] = []
    tag = uuid.uuid4().hex[:8]
    with scopes_disabled():
        _cleanup()
        try:
            program = _program(_office())
            with override_settings(**QUIET), _quiet_tasks():
                for count in counts:
                    event = _event(program, capacity)
                    deadline = time.monotonic() + options.timeout
                    runs.append(
                        _in_process(
                            event,
                            total=registrations,
                            clients=count,
                            deadline=deadline,
                            tag=f"{tag}-{count}",
                        )
                    )
            if http_variant and postgres:
                notes.append(_http_runs(program, capacity, registrations, options, tag, runs))
            elif http_variant:
                notes.append("HTTP variant skipped: it needs PostgreSQL (SQLite would lock).")
        finally:
            _cleanup()
    exact = all(run.exact for run in runs)
    notes.insert(
        0,
        f"exact: {'yes' if exact else 'NO'} – "
        + (
            f"every run ended with exactly {capacity} registered and the rest waiting; "
            "no registration lost or refused"
            if exact
            else "a run over- or under-booked, lost or refused registrations (see the rows)"
        ),
    )
    if not postgres:
        notes.append(
            f"{connection.vendor} writes one transaction at a time: registrations ran one by "
            "one in-process; the concurrency figures need PostgreSQL"
        )
    for run in runs:
        if run.result.timed_out:
            notes.append(
                f"{run.variant} with {run.clients} clients stopped at the {options.timeout:.0f} s "
                f"limit: {run.result.requests} of {run.result.planned} sent"
            )
        for failure in run.failures:
            notes.append(f"{run.variant} with {run.clients} clients: {failure}")
    notes.append(
        "latency = one services.register call (in-process) or one POST answered by a redirect "
        "(http), confirmation e-mail rendered but not sent"
    )
    return Report(
        subject="events registration (one popular event)",
        conditions=[
            f"capacity {capacity}",
            f"{registrations} registrations per run",
        ],
        columns=COLUMNS,
        rows=[run.row() for run in runs],
        notes=notes,
    )


def _http_runs(
    program: Program,
    capacity: int,
    registrations: int,
    options: BenchOptions,
    tag: str,
    runs: list[Run],
) -> str:
    """The HTTP variant, appended to `runs`; returns the note describing it (or why not)."""
    event = _event(program, capacity)
    path = _form_path(event)
    if path is None:
        return "HTTP variant skipped: the portal's registration form is not there yet."
    deadline = time.monotonic() + options.timeout
    with _environ(QUIET_ENV), gunicorn(workers=options.workers, deadline=deadline) as port:
        if options.warmup > 0:
            # Warm every worker on the form page: imports, templates, connections.
            load(
                port=port,
                path=path,
                requests=options.warmup,
                concurrency=options.concurrency,
                deadline=deadline,
                headers={"Accept-Language": "en"},
            )
        runs.append(
            _http(
                event,
                path,
                total=registrations,
                clients=options.concurrency,
                port=port,
                deadline=deadline,
                tag=f"{tag}-http",
            )
        )
    return (
        f"http = POST {path} under gunicorn (sync, {options.workers} workers), "
        f"{options.concurrency} clients on loopback, each with its own connection"
    )
