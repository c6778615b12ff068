"""Event coreference inside one document: the same happening told several times is one event.

1. In one sentence, mentions of one family are one happening ("قام بزيارة ... حيث عقد لقاء مع ...",
   "استقبل X ... الذي جاء في زيارة"): a visit absorbs the meetings held during it, a host event the
   visit it receives, a conference the meeting it is.
2. Across sentences a group joins an earlier event of its family when they share a participant and
   their dates and countries do not clash ("a 2019 meeting and a 2022 visit" stay apart).  A group
   with no actor of its own ("هذه الزيارة", "برنامج الزيارة ... مع كل من ...") joins the latest
   compatible event of its family, or is dropped.
3. Generic plurals ("لقاءات", "زيارات") make or join an event only with a named person as actor and
   a date, place or counterpart of their own.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rasd.events.arguments import EMention
from rasd.events.context import Context
from rasd.events.dates import compatible, event_date
from rasd.events.places import is_country

_PRIORITY = {"host": 0, "visit": 1, "multilateral": 2, "phone": 3, "meeting": 4}


def family(m: EMention) -> tuple[str, str | None]:
    if m.type == "CONSULT":
        return ("CONSULT", "multilateral" if m.mode == "multilateral" else "bilateral")
    return (m.type, m.mode)


@dataclass
class Group:
    """Mentions of one happening in one sentence, with the primary one first."""

    mentions: list[EMention]

    @property
    def primary(self) -> EMention:
        return self.mentions[0]

    @property
    def actors(self) -> list:
        for m in self.mentions:
            if m.actors:
                return m.actors
        return []

    @property
    def participants(self) -> set[str]:
        return set().union(*(m.participants for m in self.mentions))

    @property
    def weak(self) -> bool:
        return all(m.hit.weak for m in self.mentions)


@dataclass
class Cluster:
    """One event: its groups of mentions, in text order."""

    groups: list[Group] = field(default_factory=list)

    @property
    def mentions(self) -> list[EMention]:
        return [m for g in self.groups for m in g.mentions]

    @property
    def primary(self) -> EMention:
        with_actor = [g for g in self.groups if g.actors and not g.weak]
        return (with_actor or [g for g in self.groups if g.actors] or self.groups)[0].primary

    @property
    def participants(self) -> set[str]:
        return set().union(*(g.participants for g in self.groups))

    def family(self) -> tuple[str, str | None]:
        return family(self.primary)


def _sentence_groups(mentions: list[EMention]) -> list[Group]:
    """Mentions of one family in one sentence form one group."""
    groups: list[Group] = []
    index: dict[tuple, Group] = {}
    for m in mentions:
        fam = family(m)
        key_fam = ("CONSULT", "any") if m.type == "CONSULT" else fam
        key = (m.hit.sent, key_fam)
        if key in index:
            index[key].mentions.append(m)
        else:
            index[key] = Group([m])
            groups.append(index[key])
    for g in groups:
        g.mentions.sort(key=lambda m: (_PRIORITY.get(m.mode or "", 9) if m.type == "CONSULT" else 0,
                                       0 if m.actors else 1, m.hit.start))
        modes = {m.mode for m in g.mentions}
        if "multilateral" in modes:  # a meeting word in a conference sentence is the conference
            for m in g.mentions:
                m.mode = "multilateral"
    return groups


def _country(m: EMention) -> str | None:
    if m.location is not None:
        return m.location.entity.country
    return m.fallback_country


def _cities(ms: list[EMention]) -> set[str]:
    return {m.location.entity.id for m in ms if m.location is not None and not is_country(m.location.entity)}


def _countries(ms: list[EMention]) -> set[str]:
    return {c for c in (_country(m) for m in ms) if c}


def _roles(g) -> tuple[set[str], set[str]]:
    """Ids of actors and counterparts; a counterpart also stands for its country ("مسؤولون أمريكيون")."""
    ms = g.mentions if isinstance(g, (Group, Cluster)) else [g]
    acts = {a.entity.id for m in ms for a in m.actors}
    others = [a for m in ms for a in m.counterparts if a.entity.id not in acts]
    cps = {a.entity.id for a in others} | {f"cc:{a.entity.country}" for a in others if a.entity.country}
    return acts, cps


def _same_people(c: Cluster, g: Group) -> bool:
    """One group's people are all among the other's; or they share the actor and the other side
    (or one side is not named); or they are the same pair seen from both ends (host / visitor)."""
    a, b = c.participants, g.participants
    if a <= b or b <= a:
        return True
    (ca, cc), (ga, gc) = _roles(c), _roles(g)
    anaphoric = any(m.hit.anaphoric for m in g.mentions)  # "خلال هذه الزيارة": told as the same one
    if (ca & ga or _same_state(c, g)) and (anaphoric or not cc or not gc or cc & gc):
        return True
    return bool(ca & gc and ga & cc)


def _same_state(c: Cluster, g: Group) -> bool:
    """One side's actor is a bare state ("المسؤول الأمني المغربي") and the other's is one of its people."""
    def states(x):
        return {a.entity.country for m in x.mentions for a in m.actors if a.type == "GPE" and a.entity.country}

    def people(x):
        return {a.entity.country for m in x.mentions for a in m.actors if a.type != "GPE" and a.entity.country}
    return bool(states(c) & people(g) or states(g) & people(c))


def _fits(ctx: Context, c: Cluster, g: Group, need_people: bool) -> bool:
    if c.family() != family(g.primary):
        return False
    if need_people and not _same_people(c, g):
        return False
    ca, ga = _countries(c.mentions), _countries(g.mentions)
    if ca and ga and not (ca & ga):
        return False
    cc, gc = _cities(c.mentions), _cities(g.mentions)
    if cc and gc and not (cc & gc):
        return False
    return compatible(event_date(ctx, c.mentions), event_date(ctx, g.mentions))


def _specific(g: Group) -> bool:
    return any(m.time is not None or m.location is not None or m.counterparts for m in g.mentions)


def cluster(ctx: Context, mentions: list[EMention]) -> list[Cluster]:
    """Events (clusters of mentions) in order of first mention; groups that fit nowhere are dropped.

    Groups with an actor make or join events first; then each group without one joins the nearest
    compatible event of its family, preferring one told before it."""
    clusters: list[Cluster] = []
    dependents: list[Group] = []
    for g in _sentence_groups(mentions):
        if g.primary.hit.entry.frame == "inherit" and not g.actors:
            continue  # handled by inherit()
        if g.weak and not (g.actors and any(a.type == "PER" for a in g.actors) and _specific(g)):
            continue
        if not g.actors:
            if any(m.hit.entry.pos == "noun" and not m.hit.weak for m in g.mentions):
                dependents.append(g)  # "الزيارة", "هذا اللقاء": a masdar can refer back; a bare verb cannot
            continue
        target = next((c for c in reversed(clusters) if _fits(ctx, c, g, True)), None)
        if target is not None:
            target.groups.append(g)
        else:
            clusters.append(Cluster([g]))
    for g in dependents:
        pos = g.primary.hit.start
        before = [c for c in clusters if c.groups[0].primary.hit.start <= pos]
        after = [c for c in clusters if c.groups[0].primary.hit.start > pos]
        target = next((c for c in list(reversed(before)) + after if _fits(ctx, c, g, False)), None)
        if target is not None:
            target.groups.append(g)
    for c in clusters:
        c.groups.sort(key=lambda g: g.primary.hit.start)
    return clusters


def inherit(ctx: Context, mentions: list[EMention], clusters: list[Cluster]) -> list[tuple[EMention, Cluster]]:
    """Cooperation told as part of a reported meeting or visit: (mention, the event it hangs on)."""
    out = []
    by_sent: dict[int, Cluster] = {}
    for c in clusters:
        for m in c.mentions:
            if m.type == "CONSULT":
                by_sent.setdefault(m.hit.sent, c)
    for m in mentions:
        if m.hit.entry.frame != "inherit" or m.actors:
            continue
        anchor = by_sent.get(m.hit.sent)
        if anchor is not None:
            out.append((m, anchor))
    return out
