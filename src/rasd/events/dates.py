"""Tie temporal expressions (from the time stage) to event mentions, and read an event's date.

In each sentence every temporal expression goes to the nearest trigger (in words), if it is close
enough; a duration ("لمدة يومين") goes to the nearest trigger as a length in days.  Two expressions
joined by "و" ("في سنتي 2014 و2018") make one interval.  An event's date is the most specific
of its mentions' expressions (day before month before year before an unresolved one); a stated
duration stretches a single start day ("لمدة يومين" + 6 December -> 6-7 December).  No date is
invented: an event with no expression has none.
Two readings keep a report's dates apart from its happening's: "اليوم نفسه" / "في نفس اليوم" is the day
of the expression told before it, not the publication day; and the date of an announcement ("أعلنت
الوزارة، اليوم الاثنين، الإفراج ...") gives way to an earlier day stated for the happening after the
trigger or in the next sentence ("أطلق سراحهم أول أمس السبت").
"""
from __future__ import annotations

import dataclasses
import datetime as dt

import regex

from rasd.doc import EventDate, Span, TimeExpr
from rasd.events.arguments import EMention, word_distance
from rasd.events.context import Context
from rasd.events.lexicon import Lexicon
from rasd.events.triggers import extra_words
from rasd.text.normalize import normalize, strip_clitics

TIME_GAP = 12  # words between a trigger and the expression that dates it
ANNOUNCE_GAP = 6  # words an announcement verb may stand before the expression that dates it
ANNOUNCED = "date:announcement"  # rule of a mention dated only by its announcement
_DIGITS = regex.compile(r"(\d+)\s*(?:ايام|يوما|يوم)")
_GRAIN = {"day": 3, "month": 2, "year": 1}
_WORD = regex.compile(r"\p{L}+")


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


def _same_day(ctx: Context, t: TimeExpr) -> bool:
    """"اليوم نفسه", "في اليوم ذاته", "في نفس اليوم": the day told before, not today."""
    words = normalize(t.text).split(" ")
    if not any(w.lstrip("وفب") == "اليوم" for w in words):
        return False
    raw, marks = ctx.doc.raw, extra_words("same_day")
    after = _WORD.findall(normalize(raw[t.end:t.end + 12]))
    before = _WORD.findall(normalize(raw[max(0, t.start - 8):t.start]))
    return bool(after and after[0] in marks) or bool(before and before[-1] in marks) or words[-1] in marks


def _anaphoric_days(ctx: Context) -> None:
    """Give a same-day expression the value of the nearest resolved day expression before it."""
    prev: TimeExpr | None = None
    for si in sorted(ctx.sent_times):
        times = ctx.sent_times[si]
        for k, t in enumerate(times):
            if _same_day(ctx, t) and prev is not None:
                times[k] = dataclasses.replace(t, value_start=prev.value_start, value_end=prev.value_end,
                                               grain=prev.grain, partial=prev.partial, rule=f"{t.rule}+same-day")
            elif t.value_start and t.grain == "day" and t.kind != "duration":
                prev = t


def attach(ctx: Context, mentions: list[EMention], lex: Lexicon) -> None:
    """Give each mention the temporal expression of its sentence nearest to its trigger."""
    _anaphoric_days(ctx)
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
    _announcements(ctx, mentions, by_sent)


def _announcement(ctx: Context, m: EMention) -> bool:
    """The mention's date is its announcement's: an announcement verb shortly before the expression,
    the expression before the trigger ("أعلنت الوزارة، اليوم الاثنين، الإفراج عن ...")."""
    t = m.time
    if t is None or m.time_end is not None or t.start > m.hit.start:
        return False
    sent = ctx.sents[m.hit.sent]
    a = sent.tok_at(t.start)
    verbs = extra_words("announce_verbs")
    return any(sent.norm[i] in verbs for i in range(max(0, a - ANNOUNCE_GAP), a))


def _happening_day(ctx: Context, m: EMention, by_sent: dict[int, list[EMention]]) -> TimeExpr | None:
    """An earlier day stated for the happening of an announced mention: after its trigger with no other
    trigger between, else in the next sentence when no trigger there took that expression."""
    si, t = m.hit.sent, m.time
    others = [o.hit.start for o in by_sent.get(si, []) if o is not m]
    for u in ctx.sent_times.get(si, []):
        if u.start > m.hit.end and not any(m.hit.end <= s < u.start for s in others) and _earlier(u, t):
            return u
    taken = {id(o.time) for o in by_sent.get(si + 1, []) if o.time is not None}
    return next((u for u in ctx.sent_times.get(si + 1, []) if id(u) not in taken and _earlier(u, t)), None)


def _earlier(u: TimeExpr, t: TimeExpr) -> bool:
    """``u`` is a resolved day before ``t``."""
    return bool(u.value_start and t.value_start and u.grain == "day" and u.kind != "duration"
                and u.value_start < t.value_start)


def _announcements(ctx: Context, mentions: list[EMention], by_sent: dict[int, list[EMention]]) -> None:
    """An announced mention takes the day its happening took place when one is stated; else its date is
    marked as the announcement's, so a dated mention of the same event outranks it."""
    for m in mentions:
        if not _announcement(ctx, m):
            continue
        u = _happening_day(ctx, m, by_sent)
        if u is None:
            m.rules.append(ANNOUNCED)
            continue
        m.time = u
        m.rules.append(f"date:happening-over-announcement:{u.text}")


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


def _rank(m: EMention) -> tuple[int, int, int, int]:
    """Resolved before unresolved, then the happening's date before its announcement's, then finer
    grain, then a calendar date before a relative one."""
    t = m.time
    if t is None:
        return (-1, 0, 0, 0)
    has = 1 if t.value_start else 0
    return (has, 0 if ANNOUNCED in m.rules else 1, _GRAIN.get(t.grain or "", 0) if has else 0, _KIND.get(t.kind, 0))


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
