"""The directory-search benchmark, run end to end with a tiny directory on the test database."""

from __future__ import annotations

import math

import pytest

from lotse.core.benchmarks import BenchOptions, discover, format_report
from lotse.directory import benchmarks
from lotse.directory.benchmarks import LANGUAGES, PAGES, QUERIES, directory_search
from lotse.directory.models import Organisation, Service, ServiceSearchEntry

pytestmark = pytest.mark.django_db

HEADER = ["lang", "hits", "median", "ms", "p95", "ms", "top", "topic", "query"]


def _figure(text: str) -> float:
    value = float(text)
    assert math.isfinite(value)
    assert value >= 0
    return value


def test_directory_search_prints_figures_for_every_query_and_page() -> None:
    assert discover()["directory-search"] is directory_search

    report = directory_search(BenchOptions(timeout=120), size=40, repetitions=2)
    lines = format_report(report)

    assert lines[0].startswith("directory-search (portal search, in-process), ")
    assert lines[0].endswith(f", 40 services in {len(LANGUAGES)} languages, 2 runs")
    assert lines[1].split() == HEADER
    rows = lines[2 : 2 + len(QUERIES)]
    for line, (language, query) in zip(rows, QUERIES, strict=True):
        lang, hits, median, p95, top_topic, text = line.split(maxsplit=5)
        assert (lang, text) == (language, query)
        assert int(hits) >= 0
        assert _figure(median) <= _figure(p95)
        assert top_topic
    overall = lines[2 + len(QUERIES)].split(maxsplit=5)
    assert overall[0] == "all"
    assert _figure(overall[2]) <= _figure(overall[3])
    assert overall[5] == f"{len(QUERIES)} queries x 2 runs"

    notes = "\n".join(lines[3 + len(QUERIES) :])
    assert "generated: 8 organisations, 40 services, 400 texts, 400 search entries" in notes
    assert "goal p95 < 50 ms: " in notes
    for name, _query, _with_id in PAGES:
        page_line = next(line for line in lines if line.strip().startswith(name))
        # Queries before and after growing the directory, or why the page could not be counted.
        assert page_line.rstrip().endswith(("constant", "page not available")) or (
            " HTTP " in page_line
        ), page_line


def test_the_generated_directory_is_found_by_what_newcomers_type() -> None:
    report = directory_search(BenchOptions(timeout=120), size=40, repetitions=1)
    top = {row[5]: (int(row[1]), row[4]) for row in report.rows[: len(QUERIES)]}
    for query, topic in [
        ("Anerkennung Pflegefachkraft", "recognition"),
        ("recognition nurse diploma", "recognition"),
        ("языковые курсы", "language"),
        ("Kita Platz", "family"),
    ]:
        hits, top_topic = top[query]
        assert hits > 0, query
        assert any(slug.startswith(topic) for slug in top_topic.split("+")), (query, top_topic)


def test_nothing_generated_stays_in_the_database() -> None:
    directory_search(BenchOptions(timeout=120), size=12, repetitions=1)
    assert not Organisation.objects.filter(name__startswith="Bench ").exists()
    assert not Service.objects.exists()
    assert not ServiceSearchEntry.objects.exists()


def test_a_page_that_does_not_exist_yet_is_reported_not_counted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(benchmarks, "PAGES", (("portal:not-written-yet", "", False),))
    assert benchmarks.count_page_queries(service_id=1) == [("-", "page not available")]
