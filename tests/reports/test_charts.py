"""The server-side SVG charts: valid SVG, named for screen readers, values written as text."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
from django.utils import translation

from lotse.reports import charts
from lotse.reports.charts import Bar

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg: str) -> ET.Element:
    root = ET.fromstring(svg)  # noqa: S314 - our own output, the point of the test
    assert root.tag == f"{SVG}svg"
    return root


def texts(root: ET.Element) -> list[str]:
    return ["".join(element.itertext()).strip() for element in root.iter(f"{SVG}text")]


def test_a_bar_chart_is_valid_svg_named_by_its_title_and_description() -> None:
    svg = charts.bar_chart(
        [Bar("Syria", 120, "40.0 %"), Bar("Poland", 90)],
        title="Countries of origin",
        description="Two categories.",
        ident="chart-countries",
    )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "chart-countries-title chart-countries-desc"
    assert root.find(f"{SVG}title").text == "Countries of origin"
    assert root.find(f"{SVG}title").get("id") == "chart-countries-title"
    assert root.find(f"{SVG}desc").text == "Two categories."
    assert root.get("viewBox")


def test_every_bar_carries_its_label_and_value_as_text() -> None:
    with translation.override("en"):
        svg = charts.bar_chart(
            [Bar("Syria", 1234, "40.0 %"), Bar("Poland", 90), Bar("Nothing", 0)], title="Countries"
        )
    root = parse(svg)
    words = texts(root)
    assert "Syria" in words and "Poland" in words and "Nothing" in words
    assert "1,234 (40.0 %)" in words
    assert "90" in words and "0" in words
    assert len(root.findall(f".//{SVG}rect")) == 3


def test_bars_are_as_long_as_their_values() -> None:
    root = parse(charts.bar_chart([Bar("a", 100), Bar("b", 50)], title="t"))
    widths = [float(rect.get("width")) for rect in root.iter(f"{SVG}rect")]
    assert widths[0] == pytest.approx(2 * widths[1], rel=0.01)


def test_numbers_follow_the_language() -> None:
    with translation.override("de"):
        svg = charts.bar_chart([Bar("Syrien", 1234, charts.percent(0.352))], title="Länder")
    assert "1.234 (35,2\u00a0%)" in texts(parse(svg))


def test_all_others_are_written_out_not_drawn_as_one_more_bar() -> None:
    with translation.override("en"):
        root = parse(
            charts.bar_chart(
                [Bar("a", 5), Bar("b", 2), Bar("All 30 others", 400, other=True)], title="t"
            )
        )
    rects = root.findall(f".//{SVG}rect")
    assert len(rects) == 2
    # The largest category, not the remainder, sets the scale.
    assert float(rects[0].get("width")) > 300
    assert {"All 30 others", "400"} <= set(texts(root))


def test_labels_are_escaped_and_long_ones_shortened() -> None:
    svg = charts.bar_chart(
        [Bar("<script>alert(1)</script> & co", 3), Bar("x" * 200, 2)], title="A & <B>"
    )
    root = parse(svg)  # would fail on unescaped markup
    assert "<script>" not in svg
    assert root.find(f"{SVG}title").text == "A & <B>"
    assert any(text.endswith("…") and len(text) < 100 for text in texts(root))


def test_an_empty_bar_chart_says_so() -> None:
    with translation.override("en"):
        root = parse(charts.bar_chart([], title="Nothing"))
    assert texts(root) == ["No data for this period."]


@pytest.mark.parametrize("style", ["columns", "line"])
def test_a_time_chart_writes_each_value_and_period(style: str) -> None:
    points = [("Jan\n2026", 12), ("Feb\n2026", 1500), ("Mar\n2026", 0)]
    with translation.override("en"):
        svg = charts.time_chart(
            points, title="Consultations", description="Per month.", style=style
        )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.find(f"{SVG}title").text == "Consultations"
    words = texts(root)
    assert {"12", "1,500", "0"} <= set(words)
    assert {"Jan2026", "Feb2026", "Mar2026"} <= set(words)  # two tspans: month over year
    if style == "columns":
        assert len(root.findall(f".//{SVG}g/{SVG}rect")) == 3
    else:
        assert root.find(f"{SVG}polyline") is not None
        assert len(root.findall(f".//{SVG}circle")) == 3


def test_a_time_chart_with_many_points_grows_wider_instead_of_crowding() -> None:
    few = parse(charts.time_chart([(str(n), n) for n in range(4)], title="t"))
    many = parse(charts.time_chart([(str(n), n) for n in range(36)], title="t"))
    assert float(many.get("width")) > float(few.get("width"))


def test_an_unknown_chart_style_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        charts.time_chart([("a", 1)], title="t", style="pie")


def test_ticks_are_round_and_reach_the_largest_value() -> None:
    assert charts.nice_ticks(0) == [0, 1]
    assert charts.nice_ticks(3) == [0, 1, 2, 3]
    assert charts.nice_ticks(1234) == [0, 500, 1000, 1500]
    ticks = charts.nice_ticks(97)
    assert ticks[0] == 0 and ticks[-1] >= 97 and len(ticks) <= 6


def test_charts_fetch_nothing_and_run_nothing() -> None:
    svg = charts.bar_chart([Bar("a", 1)], title="t") + charts.time_chart([("a", 1)], title="t")
    assert "<script" not in svg and 'href="http' not in svg and "@import" not in svg
    assert "url(http" not in svg
