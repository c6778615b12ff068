#!/usr/bin/env python
"""Derive rasd's transliteration tables from the public name-pair data.

Inputs (not shipped; see ../shared/data/README.md):
  translit/wikidata_person_tokens/train.tsv  latin<TAB>arabic letters separated by spaces<TAB>count (CC0)
  translit/google_ar2en/train.tsv            arabic<TAB>latin (Apache-2.0)

Outputs (shipped, under src/rasd/resources/lexicons/):
  translit_names.tsv   arabic key (normalised) -> up to 3 Latin spellings with weights
  translit_chars.tsv   character model: Arabic letter in context -> Latin strings, with counts
  translit_lm.tsv      character 1-3-gram counts of Latin spellings (picks among candidates)

Method: every pair is aligned letter by letter (each Arabic letter emits 0-3 Latin
characters), by hard EM started from the `letters` guesses of
lexicons/translit_regions.yml.  The aligned emissions are counted per letter in
context (previous and next letter); the most frequent emission per context is kept.
Pairs whose alignment is very unlikely (mis-aligned Wikidata labels) are left out of
the name table.  Deterministic: no randomness, sorted outputs.

Usage: python scripts/build_translit.py [--data ../shared/data/translit]
"""
from __future__ import annotations

import argparse
import functools
import math
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

import regex

from rasd.entities.translit import context_keys
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


def align(ar: str, lat: str, table: dict, init: bool) -> tuple[float, list[str]] | None:
    """Best monotone alignment: one Latin string (0-3 chars) per Arabic letter."""
    n, m = len(ar), len(lat)
    neg = -1e18
    best = [[neg] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    for i in range(n):
        row, nxt = best[i], best[i + 1]
        for j in range(m + 1):
            base = row[j]
            if base <= neg:
                continue
            for k in range(0, min(MAX_EMIT, m - j) + 1):
                s = base + score(table, ar[i], lat[j:j + k], init)
                if s > nxt[j + k]:
                    nxt[j + k] = s
                    back[i + 1][j + k] = k
    if best[n][m] <= neg:
        return None
    subs, j = [], m
    for i in range(n, 0, -1):
        k = back[i][j]
        subs.append(lat[j - k:j])
        j -= k
    return best[n][m], subs[::-1]


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
    ctx: dict[str, Counter] = defaultdict(Counter)
    names: dict[str, Counter] = defaultdict(Counter)
    for ar, lat, w, _src in pairs:
        res = align(ar, lat, table, init=False)
        if res is None or res[0] / len(ar) < -4.5:
            continue  # mis-aligned pair: neither learned from nor listed
        for i, sub in enumerate(res[1]):
            for key in context_keys(ar, i):
                ctx[key][sub] += 1
        names[normalize(ar)][lat] += w
    write_names(names, out_dir / "translit_names.tsv")
    write_chars(ctx, out_dir / "translit_chars.tsv")
    write_lm(pairs, out_dir / "translit_lm.tsv")


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


def write_chars(ctx: dict[str, Counter], out: Path) -> None:
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# about: character model for Arabic->Latin transliteration of unknown name tokens: "
                 "letter in context (prev2 prev letter next, or _ for any) -> Latin strings it stands for, "
                 "with counts (up to 4 per context)\n")
        fh.write(HEADER_SOURCE)
        fh.write("# columns: context\tlatin\tcount (- is the empty string)\n")
        for key in sorted(ctx):
            c = ctx[key]
            total = sum(c.values())
            if total < 2 and not key.startswith("_"):
                continue
            ranked = sorted(c.items(), key=lambda kv: (-kv[1], kv[0]))
            for rank, (sub, k) in enumerate(ranked[:4]):
                if rank and k < 2:
                    break
                fh.write(f"{key}\t{sub or '-'}\t{k}\n")


def write_lm(pairs: list, out: Path) -> None:
    """Character 1-3-gram counts of the Latin spellings (^ and $ mark the word edges)."""
    grams: Counter = Counter()
    for _ar, lat, _w, _src in pairs:
        w = "^^" + lat + "$"
        for i in range(2, len(w)):
            for n in (1, 2, 3):
                grams[w[i - n + 1:i + 1]] += 1
        grams["^"] += 1
        grams["^^"] += 1
    with open(out, "w", encoding="utf-8") as fh:
        fh.write("# about: character 1-3-gram counts of Latin name spellings, the language model that "
                 "rasd.entities.translit uses to pick among the character model's candidates\n")
        fh.write(HEADER_SOURCE)
        fh.write("# columns: ngram\tcount\n")
        for g in sorted(grams):
            if len(g) < 3 or grams[g] >= 2:
                fh.write(f"{g}\t{grams[g]}\n")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", default="../shared/data/translit")
    ap.add_argument("--out", default=str(resource_path("lexicons")))
    args = ap.parse_args()
    build(Path(args.data), Path(args.out))


if __name__ == "__main__":
    main()
