"""Breadth of the knowledge base's places: cities, provinces, rivers, seas, ports, crossings.

The spellings below are written by us the way the Arab press writes these places (several
variants where the press uses them); none comes from the development texts.  Names that are
also common words must be cue-only aliases (``cue_ar``), never plain ones.
"""
from __future__ import annotations

import pytest

from rasd.kb import get_kb, load_file

# Arabic press spelling -> (canonical name, type, ISO country or None).
PLACES = [
    ("تمنراست", "Tamanrasset", "GPE", "DZ"),
    ("عين قزام", "In Guezzam", "GPE", "DZ"),
    ("جيجل", "Jijel", "GPE", "DZ"),
    ("برج باجي مختار", "Bordj Badji Mokhtar", "GPE", "DZ"),
    ("تبسة", "Tebessa", "GPE", "DZ"),
    ("وهران", "Oran", "GPE", "DZ"),
    ("بن قردان", "Ben Guerdane", "GPE", "TN"),
    ("رأس جدير", "Ras Jedir", "GPE", "TN"),
    ("جرجيس", "Zarzis", "GPE", "TN"),
    ("القصرين", "Kasserine", "GPE", "TN"),
    ("مصراتة", "Misrata", "GPE", "LY"),
    ("زوارة", "Zuwara", "GPE", "LY"),
    ("أوباري", "Ubari", "GPE", "LY"),
    ("العريش", "Arish", "GPE", "EG"),
    ("الشيخ زويد", "Sheikh Zuweid", "GPE", "EG"),
    ("الحويجة", "Hawija", "GPE", "IQ"),
    ("تلعفر", "Tal Afar", "GPE", "IQ"),
    ("تل عفر", "Tal Afar", "GPE", "IQ"),
    ("ديالى", "Diyala", "GPE", "IQ"),
    ("الفلوجة", "Fallujah", "GPE", "IQ"),
    ("البوكمال", "Abu Kamal", "GPE", "SY"),
    ("عين العرب", "Kobani", "GPE", "SY"),
    ("إربد", "Irbid", "GPE", "JO"),
    ("بعلبك", "Baalbek", "GPE", "LB"),
    ("الشارقة", "Sharjah", "GPE", "AE"),
    ("مأرب", "Marib", "GPE", "YE"),
    ("الفاشر", "El Fasher", "GPE", "SD"),
    ("نواذيبو", "Nouadhibou", "GPE", "MR"),
    ("ازويرات", "Zouerate", "GPE", "MR"),
    ("باسكنو", "Bassikounou", "GPE", "MR"),
    ("تمبكتو", "Timbuktu", "GPE", "ML"),
    ("ميناكا", "Menaka", "GPE", "ML"),
    ("أغاديز", "Agadez", "GPE", "NE"),
    ("دكار", "Dakar", "GPE", "SN"),
    ("داكار", "Dakar", "GPE", "SN"),
    ("بوجدور", "Boujdour", "GPE", "MA"),
    ("وجدة", "Oujda", "GPE", "MA"),  # a drop-list misspelling (وجده) normalises to it
    ("تازة", "Taza", "GPE", "MA"),
    ("الحوز", "Al Haouz", "GPE", "MA"),
    ("بئر كندوز", "Bir Gandouz", "GPE", "MA"),
    ("الجزيرة الخضراء", "Algeciras", "GPE", "ES"),
    ("لامبيدوزا", "Lampedusa", "GPE", "IT"),
    ("نهر السنغال", "Senegal River", "LOC", None),
    ("نهر النيجر", "Niger River", "LOC", None),
    ("الفرات", "Euphrates", "LOC", None),
    ("ميناء خليفة", "Khalifa Port", "LOC", "AE"),
    ("ميناء طنجة المتوسط", "Tanger Med", "LOC", "MA"),
    ("معبر رأس جدير", "Ras Jedir border crossing", "LOC", "TN"),
    ("معبر رفح", "Rafah border crossing", "LOC", None),
    ("مطار محمد الخامس الدولي", "Mohammed V International Airport", "LOC", "MA"),
    ("جبال الشعانبي", "Mount Chaambi", "LOC", "TN"),
    ("مضيق جبل طارق", "Strait of Gibraltar", "LOC", None),
    ("جزر الكناري", "Canary Islands", "LOC", "ES"),
]

# Common words that are also place names: only cue-only matches (or none) may come back.
FALSE_FRIENDS = [
    "الساحل",  # the coast / the Sahel
    "النيل",  # harming / the Nile
    "العين",  # the eye / Al Ain
    "عمان",  # Oman (plain) / Amman (cue only)
    "بعقوبة",  # "with a penalty" / Baqubah
    "حديثة",  # "modern" / Haditha
    "مطروح",  # "proposed" / Marsa Matruh
    "إطار",  # "frame" / Atar
    "الكفرة",  # "the infidels" / Kufra
    "الجزيرة",  # the island, Al Jazeera / Gezira
    "صلاح الدين",  # a given name / Salah al-Din governorate
    "القائم",  # "the one in charge" / Al-Qaim
    "العقبة",  # "the obstacle" / Aqaba
    "الضالع",  # "the implicated" / Dhale
]

# Words that must not name any place at all.
NOT_PLACES = ["بحري", "أمان", "خبر"]


@pytest.fixture(scope="module")
def kb():
    return get_kb()


@pytest.mark.parametrize("text,name,typ,country", PLACES)
def test_place_spelling(kb, text, name, typ, country):
    hits = [(e, k) for e, k in kb.lookup(text) if k == "alias"]
    assert hits, f"{text} not in the KB"
    assert any(e.name == name and e.type == typ and e.country == country for e, _ in hits), \
        f"{text}: {[(e.name, e.type, e.country) for e, _ in hits]}"


def test_clitic_forms_match(kb):
    """Place names carry proclitics in running text (بولاية تمنراست، وبالحويجة)."""
    from rasd.kb import norm_token
    for word, name in (("بتمنراست", "Tamanrasset"), ("وبالحويجة", "Hawija"), ("لمصراتة", "Misrata")):
        found = kb.scan([norm_token(word)])
        assert found and any(kb.get(i).name == name for i, _ in found[0].ids), word


@pytest.mark.parametrize("text", FALSE_FRIENDS)
def test_false_friend_is_cue_only_or_country(kb, text):
    hits = kb.lookup(text)
    assert hits, f"{text} should still be known after a place cue"
    for e, kind in hits:
        assert kind == "cue" or e.kind == "country", f"{text} is a plain alias of {e.id}"


@pytest.mark.parametrize("text", NOT_PLACES)
def test_common_word_is_not_a_place(kb, text):
    assert not kb.lookup(text)


def test_governorates_and_regions_have_country():
    """Hand-kept provinces, ports, airports and crossings: GPEs always say their country."""
    for e in load_file("places_extra.yml"):
        assert e.kind in {"province", "port", "airport", "crossing", "camp"}, e.id
        if e.type == "GPE":
            assert e.country, e.id


def test_new_place_files_schema():
    """Every entry of the hand files parses (ids, ISO codes, Arabic aliases)."""
    for f in ("places_extra.yml", "regions.yml"):
        entries = load_file(f)
        assert entries and len({e.id for e in entries}) == len(entries)


# Ordinary words that contain a place alias once a proclitic or the article is taken off.
CLITIC_FALSE_FRIENDS = ["لغات", "للغات", "ورقه", "فرقه", "بصره", "الحديدة", "المنصورة", "للحج",
                        "للعيون", "بعقوبة", "إطار"]


@pytest.mark.parametrize("word", CLITIC_FALSE_FRIENDS)
def test_clitic_false_friend_needs_a_cue(kb, word):
    from rasd.kb import norm_token
    for m in kb.scan([norm_token(word)]):
        plain = [i for i, k in m.ids if k != "cue" and kb.get(i).type in ("GPE", "LOC")]
        assert not plain, f"{word} matches {plain} without a place cue"
