"""The cross-document stage on hand-written corpora (tests/data/corpus_cases.json).

Cases: one visit reported by four outlets, one of which puts it a year later (a conflict that
must stay one cluster); two visits by the same people a year apart (two clusters); one
communiqué run as prose, quoted, and reworded (reuse, with who quotes); two different articles
on the same topic (no reuse).
"""
import json
from pathlib import Path

import pytest

from rasd.corpus import analyse
from rasd.corpus.generate import build_document
from rasd.doc import Corpus

CASES = json.loads((Path(__file__).parent / "data" / "corpus_cases.json").read_text(encoding="utf-8"))


def run(name: str) -> Corpus:
    return analyse(Corpus(documents=[build_document(s) for s in CASES[name]]))


def members(cl: dict) -> set:
    return {(m["doc"], m["event"]) for m in cl["members"]}


@pytest.fixture(scope="module")
def visit():
    return run("visit_with_misdating")


def test_misdated_report_stays_in_the_cluster(visit):
    assert len(visit.same_event) == 1
    cl = visit.same_event[0]
    assert cl["docs"] == ["a_outlet1.txt", "b_outlet2.txt", "c_outlet3.txt", "d_outlet4.txt"]
    assert cl["id"] == cl["event"]
    assert cl["evidence"] and all("score" in e for e in cl["evidence"])


def test_agreed_facts(visit):
    assert visit.same_event[0]["agreed"] == {
        "type": "CONSULT", "mode": "visit", "date": "2024-03-10/2024-03-11", "place": "Madrid (ES)",
        "participants": ["Karim Idrissi", "Lucia Moreno", "Pablo Ortega"]}


def test_event_cluster_ids_are_set(visit):
    by = visit.by_id()
    assert {ev.cluster for d in "abcd" for ev in by[f"{d}_outlet{'abcd'.index(d) + 1}.txt"].events} == {visit.same_event[0]["event"]}
    assert by["e_outlet4.txt"].events[0].cluster is None


def test_date_conflict_lists_every_claim(visit):
    assert visit.conflicts == [{
        "event": visit.same_event[0]["event"], "field": "date",
        "values": {"2024-03-10/2024-03-11": ["a_outlet1.txt", "b_outlet2.txt", "d_outlet4.txt"],
                   "2025-03-10/2025-03-11": ["c_outlet3.txt"]}}]


def test_open_date_is_filled_from_the_majority(visit):
    d = visit.by_id()["d_outlet4.txt"].events[0].date
    assert (d.start, d.end) == ("2024-03-10", "2024-03-11")
    assert d.rule == "cluster-fill" and d.inferred_from == ["a_outlet1.txt", "b_outlet2.txt"]
    c = visit.by_id()["c_outlet3.txt"].events[0].date
    assert c.inferred_from is None and c.start == "2025-03-10"


def test_communique_reuse_quoted_and_rewritten(visit):
    pairs = {tuple(r["docs"]): r for r in visit.text_reuse}
    assert set(pairs) == {("a_outlet1.txt", "b_outlet2.txt"), ("a_outlet1.txt", "c_outlet3.txt"),
                          ("b_outlet2.txt", "c_outlet3.txt")}
    sides = {p["doc"]: p for p in pairs[("a_outlet1.txt", "b_outlet2.txt")]["passages"]}
    assert sides["a_outlet1.txt"]["quoted"] is False
    assert sides["b_outlet2.txt"]["quoted"] is True
    by = visit.by_id()
    for r in visit.text_reuse:
        assert r["example"] == r["passages"][0]["text"]
        for p in r["passages"]:
            assert by[p["doc"]].raw[p["start"]:p["end"]] == p["text"]
            assert len(p["text"].split()) >= 12


def test_same_topic_different_article_is_not_reuse(visit):
    assert not any("e_outlet4.txt" in r["docs"] for r in visit.text_reuse)
    # same outlet, shared furniture lines: not reuse either
    assert ("d_outlet4.txt", "e_outlet4.txt") not in {tuple(r["docs"]) for r in visit.text_reuse}


def test_two_visits_a_year_apart_stay_two():
    c = run("two_visits_a_year_apart")
    got = sorted((cl["event"], sorted(members(cl))) for cl in c.same_event)
    assert got == [("idrissi-es-2021", [("f1.txt", "ev1"), ("f2.txt", "ev1"), ("g2.txt", "ev2")]),
                   ("idrissi-es-2022", [("g1.txt", "ev1"), ("g2.txt", "ev1")])]
    assert c.conflicts == []


def test_stage_is_idempotent(visit):
    again = analyse(visit)
    assert again.same_event == run("visit_with_misdating").same_event
    assert again.by_id()["d_outlet4.txt"].events[0].date.inferred_from == ["a_outlet1.txt", "b_outlet2.txt"]


def _spec(doc, events, entities=(), published="2023-02-02"):
    return {"doc": doc, "outlet": doc, "published": published, "entities": list(entities),
            "lines": [[f"نص قصير خاص بالوثيقة {doc} لا يشترك مع غيره", "c"]], "events": events}


def _ev(actors, counterparts, mode="visit", date=("2023-02-01", "2023-02-01"), loc=("Madrid", "ES")):
    return {"id": "ev1", "type": "CONSULT", "mode": mode, "actors": actors, "counterparts": counterparts,
            "location": {"name": loc[0], "country": loc[1]}, "date": {"start": date[0], "end": date[1]}}


def test_agency_stands_for_its_chief_across_documents():
    chief = [{"type": "PER", "name": "Lucia Moreno", "role": "Director of the Guardia Civil"},
             {"type": "ORG", "name": "Guardia Civil"}]
    docs = [build_document(_spec("x.txt", [_ev(["Karim Idrissi"], ["Guardia Civil"])])),
            build_document(_spec("y.txt", [_ev(["Karim Idrissi"], ["Lucia Moreno"])], chief))]
    c = analyse(Corpus(documents=docs))
    assert [x["docs"] for x in c.same_event] == [["x.txt", "y.txt"]]


def test_host_side_report_joins_but_reverse_visit_does_not():
    docs = [build_document(_spec("v1.txt", [_ev(["Karim Idrissi"], ["Lucia Moreno"])])),
            build_document(_spec("v2.txt", [_ev(["Lucia Moreno"], ["Karim Idrissi"], mode="host")])),
            build_document(_spec("v3.txt", [_ev(["Lucia Moreno"], ["Karim Idrissi"], loc=("Rabat", "MA"))]))]
    c = analyse(Corpus(documents=docs))
    assert [x["docs"] for x in c.same_event] == [["v1.txt", "v2.txt"]]


def test_single_participant_event_needs_agreeing_date():
    docs = [build_document(_spec("s1.txt", [_ev(["Border Police"], [], mode="arrest")])),
            build_document(_spec("s2.txt", [_ev(["Border Police"], ["smugglers"], mode="arrest")])),
            build_document(_spec("s3.txt", [_ev(["Border Police"], [], mode="arrest", date=("2020-01-01", "2020-01-01"))]))]
    c = analyse(Corpus(documents=docs))
    assert [x["docs"] for x in c.same_event] == [["s1.txt", "s2.txt"]]


def test_odd_documents_do_not_break_the_stage():
    from rasd.doc import Document, Event, EventDate, Location
    odd = [Document(id="empty.txt", raw=""), Document(id="blank.txt", raw="\n\n  \n"),
           Document(id="bad-date.txt", raw="نص", events=[
               Event(id="e1", type="CONSULT", mode="visit", actors=["A"], counterparts=["B"],
                     location=Location("X", None), date=EventDate("2022-13-40", "2021-01"))])]
    many = [build_document(s) for s in CASES["visit_with_misdating"] + CASES["two_visits_a_year_apart"]]
    fillers = [build_document({"doc": f"f{i}.txt", "lines": [[f"سطر {i} " * 5, "c"]]}) for i in range(8)]
    c = analyse(Corpus(documents=odd + many + fillers))  # more than small_corpus: the LSH path
    assert {tuple(r["docs"]) for r in c.text_reuse} == {("a_outlet1.txt", "b_outlet2.txt"),
                                                        ("a_outlet1.txt", "c_outlet3.txt"),
                                                        ("b_outlet2.txt", "c_outlet3.txt")}
    assert len(c.same_event) == 3
