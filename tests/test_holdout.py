"""Held-out generalisation gates: rasd on articles it was never tuned on.

Two sets, each written by the rasd team and annotated by hand before rasd was run on them
(rasd-gold/1, the conventions of the seeds' gold):

* ``tests/data/holdout``: eight articles in the style of outlets absent from the development
  seeds (Gulf, Algerian, Iraqi, Egyptian, Moroccan, pan-Arab, Tunisian, Mauritanian);
* ``tests/data/holdout2``: six more (Al Jazeera Net, Asharq Al-Awsat, An-Nahar, Le360, Al-Sabah,
  Al-Masry Al-Youm) on topics the first set lacks (phishing ring, asset freeze, Sahel car bomb,
  hashish network with Europol, extradition, hostage release, Interpol red notice, a scheduled
  GCC meeting).

Every measure of ``rasd.eval.flatten`` must stay at or above its floor in the set's
``floors.json`` (measured value minus 0.05, rounded down to 0.05), so a regression on unseen
text is caught.  A measure with nothing to compare counts as 0.0.
"""
import json
from pathlib import Path

import pytest

from rasd.eval import flatten, score
from rasd.output import corpus_to_json, validate
from rasd.pipeline import process_paths

DATA = Path(__file__).parent / "data"
SETS = {"holdout": DATA / "holdout", "holdout2": DATA / "holdout2"}


def _gold(name: str) -> dict:
    return json.loads((SETS[name] / f"{name}.gold.json").read_text(encoding="utf-8"))


def _floors(name: str) -> dict[str, float]:
    return json.loads((SETS[name] / "floors.json").read_text(encoding="utf-8"))["floors"]


@pytest.fixture(scope="module")
def scores() -> dict[str, dict[str, float | None]]:
    """Run the whole pipeline on each set's articles and score it against its hand gold."""
    out = {}
    for name, folder in SETS.items():
        pred = corpus_to_json(process_paths([str(folder / "articles")]))
        out[name] = flatten(score(_gold(name), pred))
    return out


@pytest.mark.parametrize("name", SETS)
def test_gold_is_valid_and_names_every_article_once(name):
    gold = _gold(name)
    validate(gold)
    names = sorted(d["doc"] for d in gold["documents"])
    assert names == sorted(p.name for p in (SETS[name] / "articles").glob("*.txt"))


@pytest.mark.parametrize("name,doc", [(n, d) for n in SETS for d in _gold(n)["documents"]],
                         ids=lambda x: x if isinstance(x, str) else x["doc"])
def test_gold_strings_come_from_the_article(name, doc):
    """Mentions, title and boilerplate lines are exact strings of the raw article."""
    raw = (SETS[name] / "articles" / doc["doc"]).read_text(encoding="utf-8")
    lines = {line.strip() for line in raw.splitlines()}
    assert doc["title"] in lines
    assert set(doc["boilerplate"]) <= lines
    for entity in doc["entities"]:
        for mention in entity["mentions"]:
            assert mention in raw, (entity["name"], mention)
    names = {e["name"] for e in doc["entities"]}
    for event in doc["events"]:
        assert set(event["actors"]) | set(event["counterparts"]) <= names, event["id"]


@pytest.mark.parametrize("name", SETS)
def test_gold_same_event_ids_exist_in_each_named_document(name):
    gold = _gold(name)
    by_doc = {d["doc"]: {e["id"] for e in d["events"]} for d in gold["documents"]}
    for link in gold["cross_document"]["same_event"]:
        for doc in link["docs"]:
            assert link["event"] in by_doc[doc], (link["event"], doc)


@pytest.mark.parametrize("name", SETS)
def test_floors_name_exactly_the_reported_measures(name):
    empty = {"documents": []}
    floors = _floors(name)
    assert set(floors) == set(flatten(score(empty, empty)))
    assert all(isinstance(v, (int, float)) and 0.0 <= v <= 1.0 for v in floors.values())


@pytest.mark.parametrize("name,measure", [(n, m) for n in SETS for m in sorted(_floors(n))])
def test_measure_at_or_above_its_floor(scores, name, measure):
    got = scores[name].get(measure)
    value = 0.0 if got is None else got
    floor = _floors(name)[measure]
    assert value >= floor, f"{name} {measure}: {got} is below the floor {floor}"
