"""Event topics (rasd.events.topics): cue words of the event's own text, the paragraph that carries its
report on, and the participants' names.

Sentences are our own; documents are built by hand with ``make_doc`` (see test_events.py), so these
tests depend on neither the entities nor the time stage.
"""
from __future__ import annotations

import pytest

from rasd.events import extract_events
from rasd.events.lexicon import TOPICS, ontology
from rasd.events.topics import group_topics, line_topics
from test_events import make_doc

POLICE = {"شرطة الدار البيضاء": ("ORG", "Casablanca Police", "MA"), "الدار البيضاء": ("GPE", "Casablanca", "MA")}
GUARD = {"الحرس البحري": ("ORG", "Maritime Guard", "TN"), "المهدية": ("GPE", "Mahdia", "TN")}
MINISTERS = {"سامي الفارس": ("PER", "Sami Al-Fares", "JO"), "كريم بنعلي": ("PER", "Karim Benali", "MA"),
             "عمان": ("GPE", "Amman", "JO")}
DAY = {"يوم الإثنين 3 مارس 2025": ("2025-03-03", "2025-03-03", "day", "date")}


@pytest.mark.parametrize("text, topic", [
    ("حجزت الشرطة كمية من الأقراص المهلوسة", "drug_trafficking"),
    ("ضبط شحنة من حبوب الكبتاغون", "drug_trafficking"),
    ("حجز طن من الكيف المعالج", "drug_trafficking"),
    ("تفكيك عصابة تنشط في السرقة", "organized_crime"),
    ("متهمون ينتمون إلى شبكة دولية", "organized_crime"),
    ("إحباط عملية حرقة انطلاقا من الساحل", "migration"),
    ("تنظيم عمليات اجتياز الحدود البحرية خلسة", "migration"),
    ("إنقاذ مهاجرين على متن قارب", "migration"),
    ("توقيف متهمين في قضية تبييض أموال", "money_laundering"),
    ("تفكيك شبكة للابتزاز الإلكتروني", "cybercrime"),
    ("شبكات تهريب البشر عبر الصحراء", "human_trafficking"),
    ("خلية موالية لتنظيم الدولة الإسلامية", "terrorism"),
    ("عناصر تكفيرية خطيرة", "terrorism"),
])
def test_cue_words(text, topic):
    assert topic in line_topics(text)


@pytest.mark.parametrize("text", ["كيف تم ذلك", "قرأ كتابا عن تاريخ المدينة", "استقبل الوزير نظيره"])
def test_no_cue_in_plain_text(text):
    assert line_topics(text) == set()


def test_agency_names_and_groups_imply_topics():
    assert group_topics(["Anti-Narcotics Directorate"]) == {"drug_trafficking"}
    assert group_topics(["Counter-Terrorism Service"]) == {"terrorism"}
    assert group_topics(["Islamic State"]) == {"terrorism"}
    assert group_topics(["Ministry of Interior", "Morocco"]) == set()
    assert group_topics(["Drugstore Holdings Inc"]) == set()  # a whole word only


def test_a_seizure_gets_its_topics_from_its_own_sentence():
    text = "حجزت شرطة الدار البيضاء يوم الإثنين 3 مارس 2025 كمية كبيرة من الأقراص المهلوسة كانت بحوزة عصابة."
    evs = extract_events(make_doc(text, POLICE, DAY))
    assert [(e.type, e.mode) for e in evs] == [("COERCE", "seizure")]
    assert evs[0].topics == ["organized_crime", "drug_trafficking"]


def test_a_clandestine_crossing_is_about_migration():
    text = "أحبطت وحدات الحرس البحري بالمهدية يوم الإثنين 3 مارس 2025 عملية اجتياز للحدود البحرية خلسة."
    evs = extract_events(make_doc(text, GUARD, DAY))
    assert len(evs) == 1 and evs[0].topics == ["migration"]


def test_the_paragraph_where_a_participant_speaks_carries_the_report_on():
    text = ("استقبل سامي الفارس يوم الإثنين 3 مارس 2025 بعمان كريم بنعلي في إطار زيارة عمل.\n\n"
            "وأكد الوزير حرص بلاده على تنسيق الجهود في مواجهة شبكات الاتجار بالبشر.")
    evs = extract_events(make_doc(text, MINISTERS, DAY))
    assert [(e.type, e.mode) for e in evs] == [("CONSULT", "host")]
    assert evs[0].topics == ["human_trafficking"]


def test_a_commentator_s_paragraph_is_not_the_event_s_text():
    text = ("استقبل سامي الفارس يوم الإثنين 3 مارس 2025 بعمان كريم بنعلي في إطار زيارة عمل.\n\n"
            "ويرى باحث في الشؤون الأمنية أن المنطقة تواجه خطر الإرهاب والهجرة غير النظامية.")
    evs = extract_events(make_doc(text, MINISTERS, DAY))
    assert len(evs) == 1 and evs[0].topics == []


def test_a_paragraph_telling_another_happening_is_that_one_s():
    text = ("استقبل سامي الفارس يوم الإثنين 3 مارس 2025 بعمان كريم بنعلي في إطار زيارة عمل.\n\n"
            "وحجزت شرطة الدار البيضاء كمية من الكوكايين.")
    ents = {**MINISTERS, **POLICE}
    evs = extract_events(make_doc(text, ents, DAY))
    host = [e for e in evs if e.mode == "host"]
    assert host and host[0].topics == []


def test_every_topic_has_well_formed_name_words():
    onto = ontology()
    for t in TOPICS:
        words = onto.topics[t].get("name_words") or []
        assert isinstance(words, list)
        assert all(isinstance(w, str) and w.strip() == w and w == w.lower() and w.isascii() for w in words)
