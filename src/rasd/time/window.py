"""The publication window: when was the article published, from what it says.

Order of evidence (docs/time.md): the input metadata; a dateline; otherwise constraints
collected from the article's own expressions, intersected strongest first (a constraint
that would empty the window is skipped and named in the basis).  Each constraint is a lower
and/or upper bound with a strength:

====  =============================================================================
  4   a dateline ("نشر في 12 يونيو 2022")
  3   a deictic word beside an explicit date ("غد الأربعاء 6 دجنبر 2023" -> 5 December)
  2   a month marked current/past/next whose year is known ("يونيو الجاري" in June 2022),
      or "X الماضي" with X dated in year Y elsewhere in the text (within 12 months after X/Y);
      dates of the article's events given by other documents (``refine_published``)
  1   an explicit date told as past (publication on or after it; a month with its year lies
      before the publication month) or as future (publication before it)
  0   a vague recency phrase ("قبل أيام"): at most ``recent_max_days`` after the latest
      dated news event (background mentions such as "سبق أن" excluded)
====  =============================================================================
A stated weekday of a deictic day ("أول أمس الأحد") narrows a window of a week or less.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from rasd.time.lexicon import Lexicon
from rasd.time.model import Anchor, Sem
from rasd.time.resolve import add_months, interval, month_len


@dataclass
class Constraint:
    lo: date | None
    hi: date | None
    strength: int
    why: str


@dataclass
class Window:
    earliest: date | None
    latest: date | None
    basis: str | None
    rule: str
    skipped: list[str]

    @property
    def anchor(self) -> Anchor | None:
        if self.earliest is None and self.latest is None:
            return None
        return Anchor(self.earliest, self.latest)


def _past_bound(sem: Sem, first: date, last: date | None) -> date:
    if sem.mode == "since" or last is None:
        return first
    if sem.grain == "month" and Lexicon.get().params.get("month_past_strict", True):
        return last + timedelta(days=1)
    if sem.grain == "year":
        return date(last.year, 1, 1)
    return last


def _explicit_constraint(text: str, sem: Sem) -> Constraint | None:
    iv = interval(sem, None)
    if iv is None:
        return None
    first, last = iv
    if sem.deictic is not None:
        pub = first - timedelta(days=sem.deictic)
        return Constraint(pub, pub, 3, f"'{text}' is {sem.deictic:+d} day(s) from publication -> {pub.isoformat()}")
    if sem.mode in ("noyear", "month_rel") and sem.rel:
        return _rel_month_constraint(text, sem, first, last)
    if sem.future:
        hi = first if sem.grain == "day" else (last or first)
        return Constraint(None, hi, 1, f"'{text}' is told as future -> on or before {hi.isoformat()}")
    lo = _past_bound(sem, first, last)
    return Constraint(lo, None, 1, f"'{text}' is told as past -> on or after {lo.isoformat()}")


def _rel_month_constraint(text: str, sem: Sem, first: date, last: date | None) -> Constraint:
    y, m = first.year, first.month
    if sem.rel == "current":
        lo = date(y, m, 1)
        if sem.grain == "day" and last is not None and not sem.future:
            lo = last
        return Constraint(lo, date(y, m, month_len(y, m)), 2, f"'{text}' is the current month")
    if sem.rel == "past":
        hy, hm = add_months(y, m, Lexicon.get().params.get("last_month_horizon_months", 12))
        return Constraint(date(y, m, month_len(y, m)) + timedelta(days=1), date(hy, hm, month_len(hy, hm)), 2,
                          f"'{text}' is a past month")
    ly, lm = add_months(y, m, -Lexicon.get().params.get("last_month_horizon_months", 12))
    return Constraint(date(ly, lm, 1), date(y, m, 1) - timedelta(days=1), 2, f"'{text}' is a coming month")


def _years_by_month(items, with_background: bool) -> dict[int, set[int]]:
    """Month number -> the years it is explicitly dated with in the text."""
    out: dict[int, set[int]] = {}
    for _, _, text, sem in items:
        iv = interval(sem, None)
        if iv is None or sem.exact is not None or sem.m is None or sem.grain not in ("day", "month") \
                or (sem.background and not with_background) or sem.mode == "month_rel":
            continue
        out.setdefault(sem.m, set()).add(iv[0].year)
    return out


def _dated_elsewhere(items, sem: Sem) -> int | None:
    # "ديسمبر الماضي" names the December the text dates, often told as background ("وكانت ...
    # أحبطت، 18 ديسمبر 2021"); "مارس الجاري" is not the March of a background event
    years = _years_by_month(items, with_background=sem.rel == "past").get(sem.m, set())
    return next(iter(years)) if len(years) == 1 else None


def constraints(items, recency: list[str]) -> tuple[list[Constraint], list[tuple[int, str, int | None]], list[tuple[int, str]]]:
    """Constraints from recognised items ``(start, end, text, Sem)``.

    Returns (bounds, month-of-unknown-year constraints (month, why, min day), weekday constraints).
    """
    out: list[Constraint] = []
    partial: list[tuple[int, str, int | None]] = []
    weekdays: list[tuple[int, str]] = []
    for _, _, text, sem in items:
        if sem.mode == "day_offset" and sem.weekday is not None:
            weekdays.append(((sem.weekday - sem.n) % 7, f"'{text}'"))
        if sem.mode == "month_rel" and sem.y is None:
            y = _dated_elsewhere(items, sem)
            if y is not None:
                dated = replace(sem, y=y, y2=y)
                first, last = interval(dated, None)
                c = _rel_month_constraint(text, dated, first, last)
                c.why += f" dated {y} elsewhere in the text"
                out.append(c)
            elif sem.rel == "current":
                partial.append((sem.m, f"'{text}' is the current month",
                                sem.d2 if sem.grain == "day" and not sem.future else None))
            continue
        c = _explicit_constraint(text, sem)
        if c is not None:
            out.append(c)
    out.extend(_recency(items, recency))
    return out, partial, weekdays


def _recency(items, recency: list[str]) -> list[Constraint]:
    if not recency:
        return []
    peg = None
    for _, _, text, sem in items:
        iv = interval(sem, None)
        if iv is None or sem.future or sem.background or sem.mode == "since" or sem.grain == "year":
            continue
        last = iv[1] or iv[0]
        if peg is None or last > peg[0]:
            peg = (last, text)
    if peg is None:
        return []
    days = int(Lexicon.get().params.get("recent_max_days", 31))
    hi = peg[0] + timedelta(days=days)
    return [Constraint(None, hi, 0, f"'{recency[0]}' with the latest dated event '{peg[1]}' -> within {days} days")]


def _month_fits(lo: date, hi: date, month: int, min_day: int | None) -> list[tuple[date, date]]:
    """The stretches of [lo, hi] inside month ``month`` (from ``min_day``) of some year."""
    fits = []
    for y in range(lo.year, hi.year + 1):
        a = date(y, month, min(min_day or 1, month_len(y, month)))
        b = date(y, month, month_len(y, month))
        if a <= hi and b >= lo:
            fits.append((max(a, lo), min(b, hi)))
    return fits


def intersect(cons: list[Constraint], partial=()) -> tuple[date | None, date | None, list[Constraint], list[Constraint]]:
    """Apply bounds strongest first; skip one that empties the window or leaves no room for a
    current month the text names ("يونيو الجاري" needs a June inside the window)."""
    lo = hi = None
    used, skipped = [], []
    for c in sorted(cons, key=lambda c: -c.strength):
        nlo = c.lo if lo is None else (lo if c.lo is None else max(lo, c.lo))
        nhi = c.hi if hi is None else (hi if c.hi is None else min(hi, c.hi))
        empty = nlo is not None and nhi is not None and (
            nlo > nhi or any(not _month_fits(nlo, nhi, m, d) for m, _, d in partial))
        if empty:
            skipped.append(c)
            continue
        if (nlo, nhi) != (lo, hi):
            used.append(c)
        lo, hi = nlo, nhi
    return lo, hi, used, skipped


def _apply_partial(lo, hi, partial, used):
    """"يونيو الجاري" without a year: usable when only one June fits the window."""
    for month, why, min_day in partial:
        if lo is None or hi is None:
            continue
        fits = _month_fits(lo, hi, month, min_day)
        if len(fits) == 1:
            lo, hi = fits[0]
            used.append(Constraint(lo, hi, 2, why))
    return lo, hi


def _apply_weekdays(lo, hi, weekdays, used, skipped_names):
    for wd, why in weekdays:
        if lo is None or hi is None or (hi - lo).days > 6:
            continue
        days = [lo + timedelta(days=k) for k in range((hi - lo).days + 1)]
        fit = [d for d in days if d.weekday() == wd]
        if len(fit) == 1:
            if (lo, hi) != (fit[0], fit[0]):
                used.append(Constraint(fit[0], fit[0], 2, f"{why}: the stated weekday"))
            elif not any(why in c.why for c in used):
                used.append(Constraint(fit[0], fit[0], 2, f"{why} agrees"))
            lo = hi = fit[0]
        elif not fit:
            skipped_names.append(f"{why}: stated weekday does not fit the window")
    return lo, hi


def infer(items, recency: list[str]) -> Window:
    """The window from the article's own expressions."""
    cons, partial, weekdays = constraints(items, recency)
    lo, hi, used, skipped = intersect(cons, partial)
    lo, hi = _apply_partial(lo, hi, partial, used)
    skipped_names = [f"{c.why} (conflicts with stronger evidence)" for c in skipped]
    lo, hi = _apply_weekdays(lo, hi, weekdays, used, skipped_names)
    if lo is None and hi is None:
        return Window(None, None, None, "", skipped_names)
    basis = "inferred from the text: " + "; ".join(c.why for c in used)
    return Window(lo, hi, basis, "window:inferred", skipped_names)
