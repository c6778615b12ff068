"""Event alignment and scores for one document pair (docs/evaluation.md, "Events").

Participants (actors ∪ counterparts) are compared in the gold's name space: a predicted
name is replaced by the name of the gold entity its entity was aligned with
(``entities.name_map``); a name with no aligned entity is kept and compared
case-insensitively.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rasd.eval.align import assign, name_key
from rasd.eval.measures import PRF, Accuracy, Mean, jaccard


@dataclass
class EventScores:
    events: PRF = field(default_factory=PRF)
    mode: Accuracy = field(default_factory=Accuracy)
    actors: Accuracy = field(default_factory=Accuracy)
    actors_jaccard: Mean = field(default_factory=Mean)
    counterparts: Accuracy = field(default_factory=Accuracy)
    counterparts_jaccard: Mean = field(default_factory=Mean)
    country: Accuracy = field(default_factory=Accuracy)
    date: Accuracy = field(default_factory=Accuracy)
    topics_jaccard: Mean = field(default_factory=Mean)


def _fold(x) -> str | None:
    return None if x is None else str(x).casefold()


def _names(names, mapping: dict[str, str] | None = None) -> set[str]:
    keys = {name_key(n) for n in names or [] if name_key(n)}
    return {mapping.get(k, k) for k in keys} if mapping else keys


def _country(ev: dict) -> str | None:
    return _fold((ev.get("location") or {}).get("country"))


def _date(ev: dict) -> tuple:
    d = ev.get("date") or {}
    return d.get("start"), d.get("end")


@dataclass
class _View:
    """An event reduced to what the scorer compares (names already in the gold's space)."""

    type: str | None
    mode: str | None
    actors: set[str]
    counterparts: set[str]
    country: str | None
    date: tuple
    topics: set[str]

    @property
    def participants(self) -> set[str]:
        return self.actors | self.counterparts

    @classmethod
    def of(cls, ev: dict, mapping: dict[str, str] | None = None) -> "_View":
        return cls(_fold(ev.get("type")), _fold(ev.get("mode")), _names(ev.get("actors"), mapping),
                   _names(ev.get("counterparts"), mapping), _country(ev), _date(ev),
                   {t.casefold() for t in ev.get("topics") or [] if t})


def _candidate(g: _View, p: _View) -> tuple | None:
    """The sort key of a possible pair (best first), or None when they may not be aligned."""
    if g.type != p.type:
        return None
    overlap = len(g.participants & p.participants)
    if overlap == 0 and not (not g.participants and not p.participants and g.mode == p.mode):
        return None
    return (-jaccard(g.participants, p.participants), -overlap, -(g.mode == p.mode), -(g.date == p.date))


def align_events(gold: list[_View], pred: list[_View]) -> list[tuple[int, int]]:
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            key = _candidate(g, p)
            if key is not None:
                cands.append((key, gi, pi))
    return assign(cands)


def score_events(gold: list[dict], pred: list[dict], mapping: dict[str, str], acc: EventScores) -> dict:
    """Add one document's event counts to ``acc``; return its alignment details."""
    gv = [_View.of(e) for e in gold]
    pv = [_View.of(e, mapping) for e in pred]
    pairs = align_events(gv, pv)
    acc.events.add(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))
    for gi, pi in pairs:
        g, p = gv[gi], pv[pi]
        acc.mode.add(g.mode == p.mode)
        acc.actors.add(g.actors == p.actors)
        acc.actors_jaccard.add(jaccard(g.actors, p.actors))
        acc.counterparts.add(g.counterparts == p.counterparts)
        acc.counterparts_jaccard.add(jaccard(g.counterparts, p.counterparts))
        acc.country.add(g.country == p.country)
        acc.date.add(g.date == p.date)
        acc.topics_jaccard.add(jaccard(g.topics, p.topics))
    got_g = {gi for gi, _ in pairs}
    got_p = {pi for _, pi in pairs}
    return {
        "pairs": [(gold[g].get("id"), pred[p].get("id")) for g, p in pairs],
        "missed": [gold[i].get("id") for i in range(len(gold)) if i not in got_g],
        "spurious": [pred[i].get("id") for i in range(len(pred)) if i not in got_p],
    }
