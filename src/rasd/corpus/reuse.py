"""Text reuse: pairs of documents that share a substantial passage, with offsets on both sides.

1. Candidates: every pair when the corpus is small (``reuse.small_corpus``), otherwise the
   MinHash LSH window index of ``rasd.corpus.lsh`` (no all-pairs comparison).
2. Verification: ``difflib.SequenceMatcher`` aligns the two documents' content-token keys;
   matching runs of at least ``min_block`` tokens that follow each other within ``max_gap``
   tokens on both sides form one passage (so added clauses, swapped words and synonyms
   interrupt a passage without ending it).  A passage counts when it has ``min_matched``
   matched tokens covering ``min_density`` of its length on both sides; shorter shared
   stretches (stock phrases such as the names of crimes) do not make two articles reuse.
3. Each side is marked ``quoted`` when the passage lies mostly inside quotation marks or follows
   an attribution cue (a communiqué, statement or source) in its sentence; otherwise it is run
   as the outlet's own prose.
"""
from __future__ import annotations

from difflib import SequenceMatcher
from typing import Iterable

import numpy as np
import regex

from rasd.corpus.config import reuse as cfg, settings
from rasd.corpus.lsh import WindowIndex, shingle_hashes
from rasd.corpus.tokens import Tokens, base_key, hashed, offsets, tokens
from rasd.doc import Document
from rasd.text.normalize import normalize

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+")
_SENT_START = regex.compile(r"[.!?؟\n؛]")


def passages(ta: Tokens, tb: Tokens) -> list[tuple[int, int, int, int, int]]:
    """Aligned passages ``(a_start, a_end, b_start, b_end, matched)`` in token indices,
    those that pass the length and density tests, longest first."""
    sm = SequenceMatcher(None, ta.keys, tb.keys, autojunk=False)
    min_block, gap = cfg("min_block"), cfg("max_gap")
    out, cur = [], None
    for blk in sm.get_matching_blocks():
        if blk.size < min_block:
            continue
        if cur and blk.a - cur[1] <= gap and blk.b - cur[3] <= gap:
            cur = [cur[0], blk.a + blk.size, cur[2], blk.b + blk.size, cur[4] + blk.size]
        else:
            if cur:
                out.append(tuple(cur))
            cur = [blk.a, blk.a + blk.size, blk.b, blk.b + blk.size, blk.size]
    if cur:
        out.append(tuple(cur))
    keep = [p for p in out if _substantial(p)]
    return sorted(keep, key=lambda p: (-p[4], p[0]))


def _substantial(p: tuple[int, int, int, int, int]) -> bool:
    a0, a1, b0, b1, m = p
    dens = cfg("min_density")
    return (m >= cfg("min_matched") and m >= cfg("min_words")
            and m >= dens * (a1 - a0) and m >= dens * (b1 - b0))


def _quote_regions(raw: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """Stretches of ``raw[lo:hi]`` inside quotation marks (pairs of ``quote_pairs``)."""
    regions = []
    for op, cl in settings()["quote_pairs"]:
        pat = regex.compile(regex.escape(op) + r"[^" + regex.escape(cl) + r"\n]{1,4000}" + regex.escape(cl))
        regions += [(m.start(), m.end()) for m in pat.finditer(raw, lo, hi)]
    return regions


def _cues() -> frozenset[str]:
    """Keys of the attribution cues (not folded onto synonym classes: "شدد" is no cue)."""
    return frozenset(base_key(c) for c in settings()["attribution_cues"])


def quoting(doc: Document, start: int, end: int) -> tuple[bool, str]:
    """Whether the passage ``raw[start:end]`` is quoted, and why."""
    raw = doc.raw
    line_lo = raw.rfind("\n", 0, start) + 1
    line_hi = raw.find("\n", end)
    line_hi = len(raw) if line_hi < 0 else line_hi
    inside = 0
    for a, b in _quote_regions(raw, line_lo, line_hi):
        inside += max(0, min(b, end) - max(a, start))
    if end > start and inside / (end - start) >= settings()["quoted_share"]:
        return True, "quotation marks"
    lo = max(line_lo, start - settings()["cue_window"])
    before = raw[lo:start]
    last = None
    for m in _SENT_START.finditer(before):
        last = m.end()
    if last is not None:
        before = before[last:]
    cues = _cues()
    for w in _WORD.findall(before):
        if base_key(w) in cues:
            return True, f"attributed ({normalize(w)})"
    return False, "own prose"


def verify(a: Document, b: Document, ta: Tokens | None = None, tb: Tokens | None = None) -> dict | None:
    """The reuse record of two documents (ids in sorted order), or None when they share no
    substantial passage."""
    if b.id < a.id:
        a, b, ta, tb = b, a, tb, ta
    ta = ta or tokens(a)
    tb = tb or tokens(b)
    found = passages(ta, tb)
    if not found:
        return None
    sides = []
    for a0, a1, b0, b1, m in found:
        for doc, tk, i, j in ((a, ta, a0, a1), (b, tb, b0, b1)):
            s, e = int(tk.starts[i]), int(tk.ends[j - 1])
            q, how = quoting(doc, s, e)
            sides.append({"doc": doc.id, "start": s, "end": e, "text": doc.raw[s:e], "quoted": q,
                          "how": how, "matched_words": m})
    matched = sum(p[4] for p in found)
    shorter = max(1, min(len(ta.keys), len(tb.keys)))
    return {"docs": [a.id, b.id], "example": sides[0]["text"], "passages": sides,
            "score": round(matched / shorter, 3), "shared_words": matched}


def candidate_pairs(docs: list[Document], hashes: list[tuple], new_from: int = 0) -> list[tuple[int, int]]:
    """Pairs ``(i, j)``, ``i < j``, ``j >= new_from``, worth aligning."""
    n = len(docs)
    if n <= cfg("small_corpus"):
        return [(i, j) for j in range(max(1, new_from), n) for i in range(j)]
    index = WindowIndex()
    index.add_many(hashes)
    return sorted(index.candidates(new_from))


class _Lazy:
    """Per-document data computed only for documents in a candidate pair, kept compact
    (numpy arrays): sorted distinct word trigrams, word offsets."""

    def __init__(self, docs: list[Document], hashes: list[tuple]):
        self.docs, self.hashes = docs, hashes
        self._tri: dict[int, np.ndarray] = {}
        self._off: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def trigrams(self, i: int) -> np.ndarray:
        if i not in self._tri:
            h, f = self.hashes[i]
            self._tri[i] = np.unique(shingle_hashes(h.astype(np.uint64), 3, f))
        return self._tri[i]

    def tokens(self, i: int) -> Tokens:
        if i not in self._off:
            self._off[i] = offsets(self.docs[i])
        s, e = self._off[i]
        return Tokens(self.hashes[i][0].tolist(), s, e)


def find_reuse(docs: list[Document], new_from: int = 0) -> list[dict]:
    """Reuse records for the pairs of ``docs`` that touch ``docs[new_from:]``, sorted by ids.

    A candidate pair is aligned only when the documents share at least ``min_trigrams`` word
    trigrams (a passage of ``min_matched`` words shares many; chance does not).  Alignment runs on
    the 32-bit hashes of the token keys."""
    hashes = [hashed(d) for d in docs]
    lazy = _Lazy(docs, hashes)
    need = cfg("min_trigrams")
    out = []
    for i, j in candidate_pairs(docs, hashes, new_from):
        if docs[i].id == docs[j].id:
            continue
        if len(np.intersect1d(lazy.trigrams(i), lazy.trigrams(j), assume_unique=True)) < need:
            continue
        rec = verify(docs[i], docs[j], lazy.tokens(i), lazy.tokens(j))
        if rec:
            out.append(rec)
    return sort_records(out)


def sort_records(recs: Iterable[dict]) -> list[dict]:
    return sorted(recs, key=lambda r: tuple(r["docs"]))
