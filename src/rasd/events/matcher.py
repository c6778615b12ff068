"""Fast whole-word phrase matching on normalised (folded) Arabic text, clitics allowed.

A ``PhraseMatcher`` holds phrases (already normalised), each with a key and a regular expression
for the whole phrase (clitics on every word, a pronoun suffix on the last when allowed).  Matching
runs in two steps: one pass of a pattern built on a named list of the phrases' first words finds
where a phrase may start; only there are the phrases starting with that word tried, longest first.
This keeps a lexicon of hundreds of forms at one cheap pass per sentence.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

PREFIX = r"(?:[وف])?(?:لل|[بلكس])?(?:ال)?"  # conjunction, preposition / future س, article
_EDGE_L = r"(?<![\p{L}\p{M}])"
_EDGE_R = r"(?![\p{L}\p{M}])"


def strip_article(word: str) -> str:
    """``word`` without a leading ال when the rest is a word of its own (3+ letters)."""
    return word[2:] if word.startswith("ال") and len(word) >= 5 else word


def phrase_regex(phrase: str, last_suffix: str = "") -> str:
    """Regex for a normalised phrase: each word with optional clitics; ``last_suffix`` after the last word.
    A last word ending in ه (ة) may also end in ت before a suffix ("زيارته")."""
    words = phrase.split(" ")
    parts = []
    for i, w in enumerate(words):
        stem = strip_article(w)
        body = regex.escape(stem)
        if i == len(words) - 1 and last_suffix:
            if stem.endswith("ه"):
                body = f"(?:{regex.escape(stem)}|{regex.escape(stem[:-1])}ت{last_suffix})"
            else:
                body = f"{regex.escape(stem)}{last_suffix}?"
        parts.append(PREFIX + body)
    return r"\s+".join(parts)


@dataclass
class Match:
    start: int
    end: int
    key: object
    text: str
    alts: tuple = ()  # keys of other phrases matching exactly the same span (later entries of the lexicon)


_WORD = regex.compile(r"[\p{L}\p{M}]+")


@functools.lru_cache(maxsize=4096)
def _words(text: str) -> tuple[frozenset[str], tuple[tuple[str, int], ...]]:
    """The distinct words of a folded sentence and each word with its offset (shared by every
    matcher that reads the sentence)."""
    spans = tuple((m.group(), m.start()) for m in _WORD.finditer(text))
    return frozenset(w for w, _ in spans), spans
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "س", "وب", "ول", "وك", "وس", "فب", "فل", "فس", "ال", "وال", "فال", "بال",
            "كال", "وبال", "وكال", "لل", "ولل", "فلل")


class _Lazy:
    """A pattern compiled on first use (most forms never occur in a given run)."""

    __slots__ = ("source", "_compiled")

    def __init__(self, source: str):
        self.source = source
        self._compiled = None

    def match(self, text: str, pos: int):
        if self._compiled is None:
            self._compiled = regex.compile(self.source)
        return self._compiled.match(text, pos)


class PhraseMatcher:
    """Find the phrases (longest at each place, no overlaps) in a folded text.

    Words are read one by one; a word is a candidate start when it is a phrase's first word with
    clitics and a pronoun attached (a dictionary lookup); only then are that word's phrases tried."""

    def __init__(self, items: list[tuple[str, object, str]], suffixes: tuple[str, ...] = ()):
        """``items``: (normalised phrase, key, suffix regex or "") for each phrase; ``suffixes``:
        the pronouns a first word may carry (for the candidate lookup)."""
        by_first: dict[str, list[tuple[int, _Lazy, object]]] = {}
        for phrase, key, suffix in items:
            first = strip_article(phrase.split(" ")[0])
            full = _Lazy(_EDGE_L + phrase_regex(phrase, suffix) + _EDGE_R)
            by_first.setdefault(first, []).append((len(phrase), full, key))
        for lst in by_first.values():
            lst.sort(key=lambda x: -x[0])
        self.by_first = by_first
        self.forms: dict[str, set[str]] = {}
        for first in by_first:
            for sfx in ("",) + tuple(suffixes):
                core = first + sfx if not (sfx and first.endswith("ه")) else first[:-1] + "ت" + sfx
                for p in _CLITICS:
                    self.forms.setdefault(p + core, set()).add(first)
                    if not p.endswith("ال") and not p.endswith("لل"):
                        self.forms.setdefault(p + "ال" + core, set()).add(first)

    def find(self, text: str) -> list[Match]:
        out: list[Match] = []
        forms = self.forms
        distinct, spans = _words(text)
        starts = forms.keys() & distinct
        if not starts:
            return out  # no word can start a phrase (the common case, at C speed)
        pos = 0
        for word, at in spans:
            if word not in starts or at < pos:
                continue
            best = None
            for first in forms[word]:
                for _, full, key in self.by_first[first]:
                    fm = full.match(text, at)
                    if fm is None:
                        continue
                    if best is None or fm.end() > best.end:
                        best = Match(fm.start(), fm.end(), key, fm.group())
                    elif fm.end() == best.end and key != best.key and key not in best.alts:
                        best.alts += (key,)
            if best is not None:
                out.append(best)
                pos = best.end
        return out
