#!/usr/bin/env python
"""Score the packaged name tagger on CoNLL files and measure its speed (CPU time of this process, so other load on the machine does not count).

For each FILE (``token TAG [more columns]`` lines, blank line between sentences):
tags the tokens with ``rasd.entities.tagger.get_tagger()`` and prints conlleval-style
entity scores over PERS/LOC/ORG (GPE counts as LOC; MISC and other types are ignored).
``--dev-every N`` scores only every N-th sentence (the development split of
``rasd train ner``).  Also prints model load time and tagging speed (tokens/s).

Usage: python scripts/compare_ner.py ../shared/data/wojood_sample/dev.txt [--dev-every 10]
"""
from __future__ import annotations

import argparse
import time

from rasd.entities.conll import conll_f1, format_scores, read_conll
from rasd.entities.tagger import get_tagger


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="+")
    ap.add_argument("--dev-every", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="tagging passes for the speed figure")
    args = ap.parse_args()
    t0 = time.process_time()
    tagger = get_tagger()
    print(f"model load: {time.process_time() - t0:.3f} s (gazetteer features: {tagger.gazetteer is not None})")
    for f in args.files:
        with open(f, encoding="utf-8") as fh:
            sents = list(read_conll(fh))
        if args.dev_every:
            sents = [s for i, s in enumerate(sents, 1) if i % args.dev_every == 0]
        times = []
        for _ in range(args.repeat):
            t0 = time.process_time()
            pred = [tagger.tag(tokens) for tokens, _ in sents]
            times.append(time.process_time() - t0)
        n_tok = sum(len(t) for t, _ in sents)
        print(f"{f}: {len(sents)} sentences, {n_tok} tokens; first pass {n_tok / times[0]:,.0f} tokens/s, "
              f"best of {args.repeat} {n_tok / min(times):,.0f} tokens/s")
        for line in format_scores(conll_f1([tags for _, tags in sents], pred)):
            print("  " + line)


if __name__ == "__main__":
    main()
