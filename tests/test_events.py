"""Events stage: the table of our own sentences (tests/data/events_ar.csv) and document-level behaviour.

Documents are built by hand: raw text, entities found by ``str.find`` of the given surfaces, and
temporal expressions with their values, so these tests do not depend on the entities and time stages.
"""
from __future__ import annotations

import csv
from pathlib import Path

import pytest

from rasd.doc import Document, Entity, Mention, Published, Span, TimeExpr
from rasd.events import events, extract_events
from rasd.pipeline import Stage

DATA = Path(__file__).parent / "data" / "events_ar.csv"


# ---- helpers -------------------------------------------------------------------------------------

def _spans(text: str, surface: str):
    i = text.find(surface)
    while i >= 0:
        yield i, i + len(surface)
        i = text.find(surface, i + 1)


def make_doc(text: str, ents: dict[str, tuple[str, str, str | None]] | None = None,
             times: dict[str, tuple[str | None, str | None, str | None, str]] | None = None,
             published: str | None = "2025-12-31", title: bool = False) -> Document:
    """A Document from ``text``: ``ents`` maps a surface to (type, canonical name, country);
    ``times`` maps a surface to (start, end, grain, kind).  Every occurrence becomes a mention."""
    doc = Document(id="t", raw=text)
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            doc.content.append(Span(pos, pos + len(line), line))
        pos += len(line) + 1
    if title and doc.content:
        doc.title = doc.content[0]
    by_name: dict[str, Entity] = {}
    for surface, (typ, name, cc) in (ents or {}).items():
        ent = by_name.setdefault(name, Entity(f"e{len(by_name)}", typ, name, [], None, None, cc or None))
        for a, b in _spans(text, surface):
            ent.mentions.append(Mention(a, b, text[a:b], typ, "test", ent.id))
    doc.entities = [e for e in by_name.values() if e.mentions]
    for surface, (start, end, grain, kind) in (times or {}).items():
        for a, b in _spans(text, surface):
            doc.times.append(TimeExpr(a, b, text[a:b], start or None, end or None, grain or None, kind, "test"))
    doc.published = Published(published, published, "test")
    return doc


def _parse_ents(cell: str) -> dict:
    out = {}
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        surface, typ, name, cc = part.split(">")
        out[surface] = (typ, name, cc)
    return out


def _parse_times(cell: str) -> dict:
    out = {}
    for part in filter(None, (p.strip() for p in cell.split(";"))):
        surface, start, end, grain, kind = part.split(">")
        out[surface] = (start, end, grain, kind)
    return out


def _rows():
    with open(DATA, encoding="utf-8") as fh:
        lines = [l for l in fh if not l.startswith("#")]
    return list(csv.DictReader(lines))


ROWS = _rows()


def _names(cell: str) -> list[str]:
    return [x for x in cell.split(";") if x]


# ---- the table -----------------------------------------------------------------------------------

def test_table_covers_every_listed_mode():
    seen = {(r["type"], r["mode"]) for r in ROWS}
    needed = {("CONSULT", m) for m in ("visit", "host", "meeting", "multilateral", "phone")} | \
             {("COOPERATE", m) for m in ("extradition", "joint_operation")} | \
             {("SUPPORT", m) for m in ("praise", "award", "recognition")} | \
             {("COERCE", m) for m in ("arrest", "cell_dismantling", "seizure", "foiled_attack", "deport")} | \
             {("MOBILIZE", "security_deployment")} | \
             {("COERCE", "restrict"), ("COOPERATE", "intelligence_sharing"), ("ASSAULT", "suicide-attack"),
              ("ASSAULT", "abduct"), ("ACCUSE", "allege"), ("ACCUSE", "investigate"), ("SANCTION", "expel"),
              ("REQUEST", "yield"), ("THREATEN", "violence"), ("PROTEST", "demo")}
    assert needed <= seen
    types = {r["type"] for r in ROWS}
    assert {"AGREE", "REQUEST", "REJECT", "ACCUSE", "THREATEN", "PROTEST", "SANCTION", "AID", "CONCEDE", "ASSAULT"} <= types
    assert sum(1 for r in ROWS if r["type"] == "-") >= 8


@pytest.mark.parametrize("row", ROWS, ids=[r["id"] for r in ROWS])
def test_events_table(row):
    doc = make_doc(row["text"], _parse_ents(row["entities"]), _parse_times(row["times"]))
    evs = extract_events(doc)
    if row["type"] == "-":
        assert evs == [], f"expected no event, got {[(e.type, e.mode, e.actors) for e in evs]}"
        return
    assert len(evs) == 1, [(e.type, e.mode, e.actors, e.counterparts) for e in evs]
    ev = evs[0]
    assert (ev.type, ev.mode) == (row["type"], row["mode"] or None)
    assert ev.actors == _names(row["actors"])
    assert ev.counterparts == _names(row["counterparts"])
    if row["location"]:
        assert ev.location is not None and (ev.location.name, ev.location.country) == (row["location"], row["country"])
    else:
        assert ev.location is None
    if row["date"]:
        assert f"{ev.date.start}/{ev.date.end}" == row["date"]
    else:
        assert ev.date.start is None
    assert ev.status == row["status"]
    assert doc.raw[ev.trigger.start:ev.trigger.end] == ev.trigger.text
    assert ev.evidence and all(doc.raw[s.start:s.end] == s.text for s in ev.evidence)
    assert any(r.startswith("trigger:") for r in ev.rules)


# ---- document-level behaviour --------------------------------------------------------------------

VISIT = {"عبد اللطيف حموشي": ("PER", "Abdellatif Hammouchi", "MA"), "حموشي": ("PER", "Abdellatif Hammouchi", "MA"),
         "واشنطن": ("GPE", "Washington", "US"), "كاش باتيل": ("PER", "Kash Patel", "US")}


def test_one_visit_told_three_times_is_one_event():
    text = ("زيارة حموشي إلى واشنطن\n"
            "حل عبد اللطيف حموشي بواشنطن يومي 3 و4 ماي 2025 في زيارة عمل.\n"
            "وعرفت هذه الزيارة جلسات عمل مع كاش باتيل مدير مكتب التحقيقات الفيدرالي.")
    doc = make_doc(text, VISIT, {"يومي 3 و4 ماي 2025": ("2025-05-03", "2025-05-04", "day", "range")}, title=True)
    evs = extract_events(doc)
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.type, ev.mode, ev.actors, ev.counterparts) == ("CONSULT", "visit", ["Abdellatif Hammouchi"], ["Kash Patel"])
    assert (ev.date.start, ev.date.end) == ("2025-05-03", "2025-05-04")
    assert len(ev.evidence) == 3


def test_different_happenings_stay_apart():
    text = ("التقى عبد اللطيف حموشي مع كاش باتيل سنة 2019.\n"
            "وزار حموشي واشنطن سنة 2022 حيث التقى كاش باتيل.")
    doc = make_doc(text, VISIT, {"سنة 2019": ("2019", "2019", "year", "absolute"),
                                 "سنة 2022": ("2022", "2022", "year", "absolute")})
    evs = extract_events(doc)
    assert [(e.mode, e.date.start) for e in evs] == [("meeting", "2019"), ("visit", "2022")]


def test_intelligence_sharing_during_a_visit_inherits_its_participants():
    text = ("زار عبد اللطيف حموشي واشنطن يوم 5 ماي 2025 حيث التقى كاش باتيل.\n"
            "وتميزت هذه الزيارة بتبادل المعلومات حول التنظيمات الإرهابية.")
    doc = make_doc(text, VISIT, {"يوم 5 ماي 2025": ("2025-05-05", "2025-05-05", "day", "absolute")})
    evs = extract_events(doc)
    assert [(e.type, e.mode) for e in evs] == [("CONSULT", "visit"), ("COOPERATE", "intelligence_sharing")]
    share = evs[1]
    assert share.actors == ["Abdellatif Hammouchi"] and share.counterparts == ["Kash Patel"]
    assert share.location.country == "US" and share.date.start == "2025-05-05"
    assert share.topics == ["terrorism"]


def test_information_exchange_with_no_reported_meeting_is_background():
    doc = make_doc("يقوم التعاون بين البلدين على تبادل المعلومات حول الإرهاب.", {})
    assert extract_events(doc) == []


def test_duration_stretches_a_start_day():
    text = ("ستحتضن مدينة طنجة لمدة يومين المؤتمر العربي لقادة الشرطة.\n"
            "وينطلق هذا المؤتمر يوم 6 دجنبر 2025.")
    doc = make_doc(text, {"طنجة": ("GPE", "Tangier", "MA")},
                   {"لمدة يومين": (None, None, None, "duration"),
                    "يوم 6 دجنبر 2025": ("2025-12-06", "2025-12-06", "day", "absolute")})
    evs = extract_events(doc)
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.mode, ev.actors, ev.location.name) == ("multilateral", ["Morocco"], "Tangier")
    assert (ev.date.start, ev.date.end, ev.status) == ("2025-12-06", "2025-12-07", "scheduled")


def test_meeting_on_the_sidelines_is_a_meeting_not_the_conference():
    text = "اجتمع عبد اللطيف حموشي بكاش باتيل على هامش أشغال مؤتمر دولي في واشنطن سنة 2024."
    doc = make_doc(text, VISIT, {"سنة 2024": ("2024", "2024", "year", "absolute")})
    evs = extract_events(doc)
    assert [(e.type, e.mode) for e in evs] == [("CONSULT", "meeting")]


def test_title_standing_for_a_person_named_earlier():
    text = ("استقبل عبد اللطيف حموشي يوم 2 يونيو 2025 بالرباط مدير مكتب التحقيقات الفيدرالي كاش باتيل.\n"
            "وسبق لحموشي أن زار واشنطن سنة 2023 حيث التقى بمدير مكتب التحقيقات الفيدرالي.")
    ents = dict(VISIT, **{"الرباط": ("GPE", "Rabat", "MA"), "مكتب التحقيقات الفيدرالي": ("ORG", "FBI", "US")})
    doc = make_doc(text, ents, {"يوم 2 يونيو 2025": ("2025-06-02", "2025-06-02", "day", "absolute"),
                                "سنة 2023": ("2023", "2023", "year", "absolute")})
    evs = extract_events(doc)
    assert [(e.mode, e.counterparts) for e in evs] == [("host", ["Kash Patel"]), ("visit", ["Kash Patel"])]


def test_empty_and_eventless_documents():
    assert extract_events(make_doc("", {})) == []
    assert extract_events(make_doc("طقس مشمس اليوم في معظم المناطق.", {})) == []


def test_stage_declaration():
    assert isinstance(events, Stage)
    assert events.name == "events" and events.sets == ("events",)
    assert set(events.requires) >= {"content", "entities", "times"}
    doc = make_doc("استقبل عبد اللطيف حموشي بالرباط كاش باتيل يوم 2 يونيو 2025.",
                   dict(VISIT, **{"الرباط": ("GPE", "Rabat", "MA")}),
                   {"يوم 2 يونيو 2025": ("2025-06-02", "2025-06-02", "day", "absolute")})
    out = events(doc)
    assert out is doc and [e.id for e in doc.events] == ["consult-host-1"]
    assert doc.bad_spans() == []


def test_visit_absorbs_talks_told_later_and_a_bare_state_stands_for_its_official():
    text = ("حل المدير العام للأمن الوطني يوسف المنصوري بالعاصمة الإسبانية مدريد يومي 13 و14 مارس 2025 في زيارة عمل.\n"
            "وأجرى المنصوري خلال هذه الزيارة مباحثات مع نظيره خافيير غارسيا.\n"
            "كما التقى المسؤول الأمني المغربي يوم 14 مارس 2025 بالمديرة العامة للحرس المدني ماريا سانتوس.")
    ents = {"يوسف المنصوري": ("PER", "Youssef El Mansouri", "MA"), "المنصوري": ("PER", "Youssef El Mansouri", "MA"),
            "مدريد": ("GPE", "Madrid", "ES"), "خافيير غارسيا": ("PER", "Javier Garcia", "ES"),
            "ماريا سانتوس": ("PER", "Maria Santos", "ES")}
    times = {"يومي 13 و14 مارس 2025": ("2025-03-13", "2025-03-14", "day", "range"),
             "يوم 14 مارس 2025": ("2025-03-14", "2025-03-14", "day", "absolute")}
    evs = extract_events(make_doc(text, ents, times))
    assert len(evs) == 1
    ev = evs[0]
    assert (ev.mode, ev.actors, ev.counterparts) == ("visit", ["Youssef El Mansouri"], ["Javier Garcia", "Maria Santos"])
    assert (ev.location.name, ev.date.start, ev.date.end) == ("Madrid", "2025-03-13", "2025-03-14")


# ---- breadth: document-level mechanisms (lexicon alternatives, untold agents, operations, dates) ----

ALG = {"للجيش الوطني الشعبي": ("ORG", "People's National Army", "DZ"), "تمنراست": ("GPE", "Tamanrasset", "DZ"),
       "وهران": ("GPE", "Oran", "DZ")}
WEEK = {"من 2 إلى 8 جوان 2025": ("2025-06-02", "2025-06-08", "day", "range")}


def test_a_sentence_date_governs_its_coordinated_police_actions():
    text = "أوقفت مفارز للجيش الوطني الشعبي من 2 إلى 8 جوان 2025 عشرين تاجر مخدرات وحجزت خمسة قناطير من الكيف المعالج."
    evs = extract_events(make_doc(text, ALG, WEEK))
    assert [(e.mode, e.actors, e.date.start, e.date.end) for e in evs] == [
        ("arrest", ["People's National Army"], "2025-06-02", "2025-06-08"),
        ("seizure", ["People's National Army"], "2025-06-02", "2025-06-08")]
    assert "date:governs-sentence" in evs[1].rules


def test_a_passive_police_action_takes_the_service_of_the_report():
    text = ("أوقفت مفارز للجيش الوطني الشعبي من 2 إلى 8 جوان 2025 عشرين تاجر مخدرات بولاية تمنراست.\n"
            "وفي سياق متصل، تم توقيف 27 مهاجرا غير شرعي بولاية وهران.")
    evs = extract_events(make_doc(text, ALG, WEEK))
    assert len(evs) == 2  # another place: another happening
    assert evs[1].actors == ["People's National Army"] and "actor:earlier-police-action" in evs[1].rules


def test_a_passive_police_action_abroad_is_that_state_s():
    text = ("أوقفت مفارز للجيش الوطني الشعبي من 2 إلى 8 جوان 2025 عشرين تاجر مخدرات بولاية تمنراست.\n"
            "وكان المطلوب قد فر إلى الخارج، وتم إيقافه بمدينة ميلانو في شهر جانفي 2025.")
    ents = dict(ALG, **{"ميلانو": ("GPE", "Milan", "IT")})
    evs = extract_events(make_doc(text, ents, dict(WEEK, **{"في شهر جانفي 2025": ("2025-01", "2025-01", "month", "absolute")})))
    assert [(e.mode, e.actors, e.location.country) for e in evs][1] == ("arrest", ["Italy"], "IT")


def test_a_masdar_with_no_agent_and_no_auxiliary_is_background():
    text = "وقادت المعلومات إلى توقيف متورطين في مدينة ميلانو."
    assert extract_events(make_doc(text, {"ميلانو": ("GPE", "Milan", "IT")})) == []


def test_arrests_and_seizures_of_a_dismantling_are_that_operation():
    text = ("أعلن المكتب المركزي للأبحاث القضائية يوم 4 مارس 2025 تفكيك خلية موالية لتنظيم داعش واعتقال أربعة من عناصرها.\n"
            "وأسفرت عمليات التفتيش عن حجز أسلحة بيضاء ومعدات إلكترونية.")
    ents = {"المكتب المركزي للأبحاث القضائية": ("ORG", "BCIJ", "MA"), "داعش": ("ORG", "Islamic State", "")}
    evs = extract_events(make_doc(text, ents, {"يوم 4 مارس 2025": ("2025-03-04", "2025-03-04", "day", "absolute")}))
    assert [(e.mode, e.actors, e.counterparts) for e in evs] == [("cell_dismantling", ["BCIJ"], ["Islamic State"])]
    assert "absorbed:arrest" in evs[0].rules and "absorbed:seizure" in evs[0].rules
    assert len(evs[0].evidence) == 2


def test_a_form_shared_by_entries_takes_the_one_whose_object_follows():
    ents = {"شرطة دبي": ("ORG", "Dubai Police", "AE")}
    day = {"يوم 8 يناير 2025": ("2025-01-08", "2025-01-08", "day", "absolute")}
    people = extract_events(make_doc("ضبطت شرطة دبي يوم 8 يناير 2025 ثلاثة متهمين.", ents, day))
    goods = extract_events(make_doc("ضبطت شرطة دبي يوم 8 يناير 2025 طنا من المخدرات.", ents, day))
    attack = extract_events(make_doc("أحبطت شرطة دبي يوم 8 يناير 2025 مخططا إرهابيا.", ents, day))
    assert [e.mode for e in people] == ["arrest"] and [e.mode for e in goods] == ["seizure"]
    assert [e.mode for e in attack] == ["foiled_attack"]


def test_a_finer_date_in_apposition_wins():
    text = "عاد الحديث عن الاجتماع الذي احتضنته تونس في مارس الماضي، يومي 5 و6 مارس 2024."
    times = {"في مارس الماضي": ("2024-03", "2024-03", "month", "relative"),
             "يومي 5 و6 مارس 2024": ("2024-03-05", "2024-03-06", "day", "range")}
    evs = extract_events(make_doc(text, {"تونس": ("GPE", "Tunisia", "TN")}, times))
    assert [(e.mode, e.date.start, e.date.end) for e in evs] == [("multilateral", "2024-03-05", "2024-03-06")]


# ---- dates of reports and happenings; who holds the hostages ------------------------------------

SAME_DAY = {"الشرطة الليبية": ("ORG", "Libyan Police", "LY"), "زوارة": ("GPE", "Zuwara", "LY"),
            "الحرس الوطني": ("ORG", "National Guard (Tunisia)", "TN"), "صفاقس": ("GPE", "Sfax", "TN")}


@pytest.mark.parametrize("marked", ["مساء اليوم نفسه", "في نفس اليوم", "في اليوم ذاته"])
def test_same_day_is_the_day_told_before_not_today(marked):
    day = marked.replace("في ", "").replace(" نفسه", "").replace(" ذاته", "").replace("نفس ", "")
    text = ("أوقفت الشرطة الليبية مهربا يوم 3 نوفمبر 2025 في زوارة.\n"
            f"وفي صفاقس، أوقف الحرس الوطني شريكه {marked}.")
    times = {"يوم 3 نوفمبر 2025": ("2025-11-03", "2025-11-03", "day", "absolute"),
             day: ("2025-11-24", "2025-11-24", "day", "relative")}
    evs = extract_events(make_doc(text, SAME_DAY, times, published="2025-11-24"))
    assert [(e.actors, e.date.start) for e in evs] == [(["Libyan Police"], "2025-11-03"),
                                                        (["National Guard (Tunisia)"], "2025-11-03")]


def test_today_without_a_same_marker_stays_today():
    text = ("أوقفت الشرطة الليبية مهربا يوم 3 نوفمبر 2025 في زوارة.\n"
            "وفي صفاقس، أوقف الحرس الوطني شريكه مساء اليوم.")
    times = {"يوم 3 نوفمبر 2025": ("2025-11-03", "2025-11-03", "day", "absolute"),
             "مساء اليوم": ("2025-11-24", "2025-11-24", "day", "relative")}
    evs = extract_events(make_doc(text, SAME_DAY, times, published="2025-11-24"))
    assert [e.date.start for e in evs] == ["2025-11-03", "2025-11-24"]


@pytest.mark.parametrize("text, entry", [
    ("أفادت مصادر بأن مجموعة مسلحة احتجزت عشرة صيادين قبالة السواحل.", "abduction-detain"),
    ("كانت مجموعة مسلحة قد احتجزتهم قبل أسبوعين.", "abduction-detain"),
    ("احتجزت مجموعة مسلحة خمسة عمال في الصحراء.", "abduction-detain"),
    ("احتجزت الشرطة خمسة مشتبه بهم في المدينة.", "arrest-verb"),
    ("احتجزت الشرطة مجموعة مسلحة في المدينة.", "arrest-verb"),
])
def test_detention_by_an_armed_group_is_an_abduction(text, entry):
    from rasd.events import context, lexicon, triggers
    kept, _ = triggers.find(context.build(make_doc(text)), lexicon())
    assert [h.entry.id for h in kept] == [entry]
