"""Conflicts: the fields on which the reports of one cluster disagree.

* date: there is a conflict when two reports' values are not compatible (neither contains the
  other: 2022-06 contains 2022-06-13/2022-06-14, 2023-06-13/2023-06-14 does not).  Then every
  dated report is listed under its value, the vaguer ones included, so the reader sees all
  claims.  A report without a date is no claim (unless the cluster filled it: it is then read
  with the value it was given).
* location: reports placing the event in different countries (a city inside the country the
  other report names is no conflict).
* participants: two reports that both name the other side (counterparts; actors when roles are
  swapped by mode) with no one in common.
"""
from __future__ import annotations

from collections import defaultdict
from itertools import combinations

from rasd.corpus import dates as D
from rasd.corpus.config import mode_table
from rasd.corpus.participants import Matcher
from rasd.corpus.same_event import Cluster, Item


def _values(pairs: list[tuple[str, str]]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for value, doc in pairs:
        if doc not in out[value]:
            out[value].append(doc)
    return {v: sorted(ds) for v, ds in sorted(out.items())}


def date_conflict(cl: Cluster) -> dict | None:
    dated = [it for it in cl.items if it.span is not None]
    if not any(not D.compatible(a.span, b.span) for a, b in combinations(dated, 2)):
        return None
    return {"event": cl.id, "field": "date",
            "values": _values([(D.value_string(it.ev.date), it.doc.id) for it in dated])}


def location_conflict(cl: Cluster) -> dict | None:
    placed = [it for it in cl.items if it.ev.location is not None and it.ev.location.country]
    if len({it.ev.location.country for it in placed}) < 2:
        return None
    return {"event": cl.id, "field": "location",
            "values": _values([(f"{it.ev.location.name} ({it.ev.location.country})", it.doc.id) for it in placed])}


def _sides(it: Item, ref_mode: str | None) -> tuple[list[str], list[str]]:
    """(actors, counterparts) oriented like the cluster's reference mode."""
    swap = bool(it.ev.mode and ref_mode and it.ev.mode != ref_mode and mode_table().get((ref_mode, it.ev.mode)))
    ev = it.ev
    return (ev.counterparts, ev.actors) if swap else (ev.actors, ev.counterparts)


def participants_conflict(cl: Cluster, matcher: Matcher) -> dict | None:
    ref = cl.items[0].ev.mode
    sides = [(it, *_sides(it, ref)) for it in cl.items]
    clash = any(matcher.disjoint(a[2], b[2]) or matcher.disjoint(a[1], b[1]) for a, b in combinations(sides, 2))
    if not clash:
        return None
    vals = [(f"{', '.join(sorted(act)) or '?'} → {', '.join(sorted(cp)) or '?'}", it.doc.id) for it, act, cp in sides]
    return {"event": cl.id, "field": "participants", "values": _values(vals)}


def conflicts(clusters: list[Cluster], matcher: Matcher) -> list[dict]:
    out = []
    for cl in clusters:
        for found in (date_conflict(cl), location_conflict(cl), participants_conflict(cl, matcher)):
            if found:
                out.append(found)
    return out
