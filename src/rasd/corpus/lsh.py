"""MinHash LSH over overlapping windows of content words: candidate pairs of documents.

Each document's content is cut into windows of about ``2 * reuse.stride`` shingles overlapping
by half; a window's shingles are word n-grams of token keys (n-grams made only of function
words are left out).  Its MinHash is datasketch's (scheme ``affine32``: the input hash is mixed
by the MurmurHash3 finalizer, then ``a*h + b mod 2^32`` with the permutation parameters taken
from ``datasketch.MinHash``; a test checks equality), computed for many windows at once with
numpy.
Bands and rows come from datasketch's optimiser for ``reuse.lsh_threshold``.  The banded index
is kept as numpy arrays (one 64-bit hash per window and band) rather than datasketch's
``MinHashLSH`` dictionaries, which cost about a kilobyte per window: at 100,000 documents
(about two million windows) that is the difference between 300 MB and several GB.
A bucket holding more than ``reuse.max_bucket`` windows is a common phrase and is ignored.
"""
from __future__ import annotations

import functools
from collections import Counter

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param

from rasd.corpus.config import reuse as cfg

_MAX = np.uint64((1 << 32) - 1)
_MIX = np.uint64(0x100000001B3)


@functools.lru_cache(maxsize=4)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """datasketch's ``affine32`` permutation parameters (a, b), uint32."""
    a, b = MinHash(num_perm=num_perm, seed=seed, scheme="affine32").permutations
    return a.astype(np.uint32), b.astype(np.uint32)


def fmix32(h: np.ndarray) -> np.ndarray:
    """The MurmurHash3 32-bit finalizer (datasketch's pre-mix of input hashes)."""
    h = h ^ (h >> np.uint32(16))
    h = h * np.uint32(0x85EBCA6B)
    h = h ^ (h >> np.uint32(13))
    h = h * np.uint32(0xC2B2AE35)
    return h ^ (h >> np.uint32(16))


@functools.lru_cache(maxsize=4)
def bands(threshold: float, num_perm: int) -> tuple[int, int]:
    """(bands, rows) minimising false positives + negatives at ``threshold`` (datasketch)."""
    return _optimal_param(threshold, num_perm, 0.5, 0.5)


def shingle_hashes(token_hashes: np.ndarray, n: int, function: np.ndarray | None = None) -> np.ndarray:
    """32-bit hashes of the word n-grams of a token-hash sequence, leaving out the n-grams made
    only of function words (``function`` marks them) when given."""
    m = len(token_hashes) - n + 1
    if m <= 0:
        return token_hashes[:0]
    h = token_hashes[:m].copy()
    with np.errstate(over="ignore"):
        for j in range(1, n):
            h = (h * _MIX) ^ token_hashes[j: m + j]
    if function is not None:
        only_function = function[:m].copy()
        for j in range(1, n):
            only_function &= function[j: m + j]
        h = h[~only_function]
    return h & _MAX


def permuted(sh: np.ndarray, num_perm: int, seed: int) -> np.ndarray:
    """datasketch's affine32 permuted values ``a * fmix32(h) + b mod 2^32``, one row per shingle."""
    a, b = permutations(num_perm, seed)
    with np.errstate(over="ignore"):
        return fmix32(sh.astype(np.uint32))[:, None] * a + b


def window_signatures(token_hashes: np.ndarray, function: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
    """MinHash signatures of the half-overlapping windows of one document.

    Returns ``(signatures [n_windows, num_perm], first token of each window)``.  The shingles
    are cut into blocks of ``stride``; window ``i`` is blocks ``i`` and ``i+1``.
    """
    n, stride, num_perm, seed = cfg("shingle"), cfg("stride"), cfg("num_perm"), cfg("seed")
    sh = shingle_hashes(token_hashes.astype(np.uint64), n, function)
    if len(sh) == 0:
        return np.zeros((0, num_perm), np.uint32), np.zeros(0, np.int32)
    phv = permuted(sh, num_perm, seed)
    starts = np.arange(0, len(sh), stride)
    blocks = np.minimum.reduceat(phv, starts, axis=0)
    if len(blocks) > 1:
        sig = np.minimum(blocks[:-1], blocks[1:])
        first = starts[:-1]
    else:
        sig, first = blocks, starts
    return sig, first.astype(np.int32)


def band_hashes(sig: np.ndarray) -> np.ndarray:
    """One 64-bit hash per (window, band)."""
    b, r = bands(cfg("lsh_threshold"), cfg("num_perm"))
    s = sig[:, : b * r].astype(np.uint64).reshape(len(sig), b, r)
    h = s[:, :, 0].copy()
    with np.errstate(over="ignore"):
        for j in range(1, r):
            h = (h * _MIX) ^ s[:, :, j]
    return h


def batch_signatures(docs: list[tuple[np.ndarray, np.ndarray]], first_doc: int = 0
                     ) -> tuple[np.ndarray, np.ndarray]:
    """Window signatures of many documents at once: ``(signatures, document number per window)``.

    The same windows as ``window_signatures`` document by document, computed on the
    concatenated token hashes so that the numpy work is done in a few large calls.
    """
    n, stride, num_perm, seed = cfg("shingle"), cfg("stride"), cfg("num_perm"), cfg("seed")
    lens = np.fromiter((len(h) for h, _ in docs), dtype=np.int64, count=len(docs))
    if lens.sum() == 0:
        return np.zeros((0, num_perm), np.uint32), np.zeros(0, np.int32)
    th = np.concatenate([h for h, _ in docs]).astype(np.uint64)
    fn = np.concatenate([f for _, f in docs])
    doc_of = np.repeat(np.arange(len(docs), dtype=np.int64), lens)
    m = len(th) - n + 1
    if m <= 0:
        return np.zeros((0, num_perm), np.uint32), np.zeros(0, np.int32)
    h = th[:m].copy()
    only_fn = fn[:m].copy()
    same = np.ones(m, dtype=bool)
    with np.errstate(over="ignore"):
        for j in range(1, n):
            h = (h * _MIX) ^ th[j: m + j]
            only_fn &= fn[j: m + j]
            same &= doc_of[j: m + j] == doc_of[:m]
    keep = same & ~only_fn
    sh = h[keep] & _MAX
    sdoc = doc_of[:m][keep]
    if len(sh) == 0:
        return np.zeros((0, num_perm), np.uint32), np.zeros(0, np.int32)
    # rank of each kept shingle within its document -> block number
    first = np.flatnonzero(np.concatenate(([True], sdoc[1:] != sdoc[:-1])))
    counts = np.diff(np.concatenate((first, [len(sdoc)])))
    rank = np.arange(len(sdoc)) - np.repeat(first, counts)
    block_start = np.flatnonzero((rank % stride) == 0)
    block_doc = sdoc[block_start]
    mins = np.empty((len(block_start), num_perm), dtype=np.uint32)
    chunk = max(1, 400_000 // max(1, stride))
    for c0 in range(0, len(block_start), chunk):
        c1 = min(len(block_start), c0 + chunk)
        lo = block_start[c0]
        hi = block_start[c1] if c1 < len(block_start) else len(sh)
        phv = permuted(sh[lo:hi], num_perm, seed)
        mins[c0:c1] = np.minimum.reduceat(phv, block_start[c0:c1] - lo, axis=0)
    nxt_same = np.concatenate((block_doc[1:] == block_doc[:-1], [False]))
    prev_same = np.concatenate(([False], block_doc[1:] == block_doc[:-1]))
    pair_idx = np.flatnonzero(nxt_same)
    sig_pairs = np.minimum(mins[pair_idx], mins[pair_idx + 1])
    lone = np.flatnonzero(~nxt_same & ~prev_same)  # documents with a single block
    sig = np.concatenate((sig_pairs, mins[lone]))
    wdoc = np.concatenate((block_doc[pair_idx], block_doc[lone])).astype(np.int32) + first_doc
    return sig, wdoc


class WindowIndex:
    """The banded LSH index of all windows of a corpus (rebuilt from texts when needed)."""

    def __init__(self) -> None:
        self._parts: list[np.ndarray] = []
        self._docs: list[np.ndarray] = []
        self.n_docs = 0

    def add(self, token_hashes: np.ndarray, function: np.ndarray | None = None) -> int:
        """Index one document's windows; returns its index number."""
        if function is None:
            function = np.zeros(len(token_hashes), dtype=bool)
        return self.add_many([(token_hashes, function)])

    def add_many(self, docs: list[tuple[np.ndarray, np.ndarray]]) -> int:
        """Index many documents (``(token hashes, function mask)`` each); returns the number of
        the first."""
        first = self.n_docs
        for c0 in range(0, len(docs), 5000):
            sig, wdoc = batch_signatures(docs[c0:c0 + 5000], first + c0)
            if len(sig):
                self._parts.append(band_hashes(sig))
                self._docs.append(wdoc)
        self.n_docs += len(docs)
        return first

    def candidates(self, new_from: int = 0) -> Counter:
        """``(i, j) -> number of shared buckets`` for pairs of documents with ``i < j`` and
        ``j >= new_from`` (only pairs touching documents added from ``new_from`` on)."""
        out: Counter = Counter()
        if not self._parts:
            return out
        hb = np.concatenate(self._parts)
        docs = np.concatenate(self._docs)
        cap = cfg("max_bucket")
        for col in range(hb.shape[1]):
            self._band_pairs(np.ascontiguousarray(hb[:, col]), docs, cap, new_from, out)
        return out

    @staticmethod
    def _band_pairs(col: np.ndarray, docs: np.ndarray, cap: int, new_from: int, out: Counter) -> None:
        order = np.argsort(col, kind="stable")
        s = col[order]
        cut = np.flatnonzero(s[1:] != s[:-1]) + 1
        bounds = np.concatenate(([0], cut, [len(s)]))
        sizes = np.diff(bounds)
        groups = np.flatnonzero((sizes >= 2) & (sizes <= cap))
        od = docs[order]
        for g in groups.tolist():
            ms = sorted(set(od[bounds[g]:bounds[g + 1]].tolist()))
            if len(ms) < 2 or ms[-1] < new_from:
                continue
            for x in range(len(ms)):
                for y in range(x + 1, len(ms)):
                    if ms[y] >= new_from:
                        out[(ms[x], ms[y])] += 1
