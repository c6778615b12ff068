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
4. A mode-less mention ("هجوم") and a moded one of the same type ("بسيارة مفخخة") are one family.
5. References (``lexicons/event_reference.yml``): a noun that is the object of a condemnation
   ("أدان X الهجوم") loses X and only points back; the object of a claim ("تبنى X الهجوم") points
   back and names the actor.  A name before an attack with a victim word between them ("مقتل جنود
   نيجريين في هجوم") is the target: a counterpart.  The time and place of a reference belong to the
   claim or condemnation, not to the happening.
6. The headline tells the lead: a headline group joins the first body event of its family whose
   places and dates fit, whoever its participants are.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from rasd.errors import DataError
from rasd.events.arguments import EMention
from rasd.events.context import Context
from rasd.events.dates import compatible, event_date
from rasd.events.lexicon import lexicon
from rasd.events.places import is_country
from rasd.resources import lint_arabic, load_yaml
from rasd.text.normalize import normalize

REFERENCE_FILE = "lexicons/event_reference.yml"
REFERENCE_KEYS = ("condemn", "claim", "victim")
CLAIM, CONDEMN = "ref:claim", "ref:condemn"
_VICTIM_BEFORE = 3  # words before a name where its victim word may stand ("قتل 12 جنديا X")

_PRIORITY = {"host": 0, "visit": 1, "multilateral": 2, "phone": 3, "meeting": 4}


def family(m: EMention) -> tuple[str, str | None]:
    if m.type == "CONSULT":
        return ("CONSULT", "multilateral" if m.mode == "multilateral" else "bilateral")
    return (m.type, m.mode)


def same_family(a: tuple[str, str | None], b: tuple[str, str | None]) -> bool:
    """Equal families, or one type where one side has no mode ("هجوم" and "تفجير")."""
    if a[0] != b[0]:
        return False
    return a == b or (a[0] != "CONSULT" and (a[1] is None or b[1] is None))


@dataclass(frozen=True)
class References:
    """The phrases of ``event_reference.yml``, normalised and split into words."""

    condemn: tuple[tuple[str, ...], ...]
    claim: tuple[tuple[str, ...], ...]
    victim: tuple[tuple[str, ...], ...]
    window: int  # words between a condemning or claiming verb and the event noun


@functools.lru_cache(maxsize=1)
def reference_words() -> References:
    """The checked reference lexicon (``DataError`` names the file and key when malformed)."""
    data = load_yaml(REFERENCE_FILE)
    lists = {}
    for key in REFERENCE_KEYS:
        vals = data.get(key)
        if not isinstance(vals, list) or not vals or not all(isinstance(v, str) and v.strip() for v in vals):
            raise DataError(REFERENCE_FILE, key, "must be a non-empty list of strings")
        for v in vals:
            if lint_arabic(v):
                raise DataError(REFERENCE_FILE, f"{key}: {v}", ", ".join(lint_arabic(v)))
        lists[key] = tuple(tuple(normalize(v).split()) for v in vals)
    window = data.get("window")
    if not isinstance(window, int) or window < 1:
        raise DataError(REFERENCE_FILE, "window", "must be a positive integer")
    return References(window=window, **lists)


def _word_at(norm: list[str], i: int, phrases: tuple[tuple[str, ...], ...]) -> bool:
    """A phrase of ``phrases`` starts at word ``i`` (a leading و or ف allowed on its first word)."""
    for ph in phrases:
        n = len(ph)
        if i + n > len(norm):
            continue
        first = norm[i]
        if first != ph[0] and not (first[:1] in ("و", "ف") and first[1:] == ph[0]):
            continue
        if tuple(norm[i + 1: i + n]) == ph[1:]:
            return True
    return False


def _governed_by(ctx: Context, m: EMention, phrases: tuple[tuple[str, ...], ...], after: bool = False) -> bool:
    """One of ``phrases`` stands within the window before the trigger, in the same clause (the
    trigger is its object); with ``after``, also right after it as a relative verb ("هجوم ... تبناه X")."""
    norm = ctx.sents[m.hit.sent].norm
    w, breaks = reference_words().window, lexicon().ext["clause_breaks"]
    for i in range(m.hit.ti - 1, max(-1, m.hit.ti - 1 - w), -1):
        if norm[i] in breaks:
            break
        if _word_at(norm, i, phrases):
            return True
    return after and any(_word_at(norm, i, phrases) for i in range(m.hit.tj + 1, min(len(norm), m.hit.tj + w)))


def _victims_before(ctx: Context, m: EMention) -> list:
    """Actors named before an attack trigger with a victim word near them and before the trigger
    ("مقتل جنود X في هجوم", "قتل جنود X في هجوم")."""
    sent = ctx.sents[m.hit.sent]
    words = reference_words().victim
    out = []
    for a in m.actors:
        if a.end > m.hit.start:
            continue
        k = next((i for i, t in enumerate(sent.tokens) if t.end > a.start), m.hit.ti)
        if any(_word_at(sent.norm, i, words) for i in range(max(0, k - _VICTIM_BEFORE), m.hit.ti)):
            out.append(a)
    return out


def mark_references(ctx: Context, mentions: list[EMention]) -> None:
    """Read condemnations, claims and victims around noun triggers (see the module doc, 5)."""
    for m in mentions:
        if m.hit.entry.pos != "noun" or m.hit.weak:
            continue
        if m.type == "ASSAULT":
            victims = _victims_before(ctx, m)
            if victims:
                ids = {a.entity.id for a in victims}
                m.actors = [a for a in m.actors if a.entity.id not in ids]
                m.counterparts = victims + [a for a in m.counterparts if a.entity.id not in ids]
                m.rules.append("actor:victim-is-counterpart")
        refs = reference_words()
        if _governed_by(ctx, m, refs.condemn):
            m.actors, m.time, m.location = [], None, None
            m.rules.append(CONDEMN)
        elif m.type == "ASSAULT" and _governed_by(ctx, m, refs.claim, after=True):
            m.rules.append(CLAIM)


def is_reference(m: EMention) -> bool:
    return CLAIM in m.rules or CONDEMN in m.rules


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
        return group_family(self.mentions)


def group_family(ms: list[EMention]) -> tuple[str, str | None]:
    """The family of mentions told as one: the first one's, with the first mode any of them gives."""
    fam = family(ms[0])
    if fam[0] == "CONSULT" or fam[1] is not None:
        return fam
    return (fam[0], next((m.mode for m in ms if m.mode is not None), None))


def _sentence_groups(mentions: list[EMention]) -> list[Group]:
    """Mentions of one family in one sentence form one group."""
    groups: list[Group] = []
    for m in mentions:
        fam = ("CONSULT", "any") if m.type == "CONSULT" else family(m)
        g = next((g for g in groups if g.primary.hit.sent == m.hit.sent
                  and same_family(("CONSULT", "any") if g.primary.type == "CONSULT" else group_family(g.mentions),
                                  fam)), None)
        if g is not None:
            g.mentions.append(m)
        else:
            groups.append(Group([m]))
    for g in groups:
        g.mentions.sort(key=lambda m: (_PRIORITY.get(m.mode or "", 9) if m.type == "CONSULT" else (m.mode is None),
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


def _countries(ms: list[EMention], told: bool = False) -> set[str]:
    """Countries of the mentions' places; with ``told``, only of places the text names (not the
    actor's country a police action falls back to)."""
    if told:
        return {m.location.entity.country for m in ms if m.location is not None and m.location.entity.country}
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


def _fits(ctx: Context, c: Cluster, g: Group, need_people: bool, told: bool = False) -> bool:
    """``g`` may tell the event ``c``: same family, people (when ``need_people``), places and dates
    that do not clash; with ``told``, only places the text names are compared."""
    if not same_family(c.family(), group_family(g.mentions)):
        return False
    if need_people and not _same_people(c, g):
        return False
    ca, ga = _countries(c.mentions, told), _countries(g.mentions, told)
    if ca and ga and not (ca & ga):
        return False
    cc, gc = _cities(c.mentions), _cities(g.mentions)
    if cc and gc and not (cc & gc):
        return False
    if _referring(g):
        return True  # the date of a claim is the claim's
    told = [m for m in c.mentions if not is_reference(m)]
    return compatible(event_date(ctx, told), event_date(ctx, g.mentions))


def _join(c: Cluster, g: Group) -> None:
    c.groups.append(g)


def _drop_reference_dates(c: Cluster) -> None:
    """A claim told with its own date keeps it only when no other mention of the event is dated
    ("تبنى X الهجوم مساء اليوم نفسه": the evening is the claim's)."""
    if any(m.time is not None for m in c.mentions if not is_reference(m)):
        for m in c.mentions:
            if is_reference(m):
                m.time = m.time_end = None


def _specific(g: Group) -> bool:
    return any(m.time is not None or m.location is not None or m.counterparts for m in g.mentions)


def _is_title(ctx: Context, g: Group) -> bool:
    return ctx.sents[g.primary.hit.sent].title


def _referring(g: Group) -> bool:
    return any(is_reference(m) for m in g.mentions)


def _nearest(ctx: Context, clusters: list[Cluster], g: Group, need_people: bool) -> Cluster | None:
    """The compatible event told nearest before ``g``, else the nearest after it."""
    pos = g.primary.hit.start
    before = [c for c in clusters if c.groups[0].primary.hit.start <= pos]
    after = [c for c in clusters if c.groups[0].primary.hit.start > pos]
    return next((c for c in list(reversed(before)) + after if _fits(ctx, c, g, need_people)), None)


def cluster(ctx: Context, mentions: list[EMention]) -> list[Cluster]:
    """Events (clusters of mentions) in order of first mention; groups that fit nowhere are dropped.

    Body groups with an actor make or join events first (a claim joins the attack it names without
    sharing its people); then headline groups join the first body event of their family that fits;
    then each group without an actor joins the nearest compatible event of its family, preferring
    one told before it."""
    mark_references(ctx, mentions)
    clusters: list[Cluster] = []
    dependents: list[Group] = []
    headlines: list[Group] = []
    for g in _sentence_groups(mentions):
        if g.primary.hit.entry.frame == "inherit" and not g.actors:
            continue  # handled by inherit()
        if g.weak and not (g.actors and any(a.type == "PER" for a in g.actors) and _specific(g)):
            continue
        if not g.actors:
            if any(m.hit.entry.pos == "noun" and not m.hit.weak for m in g.mentions):
                dependents.append(g)  # "الزيارة", "هذا اللقاء": a masdar can refer back; a bare verb cannot
            continue
        if _is_title(ctx, g):
            headlines.append(g)
            continue
        target = next((c for c in reversed(clusters) if _fits(ctx, c, g, True)), None)
        if target is None and _referring(g):
            target = _nearest(ctx, clusters, g, False)
        if target is not None:
            _join(target, g)
        else:
            clusters.append(Cluster([g]))
    for g in headlines:
        target = next((c for c in clusters if _fits(ctx, c, g, True)), None) or \
            next((c for c in clusters if _fits(ctx, c, g, False, told=True)), None)
        if target is not None:
            _join(target, g)
        else:
            clusters.append(Cluster([g]))
    for g in dependents:
        target = _nearest(ctx, clusters, g, False)
        if target is not None:
            _join(target, g)
    for c in clusters:
        c.groups.sort(key=lambda g: g.primary.hit.start)
        _drop_reference_dates(c)
    clusters.sort(key=lambda c: c.groups[0].primary.hit.start)
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
