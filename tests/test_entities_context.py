"""The entities stage with document context (sentences we wrote): national bodies take their
country from a nisba or the article, captions add mentions of people already named, and the
batched paths give the same answer as the one-sentence paths."""
from __future__ import annotations

import pytest

from rasd.doc import Document, Line, Span
from rasd.entities import entities
from rasd.entities.recognize import recognize, recognize_sentence, sentence_tokens, tagger


def run(text: str) -> Document:
    doc = Document(id="t", raw=text)
    doc.content = [Span(0, len(text), text)]
    return entities(doc)


def names(doc: Document) -> dict[str, str]:
    return {m.text: e.name for e in doc.entities for m in e.mentions}


def test_national_body_of_the_article_country_not_the_kb_default():
    text = ("أوقفت قوات الأمن في وهران وتلمسان وقسنطينة ثلاثة مهربين قدموا من الجزائر العاصمة، "
            "وضبطت شحنة عبرت الحدود مع المغرب. وأعلنت المديرية العامة للأمن الوطني حصيلتها.")
    doc = run(text)
    body = next(e for e in doc.entities if any(m.text == "المديرية العامة للأمن الوطني" for m in e.mentions))
    assert body.country == "DZ" and "Algeria" in body.name


def test_national_body_of_the_kb_country_stays_when_the_article_is_about_it():
    text = "التقى المدير العام للأمن الوطني بالرباط وفدا من فرنسا، وأشاد بالتعاون بين المغرب وفرنسا."
    got = names(run(text))
    assert got["المدير العام للأمن الوطني"] == "DGSN"


def test_shared_ministry_name_with_national_adjective_is_kept_whole():
    text = ("حجزت وحدات الجيش في وهران وتلمسان كميات من المخدرات قادمة من المغرب، حسب ما أفادت به "
            "وزارة الدفاع الوطني. وأكدت الجزائر عزمها مواصلة الجهود في الجزائر العاصمة.")
    doc = run(text)
    ent = next(e for e in doc.entities if any(m.text == "وزارة الدفاع الوطني" for m in e.mentions))
    assert ent.country == "DZ"


def test_caption_lines_add_mentions_of_people_already_named_only():
    body = "استقبل الرئيس الفرنسي إيمانويل ماكرون المستشار الألماني أولاف شولتس في باريس."
    caption = "ماكرون وشولتس"
    stranger = "ماكرون وبنكيران"
    raw = "\n".join([body, caption, stranger])
    doc = Document(id="t", raw=raw)
    b0 = len(body) + 1
    s0 = b0 + len(caption) + 1
    doc.lines = [Line(0, len(body), body), Line(b0, b0 + len(caption), caption, kind="boilerplate",
                                               rule="caption:name-pair"),
                 Line(s0, s0 + len(stranger), stranger, kind="boilerplate", rule="repeat")]
    doc.content = [Span(0, len(body), body)]
    entities(doc)
    assert not doc.bad_spans()
    caps = [m for m in doc.mentions if m.start >= b0]
    assert {m.text for m in caps} == {"ماكرون", "شولتس"}
    assert all(m.rule == "coref:caption" for m in caps)
    assert len(doc.entities) == len({e.id for e in doc.entities})
    assert not any(m.text == "بنكيران" for m in doc.mentions)


SENTENCES = [
    "استقبل وزير الداخلية عبد الوافي لفتيت بالرباط نظيره الإسباني فرناندو غراندي مارلاسكا.",
    "وقال العقيد سمير الهواري إن دورية الحرس البحري اعترضت قاربا قبالة سواحل صفاقس.",
    "أعلن جهاز الأمن الوطني العراقي اعتقال خمسة متهمين في كركوك وصلاح الدين.",
    "تحدث باسم الإدارة العامة السيد كريم بنعلي أمام الصحفيين.",
]


def test_tag_many_equals_one_sentence_tagging():
    tg = tagger()
    if tg is None:
        pytest.skip("tagger model missing")
    toks = [[t.text for t in sentence_tokens(s, Span(0, len(s), s))] for s in SENTENCES]
    assert tg.tag_many(toks) == [tg.tag_crfsuite(t) for t in toks]


def test_batched_recognize_equals_recognize_sentence():
    raw = "\n".join(SENTENCES)
    doc = Document(id="t", raw=raw)
    start = 0
    for s in SENTENCES:
        doc.content.append(Span(start, start + len(s), s))
        start += len(s) + 1
    batched = recognize(doc)
    single = []
    for sp in doc.content:
        toks = sentence_tokens(raw, sp)
        single.append([(f.start, f.end, f.type, f.rule) for f in recognize_sentence(toks)])
    assert [[(f.start, f.end, f.type, f.rule) for f in found] for _, found in batched] == single
