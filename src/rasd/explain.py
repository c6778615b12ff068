"""``rasd explain``: each extracted item of a document with the words that support it."""
from __future__ import annotations

from rich.console import Console

from rasd.doc import Corpus, Span


def _ctx(raw: str, s: Span, width: int = 40) -> str:
    a = max(0, s.start - width)
    b = min(len(raw), s.end + width)
    left = raw[a:s.start].replace("\n", " ")
    right = raw[s.end:b].replace("\n", " ")
    return f"…{left}[[{raw[s.start:s.end]}]]{right}…"


def explain(corpus: Corpus, doc_id: str, console: Console) -> None:
    doc = corpus.by_id()[doc_id]
    p = lambda *a: console.print(*a, markup=False, highlight=False)  # noqa: E731
    console.rule(doc_id)
    p(f"title  {doc.title.text if doc.title else '—'}  @{doc.title.start if doc.title else '-'}")
    p(f"outlet {doc.outlet or 'unknown'}  ({doc.outlet_rule or 'no evidence'})")
    pub = doc.published
    p(f"published {pub.earliest} … {pub.latest}  ({pub.rule}: {pub.basis})")
    for b in doc.boilerplate:
        p(f"furniture @{b.start}-{b.end}  {b.text}")
    console.rule("entities")
    for e in doc.entities:
        p(f"{e.type:4} {e.name}  [{e.link}]" + (f"  role: {e.role}" if e.role else ""))
        for m in e.mentions:
            p(f"       @{m.start}-{m.end} ({m.rule}) {_ctx(doc.raw, m)}")
    console.rule("dates")
    for t in doc.times:
        val = t.value_start if t.value_start == t.value_end else f"{t.value_start}/{t.value_end}"
        p(f"{val}  ({t.rule}) {_ctx(doc.raw, t)}" + (f"  note: {t.note}" if t.note else ""))
    console.rule("events")
    for ev in doc.events:
        p(f"{ev.id}: {ev.type}/{ev.mode} [{ev.status}] {', '.join(ev.actors)} -> {', '.join(ev.counterparts)}"
          f"  at {ev.location.name if ev.location else '—'}  on {ev.date.start}/{ev.date.end}  topics {ev.topics}")
        p(f"       rules: {', '.join(ev.rules)}")
        if ev.trigger:
            p(f"       trigger @{ev.trigger.start}: {_ctx(doc.raw, ev.trigger)}")
        if ev.date.inferred_from:
            p(f"       date inferred from {', '.join(ev.date.inferred_from)}")
        for s in ev.evidence:
            p(f"       evidence @{s.start}-{s.end}: {s.text[:200]}")
    reuse = [r for r in corpus.text_reuse if doc_id in r["docs"]]
    if reuse:
        console.rule("shared passages")
        for r in reuse:
            other = [d for d in r["docs"] if d != doc_id]
            p(f"with {', '.join(other)}: {r.get('example', '')[:300]}")
            for side in r.get("passages", []):
                p(f"   {side.get('doc')} ({'quoted' if side.get('quoted') else 'own prose'}): {side.get('text', '')[:300]}")
