"""The document model: offsets always point into the raw text."""
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.doc import Document, Span
from rasd.pipeline import run_document
from rasd.text.normalize import normalize, normalize_map, strip_clitics
from rasd.text.tokens import sentences, tokenize

ARABIC = st.text(alphabet=st.sampled_from(list("ابتثجحخدذرسشصضطظعغفقكلمنهوي ءأإآةىًٌٍَُِّْـ\n.،؟0123456789٠١٢ ") + ["ﻻ", "\u200f"]), max_size=200)


@given(st.text(max_size=300) | ARABIC)
@settings(max_examples=200, deadline=None)
def test_tokens_and_sentences_are_raw_slices(text):
    for s in tokenize(text) + sentences(text):
        assert text[s.start:s.end] == s.text
        assert s.text.strip() == s.text


@given(st.text(max_size=200) | ARABIC)
@settings(max_examples=200, deadline=None)
def test_normalize_map_points_back(text):
    norm, idx = normalize_map(text)
    assert len(norm) == len(idx)
    assert idx == sorted(idx)
    assert all(0 <= i < len(text) for i in idx)


@given(st.text(max_size=200) | ARABIC)
@settings(max_examples=200, deadline=None)
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)


def test_normalize_folds():
    assert normalize("إسبانيا") == normalize("اسبانيا") == "اسبانيا"
    assert normalize("الدوليَين") == "الدوليين"
    assert normalize("المنتـــدى") == "المنتدي"
    assert normalize("مدرسة") == "مدرسه"
    assert normalize("ﻻ") == "لا"  # presentation form
    assert normalize("  FBI \n  ") == "fbi"


def test_strip_clitics():
    assert strip_clitics("والمغرب")[:3] == ["والمغرب", "المغرب", "مغرب"]
    assert "الرباط" in strip_clitics("بالرباط")
    assert "المنظمه" in strip_clitics("للمنظمه")
    assert strip_clitics("في") == ["في"]


@given(st.text(max_size=400) | ARABIC)
@settings(max_examples=100, deadline=None)
def test_pipeline_spans_are_valid(text):
    doc = run_document(Document(id="x", raw=text))
    assert doc.bad_spans() == []


def test_span_check():
    raw = "عبد اللطيف حموشي"
    assert Span(11, 16, "حموشي").check(raw)
    assert not Span(10, 16, "حموشي").check(raw)


@given(st.text(max_size=200) | ARABIC)
@settings(max_examples=300, deadline=None)
def test_fast_normalize_equals_mapped_normalize(text):
    assert normalize(text) == normalize_map(text)[0]
