"""The scorer (`rasd eval`): each matching rule of docs/evaluation.md, on hand-made dicts."""
import copy
import json
from pathlib import Path

import pytest
from rich.console import Console

from rasd.errors import RasdError
from rasd.eval import PRF, Accuracy, Mean, flatten, jaccard, render, score
from rasd.eval.align import assign, basename, key_similarity, mention_keys
from rasd.eval.cross import conflict_key, doc_pairs
from rasd.eval.documents import outlet_match

from conftest import GOLD

MINI = Path(__file__).parent / "data" / "eval_mini.gold.json"


def mini() -> dict:
    return json.loads(MINI.read_text(encoding="utf-8"))


def corpus(*docs, cross=None) -> dict:
    return {"schema": "rasd-gold/1", "documents": list(docs),
            "cross_document": cross or {"same_event": [], "conflicts": [], "text_reuse": []}}


def doc(name="x.txt", entities=(), events=(), **kw) -> dict:
    base = {"doc": name, "outlet": None, "published": None, "title": None, "boilerplate": [],
            "entities": list(entities), "events": list(events)}
    base.update(kw)
    return base


def ent(name, typ, *mentions, **kw) -> dict:
    return {"type": typ, "name": name, "mentions": list(mentions), **kw}


def event(typ="CONSULT", mode="meeting", actors=(), counterparts=(), country=None, start=None, end=None,
          topics=(), id="e") -> dict:
    return {"id": id, "type": typ, "mode": mode, "actors": list(actors), "counterparts": list(counterparts),
            "location": None if country is None else {"name": "x", "country": country},
            "date": {"start": start, "end": end, "text": None}, "topics": list(topics)}


def m(report, path):
    sec, name = path.split(".")
    return report[sec][name]


# ---- measures ----------------------------------------------------------------------------

def test_prf_counts_and_empty_conventions():
    assert (PRF().p, PRF().r, PRF().f1) == (1.0, 1.0, 1.0)  # empty vs empty
    nothing_predicted = PRF(tp=0, fp=0, fn=3)
    assert (nothing_predicted.p, nothing_predicted.r, nothing_predicted.f1) == (0.0, 0.0, 0.0)
    nothing_gold = PRF(tp=0, fp=2, fn=0)
    assert (nothing_gold.p, nothing_gold.r) == (0.0, 0.0)
    x = PRF().add_sets({"a", "b", "c"}, {"b", "c", "d", "e"})
    assert (x.tp, x.fp, x.fn) == (2, 2, 1)
    assert x.p == 0.5 and x.r == pytest.approx(2 / 3) and x.f1 == pytest.approx(4 / 7)
    d = x.to_dict()
    assert d["kind"] == "prf" and d["score"] == d["f1"] == round(4 / 7, 4)


def test_accuracy_and_mean_over_nothing_are_none():
    assert Accuracy().value is None and Accuracy().to_dict()["score"] is None
    assert Mean().value is None
    a = Accuracy().add(True).add(False).add(True)
    assert a.to_dict() == {"kind": "accuracy", "score": round(2 / 3, 4), "correct": 2, "n": 3}
    assert jaccard(set(), set()) == 1.0 and jaccard({"a"}, set()) == 0.0
    assert jaccard({"a", "b"}, {"b", "c"}) == pytest.approx(1 / 3)


# ---- mentions: normalisation, clitics, containment ----------------------------------------

@pytest.mark.parametrize("a,b", [
    ("والمغرب", "المغرب"),  # conjunction
    ("فالشرطة", "الشرطة"),  # conjunction fa
    ("بكندا", "كندا"),  # preposition bi
    ("كالجيش", "الجيش"),  # preposition ka
    ("للأمن الوطني", "الأمن الوطني"),  # lil- gives back the article
    ("وللأمن الوطني", "الأمن الوطني"),  # conjunction + lil-
    ("المغـــرب", "المغرب"),  # tatweel
    ("المَغْرِب", "المغرب"),  # diacritics
    ("أمريكا", "امريكا"),  # alef fold
    ("المملكة", "المملكه"),  # teh marbuta fold
    ("مصطفى", "مصطفي"),  # alef maqsura fold
])
def test_mentions_equal_after_normalisation_and_clitics(a, b):
    assert key_similarity(mention_keys(a), mention_keys(b)) == 1.0
    assert key_similarity(mention_keys(b), mention_keys(a)) == 1.0  # symmetric


def test_clitic_stripping_is_symmetric_even_when_the_bare_word_looks_prefixed():
    # "كندا" itself starts with ك: stripping only one side would compare "ندا" with "كندا"
    assert key_similarity(mention_keys("وكندا"), mention_keys("كندا")) == 1.0
    assert key_similarity(mention_keys("كندا"), mention_keys("وكندا")) == 1.0


def test_clitics_only_on_the_first_word_and_never_below_two_letters():
    assert "الشرطة" not in mention_keys("وزير والشرطة")
    assert mention_keys("وب") == frozenset({"وب"})
    assert mention_keys("") == frozenset()


def test_different_names_do_not_match():
    assert key_similarity(mention_keys("تونس"), mention_keys("ليبيا")) == 0.0
    # containment is by whole words: 5 of 6 letters, but not a word of the other mention
    assert key_similarity(mention_keys("مراكش"), mention_keys("مراكشي")) == 0.0


def test_containment_needs_sixty_percent_of_the_longer_mention():
    long = mention_keys("الشرطة القضائية بطنجة")
    assert key_similarity(mention_keys("الشرطة القضائية"), long) == pytest.approx(15 / 21)
    assert key_similarity(mention_keys("الشرطة"), mention_keys("الشرطة القضائية")) == 0.0  # 6/15
    # 14/24 = 58 %: just below the bar
    assert key_similarity(mention_keys("وزارة الداخلية"), mention_keys("وزارة الداخلية الإسبانية")) == 0.0


# ---- assignment -------------------------------------------------------------------------

def test_assign_is_one_to_one_and_deterministic():
    cands = [((-1.0,), 0, 0), ((-1.0,), 0, 1), ((-1.0,), 1, 0), ((-0.5,), 1, 1)]
    assert assign(cands) == [(0, 0), (1, 1)]
    assert assign(list(reversed(cands))) == [(0, 0), (1, 1)]


# ---- entities --------------------------------------------------------------------------

def test_entities_align_by_mentions_with_clitics():
    g = corpus(doc(entities=[ent("Morocco", "GPE", "المغرب")]))
    p = corpus(doc(entities=[ent("Maroc", "GPE", "والمغرب")]))
    r = score(g, p)
    assert m(r, "entities.entities")["tp"] == 1 and m(r, "entities.typed")["tp"] == 1
    assert m(r, "entities.name") == {"kind": "accuracy", "score": 0.0, "correct": 0, "n": 1}


def test_entities_align_by_contained_mention():
    g = corpus(doc(entities=[ent("Judicial Police of Tangier", "ORG", "الشرطة القضائية بطنجة")]))
    p = corpus(doc(entities=[ent("Judicial Police", "ORG", "الشرطة القضائية")]))
    assert m(score(g, p), "entities.entities")["tp"] == 1
    p_short = corpus(doc(entities=[ent("Police", "ORG", "الشرطة")]))
    assert m(score(g, p_short), "entities.entities")["tp"] == 0


def test_entities_align_by_canonical_name_case_insensitive():
    g = corpus(doc(entities=[ent("Interpol", "ORG", "الإنتربول")]))
    p = corpus(doc(entities=[ent("INTERPOL", "ORG", "المنظمة الدولية للشرطة الجنائية")]))
    r = score(g, p)
    assert m(r, "entities.entities")["tp"] == 1
    assert m(r, "entities.name")["score"] == 1.0
    assert m(r, "entities.mentions")["tp"] == 0  # the mention strings still differ


def test_type_mismatch_counts_for_untyped_but_not_typed():
    g = corpus(doc(entities=[ent("Tangier", "GPE", "طنجة")]))
    p = corpus(doc(entities=[ent("Tangier", "LOC", "طنجة")]))
    r = score(g, p)
    assert m(r, "entities.entities")["f1"] == 1.0
    assert (m(r, "entities.typed")["tp"], m(r, "entities.typed")["fp"], m(r, "entities.typed")["fn"]) == (0, 1, 1)
    assert r["per_document"]["x.txt"]["entities"]["type_errors"] == ["Tangier: GPE -> LOC"]


def test_entities_are_aligned_one_to_one():
    g = corpus(doc(entities=[ent("Niger", "GPE", "النيجر")]))
    p = corpus(doc(entities=[ent("Niger", "GPE", "النيجر"), ent("Niger Republic", "GPE", "بالنيجر")]))
    e = m(score(g, p), "entities.entities")
    assert (e["tp"], e["fp"], e["fn"]) == (1, 1, 0)


def test_exact_mention_beats_containment_in_the_assignment():
    g = corpus(doc(entities=[ent("Judicial Police", "ORG", "الشرطة القضائية"),
                             ent("Judicial Police of Tangier", "ORG", "الشرطة القضائية بطنجة")]))
    p = corpus(doc(entities=[ent("JP Tangier", "ORG", "الشرطة القضائية بطنجة"),
                             ent("JP", "ORG", "الشرطة القضائية")]))
    r = score(g, p)
    assert m(r, "entities.entities")["tp"] == 2 and m(r, "entities.mentions")["tp"] == 2


def test_same_type_preferred_when_mentions_tie():
    g = corpus(doc(entities=[ent("Algeria", "GPE", "الجزائر"), ent("Algiers", "GPE", "الجزائر العاصمة")]))
    p = corpus(doc(entities=[ent("Algeria", "LOC", "الجزائر"), ent("Algeria", "GPE", "الجزائر")]))
    assert m(score(g, p), "entities.typed")["tp"] >= 1


def test_mention_f1_uses_normalised_distinct_strings_per_document():
    g = corpus(doc(entities=[ent("A", "PER", "سعيد", "سعيد"), ent("B", "GPE", "الرباط")]))
    p = corpus(doc(entities=[ent("A", "PER", "سَعيد"), ent("C", "GPE", "وهران")]))
    x = m(score(g, p), "entities.mentions")
    assert (x["tp"], x["fp"], x["fn"]) == (1, 1, 1)


def test_role_is_scored_where_the_gold_has_one():
    g = corpus(doc(entities=[ent("A", "PER", "سعيد", role="Minister of the Interior"), ent("B", "PER", "عمر")]))
    p = corpus(doc(entities=[ent("A", "PER", "سعيد", role="minister of the interior"), ent("B", "PER", "عمر")]))
    assert m(score(g, p), "entities.role") == {"kind": "accuracy", "score": 1.0, "correct": 1, "n": 1}


# ---- events ----------------------------------------------------------------------------

def _event_docs(gold_events, pred_events, gold_ents=(), pred_ents=()):
    return corpus(doc(entities=gold_ents, events=gold_events)), corpus(doc(entities=pred_ents, events=pred_events))


def test_event_participants_are_mapped_through_the_entity_alignment():
    ge = [ent("Mohamed Dkhissi", "PER", "محمد الدخيسي"), ent("Spain", "GPE", "إسبانيا")]
    pe = [ent("Mohammed Dakhissi", "PER", "محمد الدخيسي"), ent("España", "GPE", "وإسبانيا")]
    g, p = _event_docs([event(actors=["Mohamed Dkhissi"], counterparts=["Spain"])],
                       [event(actors=["Mohammed Dakhissi"], counterparts=["España"])], ge, pe)
    r = score(g, p)
    assert m(r, "events.events")["tp"] == 1
    assert m(r, "events.actors")["score"] == 1.0 and m(r, "events.counterparts")["score"] == 1.0
    # without the entities the names cannot be mapped: no shared participant, no match
    g2, p2 = _event_docs(g["documents"][0]["events"], p["documents"][0]["events"])
    assert m(score(g2, p2), "events.events")["tp"] == 0


def test_participant_names_fall_back_to_case_insensitive_equality():
    g, p = _event_docs([event(actors=["Europol"])], [event(actors=["EUROPOL"])])
    assert m(score(g, p), "events.events")["tp"] == 1


def test_event_type_must_match():
    g, p = _event_docs([event(typ="CONSULT", actors=["A"])], [event(typ="COOPERATE", actors=["A"])])
    x = m(score(g, p), "events.events")
    assert (x["tp"], x["fp"], x["fn"]) == (0, 1, 1)


def test_events_without_participants_need_type_and_mode():
    g, p = _event_docs([event(typ="COERCE", mode="arrest")], [event(typ="COERCE", mode="arrest")])
    assert m(score(g, p), "events.events")["tp"] == 1
    g, p = _event_docs([event(typ="COERCE", mode="arrest")], [event(typ="COERCE", mode="raid")])
    assert m(score(g, p), "events.events")["tp"] == 0


def test_event_tie_break_by_mode_then_date():
    gold = [event(mode="visit", actors=["A"], id="g1"), event(mode="meeting", actors=["A"], id="g2")]
    g, p = _event_docs(gold, [event(mode="meeting", actors=["A"], id="p1")])
    r = score(g, p)
    assert r["per_document"]["x.txt"]["events"]["pairs"] == [("g2", "p1")]
    assert m(r, "events.mode")["score"] == 1.0
    gold = [event(actors=["A"], start="2024-01-01", end="2024-01-01", id="g1"),
            event(actors=["A"], start="2024-02-01", end="2024-02-01", id="g2")]
    g, p = _event_docs(gold, [event(actors=["A"], start="2024-02-01", end="2024-02-01", id="p1")])
    assert score(g, p)["per_document"]["x.txt"]["events"]["pairs"] == [("g2", "p1")]


def test_event_fields_on_matched_events():
    g, p = _event_docs(
        [event(actors=["A", "B"], counterparts=["C"], country="MA", start="2024-03-04", end="2024-03-04",
               topics=["terrorism", "migration"])],
        [event(actors=["A"], counterparts=["c"], country="ma", start="2024-03-04", end=None,
               topics=["terrorism"])])
    r = score(g, p)
    assert m(r, "events.actors")["score"] == 0.0 and m(r, "events.actors_jaccard")["score"] == 0.5
    assert m(r, "events.counterparts")["score"] == 1.0  # case-insensitive names
    assert m(r, "events.country")["score"] == 1.0
    assert m(r, "events.date")["score"] == 0.0  # end differs
    assert m(r, "events.topics_jaccard")["score"] == 0.5


def test_null_dates_and_locations_compare_equal():
    g, p = _event_docs([event(actors=["A"])], [event(actors=["A"])])
    p["documents"][0]["events"][0]["location"] = {"name": "somewhere", "country": None}
    r = score(g, p)
    assert m(r, "events.date")["score"] == 1.0 and m(r, "events.country")["score"] == 1.0
    assert m(r, "events.topics_jaccard")["score"] == 1.0  # both empty


# ---- documents -------------------------------------------------------------------------

def test_title_compared_after_whitespace_normalisation():
    g = corpus(doc(title="لقاء  أمني في الرباط"))
    assert m(score(g, corpus(doc(title=" لقاء أمني في\tالرباط "))), "documents.title")["score"] == 1.0
    assert m(score(g, corpus(doc(title="لقاء أمني"))), "documents.title")["score"] == 0.0


def test_publication_window_null_equals_null():
    g = corpus(doc(published={"earliest": None, "latest": None, "basis": "x"}))
    assert m(score(g, corpus(doc(published=None))), "documents.published")["score"] == 1.0
    g = corpus(doc(published={"earliest": "2024-01-01", "latest": None}))
    assert m(score(g, corpus(doc(published={"earliest": "2024-01-01", "latest": "2024-01-02"}))),
             "documents.published")["score"] == 0.0


@pytest.mark.parametrize("gold,pred,ok", [
    ("Sahil Press (ساحل بريس)", "Sahil Press (ساحل بريس)", True),
    ("Sahil Press (ساحل بريس)", "sahil press", True),  # Latin part, case-insensitive
    ("Sahil Press (ساحل بريس)", "ساحل بريس", True),  # the gloss in parentheses
    ("Sahil Press", "SAHIL PRESS (ساحل بريس)", True),
    ("Sahil Press (ساحل بريس)", "Sahil Times", False),
    ("Sahil Press (ساحل بريس)", None, False),
    (None, None, True),
    ("unnamed regional site", None, True),  # the annotator could not name it
    (None, "Sahil Press", False),
])
def test_outlet_match(gold, pred, ok):
    assert outlet_match(gold, pred) is ok


def test_boilerplate_line_f1_is_micro_averaged():
    g = corpus(doc("a.txt", boilerplate=["اقرأ أيضا", "شارك  المقال"]), doc("b.txt", boilerplate=["FR"]))
    p = corpus(doc("a.txt", boilerplate=["شارك المقال"]), doc("b.txt", boilerplate=["FR", "تعليقات"]))
    x = m(score(g, p), "documents.boilerplate")
    assert (x["tp"], x["fp"], x["fn"]) == (2, 1, 1)


# ---- pairing -------------------------------------------------------------------------

def test_documents_paired_by_file_name():
    g = corpus(doc("a.txt", title="ت"))
    p = corpus(doc("/tmp/run/a.txt", title="ت"))
    r = score(g, p)
    assert r["pairing"]["paired"] == ["a.txt"] and m(r, "documents.title")["score"] == 1.0
    assert basename("C:\\x\\a.txt") == "a.txt"


def test_unpaired_documents_are_listed_and_count_as_missed_or_spurious():
    g = corpus(doc("a.txt", title="ت", entities=[ent("A", "PER", "سعيد")]))
    p = corpus(doc("b.txt", title="ت", entities=[ent("A", "PER", "سعيد")]))
    r = score(g, p)
    assert r["pairing"]["gold_only"] == ["a.txt"] and r["pairing"]["pred_only"] == ["b.txt"]
    x = m(r, "entities.entities")
    assert (x["tp"], x["fp"], x["fn"]) == (0, 1, 1)
    assert m(r, "documents.title") == {"kind": "accuracy", "score": 0.0, "correct": 0, "n": 1}


def test_bad_input_is_a_rasd_error():
    with pytest.raises(RasdError):
        score({}, corpus())
    with pytest.raises(RasdError):
        score(corpus(), {"documents": [{"title": "no name"}]})


# ---- cross-document ------------------------------------------------------------------

def test_same_event_is_document_pair_f1():
    assert doc_pairs([{"docs": ["a.txt", "b.txt", "c.txt"]}]) == {
        frozenset({"a.txt", "b.txt"}), frozenset({"a.txt", "c.txt"}), frozenset({"b.txt", "c.txt"})}
    g = corpus(cross={"same_event": [{"event": "x", "docs": ["a.txt", "b.txt", "c.txt"]}]})
    p = corpus(cross={"same_event": [{"event": "y", "docs": ["dir/b.txt", "a.txt"]}, {"event": "z", "docs": ["c.txt"]}]})
    x = m(score(g, p), "cross_document.same_event")
    assert (x["tp"], x["fp"], x["fn"]) == (1, 0, 2)


def test_text_reuse_pairs_are_unordered():
    g = corpus(cross={"text_reuse": [{"docs": ["a.txt", "b.txt"]}]})
    p = corpus(cross={"text_reuse": [{"docs": ["b.txt", "a.txt"]}, {"docs": ["a.txt", "c.txt"]}]})
    x = m(score(g, p), "cross_document.text_reuse")
    assert (x["tp"], x["fp"], x["fn"]) == (1, 1, 0)


def test_conflicts_match_by_field_and_partition_not_value_strings():
    gold = {"event": "g", "field": "date", "values": {"2024-03-04": ["a.txt", "b.txt"], "2024-03": ["c.txt"]}}
    same_split = {"event": "p7", "field": "date", "values": {"2024-03": ["c.txt"], "4 March": ["b.txt", "a.txt"]}}
    other_split = {"event": "p7", "field": "date", "values": {"x": ["a.txt"], "y": ["b.txt", "c.txt"]}}
    other_field = {"event": "p7", "field": "location", "values": {"x": ["a.txt", "b.txt"], "y": ["c.txt"]}}
    assert conflict_key(gold) == conflict_key(same_split)
    for pred, counts in ((same_split, (1, 0, 0)), (other_split, (0, 1, 1)), (other_field, (0, 1, 1))):
        x = m(score(corpus(cross={"conflicts": [gold]}), corpus(cross={"conflicts": [pred]})),
              "cross_document.conflicts")
        assert (x["tp"], x["fp"], x["fn"]) == counts


# ---- whole reports -------------------------------------------------------------------

def _all_one(report):
    scores = flatten(report)
    assert scores and all(v == 1.0 for v in scores.values()), {k: v for k, v in scores.items() if v != 1.0}


def test_mini_gold_against_itself_is_one_everywhere():
    _all_one(score(mini(), mini()))


def test_real_gold_against_itself_is_one_everywhere(shared):
    g = json.loads(GOLD.read_text(encoding="utf-8"))
    _all_one(score(g, copy.deepcopy(g)))


def test_empty_against_empty_is_one_where_measured():
    r = score(corpus(doc()), corpus(doc()))
    assert all(v in (1.0, None) for v in flatten(r).values())


def _broken(edit):
    p = mini()
    edit(p)
    return flatten(score(mini(), p))


@pytest.mark.parametrize("edit,measure", [
    (lambda p: p["documents"][0].update(title="عنوان آخر"), "documents.title"),
    (lambda p: p["documents"][1].update(published=None), "documents.published"),
    (lambda p: p["documents"][0].update(outlet="Other Site"), "documents.outlet"),
    (lambda p: p["documents"][0]["boilerplate"].pop(), "documents.boilerplate"),
    (lambda p: p["documents"][0]["entities"].pop(4), "entities.entities"),
    (lambda p: p["documents"][0]["entities"][2].update(type="LOC"), "entities.typed"),
    (lambda p: p["documents"][0]["entities"][0]["mentions"].pop(), "entities.mentions"),
    (lambda p: p["documents"][0]["entities"][3].update(name="Nigeria"), "entities.name"),
    (lambda p: p["documents"][0]["entities"][0].update(role=None), "entities.role"),
    (lambda p: p["documents"][1]["events"][0].update(type="COOPERATE"), "events.events"),
    (lambda p: p["documents"][0]["events"][0].update(mode="visit"), "events.mode"),
    (lambda p: p["documents"][0]["events"][0]["actors"].append("Niger"), "events.actors"),
    (lambda p: p["documents"][0]["events"][0]["counterparts"].append("Niger"), "events.counterparts_jaccard"),
    (lambda p: p["documents"][0]["events"][0].update(location=None), "events.country"),
    (lambda p: p["documents"][1]["events"][0]["date"].update(end=None), "events.date"),
    (lambda p: p["documents"][0]["events"][0].update(topics=[]), "events.topics_jaccard"),
    (lambda p: p["cross_document"]["same_event"][0]["docs"].pop(), "cross_document.same_event"),
    (lambda p: p["cross_document"].update(text_reuse=[]), "cross_document.text_reuse"),
    (lambda p: p["cross_document"]["conflicts"][0]["values"].update({"2024-03": ["c.txt", "b.txt"]}),
     "cross_document.conflicts"),
])
def test_broken_predictions_score_below_one(edit, measure):
    scores = _broken(edit)
    assert scores[measure] is not None and scores[measure] < 1.0


def test_report_is_json_and_renders():
    r = score(mini(), mini())
    assert json.loads(json.dumps(r, ensure_ascii=False))["schema"] == "rasd-eval/1"
    console = Console(record=True, width=120)
    render(r, console)
    text = console.export_text()
    for word in ("title accuracy", "boilerplate", "entities (typed)", "same event", "conflicts", "tp 3"):
        assert word in text
    assert "0.000" not in text


def test_render_lists_unpaired_documents():
    console = Console(record=True, width=120)
    render(score(corpus(doc("a.txt")), corpus(doc("b.txt"))), console)
    text = console.export_text()
    assert "gold only" in text and "a.txt" in text and "b.txt" in text


def test_cli_eval_gold_against_itself(tmp_path):
    from typer.testing import CliRunner

    from rasd.cli import app

    res = CliRunner().invoke(app, ["eval", str(MINI), str(MINI), "--json"])
    assert res.exit_code == 0, res.output
    assert all(v == 1.0 for v in flatten(json.loads(res.output)).values())
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    assert CliRunner().invoke(app, ["eval", str(MINI), str(bad)]).exit_code == 2


# ---- properties ----------------------------------------------------------------------

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from rasd.text.normalize import normalize  # noqa: E402

_ARABICISH = st.text(alphabet="ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآءـَُِ وفبلك abc", max_size=30)


@settings(max_examples=300, deadline=None)
@given(_ARABICISH, _ARABICISH)
def test_mention_similarity_is_symmetric_and_reflexive(a, b):
    ka, kb = mention_keys(a), mention_keys(b)
    assert key_similarity(ka, kb) == key_similarity(kb, ka)
    assert 0.0 <= key_similarity(ka, kb) <= 1.0
    if normalize(a):
        assert normalize(a) in ka and key_similarity(ka, ka) == 1.0
    # a conjunction in front of a first word of two or more letters never changes the match
    if len(normalize(a).split(" ")[0]) >= 2:
        assert key_similarity(mention_keys("و" + normalize(a)), ka) == 1.0


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["a.txt", "b.txt", "c.txt", "d.txt"]), max_size=4),
       st.lists(st.sampled_from(["a.txt", "b.txt", "c.txt", "d.txt"]), max_size=4))
def test_pair_f1_is_symmetric_in_precision_and_recall(x, y):
    gx = corpus(cross={"same_event": [{"docs": x}]})
    gy = corpus(cross={"same_event": [{"docs": y}]})
    a, b = m(score(gx, gy), "cross_document.same_event"), m(score(gy, gx), "cross_document.same_event")
    assert (a["p"], a["r"], a["f1"]) == (b["r"], b["p"], b["f1"])
