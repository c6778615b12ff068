"""The timeline: dated events as bars on a time axis, one band per event type, in inline SVG.

Partial dates become spans (``2022-06`` covers the month, ``2025`` the year) and are drawn
hatched; reports with the same type and interval share one bar (with a count).  The caller
escapes nothing here: every string this module writes goes through ``html.escape``.
"""
from __future__ import annotations

import calendar
from dataclasses import dataclass, field
from datetime import date
from html import escape

from rasd.report.labels import label
from rasd.report.model import EventRef, event_value

WIDTH = 1000
LEFT = 110  # room for the band labels
LANE_H = 14
LANE_GAP = 4
MAX_LANES = 4
MIN_W = 5.0


@dataclass
class Bar:
    type: str
    lo: date
    hi: date
    partial: bool
    value: str
    refs: list[str] = field(default_factory=list)
    lane: int = 0


def _bound(iso: str | None, upper: bool) -> tuple[date, bool] | None:
    """The first (or last) day an ISO date can mean, and whether it is coarser than a day."""
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso.split("-")]
        y = parts[0]
        if len(parts) == 1:
            return (date(y, 12, 31) if upper else date(y, 1, 1)), True
        m = parts[1]
        if len(parts) == 2:
            return (date(y, m, calendar.monthrange(y, m)[1]) if upper else date(y, m, 1)), True
        return date(y, m, parts[2]), False
    except (ValueError, IndexError):
        return None


def interval(start: str | None, end: str | None) -> tuple[date, date, bool] | None:
    """The days ``start``..``end`` cover (either may be missing); None when undated or malformed."""
    lo = _bound(start or end, False)
    hi = _bound(end or start, True)
    if lo is None or hi is None or hi[0] < lo[0]:
        return None
    return lo[0], hi[0], lo[1] or hi[1]


def split(events: list[EventRef]) -> tuple[list[Bar], list[EventRef]]:
    """Bars for the dated events (one per type and interval) and the list of undated events."""
    bars: dict[tuple, Bar] = {}
    undated = []
    for r in events:
        iv = interval(r.ev.date.start, r.ev.date.end)
        if iv is None:
            undated.append(r)
            continue
        key = (r.ev.type, iv[0], iv[1])
        bar = bars.get(key)
        if bar is None:
            bar = bars[key] = Bar(r.ev.type, iv[0], iv[1], iv[2], event_value(r.ev) or "")
        bar.refs.append(r.ref)
    return sorted(bars.values(), key=lambda b: (b.lo, b.hi)), undated


def _ticks(lo: date, hi: date) -> list[date]:
    years = hi.year - lo.year
    if years >= 2:
        step = max(1, -(-years // 12))
        return [date(y, 1, 1) for y in range(lo.year + 1, hi.year + 1, step)]
    out, y, m = [], lo.year, lo.month
    while True:
        m += 1
        if m > 12:
            y, m = y + 1, 1
        d = date(y, m, 1)
        if d > hi:
            break
        out.append(d)
    step = max(1, -(-len(out) // 12))
    return out[::step]


def _pack(bars: list[Bar], x) -> int:
    """Give each bar a lane within its type band (greedy, at most MAX_LANES); return lanes used."""
    ends: list[float] = []
    for b in bars:
        x0 = x(b.lo)
        lane = next((i for i, e in enumerate(ends) if e + 2 <= x0), None)
        if lane is None:
            if len(ends) < MAX_LANES:
                ends.append(0.0)
                lane = len(ends) - 1
            else:
                lane = min(range(len(ends)), key=ends.__getitem__)
        b.lane = lane
        ends[lane] = max(ends[lane], x0 + max(MIN_W, x(b.hi) - x0))
    return max(1, len(ends))


def svg(events: list[EventRef], lang: str) -> str:
    """The timeline as an ``<svg>`` element (empty string when no event is dated)."""
    bars, _ = split(events)
    if not bars:
        return ""
    lo = min(b.lo for b in bars)
    hi = max(b.hi for b in bars)
    span = max(30, (hi - lo).days)
    pad = span * 0.03
    origin = lo.toordinal() - pad
    scale = (WIDTH - LEFT - 10) / (span + 2 * pad)

    def x(d: date) -> float:
        return LEFT + (d.toordinal() - origin) * scale

    types = list(dict.fromkeys(b.type for b in bars))
    parts, y = [], 6
    for t in types:
        band = [b for b in bars if b.type == t]
        lanes = _pack(band, x)
        h = lanes * (LANE_H + LANE_GAP)
        parts.append(f'<g class="tl-band"><rect class="tl-bg" x="{LEFT}" y="{y - 2}" width="{WIDTH - LEFT}" height="{h}"/>'
                     f'<text class="tl-type" x="{LEFT - 6}" y="{y + LANE_H - 3}" text-anchor="end" '
                     f'data-l="type.{escape(t)}">{escape(label("type", t, lang))}</text>')
        parts += [_bar(b, x, y, scale) for b in band]
        parts.append("</g>")
        y += h + 6
    axis = [f'<line class="tl-axis" x1="{LEFT}" y1="{y}" x2="{WIDTH}" y2="{y}"/>']
    for d in _ticks(lo, hi):
        tx = x(d)
        val = str(d.year) if d.month == 1 else f"{d.year}-{d.month:02d}"
        axis.append(f'<line class="tl-tick" x1="{tx:.1f}" y1="6" x2="{tx:.1f}" y2="{y + 4}"/>'
                    f'<text class="tl-tick-l" x="{tx:.1f}" y="{y + 16}" text-anchor="middle" data-d="{val}">{escape(val)}</text>')
    return (f'<svg class="timeline" viewBox="0 0 {WIDTH} {y + 22}" role="img" preserveAspectRatio="xMinYMin meet" '
            f'xmlns="http://www.w3.org/2000/svg">{"".join(parts)}{"".join(axis)}</svg>')


def _bar(b: Bar, x, y0: int, day: float) -> str:
    x0 = x(b.lo)
    w = max(MIN_W, x(b.hi) - x0 + day)
    y = y0 + b.lane * (LANE_H + LANE_GAP)
    cls = f"tl-mark t-{escape(b.type)}" + (" partial" if b.partial else "")
    count = f'<text class="tl-n" x="{x0 + w + 2:.1f}" y="{y + LANE_H - 3}">×{len(b.refs)}</text>' if len(b.refs) > 1 else ""
    return (f'<g class="tl-item" data-jump="{escape(b.refs[0])}" data-refs="{escape(" ".join(b.refs))}" tabindex="0">'
            f'<title>{escape(b.type)} · {escape(b.value)}</title>'
            f'<rect class="{cls}" x="{x0:.1f}" y="{y}" width="{w:.1f}" height="{LANE_H}" rx="2"/>{count}</g>')
