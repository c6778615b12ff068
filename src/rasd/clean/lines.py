"""Lines of a document with raw offsets, a fast Arabic fold for matching, and line features.

``fold`` applies the folds of ``rasd.text.normalize`` (diacritics, tatweel and
bidi marks dropped; alef, yeh, teh marbuta and hamza carriers folded; whitespace runs kept as they are
except that NUL and other control characters become spaces).  It is used on lines and on the regexes
of the furniture data alike, so both meet in the same spelling; case is left to ``regex.IGNORECASE``.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

import regex

from rasd.doc import Line
from rasd.text.normalize import _DROP, _FOLD  # the one definition of rasd's Arabic folds

# deleted: diacritics, tatweel, bidi and zero-width marks; made spaces: control characters, odd spaces
_MARKS = regex.compile("[" + regex.escape("".join(sorted(_DROP))) + "]")
_CTRL = regex.compile(r"[\x00-\x09\x0b-\x1f\x7f\xa0\u2007\u202f]")
_PAIRS = tuple(_FOLD.items())

# sentence-final punctuation: a line ending with one of these reads as prose, not as a label
_SENT_END = regex.compile(r"[.!?؟…:؛;»”\")]\s*$")
_WORD = regex.compile(r"[\p{L}\p{N}]+")


@functools.lru_cache(maxsize=16384)
def fold(s: str) -> str:
    """Fold ``s`` for matching (same length or shorter; never used for offsets).

    A handful of ``str.replace`` passes: far faster in CPython than ``str.translate`` with a dict
    on non-ASCII text, and most lines need no mark removal at all.  Memoised: the stage folds a
    line several times (each rule looks at it), and furniture lines recur across an outlet's pages.
    """
    if _MARKS.search(s):
        s = _MARKS.sub("", s)
    if _CTRL.search(s):
        s = _CTRL.sub(" ", s)
    for a, b in _PAIRS:
        s = s.replace(a, b)
    return s


def split_lines(raw: str) -> list[Line]:
    """Every line of ``raw`` (split at ``\\n``) with surrounding whitespace trimmed off its span.

    Blank lines (only whitespace, including no-break spaces) get ``kind='blank'``; the others
    start as ``content``.  ``raw[line.start:line.end] == line.text`` always holds.
    """
    out: list[Line] = []
    pos = 0
    for part in raw.split("\n"):
        end = pos + len(part)
        stripped = part.strip()
        if stripped:
            a = pos + (len(part) - len(part.lstrip()))
            b = a + len(stripped)
            out.append(Line(a, b, stripped, "content"))
        else:
            out.append(Line(pos, pos, "", "blank"))
        pos = end + 1
    return out


def word_count(s: str) -> int:
    """Number of whitespace-separated words (cheap; good enough for length thresholds)."""
    return len(s.split())


def ends_sentence(s: str) -> bool:
    """The line ends with sentence-final punctuation (or a closing quote)."""
    return _SENT_END.search(s) is not None


def words(s: str) -> list[str]:
    """Letter/digit runs of ``s`` (already folded)."""
    return _WORD.findall(s)


@dataclass(slots=True)
class Zones:
    """Indices (into the list of non-blank lines) that bound the head and the tail of a document.

    ``head`` holds every line before the first body paragraph, ``tail`` every line after the last one;
    a document without a body paragraph has its first and last ``edge`` lines as head and tail.
    """

    first_par: int
    last_par: int
    n: int
    edge: int

    def where(self, i: int) -> str:
        """'head', 'tail' or 'body' for the i-th non-blank line."""
        if self.first_par < 0:
            if i < self.edge:
                return "head"
            if i >= self.n - self.edge:
                return "tail"
            return "body"
        if i < self.first_par:
            return "head"
        if i > self.last_par:
            return "tail"
        return "body"


def zones(texts: list[str], paragraph_words: int, edge: int) -> Zones:
    """Find the first and last body paragraphs (lines of at least ``paragraph_words`` words)."""
    pars = [i for i, t in enumerate(texts) if t.count(" ") + 1 >= paragraph_words]
    if not pars:
        return Zones(-1, -1, len(texts), edge)
    return Zones(pars[0], pars[-1], len(texts), edge)
