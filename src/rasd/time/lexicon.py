"""Time vocabulary, loaded once from ``lexicons/months.yml`` and ``lexicons/time.yml``.

Every form goes through ``fold`` -- the same folds as ``rasd.text.normalize.normalize``
plus Arabic-Indic digits -> ASCII -- so patterns match the folded text ``rasd.time.recognize``
builds.  ``LEX`` is the one loaded instance (``Lexicon.get()``).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

from rasd.resources import load_yaml
from rasd.text.normalize import normalize

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def fold(s: str) -> str:
    """Normalise a lexicon form: ``normalize`` plus Western digits."""
    return normalize(s).translate(_DIGITS)


def alt(forms) -> str:
    """A regex alternation of folded forms, longest first (so 'امس الاول' beats 'امس')."""
    uniq = sorted({fold(f) for f in forms if f}, key=lambda x: (-len(x), x))
    return "(?:" + "|".join(regex.escape(f).replace(r"\ ", r"\s{1,3}") for f in uniq) + ")"


@dataclass
class Lexicon:
    """Folded form -> value tables, plus the raw YAML for parameters."""

    months: dict[str, int] = field(default_factory=dict)  # Gregorian month forms -> 1..12
    month_region: dict[str, str] = field(default_factory=dict)
    hijri: dict[str, int] = field(default_factory=dict)
    weekdays: dict[str, int] = field(default_factory=dict)
    deictic: dict[str, int] = field(default_factory=dict)
    guarded: frozenset[str] = frozenset()
    rel: dict[str, str] = field(default_factory=dict)  # الماضي -> past
    units: dict[str, str] = field(default_factory=dict)  # form -> day|week|month|year
    duals: frozenset[str] = frozenset()
    plurals: frozenset[str] = frozenset()
    unit_nouns: dict[str, str] = field(default_factory=dict)
    cardinals: dict[str, int] = field(default_factory=dict)
    ordinals: dict[str, int] = field(default_factory=dict)
    sub_month: dict[str, tuple[int, int]] = field(default_factory=dict)
    params: dict = field(default_factory=dict)
    data: dict = field(default_factory=dict)  # time.yml as loaded
    systems: dict = field(default_factory=dict)  # months.yml systems as loaded

    @classmethod
    @functools.lru_cache(maxsize=1)
    def get(cls) -> "Lexicon":
        return _build(load_yaml("lexicons/months.yml"), load_yaml("lexicons/time.yml"))

    def words(self, key: str) -> list[str]:
        """A flat word list from time.yml, folded."""
        return [fold(w) for w in self.data.get(key, [])]


def _invert(mapping: dict, target: dict, tag=None, tags: dict | None = None) -> None:
    for value, forms in mapping.items():
        for f in forms:
            target[fold(f)] = int(value)
            if tags is not None:
                tags.setdefault(fold(f), tag)


def _build(months: dict, time: dict) -> Lexicon:
    lx = Lexicon(data=time, systems=months["systems"], params=dict(time.get("parameters", {})))
    for name, system in months["systems"].items():
        _invert(system["months"], lx.months, system["region"], lx.month_region)
    _invert(months["hijri"]["months"], lx.hijri)
    _invert(time["weekdays"], lx.weekdays)
    lx.deictic = {fold(k): int(v) for k, v in time["deictic"].items()}
    lx.guarded = frozenset(fold(w) for w in time["deictic_guarded"])
    for kind, forms in time["relative"].items():
        for f in forms:
            lx.rel[fold(f)] = kind
    duals, plurals = set(), set()
    for unit, spec in time["units"].items():
        for f in spec["forms"]:
            lx.units[fold(f)] = unit
        duals.update(fold(f) for f in spec.get("dual", []))
        plurals.update(fold(f) for f in spec.get("plural", []))
    lx.duals, lx.plurals = frozenset(duals), frozenset(plurals)
    for unit, forms in time["unit_nouns"].items():
        for f in forms:
            lx.unit_nouns[fold(f)] = unit
    _invert(time["cardinals"], lx.cardinals)
    _invert(time["day_ordinals"], lx.ordinals)
    for part, spec in time["sub_month"].items():
        for w in spec["words"]:
            lx.sub_month[fold(w)] = (int(spec["days"][0]), int(spec["days"][1]))
    return lx
