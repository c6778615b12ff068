"""Events stage: PLOVER-coded events with actors, counterparts, place, date, topics and evidence.

The steps, each in its own module:

1. ``context``   index the document: sentences, tokens, entity mentions, temporal expressions;
2. ``triggers``  find trigger words (``lexicons/triggers.yml``) and drop negated, intended,
                 generic or framing uses;
3. ``titles``    titles next to names, and titles standing for a person named elsewhere;
4. ``arguments`` read actor, counterparts and place around each trigger (its frame); a police action
                 whose agent goes untold ("تم توقيف") takes the service of the report or the place's state;
5. ``dates``     tie temporal expressions to triggers (a sentence's date governs its coordinated triggers);
6. ``coref``     merge mentions of one happening (same sentence, then across the document);
7. ``assemble``  final roles, mode, place, date, status and the precision checks; arrests and
                 seizures of a dismantling or joint operation join that operation;
8. ``topics``    what each event is about, from the cues of its lines and the groups taking part.

``extract_events(doc)`` returns the events without touching ``doc``; the stage ``events`` stores them.
"""
from __future__ import annotations

from rasd.doc import Document, Event
from rasd.events import arguments, assemble, context, coref, dates, titles, topics, triggers
from rasd.events.lexicon import lexicon, ontology
from rasd.pipeline import stage

__all__ = ["events", "extract_events", "lexicon", "ontology"]


def _busy_lines(ctx: context.Context, clusters: list[coref.Cluster], hits, blocked) -> dict[int, set[int]]:
    """For each line, the events told there (-1: a trigger that made no event).  A trigger that lacks
    its object, or names the subject of talks ("لبحث تبادل المعلومات"), tells no other happening."""
    busy: dict[int, set[int]] = {}
    placed = set()
    for cid, c in enumerate(clusters):
        for m in c.mentions:
            busy.setdefault(ctx.sents[m.hit.sent].line, set()).add(cid)
            placed.add(id(m.hit))
    quiet = ("blocked:needs-object", "blocked:topic-of-talks")
    for h in list(hits) + [b for b in blocked if not any(q in b.rules for q in quiet)]:
        if id(h) not in placed:
            busy.setdefault(ctx.sents[h.sent].line, set()).add(-1)
    return busy


def extract_events(doc: Document) -> list[Event]:
    """The events reported in ``doc`` (which must have been through clean, entities and time)."""
    lex = lexicon()
    ctx = context.build(doc)
    hits, blocked = triggers.find(ctx, lex)
    if not hits:
        return []
    tmap = titles.collect(ctx, lex)
    ctx.title_spans = tmap.spans
    cand_cache: dict[int, list[arguments.Cand]] = {}
    mentions = []
    for h in hits:
        if h.sent not in cand_cache:
            extra = titles.virtual_args(ctx, h.sent, tmap, lex) + arguments.nisba_args(ctx, h.sent)
            cand_cache[h.sent] = arguments.candidates(ctx, h.sent, extra, tmap, lex)
        later = [o.start for o in hits if o.sent == h.sent and o.start >= h.end
                 and (o.entry.type, o.entry.mode == "multilateral") != (h.entry.type, h.entry.mode == "multilateral")]
        mentions.append(arguments.extract(ctx, h, cand_cache[h.sent], lex, min(later) if later else None))
    arguments.fill_agency_actors(ctx, mentions)
    dates.attach(ctx, mentions, lex)
    clusters = coref.cluster(ctx, mentions)
    links = coref.inherit(ctx, mentions, clusters)
    for m, _ in links:
        mentions_cluster = coref.Cluster([coref.Group([m])])
        clusters.append(mentions_cluster)
    busy = _busy_lines(ctx, clusters, hits, blocked)
    out: list[Event] = []
    made: dict[int, Event] = {}
    n_base = len(clusters) - len(links)
    for cid, c in enumerate(clusters[:n_base]):
        ev = assemble.make_event(ctx, c, cid, busy)
        if ev is not None:
            ev.topics = topics.event_topics(ctx, c, cid, busy, ev.actors + ev.counterparts)
            made[id(c)] = ev
            out.append(ev)
    done: set[tuple[int, str | None]] = set()
    for k, (m, anchor) in enumerate(links):
        base = made.get(id(anchor))
        if base is None or (id(anchor), m.mode) in done:
            continue  # one cooperation event per anchoring event and mode
        ev = assemble.make_event(ctx, clusters[n_base + k], n_base + k, busy, inherited=base)
        if ev is not None:
            ev.topics = topics.event_topics(ctx, clusters[n_base + k], n_base + k, busy,
                                            ev.actors + ev.counterparts)
            done.add((id(anchor), m.mode))
            out.append(ev)
    out = assemble.absorb_parts(ctx, out)
    out.sort(key=lambda e: e.trigger.start if e.trigger else 0)
    counts: dict[str, int] = {}
    for ev in out:
        base_id = f"{ev.type.lower()}-{(ev.mode or 'general').replace('_', '-')}"
        counts[base_id] = counts.get(base_id, 0) + 1
        ev.id = f"{base_id}-{counts[base_id]}"
    return out


@stage("events", requires=("raw", "content", "entities", "times", "published"), sets=("events",))
def events(doc: Document) -> Document:
    doc.events = extract_events(doc)
    return doc
