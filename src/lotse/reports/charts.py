"""Charts drawn on the server as SVG: no script, no font or image from elsewhere.

Each function takes the numbers and returns a safe SVG string, ready for a template or the
PDF. The charts are readable without colour: every bar, column and point carries its value as
text, categories are named next to their bars, "all others" is a line of italic text rather
than a bar, and the one ink colour stands out from the white ground (10:1). An SVG with
`role="img"` is one image for a screen reader, named by its `<title>` and `<desc>`; the data
table the page shows with each chart carries the numbers for them.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

#: System fonts only: nothing is fetched.
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
#: Text: 15.4:1 on white.
INK = "#212529"
#: Axis labels: 7.8:1 on white.
MUTED = "#495057"
#: Bars, columns and lines: 10.4:1 on white (non-text contrast needs 3:1).
FILL = "#0a3d91"
#: Grid lines are decoration: the values are written on the marks.
GRID = "#dee2e6"

FONT_SIZE = 13
SMALL = 11
#: Average advance of a sans-serif glyph as a share of the font size (for layout estimates).
GLYPH = 0.58


@dataclass(frozen=True)
class Bar:
    """One category of a bar chart: its label, its value, and an optional note ("35.2 %")."""

    label: str
    value: int
    note: str = ""
    #: The remainder ("all others"): written out, not drawn, so it is not read as a category.
    other: bool = False


def fmt(value: int | float, decimals: int = 0) -> str:
    """A number in the active language's notation, thousands grouped (1,234 / 1.234).

    Rounded half up first: number_format cuts surplus decimals off (35.19999 would be 35.1).
    """
    rounded = Decimal(repr(value)).quantize(Decimal(1).scaleb(-decimals), ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=decimals, force_grouping=True)


def percent(share: float | None, decimals: int = 1) -> str:
    """A share (0.352) as "35.2 %"; a dash when there is no total to share."""
    if share is None:
        return "–"
    return f"{fmt(share * 100, decimals)}\u00a0%"


def _text_width(text: str, size: int = FONT_SIZE) -> float:
    return len(text) * size * GLYPH


def _clip(text: str, width: float, size: int = FONT_SIZE) -> str:
    """The text, cut with an ellipsis where it would be wider than `width`."""
    fits = max(int(width / (size * GLYPH)), 4)
    return text if len(text) <= fits else text[: fits - 1].rstrip() + "…"


def _ident(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1(repr(parts).encode(), usedforsecurity=False).hexdigest()[:10]
    return f"{prefix}-{digest}"


def _num(value: float) -> str:
    """A coordinate: short and locale-free."""
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _open(ident: str, width: float, height: float, title: str, description: str) -> list[str]:
    described = f" {ident}-desc" if description else ""
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" id="{escape(ident)}" '
        f'role="img" aria-labelledby="{escape(ident)}-title{escape(described)}" '
        f'viewBox="0 0 {_num(width)} {_num(height)}" width="{_num(width)}" '
        f'height="{_num(height)}" font-family="{escape(FONT)}" font-size="{FONT_SIZE}" '
        f'fill="{INK}">',
        f'<title id="{escape(ident)}-title">{escape(title)}</title>',
    ]
    if description:
        parts.append(f'<desc id="{escape(ident)}-desc">{escape(description)}</desc>')
    return parts


def _empty(parts: list[str], width: float, height: float) -> SafeString:
    parts.append(
        f'<text x="{_num(width / 2)}" y="{_num(height / 2 + 4)}" text-anchor="middle" '
        f'fill="{MUTED}">{escape(_("No data for this period."))}</text></svg>'
    )
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def bar_chart(
    bars: Sequence[Bar],
    *,
    title: str,
    description: str = "",
    ident: str | None = None,
    width: int = 640,
) -> SafeString:
    """Horizontal bars, one per category, labelled with its name and value.

    A remainder (`Bar(other=True)`, "all 132 others") is written as a line of text under the
    bars, without a bar of its own: summed over many categories it would dwarf them all.
    """
    ident = ident or _ident("chart", title, [(b.label, b.value, b.note) for b in bars])
    row, bar_height, top = 26, 18, 6
    height = top * 2 + row * len(bars) if bars else 48
    parts = _open(ident, width, height, title, description)
    if not bars:
        return _empty(parts, width, height)
    values = [_value_label(bar) for bar in bars]
    label_width = min(max(_text_width(bar.label) for bar in bars) + 10, width * 0.38)
    label_width = max(label_width, 60)
    value_width = max(_text_width(value) for value in values) + 10
    span = max(width - label_width - value_width - 4, 40)
    largest = max(max((bar.value for bar in bars if not bar.other), default=0), 1)
    drawn = sum(1 for bar in bars if not bar.other)
    # The axis the bars grow from.
    parts.append(
        f'<line x1="{_num(label_width)}" y1="{top}" x2="{_num(label_width)}" '
        f'y2="{top + row * drawn}" stroke="{MUTED}" stroke-width="1"/>'
    )
    for index, (bar, value) in enumerate(zip(bars, values, strict=True)):
        y = top + index * row
        middle = y + row / 2 + FONT_SIZE * 0.35
        label = _clip(bar.label, label_width - 10)
        parts.append('<g class="chart-bar">')
        style = ' font-style="italic"' if bar.other else ""
        parts.append(
            f'<text x="{_num(label_width - 6)}" y="{_num(middle)}" text-anchor="end"{style}>'
            f"{escape(label)}</text>"
        )
        length = 0.0
        if not bar.other:
            length = span * max(bar.value, 0) / largest
            parts.append(
                f'<rect x="{_num(label_width)}" y="{_num(y + (row - bar_height) / 2)}" '
                f'width="{_num(length)}" height="{bar_height}" fill="{FILL}"/>'
            )
        parts.append(
            f'<text x="{_num(label_width + length + 5)}" y="{_num(middle)}"{style}>'
            f"{escape(value)}</text>"
        )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped


def _value_label(bar: Bar) -> str:
    return f"{fmt(bar.value)} ({bar.note})" if bar.note else fmt(bar.value)


def nice_ticks(largest: float, count: int = 4) -> list[int]:
    """Round steps (1, 2, 5 × 10ⁿ) from 0 to at least `largest`."""
    if largest <= 0:
        return [0, 1]
    raw = largest / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= raw)
    step = max(int(step), 1)
    top = math.ceil(largest / step) * step
    return list(range(0, top + step, step))


def time_chart(
    points: Sequence[tuple[str, int]],
    *,
    title: str,
    description: str = "",
    style: str = "columns",
    ident: str | None = None,
) -> SafeString:
    """A figure over time: columns (default) or a line, each point labelled with its value.

    A label may hold a line break ("Jan\\n2026") for a second line under the axis.
    """
    if style not in ("columns", "line"):
        raise ValueError(f"unknown chart style {style!r}")
    ident = ident or _ident("chart", title, style, list(points))
    count = len(points)
    left, right, top, bottom = 56, 16, 28, 44
    width = max(640, left + right + count * 56)
    height = 280
    parts = _open(ident, width, height, title, description)
    if not points:
        return _empty(parts, width, height)
    plot_width = width - left - right
    plot_height = height - top - bottom
    ticks = nice_ticks(max(value for _label, value in points))
    ceiling = ticks[-1]
    base = top + plot_height

    def y_of(value: float) -> float:
        return base - plot_height * value / ceiling

    for tick in ticks:
        y = y_of(tick)
        parts.append(
            f'<line x1="{left}" y1="{_num(y)}" x2="{_num(width - right)}" y2="{_num(y)}" '
            f'stroke="{MUTED if tick == 0 else GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{_num(y + SMALL * 0.35)}" text-anchor="end" '
            f'font-size="{SMALL}" fill="{MUTED}">{escape(fmt(tick))}</text>'
        )
    slot = plot_width / count
    centres = [left + slot * (index + 0.5) for index in range(count)]
    if style == "line" and count > 1:
        line = " ".join(
            f"{_num(x)},{_num(y_of(value))}"
            for x, (_label, value) in zip(centres, points, strict=True)
        )
        parts.append(
            f'<polyline points="{line}" fill="none" stroke="{FILL}" stroke-width="2.5" '
            f'stroke-linejoin="round"/>'
        )
    for x, (label, value) in zip(centres, points, strict=True):
        y = y_of(max(value, 0))
        parts.append('<g class="chart-point">')
        if style == "columns":
            column = min(slot * 0.62, 64)
            parts.append(
                f'<rect x="{_num(x - column / 2)}" y="{_num(y)}" width="{_num(column)}" '
                f'height="{_num(base - y)}" fill="{FILL}"/>'
            )
        else:
            parts.append(
                f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4" fill="#ffffff" '
                f'stroke="{FILL}" stroke-width="2.5"/>'
            )
        parts.append(
            f'<text x="{_num(x)}" y="{_num(y - 6)}" text-anchor="middle" font-size="{SMALL}">'
            f"{escape(fmt(value))}</text>"
        )
        lines = str(label).split("\n")
        spans = "".join(
            f'<tspan x="{_num(x)}" dy="{0 if index == 0 else SMALL + 2}">'
            f"{escape(_clip(line, slot - 2, SMALL))}</tspan>"
            for index, line in enumerate(lines)
        )
        parts.append(
            f'<text x="{_num(x)}" y="{_num(base + SMALL + 6)}" text-anchor="middle" '
            f'font-size="{SMALL}" fill="{MUTED}">{spans}</text>'
        )
        parts.append("</g>")
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
