"""Matching helpers: normalised keys for mentions and names, and one-to-one assignment.

The rules are written out in docs/evaluation.md; in short:

* a mention's *keys* are its ``normalize``-d form plus the forms with one leading clitic
  (و ف ب ل ك, or لل which leaves the article ال) taken off its first word, and a
  conjunction (و ف) followed by such a preposition.  Two mentions are *the same* when their
  key sets share a key: both sides are expanded, so stripping is symmetric (``وكندا`` and
  ``كندا`` share ``كندا`` even though ``كندا`` itself yields ``ندا``).
* a mention *contains* another when one key is a whole-word substring of the other and
  covers at least ``CONTAINMENT`` (60 %) of its characters.
* ``assign`` picks pairs greedily from candidates sorted by a key (best first), then by the
  gold index and the prediction index: deterministic, one-to-one.
"""
from __future__ import annotations

from typing import Hashable, Iterable, Sequence

from rasd.text.normalize import normalize

CONTAINMENT = 0.6  # share of the longer key a contained key must cover
MIN_STEM = 2  # letters a word keeps after a clitic is taken off

# the leading clitics of issue 3 (conjunctions, then one-letter prepositions and lil-)
_CONJUNCTIONS = ("و", "ف")
_PREPOSITIONS = ("ب", "ل", "ك")
_LIL, _ARTICLE = "لل", "ال"


def _strip_preposition(word: str) -> list[str]:
    """Forms of ``word`` with one preposition taken off (``لل`` gives back the article)."""
    out = []
    if word.startswith(_LIL) and len(word) - len(_LIL) >= MIN_STEM:
        out.append(_ARTICLE + word[len(_LIL):])
    for p in _PREPOSITIONS:
        if word.startswith(p) and len(word) - len(p) >= MIN_STEM:
            out.append(word[len(p):])
    return out


def first_word_forms(word: str) -> list[str]:
    """``word`` and its forms with a leading conjunction and/or preposition removed."""
    forms = [word, *_strip_preposition(word)]
    for c in _CONJUNCTIONS:
        if word.startswith(c) and len(word) - len(c) >= MIN_STEM:
            rest = word[len(c):]
            forms.append(rest)
            forms.extend(_strip_preposition(rest))
    return list(dict.fromkeys(forms))


def mention_keys(mention: str) -> frozenset[str]:
    """The normalised comparison keys of one mention string (empty for an empty mention)."""
    norm = normalize(mention or "")
    if not norm:
        return frozenset()
    first, _, rest = norm.partition(" ")
    tail = (" " + rest) if rest else ""
    return frozenset(f + tail for f in first_word_forms(first))


def _contained(short: str, long: str) -> bool:
    return f" {short} " in f" {long} "


def key_similarity(a: frozenset[str], b: frozenset[str]) -> float:
    """1.0 when two key sets share a key; else the best containment coverage if ≥ 60 %; else 0."""
    if not a or not b:
        return 0.0
    if a & b:
        return 1.0
    best = 0.0
    for x in a:
        for y in b:
            short, long = (x, y) if len(x) <= len(y) else (y, x)
            if _contained(short, long):
                cover = len(short) / len(long)
                if cover >= CONTAINMENT:
                    best = max(best, cover)
    return best


def name_key(name: str | None) -> str:
    """A canonical name compared case-insensitively (and with Arabic folds, for Arabic names)."""
    return normalize(name or "").casefold()


def text_key(s: str | None) -> str | None:
    """A line or title with its whitespace collapsed; ``None`` for ``None`` or blank text."""
    return None if s is None else (" ".join(str(s).split()) or None)


def basename(path: str) -> str:
    """The file name a document is paired by (``a/b/c.txt`` and ``a\\b\\c.txt`` -> ``c.txt``)."""
    return str(path).replace("\\", "/").rstrip("/").rsplit("/", 1)[-1]


def assign(candidates: Iterable[tuple[Sequence, int, int]]) -> list[tuple[int, int]]:
    """One-to-one pairs from ``(sort_key, gold_index, pred_index)`` candidates.

    Candidates are taken best first, i.e. in ascending ``(sort_key, gold_index, pred_index)``
    order (put negated weights in ``sort_key``); a pair is kept when neither side is taken.
    """
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in sorted(candidates, key=lambda c: (tuple(c[0]), c[1], c[2])):
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        pairs.append((gi, pi))
    return sorted(pairs)


def multiset_tp(gold: Iterable[Hashable], pred: Iterable[Hashable]) -> tuple[int, int, int]:
    """(tp, fp, fn) of two multisets of hashable items compared for equality."""
    from collections import Counter

    g, p = Counter(gold), Counter(pred)
    tp = sum(min(n, p[k]) for k, n in g.items())
    return tp, sum(p.values()) - tp, sum(g.values()) - tp
