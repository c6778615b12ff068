"""Highlights over an article's raw text, with overlaps resolved into flat segments.

Each highlight (a *mark*) is a stretch ``[start, end)`` of ``Document.raw`` with a CSS class,
a key the page can jump to (``e0`` = event 0, ``n2`` = entity 2, ...) and a tooltip.
Marks may nest or cross; ``segments`` cuts the text at every mark boundary so each piece of
text carries the set of marks covering it, and the page draws one ``<span>`` per piece.
"""
from __future__ import annotations

from dataclasses import dataclass

from rasd.doc import Document, Span


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    cls: str  # ent ent-PER | tm | trg | evd | bp | ttl | reuse
    key: str  # what a jump targets: T, b3, n2, m5, t1, e0, r4
    tip: str = ""  # tooltip (canonical name, date value, event label); for a mention (key n*), its
    # canonical English name, which the page also shows after the mention


def valid(span: Span | None, raw: str) -> bool:
    """A span usable as a highlight: inside ``raw``, non-empty, and its text matches."""
    return (span is not None and 0 <= span.start < span.end <= len(raw)
            and raw[span.start:span.end] == span.text)


def segments(marks: list[Mark], length: int) -> list[tuple[int, int, tuple[int, ...]]]:
    """Cut ``[0, length)`` at every mark boundary; return the covered pieces.

    Each piece is ``(start, end, indices)`` where ``indices`` are the positions in ``marks`` of
    the marks covering the whole piece (sorted); pieces no mark covers are left out, and
    neighbouring pieces with the same marks are merged.  Marks outside ``[0, length)`` or empty
    are ignored.
    """
    ok = [i for i, m in enumerate(marks) if 0 <= m.start < m.end <= length]
    points = sorted({p for i in ok for p in (marks[i].start, marks[i].end)})
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i in ok:
        starts.setdefault(marks[i].start, []).append(i)
        ends.setdefault(marks[i].end, []).append(i)
    active: set[int] = set()
    out: list[tuple[int, int, tuple[int, ...]]] = []
    for a, b in zip(points, points[1:]):
        active.difference_update(ends.get(a, ()))
        active.update(starts.get(a, ()))
        if not active:
            continue
        cover = tuple(sorted(active))
        if out and out[-1][1] == a and out[-1][2] == cover:
            out[-1] = (out[-1][0], b, cover)
        else:
            out.append((a, b, cover))
    return out


def document_marks(doc: Document, event_tips: list[str], reuse: list[tuple[str, int, int]]) -> list[Mark]:
    """Every highlight of ``doc``: title, boilerplate, mentions, dates, event triggers/evidence, reuse.

    ``event_tips`` gives a tooltip per event (same order as ``doc.events``); ``reuse`` lists
    ``(key, start, end)`` of shared passages located in this document.
    """
    raw = doc.raw
    out: list[Mark] = []
    if valid(doc.title, raw):
        out.append(Mark(doc.title.start, doc.title.end, "ttl", "T"))
    out += [Mark(s.start, s.end, "bp", f"b{k}") for k, s in enumerate(doc.boilerplate) if valid(s, raw)]
    out += _mention_marks(doc)
    for k, t in enumerate(doc.times):
        if valid(t, raw):
            val = t.value_start if t.value_start == t.value_end else f"{t.value_start or '?'}/{t.value_end or '?'}"
            out.append(Mark(t.start, t.end, "tm", f"t{k}", val if (t.value_start or t.value_end) else ""))
    for k, ev in enumerate(doc.events):
        tip = event_tips[k] if k < len(event_tips) else ev.type
        out += [Mark(s.start, s.end, "evd", f"e{k}", tip) for s in ev.evidence if valid(s, raw)]
        if valid(ev.trigger, raw):
            out.append(Mark(ev.trigger.start, ev.trigger.end, "trg", f"e{k}", tip))
        if valid(ev.date.span, raw):
            out.append(Mark(ev.date.span.start, ev.date.span.end, "tm", f"e{k}", ev.date.start or ""))
        if ev.location is not None and valid(ev.location.span, raw):
            sp = ev.location.span
            out.append(Mark(sp.start, sp.end, "ent ent-GPE", f"e{k}", ev.location.name))
    out += [Mark(a, b, "reuse", key) for key, a, b in reuse if 0 <= a < b <= len(raw)]
    return out


def _mention_marks(doc: Document) -> list[Mark]:
    raw = doc.raw
    out: list[Mark] = []
    seen: set[tuple[int, int]] = set()
    for k, ent in enumerate(doc.entities):
        for m in ent.mentions:
            if valid(m, raw):
                seen.add((m.start, m.end))
                out.append(Mark(m.start, m.end, f"ent ent-{ent.type}", f"n{k}", ent.name))
    for k, m in enumerate(doc.mentions):
        if (m.start, m.end) not in seen and valid(m, raw):
            out.append(Mark(m.start, m.end, f"ent ent-{m.type}", f"m{k}", m.text))
    return out
