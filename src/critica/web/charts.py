"""Chart geometry for inline SVG: a histogram of review scores and a timeline of reviews.

Only numbers and short labels are computed here; the template draws them, escaping every
label, so a chart needs no JavaScript and no library.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

WIDTH, HEIGHT = 360, 160
_PAD_LEFT, _PAD_BOTTOM, _PAD_TOP = 28, 22, 10


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    count: int
    label: str  # "60–69"
    band: str  # css class: good, mixed, bad


@dataclass(frozen=True)
class Histogram:
    bars: tuple[Bar, ...]
    n: int
    max_count: int
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - _PAD_BOTTOM


def _band(score: float) -> str:
    return "good" if score >= 61 else "mixed" if score >= 40 else "bad"


def histogram(scores: list[float | None]) -> Histogram:
    """Ten bins of ten points (the last holds 90-100)."""
    counts = [0] * 10
    for score in scores:
        if score is not None:
            counts[min(9, max(0, int(score // 10)))] += 1
    top = max(counts) or 1
    plot_w = WIDTH - _PAD_LEFT - 4
    plot_h = HEIGHT - _PAD_BOTTOM - _PAD_TOP
    step = plot_w / 10
    bars = []
    for i, count in enumerate(counts):
        h = plot_h * count / top
        bars.append(Bar(
            x=round(_PAD_LEFT + i * step + 1, 1), y=round(HEIGHT - _PAD_BOTTOM - h, 1),
            width=round(step - 2, 1), height=round(h, 1), count=count,
            label=f"{i * 10}–{i * 10 + 9 if i < 9 else 100}", band=_band(i * 10 + 5),
        ))
    return Histogram(tuple(bars), sum(counts), max(counts))


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    label: str  # "2012-11-23 · The Guardian · 80"
    verdict: str


@dataclass(frozen=True)
class Timeline:
    dots: tuple[Dot, ...]
    first: str | None
    last: str | None
    undated: int
    width: int = WIDTH
    height: int = HEIGHT
    baseline: float = HEIGHT - _PAD_BOTTOM
    left: int = _PAD_LEFT


def _parse_date(text: str | None) -> date | None:
    if not text:
        return None
    parts = text[:10].split("-")
    try:
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else 7
        day = int(parts[2]) if len(parts) > 2 else 1
        return date(year, month, day)
    except (ValueError, IndexError):
        return None


def timeline(points: list[tuple[str | None, float | None, str | None, str | None]]) -> Timeline:
    """Reviews placed by date (x) and score (y); those without a date or score are counted."""
    dated = [(d, s, v, who) for text, s, v, who in points
             if (d := _parse_date(text)) is not None and s is not None]
    undated = len(points) - len(dated)
    if not dated:
        return Timeline((), None, None, undated)
    first = min(d for d, *_ in dated)
    last = max(d for d, *_ in dated)
    span = max(1, (last - first).days)
    plot_w = WIDTH - _PAD_LEFT - 12
    plot_h = HEIGHT - _PAD_BOTTOM - _PAD_TOP
    dots = []
    for d, score, verdict, who in sorted(dated, key=lambda p: p[0]):
        x = _PAD_LEFT + 6 + (plot_w * (d - first).days / span if last != first else plot_w / 2)
        y = HEIGHT - _PAD_BOTTOM - plot_h * float(score) / 100
        label = " · ".join(p for p in (d.isoformat(), who, f"{round(float(score))}") if p)
        dots.append(Dot(round(x, 1), round(y, 1), label, verdict or "unknown"))
    return Timeline(tuple(dots), first.isoformat(), last.isoformat(), undated)
