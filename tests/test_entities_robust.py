"""The entities stage on hostile input: absurdly long words and run-on sentences finish quickly
(no timing assertion: a hang would show as a stuck test) and keep every offset valid."""
from __future__ import annotations

from rasd.doc import Document, Span
from rasd.entities import entities
from rasd.entities.recognize import LONG_WORD, MAX_WORD, recognize_sentence, sentence_tokens


def run(text: str) -> Document:
    doc = Document(id="t", raw=text)
    doc.content = [Span(0, len(text), text)]
    return entities(doc)


def test_one_huge_word_alone():
    doc = run("كتب" * 30000)
    assert not doc.bad_spans()
    assert doc.mentions == []


def test_huge_word_after_a_title_is_not_a_name():
    text = "قال السيد أحمد " + "كتب" * 30000 + " إن الأمن مستتب في الرباط."
    doc = run(text)
    assert not doc.bad_spans()
    assert all(len(m.text) <= 4 * MAX_WORD for m in doc.mentions)
    assert "الرباط" in {m.text for m in doc.mentions}


def test_huge_word_after_an_organisation_head_does_not_extend_it():
    doc = run("أعلنت وزارة " + "الكتب" * 20000 + " الوطنية عن خطة.")
    assert not doc.bad_spans()
    assert all(len(m.text) <= 4 * MAX_WORD for m in doc.mentions)


def test_long_token_reads_as_a_placeholder_with_raw_offsets():
    text = "في " + "ب" * (MAX_WORD + 1) + " الرباط"
    toks = sentence_tokens(text, Span(0, len(text), text))
    assert toks[1].norm == LONG_WORD and text[toks[1].start:toks[1].end] == "ب" * (MAX_WORD + 1)
    found = recognize_sentence(toks)
    assert [text[f.start:f.end] for f in found] == ["الرباط"]


def test_run_on_sentence_of_many_words():
    text = " ".join(["زار أحمد الكتبي مدينة فاس"] * 3000)
    doc = run(text)
    assert not doc.bad_spans()
    assert any(m.text == "فاس" for m in doc.mentions)
