"""Every output validates against the rasd-gold/1 JSON Schema; the gold does too."""
import json

import pytest

from rasd.errors import SchemaError
from rasd.output import corpus_from_json, corpus_to_json, validate
from rasd.pipeline import process_paths

from conftest import EXAMPLES, GOLD, SEEDS


def test_gold_validates(shared):
    validate(json.loads(GOLD.read_text(encoding="utf-8")))


def test_output_on_seeds_validates_and_round_trips(shared):
    corpus = process_paths([str(SEEDS)])
    j = corpus_to_json(corpus)
    validate(j)
    again = corpus_to_json(corpus_from_json(json.loads(json.dumps(j))))
    assert again["documents"] == j["documents"]
    for d in corpus.documents:
        assert d.bad_spans() == []


def test_output_on_examples_validates():
    corpus = process_paths([str(EXAMPLES)])
    assert len(corpus.documents) >= 4
    validate(corpus_to_json(corpus))


def test_schema_rejects_changed_meaning():
    j = {"schema": "rasd-gold/1", "documents": [{"doc": "a", "outlet": None, "published": None, "title": None,
         "boilerplate": [], "entities": [{"type": "PERSON", "name": "x", "mentions": ["x"]}], "events": []}],
         "cross_document": {"same_event": [], "conflicts": [], "text_reuse": []}}
    with pytest.raises(SchemaError, match="entities/0/type"):
        validate(j)
