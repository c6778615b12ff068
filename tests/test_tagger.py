"""The CRF name tagger: model packaging, features, and people found after a title."""
from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from rasd.entities.features import cue_index, sentence_features, word_shape
from rasd.entities.tagger import get_tagger, meta_path_for, model_path, read_meta
from rasd.resources import lint_arabic, load_yaml
from rasd.text.normalize import normalize

DATA = Path(__file__).parent / "data"
TAGS = {"O", "B-PERS", "I-PERS", "B-LOC", "I-LOC", "B-ORG", "I-ORG", "B-MISC", "I-MISC"}


def _cases():
    with open(DATA / "tagger_person_after_title.csv", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_model_is_packaged_with_metadata():
    p = model_path()
    assert p.is_file()
    assert p.stat().st_size < 20_000_000
    meta = read_meta(p)
    assert meta["feature_version"] >= 1
    assert meta["about"] and meta["source"]
    assert json.loads(meta_path_for(p).read_text(encoding="utf-8")) == meta


@pytest.mark.parametrize("case", _cases(), ids=lambda c: c["person"])
def test_person_after_title(case):
    tokens = case["sentence"].split()
    tags = get_tagger().tag(tokens)
    assert len(tags) == len(tokens) and set(tags) <= TAGS
    found = [t for t, g in zip(tokens, tags) if g.endswith("PERS")]
    assert " ".join(found) == case["person"]


def test_tag_many_and_empty():
    tagger = get_tagger()
    assert tagger.tag([]) == []
    out = tagger.tag_many([["زار", "المغرب"], []])
    assert len(out[0]) == 2 and out[1] == []


def test_tagger_is_cached():
    assert get_tagger() is get_tagger()


def test_features_same_shape_and_deterministic():
    tokens = ["وقال", "السيد", "أحمد", "في", "الرباط", "2024", "FBI", "."]
    a = sentence_features(tokens)
    assert len(a) == len(tokens)
    assert a == sentence_features(list(tokens))
    assert "cue-1=title" in a[2]
    assert "stem=قال" in a[0]


@pytest.mark.parametrize("token,shape", [("الرباط", "ar"), ("2024", "num"), ("FBI", "Lat"), ("ebay", "lat"),
                                         (".", "punc"), ("G7", "mix")])
def test_word_shape(token, shape):
    assert word_shape(token) == shape


def test_cue_word_file_schema():
    data = load_yaml("lexicons/ner_cue_words.yml")
    assert set(data) == {"about", "source", "groups"}
    assert set(data["groups"]) == {"title", "person_verb", "org_head", "place_head"}
    for group, words in data["groups"].items():
        assert isinstance(words, list) and words, group
        for w in words:
            assert isinstance(w, str) and w.strip() == w and " " not in w, (group, w)
            assert not lint_arabic(w), (group, w)
    assert cue_index()[normalize("الرئيس")] == "title"


def test_fast_decoder_agrees_with_crfsuite():
    tagger = get_tagger()
    sentences = [case["sentence"].split() for case in _cases()] + [
        ["أعلنت", "وزارة", "الداخلية", "الإسبانية", "في", "مدريد", "عن", "تفكيك", "خلية", "."],
        ["FBI", "و", "الإنتربول", "2024"],
        ["كلمة"],
    ]
    for tokens in sentences:
        assert tagger.tag(tokens) == tagger.tag_crfsuite(tokens)


from hypothesis import given, settings, strategies as st  # noqa: E402

_TOKEN = st.text(alphabet=st.sampled_from("ابتثجحخدذرسشصضطظعغفقكلمنهويىةأإآءئؤ ًٌٍَُِّْـ\u200fAZaz09٠٩.،؟-'\"()"),
                 min_size=0, max_size=8)


@settings(max_examples=60, deadline=None)
@given(st.lists(_TOKEN, min_size=0, max_size=12))
def test_tag_any_tokens(tokens):
    tags = get_tagger().tag(tokens)
    assert len(tags) == len(tokens) and set(tags) <= TAGS


def test_split_is_fixed_and_disjoint():
    from rasd.entities.train import split

    train, dev = split(list(range(1, 31)), 10)
    assert dev == [10, 20, 30]
    assert not set(train) & set(dev) and len(train) == 27
    with pytest.raises(ValueError):
        split([1, 2], 1)
