"""Offset-preserving tokenisation and sentence splitting."""
from __future__ import annotations

import regex

from rasd.doc import Span

# words (letters, marks, digits, joined by inner apostrophes/hyphens), or single punctuation
_TOKEN = regex.compile(r"[\p{L}\p{M}\p{N}_]+(?:[-'’][\p{L}\p{M}\p{N}]+)*|[^\s\x1c-\x1f\x85\p{L}\p{M}\p{N}_]")
_SENT_END = regex.compile(r"[.!?؟\n]+[\"”»)]*\s*|[؛]\s*")


def tokenize(text: str, base: int = 0) -> list[Span]:
    """Tokens of ``text`` as spans; ``base`` is added to offsets (for sub-strings of raw)."""
    return [Span(m.start() + base, m.end() + base, m.group()) for m in _TOKEN.finditer(text)]


def sentences(text: str, base: int = 0) -> list[Span]:
    """Sentence spans (split at . ! ? ؟ ؛ and newlines), leading/trailing space trimmed."""
    out: list[Span] = []
    pos = 0
    for m in _SENT_END.finditer(text):
        _add(text, pos, m.end(), base, out)
        pos = m.end()
    _add(text, pos, len(text), base, out)
    return out


def _add(text: str, a: int, b: int, base: int, out: list[Span]) -> None:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    if b > a:
        out.append(Span(a + base, b + base, text[a:b]))
