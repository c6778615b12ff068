#!/usr/bin/env python
"""rasd's time recogniser side by side with dateparser's ``search_dates`` on tests/data/dates_ar.csv.

For every row of the table (written by us: text, anchor, expected start/end, kind) both systems
are run with the row's anchor as the relative base.  A prediction is a date a system returns
(rasd: every expression with a value; dateparser: every (text, datetime) pair).  It is correct
when it equals the expected start or end at the expected grain (day, month or year).

    precision = correct predictions / all predictions
    recall    = rows with an expected date that got at least one correct prediction / such rows

Run:  python scripts/compare_dateparser.py [--show N]
"""
from __future__ import annotations

import argparse
import csv
import sys
import warnings
from datetime import datetime
from pathlib import Path

TABLE = Path(__file__).resolve().parent.parent / "tests" / "data" / "dates_ar.csv"


def load_rows() -> list[dict]:
    with open(TABLE, encoding="utf-8") as fh:
        return list(csv.DictReader(ln for ln in fh if not ln.startswith("#")))


def _cut(value: str, like: str) -> str:
    return value[:len(like)]


def rasd_predict(row: dict) -> list[str]:
    from rasd.time import find_times

    out = []
    for t in find_times(row["text"], row["anchor"] or None):
        out += [v for v in (t.value_start, t.value_end) if v][:1] or []
    return out


def dateparser_predict(row: dict) -> list[str]:
    from dateparser.search import search_dates

    settings = {"RETURN_AS_TIMEZONE_AWARE": False}
    if row["anchor"]:
        settings["RELATIVE_BASE"] = datetime.fromisoformat(row["anchor"])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            found = search_dates(row["text"], languages=["ar"], settings=settings) or []
        except Exception:  # dateparser raises on some inputs; count as no prediction
            found = []
    return [d.date().isoformat() for _, d in found]


def correct(pred: str, row: dict) -> bool:
    want = [v for v in (row["start"], row["end"]) if v]
    return any(_cut(pred, w) == w for w in want)


def score(predict, rows: list[dict]) -> dict:
    n_pred = n_ok = hit_rows = want_rows = 0
    misses = []
    for row in rows:
        preds = predict(row)
        ok = [p for p in preds if correct(p, row)]
        n_pred += len(preds)
        n_ok += len(ok)
        if row["start"] or row["end"]:
            want_rows += 1
            hit_rows += bool(ok)
        if (row["start"] and not ok) or (preds and len(ok) < len(preds)):
            misses.append((row["text"], row["anchor"], row["start"], row["end"], preds))
    p = n_ok / n_pred if n_pred else 0.0
    r = hit_rows / want_rows if want_rows else 0.0
    return {"precision": p, "recall": r, "predictions": n_pred, "correct": n_ok,
            "rows_with_date": want_rows, "rows_found": hit_rows, "misses": misses}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print this many misses per system")
    args = ap.parse_args(argv)
    rows = load_rows()
    print(f"table: {TABLE.name}, {len(rows)} rows, {sum(1 for r in rows if r['start'] or r['end'])} with a date")
    results = {"rasd": score(rasd_predict, rows), "dateparser.search_dates": score(dateparser_predict, rows)}
    print(f"{'system':<26}{'precision':>10}{'recall':>10}{'F1':>8}   correct/predicted   rows found")
    for name, s in results.items():
        f1 = 2 * s["precision"] * s["recall"] / (s["precision"] + s["recall"]) if s["precision"] + s["recall"] else 0
        print(f"{name:<26}{s['precision']:>10.3f}{s['recall']:>10.3f}{f1:>8.3f}   {s['correct']:>7}/{s['predictions']:<9}"
              f"   {s['rows_found']}/{s['rows_with_date']}")
    for name, s in results.items():
        for miss in s["misses"][:args.show]:
            print(f"  {name} miss: {miss}")
    ok = all(results["rasd"][k] > results["dateparser.search_dates"][k] for k in ("precision", "recall"))
    print("rasd beats dateparser on precision and recall" if ok else "rasd does NOT beat dateparser on both")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
