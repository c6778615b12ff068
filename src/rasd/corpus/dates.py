"""Event dates as day intervals: containment, disjointness, calendar pattern, display value.

A value is an ISO string of year, month or day grain; ``EventDate(start, end)`` covers from the
first day of ``start`` to the last day of ``end`` (``2022-06`` covers 1-30 June 2022).
"""
from __future__ import annotations

import calendar
import datetime as _dt
from functools import lru_cache

from rasd.doc import EventDate

Interval = tuple[int, int]  # proleptic ordinal days, inclusive


@lru_cache(maxsize=65536)
def _bounds(value: str) -> Interval | None:
    """First and last day (ordinals) of an ISO year, month or day; None when unreadable."""
    parts = value.split("-")
    try:
        y = int(parts[0])
        if len(parts) == 1:
            return _dt.date(y, 1, 1).toordinal(), _dt.date(y, 12, 31).toordinal()
        m = int(parts[1])
        if len(parts) == 2:
            last = calendar.monthrange(y, m)[1]
            return _dt.date(y, m, 1).toordinal(), _dt.date(y, m, last).toordinal()
        d = _dt.date(y, m, int(parts[2])).toordinal()
        return d, d
    except (ValueError, IndexError):
        return None


def interval(date: EventDate | None) -> Interval | None:
    """The days an event date covers, or None when it states no value."""
    if date is None or not (date.start or date.end):
        return None
    a = _bounds(date.start or date.end)
    b = _bounds(date.end or date.start)
    if a is None or b is None or b[1] < a[0]:
        return None
    return a[0], b[1]


def value_string(date: EventDate) -> str | None:
    """The value as the gold writes it: ``start/end`` when they differ, else ``start``."""
    if not (date.start or date.end):
        return None
    s, e = date.start or date.end, date.end or date.start
    return s if s == e else f"{s}/{e}"


def contains(a: Interval, b: Interval) -> bool:
    return a[0] <= b[0] and b[1] <= a[1]


def compatible(a: Interval, b: Interval) -> bool:
    """One value contains the other: a vaguer report of the same day(s)."""
    return contains(a, b) or contains(b, a)


def overlap(a: Interval, b: Interval) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def same_pattern(a: EventDate, b: EventDate) -> bool:
    """Disjoint dates that differ only in the year: same month(-day) at both ends, same grain.

    ``2022-06-13/2022-06-14`` vs ``2023-06-13/2023-06-14``: the signature of one happening
    that one report put in the wrong year.
    """
    sa, ea = a.start or a.end, a.end or a.start
    sb, eb = b.start or b.end, b.end or b.start
    if not (sa and sb) or len(sa) != len(sb) or len(ea) != len(eb) or len(sa) < 7:
        return False
    return sa[4:] == sb[4:] and ea[4:] == eb[4:] and sa[:4] != sb[:4]


def month_pattern(a: EventDate, b: EventDate) -> bool:
    """Same month (of the start) in different years, at any grain finer than a year."""
    sa, sb = a.start or a.end, b.start or b.end
    return bool(sa and sb and len(sa) >= 7 and len(sb) >= 7 and sa[5:7] == sb[5:7] and sa[:4] != sb[:4])


def days_apart(a: str | None, b: str | None) -> int | None:
    """Days between two ISO values (their first days), or None."""
    if not a or not b:
        return None
    x, y = _bounds(a), _bounds(b)
    if x is None or y is None:
        return None
    return abs(x[0] - y[0])


def year_stated(date: EventDate) -> bool:
    """The value's year is the text's own (an explicit year), not read from a publication date
    (the events stage keeps ``partial`` when the expression gave no year) nor filled in."""
    return bool(date.start or date.end) and not date.partial and not date.inferred_from


def with_year(partial: str | None, year: int) -> EventDate | None:
    """A year-less value (``--MM-DD``, ``--MM-DD/--MM-DD``, ``--MM``, ``--MM/--MM``) placed in
    ``year``; a range whose end comes before its start ends in the next year.  None when
    unreadable or not a real date (``--02-29`` in a common year)."""
    if not partial:
        return None
    ends = partial.split("/")
    if len(ends) > 2 or not all(e.startswith("--") and len(e) in (4, 7) for e in ends):
        return None
    a, b = ends[0][2:], ends[-1][2:]
    end_year = year + 1 if b < a else year
    out = EventDate(f"{year:04d}-{a}", f"{end_year:04d}-{b}")
    if _bounds(out.start) is None or _bounds(out.end) is None:
        return None
    return out


def years(date: EventDate) -> list[int]:
    """The years a value's start and end fall in (one or two)."""
    out = []
    for v in (date.start, date.end):
        if v and v[:4].isdigit() and int(v[:4]) not in out:
            out.append(int(v[:4]))
    return out
