"""The matching engine: hard rules, soft score, the global solver against brute force and greedy,
swaps, rejections, and the benchmark run tiny. Pure Python: no database."""

from __future__ import annotations

import dataclasses
import pickle

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lotse.core.benchmarks import BenchOptions, discover, format_report
from lotse.sponsorship import benchmarks
from lotse.sponsorship.matching import (
    MESSAGES,
    Proposal,
    Reason,
    Request,
    Volunteer,
    Weights,
    allowed,
    brute_force,
    greedy,
    objective,
    propose,
    score,
    score_matrix,
    swap,
)

MON_AM = ("mon", "morning")
TUE_PM = ("tue", "evening")


def request(id: str = "r1", **fields: object) -> Request:
    """A request that any `volunteer()` may take, changed by `fields`."""
    values: dict[str, object] = {
        "languages": {"de"},
        "availability": {MON_AM},
        "district": "Mitte",
    }
    values.update(fields)
    return Request(id=id, **values)  # type: ignore[arg-type]


def volunteer(id: str = "v1", **fields: object) -> Volunteer:
    values: dict[str, object] = {
        "languages": {"de": 5},
        "availability": {MON_AM},
        "district": "Mitte",
        "capacity_free": 1,
    }
    values.update(fields)
    return Volunteer(id=id, **values)  # type: ignore[arg-type]


# --- Hard rules -------------------------------------------------------------------------------


def test_a_plain_pair_is_allowed() -> None:
    assert allowed(request(), volunteer()) == (True, [])


def test_no_shared_language_is_refused_unless_the_volunteer_works_with_an_interpreter() -> None:
    newcomer = request(languages={"ar"})
    assert allowed(newcomer, volunteer(languages={"de": 5, "en": 3})) == (
        False,
        ["No shared language and no interpreter"],
    )
    assert allowed(newcomer, volunteer(interpreter_ok=True))[0]
    assert allowed(newcomer, volunteer(languages={"de", "ar"}))[0]  # a set of codes works too


def test_no_common_time_is_refused() -> None:
    ok, refused = allowed(request(availability={MON_AM}), volunteer(availability={TUE_PM}))
    assert (ok, refused) == (False, ["No common time"])


def test_a_volunteer_without_free_capacity_is_refused() -> None:
    assert allowed(request(), volunteer(capacity_free=0)) == (False, ["No free capacity"])


def test_children_need_the_extended_certificate_of_conduct() -> None:
    family = request(has_children=True, kind="family")
    assert allowed(family, volunteer()) == (
        False,
        ["Children in the family: extended certificate of conduct missing"],
    )
    assert allowed(family, volunteer(safeguarding_children=True))[0]


def test_a_stated_gender_preference_is_respected() -> None:
    wants_female = request(gender_preference="female")
    assert allowed(wants_female, volunteer(gender="male")) == (
        False,
        ["Gender preference: female"],
    )
    assert allowed(wants_female, volunteer(gender="female"))[0]
    assert allowed(request(), volunteer(gender="male"))[0]  # no preference stated


def test_a_rejected_pair_is_refused_and_all_broken_rules_are_listed() -> None:
    ok, refused = allowed(
        request(languages={"ar"}, availability={TUE_PM}),
        volunteer(capacity_free=0),
        exclude_pairs={("r1", "v1")},
    )
    assert not ok
    assert refused == [
        "No shared language and no interpreter",
        "No common time",
        "No free capacity",
        "Rejected before",
    ]


def test_a_kind_the_volunteer_does_not_prefer_is_allowed_but_scores_lower() -> None:
    # Soft on purpose (see the module docstring): shown as a reason, weighted strongly.
    student = request(kind="student")
    reluctant = volunteer(prefers={"family"})
    assert allowed(student, reluctant)[0]
    value, reasons = score(student, reluctant)
    assert "Prefers family rather than student" in reasons
    assert value < score(student, volunteer(prefers={"student"}))[0]


# --- Soft score -------------------------------------------------------------------------------


def test_reasons_say_why_in_words() -> None:
    value, reasons = score(
        request(
            languages={"ar", "de"},
            needs={"authorities", "job_search", "housing"},
            interests={"chess", "cooking", "music"},
            waiting_days=40,
            kind="family",
        ),
        volunteer(
            languages={"de": 5, "ar": 4},
            offers={"authorities", "job_search"},
            interests={"cooking", "chess"},
            prefers={"family"},
        ),
    )
    assert reasons == [
        "Speaks de, ar",
        "Covers 2 of 3 needs",
        "Same district",
        "Shared interests: chess, cooking",
        "Waiting 40 days",
        "Prefers to accompany: family",
    ]
    assert value > 0


def test_reasons_carry_key_and_params_for_translation() -> None:
    _, reasons = score(request(waiting_days=12), volunteer())
    waiting = next(reason for reason in reasons if reason.key == "waiting")
    assert waiting.params == {"days": 12}
    assert waiting.translate({MESSAGES["waiting"]: "Wartet seit {days} Tagen"}.get) == (
        "Wartet seit 12 Tagen"
    )
    assert pickle.loads(pickle.dumps(waiting)).params == {"days": 12}  # noqa: S301 - own bytes
    assert Reason("same_district") == "Same district"


def test_more_needs_covered_scores_higher() -> None:
    needs = request(needs={"authorities", "housing"})
    one = score(needs, volunteer(offers={"authorities"}))
    both = score(needs, volunteer(offers={"authorities", "housing"}))
    assert "Covers 1 of 2 needs" in one[1]
    assert both[0] - one[0] == pytest.approx(Weights().needs / 2)


def test_a_shared_language_scores_more_than_an_interpreter_and_level_counts() -> None:
    newcomer = request(languages={"ar"})
    interpreter = score(newcomer, volunteer(interpreter_ok=True))
    basic = score(newcomer, volunteer(languages={"ar": 1}))
    fluent = score(newcomer, volunteer(languages={"ar": 5}))
    assert "No shared language: works with an interpreter" in interpreter[1]
    assert interpreter[0] < basic[0] < fluent[0]


def test_distance_lowers_the_score() -> None:
    distances = {("Mitte", "Ost"): 2.0, ("Vaihingen", "Mitte"): 8.0}
    newcomer = request(district="Mitte")
    same = score(newcomer, volunteer(district="Mitte"), distances=distances)
    near = score(newcomer, volunteer(district="Ost"), distances=distances)
    far = score(newcomer, volunteer(district="Vaihingen"), distances=distances)  # read backwards
    assert "Same district" in same[1]
    assert "Other district (Vaihingen), distance 8" in far[1]
    assert same[0] > near[0] > far[0]
    # The default lookup: one step to any other district.
    assert score(newcomer, volunteer(district="Ost"))[0] == pytest.approx(
        same[0] - Weights().distance / 2
    )


def test_a_callable_distance_lookup_and_distance_unit() -> None:
    weights = Weights(distance_unit=4.0)
    value = score(request(), volunteer(district="Nord"), weights, lambda a, b: 4.0)[0]
    assert value == pytest.approx(score(request(), volunteer(), weights)[0] - weights.distance / 2)


def test_shared_interests_count_up_to_three() -> None:
    many = {"a", "b", "c", "d"}
    assert score(request(interests=many), volunteer(interests=many))[0] == pytest.approx(
        score(request(interests=many), volunteer(interests={"a", "b", "c"}))[0]
    )
    assert (
        score(request(interests={"a"}), volunteer(interests={"a"}))[0]
        > (score(request(interests={"a"}), volunteer(interests={"b"}))[0])
    )


def test_longer_waiting_scores_higher_up_to_half_a_year() -> None:
    scores = [score(request(waiting_days=days), volunteer())[0] for days in (0, 30, 180, 400)]
    assert scores[0] < scores[1] < scores[2] == scores[3]


def test_preference_matching_beats_no_preference_beats_another_preference() -> None:
    family = request(kind="family")
    values = [
        score(family, volunteer(prefers=prefers))[0]
        for prefers in ({"family"}, set(), {"single", "student"})
    ]
    assert values[0] > values[1] > values[2]
    assert "Open to every kind of request" in score(family, volunteer())[1]


def test_weights_must_not_be_negative() -> None:
    with pytest.raises(ValueError, match="≥ 0"):
        Weights(needs=-1)


def test_lexicographic_bonus_outweighs_any_total_score() -> None:
    weights = Weights()
    assert weights.bonus_for(10) > 10 * weights.max_score()
    assert Weights(match_bonus=2.5).bonus_for(10) == 2.5


# --- Solver on hand-made cases ----------------------------------------------------------------


def test_the_global_assignment_beats_first_come_first_served() -> None:
    # A waits longest and greedy gives A its favourite, V; then B, who can only take V, is left
    # alone. The solver gives A the second-best W and B gets V.
    a = request("A", waiting_days=90, needs={"housing"})
    b = request("B", waiting_days=10, languages={"ar"})
    v = volunteer("V", languages={"de": 5, "ar": 5}, offers={"housing"})
    w = volunteer("W")
    assert [(p.request_id, p.volunteer_id) for p in greedy([a, b], [v, w])] == [("A", "V")]
    proposals = propose([a, b], [v, w])
    assert [(p.request_id, p.volunteer_id) for p in proposals] == [("A", "W"), ("B", "V")]
    assert proposals[1].reasons[0] == "Speaks ar"
    assert proposals[0].score == score(a, w)[0]


def test_capacity_is_shared_out_and_the_best_pairs_win() -> None:
    requests = [request(f"r{i}", needs={"housing"} if i < 2 else set()) for i in range(3)]
    helper = volunteer("v", capacity_free=2, offers={"housing"})
    proposals = propose(requests, [helper])
    assert sorted(p.request_id for p in proposals) == ["r0", "r1"]


def test_waiting_decides_who_gets_the_last_place() -> None:
    requests = [request("new", waiting_days=3), request("old", waiting_days=120)]
    assert [p.request_id for p in propose(requests, [volunteer()])] == ["old"]


def test_nothing_allowed_means_no_proposals() -> None:
    assert propose([request(languages={"ar"})], [volunteer()]) == []
    assert propose([], [volunteer()]) == []
    assert propose([request()], []) == []


def test_duplicate_ids_are_an_error() -> None:
    with pytest.raises(ValueError, match="Duplicate request ids"):
        propose([request("r"), request("r")], [volunteer()])


def test_exclude_pairs_moves_the_request_to_the_next_best_volunteer() -> None:
    newcomer = request(needs={"housing"})
    best, second = volunteer("best", offers={"housing"}), volunteer("second")
    assert [p.volunteer_id for p in propose([newcomer], [best, second])] == ["best"]
    rejected = {("r1", "best")}
    assert [
        p.volunteer_id for p in propose([newcomer], [best, second], exclude_pairs=rejected)
    ] == ["second"]
    assert propose([newcomer], [best], exclude_pairs=rejected) == []


# --- Swaps ------------------------------------------------------------------------------------


def _two_pairs() -> tuple[list[Request], list[Volunteer], list[Proposal]]:
    requests = [request("a", needs={"housing"}), request("b", needs={"job_search"})]
    volunteers = [volunteer("x", offers={"housing"}), volunteer("y", offers={"job_search"})]
    return requests, volunteers, propose(requests, volunteers)


def test_swap_exchanges_volunteers_and_recomputes_scores_and_reasons() -> None:
    requests, volunteers, proposals = _two_pairs()
    assert [(p.request_id, p.volunteer_id) for p in proposals] == [("a", "x"), ("b", "y")]
    swapped = swap(proposals, "a", "b", requests, volunteers)
    assert [(p.request_id, p.volunteer_id) for p in swapped] == [("a", "y"), ("b", "x")]
    assert swapped[0].score < proposals[0].score
    assert "Covers 1 of 1 needs" not in swapped[0].reasons
    assert swapped[0] == Proposal("a", "y", *_scored(requests[0], volunteers[1]))


def _scored(r: Request, v: Volunteer) -> tuple[float, tuple[Reason, ...]]:
    value, reasons = score(r, v)
    return value, tuple(reasons)


def test_swap_refuses_a_pair_that_breaks_a_hard_rule() -> None:
    requests, volunteers, proposals = _two_pairs()
    requests[1] = dataclasses.replace(requests[1], gender_preference="female")
    volunteers[1] = dataclasses.replace(volunteers[1], gender="female")
    with pytest.raises(ValueError, match="Gender preference: female"):
        swap(proposals, "a", "b", requests, volunteers)


def test_swap_refuses_rejected_pairs_unknown_requests_and_one_volunteer_twice() -> None:
    requests, volunteers, proposals = _two_pairs()
    with pytest.raises(ValueError, match="Rejected before"):
        swap(proposals, "a", "b", requests, volunteers, exclude_pairs={("a", "y")})
    with pytest.raises(ValueError, match="no proposal"):
        swap(proposals, "a", "zzz", requests, volunteers)
    with pytest.raises(ValueError, match="itself"):
        swap(proposals, "a", "a", requests, volunteers)
    same = [proposals[0], dataclasses.replace(proposals[1], volunteer_id="x")]
    with pytest.raises(ValueError, match="same volunteer"):
        swap(same, "a", "b", requests, volunteers)


# --- Property-based ---------------------------------------------------------------------------

LANGUAGES = ("de", "ar", "uk")
FEW_SLOTS = (MON_AM, TUE_PM, ("sat", "afternoon"))
NEEDS = ("authorities", "german_practice", "job_search", "housing")
DISTRICTS = ("Mitte", "Ost", "Vaihingen")
INTERESTS = ("chess", "music", "cooking")
DISTANCES = {("Mitte", "Ost"): 2.0, ("Mitte", "Vaihingen"): 8.0, ("Ost", "Vaihingen"): 9.5}


def subsets(values: tuple[object, ...], min_size: int = 0) -> st.SearchStrategy[frozenset[object]]:
    return st.frozensets(st.sampled_from(values), min_size=min_size)


requests_strategy = st.builds(
    Request,
    id=st.just(""),
    languages=subsets(LANGUAGES, 1),
    needs=subsets(NEEDS),
    district=st.sampled_from(DISTRICTS),
    availability=subsets(FEW_SLOTS, 1),
    has_children=st.booleans(),
    gender_preference=st.sampled_from(("", "", "", "female", "male")),
    interests=subsets(INTERESTS),
    waiting_days=st.integers(0, 250),
    kind=st.sampled_from(("family", "single", "student")),
)
volunteers_strategy = st.builds(
    Volunteer,
    id=st.just(""),
    languages=st.dictionaries(st.sampled_from(LANGUAGES), st.integers(1, 5), min_size=1),
    interpreter_ok=st.booleans(),
    offers=subsets(NEEDS),
    district=st.sampled_from(DISTRICTS),
    availability=subsets(FEW_SLOTS, 1),
    capacity_free=st.integers(0, 3),
    safeguarding_children=st.booleans(),
    gender=st.sampled_from(("female", "male", "diverse")),
    interests=subsets(INTERESTS),
    prefers=subsets(("family", "single", "student")),
)
weights_strategy = st.builds(
    Weights,
    needs=st.floats(0, 5),
    language=st.floats(0, 5),
    distance=st.floats(0, 5),
    interests=st.floats(0, 5),
    waiting=st.floats(0, 5),
    preference=st.floats(0, 5),
    distance_unit=st.floats(0.5, 5),
    match_bonus=st.none() | st.floats(0, 20),
)


Case = tuple[list[Request], list[Volunteer], Weights, dict[tuple[str, str], float] | None]


@st.composite
def cases(draw: st.DrawFn, max_requests: int = 6, max_volunteers: int = 4) -> Case:
    requests = draw(st.lists(requests_strategy, min_size=0, max_size=max_requests))
    volunteers = draw(st.lists(volunteers_strategy, min_size=0, max_size=max_volunteers))
    return (
        [dataclasses.replace(r, id=f"r{i}") for i, r in enumerate(requests)],
        [dataclasses.replace(v, id=f"v{i}") for i, v in enumerate(volunteers)],
        draw(weights_strategy),
        draw(st.sampled_from((None, DISTANCES))),
    )


PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _check_feasible(
    proposals: list[Proposal],
    requests: list[Request],
    volunteers: list[Volunteer],
    exclude: frozenset[tuple[str, str]] = frozenset(),
) -> None:
    by_request = {r.id: r for r in requests}
    by_volunteer = {v.id: v for v in volunteers}
    request_ids = [p.request_id for p in proposals]
    assert len(request_ids) == len(set(request_ids)), "a request proposed twice"
    for p in proposals:
        ok, refused = allowed(by_request[p.request_id], by_volunteer[p.volunteer_id], exclude)
        assert ok, refused
        assert p.score >= 0
    for v in volunteers:
        assert sum(p.volunteer_id == v.id for p in proposals) <= v.capacity_free


@PROPERTY
@given(cases(), st.data())
def test_no_proposal_breaks_a_hard_rule_or_a_capacity(case: Case, data: st.DataObject) -> None:
    requests, volunteers, weights, distances = case
    pairs = [(r.id, v.id) for r in requests for v in volunteers]
    exclude = frozenset(data.draw(st.lists(st.sampled_from(pairs)) if pairs else st.just([])))
    for method in (propose, greedy):
        proposals = method(requests, volunteers, weights, distances, exclude_pairs=exclude)
        _check_feasible(proposals, requests, volunteers, exclude)


@PROPERTY
@given(cases())
def test_the_solver_reaches_the_brute_force_optimum(case: Case) -> None:
    requests, volunteers, weights, distances = case
    best, _ = brute_force(requests, volunteers, weights, distances)
    proposals = propose(requests, volunteers, weights, distances)
    bonus = weights.bonus_for(len(requests))
    assert objective(proposals, bonus) == pytest.approx(best, rel=1e-9, abs=1e-6)


@PROPERTY
@given(cases(max_requests=12, max_volunteers=6))
def test_the_solver_is_never_worse_than_greedy(case: Case) -> None:
    requests, volunteers, weights, distances = case
    solver = propose(requests, volunteers, weights, distances)
    baseline = greedy(requests, volunteers, weights, distances)
    bonus = weights.bonus_for(len(requests))
    assert objective(solver, bonus) >= objective(baseline, bonus) - 1e-6
    if weights.match_bonus is None:
        # Lexicographic: never fewer matched; with as many matched, never a lower total.
        assert len(solver) >= len(baseline)
        if len(solver) == len(baseline):
            assert sum(p.score for p in solver) >= sum(p.score for p in baseline) - 1e-6


@PROPERTY
@given(cases(max_requests=8, max_volunteers=6))
def test_the_score_matrix_agrees_with_the_pairwise_rules(case: Case) -> None:
    requests, volunteers, weights, distances = case
    exclude = frozenset((r.id, v.id) for r in requests[:1] for v in volunteers[:1])
    ok, scores = score_matrix(requests, volunteers, weights, distances, exclude)
    for i, r in enumerate(requests):
        for j, v in enumerate(volunteers):
            assert bool(ok[i, j]) == allowed(r, v, exclude)[0]
            value = score(r, v, weights, distances)[0]
            assert scores[i, j] == pytest.approx(value, rel=1e-12, abs=1e-12)
            assert 0 <= value <= weights.max_score() + 1e-9


def test_the_solver_can_match_more_at_a_lower_total_score_than_greedy() -> None:
    # Why the property above compares totals only at equal counts: matching one more person
    # outranks any score, so the solver may trade a great pair for two modest ones.
    a = request("A", waiting_days=100, needs={"housing"}, interests={"x", "y", "z"})
    b = request("B", languages={"ar"}, district="Ost")
    v = volunteer("V", languages={"de": 5, "ar": 1}, offers={"housing"}, interests={"x", "y", "z"})
    w = volunteer("W", district="Vaihingen", prefers={"family"})
    solver, baseline = propose([a, b], [v, w]), greedy([a, b], [v, w])
    assert (len(solver), len(baseline)) == (2, 1)
    assert sum(p.score for p in solver) < sum(p.score for p in baseline)


# --- Benchmark --------------------------------------------------------------------------------


def test_benchmark_runs_tiny() -> None:
    report = benchmarks.matching(
        BenchOptions(), requests=40, volunteers=20, repetitions=1, lp_check=True
    )
    lines = format_report(report)
    assert "40 requests × 20 volunteers" in lines[0]
    solver, baseline = report.rows
    assert solver[0] == "solver" and baseline[0] == "greedy"
    assert solver[4] == "100.00"  # the solver is exact: the LP optimum agrees
    assert int(solver[2]) >= int(baseline[2])
    assert any("solver vs greedy" in note for note in report.notes)


def test_manage_py_bench_finds_the_benchmark() -> None:
    assert discover()["sponsorship-matching"] is benchmarks.matching


def test_benchmark_data_is_deterministic_and_plausible() -> None:
    first, second = benchmarks.generate(50, 20), benchmarks.generate(50, 20)
    assert first == second
    requests, volunteers = first
    assert {r.district for r in requests} <= set(benchmarks.DISTRICTS)
    assert all(1 <= v.capacity_free <= 3 for v in volunteers)
    assert benchmarks.distance_km("Mitte", "Mitte") == 0
    assert benchmarks.distance_km("Vaihingen", "Mühlhausen") > 15
