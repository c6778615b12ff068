"""Cross-document stage: the same event across outlets, their conflicts, and reused text.

``cross_document(corpus)`` sets, in the form of the hand annotation (rasd-gold/1):

* ``corpus.same_event``: clusters of events from at least two documents
  (``{"event", "docs", "id", "members", "agreed", "evidence"}``), and ``Event.cluster``;
* ``corpus.conflicts``: per cluster, each field whose values disagree, with the documents
  carrying each value;
* ``corpus.text_reuse``: pairs of documents sharing a substantial passage, with both sides'
  offsets and whether each side quotes it.

It also fills, within a cluster, a date or place that a report leaves open when the other
reports agree (``EventDate.inferred_from``; a year-less date takes the year the stated reports
give), then refines those reports' publication windows with the filled dates (``windows``).
Submodules: ``reuse`` (+ ``lsh``, ``tokens``, ``synonyms``), ``same_event``, ``fill``,
``windows``, ``conflicts``, ``incremental``, ``generate``, ``bench``.
See docs/cross_document.md.
"""
from __future__ import annotations

from rasd.doc import Corpus, Document
from rasd.pipeline import stage


def analyse(corpus: Corpus, reuse_records: list[dict] | None = None) -> Corpus:
    """Run the corpus-level analysis; ``reuse_records`` (already verified pairs) skips
    reuse detection (the incremental path computes them itself)."""
    from rasd.corpus import fill
    from rasd.corpus.conflicts import conflicts
    from rasd.corpus.participants import Matcher, heads_map
    from rasd.corpus.reuse import find_reuse, sort_records
    from rasd.corpus.same_event import cluster
    from rasd.corpus import windows

    docs = corpus.documents
    fill.reset(docs)
    windows.reset(docs)
    records = find_reuse(docs) if reuse_records is None else sort_records(reuse_records)
    pairs = {tuple(r["docs"]) for r in records}
    matcher = Matcher(_heads(docs, heads_map))
    clusters = cluster(docs, matcher, pairs)
    for cl in clusters:
        fill.fill_years(cl)
        fill.fill_dates(cl)
        fill.fill_places(cl)
        for it in cl.items:
            it.ev.cluster = cl.id
    fill.fill_inherited(docs)
    windows.refine_all(docs)
    corpus.same_event = [_cluster_json(cl, agreed(cl)) for cl in clusters]
    corpus.conflicts = conflicts(clusters, matcher)
    corpus.text_reuse = records
    return corpus


def _heads(docs: list[Document], heads_map) -> dict[str, set[str]]:
    """Chief -> agency links from the corpus's entity roles, plus the knowledge base's when the
    entities stage provides ``rasd.kb.heads`` (optional)."""
    heads = heads_map(docs)
    try:  # the knowledge base is optional here
        from rasd.kb import heads as kb_heads  # type: ignore[attr-defined]
    except ImportError:
        return heads
    try:
        for person, orgs in (kb_heads() or {}).items():
            heads.setdefault(person, set()).update(orgs)
    except Exception:  # a broken optional source never stops the stage
        pass
    return heads


def agreed(cl) -> dict:
    """What the cluster's reports agree on: the majority date (see ``fill``), the place most
    reports give (its most precise name), and the participants named by at least half of them."""
    from collections import Counter

    from rasd.corpus import dates as D
    from rasd.corpus.fill import majority_date
    from rasd.corpus.participants import participants

    found = majority_date(cl)
    countries = Counter(it.ev.location.country for it in cl.items if it.ev.location and it.ev.location.country)
    place = None
    if countries:
        cc, n = countries.most_common(1)[0]
        if 2 * n > sum(countries.values()):
            names = Counter(it.ev.location.name for it in cl.items
                            if it.ev.location and it.ev.location.country == cc)
            place = f"{sorted(names, key=lambda x: (-names[x], x))[0]} ({cc})"
    named = Counter(p for it in cl.items for p in participants(it.ev))
    half = len(cl.items) / 2
    return {"type": cl.items[0].ev.type, "mode": Counter(it.ev.mode for it in cl.items).most_common(1)[0][0],
            "date": D.value_string(found[0]) if found else None, "place": place,
            "participants": [p for p, k in named.items() if k >= half]}


def _cluster_json(cl, facts: dict) -> dict:
    return {
        "event": cl.id,
        "docs": sorted({it.doc.id for it in cl.items}),
        "id": cl.id,
        "members": [{"doc": it.doc.id, "event": it.ev.id, "outlet": it.doc.outlet} for it in cl.items],
        "agreed": facts,
        "evidence": cl.evidence,
    }


@stage("cross_document", requires=("events", "content"), sets=("same_event", "conflicts", "text_reuse"), level="corpus")
def cross_document(corpus: Corpus) -> Corpus:
    """Same-event clusters, conflicts, text reuse and cluster fills for the whole corpus."""
    return analyse(corpus)


__all__ = ["cross_document", "analyse", "agreed"]
