"""Benchmark `sponsorship-matching`: proposals for 2,000 open requests × 1,000 volunteers.

The matching engine is pure Python + SciPy, so the benchmark needs no database: it generates
requests and volunteers from `random.Random(SEED)` (the same data on every run and machine) with
plausible languages, Stuttgart's 23 districts and their distances, availability slots, needs and
offers, and then measures:

- the time `engine.propose` takes from dataclasses to proposals with reasons (median of
  `repetitions` runs), and the greedy first-come baseline the same way;
- matched requests and total score of both;
- "% of optimum": the solver's objective Σ (bonus + score) divided by the optimum computed
  independently of the assignment solver, as a linear programme over the allowed pairs solved by
  HiGHS' dual simplex (`scipy.optimize.linprog`). Assignment with capacities is a min-cost flow,
  whose constraint matrix is totally unimodular, so the LP optimum IS the integer optimum: a true
  reference, not a relaxation with a gap. A maximum flow (`scipy.sparse.csgraph.maximum_flow`)
  cross-checks how many requests can be matched at most. The solver is exact, so its row should
  read 100.00 %; anything else is a bug. The LP takes several times longer than the solver
  (about 9 s at full size); `lp_check=False` skips it.

The sizes are keyword arguments of `matching` (the test runs it tiny); `manage.py bench` passes
only BenchOptions, so from the command line the defaults apply.
"""

from __future__ import annotations

import math
import random
import statistics
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from scipy.optimize import linprog
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import maximum_flow

from lotse.core.benchmarks import BenchmarkError, BenchOptions, Report, register
from lotse.sponsorship import matching as engine
from lotse.sponsorship.matching import OFFERS, SLOTS, Proposal, Request, Volunteer, Weights

SEED = 2026
DEFAULT_REQUESTS = 2_000
DEFAULT_VOLUNTEERS = 1_000
DEFAULT_REPETITIONS = 3
GOAL_SECONDS = 5.0

#: Stuttgart's 23 city districts with rough positions in km from Mitte (east, north): enough
#: for a distance matrix in which Vaihingen is far from Mühlhausen and Ost is next to Mitte.
DISTRICTS: dict[str, tuple[float, float]] = {
    "Mitte": (0.0, 0.0),
    "Nord": (0.0, 2.0),
    "Ost": (2.0, 0.5),
    "Süd": (-0.5, -2.0),
    "West": (-2.0, 0.0),
    "Bad Cannstatt": (3.5, 2.5),
    "Birkach": (3.0, -7.0),
    "Botnang": (-5.0, 0.5),
    "Degerloch": (0.5, -5.0),
    "Feuerbach": (-2.5, 4.0),
    "Hedelfingen": (6.5, -2.5),
    "Möhringen": (-2.0, -7.0),
    "Mühlhausen": (5.0, 7.5),
    "Münster": (3.5, 5.0),
    "Obertürkheim": (7.0, -1.0),
    "Plieningen": (2.0, -9.5),
    "Sillenbuch": (4.0, -4.5),
    "Stammheim": (0.0, 8.5),
    "Untertürkheim": (5.5, 0.5),
    "Vaihingen": (-6.0, -6.0),
    "Wangen": (4.5, -1.0),
    "Weilimdorf": (-6.0, 5.5),
    "Zuffenhausen": (-0.5, 6.5),
}
#: Distances in km; the distance part of the score halves at this distance.
DISTANCE_UNIT_KM = 3.0

#: Newcomers' first languages, with rough weights for a Welcome Center's clientele.
NEWCOMER_LANGUAGES = {
    "uk": 20,
    "ar": 18,
    "tr": 10,
    "en": 8,
    "fa": 8,
    "ru": 8,
    "ro": 6,
    "pl": 5,
    "es": 5,
    "fr": 5,
    "ku": 3,
    "ti": 2,
    "it": 2,
}
#: Languages volunteers speak besides German (heritage speakers, school, work abroad).
VOLUNTEER_LANGUAGES = {
    "en": 30,
    "fr": 10,
    "es": 8,
    "ru": 8,
    "tr": 8,
    "ar": 6,
    "it": 5,
    "uk": 4,
    "pl": 4,
    "ro": 3,
    "fa": 3,
}
INTERESTS = (
    "cooking",
    "football",
    "music",
    "hiking",
    "reading",
    "gardening",
    "chess",
    "cycling",
    "crafts",
    "dancing",
    "photography",
    "swimming",
    "theatre",
    "computers",
    "painting",
)
COLUMNS = ("method", "median s", "matched", "total score", "objective % of optimum")

T = TypeVar("T")


def distance_km(a: str, b: str) -> float:
    (ax, ay), (bx, by) = DISTRICTS[a], DISTRICTS[b]
    return round(math.hypot(ax - bx, ay - by), 1)


def _weighted(rng: random.Random, table: dict[str, int]) -> str:
    return rng.choices(list(table), weights=list(table.values()))[0]


def _slots(rng: random.Random, count: int, evening_bias: float) -> frozenset[tuple[str, str]]:
    # Volunteers mostly work: their slots lean to evenings and weekends.
    weights = [
        (1 + evening_bias) if part == "evening" or day in ("sat", "sun") else 1.0
        for day, part in SLOTS
    ]
    chosen: set[tuple[str, str]] = set()
    while len(chosen) < count:
        chosen.add(rng.choices(SLOTS, weights=weights)[0])
    return frozenset(chosen)


def generate(
    requests: int, volunteers: int, seed: int = SEED
) -> tuple[list[Request], list[Volunteer]]:
    """Deterministic random requests and volunteers (the same for the same arguments)."""
    rng = random.Random(seed)  # noqa: S311 - test data, reproducible on purpose
    districts = list(DISTRICTS)
    open_requests = []
    for index in range(requests):
        languages = {_weighted(rng, NEWCOMER_LANGUAGES)}
        if rng.random() < 0.35:
            languages.add("en")
        if rng.random() < 0.30:
            languages.add("de")
        kind = rng.choices(("family", "single", "student"), weights=(40, 45, 15))[0]
        open_requests.append(
            Request(
                id=f"r{index}",
                languages=frozenset(languages),
                needs=frozenset(rng.sample(OFFERS, rng.randint(1, 3))),
                district=rng.choice(districts),
                availability=_slots(rng, rng.randint(3, 8), evening_bias=0.0),
                has_children=kind == "family" and rng.random() < 0.85,
                gender_preference=rng.choices(("", "female", "male"), weights=(86, 12, 2))[0],
                interests=frozenset(rng.sample(INTERESTS, rng.randint(0, 4))),
                waiting_days=rng.randint(0, 240),
                kind=kind,
            )
        )
    people = []
    for index in range(volunteers):
        levels = {"de": 5}
        for _ in range(rng.choices((0, 1, 2), weights=(30, 50, 20))[0]):
            levels[_weighted(rng, VOLUNTEER_LANGUAGES)] = rng.randint(2, 5)
        prefers = (
            frozenset()
            if rng.random() < 0.5
            else frozenset(rng.sample(("family", "single", "student"), rng.randint(1, 2)))
        )
        people.append(
            Volunteer(
                id=f"v{index}",
                languages=levels,
                interpreter_ok=rng.random() < 0.35,
                offers=frozenset(rng.sample(OFFERS, rng.randint(2, 5))),
                district=rng.choice(districts),
                availability=_slots(rng, rng.randint(2, 6), evening_bias=2.0),
                capacity_free=rng.choices((1, 2, 3), weights=(50, 30, 20))[0],
                safeguarding_children=rng.random() < 0.55,
                gender=rng.choices(("female", "male", "diverse"), weights=(62, 36, 2))[0],
                interests=frozenset(rng.sample(INTERESTS, rng.randint(0, 4))),
                prefers=prefers,
            )
        )
    return open_requests, people


def _timed(func: Callable[[], T], repetitions: int) -> tuple[float, T]:
    seconds = []
    result: T | None = None
    for _ in range(repetitions):
        began = time.perf_counter()
        result = func()
        seconds.append(time.perf_counter() - began)
    assert result is not None  # noqa: S101 - repetitions ≥ 1 is checked by the caller
    return statistics.median(seconds), result


@dataclass(frozen=True)
class Optimum:
    most_matched: int  # by maximum flow
    objective: float  # by the LP
    matched: int  # in the LP's solution
    total_score: float  # in the LP's solution
    seconds: float


def lp_optimum(
    requests: Sequence[Request],
    volunteers: Sequence[Volunteer],
    weights: Weights,
    distances: engine.DistrictDistance,
) -> Optimum:
    """The optimum of `propose`'s objective, computed independently of the assignment solver:
    a HiGHS LP over the allowed pairs, and the most requests that can be matched by a maximum
    flow as a cross-check of the LP's count (see the module docstring)."""
    began = time.perf_counter()
    ok, scores = engine.score_matrix(requests, volunteers, weights, distances)
    rows, columns = np.nonzero(ok)
    pairs = len(rows)
    if pairs == 0:
        return Optimum(0, 0.0, 0, 0.0, time.perf_counter() - began)
    n, m = len(requests), len(volunteers)
    capacities = np.array([max(v.capacity_free, 0) for v in volunteers])

    # Source 0 → request 1..n (1 each) → volunteer n+1..n+m (1 per pair) → sink (capacity).
    sink = n + m + 1
    tails = np.concatenate([np.zeros(n, dtype=int), 1 + rows, n + 1 + np.arange(m)])
    heads = np.concatenate([1 + np.arange(n), n + 1 + columns, np.full(m, sink)])
    flow_capacity = np.concatenate([np.ones(n + pairs), capacities]).astype(np.int32)
    graph = csr_matrix((flow_capacity, (tails, heads)), shape=(sink + 1, sink + 1))
    most = int(maximum_flow(graph, 0, sink).flow_value)

    # One row per request (≤ 1 volunteer), one per volunteer (≤ capacity). The dual simplex is
    # about twice as fast as the interior point method here and ends on a vertex (0/1 values).
    pair_scores = scores[rows, columns]
    constraint = csr_matrix(
        (
            np.ones(2 * pairs),
            (np.concatenate([rows, n + columns]), np.concatenate([np.arange(pairs)] * 2)),
        ),
        shape=(n + m, pairs),
    )
    result = linprog(
        -(weights.bonus_for(n) + pair_scores),
        A_ub=constraint,
        b_ub=np.concatenate([np.ones(n), capacities.astype(float)]),
        bounds=(0, 1),
        method="highs-ds",
    )
    if result.status != 0:
        raise BenchmarkError(f"The LP check failed: {result.message}")
    return Optimum(
        most_matched=most,
        objective=float(-result.fun),
        matched=round(float(result.x.sum())),
        total_score=float(result.x @ pair_scores),
        seconds=time.perf_counter() - began,
    )


def _total(proposals: Sequence[Proposal]) -> float:
    return sum(p.score for p in proposals)


@register("sponsorship-matching")
def matching(
    options: BenchOptions,
    *,
    requests: int = DEFAULT_REQUESTS,
    volunteers: int = DEFAULT_VOLUNTEERS,
    repetitions: int = DEFAULT_REPETITIONS,
    lp_check: bool = True,
) -> Report:
    """Matching proposals for 2,000 requests × 1,000 volunteers: solver vs greedy vs LP optimum."""
    if repetitions < 1:
        raise BenchmarkError("repetitions must be at least 1.")
    open_requests, people = generate(requests, volunteers)
    weights = Weights(distance_unit=DISTANCE_UNIT_KM)
    places = sum(v.capacity_free for v in people)

    solver_seconds, proposals = _timed(
        lambda: engine.propose(open_requests, people, weights, distance_km), repetitions
    )
    greedy_seconds, baseline = _timed(
        lambda: engine.greedy(open_requests, people, weights, distance_km), repetitions
    )
    bonus = weights.bonus_for(len(open_requests))
    matrix_seconds, _ = _timed(
        lambda: engine.score_matrix(open_requests, people, weights, distance_km), 1
    )

    notes = [
        f"time = matching.propose end to end (score matrix {matrix_seconds:.2f} s, "
        "assignment, reasons for each proposal); goal under "
        f"{GOAL_SECONDS:.0f} s: {'met' if solver_seconds < GOAL_SECONDS else 'MISSED'}",
        f"solver vs greedy: {len(proposals) - len(baseline):+d} requests matched, "
        f"total score {_total(proposals) - _total(baseline):+.1f} "
        f"({_percent(_total(proposals), _total(baseline)) - 100:+.1f} %)",
        "objective = matched first, then total score "
        f"(Σ (bonus {bonus:.0f} + score), the bonus outweighs any score difference)",
    ]
    optimum_cells = ["n/a", "n/a"]
    if lp_check:
        optimum = lp_optimum(open_requests, people, weights, distance_km)
        optimum_cells = [
            f"{_percent(engine.objective(proposals, bonus), optimum.objective):.2f}",
            f"{_percent(engine.objective(baseline, bonus), optimum.objective):.2f}",
        ]
        notes.append(
            f"optimum by a HiGHS LP ({optimum.seconds:.1f} s, totally unimodular, so the LP "
            f"optimum is the integer one): {optimum.matched} matched, total score "
            f"{optimum.total_score:.2f}; a maximum flow confirms at most "
            f"{optimum.most_matched} can be matched"
        )
        notes.append(
            f"greedy reaches {_percent(_total(baseline), optimum.total_score):.1f} % of the "
            f"optimal total score and {_percent(len(baseline), optimum.matched):.1f} % of the "
            "optimal matches"
        )
    else:
        notes.append("LP check skipped (lp_check=False)")

    return Report(
        subject="sponsorship matching",
        conditions=[
            f"{len(open_requests)} requests × {len(people)} volunteers ({places} places)",
            f"median of {repetitions}",
        ],
        columns=COLUMNS,
        rows=[
            [
                "solver",
                f"{solver_seconds:.2f}",
                str(len(proposals)),
                f"{_total(proposals):.1f}",
                optimum_cells[0],
            ],
            [
                "greedy",
                f"{greedy_seconds:.2f}",
                str(len(baseline)),
                f"{_total(baseline):.1f}",
                optimum_cells[1],
            ],
        ],
        notes=notes,
    )


def _percent(value: float, reference: float) -> float:
    return 100.0 * value / reference if reference else 100.0
