"""CoNLL interface: reading, tag mapping, the conlleval-style scorer, and a tagging round trip."""
from __future__ import annotations

import io

import pytest

from rasd.entities.conll import chunks, conll_f1, map_tag, read_conll, tag_conll

SNIPPET = """\
أعلن O
الرئيس O
الفرنسي O
إيمانويل B-PERS
ماكرون I-PERS
من O
باريس B-LOC
. O

زار O
وفد O
من O
منظمة B-ORG
الصحة I-ORG
العالمية I-ORG
مدينة O
طنجة B-LOC
"""


def test_read_conll_sentences_and_missing_tags():
    sents = list(read_conll(io.StringIO("أ B-PERS\nب\n\n\nج O x y\n")))
    assert sents == [(["أ", "ب"], ["B-PERS", None]), (["ج"], ["O"])]


@pytest.mark.parametrize("tag,expected", [
    ("B-PERS", "B-PERS"), ("I-PER", "I-PERS"), ("B-GPE", "B-LOC"), ("I-LOC", "I-LOC"),
    ("B-ORG", "B-ORG"), ("B-MISC", "O"), ("I-DATE", "O"), ("O", "O"), (None, "O"), ("", "O"), ("X", "O"),
])
def test_map_tag(tag, expected):
    assert map_tag(tag) == expected


def test_chunks_conlleval_rules():
    # I- after O opens a chunk; a type change inside I- opens a new one
    assert chunks(["I-PERS", "I-PERS", "O", "B-LOC", "I-ORG"]) == {(0, 2, "PERS"), (3, 4, "LOC"), (4, 5, "ORG")}
    assert chunks(["B-PERS", "B-PERS"]) == {(0, 1, "PERS"), (1, 2, "PERS")}
    assert chunks(["B-MISC", "I-MISC", "B-GPE"]) == {(2, 3, "LOC")}


def test_conll_f1_hand_cases():
    gold = [["B-PERS", "I-PERS", "O", "B-LOC"], ["B-ORG", "I-ORG", "O"]]
    assert conll_f1(gold, gold)["f1"] == 1.0
    pred = [["B-PERS", "O", "O", "B-LOC"], ["B-ORG", "I-ORG", "B-PERS"]]
    s = conll_f1(gold, pred)
    # correct: LOC, ORG; PERS is cut short (wrong boundary); one spurious PERS
    assert (s["tp"], s["pred"], s["gold"]) == (2, 4, 3)
    assert s["precision"] == pytest.approx(0.5)
    assert s["recall"] == pytest.approx(2 / 3)
    assert s["f1"] == pytest.approx(2 * 0.5 * (2 / 3) / (0.5 + 2 / 3))
    assert s["per_type"]["PERS"]["tp"] == 0 and s["per_type"]["PERS"]["pred"] == 2
    assert s["per_type"]["LOC"]["f1"] == 1.0


def test_conll_f1_sentence_boundary_splits_chunks():
    # a chunk may not run across sentences
    gold = [["I-PERS"], ["I-PERS"]]
    assert conll_f1(gold, gold)["gold"] == 2


def test_conll_f1_empty_and_mismatch():
    assert conll_f1([], [])["f1"] == 0.0
    with pytest.raises(ValueError):
        conll_f1(["O"], ["O", "O"])


def test_tag_conll_round_trip():
    out = io.StringIO()
    tag_conll(io.StringIO(SNIPPET), out)
    text = out.getvalue()
    blocks = text.strip("\n").split("\n\n")
    assert len(blocks) == 2
    gold = [tags for _t, tags in read_conll(io.StringIO(SNIPPET))]
    pred = []
    for block, (tokens, _tags) in zip(blocks, read_conll(io.StringIO(SNIPPET))):
        lines = [line.split(" ") for line in block.split("\n")]
        assert [w for w, _ in lines] == tokens
        assert all(t in {"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG"} for _, t in lines)
        pred.append([t for _, t in lines])
    assert conll_f1(gold, pred)["f1"] >= 0.6


def test_tag_conll_untagged_input():
    out = io.StringIO()
    tag_conll(io.StringIO("وصل\nالوزير\n"), out)
    assert [line.split(" ")[0] for line in out.getvalue().splitlines()] == ["وصل", "الوزير"]
