"""What a recognised temporal expression means, before it is resolved against an anchor.

``Sem`` holds the explicit parts (year, month, day of the start and end), or the relative
reading (a day offset, a month with الماضي/الجاري/المقبل, ...); ``rasd.time.resolve`` turns
it into ISO values given an ``Anchor`` (the publication date or window).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class Anchor:
    """The date relative expressions refer to: one day, or a window (either end may be unknown)."""

    earliest: date | None = None
    latest: date | None = None

    @classmethod
    def day(cls, d: date) -> "Anchor":
        return cls(d, d)

    @classmethod
    def parse(cls, s: str) -> "Anchor":
        """``YYYY-MM-DD`` -> a one-day anchor; raises ValueError with a readable message."""
        try:
            return cls.day(date.fromisoformat(s.strip()))
        except (ValueError, AttributeError):
            raise ValueError(f"bad anchor {s!r}: expected a date YYYY-MM-DD") from None

    @property
    def exact(self) -> date | None:
        return self.earliest if self.earliest is not None and self.earliest == self.latest else None

    def __str__(self) -> str:
        if self.exact:
            return self.exact.isoformat()
        a = self.earliest.isoformat() if self.earliest else "?"
        b = self.latest.isoformat() if self.latest else "?"
        return f"{a}/{b}"


def as_anchor(anchor) -> Anchor | None:
    """Accept an Anchor, a date, an ISO string or None."""
    if anchor is None or isinstance(anchor, Anchor):
        return anchor
    if isinstance(anchor, date):
        return Anchor.day(anchor)
    return Anchor.parse(str(anchor))


@dataclass
class Sem:
    """The meaning of one expression.

    ``mode`` says how to compute the value:
    ``abs`` explicit parts; ``noyear`` day/month without a year; ``month_rel`` a month with a
    relative word; ``unit_rel`` الشهر/العام/الأسبوع + relative word; ``day_offset`` أمس/غدا/...;
    ``ago`` قبل/منذ/بعد + count + unit; ``weekday_rel`` الأحد الماضي; ``weekday`` a bare weekday;
    ``since`` منذ + year/date; ``vague`` and ``duration`` have no value.
    """

    mode: str
    kind: str
    rule: str
    y: int | None = None
    m: int | None = None
    d: int | None = None
    y2: int | None = None
    m2: int | None = None
    d2: int | None = None
    grain: str | None = None
    rel: str | None = None  # past | current | next
    unit: str | None = None  # day | week | month | year
    n: int = 0  # signed offset in units
    weekday: int | None = None  # a stated weekday, Monday = 0
    exact: tuple[date, date] | None = None  # already Gregorian days (Hijri conversions, numeric dates)
    deictic: int | None = None  # a deictic day offset stated beside an explicit date
    sub: tuple[int, int] | None = None  # day interval of a month part (مطلع/منتصف/أواخر)
    future: bool = False  # a future cue precedes it in its clause
    background: bool = False  # a background cue (سبق ...) precedes it
    note: str | None = None
    parts: list[str] = field(default_factory=list)  # pieces merged into it (for the rule)

    @property
    def explicit(self) -> bool:
        """True when the value needs no anchor."""
        return self.mode in ("abs", "since") and (self.exact is not None or self.y is not None)
