"""Matching newcomers' sponsorship requests with volunteers: a pure engine, no Django.

The Django app feeds it plain dataclasses (`Request`, `Volunteer`) and shows what comes back
(`Proposal`); keeping the engine free of the ORM lets the property-based tests and the benchmark
run thousands of cases without a database.

Hard rules (`allowed`) are never broken by any function here:

- a shared language, or the volunteer declared they work with an interpreter;
- at least one common availability slot (weekday × part of day);
- the volunteer has free capacity (at least one more tandem);
- a request with children only goes to a volunteer whose extended certificate of conduct was
  seen and is valid (`safeguarding_children`);
- a stated gender preference is respected;
- pairs the coordinator rejected (`exclude_pairs`) are never proposed again.

The volunteer's preference for a kind of request (family, single person, student) is SOFT, with a
strong default weight: the issue lists it among the wishes in the volunteer's application, not
among the hard rules, and an office short of volunteers would rather ask a volunteer who prefers
students whether they would accompany a family than leave the family waiting. A mismatch is shown
as a reason ("Prefers ... rather than ..."), so the coordinator sees it before accepting.

Soft score (`score`), each part in [0, 1] times its weight from `Weights`, so a score is ≥ 0 and
at most `Weights.max_score()`:

- language: a shared language scores 0.5 + 0.1 × the volunteer's best level in it (0.6 to 1.0),
  working through an interpreter only 0.2;
- needs: share of the request's needs the volunteer offers (no needs stated: 0, which is neutral
  between volunteers);
- distance: 1 / (1 + distance / distance_unit), so the same district scores 1;
- interests: shared interests, up to three (min(shared, 3) / 3);
- waiting: min(waiting days, 180) / 180. It does not depend on the volunteer, so it cannot change
  who is proposed for a request; it decides WHICH requests get a volunteer when there are not
  enough, which is the point of "waiting time of the request" in a global assignment;
- preference: 1 if the volunteer prefers this kind of request, 0.5 if they have no preference,
  0 if they prefer another kind.

Objective (`propose`): the best global assignment maximises Σ (match_bonus + score) over the
proposed pairs, each request at most once, each volunteer at most `capacity_free` times. By
default `match_bonus` is larger than any total score can be, which makes the order
lexicographic: first as many requests matched as possible (every unmatched request is a person
left without a sponsor), then the highest total score among those assignments. An office can
set `Weights.match_bonus` (e.g. 0 for "score only") instead.

Solver: every volunteer becomes `capacity_free` identical columns (capped at the number of
requests they could take) and `scipy.optimize.linear_sum_assignment` solves the rectangular
assignment on cost = -(match_bonus + score) for allowed pairs and 0 for forbidden ones. A
forbidden cell costs exactly what "unmatched" costs, so no dummy columns are needed: any partial
matching extends to a full one through zero cells at the same cost, hence the minimum-cost full
assignment is the best partial matching; zero cells in the result are read as "unmatched" and
dropped (and checked against `allowed` once more). For 2,000 requests × 1,000 volunteers with
capacity 1–3 this is a dense ~2,000 × 2,000 matrix, solved in well under a second.

Reasons are `Reason` objects: plain English strings (so they can be shown and compared as they
are) that also carry a message key and the parameters. MESSAGES holds the English templates;
the Django app marks them for translation and renders with `Reason.translate(gettext)`.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
PARTS_OF_DAY = ("morning", "afternoon", "evening")
SLOTS: tuple[tuple[str, str], ...] = tuple(itertools.product(WEEKDAYS, PARTS_OF_DAY))
OFFERS = (
    "authorities",
    "german_practice",
    "job_search",
    "everyday",
    "housing",
    "leisure",
    "children_school",
)
KINDS = ("family", "single", "student")
GENDERS = ("female", "male", "diverse")

#: Level assumed when a volunteer's languages are given as a set (spoken, level not stated).
DEFAULT_LEVEL = 3
#: Language part for a shared language: BASE + STEP * level, i.e. 0.6 (level 1) to 1.0 (level 5).
SHARED_LANGUAGE_BASE = 0.5
SHARED_LANGUAGE_STEP = 0.1
#: Language part when the pair can only talk through an interpreter.
INTERPRETER_ONLY = 0.2
#: Shared interests beyond this many add nothing: three is plenty to start a conversation.
INTERESTS_CAP = 3
#: Waiting beyond half a year adds nothing more; such requests are at the front anyway.
WAITING_CAP_DAYS = 180
#: Preference part when the volunteer states no preference: between "matches" and "does not".
NO_PREFERENCE = 0.5

#: English templates of every reason, keyed for translation. Parameters are plain values (codes,
#: numbers, comma-joined names); the app may replace codes with names before formatting.
MESSAGES: dict[str, str] = {
    # why a pair scores
    "speaks": "Speaks {languages}",
    "interpreter": "No shared language: works with an interpreter",
    "covers_needs": "Covers {covered} of {total} needs",
    "same_district": "Same district",
    "other_district": "Other district ({district}), distance {distance}",
    "shared_interests": "Shared interests: {interests}",
    "waiting": "Waiting {days} days",
    "prefers_kind": "Prefers to accompany: {kind}",
    "no_preference": "Open to every kind of request",
    "prefers_other": "Prefers {preferred} rather than {kind}",
    # why a pair is refused
    "no_language": "No shared language and no interpreter",
    "no_common_time": "No common time",
    "no_capacity": "No free capacity",
    "no_safeguarding": "Children in the family: extended certificate of conduct missing",
    "gender_preference": "Gender preference: {gender}",
    "rejected": "Rejected before",
}


class Reason(str):
    """One reason in words: the English text, plus `key` and `params` for translating it.

    A str subclass so reasons read, print and compare as plain English in logs and tests.
    """

    key: str
    params: dict[str, Any]

    def __new__(cls, key: str, **params: Any) -> Reason:
        obj = super().__new__(cls, MESSAGES[key].format(**params))
        obj.key = key
        obj.params = params
        return obj

    def __reduce__(self) -> tuple[Any, ...]:
        # str's own pickling would lose key and params.
        return (_make_reason, (self.key, self.params))

    def translate(self, gettext: Callable[[str], str]) -> str:
        """The reason in the active language, e.g. `reason.translate(django gettext)`."""
        return gettext(MESSAGES[self.key]).format(**self.params)


def _make_reason(key: str, params: dict[str, Any]) -> Reason:
    return Reason(key, **params)


Slot = tuple[str, str]


@dataclass(frozen=True)
class Request:
    """An open sponsorship request, as the matching sees it.

    `kind` is what the request is (family, single person, student), compared with the
    volunteer's `prefers`.
    """

    id: Any
    languages: Collection[str] = frozenset()
    needs: Collection[str] = frozenset()
    district: str = ""
    availability: Collection[Slot] = frozenset()
    has_children: bool = False
    gender_preference: str = ""
    interests: Collection[str] = frozenset()
    waiting_days: int = 0
    kind: str = "single"


@dataclass(frozen=True)
class Volunteer:
    """An active, qualified volunteer, as the matching sees it.

    `languages` maps ISO codes to a level 1..5, or is a set of codes (level DEFAULT_LEVEL).
    `capacity_free` is how many more tandems they can take now. `prefers` empty means any kind.
    """

    id: Any
    languages: Mapping[str, int] | Collection[str] = frozenset()
    interpreter_ok: bool = False
    offers: Collection[str] = frozenset()
    district: str = ""
    availability: Collection[Slot] = frozenset()
    capacity_free: int = 1
    safeguarding_children: bool = False
    gender: str = ""
    interests: Collection[str] = frozenset()
    prefers: Collection[str] = frozenset()

    def language_levels(self) -> dict[str, int]:
        if isinstance(self.languages, Mapping):
            return dict(self.languages)
        return dict.fromkeys(self.languages, DEFAULT_LEVEL)


@dataclass(frozen=True)
class Weights:
    """How much each soft criterion counts; configurable per office. All must be ≥ 0.

    `match_bonus` None means "as many matches as possible first" (see the module docstring);
    a number is added per proposed pair instead. `distance_unit` is the distance (in whatever the
    district lookup returns: steps or km) at which the distance part halves.
    """

    needs: float = 3.0
    language: float = 1.0
    distance: float = 1.5
    interests: float = 1.0
    waiting: float = 1.0
    preference: float = 2.0
    distance_unit: float = 1.0
    match_bonus: float | None = None

    def __post_init__(self) -> None:
        parts = (self.needs, self.language, self.distance, self.interests, self.waiting)
        if min(*parts, self.preference) < 0 or self.distance_unit <= 0:
            raise ValueError("Weights must be ≥ 0 and distance_unit > 0.")
        if self.match_bonus is not None and self.match_bonus < 0:
            raise ValueError("match_bonus must be ≥ 0.")

    def max_score(self) -> float:
        """The highest score any pair can get: every part at 1."""
        return (
            self.needs
            + self.language
            + self.distance
            + self.interests
            + self.waiting
            + self.preference
        )

    def bonus_for(self, requests: int) -> float:
        """The constant added per match for a problem with this many requests.

        Lexicographic by default: one match more is worth more than any difference in total score
        (at most `requests` pairs, each scoring at most `max_score`).
        """
        if self.match_bonus is not None:
            return self.match_bonus
        return self.max_score() * max(requests, 1) + 1.0


DistrictDistance = Callable[[str, str], float] | Mapping[tuple[str, str], float]


def same_or_other(a: str, b: str) -> float:
    """Default district distance: 0 for the same district, 1 step otherwise."""
    return 0.0 if a == b else 1.0


def distance_between(distances: DistrictDistance | None, a: str, b: str) -> float:
    """Distance from a lookup: a callable, or a dict read in both directions (missing pairs:
    0 for the same district, 1 otherwise, as the default)."""
    if distances is None:
        return same_or_other(a, b)
    if callable(distances):
        return float(distances(a, b))
    if (a, b) in distances:
        return float(distances[a, b])
    if (b, a) in distances:
        return float(distances[b, a])
    return same_or_other(a, b)


@dataclass(frozen=True)
class Proposal:
    request_id: Any
    volunteer_id: Any
    score: float
    reasons: tuple[Reason, ...] = field(default=())


# --- One pair ---------------------------------------------------------------------------------


def allowed(
    request: Request, volunteer: Volunteer, exclude_pairs: Collection[tuple[Any, Any]] = ()
) -> tuple[bool, list[Reason]]:
    """Whether the pair may be proposed at all, and if not, every hard rule it breaks."""
    refused: list[Reason] = []
    if not (set(request.languages) & set(volunteer.language_levels())) and not (
        volunteer.interpreter_ok
    ):
        refused.append(Reason("no_language"))
    if not set(request.availability) & set(volunteer.availability):
        refused.append(Reason("no_common_time"))
    if volunteer.capacity_free < 1:
        refused.append(Reason("no_capacity"))
    if request.has_children and not volunteer.safeguarding_children:
        refused.append(Reason("no_safeguarding"))
    if request.gender_preference and volunteer.gender != request.gender_preference:
        refused.append(Reason("gender_preference", gender=request.gender_preference))
    if (request.id, volunteer.id) in exclude_pairs:
        refused.append(Reason("rejected"))
    return (not refused, refused)


def score(
    request: Request,
    volunteer: Volunteer,
    weights: Weights | None = None,
    distances: DistrictDistance | None = None,
) -> tuple[float, list[Reason]]:
    """The soft score of a pair (≥ 0) and the reasons in words. Does not check the hard rules:
    call `allowed` for that. `score_matrix` computes the same numbers for many pairs at once."""
    weights = weights or Weights()
    reasons: list[Reason] = []

    levels = volunteer.language_levels()
    shared = sorted(set(request.languages) & set(levels), key=lambda code: (-levels[code], code))
    if shared:
        language = SHARED_LANGUAGE_BASE + SHARED_LANGUAGE_STEP * levels[shared[0]]
        reasons.append(Reason("speaks", languages=", ".join(shared)))
    elif volunteer.interpreter_ok:
        language = INTERPRETER_ONLY
        reasons.append(Reason("interpreter"))
    else:
        language = 0.0

    needs = set(request.needs)
    covered = len(needs & set(volunteer.offers))
    needs_part = covered / len(needs) if needs else 0.0
    if covered:
        reasons.append(Reason("covers_needs", covered=covered, total=len(needs)))

    distance = distance_between(distances, request.district, volunteer.district)
    distance_part = 1.0 / (1.0 + distance / weights.distance_unit)
    if request.district == volunteer.district:
        reasons.append(Reason("same_district"))
    else:
        reasons.append(
            Reason("other_district", district=volunteer.district, distance=f"{distance:g}")
        )

    common = sorted(set(request.interests) & set(volunteer.interests))
    interests_part = min(len(common), INTERESTS_CAP) / INTERESTS_CAP
    if common:
        reasons.append(Reason("shared_interests", interests=", ".join(common)))

    waiting_part = min(max(request.waiting_days, 0), WAITING_CAP_DAYS) / WAITING_CAP_DAYS
    if request.waiting_days > 0:
        reasons.append(Reason("waiting", days=request.waiting_days))

    if not volunteer.prefers:
        preference = NO_PREFERENCE
        reasons.append(Reason("no_preference"))
    elif request.kind in volunteer.prefers:
        preference = 1.0
        reasons.append(Reason("prefers_kind", kind=request.kind))
    else:
        preference = 0.0
        reasons.append(
            Reason(
                "prefers_other", preferred=", ".join(sorted(volunteer.prefers)), kind=request.kind
            )
        )

    # The same sum, in the same order, as score_matrix: the two must agree to the last bit
    # nearly everywhere, and the tests compare them.
    total = (
        weights.needs * needs_part
        + weights.language * language
        + weights.distance * distance_part
        + weights.interests * interests_part
        + weights.waiting * waiting_part
        + weights.preference * preference
    )
    return (total, reasons)


# --- All pairs at once ------------------------------------------------------------------------


def _incidence(items: Sequence[Collection[Any]], vocabulary: dict[Any, int]) -> np.ndarray:
    """0/1 matrix: one row per item, one column per vocabulary entry it contains."""
    matrix = np.zeros((len(items), len(vocabulary)), dtype=np.float64)
    for row, values in enumerate(items):
        for value in values:
            matrix[row, vocabulary[value]] = 1.0
    return matrix


def _vocabulary(*groups: Iterable[Collection[Any]]) -> dict[Any, int]:
    values: set[Any] = set()
    for group in groups:
        for collection in group:
            values.update(collection)
    return {value: index for index, value in enumerate(sorted(values, key=repr))}


def score_matrix(
    requests: Sequence[Request],
    volunteers: Sequence[Volunteer],
    weights: Weights | None = None,
    distances: DistrictDistance | None = None,
    exclude_pairs: Collection[tuple[Any, Any]] = (),
) -> tuple[np.ndarray, np.ndarray]:
    """(allowed, scores) for every request × volunteer, as two len(requests) × len(volunteers)
    arrays; the same rules and numbers as `allowed` and `score`, vectorised with numpy because
    2,000 × 1,000 pairs one by one in Python would take tens of seconds."""
    weights = weights or Weights()
    n, m = len(requests), len(volunteers)
    if n == 0 or m == 0:
        return np.zeros((n, m), dtype=bool), np.zeros((n, m))

    levels = [volunteer.language_levels() for volunteer in volunteers]
    languages = _vocabulary([r.languages for r in requests], [lv.keys() for lv in levels])
    speaks = _incidence([r.languages for r in requests], languages)
    level = np.zeros((len(languages), m))
    for column, volunteer_levels in enumerate(levels):
        for code, value in volunteer_levels.items():
            level[languages[code], column] = value
    # Best level among shared languages: a loop over the (few) languages, not the pairs.
    best = np.zeros((n, m))
    for index in range(len(languages)):
        np.maximum(best, speaks[:, index, None] * level[None, index, :], out=best)
    interpreter = np.array([v.interpreter_ok for v in volunteers])
    shared = best > 0
    language = np.where(
        shared,
        SHARED_LANGUAGE_BASE + SHARED_LANGUAGE_STEP * best,
        np.where(interpreter[None, :], INTERPRETER_ONLY, 0.0),
    )

    slots = _vocabulary([r.availability for r in requests], [v.availability for v in volunteers])
    common_time = (
        _incidence([r.availability for r in requests], slots)
        @ _incidence([v.availability for v in volunteers], slots).T
    ) > 0

    needs = _vocabulary([r.needs for r in requests], [v.offers for v in volunteers])
    request_needs = _incidence([set(r.needs) for r in requests], needs)
    covered = request_needs @ _incidence([set(v.offers) for v in volunteers], needs).T
    total_needs = request_needs.sum(axis=1)
    needs_part = np.divide(
        covered, total_needs[:, None], out=np.zeros((n, m)), where=total_needs[:, None] > 0
    )

    districts = sorted({r.district for r in requests} | {v.district for v in volunteers})
    district_index = {name: index for index, name in enumerate(districts)}
    table = np.array([[distance_between(distances, a, b) for b in districts] for a in districts])
    distance = table[
        np.array([district_index[r.district] for r in requests])[:, None],
        np.array([district_index[v.district] for v in volunteers])[None, :],
    ]
    distance_part = 1.0 / (1.0 + distance / weights.distance_unit)

    interests = _vocabulary([r.interests for r in requests], [v.interests for v in volunteers])
    common = (
        _incidence([set(r.interests) for r in requests], interests)
        @ _incidence([set(v.interests) for v in volunteers], interests).T
    )
    interests_part = np.minimum(common, INTERESTS_CAP) / INTERESTS_CAP

    waiting = np.array([min(max(r.waiting_days, 0), WAITING_CAP_DAYS) for r in requests])
    waiting_part = waiting / WAITING_CAP_DAYS

    kinds = sorted({r.kind for r in requests})
    kind_index = {kind: index for index, kind in enumerate(kinds)}
    by_kind = np.array(
        [
            [
                NO_PREFERENCE if not v.prefers else (1.0 if kind in v.prefers else 0.0)
                for v in volunteers
            ]
            for kind in kinds
        ]
    )
    preference = by_kind[np.array([kind_index[r.kind] for r in requests])]

    scores = (
        weights.needs * needs_part
        + weights.language * language
        + weights.distance * distance_part
        + weights.interests * interests_part
        + weights.waiting * waiting_part[:, None]
        + weights.preference * preference
    )

    capacity = np.array([v.capacity_free >= 1 for v in volunteers])
    children = np.array([r.has_children for r in requests])
    safeguarding = np.array([v.safeguarding_children for v in volunteers])
    wanted = [r.gender_preference for r in requests]
    genders = [v.gender for v in volunteers]
    preferences = sorted(set(wanted))
    gender_ok = np.array([[not want or want == g for g in genders] for want in preferences])
    gender_row = {want: index for index, want in enumerate(preferences)}
    ok = (
        (shared | interpreter[None, :])
        & common_time
        & capacity[None, :]
        & (~children[:, None] | safeguarding[None, :])
        & gender_ok[np.array([gender_row[want] for want in wanted])]
    )
    if exclude_pairs:
        request_row = {r.id: index for index, r in enumerate(requests)}
        volunteer_column = {v.id: index for index, v in enumerate(volunteers)}
        for request_id, volunteer_id in exclude_pairs:
            if request_id in request_row and volunteer_id in volunteer_column:
                ok[request_row[request_id], volunteer_column[volunteer_id]] = False
    return ok, scores


# --- Assignments ------------------------------------------------------------------------------


def _check_unique(requests: Sequence[Request], volunteers: Sequence[Volunteer]) -> None:
    for label, ids in (
        ("request", [r.id for r in requests]),
        ("volunteer", [v.id for v in volunteers]),
    ):
        duplicates = [key for key, count in Counter(ids).items() if count > 1]
        if duplicates:
            raise ValueError(f"Duplicate {label} ids: {duplicates[:5]}")


def _proposal(
    request: Request,
    volunteer: Volunteer,
    weights: Weights,
    distances: DistrictDistance | None,
) -> Proposal:
    value, reasons = score(request, volunteer, weights, distances)
    return Proposal(request.id, volunteer.id, value, tuple(reasons))


def propose(
    requests: Sequence[Request],
    volunteers: Sequence[Volunteer],
    weights: Weights | None = None,
    distances: DistrictDistance | None = None,
    exclude_pairs: Collection[tuple[Any, Any]] = frozenset(),
) -> list[Proposal]:
    """The best global assignment (see the module docstring), as proposals in request order.

    `exclude_pairs` holds (request id, volunteer id) pairs the coordinator rejected; re-running
    with them never proposes those pairs again (and may move other pairs to make up for it).
    """
    weights = weights or Weights()
    _check_unique(requests, volunteers)
    ok, scores = score_matrix(requests, volunteers, weights, distances, exclude_pairs)
    if not ok.any():
        return []
    rows = np.flatnonzero(ok.any(axis=1))
    # A volunteer never needs more columns than the requests they could take.
    capacity = np.minimum(np.array([max(v.capacity_free, 0) for v in volunteers]), ok.sum(axis=0))
    columns = np.repeat(np.arange(len(volunteers)), capacity)
    sub_ok = ok[np.ix_(rows, columns)]
    bonus = weights.bonus_for(len(requests))
    cost = np.where(sub_ok, -(bonus + scores[np.ix_(rows, columns)]), 0.0)
    chosen_rows, chosen_columns = linear_sum_assignment(cost)

    proposals = []
    for row, column in zip(chosen_rows, chosen_columns, strict=True):
        if not sub_ok[row, column]:
            continue  # a zero cell: this request stays unmatched
        request, volunteer = requests[rows[row]], volunteers[columns[column]]
        # Belt and braces: the scalar rules are the reference, the matrix only makes them fast.
        if not allowed(request, volunteer, exclude_pairs)[0]:
            raise AssertionError(f"Solver chose a forbidden pair {request.id!r}, {volunteer.id!r}")
        proposals.append(_proposal(request, volunteer, weights, distances))
    order = {r.id: index for index, r in enumerate(requests)}
    return sorted(proposals, key=lambda p: order[p.request_id])


def greedy(
    requests: Sequence[Request],
    volunteers: Sequence[Volunteer],
    weights: Weights | None = None,
    distances: DistrictDistance | None = None,
    exclude_pairs: Collection[tuple[Any, Any]] = frozenset(),
) -> list[Proposal]:
    """First come, first served: the baseline the solver is measured against.

    Requests in order of waiting time (longest first), each takes the best-scoring allowed
    volunteer who still has capacity. Uses the score matrix, so it is fast enough to run on the
    benchmark's full size.
    """
    weights = weights or Weights()
    _check_unique(requests, volunteers)
    ok, scores = score_matrix(requests, volunteers, weights, distances, exclude_pairs)
    left = np.array([max(v.capacity_free, 0) for v in volunteers])
    order = sorted(range(len(requests)), key=lambda i: (-requests[i].waiting_days, i))
    proposals = []
    for index in order:
        candidates = ok[index] & (left > 0)
        if not candidates.any():
            continue
        column = int(np.argmax(np.where(candidates, scores[index], -np.inf)))
        left[column] -= 1
        proposals.append(_proposal(requests[index], volunteers[column], weights, distances))
    position = {r.id: index for index, r in enumerate(requests)}
    return sorted(proposals, key=lambda p: position[p.request_id])


def objective(proposals: Iterable[Proposal], bonus: float) -> float:
    """What `propose` maximises: Σ (bonus + score) over the proposals."""
    return sum(bonus + proposal.score for proposal in proposals)


def brute_force(
    requests: Sequence[Request],
    volunteers: Sequence[Volunteer],
    weights: Weights | None = None,
    distances: DistrictDistance | None = None,
    exclude_pairs: Collection[tuple[Any, Any]] = frozenset(),
) -> tuple[float, list[Proposal]]:
    """The optimum of `propose`'s objective by trying every assignment, with the scalar
    `allowed` and `score`. Exponential: for tests on tiny cases only (≤ ~6 × 4)."""
    weights = weights or Weights()
    if len(requests) > 8 or len(volunteers) > 6:
        raise ValueError("brute_force is for tiny cases only.")
    bonus = weights.bonus_for(len(requests))
    options: list[list[tuple[int, float] | None]] = []
    for request in requests:
        choices: list[tuple[int, float] | None] = [None]
        for column, volunteer in enumerate(volunteers):
            if allowed(request, volunteer, exclude_pairs)[0]:
                choices.append((column, score(request, volunteer, weights, distances)[0]))
        options.append(choices)
    left = [volunteer.capacity_free for volunteer in volunteers]
    best_value, best_choice = 0.0, [None for _ in requests]
    choice: list[tuple[int, float] | None] = [None for _ in requests]

    def explore(index: int, value: float) -> None:
        # Depth first over every request's options, skipping volunteers already full.
        nonlocal best_value, best_choice
        if index == len(requests):
            if value > best_value:
                best_value, best_choice = value, list(choice)
            return
        for option in options[index]:
            if option is not None:
                if left[option[0]] < 1:
                    continue
                left[option[0]] -= 1
            choice[index] = option
            explore(index + 1, value + (bonus + option[1] if option is not None else 0.0))
            if option is not None:
                left[option[0]] += 1
        choice[index] = None

    explore(0, 0.0)
    proposals = [
        _proposal(request, volunteers[c[0]], weights, distances)
        for request, c in zip(requests, best_choice, strict=True)
        if c is not None
    ]
    return best_value, proposals


def swap(
    proposals: Sequence[Proposal],
    a_request_id: Any,
    b_request_id: Any,
    requests: Iterable[Request],
    volunteers: Iterable[Volunteer],
    weights: Weights | None = None,
    distances: DistrictDistance | None = None,
    exclude_pairs: Collection[tuple[Any, Any]] = frozenset(),
) -> list[Proposal]:
    """Exchange the volunteers of two proposals, as a coordinator may.

    Returns new proposals (the others unchanged, order kept) with the two recomputed scores and
    reasons. Raises ValueError, saying why, when a request has no proposal, both have the same
    volunteer, or a new pair breaks a hard rule. Loads do not change (each volunteer keeps one
    tandem from the two), so capacities stay respected.
    """
    weights = weights or Weights()
    by_request = {p.request_id: index for index, p in enumerate(proposals)}
    for request_id in (a_request_id, b_request_id):
        if request_id not in by_request:
            raise ValueError(f"Request {request_id!r} has no proposal to swap.")
    if a_request_id == b_request_id:
        raise ValueError("A proposal cannot be swapped with itself.")
    a, b = proposals[by_request[a_request_id]], proposals[by_request[b_request_id]]
    if a.volunteer_id == b.volunteer_id:
        raise ValueError("Both proposals have the same volunteer: swapping changes nothing.")
    request_by_id = {r.id: r for r in requests}
    volunteer_by_id = {v.id: v for v in volunteers}
    new: dict[Any, Proposal] = {}
    for request_id, volunteer_id in (
        (a_request_id, b.volunteer_id),
        (b_request_id, a.volunteer_id),
    ):
        request, volunteer = request_by_id[request_id], volunteer_by_id[volunteer_id]
        ok, refused = allowed(request, volunteer, exclude_pairs)
        if not ok:
            raise ValueError(
                f"Request {request_id!r} with volunteer {volunteer_id!r} is not allowed: "
                + "; ".join(refused)
            )
        new[request_id] = _proposal(request, volunteer, weights, distances)
    return [new.get(p.request_id, p) for p in proposals]
