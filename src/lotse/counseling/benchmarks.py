"""Benchmark `counseling`: person search and the person page over a counseling year at scale 30.

Run it against PostgreSQL, which is what the goal (p95 under 100 ms) is about::

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/lotse_bench \\
        .venv/bin/python manage.py bench --only counseling

What it does, inside one transaction that is rolled back at the end:

1. finds an office with at least EXISTING_MIN_PEOPLE people (`seed_demo --scale 30` makes the
   Stuttgart office one) and measures there; otherwise it builds the scale-30 data set for a new
   office with `demo.generate`, the generator `seed_demo` uses: 100,000 people with about ten
   consultations each (about 1,000,000 with the anonymous contacts), their consents, referrals,
   outcomes and follow-ups; then ANALYZE, as autovacuum would have done (PostgreSQL);
2. runs a mix of searches people type (full names, prefixes, spelling variants, client numbers,
   e-mail addresses, phone numbers) through `selectors.person_search`, each `repetitions` times,
   interleaved;
3. requests the person page of `pages` people with many consultations through Django's test
   client (logged in as a counselor of the office, the office chosen in the session), timing
   each request and counting its SQL queries; the timeline selectors are timed on their own too.

Times are server time in this process (no network, no gunicorn). The data size and the number of
pages are keyword arguments (the test runs it with 200 people); `manage.py bench` uses the
defaults. `--timeout` bounds the timed part: measuring stops once it has passed.
"""

from __future__ import annotations

import gc
import math
import random
import statistics
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from io import StringIO
from typing import Any, TextIO

from django.contrib.auth.hashers import make_password
from django.core.management.base import OutputWrapper
from django.db import connection, transaction
from django.db.models import Count
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django_scopes import scopes_disabled

from lotse.core import policy
from lotse.core.benchmarks import BenchOptions, Report, host_header, register
from lotse.core.middleware import OfficeScopeMiddleware
from lotse.core.models import Membership, Office, Role, Topic, User
from lotse.core.runtime import tune_garbage_collector
from lotse.counseling import demo, selectors
from lotse.counseling.models import (
    Consultation,
    Person,
    Referral,
)
from lotse.directory.models import Organisation, OrganisationKind, Service, ServiceTranslation

#: The scale-30 data set of one office.
BENCH_PEOPLE = 100_000
#: An office with this many people is measured as it is, and nothing is generated.
EXISTING_MIN_PEOPLE = 90_000
DEFAULT_REPETITIONS = 10
DEFAULT_PAGES = 50
GOAL_P95_MS = 100.0
BENCH_SLUG = "bench-counseling"
BENCH_COUNSELORS = 20
#: Directory services made for referrals when the database has none (an empty test database).
BENCH_SERVICES = 20
BENCH_SEED = "counseling-bench"

COLUMNS = ("kind", "hits", "SQL", "median ms", "p95 ms", "query")
#: Prefixes and spelling variants people type; names and numbers are taken from the data.
PREFIXES = ("moh", "mül", "kov", "ngu", "pop", "sha")
VARIANTS = (
    "Muhammad",
    "Mohamed",
    "Mueller",
    "Meier",
    "Kowalenko",
    "Jovanovic",
    "Olexandr",
    "Yilmaz",
    "Mohammed Al-Hassan",
    "Fatima Khalil",
    "Priya Sharma",
    "Nguyen Minh",
)


def percentile(values: Sequence[float], share: float) -> float:
    """Nearest rank, like LoadResult.percentile: meaningful for the test's tiny runs too."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[max(1, math.ceil(len(ordered) * share)) - 1]


def _ms(value: float) -> str:
    return "-" if math.isnan(value) else f"{value:.1f}"


# --- The data -------------------------------------------------------------------------------------


@dataclass
class Data:
    office: Office
    counselor: User
    people: int = 0
    consultations: int = 0
    referrals: int = 0
    generated: bool = False
    seconds: dict[str, float] = field(default_factory=lambda: {"rows": 0.0, "analyze": 0.0})


def _existing_office() -> tuple[Office, int] | None:
    row = (
        Person.objects.values("office")
        .annotate(n=Count("id"))
        .filter(n__gte=EXISTING_MIN_PEOPLE)
        .order_by("-n")
        .first()
    )
    if row is None:
        return None
    return Office.objects.get(pk=row["office"]), row["n"]


def _counselor_of(office: Office) -> User | None:
    counselors = User.objects.filter(
        memberships__office=office, memberships__role=Role.COUNSELOR, is_active=True
    ).order_by("username")
    return counselors.filter(username=demo.DEMO_COUNSELOR).first() or counselors.first()


def _bench_counselors(office: Office) -> list[User]:
    # One shared hash: hashing twenty passwords with argon2 would take seconds for nothing.
    hashed = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"{BENCH_SLUG}-{number}",
            first_name="Bench",
            last_name=f"Counselor {number}",
            email=f"{BENCH_SLUG}-{number}@bench.example",
            password=hashed,
        )
        for number in range(1, BENCH_COUNSELORS + 1)
    )
    Membership.objects.bulk_create(
        Membership(user=user, office=office, role=Role.COUNSELOR) for user in users
    )
    return users


def _bench_services(office: Office) -> None:
    """A few services to refer to, when the directory is empty: one per top-level topic."""
    if Service.objects.filter(is_archived=False).exists():
        return
    topics = list(Topic.objects.filter(parent__isnull=False).order_by("position", "slug"))
    organisation = Organisation.objects.create(
        owner_office=office, name="Bench partner", kind=OrganisationKind.COUNSELING_SERVICE
    )
    services = Service.objects.bulk_create(
        Service(
            organisation=organisation,
            owner_office=office,
            access_modes=["appointment"],
            email=f"partner{number}@bench.example",
        )
        for number in range(BENCH_SERVICES)
    )
    ServiceTranslation.objects.bulk_create(
        ServiceTranslation(service=service, language="de", title=f"Bench-Beratung {number}")
        for number, service in enumerate(services)
    )
    Service.topics.through.objects.bulk_create(
        Service.topics.through(service_id=service.pk, topic_id=topic.pk)
        for number, service in enumerate(services)
        for topic in topics[number :: len(services)]
    )


def _build(*, people: int, consultations_per_person: float, stdout: TextIO) -> Data:
    began = time.perf_counter()
    office = Office.objects.create(
        slug=BENCH_SLUG, name="Bench Welcome Center", client_prefix="BX", city="Stuttgart"
    )
    counselors = _bench_counselors(office)
    _bench_services(office)
    counts = demo.generate(
        office,
        counselors,
        people=people,
        consultations_per_person=consultations_per_person,
        rng=random.Random(BENCH_SEED),  # noqa: S311 - reproducible test data, not secrets
        stdout=stdout,
        progress=people >= 2 * demo.BATCH,
    )
    data = Data(
        office=office,
        counselor=counselors[0],
        people=counts.people,
        consultations=counts.consultations,
        referrals=counts.referrals,
        generated=True,
    )
    data.seconds["rows"] = time.perf_counter() - began
    data.seconds["analyze"] = demo.analyze()
    return data


def _vacuum() -> float:
    """VACUUM ANALYZE the tables (PostgreSQL, outside a transaction). After a run that built its
    data: reclaims the rolled-back rows, a million dead consultations that would bloat the tables
    the next run and the application read. Before measuring data already there: what autovacuum
    does in a running installation; right after a bulk load (`seed_demo --scale 30`) the planner
    has no statistics, and the first reads would pay for setting hint bits."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return 0.0
    began = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE " + ", ".join(demo.generated_tables()))
    return time.perf_counter() - began


def _prepare(*, people: int, consultations_per_person: float, stdout: TextIO) -> Data:
    found = _existing_office()
    if found is not None:
        office, count = found
        counselor = _counselor_of(office)
        if counselor is None:
            raise ValueError(f"{office} has {count} people but no counselor to log in as.")
        return Data(
            office=office,
            counselor=counselor,
            people=count,
            consultations=Consultation.objects.filter(office=office).count(),
            referrals=Referral.objects.filter(office=office).count(),
        )
    return _build(people=people, consultations_per_person=consultations_per_person, stdout=stdout)


# --- Searching ------------------------------------------------------------------------------------


@dataclass
class Search:
    kind: str
    query: str
    hits: int = 0
    queries: int = 0
    ms: list[float] = field(default_factory=list)


def _sample_people(office: Office, rng: random.Random, count: int) -> list[Person]:
    """`count` people of the office picked at random by id, without scanning the table."""
    found = Person.objects.filter(office=office, merged_into__isnull=True)
    bounds = found.order_by("pk").values_list("pk", flat=True)
    low, high = bounds.first(), bounds.last()
    if low is None or high is None:
        return []
    picked: dict[int, Person] = {}
    for _ in range(count * 4):
        person = found.filter(pk__gte=rng.randint(low, high)).order_by("pk").first()
        if person is not None:
            picked.setdefault(person.pk, person)
        if len(picked) == count:
            break
    return list(picked.values())


def searches(office: Office, rng: random.Random) -> list[Search]:
    """About thirty searches: names, prefixes and variants, numbers, addresses and phones taken
    from the data, and one of each that finds nobody."""
    sample = _sample_people(office, rng, 40)
    named = [p for p in sample if " " in p.display_name.strip()]
    with_email = [p for p in sample if p.email]
    with_phone = [p for p in sample if len(p.phone_digits) >= 8]
    found: list[Search] = [Search("name", p.display_name) for p in named[:6]]
    found += [Search("prefix", prefix) for prefix in PREFIXES]
    found += [Search("variant", variant) for variant in VARIANTS]
    if sample:
        number = sample[0].client_number
        found.append(Search("number", number))
        prefix, year, sequence = sample[-1].client_number.split("-")
        found.append(Search("number", f"{prefix.lower()}-{year}-{int(sequence)}"))
    found.append(Search("number", "ZZ-1999-00001"))
    found += [
        Search("e-mail", p.email.upper() if i else p.email) for i, p in enumerate(with_email[:2])
    ]
    found.append(Search("e-mail", "nobody@bench.example"))
    for index, person in enumerate(with_phone[:2]):
        # As typed: the whole number, or only its last eight digits with a space.
        tail = person.phone_digits[-8:]
        found.append(Search("phone", person.phone if index == 0 else f"{tail[:4]} {tail[4:]}"))
    found.append(Search("phone", "0000 9999999"))
    return found


def _search(user: User, office: Office, query: str) -> tuple[float, int]:
    began = time.perf_counter()
    hits = selectors.person_search(user=user, office=office, query=query)
    return (time.perf_counter() - began) * 1000, len(hits)


def time_searches(
    user: User, office: Office, found: list[Search], *, repetitions: int, deadline: float
) -> int:
    """Each search once untimed (counting its SQL), then `repetitions` interleaved rounds."""
    for search in found:
        with CaptureQueriesContext(connection) as captured:
            _ms_taken, search.hits = _search(user, office, search.query)
        search.queries = len(captured)
    rounds = 0
    while rounds < repetitions and (rounds == 0 or time.monotonic() < deadline):
        for search in found:
            ms, _hits = _search(user, office, search.query)
            search.ms.append(ms)
        rounds += 1
    return rounds


# --- The person page ------------------------------------------------------------------------------


@dataclass
class Pages:
    people: list[int] = field(default_factory=list)
    consultations: list[int] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    statuses: dict[int, int] = field(default_factory=dict)
    timeline_ms: list[float] = field(default_factory=list)
    timeline_queries: list[int] = field(default_factory=list)
    path: str = ""
    missing: bool = False


def busy_people(office: Office, rng: random.Random, count: int) -> list[tuple[int, int]]:
    """(person id, consultations) of `count` people picked at random among those with the most
    consultations: the pages that have the most to show."""
    rows = list(
        Consultation.objects.filter(office=office, person__isnull=False)
        .values("person")
        .annotate(n=Count("id"))
        .order_by("-n", "person")
        .values_list("person", "n")[: count * 10]
    )
    return sorted(rng.sample(rows, min(count, len(rows))), key=lambda row: -row[1])


@contextmanager
def _without_second_factor(user: User) -> Iterator[bool]:
    """The test client cannot pass a second factor: measure the page as a verified user sees it."""
    if policy.two_factor_required(user):
        with override_settings(LOTSE_REQUIRE_2FA=False):
            yield True
    else:
        yield False


def staff_client(user: User, office: Office) -> Client:
    client = Client(HTTP_HOST=host_header(), raise_request_exception=False)
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    session[OfficeScopeMiddleware.SESSION_KEY] = office.pk
    session.save()
    return client


def _timed(func: Callable[[], Any]) -> tuple[float, Any]:
    began = time.perf_counter()
    result = func()
    return (time.perf_counter() - began) * 1000, result


def time_pages(data: Data, rng: random.Random, *, count: int, deadline: float) -> Pages:
    pages = Pages()
    picked = busy_people(data.office, rng, count)
    if not picked:
        return pages
    client = staff_client(data.counselor, data.office)
    try:
        pages.path = reverse("counseling:person-detail", kwargs={"person_id": picked[0][0]})
    except NoReverseMatch:
        pages.missing = True
    user, office = data.counselor, data.office
    for index, (person_id, consultations) in enumerate(picked):
        if index and time.monotonic() >= deadline:
            break
        pages.people.append(person_id)
        pages.consultations.append(consultations)

        def timeline(person_id: int = person_id) -> dict[str, Any]:
            person = selectors.person_get(user=user, office=office, person_id=person_id)
            return selectors.timeline(user=user, office=office, person=person)

        with CaptureQueriesContext(connection) as captured:
            timeline()
        pages.timeline_queries.append(len(captured))
        pages.timeline_ms.append(_timed(timeline)[0])
        if pages.missing:
            continue
        path = reverse("counseling:person-detail", kwargs={"person_id": person_id})
        # First an untimed request that counts the SQL (the capture slows the request a little).
        with CaptureQueriesContext(connection) as captured:
            response = client.get(path)
        pages.statuses[response.status_code] = pages.statuses.get(response.status_code, 0) + 1
        if response.status_code != 200:
            continue
        pages.queries.append(len(captured))
        ms, response = _timed(lambda path=path: client.get(path))
        pages.ms.append(ms)
    return pages


# --- The report ----------------------------------------------------------------------------------


@register("counseling")
def counseling(
    options: BenchOptions,
    *,
    people: int = BENCH_PEOPLE,
    consultations_per_person: float = demo.EXTRA_CONSULTATIONS_PER_PERSON,
    repetitions: int = DEFAULT_REPETITIONS,
    pages: int = DEFAULT_PAGES,
    stdout: TextIO | None = None,
) -> Report:
    """Person search and person page over 100,000 people and 1,000,000 consultations."""
    if people < 1 or repetitions < 1 or pages < 1:
        raise ValueError("people, repetitions and pages must be at least 1.")
    # generate() writes lines as management commands do: OutputWrapper ends each one.
    progress = OutputWrapper(stdout or (sys.stderr if people >= 20_000 else StringIO()))
    generated = False
    with scopes_disabled():
        vacuumed = _vacuum() if _existing_office() is not None else 0.0
    try:
        with scopes_disabled(), transaction.atomic():
            try:
                data = _prepare(
                    people=people,
                    consultations_per_person=consultations_per_person,
                    stdout=progress,
                )
                generated = data.generated
                data.seconds["vacuum"] = vacuumed
                return _measure(data, options=options, repetitions=repetitions, pages=pages)
            finally:
                # Nothing generated stays: the database is left exactly as it was found.
                transaction.set_rollback(True)
    finally:
        if generated:
            _vacuum()


def _measure(data: Data, *, options: BenchOptions, repetitions: int, pages: int) -> Report:
    rng = random.Random(BENCH_SEED)  # noqa: S311 - reproducible test data, not secrets
    found = searches(data.office, rng)
    # The build's garbage must not be collected on some request's time; then the process is set
    # up as a web worker is (lotse.wsgi).
    gc.collect()
    tune_garbage_collector()
    deadline = time.monotonic() + options.timeout
    with _without_second_factor(data.counselor) as lifted:
        rounds = time_searches(
            data.counselor, data.office, found, repetitions=repetitions, deadline=deadline
        )
        measured = time_pages(data, rng, count=pages, deadline=deadline)
    rows = [
        [s.kind, str(s.hits), str(s.queries), _ms(statistics.median(s.ms)),
         _ms(percentile(s.ms, 0.95)), s.query]
        for s in found
    ]  # fmt: skip
    every = [ms for s in found for ms in s.ms]
    search_p95 = percentile(every, 0.95)
    rows.append(
        ["search", "-", "-", _ms(statistics.median(every)), _ms(search_p95),
         f"all {len(found)} searches x {rounds} runs"]
    )  # fmt: skip
    page_p95 = percentile(measured.ms, 0.95)
    rows.append(_page_row(measured, page_p95))
    rows.append(
        ["timeline", str(len(measured.timeline_ms)), _span(measured.timeline_queries),
         _ms(_median(measured.timeline_ms)), _ms(percentile(measured.timeline_ms, 0.95)),
         "selectors.person_get + selectors.timeline"]
    )  # fmt: skip
    return Report(
        subject="counseling (person search and person page, in-process)",
        conditions=[
            f"{data.people:,} people",
            f"{data.consultations:,} consultations",
            f"{rounds} runs",
        ],
        columns=COLUMNS,
        rows=rows,
        notes=_notes(
            data=data,
            found=found,
            search_p95=search_p95,
            measured=measured,
            page_p95=page_p95,
            lifted=lifted,
            stopped=(rounds, repetitions, options.timeout),
        ),
    )


def _median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def _span(values: Sequence[int]) -> str:
    if not values:
        return "-"
    low, high = min(values), max(values)
    return str(low) if low == high else f"{low}-{high}"


def _page_row(measured: Pages, p95: float) -> list[str]:
    if measured.missing:
        what = "page not available (no URL counseling:person-detail)"
    else:
        path = measured.path.rsplit("/", 2)[0] + "/<id>/"
        what = f"GET {path}"
        failed = {status: n for status, n in measured.statuses.items() if status != 200}
        if failed:
            what += " " + ", ".join(f"HTTP {status} x {n}" for status, n in sorted(failed.items()))
    return [
        "page",
        str(len(measured.ms)),
        _span(measured.queries),
        _ms(_median(measured.ms)),
        _ms(p95),
        what,
    ]


def _notes(
    *,
    data: Data,
    found: Sequence[Search],
    search_p95: float,
    measured: Pages,
    page_p95: float,
    lifted: bool,
    stopped: tuple[int, int, float],
) -> list[str]:
    notes = [
        f"data: {data.people:,} people, {data.consultations:,} consultations, "
        f"{data.referrals:,} referrals in {data.office.name}"
    ]
    if data.generated:
        notes.append(
            f"generated with counseling.demo.generate in {data.seconds['rows']:.1f} s"
            f" + ANALYZE {data.seconds['analyze']:.1f} s; everything generated was rolled back"
        )
    else:
        notes.append(
            f"the office already held {data.people:,} people (at least "
            f"{EXISTING_MIN_PEOPLE:,}): measured on that data, nothing generated"
            + (
                f"; VACUUM ANALYZE first ({data.seconds['vacuum']:.1f} s)"
                if data.seconds.get("vacuum")
                else ""
            )
        )
    slow = [s.query for s in found if percentile(s.ms, 0.95) >= GOAL_P95_MS]
    search_verdict = "met" if search_p95 < GOAL_P95_MS and not slow else "MISSED"
    notes.append(
        f"goal p95 < {GOAL_P95_MS:.0f} ms, search: {search_verdict}"
        + (f" (slow: {', '.join(slow)})" if slow else "")
    )
    if measured.ms:
        page_verdict = "met" if page_p95 < GOAL_P95_MS else "MISSED"
        notes.append(
            f"goal p95 < {GOAL_P95_MS:.0f} ms, person page: {page_verdict} "
            f"({len(measured.ms)} people with {min(measured.consultations)}-"
            f"{max(measured.consultations)} consultations; SQL queries per page "
            f"{_span(measured.queries)})"
        )
    else:
        notes.append("person page: not measured (the page did not answer 200)")
    if lifted:
        notes.append("second factor not required while measuring (the test client has none)")
    rounds, repetitions, timeout = stopped
    if rounds < repetitions:
        notes.append(f"stopped at the {timeout:.0f} s limit: {rounds} of {repetitions} runs")
    return notes
