"""English glosses of unknown organisation names (tests/data/org_gloss.csv: our own names)."""
import csv

import pytest

from rasd.entities.gloss import gloss
from rasd.resources import lint_arabic, load_yaml

from conftest import ROOT

ROWS = list(csv.DictReader(open(ROOT / "tests" / "data" / "org_gloss.csv", encoding="utf-8")))


@pytest.mark.parametrize("row", ROWS, ids=[r["arabic"] for r in ROWS])
def test_gloss_table(row):
    assert gloss(row["arabic"]) == (row["english"] or None)


def test_country_in_brackets_and_unknown_word():
    assert gloss("وزارة الداخلية", "Mauritania") == "Ministry of Interior (Mauritania)"
    assert gloss("شركة الأمل") is None  # a word the glossary does not hold: no guess


def test_glossary_file_is_well_formed():
    data = load_yaml("lexicons/org_gloss.yml")
    for key in ("nouns", "adjectives", "of_heads", "verbal_nouns"):
        assert data[key], key
    for section in ("nouns", "adjectives"):
        for ar, en in data[section].items():
            assert lint_arabic(ar) == [] and not ar.startswith("ال"), ar
            assert isinstance(en, str) and en[0].isupper(), (ar, en)
    english_nouns = set(data["nouns"].values())
    assert set(data["of_heads"]) <= english_nouns | {"Prefecture of Police"}
    assert set(data["verbal_nouns"]) <= english_nouns
