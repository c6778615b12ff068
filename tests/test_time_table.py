"""The hand-written table tests/data/dates_ar.csv: every row must give exactly its expected value."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rasd.time import find_times

TABLE = Path(__file__).parent / "data" / "dates_ar.csv"


def rows() -> list[dict]:
    with open(TABLE, encoding="utf-8") as fh:
        lines = [ln for ln in fh if not ln.startswith("#")]
    return list(csv.DictReader(lines))


def _valued(times):
    return [t for t in times if t.value_start is not None or t.value_end is not None]


def check_row(row: dict) -> str | None:
    """None when the row passes, else what went wrong."""
    times = find_times(row["text"], row["anchor"] or None)
    want = (row["start"] or None, row["end"] or None)
    got = [(t.text, t.value_start, t.value_end, t.kind) for t in times]
    if row["kind"] == "none":
        return None if not times else f"expected nothing, got {got}"
    hits = [t for t in times if (t.value_start, t.value_end) == want and t.kind == row["kind"]]
    if not hits:
        return f"expected {want} {row['kind']}, got {got}"
    extra = [t for t in _valued(times) if t not in hits]
    if extra:
        return f"unexpected values besides the expected one: {[(t.text, t.value_start, t.value_end) for t in extra]}"
    return None


def test_table_size_and_families():
    rs = rows()
    assert len(rs) >= 200
    fams = {r["family"] for r in rs}
    for fam in ("msa", "maghreb", "algeria", "levant", "doubled", "digits", "ordinal", "year", "yearlist",
                "hijri", "dayrange", "monthrange", "submonth", "deictic", "weekday", "relmonth", "relunit",
                "ago", "duration", "age", "nondate", "noyear"):
        assert fam in fams, fam


@pytest.mark.parametrize("row", rows(), ids=lambda r: f"{r['family']}:{r['text'][:30]}")
def test_row(row):
    problem = check_row(row)
    assert problem is None, problem
