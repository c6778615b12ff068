"""The output contract: ``Corpus`` <-> ``rasd-gold/1`` JSON.

``corpus_to_json`` writes exactly the fields of the hand annotation
(``../shared/gold/seeds.gold.json``) with their meaning unchanged, plus extra fields
that carry provenance: ``text`` (the raw input), ``spans`` (offsets of every mention),
``title_span``, ``boilerplate_spans``, ``times``, each event's ``trigger``, ``evidence``,
``rules`` and ``status``.  ``corpus_from_json`` reads such a file back (for ``--into``,
``explain`` and ``report``).
"""
from __future__ import annotations

import json
from typing import Any

from rasd.doc import (Corpus, Document, Entity, Event, EventDate, Failure, Line, Location, Mention,
                      Published, Span, TimeExpr)
from rasd.errors import SchemaError
from rasd.resources import load_json

SCHEMA_NAME = "rasd-gold/1"


def _span(s: Span | None) -> dict | None:
    return None if s is None else {"start": s.start, "end": s.end, "text": s.text}


def _unique(seq):
    seen, out = set(), []
    for x in seq:
        if x not in seen:
            seen.add(x)
            out.append(x)
    return out


def entity_to_json(e: Entity) -> dict[str, Any]:
    out: dict[str, Any] = {"type": e.type, "name": e.name,
                           "mentions": _unique(m.text for m in e.mentions)}
    if e.role:
        out["role"] = e.role
    out.update({"id": e.id, "kb_id": e.kb_id, "country": e.country, "link": e.link,
                "spans": [{"start": m.start, "end": m.end, "text": m.text, "rule": m.rule}
                          for m in e.mentions]})
    return out


def event_to_json(ev: Event) -> dict[str, Any]:
    loc = None
    if ev.location is not None:
        loc = {"name": ev.location.name, "country": ev.location.country,
               "span": _span(ev.location.span), "rule": ev.location.rule}
    date = {"start": ev.date.start, "end": ev.date.end, "text": ev.date.text,
            "span": _span(ev.date.span), "rule": ev.date.rule}
    if ev.date.inferred_from:
        date["inferred_from"] = ev.date.inferred_from
    if ev.date.partial:
        date["partial"] = ev.date.partial
    return {"id": ev.id, "type": ev.type, "mode": ev.mode, "actors": ev.actors,
            "counterparts": ev.counterparts, "location": loc, "date": date, "topics": ev.topics,
            "status": ev.status, "trigger": _span(ev.trigger),
            "evidence": [_span(s) for s in ev.evidence], "rules": ev.rules,
            "confidence": ev.confidence, "cluster": ev.cluster}


def time_to_json(t: TimeExpr) -> dict[str, Any]:
    return {"start": t.start, "end": t.end, "text": t.text, "value": {"start": t.value_start, "end": t.value_end},
            "grain": t.grain, "kind": t.kind, "rule": t.rule, "anchor": t.anchor,
            "weekday_ok": t.weekday_ok, "note": t.note, "partial": t.partial}


def document_to_json(d: Document) -> dict[str, Any]:
    pub = d.published
    published = None if pub is None else {"earliest": pub.earliest, "latest": pub.latest,
                                          "basis": pub.basis, "rule": pub.rule}
    return {
        "doc": d.id,
        "outlet": d.outlet,
        "published": published,
        "title": d.title.text if d.title else None,
        "boilerplate": [s.text for s in d.boilerplate],
        "entities": [entity_to_json(e) for e in d.entities],
        "events": [event_to_json(ev) for ev in d.events],
        # provenance and extras
        "source": d.source,
        "meta": d.meta,
        "outlet_rule": d.outlet_rule,
        "title_span": _span(d.title),
        "boilerplate_spans": [dict(_span(s), rule=getattr(s, "rule", "")) for s in d.boilerplate],
        "times": [time_to_json(t) for t in d.times],
        "warnings": d.warnings,
        "stages": d.stages,
        "text": d.raw,
    }


def corpus_to_json(c: Corpus) -> dict[str, Any]:
    return {
        "schema": SCHEMA_NAME,
        "about": "Written by rasd. Fields of the hand annotation keep their meaning; extra fields carry offsets into 'text' and the rules that produced each item.",
        "documents": [document_to_json(d) for d in c.documents],
        "cross_document": {"same_event": c.same_event, "conflicts": c.conflicts, "text_reuse": c.text_reuse},
        "failures": [{"source": f.source, "reason": f.reason} for f in c.failures],
    }


def dumps(c: Corpus) -> str:
    return json.dumps(corpus_to_json(c), ensure_ascii=False, indent=1)


# ---- reading back -------------------------------------------------------------------------

def _span_in(d: dict | None) -> Span | None:
    return None if not d else Span(d["start"], d["end"], d["text"])


def document_from_json(j: dict[str, Any]) -> Document:
    raw = j.get("text") or ""
    doc = Document(id=j["doc"], raw=raw, source=j.get("source", ""), meta=j.get("meta") or {})
    doc.outlet = j.get("outlet")
    doc.outlet_rule = j.get("outlet_rule", "")
    doc.title = _span_in(j.get("title_span"))
    if doc.title is None and j.get("title"):
        i = raw.find(j["title"])
        doc.title = Span(i, i + len(j["title"]), j["title"]) if i >= 0 else None
    doc.boilerplate = [Line(b["start"], b["end"], b["text"], "boilerplate", b.get("rule", ""))
                       for b in j.get("boilerplate_spans", [])]
    p = j.get("published") or {}
    doc.published = Published(p.get("earliest"), p.get("latest"), p.get("basis"), p.get("rule", ""))
    for e in j.get("entities", []):
        spans = e.get("spans") or []
        ment = [Mention(s["start"], s["end"], s["text"], e["type"], s.get("rule", ""), e.get("id")) for s in spans]
        doc.entities.append(Entity(e.get("id") or f"e{len(doc.entities) + 1}", e["type"], e["name"], ment,
                                   e.get("role"), e.get("kb_id"), e.get("country"), e.get("link", "")))
        doc.mentions.extend(ment)
    for t in j.get("times", []):
        v = t.get("value") or {}
        doc.times.append(TimeExpr(t["start"], t["end"], t["text"], v.get("start"), v.get("end"), t.get("grain"),
                                  t.get("kind", "absolute"), t.get("rule", ""), t.get("anchor"), t.get("weekday_ok"), t.get("note"),
                                  t.get("partial")))
    for ev in j.get("events", []):
        loc = ev.get("location")
        dt = ev.get("date") or {}
        doc.events.append(Event(
            id=ev["id"], type=ev["type"], mode=ev.get("mode"), actors=list(ev.get("actors", [])),
            counterparts=list(ev.get("counterparts", [])),
            location=None if not loc else Location(loc["name"], loc.get("country"), _span_in(loc.get("span")), loc.get("rule", "")),
            date=EventDate(dt.get("start"), dt.get("end"), dt.get("text"), _span_in(dt.get("span")), dt.get("rule", ""), dt.get("inferred_from"),
                          dt.get("partial")),
            topics=list(ev.get("topics", [])), status=ev.get("status", "reported"), trigger=_span_in(ev.get("trigger")),
            evidence=[_span_in(s) for s in ev.get("evidence", []) if s], rules=list(ev.get("rules", [])),
            confidence=ev.get("confidence", 1.0), cluster=ev.get("cluster")))
    doc.warnings = list(j.get("warnings", []))
    doc.stages = list(j.get("stages", []))
    return doc


def corpus_from_json(j: dict[str, Any]) -> Corpus:
    validate(j)
    cd = j.get("cross_document") or {}
    return Corpus(documents=[document_from_json(d) for d in j["documents"]],
                  same_event=list(cd.get("same_event", [])), conflicts=list(cd.get("conflicts", [])),
                  text_reuse=list(cd.get("text_reuse", [])),
                  failures=[Failure(f["source"], f["reason"]) for f in j.get("failures", [])])


def load(path: str) -> Corpus:
    with open(path, encoding="utf-8") as fh:
        return corpus_from_json(json.load(fh))


def validate(j: Any) -> None:
    """Raise ``SchemaError`` (with the JSON path) unless ``j`` is valid rasd-gold/1."""
    import jsonschema

    schema = load_json("schema/rasd-gold-1.schema.json")
    validator = jsonschema.Draft202012Validator(schema)
    err = next(iter(sorted(validator.iter_errors(j), key=lambda e: list(e.absolute_path))), None)
    if err is not None:
        where = "/".join(str(p) for p in err.absolute_path) or "(top)"
        raise SchemaError(f"not rasd-gold/1 at {where}: {err.message}")
