"""Event coreference inside one document (rasd.events.coref) and the roles it settles (assemble).

Sentences are our own; documents are built by hand with ``make_doc`` (see test_events.py), so these
tests depend on neither the entities nor the time stage.
"""
from __future__ import annotations

import pytest

from rasd.events import extract_events
from rasd.events.coref import REFERENCE_FILE, REFERENCE_KEYS, reference_words
from rasd.resources import lint_arabic, load_yaml
from test_events import make_doc

GROUP = ("ORG", "Jama'at al-Rimal", None)
STATES = {"مالي": ("GPE", "Mali", "ML"), "ماليين": ("GPE", "Mali", "ML"), "تشاد": ("GPE", "Chad", "TD"),
          "غاو": ("GPE", "Gao", "ML"), "الاتحاد الأفريقي": ("ORG", "African Union", None)}
SAT = {"يوم السبت 8 مارس 2025": ("2025-03-08", "2025-03-08", "day", "date")}


def _of(evs, typ):
    return [e for e in evs if e.type == typ]


# ---- the data file ---------------------------------------------------------------------------------

def test_reference_file_schema():
    data = load_yaml(REFERENCE_FILE)
    assert data.get("about") and data.get("source")
    assert isinstance(data.get("window"), int) and data["window"] > 0
    for key in REFERENCE_KEYS:
        vals = data[key]
        assert isinstance(vals, list) and vals, key
        assert all(isinstance(v, str) and v.strip() and not lint_arabic(v) for v in vals), key
        assert len(vals) == len(set(vals)), f"duplicates in {key}"
    refs = reference_words()
    assert all(getattr(refs, key) for key in REFERENCE_KEYS) and refs.window == data["window"]


# ---- one attack told several times -------------------------------------------------------------------

def test_attack_told_three_times_is_one_event_with_claimant_and_target():
    text = ("مالي: مقتل جنود في هجوم بسيارة مفخخة\n"
            "قتل 7 جنود ماليين يوم السبت 8 مارس 2025 في هجوم بسيارة مفخخة على ثكنة في غاو.\n"
            "وتبنت جماعة الرمال الهجوم في بيان يوم الأحد 9 مارس 2025.\n"
            "وأدان الاتحاد الأفريقي الهجوم.")
    sun = {"يوم الأحد 9 مارس 2025": ("2025-03-09", "2025-03-09", "day", "date")}
    doc = make_doc(text, {"جماعة الرمال": GROUP, **STATES}, {**SAT, **sun}, title=True)
    attacks = _of(extract_events(doc), "ASSAULT")
    assert len(attacks) == 1
    ev = attacks[0]
    assert ev.mode == "explosives"
    assert ev.actors == ["Jama'at al-Rimal"]
    assert "Mali" in ev.counterparts and "African Union" not in ev.actors + ev.counterparts
    assert ev.date.start == "2025-03-08"
    assert len(ev.evidence) >= 3


def test_condemnation_alone_makes_no_attack():
    text = "وأدان الاتحاد الأفريقي الهجوم الذي استهدف ثكنة في غاو."
    doc = make_doc(text, STATES)
    assert not _of(extract_events(doc), "ASSAULT")


@pytest.mark.parametrize("text", [
    "مالي: مقتل 5 جنود في هجوم على ثكنة في غاو يوم السبت 8 مارس 2025.",
    "أعلنت مالي مقتل 5 جنود في هجوم على ثكنة في غاو يوم السبت 8 مارس 2025.",
    "قتل 5 جنود ماليين في هجوم على ثكنة في غاو يوم السبت 8 مارس 2025.",
])
def test_victims_are_not_the_attacker(text):
    doc = make_doc(text, {"جماعة الرمال": GROUP, **STATES}, SAT)
    for ev in _of(extract_events(doc), "ASSAULT"):
        assert "Mali" not in ev.actors


def test_attacker_before_the_victims_stays_actor():
    text = "شنت جماعة الرمال يوم السبت 8 مارس 2025 هجوما على ثكنة في غاو أسفر عن مقتل 5 جنود ماليين."
    attacks = _of(extract_events(make_doc(text, {"جماعة الرمال": GROUP, **STATES}, SAT)), "ASSAULT")
    assert attacks and attacks[0].actors == ["Jama'at al-Rimal"]


def test_claimed_attack_keeps_claimant_as_actor():
    text = "وتبنت جماعة الرمال هجوما بعبوة ناسفة على دورية في غاو يوم السبت 8 مارس 2025."
    doc = make_doc(text, {"جماعة الرمال": GROUP, **STATES}, SAT)
    attacks = _of(extract_events(doc), "ASSAULT")
    assert attacks and attacks[0].actors == ["Jama'at al-Rimal"]


# ---- headline and body ------------------------------------------------------------------------------

POLICE = {"الحرس الوطني": ("ORG", "Garde nationale", "TN"), "تونس": ("GPE", "Tunisia", "TN"),
          "صفاقس": ("GPE", "Sfax", "TN"), "سوسة": ("GPE", "Sousse", "TN")}


def test_headline_and_body_dismantling_are_one():
    text = ("تفكيك شبكة لتهريب البشر في صفاقس\n"
            "تمكن الحرس الوطني يوم السبت 8 مارس 2025 من تفكيك شبكة إجرامية لتهريب البشر بمدينة صفاقس.")
    doc = make_doc(text, POLICE, SAT, title=True)
    cells = [e for e in extract_events(doc) if e.mode == "cell_dismantling"]
    assert len(cells) == 1
    assert cells[0].actors == ["Garde nationale"]


@pytest.mark.parametrize("second", [
    "وفي 2 فبراير 2024 أوقف الحرس الوطني مهربا آخر بمدينة سوسة.",
])
def test_arrests_in_other_cities_and_dates_stay_apart(second):
    text = "أوقف الحرس الوطني يوم السبت 8 مارس 2025 مهربا بمدينة صفاقس.\n" + second
    doc = make_doc(text, POLICE, {**SAT, "2 فبراير 2024": ("2024-02-02", "2024-02-02", "day", "date")})
    arrests = [e for e in extract_events(doc) if e.mode == "arrest"]
    assert len(arrests) == 2


def test_meeting_and_visit_years_apart_stay_apart():
    text = ("التقى وزير الداخلية التونسي نظيره الإيطالي في روما سنة 2019.\n"
            "وقام وزير الداخلية التونسي بزيارة إلى روما في 5 ماي 2022 التقى خلالها نظيره الإيطالي.")
    ents = {"وزير الداخلية التونسي": ("PER", "Tunisian interior minister", "TN"),
            "نظيره الإيطالي": ("PER", "Italian interior minister", "IT"), "روما": ("GPE", "Rome", "IT")}
    times = {"سنة 2019": ("2019", "2019", "year", "date"), "5 ماي 2022": ("2022-05-05", "2022-05-05", "day", "date")}
    evs = _of(extract_events(make_doc(text, ents, times)), "CONSULT")
    assert len(evs) == 2


def test_headline_with_states_joins_body_with_named_service():
    text = ("عملية تونسية إيطالية تفكك شبكة لتهريب البشر\n"
            "تمكن الحرس الوطني يوم السبت 8 مارس 2025 من تفكيك شبكة إجرامية لتهريب البشر بمدينة صفاقس.")
    ents = {**POLICE, "تونسية": ("GPE", "Tunisia", "TN"), "إيطالية": ("GPE", "Italy", "IT")}
    doc = make_doc(text, ents, SAT, title=True)
    cells = [e for e in extract_events(doc) if e.mode == "cell_dismantling"]
    assert len(cells) == 1
    assert len(cells[0].evidence) == 2


def test_condemnation_stops_at_its_clause():
    text = ("وأدان الاتحاد الأفريقي الهجوم، فيما تمكن الحرس الوطني يوم السبت 8 مارس 2025 من توقيف مشتبه به "
            "بمدينة صفاقس.")
    doc = make_doc(text, {**STATES, **POLICE}, SAT)
    arrests = [e for e in extract_events(doc) if e.mode == "arrest"]
    assert arrests and arrests[0].actors == ["Garde nationale"]
