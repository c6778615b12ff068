"""Content tokens of a document as comparison keys, with raw offsets.

Only content lines are read (the clean stage's ``Document.content``); boilerplate never counts
as shared text.  A key is the word after ``rasd.text.normalize`` and clitic stripping
(``strip_clitics``, most stripped form), so ``والاستخبارات`` and ``الاستخبارات`` compare equal,
then folded onto its synonym class (``rasd.corpus.synonyms``: ``محاربة`` = ``مكافحة``).
Each distinct word is analysed once (key, 32-bit crc32 hash of the key, function word or not)
and cached: news vocabulary repeats, so a token costs one dictionary look-up.
"""
from __future__ import annotations

import functools
import zlib
from dataclasses import dataclass
from typing import Sequence

import numpy as np
import regex

from rasd.corpus.config import settings
from rasd.corpus.synonyms import fold
from rasd.doc import Document, Span
from rasd.text.normalize import normalize, strip_clitics

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_INFO: dict[str, tuple[str, int, bool]] = {}
_CACHE_MAX = 2_000_000


def key(word: str) -> str:
    """The comparison key of one word."""
    return info(word)[0]


def base_key(word: str) -> str:
    """Normalised, clitics cut: the shortest of ``strip_clitics``'s stems (``للتهديدات`` ->
    ``تهديدات``, like ``التهديدات``)."""
    n = normalize(word)
    return min(strip_clitics(n), key=len) if n else n


def _key(word: str) -> str:
    """``base_key`` folded onto its synonym class (``rasd.corpus.synonyms``)."""
    return fold(base_key(word), base_key)


@functools.lru_cache(maxsize=1)
def function_words() -> frozenset[str]:
    """Keys of the function words of cross_document.yml."""
    return frozenset(_key(w) for w in settings()["function_words"])


def info(word: str) -> tuple[str, int, bool]:
    """``(key, hash of key, is function word)`` of one word (cached)."""
    got = _INFO.get(word)
    if got is None:
        k = _key(word)
        got = (k, zlib.crc32(k.encode("utf-8")), k in function_words())
        if len(_INFO) < _CACHE_MAX:
            _INFO[word] = got
    return got


class _Codes(dict):
    """word -> 33-bit code (hash of its key | function-word bit << 32), filled on first use, so
    that ``map(codes.__getitem__, words)`` runs at C speed."""

    def __missing__(self, word: str) -> int:
        k, h, fn = info(word)
        code = h | (int(fn) << 32)
        if len(self) < _CACHE_MAX:
            self[word] = code
        return code


_CODES = _Codes()
_LOW = np.uint64(0xFFFFFFFF)


def content_spans(doc: Document) -> list[Span]:
    """The document's content lines; when the clean stage has not run, every non-blank line
    that is not a stored boilerplate span (or a repeat of one's text)."""
    if doc.content:
        return doc.content
    furniture = {(b.start, b.end) for b in doc.boilerplate}
    texts = {b.text.strip() for b in doc.boilerplate}
    out, pos = [], 0
    for line in doc.raw.split("\n"):
        a, b = pos, pos + len(line)
        pos = b + 1
        if line.strip() and (a, b) not in furniture and line.strip() not in texts:
            out.append(Span(a, b, line))
    return out


def words(doc: Document) -> list[str]:
    """The content words, in order (no offsets: the fast path of the index)."""
    raw = doc.raw
    out: list[str] = []
    for sp in content_spans(doc):
        out += _WORD.findall(raw, sp.start, sp.end)
    return out


def hashed(doc: Document) -> tuple[np.ndarray, np.ndarray]:
    """(key hashes as uint32, function-word mask) of the content words."""
    ws = words(doc)
    codes = np.fromiter(map(_CODES.__getitem__, ws), dtype=np.uint64, count=len(ws))
    return (codes & _LOW).astype(np.uint32), (codes >> np.uint64(32)).astype(bool)


def offsets(doc: Document) -> tuple[np.ndarray, np.ndarray]:
    """Raw start and end offsets of the content words (the order of ``words``/``hashed``).

    Each word is found by ``str.find`` after the previous one inside its line: the words are
    ``findall`` matches of that line, and only non-word characters lie between two of them."""
    starts: list[int] = []
    ends: list[int] = []
    raw = doc.raw
    for sp in content_spans(doc):
        pos = sp.start
        for w in _WORD.findall(raw, sp.start, sp.end):
            i = raw.find(w, pos, sp.end)
            pos = i + len(w)
            starts.append(i)
            ends.append(pos)
    return np.array(starts, dtype=np.int32), np.array(ends, dtype=np.int32)


@dataclass(slots=True)
class Tokens:
    """Comparison keys of a document's content words (key strings, or their hashes) and the
    words' raw offsets."""

    keys: list
    starts: Sequence[int]
    ends: Sequence[int]


def tokens(doc: Document) -> Tokens:
    """Key strings with raw offsets."""
    starts, ends = offsets(doc)
    return Tokens([info(w)[0] for w in words(doc)], starts.tolist(), ends.tolist())
