"""What the cluster knows, each report knows: fill a date or place one report leaves open.

Rule (dates): among the cluster's reports that state a date, find the most precise value V that
a strict majority of them is compatible with (their value contains V, or equals it).  Every
member without a date receives V, marked ``rule="cluster-fill"`` and ``inferred_from`` = the
documents that state V itself.  With no such majority (reports split), nothing is filled: a
field on which the reports conflict without a majority stays open.

Rule (places): the same, on country codes; a member without a place receives the place name
of the most precise agreeing report (a city rather than its country), ``rule`` names the source
documents.  ``reset`` undoes earlier fills so that a corpus can be processed again.
"""
from __future__ import annotations

from collections import Counter

from rasd.corpus import dates as D
from rasd.corpus.same_event import Cluster
from rasd.doc import Document, EventDate, Location

RULE = "cluster-fill"


def reset(docs: list[Document]) -> None:
    """Remove cluster ids and the values earlier runs filled in (they are derived)."""
    for d in docs:
        for ev in d.events:
            ev.cluster = None
            if ev.date.rule == RULE or ev.date.inferred_from:
                ev.date = EventDate(text=ev.date.text, span=ev.date.span)
            if ev.location is not None and ev.location.rule.startswith(RULE):
                ev.location = None


def majority_date(cl: Cluster) -> tuple[EventDate, list[str]] | None:
    """The most precise date value a strict majority of the dated reports agrees with."""
    stated = [(it, it.span) for it in cl.items if it.span is not None and not it.ev.date.inferred_from]
    if not stated:
        return None
    best = None
    for it, span in stated:
        support = [o for o, s in stated if D.contains(s, span)]
        if 2 * len(support) <= len(stated):
            continue
        width = span[1] - span[0]
        if best is None or width < best[0] or (width == best[0] and it.doc.id < best[1].doc.id):
            best = (width, it, span)
    if best is None:
        return None
    _, it, span = best
    holders = sorted({o.doc.id for o, s in stated if s == span})
    return EventDate(it.ev.date.start, it.ev.date.end), holders


def fill_dates(cl: Cluster) -> list[str]:
    """Fill open dates of ``cl``'s members; returns the document ids filled."""
    found = majority_date(cl)
    if found is None:
        return []
    value, holders = found
    done = []
    for it in cl.items:
        if it.span is None:
            d = it.ev.date
            it.ev.date = EventDate(value.start, value.end, d.text, d.span, RULE, holders)
            it.span = D.interval(it.ev.date)
            done.append(it.doc.id)
    return done


def fill_places(cl: Cluster) -> list[str]:
    """Fill open places from the country a strict majority of placed reports agrees on."""
    placed = [it for it in cl.items if it.ev.location is not None and it.ev.location.country]
    if not placed:
        return []
    country, n = Counter(it.ev.location.country for it in placed).most_common(1)[0]
    if 2 * n <= len(placed):
        return []
    agree = [it for it in placed if it.ev.location.country == country]
    names = Counter(it.ev.location.name for it in agree)
    # the most precise name: one that is not the country-level name most reports use, if any
    name = sorted(names, key=lambda x: (names[x] == len(agree) and len(names) > 1, -names[x], x))[0]
    src = sorted({it.doc.id for it in agree if it.ev.location.name == name})
    done = []
    for it in cl.items:
        if it.ev.location is None:
            it.ev.location = Location(name, country, None, f"{RULE}:{','.join(src)}")
            done.append(it.doc.id)
    return done
