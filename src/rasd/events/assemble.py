"""Turn clusters of mentions into ``rasd.doc.Event`` objects: roles, mode, place, date, status (topics: ``rasd.events.topics``).

Final decisions, each recorded in the event's ``rules``:

* roles: the names of every mention, actors first; when a role has a person, organisations and
  states in it are their affiliations and drop out; a group claiming an attack is its actor, the
  states named as actors elsewhere are its targets (counterparts) and a less specific name of the
  claimant ("تنظيم الدولة" for "تنظيم الدولة في الساحل") drops out;
* mode: a meeting held in the counterpart's country, away from the actor's own, is a visit;
* place: the place tied to the main mention, else to any mention, else the host's or acting
  service's country;
* precision: an event needs an actor and at least a counterpart, a place or a date; a decided
  ("قرر") event needs its date or place fixed;
* status: scheduled when a future marker governs it or its date lies after publication.
"""
from __future__ import annotations

from rasd.doc import Event, EventDate, Location, Span
from rasd.events.arguments import EMention
from rasd.events.context import Arg, Context
from rasd.events.coref import CLAIM, Cluster
from rasd.events.dates import compatible, event_date
from rasd.events.lexicon import lexicon
from rasd.events.places import country_name


def _unique(args: list[Arg]) -> list[Arg]:
    seen, out = set(), []
    for a in args:
        if a.entity.id not in seen:
            seen.add(a.entity.id)
            out.append(a)
    return out


def _prefer_people(args: list[Arg]) -> tuple[list[Arg], bool]:
    people = [a for a in args if a.type == "PER"]
    if people and len(people) < len(args):
        return people, True
    return args, False


def _claimed(c: Cluster) -> tuple[list[Arg], list[Arg]] | None:
    """(actors, counterparts) of an attack some group claims, or None when no mention is a claim.
    The most specific claimant names are the actors; the counterparts, and the states other
    mentions took for actors, are the targets; other organisations drop out."""
    claimants = _unique([a for m in c.mentions if CLAIM in m.rules for a in m.actors])
    if not claimants:
        return None
    claimants = [a for a in claimants if not any(a.entity.id != b.entity.id
                                                  and a.entity.name.casefold() in b.entity.name.casefold()
                                                  for b in claimants)]
    ids = {a.entity.id for a in claimants}
    targets = [a for m in c.mentions for a in m.counterparts + [x for x in m.actors if x.type == "GPE"]
               if a.entity.id not in ids]
    return claimants, _unique(targets)


def roles(c: Cluster) -> tuple[list[Arg], list[Arg], list[str]]:
    claimed = _claimed(c)
    if claimed is not None:
        return claimed[0], claimed[1], ["actors:claimant"]
    rules = []
    prim = c.primary
    states = {a.entity.country for a in prim.actors if a.type == "GPE"}
    named = [m for m in c.mentions if any(a.type != "GPE" and a.entity.country in states for a in m.actors)]
    if named and prim.actors and all(a.type == "GPE" for a in prim.actors):  # one of its people over a bare state
        prim = named[0]
        rules.append("actors:named-over-state")
    actors = _unique(prim.actors + [a for m in c.mentions if m is not prim for a in m.actors if not prim.actors])
    ids = {a.entity.id for a in actors}
    cps = _unique([a for m in [prim] + [m for m in c.mentions if m is not prim]
                   for a in m.actors + m.counterparts if a.entity.id not in ids])
    actors, cut = _prefer_people(actors)
    if cut:
        rules.append("actors:people-over-affiliations")
    cps, cut = _prefer_people(cps)
    if cut:
        rules.append("counterparts:people-over-affiliations")
    return actors, cps, rules


def _location(ctx: Context, c: Cluster) -> Location | None:
    if c.primary.mode == "phone":
        return None  # a call joins two places; neither is the event's
    ms = [c.primary] + [m for m in c.mentions if m is not c.primary]
    for m in ms:
        if m.location is not None:
            a = m.location
            return Location(a.entity.name, a.entity.country, Span.of(ctx.doc.raw, a.start, a.end), m.location_rule)
    for m in ms:
        name = country_name(m.fallback_country, ctx.doc)
        if name:
            return Location(name, m.fallback_country, None, f"location:{m.hit.entry.frame}-country")
    return None


def _upgrade_mode(ctx: Context, c: Cluster, actors: list[Arg], cps: list[Arg], loc: Location | None,
                  sidelines: frozenset[str]) -> str | None:
    """A meeting in the counterpart's country, away from the actor's own, is a visit."""
    mode = c.primary.mode
    if c.primary.type != "CONSULT" or mode != "meeting" or loc is None or not loc.country:
        return None
    own = {a.entity.country for a in actors if a.entity.country}
    if not own or loc.country in own:
        return None
    theirs = {a.entity.country for a in cps if a.entity.country}
    if theirs and loc.country not in theirs:
        return None
    if any(ctx.sents[m.hit.sent].norm[i] in sidelines for m in c.mentions
           for i in range(len(ctx.sents[m.hit.sent].norm))):
        return None  # met on the sidelines of a conference abroad: a meeting, not a visit
    return "visit"


def _scheduled(ctx: Context, c: Cluster, date: EventDate) -> bool:
    if any(m.hit.future for m in c.mentions):
        return True
    pub = ctx.doc.published
    ref = pub.latest or pub.earliest if pub is not None else None
    return bool(date.start and ref and date.start[:10] > ref[:10] and not ref.startswith(date.start))


def _confidence(actors, cps, loc, date, weak: bool) -> float:
    score = 0.55 + 0.1 * bool(actors) + 0.1 * bool(cps) + 0.1 * bool(loc) + 0.1 * bool(date.start or date.text)
    return round(max(0.3, min(0.95, score - (0.15 if weak else 0.0))), 2)


def make_event(ctx: Context, c: Cluster, cid: int, busy: dict[int, set[int]], extra_rules: list[str] | None = None,
               inherited: Event | None = None) -> Event | None:
    """The Event of cluster ``c``, or None if too vague.  With ``inherited``, ``c`` holds one cooperation
    mention that takes its participants, place and date from that event."""
    prim = c.primary
    rules = list(extra_rules or [])
    if inherited is None:
        actors, cps, role_rules = roles(c)
        rules += role_rules
        if not actors:
            return None
        loc = _location(ctx, c)
        date = event_date(ctx, c.mentions)
        actor_names, cp_names = [a.entity.name for a in actors], [a.entity.name for a in cps]
        told = prim.mode if prim.mode is not None or prim.type == "CONSULT" else c.family()[1]
        mode = _upgrade_mode(ctx, c, actors, cps, loc, lexicon().ext["sidelines"]) or told
        if mode != told:
            rules.append("mode:meeting-abroad-is-visit")
    else:
        actor_names, cp_names = list(inherited.actors), list(inherited.counterparts)
        loc, mode = inherited.location, prim.mode
        date = EventDate(inherited.date.start, inherited.date.end, None, None, "date:inherited")
        rules.append(f"inherit:{inherited.id}")
    if not (cp_names or loc or date.start or date.text):
        return None
    decided = all(m.hit.decision for m in c.mentions)
    if decided and not (date.start or (loc and loc.span)):
        return None
    ms = c.mentions
    for m in ms:
        rules += [r for r in m.rules if r not in rules]
    weak = all(m.hit.weak for m in ms)
    ev = Event(
        id="", type=prim.type, mode=mode, actors=actor_names, counterparts=cp_names, location=loc, date=date,
        topics=[],  # set by the stage from the event's lines (rasd.events.topics.event_topics)
        status="scheduled" if _scheduled(ctx, c, date) else "reported",
        trigger=Span.of(ctx.doc.raw, prim.hit.start, prim.hit.end),
        evidence=_evidence(ctx, ms), rules=rules, confidence=_confidence(actor_names, cp_names, loc, date, weak))
    return ev


def _evidence(ctx: Context, ms: list[EMention]) -> list[Span]:
    seen = sorted({m.hit.sent for m in ms})
    return [Span.of(ctx.doc.raw, ctx.sents[i].start, ctx.sents[i].end) for i in seen]


OPERATION_PARTS = ("arrest", "seizure")  # what a dismantling or joint operation comprises
OPERATIONS = (("COERCE", "cell_dismantling"), ("COOPERATE", "joint_operation"))


def absorb_parts(ctx: Context, events: list[Event]) -> list[Event]:
    """Arrests and seizures told as part of a cell's dismantling or a joint operation ("تفكيك خلية ... واعتقال أربعة من
    عناصرها", "أسفرت العملية عن حجز أسلحة" in the next paragraph) are that operation, not events of
    their own: same acting service, same or next line, compatible date.  Their evidence joins it."""
    line_of = {s.start: s.line for s in ctx.sents}
    lines = {id(e): {line_of.get(sp.start, -1) for sp in e.evidence} for e in events}
    ops = [e for e in events if (e.type, e.mode) in OPERATIONS]
    out = []
    for e in events:
        host = None
        if e.type == "COERCE" and e.mode in OPERATION_PARTS:
            host = next((d for d in ops if set(e.actors) <= set(d.actors) and _near(lines[id(e)], lines[id(d)])
                         and compatible(e.date, d.date)), None)
        if host is None:
            out.append(e)
            continue
        host.evidence = sorted({(sp.start, sp.end): sp for sp in host.evidence + e.evidence}.values(),
                               key=lambda sp: sp.start)
        host.rules.append(f"absorbed:{e.mode}")
    return out


def _near(part: set[int], op: set[int]) -> bool:
    """Every line of ``part`` is a line of ``op`` or the one right after one of them."""
    return bool(part) and all(k in op or k - 1 in op for k in part)
