"""Bar charts as inline SVG, drawn by the application itself: no script, no CDN, sharp in print.

Each chart carries a <title> and <desc> (read by screen readers through ``aria-labelledby``), prints
every bar's number beside it, and gives each segment its figure in ``data-value``; the page puts
the same numbers in a table under it. Colours come from classes (``series-0``, ``series-1``) that
the stylesheet fills, darker and lighter so that they stay apart in black-and-white print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH = 640
ROW = 30  # a horizontal bar's band
BAR = 18
FONT = 13  # px; a CJK character is about this wide
VALUE_SPACE = 70  # right of the longest bar, for its number
COLUMN_HEIGHT = 200  # the plot of a column chart
COLUMN_GAP = 0.35  # of each column's band
LEGEND = 24


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    values: tuple[int, ...]  # one per series, stacked in order

    @property
    def total(self) -> int:
        return sum(self.values)


@dataclass(frozen=True, slots=True)
class Chart:
    slug: str  # unique on the page: the ids of the title and description
    title: str
    description: str
    series: tuple[str, ...]  # the name of each stacked part
    bars: tuple[Bar, ...]

    @property
    def largest(self) -> int:
        return max((bar.total for bar in self.bars), default=0)


def horizontal(chart: Chart) -> SafeString:
    """One bar per row, labels on the left, the total printed at each bar's end."""
    label_width = min(max((len(bar.label) for bar in chart.bars), default=4), 16) * FONT + 12
    plot = WIDTH - label_width - VALUE_SPACE
    legend = LEGEND if len(chart.series) > 1 else 0
    height = legend + ROW * len(chart.bars) + 4
    parts = [_open(chart, height), *_legend(chart, legend)]
    for index, bar in enumerate(chart.bars):
        top = legend + index * ROW
        middle = top + ROW / 2
        parts.append(
            f'<text class="label" x="{label_width - 8}" y="{middle:.1f}" text-anchor="end" '
            f'dominant-baseline="central">{escape(bar.label)}</text>'
        )
        x = float(label_width)
        for series, value in enumerate(bar.values):
            width = _scaled(value, chart.largest, plot)
            parts.append(
                f'<rect class="series-{series}" x="{x:.1f}" y="{middle - BAR / 2:.1f}" width="{width:.1f}" '
                f'height="{BAR}" data-value="{value}"><title>{escape(bar.label)} '
                f"{escape(chart.series[series])} {value}</title></rect>"
            )
            x += width
        parts.append(
            f'<text class="value" x="{x + 6:.1f}" y="{middle:.1f}" '
            f'dominant-baseline="central">{bar.total}</text>'
        )
    return _close(parts)


def columns(chart: Chart) -> SafeString:
    """One column per bar (e.g. per year), the label under it and the total above it."""
    legend = LEGEND if len(chart.series) > 1 else 0
    top = legend + FONT + 8
    height = top + COLUMN_HEIGHT + FONT + 12
    band = WIDTH / max(len(chart.bars), 1)
    parts = [_open(chart, height), *_legend(chart, legend)]
    base = top + COLUMN_HEIGHT
    parts.append(f'<line class="axis" x1="0" y1="{base}" x2="{WIDTH}" y2="{base}"/>')
    for index, bar in enumerate(chart.bars):
        left = index * band + band * COLUMN_GAP / 2
        width = band * (1 - COLUMN_GAP)
        y = float(base)
        for series, value in enumerate(bar.values):
            size = _scaled(value, chart.largest, COLUMN_HEIGHT)
            y -= size
            parts.append(
                f'<rect class="series-{series}" x="{left:.1f}" y="{y:.1f}" width="{width:.1f}" '
                f'height="{size:.1f}" data-value="{value}"><title>{escape(bar.label)} '
                f"{escape(chart.series[series])} {value}</title></rect>"
            )
        middle = left + width / 2
        parts.append(
            f'<text class="value" x="{middle:.1f}" y="{y - 6:.1f}" text-anchor="middle">{bar.total}</text>'
        )
        parts.append(
            f'<text class="label" x="{middle:.1f}" y="{base + FONT + 6}" '
            f'text-anchor="middle">{escape(bar.label)}</text>'
        )
    return _close(parts)


def _scaled(value: int, largest: int, length: float) -> float:
    return 0.0 if largest <= 0 or value <= 0 else length * value / largest


def _open(chart: Chart, height: float) -> str:
    slug = escape(chart.slug)
    return (
        f'<svg class="chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" role="img" aria-labelledby="{slug}-title {slug}-desc" '
        f'font-size="{FONT}"><title id="{slug}-title">{escape(chart.title)}</title>'
        f'<desc id="{slug}-desc">{escape(chart.description)}</desc>'
    )


def _legend(chart: Chart, height: int) -> Sequence[str]:
    if not height:
        return []
    parts, x = [], 0
    for series, name in enumerate(chart.series):
        parts.append(f'<rect class="series-{series}" x="{x}" y="4" width="14" height="14"/>')
        parts.append(
            f'<text class="legend" x="{x + 20}" y="11" dominant-baseline="central">{escape(name)}</text>'
        )
        x += 20 + (len(name) + 2) * FONT
    return parts


def _close(parts: list[str]) -> SafeString:
    return mark_safe("".join(parts) + "</svg>")  # every text and attribute above is escaped
