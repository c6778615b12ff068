"""Incremental updates: adding documents one by one gives what processing them at once gives."""
import json
from pathlib import Path

import pytest

from rasd.corpus import analyse
from rasd.corpus.generate import build_document, generate
from rasd.corpus.incremental import merge, merge_into
from rasd.doc import Corpus
from rasd.output import dumps

CASES = json.loads((Path(__file__).parent / "data" / "corpus_cases.json").read_text(encoding="utf-8"))


def _specs():
    return CASES["visit_with_misdating"] + CASES["two_visits_a_year_apart"]


def _summary(c: Corpus):
    dates = {(d.id, e.id): (e.date.start, e.date.end, tuple(e.date.inferred_from or ()), e.cluster)
             for d in c.documents for e in d.events}
    return ([{k: x[k] for k in ("event", "docs", "members")} for x in c.same_event], c.conflicts,
            [(r["docs"], r["shared_words"]) for r in c.text_reuse], dates)


def test_one_by_one_through_files_equals_all_at_once(tmp_path):
    whole = analyse(Corpus(documents=[build_document(s) for s in _specs()]))
    path = tmp_path / "corpus.json"
    for s in _specs():
        c = merge_into(str(path), Corpus(documents=[build_document(s)]))
        path.write_text(dumps(c), encoding="utf-8")
    assert _summary(c) == _summary(whole)


def test_replacing_a_document_drops_its_old_reuse():
    specs = CASES["visit_with_misdating"]
    c = analyse(Corpus(documents=[build_document(s) for s in specs]))
    changed = dict(specs[1], lines=[["نص مختلف تماما عن البلاغ الرسمي ولا يشترك معه في شيء", "c"]])
    c2 = merge(c, Corpus(documents=[build_document(changed)]))
    assert not any("b_outlet2.txt" in r["docs"] for r in c2.text_reuse)
    assert len(c2.documents) == len(specs)


@pytest.mark.parametrize("chunks", [2, 5])
def test_generated_corpus_in_chunks(chunks):
    corpus, _ = generate(150, seed=11)
    whole = analyse(Corpus(documents=list(corpus.documents)))
    fresh, _ = generate(150, seed=11)
    step = len(fresh.documents) // chunks + 1
    acc = Corpus()
    for i in range(0, len(fresh.documents), step):
        acc = merge(acc, Corpus(documents=fresh.documents[i:i + step]))
    assert _summary(acc)[:3] == _summary(whole)[:3]
