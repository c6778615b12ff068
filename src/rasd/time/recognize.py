"""Recognition: find temporal expressions in a text and say what each means (``Sem``).

``recognize(text)`` -> ``[(start, end, Sem)]`` with offsets into ``text``.  Steps:

1. fold the text (one char per char when the text has no diacritics; ``normalize_map`` otherwise);
2. run every family pattern (``rasd.time.patterns``) and keep the longest non-overlapping matches;
3. build a ``Sem`` per match (``_build_<family>``), dropping matches that are not dates;
4. merge neighbours: a deictic word or weekday before an explicit date ("غد الأربعاء 6 دجنبر
   2023"), and ``من A إلى B`` / ``بين A و B`` ranges;
5. extend a span over a leading في / خلال, and mark future and background cues.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from hijridate import Gregorian, Hijri

from rasd.text.normalize import _FOLD, normalize_map
from rasd.time.lexicon import Lexicon, fold
from rasd.time.model import Sem
from rasd.time.patterns import patterns

_SLOW = re.compile(r"[\u064B-\u065F\u0670\u06D6-\u06ED\u0640\u200c-\u200f\u061c\ufeff\uFB50-\uFDFF\uFE70-\uFEFF]")
_TABLE = str.maketrans({**{k: v for k, v in _FOLD.items() if len(k) == 1 and len(v) == 1},
                        **{chr(0x0660 + i): str(i) for i in range(10)},
                        **{chr(0x06F0 + i): str(i) for i in range(10)}})
_PAIRS = tuple((chr(k), v) for k, v in _TABLE.items())  # str.replace per pair is much faster than translate


def _fold_chars(s: str) -> str:
    """The one-to-one folds of ``_TABLE`` (alef variants, teh marbuta, alef maqsura, digits)."""
    for a, b in _PAIRS:
        if a in s:
            s = s.replace(a, b)
    return s


_DIGITS = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}})


_PRESENTATION = re.compile(r"[\uFB50-\uFDFF\uFE70-\uFEFF]")


def fold_text(text: str) -> tuple[str, list[int] | None]:
    """Folded text and its index map (None when folding kept every character in place).

    Text with only diacritics, tatweel or zero-width marks to drop takes a fast path (the marks
    are cut out, offsets kept by ranges); presentation forms go through ``normalize_map``.
    """
    if not _SLOW.search(text):
        return _fold_chars(text), None
    if _PRESENTATION.search(text):
        folded, idx = normalize_map(text)
        return folded.translate(_DIGITS), idx
    pieces, idx, pos = [], [], 0
    for m in _SLOW.finditer(text):
        pieces.append(text[pos:m.start()])
        idx.extend(range(pos, m.start()))
        pos = m.end()
    pieces.append(text[pos:])
    idx.extend(range(pos, len(text)))
    return _fold_chars("".join(pieces)), idx


def _words(s: str | None) -> str:
    return " ".join(s.split()) if s else ""


def _day(g: str | None, lx: Lexicon) -> int | None:
    if not g:
        return None
    g = _words(g)
    return int(g) if g.isdigit() else lx.ordinals.get(g)


def _count(g: str | None, lx: Lexicon) -> int | None:
    if not g:
        return None
    g = _words(g)
    return int(g) if g.isdigit() else lx.cardinals.get(g)


def _month_len(y: int | None, m: int) -> int:
    y = 2000 if y is None else y  # leap year: 29 February is possible when the year is unknown
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - date(y, m, 1)).days


# ---- one builder per family --------------------------------------------------------------------

def _months_of(m, lx: Lexicon) -> tuple[int, str | None]:
    a = lx.months[_words(m.group("m"))]
    note = None
    mx = m.group("mx")
    if mx and lx.months.get(_words(mx)) != a:
        note = "the two month names given disagree; the first is used"
    return a, note


def _with_year_or_rel(sem: Sem, m) -> Sem:
    if m.group("y"):
        sem.y = sem.y2 = int(m.group("y"))
        sem.mode = "abs"
    elif m.group("rel"):
        sem.rel = Lexicon.get().rel[_words(m.group("rel"))]
        sem.mode = "month_rel"
        sem.kind = "range" if sem.kind == "range" else "relative"
    return sem


def _build_date(m, lx: Lexicon) -> Sem | None:
    mon, note = _months_of(m, lx)
    d1, d2 = _day(m.group("d1"), lx), _day(m.group("d2"), lx)
    if d1 is None or (m.group("d2") and d2 is None):
        return None
    d2 = d2 or d1
    if d2 < d1 or d2 > _month_len(int(m.group("y")) if m.group("y") else None, mon):
        return None
    kind = "range" if d2 != d1 else "absolute"
    sem = Sem("noyear", kind, "date:day-month" + (":days" if kind == "range" else ""),
              m=mon, d=d1, m2=mon, d2=d2, grain="day", note=note)
    sem = _with_year_or_rel(sem, m)
    if sem.mode == "noyear":
        sem.note = "no year given: the anchor's year"
    return sem


def _build_date_unit(m, lx: Lexicon) -> Sem | None:
    """"يومي 4 و5 من الشهر الجاري": days of a relative month."""
    if lx.unit_nouns[_words(m.group("u"))] != "month":
        return None
    d1, d2 = _day(m.group("d1"), lx), _day(m.group("d2"), lx)
    if d1 is None or (m.group("d2") and d2 is None) or (d2 or d1) < d1:
        return None
    rel = lx.rel[_words(m.group("rel"))]
    n = {"past": -1, "current": 0, "next": 1}[rel]
    return Sem("unit_rel", "relative", f"date:days-of-month:{rel}", unit="month", n=n, rel=rel,
               sub=(d1, d2 or d1), grain="day")


def _build_month(m, lx: Lexicon) -> Sem | None:
    if not (m.group("y") or m.group("rel") or m.group("sh") or m.group("sub")):
        return None  # a month word alone ("مارس" is also a verb) is not a date
    mon, note = _months_of(m, lx)
    mb = lx.months[_words(m.group("mb"))] if m.group("mb") else mon
    sem = Sem("noyear", "range" if mb != mon else "absolute", "date:month", m=mon, m2=mb, grain="month", note=note)
    if m.group("sub"):
        sem.sub = lx.sub_month[_words(m.group("sub"))]
        sem.d, sem.d2 = sem.sub[0], sem.sub[1]
        sem.grain, sem.rule, sem.kind = "day", "date:month-part", "range"
    sem = _with_year_or_rel(sem, m)
    if sem.mode == "abs" and mb < mon:
        sem.y -= 1  # "ديسمبر ويناير 2022": December of the year before
    if sem.mode == "noyear":
        sem.note = "no year given: the anchor's year"
    return sem


def _build_year(m, lx: Lexicon) -> Sem | None:
    y = int(m.group("y"))
    y2 = int(m.groupdict()["y2"]) if m.groupdict().get("y2") else y
    if y2 < y:
        return None
    lead = _words(m.groupdict().get("lead") or m.groupdict().get("prep") or "")
    kind = "range" if y2 != y else "absolute"
    sem = Sem("abs", kind, "date:year" + (":list" if kind == "range" else ""), y=y, y2=y2, grain="year")
    if lead in patterns().since_words and kind == "absolute":
        _make_since(sem, "date:since-year")
    if m.groupdict().get("sub"):
        sem.note = "part of the year: the whole year is given"
    return sem


def _make_since(sem: Sem, rule: str) -> None:
    """"منذ سنة 2002": an open interval from the date given (kind ``since``, end None)."""
    sem.mode, sem.kind, sem.rule = "since", "since", rule
    sem.note = "open interval: since the date given"


def _hijri_days(y: int, mo: int, d: int | None) -> tuple[date, date]:
    if d is not None:
        g = Hijri(y, mo, d).to_gregorian()
        return date(g.year, g.month, g.day), date(g.year, g.month, g.day)
    first = Hijri(y, mo, 1)
    a = first.to_gregorian()
    b = Hijri(y, mo, first.month_length()).to_gregorian()
    return date(a.year, a.month, a.day), date(b.year, b.month, b.day)


def _build_hijri(m, lx: Lexicon) -> Sem | None:
    if not m.group("hs") and not m.group("d"):
        return None  # "رمضان 1445" without هـ or a day is still Hijri, but keep to the clear forms
    y, mo = int(m.group("y")), lx.hijri[_words(m.group("hm"))]
    d = _day(m.group("d"), lx)
    try:
        a, b = _hijri_days(y, mo, d)
    except (ValueError, OverflowError):
        return Sem("abs", "absolute", "date:hijri", note="Hijri date outside the convertible range or invalid")
    grain = "day"
    return Sem("abs", "absolute" if a == b else "range", "date:hijri", exact=(a, b), grain=grain,
               note=f"Hijri {y}-{mo:02d}" + (f"-{d:02d}" if d else "") + " (Umm al-Qura)")


def _build_hijri_year(m, lx: Lexicon) -> Sem | None:
    y = int(m.group("y"))
    try:
        a, _ = _hijri_days(y, 1, 1)
        _, b = _hijri_days(y, 12, None)
    except (ValueError, OverflowError):
        return None
    return Sem("abs", "range", "date:hijri-year", exact=(a, b), grain="day", note=f"Hijri year {y}")


def _build_numeric(m, lx: Lexicon) -> Sem | None:
    y, mo, d = int(m.group("y")), int(m.group("m")), int(m.group("d"))
    if d > _month_len(y, mo):
        return None
    return Sem("abs", "absolute", "date:numeric", y=y, m=mo, d=d, y2=y, m2=mo, d2=d, grain="day")


def _followed_by_punct(folded: str, end: int) -> bool:
    rest = folded[end:end + 3].lstrip()
    return not rest or rest[0] in ".,،؛:!?؟)»\"”\n"


def _build_deictic(m, lx: Lexicon, folded: str) -> Sem | None:
    dx = _words(m.group("dx"))
    if dx in lx.guarded and not (m.group("part") or m.group("yw") or m.group("wd")
                                 or _followed_by_punct(folded, m.end())):
        return None
    wd = lx.weekdays[_words(m.group("wd"))] if m.group("wd") else None
    return Sem("day_offset", "relative", f"deictic:{dx}", unit="day", n=lx.deictic[dx], weekday=wd, grain="day")


def _build_weekday(m, lx: Lexicon, folded: str) -> Sem | None:
    """"الأحد الماضي" (relative), or a bare weekday ("يوم الثلاثاء", "الخميس"), resolved in ``resolve``
    to the nearest such day before (past context) or after (future cue) the anchor.  A bare form
    that is also an ordinary word ("الاثنين", "الأحد") needs يوم / a part of day, punctuation or a
    ``weekday_bare_next`` word after it, else it is marked ``unsure`` (kept only to merge with a date)."""
    form = _words(m.group("wd"))
    wd = lx.weekdays[form]
    if m.group("rel"):
        rel = lx.rel[_words(m.group("rel"))]
        return Sem("weekday_rel", "relative", f"weekday:{rel}", rel=rel, weekday=wd, grain="day")
    sem = Sem("weekday", "weekday", "weekday:bare", weekday=wd, grain="day",
              note="a weekday alone: the nearest one to the publication date")
    bare = not (m.group("yw") or m.group("part"))
    sem.parts.append("bare" if bare else "yawm")
    pt = patterns()
    if bare and form in pt.weekday_guarded and (not pt.weekday_bare_ok.match(folded, m.end())
                                                 or pt.dual_before.search(folded, max(0, m.start() - 12), m.start())):
        sem.parts.append("unsure")
    return sem


def _build_unit_rel(m, lx: Lexicon, folded: str) -> Sem | None:
    u = lx.unit_nouns[_words(m.group("u"))]
    rel = lx.rel[_words(m.group("rel"))] if m.group("rel") else ("current" if (m.group("this") or m.group("sub")) else None)
    if rel is None:
        return None
    if u == "year" and not m.group("this") and patterns().general_head.search(folded, 0, m.start()):
        return None  # "المدير العام الحالي": العام is "general" here
    n = {"past": -1, "current": 0, "next": 1}[rel]
    sem = Sem("unit_rel", "relative", f"relative:{u}:{rel}", unit=u, n=n, rel=rel,
              grain={"week": None, "month": "month", "year": "year"}[u])
    if m.group("sub"):
        sem.sub = lx.sub_month[_words(m.group("sub"))]
        if u == "month":
            sem.grain, sem.rule = "day", sem.rule + ":part"
    if u == "week":
        sem.mode, sem.note = "vague", "a week is vague against the gold's conventions: no value"
    return sem


def _build_ago(m, lx: Lexicon) -> Sem | None:
    word, uform = _words(m.group("ago")), _words(m.group("u"))
    u = lx.units[uform]
    n = _count(m.group("n"), lx)
    vague = bool(m.group("vg") or m.group("va")) or (n is None and uform in lx.plurals)
    if n is None and not vague:
        n = 2 if uform in lx.duals else 1
    sign = 1 if word in {fold(w) for w in lx.data["ago_words"]["after"]} else -1
    rule = f"relative:{'after' if sign > 0 else 'ago'}:{u}"
    if vague:
        return Sem("vague", "relative", rule + ":vague", unit=u, note="a vague count: no value")
    return Sem("ago", "relative", rule, unit=u, n=sign * n,
               grain={"day": "day", "week": "day", "month": "month", "year": "year"}[u],
               note="approximate: weeks counted as 7 days" if u == "week" else None)


def _build_duration(m, lx: Lexicon) -> Sem | None:
    return Sem("duration", "duration", "duration", unit=lx.units[_words(m.group("u"))],
               note="a length of time, not a date")


def _build_count(m, lx: Lexicon) -> Sem | None:
    age = bool(m.group("ah"))
    return Sem("duration", "duration", "duration:age" if age else "duration:count",
               unit=lx.units[_words(m.group("u"))], note="an age, not a date" if age else "a length of time, not a date")


_BUILD = {"date": _build_date, "date_unit": _build_date_unit, "year_span": _build_year, "numeric": _build_numeric,
          "hijri": _build_hijri, "hijri_year": _build_hijri_year,
          "month": _build_month, "year": _build_year, "year_prep": _build_year, "year_bare": _build_year,
          "ago": _build_ago, "duration": _build_duration, "count": _build_count}
_NEEDS_TEXT = {"deictic": _build_deictic, "unit_rel": _build_unit_rel, "weekday": _build_weekday}


# ---- selection and merging ------------------------------------------------------------------

def _triggers(folded: str) -> dict[str, list[tuple[int, int]]]:
    """Per trigger kind, the spans of its trigger words (one scan of the text)."""
    pt = patterns()
    hits: dict[str, list[tuple[int, int]]] = {}
    for m in pt.triggers.finditer(folded):
        if m.group(1):
            kinds = ("digit", "year") if len(m.group(1)) == 4 else ("digit",)
        else:
            kinds = pt.trigger_kind.get(m.group(2), ())
        for k in kinds:
            hits.setdefault(k, []).append(m.span())
    return hits


def _group_windows(folded: str, hits, kinds, before: int, after: int) -> list[tuple[int, int]]:
    """Merged stretches around a group's trigger words, ending between words (a lookahead
    cannot see past the end of a window)."""
    spans = hits[kinds[0]] if len(kinds) == 1 else sorted(sp for k in kinds for sp in hits.get(k, ()))
    n = len(folded)
    out: list[tuple[int, int]] = []
    for s, e in spans:
        a, b = max(0, s - before), min(n, e + after)
        while b < n and folded[b].isalnum():
            b += 1
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(b, out[-1][1]))
        else:
            out.append((a, b))
    return out


def _scan(folded: str) -> list[tuple[int, int, Sem]]:
    pt, lx = patterns(), Lexicon.get()
    hits = _triggers(folded)
    if not hits:
        return []
    found: list = []
    for kinds, before, after, fams in pt.GROUPS:
        if not any(k in hits for k in kinds):
            continue
        windows = _group_windows(folded, hits, kinds, before, after)
        for fam in fams:
            pat = getattr(pt, fam)
            for wa, wb in windows:
                for m in pat.finditer(folded, wa, wb):
                    _add_match(fam, m, folded, found, pt, lx)
    return _select(found)


def _add_match(fam, m, folded, found, pt, lx) -> None:
    if m.end() <= m.start():
        return
    sem = _NEEDS_TEXT[fam](m, lx, folded) if fam in _NEEDS_TEXT else _BUILD[fam](m, lx)
    if sem is not None and sem.mode == "noyear" and sem.grain == "day" \
            and pt.name_head.search(folded, max(0, m.start() - 12), m.start()):
        sem = None  # "ساحة 9 أبريل": a name
    if sem is None:
        return
    start = m.start()
    if "lead" in m.groupdict() and m.group("lead") and not (sem.kind == "range" or sem.mode == "since"):
        start = m.end("lead")
    found.append((start, m.end(), sem))


def _select(found):
    """Longest first; an item overlapping a kept one is dropped (linear: a mask of taken chars)."""
    if not found:
        return []
    taken = bytearray(max(b for _, b, _ in found) + 1)
    kept: list[tuple[int, int, Sem]] = []
    for a, b, sem in sorted(found, key=lambda t: (t[0] - t[1], t[0])):
        if any(taken[a:b]):
            continue
        kept.append((a, b, sem))
        taken[a:b] = b"\x01" * (b - a)
    return sorted(kept, key=lambda t: t[0])


def _is_day_date(sem: Sem) -> bool:
    """A date of one day that a weekday or deictic word before it may join (a Hijri day included)."""
    if sem.exact is not None:
        return sem.grain == "day" and sem.exact[0] == sem.exact[1]
    return sem.grain == "day" and sem.mode in ("abs", "noyear", "month_rel")


def _merge_prefix(items, folded):
    """A deictic word or weekday right before an explicit day date joins it."""
    out = []
    for it in items:
        if out and _is_day_date(it[2]) and out[-1][2].mode in ("day_offset", "weekday") \
                and patterns().adjacent.match(folded[out[-1][1]:it[0]]):
            a, _, pre = out.pop()
            sem = replace(it[2], weekday=pre.weekday, parts=[pre.rule, it[2].rule])
            if pre.mode == "day_offset":
                sem.deictic = pre.n
                sem.rule = f"{pre.rule}+{it[2].rule}"
            else:
                sem.rule = f"weekday+{it[2].rule}"
            out.append((a, it[1], sem))
        else:
            out.append(it)
    return [it for it in out if not (it[2].mode == "weekday" and "unsure" in it[2].parts)]


def _merge_ranges(items, folded):
    """``من A إلى B`` / ``بين A و B``: one range, A borrowing B's year."""
    pt = patterns()
    out = []
    for it in items:
        if out and _rangeable(out[-1][2]) and _rangeable(it[2]):
            gap = folded[out[-1][1]:it[0]] + ("و" if folded[it[0]:it[0] + 1] == "و" else "")
            m = pt.range_gap.match(gap)
            lead = pt.range_lead.search(folded, max(0, out[-1][0] - 12), out[-1][0])
            if m and (lead or m.group().strip() != "و"):
                a0, _, first = out.pop()
                out.append((lead.start() if lead else a0, it[1], _join(first, it[2])))
                continue
        out.append(it)
    return out


def _rangeable(sem: Sem) -> bool:
    return sem.mode in ("abs", "noyear", "month_rel") and sem.exact is None


def _join(a: Sem, b: Sem) -> Sem:
    sem = replace(b, kind="range", rule=f"range:{a.rule}..{b.rule}", parts=[a.rule, b.rule])
    sem.m, sem.d = a.m, a.d if a.d is not None else (1 if b.grain == "day" else None)
    if a.mode == "abs" and b.mode == "abs":
        sem.y = a.y
    elif b.mode == "abs":
        sem.y = b.y if (a.m or 0) <= (b.m or 0) else b.y - 1
    sem.grain = "day" if "day" in (a.grain, b.grain) else b.grain
    if sem.grain == "day" and sem.d is None:
        sem.d = 1
    if sem.grain == "day" and b.d is None:
        sem.d2 = _month_len(b.y2, b.m2)
    return sem


def _mark_since(items, folded):
    """A year or full date right after a ``since_words`` word ("منذ 12 يونيو 2022") is kind ``since``."""
    pt = patterns()
    out = []
    for a, b, sem in items:
        m = pt.since_lead.search(folded, max(0, a - 8), a)
        if m and sem.mode == "abs" and sem.exact is None and sem.kind == "absolute":
            _make_since(sem, "since+" + sem.rule)
            a = m.start()
        out.append((a, b, sem))
    return out


def _extend_leads(items, folded):
    pt = patterns()
    out = []
    for a, b, sem in items:
        m = pt.lead_prep.search(folded, max(0, a - 32), a)
        out.append((m.start() if m else a, b, sem))
    return out


def _mark_cues(items, folded):
    pt = patterns()
    for a, b, sem in items:
        cut = max(0, a - 160)
        breaks = list(pt.clause_break.finditer(folded, cut, a))
        s0 = breaks[-1].end() if breaks else cut
        sem.future = bool(pt.future.search(folded, s0, a))
        sem.background = bool(pt.background.search(folded, s0, a)) or bool(pt.background_start.match(folded[s0:a]))
        if sem.mode == "weekday":
            sem.rule = "weekday:bare:" + ("next" if sem.future else "last")
    return items


def recognize(text: str, folded: tuple[str, list[int] | None] | None = None) -> list[tuple[int, int, Sem]]:
    """Temporal expressions in ``text`` as ``(start, end, Sem)`` with offsets into ``text``.

    ``folded``: the result of ``fold_text(text)`` when the caller has it already.
    """
    folded_text, idx = folded if folded is not None else fold_text(text)
    items = _scan(folded_text)
    if not items:
        return []
    items = _merge_prefix(items, folded_text)
    items = _merge_ranges(items, folded_text)
    items = _mark_since(items, folded_text)
    items = _extend_leads(items, folded_text)
    items = _mark_cues(items, folded_text)
    return _to_raw(items, idx)


def _to_raw(items, idx):
    if idx is None:
        return items
    return [(idx[a], idx[b - 1] + 1, sem) for a, b, sem in items]


def recency_cues(text: str, folded: tuple[str, list[int] | None] | None = None) -> list[tuple[int, int, str]]:
    """Vague recency phrases ("قبل أيام") with offsets into ``text``."""
    folded_text, idx = folded if folded is not None else fold_text(text)
    out: list[tuple[int, int, str]] = []
    pt = patterns()
    if not any(h in folded_text for h in pt.recency_heads):
        return out
    for m in pt.recency.finditer(folded_text):
        a, b = m.start(), m.end()
        if idx is not None:
            a, b = idx[a], idx[b - 1] + 1
        out.append((a, b, text[a:b]))
    return out


def gregorian_to_hijri(d: date) -> tuple[int, int, int]:
    h = Gregorian(d.year, d.month, d.day).to_hijri()
    return h.year, h.month, h.day
