#!/usr/bin/env python
"""Accuracy of rasd's transliteration on the Wikidata person-token dev split.

Each dev row (latin, Arabic letters, count; or arabic, latin for google_ar2en) counts once; a prediction is right when it
equals the Latin form ignoring case and diacritics.  Prints overall accuracy and the
accuracy on tokens found in the name table vs. left to the character model.

Usage: python scripts/eval_translit.py [--dev ../shared/data/translit/wikidata_person_tokens/dev.tsv] [--region R]
"""
from __future__ import annotations

import argparse
import unicodedata

from rasd.entities.translit import name_table, transliterate_token
from rasd.text.normalize import normalize


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s.lower())
    return "".join(c for c in s if not unicodedata.combining(c)).replace("ı", "i")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--dev", default="../shared/data/translit/wikidata_person_tokens/dev.tsv")
    ap.add_argument("--region", default=None)
    args = ap.parse_args()
    stats = {"table": [0, 0], "model": [0, 0]}
    with open(args.dev, encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) == 2:  # google/transliteration format: arabic<TAB>latin
                ar, latin = cols
            else:  # Wikidata person tokens: latin<TAB>arabic letters<TAB>count
                latin, ar = cols[0], cols[1].replace(" ", "")
            where = "table" if normalize(ar) in name_table() else "model"
            ok = fold(transliterate_token(ar, args.region)) == fold(latin)
            stats[where][0] += ok
            stats[where][1] += 1
    right = stats["table"][0] + stats["model"][0]
    total = stats["table"][1] + stats["model"][1]
    print(f"dev rows: {total}; accuracy {right / total:.4f} ({right}/{total})")
    for where, (r, n) in stats.items():
        print(f"  {where}: {r}/{n} = {r / max(n, 1):.4f}")


if __name__ == "__main__":
    main()
