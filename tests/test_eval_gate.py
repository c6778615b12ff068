"""Evaluation gate: the whole pipeline on the development seeds must not fall below the floors.

The floors live in tests/data/eval_floors.json as ``{"section.measure": floor}`` (the names of
``rasd.eval.flatten``); the lead raises them as stages land.  A measure with nothing to
compare (``None``, e.g. mode accuracy when no event was matched) counts as 0.0.
Skipped when ../shared is not beside the checkout.
"""
import json
from pathlib import Path

import pytest

from rasd.eval import flatten, score
from rasd.output import corpus_to_json
from rasd.pipeline import process_paths

from conftest import GOLD, SEEDS, SHARED

FLOORS_FILE = Path(__file__).parent / "data" / "eval_floors.json"
FLOORS: dict[str, float] = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def seed_scores() -> dict[str, float | None]:
    if not SHARED.exists():
        pytest.skip("../shared is not beside the checkout")
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    pred = corpus_to_json(process_paths([str(SEEDS)]))
    return flatten(score(gold, pred))


def test_floors_name_exactly_the_reported_measures():
    empty = {"documents": []}
    assert set(FLOORS) == set(flatten(score(empty, empty)))
    assert all(isinstance(v, (int, float)) and 0.0 <= v <= 1.0 for v in FLOORS.values())


@pytest.mark.parametrize("measure", sorted(FLOORS))
def test_measure_at_or_above_its_floor(seed_scores, measure):
    got = seed_scores.get(measure)
    value = 0.0 if got is None else got
    assert value >= FLOORS[measure], f"{measure}: {got} is below the floor {FLOORS[measure]}"
