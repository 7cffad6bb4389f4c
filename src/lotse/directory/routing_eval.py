"""Evaluation of question routing on the labelled test set (`evaluation/routing/questions.json`).

The set holds 203 newcomer questions in 9 languages, each labelled with the service or page of
the demo directory that answers it, plus the answers a counselor would also accept (equivalent
providers, second-best places). A question counts for top-1 when the first answer is one of those,
for top-3 when any of the first three is. The questions are asked on the Stuttgart portal, so the
Stuttgart office is the asker's office.

Targets name services by office, organisation slug and demo service type (services have no slug):
the organisation is found by the slug of its name, the service by its German title, which the demo
renders from the type's title. `manage.py routing_eval` and the `question-routing` benchmark of
`make bench` run it; both need the demo directory (`manage.py seed_demo`).
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django_scopes import scopes_disabled

from lotse.core.benchmarks import Report
from lotse.core.embedding import model_name
from lotse.core.models import Office
from lotse.directory import semantic
from lotse.directory.demo import _slug
from lotse.directory.demo_data.texts import TYPE_TEXTS
from lotse.directory.models import InfoPage, Organisation, Service

QUESTIONS = Path(settings.PROJECT_DIR) / "evaluation" / "routing" / "questions.json"
ASKING_OFFICE = "stuttgart"


class EvaluationError(Exception):
    """The set cannot be evaluated here (no demo directory, a label that names nothing)."""


def load(path: Path = QUESTIONS) -> list[dict]:
    return json.loads(path.read_text(encoding="utf-8"))


def _title_pattern(type_: str) -> re.Pattern[str]:
    title = TYPE_TEXTS["de"][type_][0]
    return re.compile("^" + re.escape(title).replace(re.escape("{place}"), ".+") + "$")


class Resolver:
    """Turns the set's labels into (kind, id) of this database's rows."""

    def __init__(self) -> None:
        self.organisations: dict[tuple[str, str], list[int]] = defaultdict(list)
        for pk, office, name in Organisation.objects.values_list(
            "pk", "owner_office__slug", "name"
        ):
            self.organisations[(office, _slug(name))].append(pk)
        self.german: dict[int, list[tuple[int, str]]] = defaultdict(list)
        for pk, organisation_id, title in Service.objects.filter(
            is_archived=False, translations__language="de"
        ).values_list("pk", "organisation_id", "translations__title"):
            self.german[organisation_id].append((pk, title))
        self.pages = dict(InfoPage.objects.values_list("slug", "pk"))

    def __call__(self, target: dict) -> list[tuple[str, int]]:
        if target["kind"] == "page":
            pk = self.pages.get(target["slug"])
            return [("page", pk)] if pk else []
        organisation, type_ = target["slug"].split("/")
        if type_ not in TYPE_TEXTS["de"]:
            return []
        pattern = _title_pattern(type_)
        return [
            ("service", pk)
            for organisation_id in self.organisations.get((target["office"], organisation), [])
            for pk, title in self.german[organisation_id]
            if pattern.match(title)
        ]


@dataclass
class Result:
    per_language: dict[str, list[int]] = field(
        default_factory=lambda: defaultdict(lambda: [0, 0, 0])
    )
    latencies_ms: list[float] = field(default_factory=list)
    misses: list[tuple[str, str, list[str]]] = field(default_factory=list)

    def add(self, language: str, top1: bool, top3: bool) -> None:
        for key in (language, "all"):
            counts = self.per_language[key]
            counts[0] += 1
            counts[1] += top1
            counts[2] += top3

    def share(self, language: str, which: int) -> float:
        counts = self.per_language[language]
        return 100.0 * counts[which] / counts[0] if counts[0] else 0.0

    @property
    def median_ms(self) -> float:
        return statistics.median(self.latencies_ms)

    @property
    def p95_ms(self) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def evaluate(
    questions: list[dict] | None = None,
    *,
    progress: Callable[[str], None] | None = None,
) -> Result:
    """Rank every question of the set as the portal does and score the first three answers."""
    questions = load() if questions is None else questions
    with scopes_disabled():
        office = Office.objects.filter(slug=ASKING_OFFICE).first()
        if office is None:
            raise EvaluationError("The demo directory is missing: run manage.py seed_demo first.")
        resolve = Resolver()
        built = semantic.refresh_all()
        if progress and built:
            progress(f"wrote {built} vectors that were missing or out of date")
        result = Result()
        semantic.rank("warm-up", language="de", office_id=office.pk)  # loads the model
        for row in questions:
            accepted = {
                key for target in [row["target"], *row.get("also", [])] for key in resolve(target)
            }
            if not accepted:
                raise EvaluationError(f"{row['id']}: its label names nothing in this database.")
            started = time.perf_counter()
            matches = semantic.rank(row["question"], language=row["language"], office_id=office.pk)
            result.latencies_ms.append(1000 * (time.perf_counter() - started))
            got = [(match.entry.kind, match.entry.pk) for match in matches]
            top1 = bool(got) and got[0] in accepted
            result.add(row["language"], top1, any(key in accepted for key in got[:3]))
            if not top1:
                result.misses.append((row["id"], row["question"], [f"{k} {pk}" for k, pk in got]))
    return result


#: The issue's goal: top-1 and top-3 overall, the weakest language's top-1, latency in ms.
GOAL = {"top1": 80.0, "top3": 95.0, "language_top1": 65.0, "median_ms": 50.0, "p95_ms": 150.0}


def table(result: Result) -> list[list[str]]:
    languages = sorted(key for key in result.per_language if key != "all")
    rows = [
        [language, str(result.per_language[language][0]), f"{result.share(language, 1):.1f}",
         f"{result.share(language, 2):.1f}"]
        for language in [*languages, "all"]
    ]  # fmt: skip
    return rows


def meets_goal(result: Result) -> bool:
    languages = [key for key in result.per_language if key != "all"]
    return (
        result.share("all", 1) >= GOAL["top1"]
        and result.share("all", 2) >= GOAL["top3"]
        and all(result.share(language, 1) >= GOAL["language_top1"] for language in languages)
        and result.median_ms < GOAL["median_ms"]
        and result.p95_ms < GOAL["p95_ms"]
    )


def report(result: Result) -> Report:
    goal = GOAL
    return Report(
        subject="question routing",
        columns=["language", "questions", "top-1 %", "top-3 %"],
        rows=table(result),
        conditions=[model_name()],
        notes=[
            f"latency per question (embedding, ranking, queries): median "
            f"{result.median_ms:.1f} ms, p95 {result.p95_ms:.1f} ms",
            f"goal: top-1 >= {goal['top1']:.0f} %, top-3 >= {goal['top3']:.0f} %, every language "
            f"top-1 >= {goal['language_top1']:.0f} %, median < {goal['median_ms']:.0f} ms, p95 < "
            f"{goal['p95_ms']:.0f} ms: {'met' if meets_goal(result) else 'NOT met'}",
        ],
    )
