"""The compiled patterns of the time recogniser, built once from the lexicons.

Patterns run on *folded* text (``rasd.time.recognize.fold_text``): alef variants, teh marbuta,
alef maqsura folded, Western digits.  Every repeat is bounded (``\\s{1,3}``, ``\\d{1,4}``) and
no repeat is nested inside another, so no pattern can backtrack catastrophically.
"""
from __future__ import annotations

import functools
import re

import regex

from rasd.time.lexicon import Lexicon, alt, fold

W0 = r"(?<![\p{L}\p{N}])"  # word start
W1 = r"(?![\p{L}\p{N}])"  # word end
P = r"(?:[وف]?[بلك]?)"  # proclitics: و ف, then ب ل ك
S = r"\s{1,3}"
O = r"\s{0,3}"
SEP = r"[\s,،]{0,4}"
DAYN = r"(?<!\d)(?:3[01]|[12][0-9]|0?[1-9])(?!\d)"
YEARNUM = r"(?<!\d)(?:1[5-9]\d\d|20\d\d|21\d\d)(?!\d)"
HYEARNUM = r"(?<!\d)(?:1[3-5]\d\d)(?!\d)"


class Patterns:
    """One compiled regex per family, plus the small helper patterns."""

    def __init__(self, lx: Lexicon):
        w = lx.words
        mon = alt(lx.months)
        hmon = alt(lx.hijri)
        ordw = alt(lx.ordinals)
        dayx = rf"(?:{DAYN}|{ordw}{W1})"
        rel = alt(lx.rel)
        ymark = alt(w("year_words"))
        gsuf = rf"(?:{O}{alt(w('gregorian_suffix'))}{W1})?"
        hsuf = alt(w("hijri_suffix"))
        sub = alt(lx.sub_month)
        to = alt(lx.data["range"]["to"])
        conj = rf"(?:{O}(?:و|-|–|/){O}|{S}{to}{S})"
        lead = rf"(?P<lead>(?:{alt(lx.data['range']['between'])}|{alt(lx.data['range']['from'])}){S})?"
        monx = rf"(?:{O}[(/]{O}(?P<mx>{mon}){O}\)?)?"
        yearx = rf"(?:{SEP}(?:من{S})?(?:{P}{ymark}{S})?(?P<y>{YEARNUM}){gsuf}|{S}(?P<rel>{rel}){W1})?"
        part = alt(w("parts_of_day"))
        wd = alt(lx.weekdays)
        units = alt(lx.units)
        card = alt(lx.cardinals)
        # "(يومي) 13 و14 (من)": the day part shared by a month date and a "day of this month" date
        days = rf"{W0}{lead}(?:{P}{alt(w('day_words'))}{S})?(?P<d1>{dayx})(?:{conj}(?P<d2>{dayx}))?{S}(?:من{S})?"
        self.date = regex.compile(rf"{days}(?:{P}{alt(w('month_word'))}{S})?(?P<m>{mon}){W1}{monx}{yearx}")
        self.date_unit = regex.compile(rf"{days}(?P<u>{alt(lx.unit_nouns)}){S}(?P<rel>{rel}){W1}")
        self.year_span = regex.compile(
            rf"{W0}(?P<y>(?:19|20)\d\d){O}[-–]{O}(?P<y2>(?:19|20)\d\d){W1}")
        self.month = regex.compile(
            rf"{W0}{lead}(?:(?P<sub>{sub}){S})?(?:{P}(?P<sh>{alt(w('month_word'))}){S})?{P}(?P<m>{mon}){W1}{monx}"
            rf"(?:{conj}{P}(?:{alt(w('month_word'))}{S})?(?P<mb>{mon}){W1}(?:{O}[(/]{O}{mon}{O}\)?)?)?{yearx}")
        self.year = regex.compile(
            rf"{W0}(?P<lead>(?:{alt(lx.data['range']['between'])}|{alt(lx.data['range']['from'])}){S})?"
            rf"(?:(?P<sub>{sub}){S})?{P}(?P<mk>{ymark}){S}(?P<y>{YEARNUM})"
            rf"(?:{conj}(?:{P}{ymark}{S})?(?P<y2>{YEARNUM}))?{gsuf}(?![/.-]\d)")
        self.year_prep = regex.compile(
            rf"{W0}(?:و)?(?P<prep>{alt(w('year_preps'))}){S}(?P<y>{YEARNUM})(?:{conj}(?P<y2>{YEARNUM}))?{gsuf}{W1}(?![/.-]\d)")
        self.year_bare = regex.compile(
            rf"{W0}(?<!\d[/.-])(?P<y>(?:19|20)\d\d)(?:{O}(?P<g>{alt(w('gregorian_suffix'))}){W1}|(?={O}[.,،؛:)\]»\"”]|{O}$))")
        self.hijri = regex.compile(
            rf"{W0}(?:(?P<d>{dayx}){S}(?:من{S})?)?(?:{P}{alt(w('month_word'))}{S})?(?P<hm>{hmon}){W1}"
            rf"{SEP}(?:{alt(['سنة', 'عام'])}{S})?(?P<y>{HYEARNUM})(?:{O}(?P<hs>{hsuf}){W1})?")
        self.hijri_year = regex.compile(
            rf"{W0}(?:{P}{ymark}{S})?(?P<y>{HYEARNUM}){O}(?P<hs>{hsuf}){W1}")
        self.numeric = regex.compile(
            r"(?<![\d/.-])(?P<d>3[01]|[12]\d|0?[1-9])(?P<s>[/.-])(?P<m>1[0-2]|0?[1-9])(?P=s)(?P<y>(?:19|20)\d\d)(?![\d/.-])"
            r"|(?<![\d/.-])(?P<y>(?:19|20)\d\d)(?P<s2>[/.-])(?P<m>1[0-2]|0?[1-9])(?P=s2)(?P<d>3[01]|[12]\d|0?[1-9])(?![\d/-]|\.\d)")
        self.deictic = regex.compile(
            rf"{W0}(?:{P}(?P<part>{part}){S})?(?:{P}(?P<yw>يوم){S})?{P}(?P<dx>{alt(lx.deictic)})"
            rf"(?:{S}(?:{P}يوم{S})?(?P<wd>{wd}))?{W1}")
        self.weekday = regex.compile(
            rf"{W0}(?:{P}(?P<part>{part}){S})?(?:{P}(?P<yw>يوم){S})?{P}(?P<wd>{wd})(?:{S}(?P<rel>{rel}))?{W1}")
        self.unit_rel = regex.compile(
            rf"{W0}(?:(?P<sub>{sub}){S})?{P}(?:(?P<this>{alt(w('this_words'))}){S})?(?P<u>{alt(lx.unit_nouns)})"
            rf"(?:{S}(?P<rel>{rel}))?{W1}")
        self.ago = regex.compile(
            rf"{W0}{P}(?P<ago>{alt(sum(lx.data['ago_words'].values(), []))}){S}"
            rf"(?:(?P<n>\d{{1,3}}|{card}){S}|(?P<vg>{alt(w('vague_counts'))}){S})?(?P<u>{units})"
            rf"(?:{S}(?P<va>{alt(w('vague_after'))}))?{W1}")
        self.duration = regex.compile(
            rf"{W0}(?P<h>{alt(w('duration_heads'))}){S}(?:ل)?(?:(?P<n>\d{{1,3}}|{card}){S})?(?P<u>{units}){W1}")
        self.count = regex.compile(
            rf"{W0}(?:(?P<ah>{alt(w('age_heads'))}){S}(?:من{S}العمر{S})?)?(?P<n>\d{{1,3}}){S}(?P<u>{units}){W1}")
        self.range_gap = regex.compile(rf"^{S}{to}{S}$|^{O}(?:-|–){O}$|^{S}و{O}$")
        self.range_lead = regex.compile(
            rf"(?:{alt(lx.data['range']['between'])}|{alt(lx.data['range']['from'])}){S}$")
        self.since_lead = regex.compile(rf"{W0}(?:و)?{alt(w('since_words'))}{S}$")
        self.since_words = frozenset(w("since_words"))
        self.weekday_guarded = frozenset(w("weekday_bare_guarded"))
        self.weekday_bare_ok = regex.compile(
            rf"(?:{O}[.,،؛:!?؟)»\"”\-–]|{O}$|{S}{alt(w('weekday_bare_next'))}{W1})")
        self.dual_before = regex.compile(r"\p{L}(?:ين|ان){S}$".replace("{S}", S))  # "البلدين الاثنين": "the two"
        self.lead_prep = regex.compile(rf"{W0}(?:و)?(?:في|خلال){S}(?:{alt(w('lead_period_words'))}{S})?$")
        self.adjacent = regex.compile(rf"^{SEP}$")
        self.name_head = regex.compile(rf"(?:{W0}{P}{alt(w('name_heads'))}{S}|[\"“”«'‘’]{O})$")
        self.general_head = regex.compile(rf"{W0}{P}{alt(w('general_heads'))}{S}$")
        self.dateline_cue = regex.compile(alt(w("dateline_cues")) + rf"{O}[:：]?{O}$", regex.IGNORECASE)
        self.dateline_cue_any = regex.compile(alt(w("dateline_cues")), regex.IGNORECASE)
        self.future = regex.compile(rf"{W0}{alt(w('future_cues'))}{W1}")
        self.background = regex.compile(rf"{W0}{alt(w('background_cues'))}{W1}")
        self.background_start = regex.compile(rf"^\W{{0,3}}{alt(w('background_sentence_start'))}{W1}")
        self.recency_heads = tuple(sorted({c.split()[0] for c in w("recency_cues")}))
        self.recency = regex.compile(rf"{W0}{P}{alt(w('recency_cues'))}{W1}")
        self.clock = regex.compile(r"(?<!\d)(?:[01]?\d|2[0-3])[:h]\d\d(?::\d\d)?(?!\d)")
        self.clause_break = regex.compile(r"[.!?؟؛\n]")

        self.triggers, self.trigger_kind = _triggers(lx)

    # Families grouped by the trigger words a match must contain, with how far (chars) a match may
    # reach before and after such a word: each family runs only in its group's windows.
    GROUPS = (
        (("month",), 48, 64, ("date", "month")),
        (("hmonth",), 32, 28, ("hijri",)),
        (("year",), 24, 24, ("numeric", "year_span", "hijri_year", "year", "year_prep", "year_bare")),
        (("rel", "sub"), 40, 24, ("date_unit", "unit_rel")),
        (("deictic",), 24, 24, ("deictic",)),
        (("weekday",), 24, 16, ("weekday",)),
        (("ago",), 4, 40, ("ago",)),
        (("dhead",), 4, 32, ("duration",)),
        (("digit",), 28, 16, ("count",)),
    )

    FAMILIES = ("date", "date_unit", "year_span", "numeric", "hijri", "hijri_year", "month", "year", "year_prep", "year_bare",
                "deictic", "weekday", "unit_rel", "ago", "duration", "count")


def _trie(words) -> str:
    """A literal alternation as a trie (one branch per shared prefix): fast to scan."""
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        end = "" in node
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if end else body
    return emit(root)


def _triggers(lx: Lexicon):
    """One scan finds every word a time expression must contain: digits, month names, weekdays,
    deictic words, units.  Literal alternation only (stdlib ``re``: no repeats to backtrack over)."""
    kind: dict[str, set[str]] = {}
    groups = {"month": list(lx.months), "hmonth": list(lx.hijri), "weekday": list(lx.weekdays),
              "deictic": list(lx.deictic), "rel": list(lx.rel) + lx.words("this_words"),
              "sub": list(lx.sub_month), "dhead": lx.words("duration_heads"),
              "ago": [fold(w) for ws in lx.data["ago_words"].values() for w in ws]}
    for k, forms in groups.items():
        for f in forms:
            for part in f.split():
                kind.setdefault(part, set()).add(k)
    word = r"\b(?:[وف]?[بلك]?)(" + _trie(kind) + r")\b"
    return re.compile(r"(?<!\d)(\d{1,8})(?!\d)|" + word), {w: frozenset(v) for w, v in kind.items()}


@functools.lru_cache(maxsize=1)
def patterns() -> Patterns:
    return Patterns(Lexicon.get())


__all__ = ["Patterns", "patterns", "fold"]
