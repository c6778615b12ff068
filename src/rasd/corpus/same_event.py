"""Same event: cluster events of different documents that report one happening.

Candidates come from blocking keys (event type and a pair of participants, agencies standing
for their chiefs; single-participant events also by that participant), so no two events are
compared unless they share participants.  Each candidate pair gets ``score_pair``: a sum of
weighted signals from ``cross_document.yml`` (mode, participants, place, date, shared text,
publication), every signal written into the pair's evidence.  Pairs are merged greedily from
the best score down (at most one event per document in a cluster), unless some pair across the
two clusters scores below ``min_link`` (places in different countries, a visitor who is not
the visitor, a document that itself reports both happenings, or a date conflict without the
marks of a misdating).
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import Iterable

from rasd.corpus import dates as D
from rasd.corpus.config import mode_table, settings, threshold, type_table, weight
from rasd.corpus.participants import Matcher, participants
from rasd.doc import Document, Event


@dataclass(slots=True)
class Item:
    """One event of one document, with what the scoring needs precomputed."""

    n: int  # index in the item list
    doc: Document
    ev: Event
    parts: list[str]
    span: D.Interval | None


@dataclass(slots=True)
class Pair:
    a: int
    b: int
    score: float
    evidence: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Cluster:
    id: str
    items: list[Item]
    evidence: list[str]


def _type_group(t: str) -> str:
    """Representative of a type's compatibility class (the smallest name in it)."""
    group = {t} | {b for a, b in type_table() if a == t}
    return min(group)


def block_keys(it: Item, matcher: Matcher) -> set[tuple]:
    """Blocking keys of an event: (type group, identity x, identity y) for each pair of its
    participants, under every name each may stand for."""
    tg = _type_group(it.ev.type)
    idents = [sorted(matcher.identities(p)) for p in it.parts]
    keys = set()
    for i, j in combinations(range(len(idents)), 2):
        for x in idents[i]:
            for y in idents[j]:
                if x != y:
                    keys.add((tg,) + tuple(sorted((x, y))))
    return keys


def _year(it: Item) -> int | None:
    return None if it.span is None else it.span[0] // 365


def candidate_pairs(items: list[Item], matcher: Matcher) -> set[tuple[int, int]]:
    """Pairs of items from different documents that share a blocking key.

    Events with one participant are paired with the events that name that participant
    (when ``single_participant_ok``), through an index built only for those names."""
    blocks: dict[tuple, list[int]] = defaultdict(list)
    singles: list[tuple[tuple, int]] = []
    for it in items:
        if len(it.parts) == 1:
            if threshold("single_participant_ok"):
                tg = _type_group(it.ev.type)
                singles += [((tg, x), it.n) for x in matcher.identities(it.parts[0])]
            continue
        for k in block_keys(it, matcher):
            blocks[k].append(it.n)
    if singles:
        wanted = {k for k, _ in singles}
        by_name: dict[tuple, list[int]] = defaultdict(list)
        for it in items:
            tg = _type_group(it.ev.type)
            for p in it.parts:
                for x in matcher.identities(p):
                    if (tg, x) in wanted:
                        by_name[(tg, x)].append(it.n)
    cap = settings()["max_block"]
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        for group in _split(sorted(set(members)), items, cap):
            for x, y in combinations(group, 2):
                if items[x].doc.id != items[y].doc.id:
                    pairs.add((x, y) if x < y else (y, x))
    for k, n in singles:  # a single-participant event meets only the events naming its participant
        others = by_name[k]
        if len(others) > cap:
            year = _year(items[n])
            others = [] if year is None else [m for m in others if _year(items[m]) == year][: cap * 4]
        for m in others:
            if items[m].doc.id != items[n].doc.id:
                pairs.add((m, n) if m < n else (n, m))
    return pairs


def _split(members: list[int], items: list[Item], cap: int) -> Iterable[list[int]]:
    """A block, or when it is too large its parts by year (undated events then left out)."""
    if len(members) <= cap:
        yield members
        return
    by_year: dict = defaultdict(list)
    for m in members:
        by_year[_year(items[m])].append(m)
    for y, group in by_year.items():
        if y is not None:
            yield group[: cap * 4]


def related_in_doc(items: list[Item], matcher: Matcher) -> dict[int, list[int]]:
    """For each item, the other events of its own document of the same type group sharing
    participants: happenings the document itself keeps apart."""
    by_doc: dict[str, list[Item]] = defaultdict(list)
    for it in items:
        by_doc[it.doc.id].append(it)
    rel: dict[int, list[int]] = {}
    need = threshold("min_shared_participants")
    for its in by_doc.values():
        for x, y in combinations(its, 2):
            if _type_group(x.ev.type) == _type_group(y.ev.type) and \
                    matcher.shared(x.parts, y.parts) >= min(need, len(x.parts), len(y.parts)):
                rel.setdefault(x.n, []).append(y.n)
                rel.setdefault(y.n, []).append(x.n)
    return rel


# ---- scoring -------------------------------------------------------------------------------

def _mode(a: Event, b: Event) -> tuple[float, bool, str] | None:
    """(weight, swap, evidence) for two modes, or None when they cannot be one happening."""
    if a.mode == b.mode:
        return (weight("mode_same") if a.mode else 0.0), False, f"mode {a.mode or '?'}"
    if not a.mode or not b.mode:
        return 0.0, False, f"mode {a.mode or '?'}~{b.mode or '?'}"
    swap = mode_table().get((a.mode, b.mode))
    if swap is None:
        return None
    return weight("mode_compatible"), swap, f"mode {a.mode}~{b.mode}" + (" (roles swapped)" if swap else "")


def _place(a: Event, b: Event) -> tuple[float, str]:
    la, lb = a.location, b.location
    if la is None or lb is None:
        return weight("place_unknown"), "place unknown on one side"
    if la.country and lb.country and la.country != lb.country:
        return weight("place_conflict"), f"places {la.name} ({la.country}) vs {lb.name} ({lb.country})"
    if la.name == lb.name:
        return weight("place_same"), f"place {la.name}"
    if la.country and la.country == lb.country:
        return weight("place_within"), f"place {la.name}~{lb.name} ({la.country})"
    return weight("place_unknown"), f"places {la.name}, {lb.name} not comparable"


def _both_reported(x: Item, y: Item, items: list[Item], rel: dict[int, list[int]]) -> bool:
    """Some document (one of the two) reports an event on the other's date besides its own."""
    for own, other_span in ((x, y.span), (y, x.span)):
        for o in rel.get(own.n, ()):
            s = items[o].span
            if s is not None and D.overlap(s, other_span):
                return True
    return False


def _date(x: Item, y: Item, items: list[Item], rel: dict[int, list[int]]) -> tuple[float, str]:
    a, b = x.span, y.span
    va, vb = D.value_string(x.ev.date), D.value_string(y.ev.date)
    if a is None or b is None:
        return weight("date_unknown"), f"date {va or '—'} vs {vb or '—'}"
    if D.overlap(a, b):
        return weight("date_agree"), f"dates agree {va} ~ {vb}"
    w, why = weight("date_conflict"), f"dates disjoint {va} vs {vb}"
    if _both_reported(x, y, items, rel):
        return w + weight("both_in_one_doc"), why + "; a document reports both as distinct"
    if D.same_pattern(x.ev.date, y.ev.date) or D.month_pattern(x.ev.date, y.ev.date):
        return w + weight("date_same_pattern"), why + "; same calendar days, other year (misdating?)"
    return w, why


def score_pair(x: Item, y: Item, matcher: Matcher, reuse_pairs: set[tuple[str, str]],
               items: list[Item], rel: dict[int, list[int]]) -> Pair | None:
    """The same-event score of two events of two documents, with its evidence; None when their
    types or modes cannot describe one happening or they share too few participants.

    score = mode + participants * Dice(shared) + place + date + shared passage + publication
    + direction; each term's weight is in ``cross_document.yml``.
    """
    a, b = x.ev, y.ev
    if a.type != b.type and (a.type, b.type) not in type_table():
        return None
    mode = _mode(a, b)
    if mode is None:
        return None
    w_mode, swap, why_mode = mode
    shared = matcher.shared(x.parts, y.parts)
    smaller = min(len(x.parts), len(y.parts))
    if shared < threshold("min_shared_participants"):
        single_ok = threshold("single_participant_ok") and smaller == 1 and shared == 1
        if not single_ok or x.span is None or y.span is None or not D.overlap(x.span, y.span):
            return None
    score, ev = w_mode, [why_mode]
    dice = 2 * shared / (len(x.parts) + len(y.parts))
    score += weight("participants") * dice
    ev.append(f"participants {shared} shared of {len(x.parts)}/{len(y.parts)}")
    for w, why in (_place(a, b), _date(x, y, items, rel)):
        score += w
        ev.append(why)
    if a.mode in settings()["directed_modes"] or b.mode in settings()["directed_modes"]:
        act_b = b.counterparts if swap else b.actors
        if a.actors and act_b and matcher.shared(a.actors, act_b) == 0:
            score += weight("direction_mismatch")
            ev.append("different side takes the initiative (visitor is not the visitor)")
    if tuple(sorted((x.doc.id, y.doc.id))) in reuse_pairs:
        score += weight("shared_passage")
        ev.append("the documents share a passage")
    gap = D.days_apart(x.doc.published.earliest, y.doc.published.earliest)
    if gap is not None and gap <= settings()["published_close_days"]:
        score += weight("published_close")
        ev.append(f"published {gap} days apart")
    return Pair(x.n, y.n, round(score, 3), ev)


# ---- clustering ------------------------------------------------------------------------------

def cluster(docs: list[Document], matcher: Matcher, reuse_pairs: set[tuple[str, str]]) -> list[Cluster]:
    """Clusters of events from at least two documents, sorted by first document id."""
    items = []
    for d in docs:
        for ev in d.events:
            parts = participants(ev)
            if parts:
                items.append(Item(len(items), d, ev, parts, D.interval(ev.date)))
    pairs = candidate_pairs(items, matcher)
    rel = related_in_doc(items, matcher)
    scored = {}
    for x, y in sorted(pairs):
        p = score_pair(items[x], items[y], matcher, reuse_pairs, items, rel)
        if p is not None:
            scored[(x, y)] = p
    groups = _merge(items, scored)
    return _name([g for g in groups if len({items[i].doc.id for i in g[0]}) >= 2], items)


def _link(scored: dict[tuple[int, int], Pair], u: int, v: int) -> float:
    """The score of two items, or +inf when they were never compared (no evidence against)."""
    p = scored.get((u, v) if u < v else (v, u))
    return float("inf") if p is None else p.score


def _merge(items: list[Item], scored: dict[tuple[int, int], Pair]) -> list[tuple[list[int], list[str]]]:
    """Greedy best-first merging: a pair at or above ``same_event`` joins its two clusters when
    they hold no document in common and every scored pair across them reaches ``min_link``
    (complete-link floor: a report may join a cluster it conflicts with only when the conflict
    carries the marks of a misdating)."""
    of = {i: i for i in range(len(items))}
    members = {i: [i] for i in range(len(items))}
    docs = {i: {items[i].doc.id} for i in range(len(items))}
    evidence: dict[int, list[str]] = defaultdict(list)
    th, floor = threshold("same_event"), threshold("min_link")
    order = sorted(scored.values(), key=lambda p: (-p.score, items[p.a].doc.id, items[p.b].doc.id, p.a, p.b))
    for p in order:
        if p.score < th:
            break
        ca, cb = of[p.a], of[p.b]
        if ca == cb or docs[ca] & docs[cb]:
            continue
        if any(_link(scored, u, v) < floor for u in members[ca] for v in members[cb]):
            continue
        for m in members[cb]:
            of[m] = ca
        members[ca] += members.pop(cb)
        docs[ca] |= docs.pop(cb)
        evidence[ca] += evidence.pop(cb, [])
        evidence[ca].append(f"{items[p.a].doc.id}#{items[p.a].ev.id} ~ {items[p.b].doc.id}#{items[p.b].ev.id}: "
                            f"score {p.score} ({'; '.join(p.evidence)})")
    return [(sorted(ms), evidence.get(c, [])) for c, ms in members.items() if len(ms) > 1]


_GENERIC = re.compile(r"^[a-z]{0,5}\d+$|(?<!\d{4}-\d{2})[-_]\d{1,3}$", re.I)  # "ev3", "consult-visit-1": counters, not names
_SLUG = re.compile(r"[^a-z0-9]+")


def _slug(items: list[Item]) -> str:
    """``<actor's last name>-<country>-<year>``, from the cluster's most common values."""
    first = Counter(it.ev.actors[0] for it in items if it.ev.actors).most_common(1)
    who = first[0][0].split()[-1] if first else (items[0].ev.mode or items[0].ev.type)
    where = Counter((it.ev.location.country or it.ev.location.name) for it in items
                    if it.ev.location is not None).most_common(1)
    years = Counter((it.ev.date.start or "")[:4] for it in items if it.ev.date.start).most_common(1)
    parts = [who] + ([where[0][0]] if where else []) + ([years[0][0]] if years else [])
    return _SLUG.sub("-", "-".join(parts).lower()).strip("-") or "event"


def _name(groups: list[tuple[list[int], list[str]]], items: list[Item]) -> list[Cluster]:
    """Stable ids: the most common member event id when at least two members carry it and it is
    a name (not a per-document counter such as ``ev3`` or ``consult-visit-1``), else a slug."""
    out, used = [], Counter()
    groups = sorted(groups, key=lambda g: sorted((items[i].doc.id, items[i].ev.id) for i in g[0]))
    for ms, ev in groups:
        its = sorted((items[i] for i in ms), key=lambda it: it.doc.id)
        common = Counter(it.ev.id for it in its).most_common()
        top = common[0][0]
        base = top if common[0][1] >= 2 and not _GENERIC.search(top) else _slug(its)
        used[base] += 1
        cid = base if used[base] == 1 else f"{base}-{used[base]}"
        out.append(Cluster(cid, its, ev))
    return out
