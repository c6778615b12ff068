"""The events data files: schema, normal form, coverage; and properties of the stage on any input."""
from __future__ import annotations

import importlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.doc import Document, Entity, Mention, Span
from rasd.errors import DataError
from rasd.events import extract_events
from rasd.events.lexicon import FRAMES, PLOVER_TYPES, TOPICS, lexicon, ontology
from rasd.resources import lint_arabic, load_yaml

lexmod = importlib.import_module("rasd.events.lexicon")  # the module (the package exports its function)

SECURITY_MODES = {
    "CONSULT": {"visit", "host", "meeting", "multilateral", "phone"},
    "COOPERATE": {"intelligence_sharing", "extradition", "joint_operation"},
    "SUPPORT": {"praise", "award", "recognition"},
    "COERCE": {"arrest", "cell_dismantling", "seizure", "foiled_attack", "deport"},
    "MOBILIZE": {"security_deployment"},
}
PLOVER_ASSAULT = {"abduct", "beat", "torture", "execute", "sexual", "assassinate", "destroy", "primitive", "firearms",
                  "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control", "cleansing",
                  "massacre", "unconventional"}


def _strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for k, v in x.items():
            yield from _strings(k)
            yield from _strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from _strings(v)


@pytest.mark.parametrize("rel", [lexmod.EVENTS_FILE, lexmod.TRIGGERS_FILE])
def test_header_and_normal_form(rel):
    data = load_yaml(rel)
    assert data["about"].strip() and data["source"].strip()
    bad = {s: lint_arabic(s) for s in _strings(data) if lint_arabic(s)}
    assert bad == {}


def test_ontology_has_every_plover_type_and_the_security_modes():
    onto = ontology()
    assert set(onto.types) == set(PLOVER_TYPES)
    for typ, modes in SECURITY_MODES.items():
        assert modes <= set(onto.types[typ]["modes"]), typ
    assert PLOVER_ASSAULT <= set(onto.types["ASSAULT"]["modes"])
    for typ in PLOVER_TYPES:
        assert onto.types[typ]["meaning"] and onto.types[typ]["ar"]
        for mode, md in onto.types[typ]["modes"].items():
            assert md["meaning"] and md["ar"] and md["origin"] in ("plover", "rasd"), (typ, mode)
    assert set(onto.topics) == set(TOPICS)
    for t in TOPICS:
        assert onto.topics[t]["meaning"] and onto.topics[t]["cues"]


def test_triggers_are_checked_against_the_ontology():
    lex = lexicon()
    onto = ontology()
    assert lex.entries
    for e in lex.entries.values():
        assert e.type in onto.types and e.frame in FRAMES
        assert e.mode is None or e.mode in onto.types[e.type]["modes"]
        assert e.forms
    covered = {(e.type, e.mode) for e in lex.entries.values()}
    for typ, modes in SECURITY_MODES.items():
        assert {(typ, m) for m in modes} <= covered


def test_a_broken_trigger_entry_is_named(monkeypatch):
    bad = {"about": "x", "source": "y", "triggers": [{"id": "oops", "type": "CONSULT", "mode": "teleport",
                                                        "pos": "verb", "frame": "visit", "forms": ["زار"]}]}
    good = load_yaml(lexmod.TRIGGERS_FILE)
    monkeypatch.setattr(lexmod, "load_yaml", lambda rel: dict(good, **bad) if rel == lexmod.TRIGGERS_FILE else load_yaml(rel))
    lexmod.lexicon.cache_clear()
    try:
        with pytest.raises(DataError, match="oops.*teleport"):
            lexmod.lexicon()
    finally:
        monkeypatch.undo()
        lexmod.lexicon.cache_clear()


WORDS = ["زار", "الوزير", "الرباط", "استقبل", "لقاء", "مع", "يوم", "لم", "يعتزم", "أحبطت", "هجوما", "داعش", "،", ".",
         "في", "بمدينة", "هذه", "الزيارة", "تبادل", "المعلومات", "عشرات", "الخلايا", "\n", "إلى", "وزيارة"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40), st.data())
def test_any_text_gives_valid_spans(words, data):
    text = " ".join(words)
    doc = Document(id="h", raw=text)
    pos = 0
    for line in text.split("\n"):
        if line.strip():
            doc.content.append(Span(pos, pos + len(line), line))
        pos += len(line) + 1
    ents = []
    for surface, typ, name in (("الوزير", "PER", "A Minister"), ("الرباط", "GPE", "Rabat"), ("داعش", "ORG", "Islamic State")):
        i = text.find(surface)
        if i >= 0 and data.draw(st.booleans()):
            ents.append(Entity(f"e{len(ents)}", typ, name, [Mention(i, i + len(surface), surface, typ)], country="MA"))
    doc.entities = ents
    doc.events = extract_events(doc)
    assert doc.bad_spans() == []
    for ev in doc.events:
        assert ev.actors and ev.type in PLOVER_TYPES
        assert len({e.id for e in doc.events}) == len(doc.events)
