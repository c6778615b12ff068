"""Token features for the CRF name tagger.

The same function, ``sentence_features``, builds the features at training and at
tagging time, so a model never sees features computed two different ways.  Each
token gets:

* word features (cached per surface form): the normalised token, its clitic-stripped
  stems, prefixes and suffixes (1-3 letters) of the token and of its shortest stem,
  the article ``ال``, a coarse word shape, digit/Latin/punctuation flags, length;
* name-table features: the token (or its stem) is a known name token of the
  transliteration table (``pn=hi``/``pn=lo`` by frequency), for it and its neighbours;
* cue features: the token or a neighbour (±2) is a person title, an organisation
  head or a place head (``lexicons/ner_cue_words.yml``, matched on any stem);
* context features: normalised neighbours at ±1/±2, their shortest stems at ±1,
  bigrams around the token, the position in the sentence;
* gazetteer features, when a gazetteer function is given (the knowledge base's
  ``gazetteer_features``), for the token and its neighbours at ±1.

Feature names are short strings; their set is versioned by ``FEATURE_VERSION``,
which the model's metadata records.
"""
from __future__ import annotations

import functools
import math
from typing import Callable, Sequence

import regex

from rasd.kb import norm_token
from rasd.resources import load_yaml
from rasd.text.normalize import normalize, strip_clitics

FEATURE_VERSION = 3

GazetteerFn = Callable[[list[str]], list[list[str]]]

_LATIN = regex.compile(r"^[\p{Latin}]+$")
_DIGIT = regex.compile(r"^[\p{N}٫٬.,/:-]*\p{N}[\p{N}٫٬.,/:-]*$")
_PUNCT = regex.compile(r"^[\p{P}\p{S}]+$")
_ARABIC = regex.compile(r"\p{Arabic}")
_LATIN_OR_DIGIT = regex.compile(r"[\p{Latin}\p{N}]")


@functools.lru_cache(maxsize=1)
def cue_index() -> dict[str, str]:
    """Map each normalised cue word to its group name (first group wins)."""
    data = load_yaml("lexicons/ner_cue_words.yml")
    index: dict[str, str] = {}
    for group, words in data["groups"].items():
        for w in words:
            index.setdefault(normalize(w), group)
    return index


def word_shape(token: str) -> str:
    """A coarse shape: ``ar``, ``lat``, ``Lat`` (capitalised), ``num``, ``punc``, ``mix``."""
    if _DIGIT.match(token):
        return "num"
    if _PUNCT.match(token):
        return "punc"
    if _LATIN.match(token):
        return "Lat" if token[:1].isupper() else "lat"
    if _ARABIC.search(token) and not _LATIN_OR_DIGIT.search(token):
        return "ar"
    return "mix"


@functools.lru_cache(maxsize=1)
def name_weights() -> dict[str, float]:
    """Normalised Arabic name token -> total weight in the transliteration name table."""
    from rasd.entities.translit import name_table

    return {key: sum(w for _l, w in forms) for key, forms in name_table().items()}


def _name_feature(stems: Sequence[str]) -> str | None:
    weights = name_weights()
    for s in stems[:2]:
        w = weights.get(s)
        if w is not None:
            return f"pn={min(int(math.log10(w) * 2), 6)}"
    return None


def _cue_of(stems: Sequence[str]) -> str | None:
    index = cue_index()
    for s in stems:
        group = index.get(s)
        if group:
            return group
    return None


OFFSETS = (-2, -1, 1, 2)  # neighbours whose word features a token sees
GAZ_OFFSETS = (-1, 1)  # neighbours whose gazetteer features a token sees


class WordInfo:
    """Per-surface-form features, computed once: its own features and those it lends its neighbours."""

    __slots__ = ("norm", "own", "as_neighbour")

    def __init__(self, norm: str, own: tuple[str, ...], as_neighbour: dict[int, tuple[str, ...]]):
        self.norm = norm
        self.own = own
        self.as_neighbour = as_neighbour


@functools.lru_cache(maxsize=200_000)
def word_info(token: str) -> WordInfo:
    """The cached word-level features of one surface token."""
    norm = norm_token(token) or token
    stems = strip_clitics(norm)
    short = stems[-1]
    shape = word_shape(token)
    feats = ["bias", f"w={norm}", f"shape={shape}", f"len={min(len(norm), 8)}"]
    feats.extend(f"stem={s}" for s in stems[1:])
    for n in (1, 2, 3):
        if len(norm) > n:
            feats.append(f"p{n}={norm[:n]}")
            feats.append(f"s{n}={norm[-n:]}")
        if short != norm and len(short) > n:
            feats.append(f"sp{n}={short[:n]}")
            feats.append(f"ss{n}={short[-n:]}")
    if any(s.startswith("ال") for s in stems):
        feats.append("al")
    cue = _cue_of(stems)
    if cue:
        feats.append(f"cue={cue}")
    pn = _name_feature(stems)
    if pn:
        feats.append(pn)
    nb: dict[int, tuple[str, ...]] = {}
    for d in OFFSETS:
        lent = [f"w{d:+d}={norm}"]
        if cue:
            lent.append(f"cue{d:+d}={cue}")
        lent.append(f"st{d:+d}={short}")
        if d in (-1, 1):
            lent.append(f"sh{d:+d}={shape}")
            if len(short) > 2:
                lent.append(f"ss2{d:+d}={short[-2:]}")
            if pn:
                lent.append(f"{pn}@{d:+d}")
        nb[d] = tuple(lent)
    return WordInfo(norm, tuple(feats), nb)


def bigram_before(prev: str, word: str) -> str:
    """The bigram feature a token gets from its left neighbour (normalised forms)."""
    return f"bg-={prev}|{word}"


def bigram_after(word: str, nxt: str) -> str:
    """The bigram feature a token gets from its right neighbour (normalised forms)."""
    return f"bg+={word}|{nxt}"


def gaz_lent(feature: str, d: int) -> str:
    """A neighbour's gazetteer feature as seen from offset ``d`` (``gaz:B-GPE@-1``)."""
    return f"{feature}@{d:+d}"


def sentence_infos(tokens: list[str], gazetteer: GazetteerFn | None = None
                   ) -> tuple[list[WordInfo], list[list[str]] | None]:
    """The word infos of a sentence and its gazetteer features per token (None without a gazetteer)."""
    infos = [word_info(t) for t in tokens]
    gaz = _gazetteer(tokens, gazetteer) if gazetteer is not None else None
    return infos, gaz


def sentence_parts(tokens: list[str], gazetteer: GazetteerFn | None = None) -> tuple[list[WordInfo], list[list[str]]]:
    """The word infos of a sentence and, per token, its sentence-level features (edges, bigrams, gazetteer).

    A token's full feature list is its ``own`` features, the ``as_neighbour`` features of the
    tokens at offsets ±1/±2, and these sentence-level features (``sentence_features``).
    """
    infos, gaz = sentence_infos(tokens, gazetteer)
    n = len(tokens)
    extras: list[list[str]] = []
    for k in range(n):
        f = []
        if k == 0:
            f.append("BOS")
        elif k == n - 1:
            f.append("EOS")
        if k > 0:
            f.append(bigram_before(infos[k - 1].norm, infos[k].norm))
        if k < n - 1:
            f.append(bigram_after(infos[k].norm, infos[k + 1].norm))
        if gaz is not None:
            _add_gaz(f, gaz, k, n)
        extras.append(f)
    return infos, extras


def sentence_features(tokens: list[str], gazetteer: GazetteerFn | None = None) -> list[list[str]]:
    """The feature lists of one sentence (one list of strings per token)."""
    infos, extras = sentence_parts(tokens, gazetteer)
    n = len(tokens)
    out: list[list[str]] = []
    for k in range(n):
        f = list(infos[k].own)
        for d in OFFSETS:
            j = k + d
            if 0 <= j < n:
                f.extend(infos[j].as_neighbour[d])
        f.extend(extras[k])
        out.append(f)
    return out


def _gazetteer(tokens: list[str], gazetteer: GazetteerFn) -> list[list[str]]:
    result = gazetteer(list(tokens))
    if len(result) != len(tokens):
        raise ValueError("gazetteer returned a list of the wrong length")
    return result


def _add_gaz(f: list[str], gaz: list[list[str]], k: int, n: int) -> None:
    for g in gaz[k]:
        f.append(g)
    for d in GAZ_OFFSETS:
        j = k + d
        if 0 <= j < n:
            for g in gaz[j]:
                f.append(gaz_lent(g, d))
