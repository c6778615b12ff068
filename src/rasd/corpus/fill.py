"""What the cluster knows, each report knows: fill a date or place one report leaves open.

Dates, in two steps, with the provenance of each value weighed:

* a value is **stated** (explicit year: "في شهر يونيو سنة 2022") when its expression gives a year,
  **derived** when the year was read from a publication date ("يونيو المنصرم", "في 9 أبريل": the
  events stage keeps the year-less form in ``EventDate.partial``), **year-less** when the text gives
  month and day but nothing fixes the year ("13 و14 من يونيو الجاري" with no known publication date).
  A stated year outranks a derived one.
1. **Year fill** (``fill_years``): a year-less report takes the year of the cluster's stated reports
   compatible with it (the value it would have in their year contains theirs or lies in it: same
   month, same days when they give days), when they all give one year.  It keeps its own month
   and days, ``rule="cluster-fill:year"``, ``inferred_from`` = the documents that gave the year.
   Stated reports that disagree on the year fill nothing; derived reports give no year here.
2. **Majority fill** (``fill_dates``): among the reports now dated (a year-filled report counts as
   stated), find the most precise value V that a strict majority of them is compatible with (their
   value contains V, or equals it); only stated values take part when there are any, so a derived
   year never outvotes a stated one.  Every member without a date receives V (a year-less member
   only when V fits its own month and days), ``rule="cluster-fill"``, ``inferred_from`` = the
   documents behind V (those stating it, and those that gave them their year).  With no such
   majority (reports split), nothing is filled: a field on which the reports conflict without a
   majority stays open.  (When no report states a year, the derived values vote: an undated
   report is better given the cluster's only reading than nothing, and it is marked inferred.)

3. **Inherited** (``fill_inherited``): an event whose date the events stage copied from another
   event of its own document (``rule="date:inherited"``: a cooperation told within a visit) receives
   that event's filled date, ``rule="cluster-fill:inherited"``.

Rule (places): the same, on country codes; a member without a place receives the place name
of the most precise agreeing report (a city rather than its country), ``rule`` names the source
documents.  ``reset`` undoes earlier fills so that a corpus can be processed again.
"""
from __future__ import annotations

from collections import Counter

from rasd.corpus import dates as D
from rasd.corpus.same_event import Cluster, Item
from rasd.doc import Document, Event, EventDate, Location

RULE = "cluster-fill"
YEAR_RULE = "cluster-fill:year"
INHERITED = "date:inherited"  # the events stage's rule for a date taken from another event of the document


def reset(docs: list[Document]) -> None:
    """Remove cluster ids and the values earlier runs filled in (they are derived)."""
    for d in docs:
        for ev in d.events:
            ev.cluster = None
            if ev.date.rule.startswith(RULE) or ev.date.inferred_from:
                rule = INHERITED if ev.date.rule == f"{RULE}:inherited" else ""
                ev.date = EventDate(text=ev.date.text, span=ev.date.span, rule=rule, partial=ev.date.partial)
            if ev.location is not None and ev.location.rule.startswith(RULE):
                ev.location = None


def _stated(it: Item) -> bool:
    """A dated report whose year is its text's own, or was filled from such reports."""
    d = it.ev.date
    return it.span is not None and (D.year_stated(d) or d.rule == YEAR_RULE)


def fill_years(cl: Cluster) -> list[str]:
    """Step 1: give year-less members the year their compatible stated reports agree on;
    returns the document ids filled."""
    sources = [it for it in cl.items if it.span is not None and D.year_stated(it.ev.date)]
    done = []
    for it in cl.items:
        d = it.ev.date
        if it.span is not None or not d.partial:
            continue
        by_year: dict[int, set[str]] = {}
        for src in sources:
            for y in D.years(src.ev.date):
                cand = D.with_year(d.partial, y)
                if cand is not None and D.compatible(D.interval(cand), src.span):
                    by_year.setdefault(y, set()).add(src.doc.id)
        if len(by_year) != 1:
            continue
        (year, docs), = by_year.items()
        cand = D.with_year(d.partial, year)
        it.ev.date = EventDate(cand.start, cand.end, d.text, d.span, YEAR_RULE, sorted(docs), d.partial)
        it.span = D.interval(it.ev.date)
        done.append(it.doc.id)
    return done


def majority_date(cl: Cluster) -> tuple[EventDate, list[str]] | None:
    """The most precise date value a strict majority of the dated reports agrees with (stated
    reports only, when there are any), and the documents behind it."""
    dated = [it for it in cl.items if it.span is not None and (not it.ev.date.inferred_from or _stated(it))]
    pool = [it for it in dated if _stated(it)] or dated
    if not pool:
        return None
    best = None
    for it in pool:
        support = [o for o in pool if D.contains(o.span, it.span)]
        if 2 * len(support) <= len(pool):
            continue
        width = it.span[1] - it.span[0]
        if best is None or width < best[0] or (width == best[0] and it.doc.id < best[1].doc.id):
            best = (width, it)
    if best is None:
        return None
    it = best[1]
    holders = {o.doc.id for o in pool if o.span == it.span}
    holders |= {src for o in pool if o.span == it.span for src in (o.ev.date.inferred_from or ())}
    return EventDate(it.ev.date.start, it.ev.date.end), sorted(holders)


def _fits(partial: str | None, value: EventDate) -> bool:
    """A member's own year-less month/days (if any) agree with the value it would receive."""
    if not partial:
        return True
    iv = D.interval(value)
    for y in D.years(value):
        cand = D.with_year(partial, y)
        if cand is not None and iv is not None and D.compatible(D.interval(cand), iv):
            return True
    return False


def _own_days(partial: str | None, value: EventDate) -> EventDate:
    """The member's own month/days in the value's year when they are more precise than the value
    (a year-less "13-14 June" receiving "2022-06" becomes 2022-06-13/2022-06-14), else the value."""
    iv = D.interval(value)
    for y in D.years(value) if partial else ():
        cand = D.with_year(partial, y)
        if cand is not None and iv is not None and D.contains(iv, D.interval(cand)):
            return cand
    return value


def fill_dates(cl: Cluster) -> list[str]:
    """Step 2 (after ``fill_years``): fill open dates of ``cl``'s members from the majority
    value; returns the document ids filled."""
    found = majority_date(cl)
    if found is None:
        return []
    value, holders = found
    done = []
    for it in cl.items:
        d = it.ev.date
        if it.span is None and _fits(d.partial, value):
            got = _own_days(d.partial, value)
            it.ev.date = EventDate(got.start, got.end, d.text, d.span, RULE, holders, d.partial)
            it.span = D.interval(it.ev.date)
            done.append(it.doc.id)
    return done


def _base_event(doc: Document, ev: Event) -> Event | None:
    """The event of ``doc`` whose date ``ev`` inherited: the one its ``inherit:<id>`` rule names,
    else the only dated-by-fill event with the same participants and place (what an inherited
    event copies from its base)."""
    named = [r.split(":", 1)[1] for r in ev.rules if r.startswith("inherit:")]
    for other in doc.events:
        if other is not ev and other.id and other.id in named:
            return other
    same = [o for o in doc.events if o is not ev and o.date.inferred_from and o.actors == ev.actors
            and o.counterparts == ev.counterparts and o.location == ev.location]
    return same[0] if len(same) == 1 else None


def fill_inherited(docs: list[Document]) -> list[str]:
    """Step 3: an event whose date the events stage inherited from another event of its document
    (``rule="date:inherited"``) and which has no value receives that event's filled date, with the
    same ``inferred_from``; returns ``doc#event`` of each event filled."""
    done = []
    for d in docs:
        for ev in d.events:
            if ev.date.rule != INHERITED or ev.date.start or ev.date.end:
                continue
            base = _base_event(d, ev)
            if base is None or not base.date.inferred_from or not base.date.start:
                continue
            b = base.date
            ev.date = EventDate(b.start, b.end, ev.date.text, ev.date.span, f"{RULE}:inherited",
                                list(b.inferred_from), b.partial)
            done.append(f"{d.id}#{ev.id}")
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
