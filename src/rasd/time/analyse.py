"""Document-level time analysis: expressions with values, and the publication window.

``find_times`` is the pure text function; ``analyse`` fills ``doc.times`` and ``doc.published``;
``refine_published`` re-runs the analysis with dates of the article's events learnt elsewhere
(another document about the same event), for the cross-document stage.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rasd.doc import Document, Published, TimeExpr
from rasd.time.lexicon import Lexicon
from rasd.time.model import Anchor, Sem, as_anchor
from rasd.time.recognize import _fold_chars, fold_text, recency_cues, recognize
from rasd.time.resolve import interval, partial_value, resolve
from rasd.time.patterns import patterns
from rasd.time.window import Window, infer

META_BASIS = "publication date given with the input"


@dataclass(frozen=True)
class DatedFact:
    """A date of one of the article's events, learnt outside its text.

    ``start``/``end`` are ISO values (day, month or year); ``span`` is the raw span of the
    article's own expression for that date when it has one (e.g. "13 و14 من يونيو الجاري", whose
    year the text lacks), else None (the event is reported, as past, without a date).
    """

    start: str
    end: str
    span: tuple[int, int] | None = None
    source: str = ""


def _to_expr(a: int, b: int, text: str, sem: Sem, anchor: Anchor | None) -> TimeExpr:
    v = resolve(sem, anchor)
    return TimeExpr(a, b, text, v.start, v.end, v.grain if v.start else sem.grain, sem.kind, sem.rule,
                    v.anchor, v.weekday_ok, v.note, partial_value(sem))


def find_times(text: str, anchor=None, base: int = 0) -> list[TimeExpr]:
    """Every temporal expression of ``text`` with its value against ``anchor``.

    ``anchor``: an ``Anchor``, a ``date``, an ISO string or None; ``base`` is added to offsets
    (pass a line's start offset to get offsets into the whole raw text).
    """
    anc = as_anchor(anchor)
    return [_to_expr(a + base, b + base, text[a:b], sem, anc) for a, b, sem in recognize(text)]


def _parse_meta(value) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value).strip()[:10])
    except ValueError:
        return None


def _dateline(doc: Document, known: dict[int, list] | None = None) -> tuple[date, str] | None:
    """A date after a publication cue ("نشر في"), or a short line near the top that is only a date
    (what is left around the date -- a city, a clock time, punctuation -- is short)."""
    lx, pt = Lexicon.get(), patterns()
    lines = [ln for ln in (doc.lines or doc.content) if ln.text.strip()]
    limit = int(lx.params.get("dateline_first_lines", 8))
    max_chars = int(lx.params.get("dateline_max_chars", 60))
    known = known or {}
    any_cue = pt.dateline_cue_any.search(_fold_chars(doc.raw)) is not None
    for i, ln in enumerate(lines):
        if i >= limit and not (any_cue and pt.dateline_cue_any.search(_fold_chars(ln.text))):
            continue
        folded, idx = fold_text(ln.text)
        found = known.get(ln.start)
        days = _day_dates(found if found is not None else recognize(ln.text, (folded, idx)))
        for a, b, day in days:
            cue = pt.dateline_cue.search(ln.text[:a].rstrip() + " ") or pt.dateline_cue.search(folded[:a])
            if cue or (i < limit and len(ln.text) <= max_chars and _alone(ln.text, days, day)):
                return day, ln.text
    return None


def _day_dates(found) -> list[tuple[int, int, date]]:
    """The explicit one-day dates among recognised items (no deictic word): dateline candidates."""
    out = []
    for a, b, sem in found:
        iv = interval(sem, None)
        if iv is None or sem.grain != "day" or iv[1] != iv[0] or sem.mode != "abs" or sem.deictic is not None:
            continue
        out.append((a, b, iv[0]))
    return out


def _alone(text: str, days: list[tuple[int, int, date]], day: date) -> bool:
    """True when the line is only the date: what is left once every date of the line giving the same
    day (a Hijri and a Gregorian form: "الأربعاء 12 رمضان 1446 هـ - 12 مارس 2025"), clock times,
    and tatweel are cut is at most ``_REST_MAX_WORDS`` words (a one-word city and a separator)."""
    if any(d != day for _, _, d in days):
        return False
    kept, pos = [], 0
    for a, b, _ in days:
        kept.append(text[pos:a])
        pos = b
    kept.append(text[pos:])
    rest = patterns().clock.sub("", " ".join(kept)).replace("\u0640", "").replace("|", " ")
    return len(rest.split()) <= _REST_MAX_WORDS


_REST_MAX_WORDS = 2  # a one-word city and a separator: "الرباط - 12 يونيو 2022"


def _first_day(iso: str) -> str:
    """'2022' -> '2022-01-01', '2022-06' -> '2022-06-01', a day stays as it is."""
    return iso + "-01-01"[len(iso) - 4:] if len(iso) < 10 else iso


def _apply_facts(items, facts: list[DatedFact]) -> list:
    """Give a year-less expression the year a fact supplies; add span-less facts as past events."""
    extra = []
    for f in facts:
        first = _parse_meta(_first_day(f.start))
        if first is None:
            continue
        hit = False
        if f.span is not None:
            for a, b, _, sem in items:
                if a < f.span[1] and f.span[0] < b and sem.y is None and sem.mode in ("noyear", "month_rel") \
                        and (len(f.start) == 4 or first.month == sem.m):
                    sem.y, sem.y2 = first.year, first.year
                    sem.rule += "+year:" + (f.source or "fact")
                    hit = True
        if not hit:
            last = _parse_meta(f.end) if len(f.end) >= 10 else None
            sem = Sem("abs", "absolute", "fact", exact=(first, last or first), grain="day" if len(f.start) >= 10 else "month")
            if len(f.start) < 10:
                sem.exact = None
                sem.y, sem.m = first.year, (first.month if len(f.start) >= 7 else None)
                sem.y2, sem.m2 = sem.y, sem.m
                sem.grain = "month" if sem.m else "year"
            extra.append((-1, -1, f"event dated {f.start}/{f.end} by {f.source or 'another document'}", sem))
    return items + extra


def _items(doc: Document) -> tuple[list, list[str], dict[int, list]]:
    """Recognised items ``(start, end, text, Sem)`` with raw offsets, the recency phrases, and
    the per-span results keyed by span start (for the dateline check)."""
    out, recency, per_span = [], [], {}
    for sp in doc.content:
        folded = fold_text(sp.text)
        found = per_span[sp.start] = recognize(sp.text, folded)
        for a, b, sem in found:
            out.append((sp.start + a, sp.start + b, doc.raw[sp.start + a:sp.start + b], sem))
        recency.extend(t for _, _, t in recency_cues(sp.text, folded))
    return out, recency, per_span


def _window(doc: Document, items, recency: list[str], per_span=None) -> tuple[Window, Published | None]:
    pub = doc.meta.get("published") if doc.meta else None
    if pub:
        d = _parse_meta(pub)
        if d is not None:
            return Window(d, d, META_BASIS, "meta", []), None
        doc.warnings.append(f"time: input publication date {pub!r} is not a date; inferring from the text")
    line = _dateline(doc, per_span)
    if line is not None:
        d, text = line
        return Window(d, d, f"dateline: '{text.strip()}'", "dateline", []), None
    return infer(items, recency), None


def analyse(doc: Document, facts: list[DatedFact] | None = None) -> Document:
    """Fill ``doc.times`` and ``doc.published``."""
    items, recency, per_span = _items(doc)
    if facts:
        items = _apply_facts(items, list(facts))
    win, _ = _window(doc, items, recency, per_span)
    anchor = win.anchor
    doc.times = [_to_expr(a, b, text, sem, anchor) for a, b, text, sem in items if a >= 0]
    doc.published = Published(_iso(win.earliest), _iso(win.latest), win.basis, win.rule)
    doc.warnings = [w for w in doc.warnings if not w.startswith("time: ")] + _warnings(doc, win)
    return doc


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _warnings(doc: Document, win: Window) -> list[str]:
    out = [f"time: '{t.text}' at {t.start}: {t.note}" for t in doc.times if t.weekday_ok is False]
    out += [f"time: window evidence skipped: {s}" for s in win.skipped]
    return out


def refine_published(doc: Document, facts: list[DatedFact]) -> Document:
    """Re-run the time analysis of ``doc`` knowing ``facts`` (dates of its events from other documents)."""
    return analyse(doc, facts)


def facts_from_events(doc: Document) -> list[DatedFact]:
    """Facts from event dates another document supplied (``EventDate.inferred_from`` set)."""
    out = []
    for ev in doc.events:
        dt = ev.date
        if dt.inferred_from and dt.start:
            span = (dt.span.start, dt.span.end) if dt.span is not None else None
            out.append(DatedFact(dt.start, dt.end or dt.start, span, ",".join(dt.inferred_from)))
    return out


def refine_from_events(doc: Document) -> Document:
    """``refine_published`` with the facts of ``facts_from_events``; no-op when there are none."""
    facts = facts_from_events(doc)
    return refine_published(doc, facts) if facts else doc
