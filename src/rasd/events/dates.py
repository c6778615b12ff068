"""Tie temporal expressions (from the time stage) to event mentions, and read an event's date.

In each sentence every temporal expression goes to the nearest trigger (in words), if it is close
enough; a duration ("لمدة يومين") goes to the nearest trigger as a length in days.  Two expressions
joined by "و" ("في سنتي 2014 و2018") make one interval.  An event's date is the most specific
of its mentions' expressions (day before month before year before an unresolved one); a stated
duration stretches a single start day ("لمدة يومين" + 6 December -> 6-7 December).  No date is
invented: an event with no expression has none.
"""
from __future__ import annotations

import datetime as dt

import regex

from rasd.doc import EventDate, Span, TimeExpr
from rasd.events.arguments import EMention, word_distance
from rasd.events.context import Context
from rasd.events.lexicon import Lexicon
from rasd.text.normalize import normalize, strip_clitics

TIME_GAP = 12  # words between a trigger and the expression that dates it
_DIGITS = regex.compile(r"(\d+)\s*(?:ايام|يوما|يوم)")
_GRAIN = {"day": 3, "month": 2, "year": 1}


def duration_days(t: TimeExpr, lex: Lexicon) -> int | None:
    """Days stated by a duration expression, or None when it is not one."""
    text = normalize(t.text)
    words = text.split(" ")
    cue = any(tuple(words[:len(p)]) == p for p in lex.phrases["duration_cues"])
    if t.kind != "duration" and not cue:
        return None
    m = _DIGITS.search(text)
    if m:
        return int(m.group(1))
    stems = {s for w in words for s in strip_clitics(w)}
    for key in sorted(lex.durations, key=len, reverse=True):
        if key in stems or f" {key}" in f" {text}":
            return lex.durations[key]
    return None


def _dist(ctx: Context, si: int, t: TimeExpr, m: EMention, breaks: list[int], lex: Lexicon) -> int:
    """Words between an expression and a trigger; a clause break between them puts it out of reach."""
    sent = ctx.sents[si]
    a, b = sent.tok_at(t.start), sent.tok_at(max(t.start, t.end - 1))
    h = m.hit
    lo, hi = (h.tj, a) if a > h.tj else (b, h.ti)
    d = word_distance(sent, lo, hi, ctx, si, lex, True) if hi > lo else 0
    return d + (100 if any(lo < k < hi for k in breaks) else 0)


def _breaks(ctx: Context, si: int, lex: Lexicon) -> list[int]:
    sent = ctx.sents[si]
    return [i for i, w in enumerate(sent.norm) if w in lex.words["clause_breaks"]]


def attach(ctx: Context, mentions: list[EMention], lex: Lexicon) -> None:
    """Give each mention the temporal expression of its sentence nearest to its trigger."""
    by_sent: dict[int, list[EMention]] = {}
    for m in mentions:
        by_sent.setdefault(m.hit.sent, []).append(m)
    for si, ms in by_sent.items():
        times = ctx.sent_times.get(si, [])
        brk = _breaks(ctx, si, lex)
        taken: dict[int, list[TimeExpr]] = {}
        for t in times:
            best = min(ms, key=lambda m: _dist(ctx, si, t, m, brk, lex))
            days = duration_days(t, lex)
            if days:
                best.days = days
                best.rules.append(f"duration:{t.text}")
                continue
            if _dist(ctx, si, t, best, brk, lex) <= TIME_GAP:
                taken.setdefault(id(best), []).append(t)
        for m in ms:
            cands = taken.get(id(m), [])
            if not cands:
                continue
            t = _specific(ctx, si, m, cands, brk, lex)
            m.time = t
            m.time_end = _second(ctx, si, t, times)
        _share(ms, brk)


def _specific(ctx: Context, si: int, m: EMention, cands: list[TimeExpr], brk: list[int], lex: Lexicon) -> TimeExpr:
    """The nearest expression, or a finer one standing in apposition to it ("في مارس الماضي، يومي 5
    و6 مارس": the days)."""
    t = min(cands, key=lambda t: (_dist(ctx, si, t, m, brk, lex), t.start < m.hit.start))  # a tie: the one after
    raw = ctx.doc.raw
    for u in cands:
        if u is t or not u.value_start or _GRAIN.get(u.grain or "", 0) <= _GRAIN.get(t.grain or "", 0):
            continue
        lo, hi = (t, u) if t.end <= u.start else (u, t)
        if lo.end <= hi.start and not regex.search(r"[\p{L}\p{N}]", raw[lo.end:hi.start]):
            return u
    return t


def _share(ms: list[EMention], breaks: list[int]) -> None:
    """A trigger of a sentence with no expression of its own takes the date of the nearest dated
    trigger of that sentence when no clause break stands between them ("أوقفت ... خلال الفترة ...
    وحجزت ..."): the sentence's date governs both."""
    dated = [m for m in ms if m.time is not None]
    for m in ms:
        if m.time is not None or not dated:
            continue
        near = min(dated, key=lambda d: abs(d.hit.ti - m.hit.ti))
        lo, hi = sorted((near.hit.ti, m.hit.ti))
        if any(lo < k < hi for k in breaks):
            continue
        m.time, m.time_end = near.time, near.time_end
        m.rules.append("date:governs-sentence")


def _second(ctx: Context, si: int, t: TimeExpr, times: list[TimeExpr]) -> TimeExpr | None:
    """The expression joined to ``t`` by "و" ("2014 و2018"), if any."""
    raw = ctx.doc.raw
    for u in times:
        if u.start > t.end and normalize(raw[t.end:u.start]).strip() in ("و", "") and u.value_start:
            return u
    return None


_KIND = {"absolute": 2, "range": 2, "weekday": 1, "relative": 0, "duration": 0}


def _rank(m: EMention) -> tuple[int, int, int]:
    """Resolved before unresolved, then finer grain, then a calendar date before a relative one."""
    t = m.time
    if t is None:
        return (-1, 0, 0)
    has = 1 if t.value_start else 0
    return (has, _GRAIN.get(t.grain or "", 0) if has else 0, _KIND.get(t.kind, 0))


def _plus_days(day: str, n: int) -> str | None:
    try:
        return (dt.date.fromisoformat(day) + dt.timedelta(days=n)).isoformat()
    except ValueError:
        return None


def event_date(ctx: Context, ms: list[EMention]) -> EventDate:
    """The date of an event told by mentions ``ms``."""
    dated = [m for m in ms if m.time is not None]
    if not dated:
        return EventDate(rule="date:none")
    best = max(dated, key=lambda m: (_rank(m), -ms.index(m)))
    t = best.time
    start, end, rule = t.value_start, t.value_end or t.value_start, "date:nearest-expression"
    span = Span(t.start, t.end, t.text)
    if best.time_end is not None:
        end = best.time_end.value_end or best.time_end.value_start
        span = Span.of(ctx.doc.raw, t.start, best.time_end.end)
        rule = "date:joined-expressions"
    days = next((m.days for m in ms if m.days), None)
    if days and start and len(start) == 10 and end in (None, start):
        end = _plus_days(start, days - 1) or end
        rule += "+duration"
    partial = t.partial if best.time_end is None else None  # year-less value, for the cross-document fill
    return EventDate(start=start, end=end, text=span.text, span=span, rule=rule, partial=partial)


def compatible(a: EventDate | None, b: EventDate | None) -> bool:
    """Two dates that may be the same happening (either unknown, or overlapping intervals)."""
    if a is None or b is None or not a.start or not b.start:
        return True
    lo1, hi1 = a.start, (a.end or a.start) + "~"
    lo2, hi2 = b.start, (b.end or b.start) + "~"
    return lo1 <= hi2 and lo2 <= hi1
