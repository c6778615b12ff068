"""Resolution: a ``Sem`` plus an ``Anchor`` -> ISO values (day ``YYYY-MM-DD``, month ``YYYY-MM``, year ``YYYY``).

A relative expression resolved against a window (not one day) gets a value only when every
publication date in the window gives the same value (checked at both ends; every reading is
monotone in the anchor).  Otherwise the value is None: never a guess.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from rasd.time.lexicon import Lexicon
from rasd.time.model import Anchor, Sem

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass
class Value:
    start: str | None
    end: str | None
    grain: str | None
    anchor: str | None = None
    weekday_ok: bool | None = None
    note: str | None = None
    first: date | None = None  # the interval as dates (for the window inference)
    last: date | None = None


def month_len(y: int, m: int) -> int:
    nxt = date(y + (m == 12), m % 12 + 1, 1)
    return (nxt - date(y, m, 1)).days


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    t = y * 12 + (m - 1) + k
    return t // 12, t % 12 + 1


def render(d: date | None, grain: str | None) -> str | None:
    if d is None:
        return None
    if grain == "year":
        return f"{d.year:04d}"
    if grain == "month":
        return f"{d.year:04d}-{d.month:02d}"
    return d.isoformat()


def _ymd(y, m, d, last: bool) -> date:
    m = m or (12 if last else 1)
    if d is None:
        d = month_len(y, m) if last else 1
    return date(y, m, min(d, month_len(y, m)))


def _explicit(sem: Sem, y: int, y2: int | None = None) -> tuple[date, date | None]:
    y2 = y if y2 is None else y2
    first = _ymd(y, sem.m, sem.d, False)
    last = None if sem.mode == "since" else _ymd(y2, sem.m2 or sem.m, sem.d2 if sem.d2 is not None else sem.d, True)
    if sem.grain == "month" and sem.d is None:
        last = None if last is None else _ymd(last.year, last.month, None, True)
    return first, last


def _year_for(sem: Sem, a: date) -> int | None:
    if sem.mode == "noyear":
        return a.year if Lexicon.get().params.get("bare_day_month", "anchor_year") == "anchor_year" else None
    if sem.rel == "current":
        return a.year
    if sem.rel == "past":
        return a.year if sem.m < a.month else a.year - 1
    if sem.rel == "next":
        return a.year if sem.m > a.month else a.year + 1
    return None


def _unit_rel(sem: Sem, a: date) -> tuple[date, date] | None:
    if sem.unit == "year":
        y = a.year + sem.n
        return date(y, 1, 1), date(y, 12, 31)
    if sem.unit == "month":
        y, m = add_months(a.year, a.month, sem.n)
        if sem.sub:
            return _ymd(y, m, sem.sub[0], False), _ymd(y, m, sem.sub[1], True)
        return date(y, m, 1), date(y, m, month_len(y, m))
    return None  # a week: vague by convention


def _ago(sem: Sem, a: date) -> tuple[date, date] | None:
    if sem.unit in ("day", "week"):
        d = a + timedelta(days=sem.n * (7 if sem.unit == "week" else 1))
        return d, d
    if sem.unit == "month":
        y, m = add_months(a.year, a.month, sem.n)
        return date(y, m, 1), date(y, m, month_len(y, m))
    y = a.year + sem.n
    return date(y, 1, 1), date(y, 12, 31)


def _weekday_rel(sem: Sem, a: date) -> tuple[date, date] | None:
    if sem.rel == "past":
        d = a - timedelta(days=(a.weekday() - sem.weekday - 1) % 7 + 1)
    elif sem.rel == "next":
        d = a + timedelta(days=(sem.weekday - a.weekday() - 1) % 7 + 1)
    else:
        return None
    return d, d


def _weekday_bare(sem: Sem, a: date) -> tuple[date, date]:
    """A bare weekday: the most recent such day on or before ``a``, or on/after it in future context."""
    if sem.future:
        d = a + timedelta(days=(sem.weekday - a.weekday()) % 7)
    else:
        d = a - timedelta(days=(a.weekday() - sem.weekday) % 7)
    return d, d


def interval(sem: Sem, a: date | None) -> tuple[date, date | None] | None:
    """The dates ``sem`` denotes when the publication date is ``a`` (None: not determinable)."""
    try:
        if sem.exact is not None:
            return sem.exact
        if sem.mode in ("abs", "since") and sem.y is not None:
            return _explicit(sem, sem.y, sem.y2)
        if sem.mode in ("noyear", "month_rel") and sem.y is not None:
            return _explicit(sem, sem.y, sem.y + (1 if (sem.m2 or sem.m) < sem.m else 0))
        if a is None:
            return None
        if sem.mode in ("noyear", "month_rel"):
            y = _year_for(sem, a)
            return None if y is None else _explicit(sem, y, y + (1 if (sem.m2 or sem.m) < sem.m else 0))
        if sem.mode == "unit_rel":
            return _unit_rel(sem, a)
        if sem.mode == "day_offset":
            d = a + timedelta(days=sem.n)
            return d, d
        if sem.mode == "ago":
            return _ago(sem, a)
        if sem.mode == "weekday_rel":
            return _weekday_rel(sem, a)
        if sem.mode == "weekday" and sem.weekday is not None:
            return _weekday_bare(sem, a)
    except (ValueError, OverflowError):
        return None
    return None


def needs_anchor(sem: Sem) -> bool:
    return interval(sem, None) is None and sem.mode not in ("vague", "duration")


def _check_weekday(sem: Sem, first: date, last: date | None) -> tuple[bool | None, str | None]:
    if sem.weekday is None or sem.grain != "day" or last is None or first != last:
        return None, None
    if first.weekday() == sem.weekday:
        return True, None
    return False, (f"stated weekday {WEEKDAY_NAMES[sem.weekday]} but {first.isoformat()} "
                   f"is a {WEEKDAY_NAMES[first.weekday()]}")


def _check_deictic(sem: Sem, first: date, anchor: Anchor | None) -> str | None:
    if sem.deictic is None or anchor is None or anchor.exact is None:
        return None
    said = anchor.exact + timedelta(days=sem.deictic)
    if said != first:
        return f"the deictic word puts this on {said.isoformat()}, the date says {first.isoformat()}"
    return None


def resolve(sem: Sem, anchor: Anchor | None) -> Value:
    """The value of ``sem`` against ``anchor`` (a day or a window)."""
    iv, used = _resolve_interval(sem, anchor)
    if iv is None:
        note = sem.note
        if needs_anchor(sem) and sem.mode not in ("vague",):
            why = "no anchor" if anchor is None else f"depends on the publication date within {anchor}"
            note = f"{note}; {why}" if note else why
        return Value(None, None, sem.grain, str(anchor) if anchor else None, None, note)
    first, last = iv
    grain = sem.grain or "day"
    ok, wnote = _check_weekday(sem, first, last)
    notes = [n for n in (sem.note, wnote, _check_deictic(sem, first, anchor)) if n]
    return Value(render(first, grain), render(last, grain), grain, used, ok, "; ".join(notes) or None, first, last)


def _resolve_interval(sem: Sem, anchor: Anchor | None):
    fixed = interval(sem, None)
    if fixed is not None or anchor is None:
        return fixed, None
    if anchor.exact is not None:
        return interval(sem, anchor.exact), str(anchor)
    if anchor.earliest is None or anchor.latest is None:
        return None, None
    a, b = interval(sem, anchor.earliest), interval(sem, anchor.latest)
    if a is None or b is None:
        return None, None
    g = sem.grain or "day"
    same = (render(a[0], g), render(a[1], g)) == (render(b[0], g), render(b[1], g))
    return (a if same else None), (str(anchor) if same else None)


def partial_value(sem: Sem) -> str | None:
    """The year-less ISO 8601 value of an expression whose text gives month (and day) but no year:
    ``--MM-DD``, ``--MM-DD/--MM-DD``, ``--MM`` or ``--MM/--MM`` (for the cross-document stage to
    fill the year, e.g. "خلال يومي 20 و21 من يونيو الجاري" -> ``--06-20/--06-21``); None otherwise."""
    if sem.y is not None or sem.exact is not None or sem.m is None or sem.mode not in ("noyear", "month_rel"):
        return None
    m2 = sem.m2 or sem.m
    if sem.grain == "day" and sem.d is not None:
        d2 = sem.d2 if sem.d2 is not None else sem.d
        a, b = f"--{sem.m:02d}-{sem.d:02d}", f"--{m2:02d}-{d2:02d}"
    else:
        a, b = f"--{sem.m:02d}", f"--{m2:02d}"
    return a if a == b else f"{a}/{b}"
