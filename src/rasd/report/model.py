"""The briefing's view of a corpus: plain records both renderers (HTML, Markdown) draw from.

Nothing here formats or escapes; it only gathers: headline numbers, events with their
references (``d3e1`` = event 1 of document 3), the rows of the events table (one per cluster
or lone event), clusters with agreed facts and conflicts, the entity index, shared passages,
and each article's highlights.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from rasd.doc import Corpus, Event
from rasd.report.labels import date_value
from rasd.report.marks import Mark, document_marks


@dataclass
class EventRef:
    ref: str  # d{doc}e{event}
    doc: int
    ev: Event
    cluster: str | None = None


@dataclass
class Row:
    """One line of the events table: a cluster of reports of one happening, or a lone event."""

    events: list[EventRef]
    cluster: str | None = None
    conflict_fields: list[str] = field(default_factory=list)

    @property
    def first(self) -> EventRef:
        return self.events[0]


@dataclass
class Cluster:
    key: str
    label: str
    members: list[EventRef]
    docs: list[int]
    agreed: dict[str, list[str]]
    conflicts: list[dict[str, Any]]  # {"field", "values": [(value, [doc idx])]}


@dataclass
class EntityEntry:
    name: str
    type: str
    mentions: list[str]
    country: str | None
    role: str | None
    docs: list[int]
    first: dict[int, str]  # doc idx -> jump key of its first mention (n{k})
    cooc: list[tuple[str, int]] = field(default_factory=list)


@dataclass
class Passage:
    doc: int | None
    doc_id: str
    text: str
    quoted: bool | None
    key: str | None  # jump key inside the article (r{k}), None when not located
    how: str = ""  # what decided quoted / own prose


@dataclass
class Reuse:
    docs: list[int | str]
    example: str
    note: str
    passages: list[Passage]

    def rows(self, limit: int = 6) -> list[list[tuple[int | str, Passage | None]]]:
        """The passages side by side: row k holds each document's k-th passage (None where it has
        fewer, or none located), at most ``limit`` rows."""
        cols = [[p for p in self.passages if p.doc == d or p.doc_id == d] for d in self.docs]
        n = min(limit, max([1] + [len(c) for c in cols]))
        return [[(d, c[k] if k < len(c) else None) for d, c in zip(self.docs, cols)] for k in range(n)]


@dataclass
class Briefing:
    corpus: Corpus
    events: list[EventRef]
    rows: list[Row]
    clusters: list[Cluster]
    entities: list[EntityEntry]
    reuse: list[Reuse]
    marks: list[list[Mark]]
    outlets: list[str]
    countries: set[str]
    date_range: str | None
    orphan_conflicts: int = 0  # conflicts naming no known cluster (still counted)

    @property
    def n_conflicts(self) -> int:
        return sum(len(c.conflicts) for c in self.clusters) + self.orphan_conflicts


def event_value(ev: Event) -> str | None:
    return date_value(ev.date.start, ev.date.end)


def build(corpus: Corpus) -> Briefing:
    """Gather everything the briefing shows from ``corpus``."""
    index = {d.id: i for i, d in enumerate(corpus.documents)}
    events = [EventRef(f"d{i}e{k}", i, ev) for i, d in enumerate(corpus.documents) for k, ev in enumerate(d.events)]
    clusters = _clusters(corpus, events, index)
    rows = _rows(events, clusters)
    entities = _entities(corpus)
    reuse, located = _reuse(corpus, index)
    marks = [document_marks(d, [_tip(ev) for ev in d.events], located.get(i, []))
             for i, d in enumerate(corpus.documents)]
    outlets = sorted({d.outlet for d in corpus.documents if d.outlet})
    countries = {e.country for e in entities if e.country}
    countries |= {r.ev.location.country for r in events if r.ev.location and r.ev.location.country}
    br = Briefing(corpus, events, rows, clusters, entities, reuse, marks, outlets, countries,
                  _date_range(events))
    br.orphan_conflicts = max(0, len(corpus.conflicts) - sum(len(c.conflicts) for c in clusters))
    return br


def _tip(ev: Event) -> str:
    parties = ", ".join(ev.actors) + (" → " + ", ".join(ev.counterparts) if ev.counterparts else "")
    return f"{ev.type}/{ev.mode or '-'}: {parties}".strip()


def _cluster_key(item: dict[str, Any], n: int) -> str:
    return str(item.get("id") or item.get("cluster") or item.get("event") or f"c{n}")


def _conflict_key(cf: dict[str, Any]) -> str:
    return str(cf.get("cluster") or cf.get("event") or "")


def _members(item: dict[str, Any], key: str, events: list[EventRef], index: dict[str, int]) -> list[EventRef]:
    """The events of a same_event item: those carrying its cluster id, else the gold form
    (``{event, docs}``: the event of that id in each listed document)."""
    found = [r for r in events if r.ev.cluster and r.ev.cluster == key]
    if found:
        return found
    docs = {index[d] for d in item.get("docs", []) if d in index}
    return [r for r in events if r.doc in docs and r.ev.id == item.get("event")]


def _clusters(corpus: Corpus, events: list[EventRef], index: dict[str, int]) -> list[Cluster]:
    """Clusters in the order of ``same_event``; keys made unique; each conflict goes to the cluster
    it names whose documents it shares."""
    out, used = [], set()
    for n, item in enumerate(corpus.same_event):
        base = _cluster_key(item, n)
        key = base if base not in used else f"{base}#{n}"
        used.add(key)
        members = _members(item, base, events, index)
        for r in members:
            r.cluster = key
        names = set(item.get("docs", [])) | {corpus.documents[r.doc].id for r in members}
        docs = sorted({r.doc for r in members} | {index[d] for d in names if d in index})
        conflicts = [_conflict(cf, index) for cf in corpus.conflicts
                     if _conflict_key(cf) in (key, base) and _conflict_docs(cf) & names]
        bad = {c["field"] for c in conflicts}
        out.append(Cluster(key, str(item.get("event") or base), members, docs, _agreed(members, bad), conflicts))
    return out


def _conflict_docs(cf: dict[str, Any]) -> set[str]:
    return {d for ds in (cf.get("values") or {}).values() for d in ds}


def _conflict(cf: dict[str, Any], index: dict[str, int]) -> dict[str, Any]:
    values = [(str(v), [index.get(d, d) for d in ds]) for v, ds in (cf.get("values") or {}).items()]
    return {"field": str(cf.get("field", "")), "values": values}


def _agreed(members: list[EventRef], conflicting: set[str]) -> dict[str, list[str]]:
    """Per field not in conflict, the distinct values the members carry (most frequent first)."""
    fields = {
        "type": lambda e: [f"{e.type}/{e.mode}" if e.mode else e.type],
        "actors": lambda e: e.actors,
        "counterparts": lambda e: e.counterparts,
        "location": lambda e: [e.location.name] if e.location else [],
        "date": lambda e: [v] if (v := event_value(e)) else [],
        "topics": lambda e: e.topics,
    }
    out = {}
    for name, get in fields.items():
        if name in conflicting or (name in ("actors", "counterparts") and "participants" in conflicting):
            continue
        counts = Counter(v for r in members for v in get(r.ev))
        if counts:
            out[name] = [v for v, _ in counts.most_common()]
    return out


def _rows(events: list[EventRef], clusters: list[Cluster]) -> list[Row]:
    rows: list[Row] = []
    by_key = {c.key: c for c in clusters}
    done: set[str] = set()
    for r in events:
        if r.cluster is None:
            rows.append(Row([r]))
        elif r.cluster not in done:
            done.add(r.cluster)
            cl = by_key[r.cluster]
            rows.append(Row(cl.members, cl.key, [c["field"] for c in cl.conflicts]))
    return rows


def _entities(corpus: Corpus) -> list[EntityEntry]:
    """One entry per canonical name and type across the corpus, with co-occurrence counts."""
    table: dict[tuple[str, str], EntityEntry] = {}
    per_doc: list[set[tuple[str, str]]] = []
    for i, d in enumerate(corpus.documents):
        here: set[tuple[str, str]] = set()
        for k, e in enumerate(d.entities):
            key = (e.name, e.type)
            ent = table.get(key)
            if ent is None:
                ent = table[key] = EntityEntry(e.name, e.type, [], e.country, e.role, [], {})
            ent.country = ent.country or e.country
            ent.role = ent.role or e.role
            for m in e.mentions:
                if m.text and m.text not in ent.mentions:
                    ent.mentions.append(m.text)
            if i not in ent.first:
                ent.docs.append(i)
                ent.first[i] = f"n{k}"
            here.add(key)
        per_doc.append(here)
    pairs: dict[tuple[str, str], Counter] = defaultdict(Counter)
    for here in per_doc:
        for a in here:
            for b in here:
                if a != b:
                    pairs[a][b[0]] += 1
    for key, ent in table.items():
        ent.cooc = pairs[key].most_common(5)
    return sorted(table.values(), key=lambda e: (-len(e.docs), e.type, e.name))


def _reuse(corpus: Corpus, index: dict[str, int]) -> tuple[list[Reuse], dict[int, list[tuple[str, int, int]]]]:
    """Shared passages, and per document the passages located in its text (for highlights)."""
    docs = corpus.documents
    located: dict[int, list[tuple[str, int, int]]] = defaultdict(list)
    out = []
    n = 0
    for item in corpus.text_reuse:
        passages = []
        for p in item.get("passages") or []:
            di = index.get(p.get("doc"))
            start, end = p.get("start"), p.get("end")
            text = p.get("text") or ""
            key = None
            if di is not None and isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(docs[di].raw):
                key = f"r{n}"
                n += 1
                located[di].append((key, start, end))
                text = text or docs[di].raw[start:end]
            passages.append(Passage(di, str(p.get("doc", "")), text, p.get("quoted"), key, str(p.get("how") or "")))
        out.append(Reuse([index.get(d, d) for d in item.get("docs", [])], str(item.get("example") or ""),
                         str(item.get("note") or ""), passages))
    return out, located


def _date_range(events: list[EventRef]) -> str | None:
    starts = [r.ev.date.start or r.ev.date.end for r in events if r.ev.date.start or r.ev.date.end]
    ends = [r.ev.date.end or r.ev.date.start for r in events if r.ev.date.start or r.ev.date.end]
    if not starts:
        return None
    return date_value(min(starts), max(ends))
