"""Small hand-written charts: Unicode sparklines for Markdown, inline SVG line charts for HTML.

No plotting library and nothing fetched: a report must open offline, print, and be diffable
as a golden file, so the SVG is plain text built from fixed-precision numbers.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

BARS = "▁▂▃▄▅▆▇█"

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 56, 130, 16, 44
MAX_X_LABELS = 9


@dataclass(frozen=True)
class Line:
    label: str
    colour: str
    values: tuple[float, ...]
    dashed: bool = False


def sparkline(values: Sequence[float]) -> str:
    """One block character per value, scaled to the row's own range to show its trend
    (a flat row stays at mid-height rather than looking like a collapse)."""
    low, high = min(values), max(values)
    if high - low < 1e-9:
        return BARS[len(BARS) // 2 - 1] * len(values)
    top = len(BARS) - 1
    return "".join(BARS[round((v - low) / (high - low) * top)] for v in values)


def line_chart(title: str, x_labels: Sequence[str], lines: Sequence[Line], y_label: str,
               y_range: tuple[float, float] | None = None, tick: str = "g") -> str:
    """An SVG line chart with axes, tick labels, a y-axis title and a legend at the right."""
    e = html.escape
    values = [v for line in lines for v in line.values]
    low, high = y_range if y_range is not None else _nice(min(values), max(values))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    step = plot_w / max(len(x_labels) - 1, 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(v: float) -> float:
        return TOP + plot_h * (1 - (v - low) / (high - low))

    parts = [f'<svg viewBox="0 0 {WIDTH} {HEIGHT}" '
             f'width="100%" role="img" aria-label="{e(title)}" font-family="sans-serif" '
             f'font-size="11"><title>{e(title)}</title>']
    for k in range(5):
        v = low + (high - low) * k / 4
        parts.append(f'<line x1="{LEFT}" y1="{y(v):.1f}" x2="{LEFT + plot_w}" y2="{y(v):.1f}" '
                     f'stroke="#ddd"/><text x="{LEFT - 6}" y="{y(v) + 4:.1f}" '
                     f'text-anchor="end">{format(v, tick)}</text>')
    stride = -(-len(x_labels) // MAX_X_LABELS)  # thin the labels of a long game
    for i, name in list(enumerate(x_labels))[::stride]:
        parts.append(f'<text x="{x(i):.1f}" y="{TOP + plot_h + 16}" '
                     f'text-anchor="middle">{e(name)}</text>')
    parts.append(f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#333"/>'
                 f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" '
                 f'y2="{TOP + plot_h}" stroke="#333"/>')
    parts.append(f'<text x="{LEFT + plot_w / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle">'
                 f'turn (end of quarter)</text><text x="14" y="{TOP + plot_h / 2:.1f}" '
                 f'text-anchor="middle" transform="rotate(-90 14 {TOP + plot_h / 2:.1f})">'
                 f'{e(y_label)}</text>')
    for n, line in enumerate(lines):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(line.values))
        dash = ' stroke-dasharray="6 4"' if line.dashed else ""
        parts.append(f'<polyline points="{points}" fill="none" stroke="{line.colour}" '
                     f'stroke-width="2"{dash}/>')
        if not line.dashed:
            parts += [f'<circle cx="{x(i):.1f}" cy="{y(v):.1f}" r="2.5" fill="{line.colour}"/>'
                      for i, v in enumerate(line.values)]
        ly = TOP + 8 + n * 16
        parts.append(f'<line x1="{WIDTH - RIGHT + 12}" y1="{ly}" x2="{WIDTH - RIGHT + 30}" '
                     f'y2="{ly}" stroke="{line.colour}" stroke-width="3"{dash}/>'
                     f'<text x="{WIDTH - RIGHT + 36}" y="{ly + 4}">{e(line.label)}</text>')
    parts.append("</svg>")
    return "".join(parts)


def _nice(low: float, high: float) -> tuple[float, float]:
    """A y range covering the data whose four gridline steps are round (1, 2, 2.5, 5 × 10^k),
    so tick labels read as whole numbers."""
    span = max(high - low, abs(high) * 0.1, 1.0)
    scale = 10 ** math.floor(math.log10(span / 4))
    for factor in (1, 2, 2.5, 5, 10, 20):
        step = factor * scale
        start = math.floor(low / step) * step
        if start + 4 * step >= high:
            return start, start + 4 * step
    return low, high


@dataclass(frozen=True)
class Bar:
    """One row of a tornado chart: the outcome at the figure's low and high ends."""

    label: str
    low: float
    high: float


def tornado_chart(title: str, base: float, bars: Sequence[Bar], x_label: str) -> str:
    """An SVG tornado chart: one row per figure, largest swing first, a bar from the outcome
    at the low end to the outcome at the high end around the base run's value."""
    e = html.escape
    rows = sorted(bars, key=lambda b: -abs(b.high - b.low))
    values = [base, *(v for b in rows for v in (b.low, b.high))]
    low, high = _nice(min(values), max(values))
    label_w, row_h = 230, 18
    plot_w = WIDTH - label_w - 20
    height = TOP + row_h * len(rows) + BOTTOM

    def x(v: float) -> float:
        return label_w + plot_w * (v - low) / (high - low)

    parts = [f'<svg viewBox="0 0 {WIDTH} {height}" width="100%" role="img" '
             f'aria-label="{e(title)}" font-family="sans-serif" font-size="11">'
             f'<title>{e(title)}</title>']
    for n, bar in enumerate(rows):
        y = TOP + n * row_h
        left, right = sorted((bar.low, bar.high))
        parts.append(f'<text x="{label_w - 6}" y="{y + 12}" text-anchor="end">'
                     f'{e(bar.label)}</text>'
                     f'<rect x="{x(left):.1f}" y="{y + 3}" width="{max(x(right) - x(left), 1):.1f}"'
                     f' height="{row_h - 6}" fill="#4a7ab5"/>'
                     f'<circle cx="{x(bar.low):.1f}" cy="{y + row_h / 2:.1f}" r="2.5" '
                     f'fill="#222"/>')
    bottom = TOP + row_h * len(rows)
    parts.append(f'<line x1="{x(base):.1f}" y1="{TOP}" x2="{x(base):.1f}" y2="{bottom}" '
                 f'stroke="#333"/><line x1="{label_w}" y1="{bottom}" '
                 f'x2="{label_w + plot_w}" y2="{bottom}" stroke="#333"/>')
    for k in range(5):
        v = low + (high - low) * k / 4
        parts.append(f'<text x="{x(v):.1f}" y="{bottom + 14}" text-anchor="middle">'
                     f'{format(v, "g")}</text>')
    parts.append(f'<text x="{label_w + plot_w / 2:.1f}" y="{height - 8}" '
                 f'text-anchor="middle">{e(x_label)} (dot: the figure at its low end)</text>'
                 "</svg>")
    return "".join(parts)
