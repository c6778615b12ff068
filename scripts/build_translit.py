#!/usr/bin/env python
"""Derive rasd's transliteration tables from the public name-pair data.

Inputs (not shipped; see ../shared/data/README.md):
  translit/wikidata_person_tokens/train.tsv  latin<TAB>arabic letters separated by spaces<TAB>count (CC0)
  translit/google_ar2en/train.tsv            arabic<TAB>latin (Apache-2.0)

Outputs (shipped, under src/rasd/resources/lexicons/):
  translit_names.tsv          arabic key (normalised) -> up to 3 Latin spellings with weights
  translit_graphones.bin.gz   joint-sequence (graphone) model for unknown tokens: a Witten-Bell
                              smoothed n-gram model over (Arabic letter, Latin chunk) pairs,
                              with translit_graphones.meta.json (about, source, units)

Method (name table): every pair is aligned letter by letter (each Arabic letter emits
0-3 Latin characters), by hard EM started from the `letters` guesses of
lexicons/translit_regions.yml; pairs whose alignment is very unlikely (mis-aligned
Wikidata labels) are left out of the name table.

Method (graphone model, after Bisani & Ney 2008, restricted to 1:0-4 graphones): each
pair is aligned again by hard EM (started from an even split of the Latin string over
the Arabic letters) so that every Arabic letter owns a Latin chunk of 0-4 characters
(vowels that Arabic does not write go with the letter before them).  The aligned
sequences of (letter, chunk) units train an interpolated Witten-Bell n-gram model,
stored in back-off form; rasd.entities.translit decodes unknown tokens with a beam
search over it.  Every pair counts once (label counts are not used: the model must
learn spelling patterns, not frequent names).  Deterministic: no randomness, sorted
outputs.

Usage: python scripts/build_translit.py [--data ../shared/data/translit]
"""
from __future__ import annotations

import argparse
import functools
import gzip
import json
import math
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import regex

from rasd.entities.translit import BOS, EOS, GRAPHONES_REL, KEY_LOW_BITS, ORDER, gram_key
from rasd.resources import load_yaml, path as resource_path
from rasd.text.normalize import normalize, normalize_keep

MAX_EMIT = 3
FLOOR = -14.0
ITERATIONS = 4
GOOGLE_WEIGHT = 3  # a curated Arabic->English pair counts like three Wikidata labels
_LATIN_OK = regex.compile(r"^[a-z][a-z'-]*$")
_ARABIC_OK = regex.compile(r"^[\u0621-\u064A]+$")


def fold_latin(s: str) -> str:
    """Lower-case ASCII form of a Latin spelling (diacritics removed)."""
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("ı", "i")


def read_pairs(data: Path) -> list[tuple[str, str, int, str]]:
    """(arabic display form, latin, weight, source) for both data sets."""
    pairs = []
    with open(data / "wikidata_person_tokens/train.tsv", encoding="utf-8") as fh:
        for line in fh:
            lat, ar, count = line.rstrip("\n").split("\t")
            pairs.append((normalize_keep(ar.replace(" ", "")), fold_latin(lat), int(count), "wikidata"))
    with open(data / "google_ar2en/train.tsv", encoding="utf-8") as fh:
        for line in fh:
            ar, lat = line.rstrip("\n").split("\t")
            pairs.append((normalize_keep(ar), fold_latin(lat), GOOGLE_WEIGHT, "google"))
    return [p for p in pairs
            if _ARABIC_OK.match(p[0]) and _LATIN_OK.match(p[1]) and len(p[1]) <= 3 * len(p[0]) + 2]


def initial_scores() -> dict[tuple[str, str], float]:
    """Log-scores of (letter, latin string) from the hand guesses, before EM."""
    scores = {}
    for letter, forms in load_yaml("lexicons/translit_regions.yml")["letters"].items():
        for f in forms:
            scores[(letter, f)] = 0.0
            for v in "aeiouy":
                scores.setdefault((letter, f + v), -1.0)
    return scores


@functools.lru_cache(maxsize=1)
def never_silent() -> frozenset[str]:
    return frozenset(load_yaml("lexicons/translit_regions.yml")["never_silent"])


def score(table: dict, letter: str, sub: str, init: bool) -> float:
    if not sub and letter in never_silent():
        return -1e9
    s = table.get((letter, sub))
    if s is not None:
        return s
    if init:
        if sub and all(c in "aeiouy" for c in sub):
            return -3.0
        return -4.0 if not sub else -8.0
    return FLOOR


def _monotone(ar: str, lat: str, max_emit: int, cost) -> tuple[float, list[str]] | None:
    """Best monotone split of ``lat`` into one chunk (0..max_emit characters) per letter of
    ``ar``, scored by ``cost(letter, chunk)``; None when no split exists."""
    n, m = len(ar), len(lat)
    neg = -1e18
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n):
        row, nxt, bk, letter = best[i], best[i + 1], back[i + 1], ar[i]
        for j in range(m + 1):
            base = row[j]
            if base <= neg:
                continue
            for k in range(0, min(max_emit, m - j) + 1):
                s = base + cost(letter, lat[j:j + k])
                if s > nxt[j + k]:
                    nxt[j + k] = s
                    bk[j + k] = k
    if best[n][m] <= neg:
        return None
    return best[n][m], _backtrace(back, lat, n, m)


def align(ar: str, lat: str, table: dict, init: bool) -> tuple[float, list[str]] | None:
    """Best monotone alignment: one Latin string (0-3 chars) per Arabic letter."""
    return _monotone(ar, lat, MAX_EMIT, lambda letter, chunk: score(table, letter, chunk, init))


def _backtrace(back: list, lat: str, n: int, m: int) -> list[str]:
    """The Latin chunk of each of the ``n`` letters, read back from the alignment pointers."""
    subs, j = [], m
    for i in range(n, 0, -1):
        k = back[i][j]
        subs.append(lat[j - k:j])
        j -= k
    return subs[::-1]


def em(pairs: list, iterations: int = ITERATIONS) -> dict:
    """Hard-EM emission log-probabilities P(latin string | letter)."""
    table = initial_scores()
    for it in range(iterations):
        counts: dict[str, Counter] = defaultdict(Counter)
        for ar, lat, _w, _src in pairs:
            res = align(ar, lat, table, init=(it == 0))
            if res:
                for letter, sub in zip(ar, res[1]):
                    counts[letter][sub] += 1
        table = {}
        for letter, c in counts.items():
            total = sum(c.values())
            for sub, k in c.items():
                table[(letter, sub)] = math.log(k / total)
        print(f"EM iteration {it + 1}: {len(table)} emissions", file=sys.stderr)
    return table


def build(data: Path, out_dir: Path) -> None:
    pairs = read_pairs(data)
    print(f"{len(pairs)} pairs", file=sys.stderr)
    table = em(pairs)
    names: dict[str, Counter] = defaultdict(Counter)
    for ar, lat, w, _src in pairs:
        res = align(ar, lat, table, init=False)
        if res is None or res[0] / len(ar) < -4.5:
            continue  # mis-aligned pair: not listed
        names[normalize(ar)][lat] += w
    write_names(names, out_dir / "translit_names.tsv")
    seqs = graphone_corpus(data)
    write_graphones(train_joint_lm(seqs, ORDER), out_dir / GRAPHONES_NAME)


HEADER_SOURCE = ("# source: derived by scripts/build_translit.py from Wikidata person-name tokens "
                 "(Merhav & Ash, COLING 2018; CC0) and google/transliteration ar2en (Apache-2.0)\n")


def write_names(names: dict[str, Counter], out: Path) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# about: Arabic name tokens (normalised key, rasd.text.normalize) with their most frequent "
                 "Latin spellings (up to 3) and weights (Wikidata label counts + Google pairs)\n")
        fh.write(HEADER_SOURCE)
        fh.write("# columns: arabic\tlatin\tweight\n")
        for key in sorted(names):
            for lat, w in sorted(names[key].items(), key=lambda kv: (-kv[1], kv[0]))[:3]:
                fh.write(f"{key}\t{lat}\t{w}\n")


GRAPHONES_NAME = GRAPHONES_REL.split("/")[-1]
ORDER_MAX_EMIT = 4
G_FLOOR = -12.0
G_ITERATIONS = 5
G_MIN_SCORE = -4.5  # per letter: pairs aligned worse than this are left out (mis-aligned labels)


def read_graphone_pairs(data: Path) -> list[tuple[str, str]]:
    """(arabic letters, folded latin) of both training sets, each pair once per row."""
    pairs = []
    with open(data / "wikidata_person_tokens/train.tsv", encoding="utf-8") as fh:
        for line in fh:
            lat, ar, _count = line.rstrip("\n").split("\t")
            pairs.append((normalize_keep(ar.replace(" ", "")), fold_latin(lat)))
    with open(data / "google_ar2en/train.tsv", encoding="utf-8") as fh:
        for line in fh:
            ar, lat = line.rstrip("\n").split("\t")
            pairs.append((normalize_keep(ar), fold_latin(lat)))
    return [p for p in pairs
            if _ARABIC_OK.match(p[0]) and _LATIN_OK.match(p[1]) and len(p[1]) <= 4 * len(p[0]) + 2]


def graphone_align(ar: str, lat: str, scores: dict) -> tuple[float, list[str]] | None:
    """Best monotone split of ``lat`` into one chunk (0-4 characters) per letter of ``ar``."""
    return _monotone(ar, lat, ORDER_MAX_EMIT, lambda letter, chunk: scores.get((letter, chunk), G_FLOOR))


def even_split(ar: str, lat: str) -> list[str]:
    """The first-iteration alignment: the Latin string cut evenly over the letters."""
    n, m = len(ar), len(lat)
    return [lat[round(i * m / n):round((i + 1) * m / n)] for i in range(n)]


def graphone_em(pairs: list[tuple[str, str]]) -> dict:
    """Hard-EM log P(chunk | letter) for the graphone alignment."""
    scores: dict | None = None
    for it in range(G_ITERATIONS):
        counts: Counter = Counter()
        totals: Counter = Counter()
        for ar, lat in pairs:
            subs = even_split(ar, lat) if scores is None else (graphone_align(ar, lat, scores) or (0, None))[1]
            if subs is None:
                continue
            for letter, sub in zip(ar, subs):
                counts[(letter, sub)] += 1
                totals[letter] += 1
        scores = {k: math.log(v / totals[k[0]]) for k, v in sorted(counts.items())}
        print(f"graphone EM iteration {it + 1}: {len(scores)} units", file=sys.stderr)
    return scores


def graphone_corpus(data: Path) -> list[list[tuple[str, str]]]:
    """The aligned training pairs as sequences of (letter, chunk) units."""
    pairs = read_graphone_pairs(data)
    scores = graphone_em(pairs)
    seqs = []
    for ar, lat in pairs:
        res = graphone_align(ar, lat, scores)
        if res is None or res[0] / len(ar) < G_MIN_SCORE:
            continue
        seqs.append(list(zip(ar, res[1])))
    print(f"graphone corpus: {len(seqs)} of {len(pairs)} pairs", file=sys.stderr)
    return seqs


def train_joint_lm(seqs: list, order: int) -> tuple[list, dict, dict]:
    """Interpolated Witten-Bell n-gram model over units, in back-off form.

    Returns (units, logprob per n-gram of unit ids, back-off log-weight per history).
    """
    units = [BOS, EOS] + sorted({u for seq in seqs for u in seq})
    ids = {u: i for i, u in enumerate(units)}
    counts = [Counter() for _ in range(order + 1)]
    for seq in seqs:
        s = [0] * (order - 1) + [ids[u] for u in seq] + [1]
        for i in range(order - 1, len(s)):
            for n in range(1, order + 1):
                counts[n][tuple(s[i - n + 1:i + 1])] += 1
    hist_total = [Counter() for _ in range(order + 1)]
    hist_types = [Counter() for _ in range(order + 1)]
    for n in range(1, order + 1):
        for g, c in counts[n].items():
            hist_total[n][g[:-1]] += c
            hist_types[n][g[:-1]] += 1
    memo: dict = {}

    def prob(g: tuple) -> float:
        if not g:
            return 1.0 / len(units)
        if g not in memo:
            n, h = len(g), g[:-1]
            total, types = hist_total[n].get(h, 0), hist_types[n].get(h, 0)
            lower = prob(g[1:])
            memo[g] = lower if not total else (counts[n].get(g, 0) + types * lower) / (total + types)
        return memo[g]

    logp = {g: math.log(prob(g)) for n in range(1, order + 1) for g in counts[n]}
    bow = {h: math.log(hist_types[n][h] / (total + hist_types[n][h]))
           for n in range(2, order + 1) for h, total in hist_total[n].items()}
    return units, logp, bow


def write_graphones(model: tuple[list, dict, dict], out: Path) -> None:
    """The graphone model: a sidecar ``.meta.json`` (about, source, units) and gzip'd little-endian arrays.

    Arrays, in order: key high part (uint16), key low part (uint64), log-probability (float32),
    back-off log-weight (float32, NaN for none); n-gram keys as ``rasd.entities.translit.gram_key``.
    """
    units, logp, bow = model
    grams = sorted(logp, key=lambda g: (len(g), g))
    keys = [gram_key(g) for g in grams]
    arrays = [np.array([k >> KEY_LOW_BITS for k in keys], dtype="<u2"),
              np.array([k & ((1 << KEY_LOW_BITS) - 1) for k in keys], dtype="<u8"),
              np.array([logp[g] for g in grams], dtype="<f4"),
              np.array([bow.get(g, math.nan) for g in grams], dtype="<f4")]
    with gzip.GzipFile(out, "wb", mtime=0) as fh:
        for arr in arrays:
            fh.write(arr.tobytes())
    meta = {
        "about": "joint-sequence (graphone) model for Arabic->Latin transliteration of unknown name tokens: "
                 "interpolated Witten-Bell n-gram model over (Arabic letter, Latin chunk) units, in back-off "
                 "form; rasd.entities.translit decodes with a beam search",
        "source": HEADER_SOURCE[len("# source: "):].strip(),
        "licence": "derived data: Wikidata CC0 1.0; google/transliteration Apache-2.0 (see ../shared/data/translit)",
        "built_by": "scripts/build_translit.py",
        "order": max(len(g) for g in grams),
        "ngrams": len(grams),
        "units": [[u[0], u[1]] for u in units[2:]],
    }
    meta_path = out.with_name(out.name.split(".")[0] + ".meta.json")
    meta_path.write_text(json.dumps(meta, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data/translit")
    ap.add_argument("--out", default=str(resource_path("lexicons")))
    args = ap.parse_args()
    build(Path(args.data), Path(args.out))


if __name__ == "__main__":
    main()
