"""Synthetic corpora for testing and timing the cross-document stage.

``generate(n, seed)`` returns a processed-looking ``Corpus`` of ``n`` documents (content and
boilerplate spans, outlet, publication date, entities with roles, events) and the ``Truth``
it was built from: which event of which document reports which happening, and which
documents carry the same communiqué.  It is deterministic for a given ``(n, seed)``.

The world: a pool of people (each in an agency of a country, some of them its chief, a few very
often in the news), happenings (visits, meetings, intelligence sharing, arrests, awards), some
of them repeated a year later by the same people.  Each happening is reported by one to four
documents; a report may drop a participant, give only the country or no place, a vaguer date
or none, put it in the wrong year (a conflict), or tell a visit from the host's side.  Texts are
pseudo-Arabic words (a Zipf-distributed vocabulary made from roots and patterns, with real
function words) so unrelated documents share only chance phrases; reports of a happening may
carry its communiqué, quoted or reworded as the outlet's own prose.
"""
from __future__ import annotations

import functools
import itertools
import random
from dataclasses import dataclass, field

from rasd.corpus.config import settings as cd_settings
from rasd.doc import Corpus, Document, Entity, Event, EventDate, Location, Published, Span
from rasd.resources import load_yaml

DATA = "lexicons/corpus_generator.yml"


@dataclass
class Truth:
    """What the generator built: happening of each reported event, and communiqué carriers."""

    happening: dict[tuple[str, str], int] = field(default_factory=dict)  # (doc, event id) -> happening
    reuse: set[tuple[str, str]] = field(default_factory=set)  # sorted doc-id pairs

    def same_event_pairs(self) -> set[tuple[str, str]]:
        by: dict[int, set[str]] = {}
        for (doc, _), h in self.happening.items():
            by.setdefault(h, set()).add(doc)
        return {p for docs in by.values() for p in itertools.combinations(sorted(docs), 2)}


@dataclass(frozen=True)
class _Person:
    name: str
    org: str
    country: str
    chief: bool


@dataclass
class _Happening:
    n: int
    kind: dict
    actors: list[_Person]
    counterparts: list[_Person]
    city: str
    country: str
    start: str
    end: str
    communique: list[str]


@functools.lru_cache(maxsize=1)
def _data() -> dict:
    return load_yaml(DATA)


class _Words:
    """Pseudo-Arabic running text: function words and a Zipf vocabulary of root+pattern words."""

    def __init__(self, rng: random.Random):
        d = _data()
        letters, pats = d["letters"], d["patterns"]
        vocab: list[str] = []
        seen = set()
        while len(vocab) < d["vocabulary"]:
            c = rng.sample(letters, 3)
            w = rng.choice(pats).replace("C1", c[0]).replace("C2", c[1]).replace("C3", c[2])
            if w not in seen:
                seen.add(w)
                vocab.append(w)
        self.vocab = vocab
        weights = [1 / (i + d["zipf_offset"]) ** d["zipf"] for i in range(len(vocab))]
        self.cum = list(itertools.accumulate(weights))
        self.function = list(cd_settings()["function_words"])
        self.share = d["function_share"]
        self.rng = rng

    def run(self, k: int) -> list[str]:
        rng = self.rng
        content = rng.choices(self.vocab, cum_weights=self.cum, k=k)
        return [rng.choice(self.function) if rng.random() < self.share else w for w in content]


def _name(rng: random.Random, syl: list[str]) -> str:
    def part() -> str:
        return "".join(rng.choice(syl) for _ in range(rng.randint(2, 3))).capitalize()
    return f"{part()} {part()}"


def _world(rng: random.Random, n_docs: int, words: _Words):
    d = _data()
    n_countries = max(6, min(60, n_docs // 500))
    countries = [(f"{chr(65 + i // 26)}{chr(65 + i % 26)}", " ".join(words.run(1)) + f" {i}")
                 for i in range(n_countries)]
    cities = {c: [" ".join(words.run(1)) + f" {c}{j}" for j in range(5)] for c, _ in countries}
    people = []
    for i in range(max(60, n_docs // 8)):
        code, cname = rng.choice(countries)
        org = f"{cname.split()[-1]} {rng.choice(d['agencies'])} {i % 7}"
        people.append(_Person(_name(rng, d["syllables"]) + f" {i}", org, code, rng.random() < 0.3))
    pop = list(itertools.accumulate(1 / (i + 1) ** 0.8 for i in range(len(people))))
    return countries, cities, people, pop


def _date(rng: random.Random) -> tuple[str, str]:
    y, m, dd = rng.randint(2015, 2024), rng.randint(1, 12), rng.randint(1, 26)
    days = rng.choice([0, 0, 1, 2])
    return f"{y:04d}-{m:02d}-{dd:02d}", f"{y:04d}-{m:02d}-{dd + days:02d}"


def _happenings(rng, n_docs, words, world) -> list[_Happening]:
    countries, cities, people, pop = world
    kinds = _data()["events"]
    out: list[_Happening] = []
    for n in range(max(1, int(n_docs / 2.2))):
        if out and rng.random() < 0.06:  # the same people again, a year later
            prev = rng.choice(out)
            y = int(prev.start[:4]) + 1
            out.append(_Happening(n, prev.kind, prev.actors, prev.counterparts, rng.choice(cities[prev.country]),
                                  prev.country, f"{y}{prev.start[4:8]}{rng.randint(1, 26):02d}",
                                  f"{y}{prev.end[4:8]}{rng.randint(1, 26):02d}", words.run(50)))
            h = out[-1]
            if h.end < h.start:
                h.start, h.end = h.end, h.start
            continue
        chosen = list(dict.fromkeys(rng.choices(people, cum_weights=pop, k=rng.randint(2, 4))))
        if len(chosen) < 2:
            chosen.append(rng.choice(people))
        kind = rng.choice(kinds)
        host = chosen[1].country
        start, end = _date(rng)
        out.append(_Happening(n, kind, chosen[:1], chosen[1:], rng.choice(cities[host]), host, start, end,
                              words.run(rng.randint(40, 60))))
    return out


def _reworded(rng: random.Random, words: _Words, text: list[str]) -> list[str]:
    """Light rewording: about one word in twelve replaced, a short clause added."""
    out = [w if rng.random() > 0.08 else words.run(1)[0] for w in text]
    cut = len(out) // 2
    return out[:cut] + words.run(3) + out[cut:]


class _Doc:
    """Assembles one document's raw text with content/boilerplate spans."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.pos = 0
        self.content: list[Span] = []
        self.boiler: list[Span] = []

    def line(self, text: str, furniture: bool = False) -> None:
        sp = Span(self.pos, self.pos + len(text), text)
        (self.boiler if furniture else self.content).append(sp)
        self.parts.append(text + "\n\n")
        self.pos += len(text) + 2


def _report(rng: random.Random, h: _Happening, doc_id: str, k: int, countries: dict) -> Event:
    """One document's account of a happening, with the usual imprecisions."""
    acts, cps = [p.name for p in h.actors], [p.name for p in h.counterparts]
    if len(cps) > 1 and rng.random() < 0.3:
        cps = cps[:-1]
    mode, kind = h.kind["mode"], h.kind
    if mode == "visit" and rng.random() < 0.15:
        mode, acts, cps = "host", cps[:1], acts + cps[1:]
    r = rng.random()
    loc = (Location(h.city, h.country) if r < 0.5 else
           Location(countries[h.country], h.country) if r < 0.8 else None)
    r = rng.random()
    if r < 0.6:
        date = EventDate(h.start, h.end, "…")
    elif r < 0.75:
        date = EventDate(h.start[:7], h.start[:7], "…")
    elif r < 0.95:
        date = EventDate()
    else:
        y = int(h.start[:4]) + 1
        date = EventDate(f"{y}{h.start[4:]}", f"{y}{h.end[4:]}", "…")
    return Event(id=f"ev{k}", type=kind["type"], mode=mode, actors=acts, counterparts=cps, location=loc, date=date)


def generate(n_docs: int, seed: int = 0) -> tuple[Corpus, Truth]:
    """A deterministic synthetic corpus of ``n_docs`` processed documents and its truth."""
    rng = random.Random(seed)
    words = _Words(rng)
    world = _world(rng, n_docs, words)
    countries = dict(world[0])
    people = {p.name: p for p in world[2]}
    haps = _happenings(rng, n_docs, words, world)
    # who reports what: each happening 1-4 times
    slots: list[int] = []
    for h in haps:
        slots += [h.n] * rng.choices([1, 2, 3, 4], weights=[35, 30, 20, 15])[0]
    rng.shuffle(slots)
    slots = (slots * (n_docs // max(1, len(slots)) + 1))[:n_docs]
    d = _data()
    outlets = [f"Outlet {i}" for i in range(max(3, n_docs // 200))]
    truth = Truth()
    carriers: dict[int, list[str]] = {}
    corpus = Corpus()
    for i, main in enumerate(slots):
        doc_id = f"gen{i:07d}"
        h = haps[main]
        others = [haps[rng.randrange(len(haps))] for _ in range(rng.choice([0, 0, 1, 2]))]
        asm = _Doc()
        asm.line(" ".join(words.run(9)))
        asm.line(" ".join(words.run(rng.randint(25, 45))) + ".")
        if rng.random() < 0.6:
            if rng.random() < 0.5:
                op, cl = rng.choice(d["quote_frames"])
                asm.line(" ".join(words.run(4)) + " " + op + " ".join(h.communique) + cl)
            else:
                op, cl = rng.choice(d["prose_frames"])
                asm.line(op + " ".join(_reworded(rng, words, h.communique)) + cl)
            carriers.setdefault(h.n, []).append(doc_id)
        for _ in range(rng.randint(2, 4)):
            asm.line(" ".join(words.run(rng.randint(25, 45))) + ".")
        outlet = rng.choice(outlets)
        for f in rng.sample(d["furniture"], 2):
            asm.line(f, furniture=True)
        raw = "".join(asm.parts)
        events = []
        for k, hh in enumerate([h] + others, 1):
            ev = _report(rng, hh, doc_id, k, countries)
            events.append(ev)
            truth.happening[(doc_id, ev.id)] = hh.n
        names = list(dict.fromkeys(n for ev in events for n in ev.actors + ev.counterparts))
        ents = [Entity(f"e{j}", "PER", nm, role=(f"{d['titles'][0 if people[nm].chief else 2]} {people[nm].org}"),
                       country=people[nm].country) for j, nm in enumerate(names, 1)]
        ents += [Entity(f"o{j}", "ORG", people[nm].org) for j, nm in enumerate(names, 1)]
        pub = h.end if h.end >= h.start else h.start
        corpus.documents.append(Document(
            id=doc_id, raw=raw, source=doc_id, content=asm.content, boilerplate=asm.boiler, outlet=outlet,
            entities=ents, events=events, published=Published(pub, pub, "generated")))
    for docs in carriers.values():
        truth.reuse |= set(itertools.combinations(sorted(docs), 2))
    return corpus, truth


def build_document(spec: dict) -> Document:
    """A processed-looking document from a small spec (tests and examples)::

        {"doc": id, "outlet": str, "published": "YYYY-MM-DD",
         "lines": [[text, "c" (content) | "b" (boilerplate)], ...],
         "entities": [{"type", "name", "role"?}], "events": [rasd-gold/1 event objects]}
    """
    from rasd.output import document_from_json

    asm = _Doc()
    for text, kind in spec["lines"]:
        asm.line(text, furniture=(kind == "b"))
    entities = [dict(e) for e in spec.get("entities", [])]
    if entities:  # a tag line carries the canonical names, so every entity has a mention span
        tags = "tags: " + "; ".join(e["name"] for e in entities)
        base = asm.pos
        asm.line(tags, furniture=True)
        for e in entities:
            i = tags.index(e["name"]) + base
            e.setdefault("spans", [{"start": i, "end": i + len(e["name"]), "text": e["name"], "rule": "spec"}])
            e.setdefault("mentions", [e["name"]])
    j = {"doc": spec["doc"], "text": "".join(asm.parts), "outlet": spec.get("outlet"),
         "published": {"earliest": spec.get("published"), "latest": spec.get("published")},
         "entities": entities, "events": spec.get("events", [])}
    doc = document_from_json(j)
    doc.content, doc.boilerplate = asm.content, asm.boiler
    return doc
