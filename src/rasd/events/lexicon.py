"""The event ontology and trigger lexicon, loaded once, checked, and compiled for matching.

``ontology()`` reads ``lexicons/events.yml`` (types, modes, topics); ``lexicon()`` reads
``lexicons/triggers.yml`` and puts every trigger form into a ``PhraseMatcher``
(``rasd.events.matcher``), so one cheap pass over a sentence finds every trigger.
Both raise ``DataError`` naming the file and entry when the data is malformed.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from rasd.errors import DataError
from rasd.events.matcher import PhraseMatcher
from rasd.resources import lint_arabic, load_yaml
from rasd.text.normalize import normalize

EVENTS_FILE = "lexicons/events.yml"
TRIGGERS_FILE = "lexicons/triggers.yml"

PLOVER_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
                "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")
FRAMES = ("visit", "host", "meeting", "multilateral", "agent", "award", "agency", "inherit", "give")
TOPICS = ("terrorism", "organized_crime", "cybercrime", "migration", "drug_trafficking",
          "human_trafficking", "money_laundering")
_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "وب", "ول", "فب", "فل", "ال", "وال", "فال", "بال", "وبال", "لل", "ولل", "س", "وس")
_PRONOUNS = ("", "ه", "ها", "هم", "هما", "كم", "نا")
EXPANDED = ("title_heads", "honorifics", "place_nouns", "intention", "denial", "quantifiers", "sidelines",
            "anaphors", "clause_breaks", "subject_lam", "receive_verbs", "unit_nouns", "topic_markers", "talk_topics",
            "aggregate_nouns", "passive_aux", "member_nouns", "record_nouns", "light_verbs")  # lists matched with clitics and pronouns attached


def expand(words) -> frozenset[str]:
    """Every form of ``words`` with a leading clitic and/or a trailing pronoun ("ومديرة", "نظيره", "بمدينة")."""
    out = set()
    for w in words:
        for base in {w, w[2:] if w.startswith("ال") and len(w) >= 5 else w}:
            for s in _PRONOUNS:
                core = base + s if not (s and base.endswith("ه")) else base[:-1] + "ت" + s
                out.update(p + core for p in _CLITICS)
    return frozenset(out)


WORD_LISTS = ("suffixes", "verb_suffixes", "locative", "destination", "comitative", "agentive",
              "place_nouns", "title_heads", "honorifics", "negation", "denial", "intention",
              "decision", "future", "quantifiers", "sidelines", "anaphors", "clause_breaks", "subject_lam",
              "receive_verbs", "unit_nouns", "topic_markers", "talk_topics", "aggregate_nouns",
              "passive_aux", "member_nouns", "record_nouns", "light_verbs")



@dataclass(frozen=True)
class TriggerEntry:
    """One trigger entry of triggers.yml."""

    id: str
    type: str
    mode: str | None
    pos: str
    frame: str
    forms: tuple[str, ...]
    weak: tuple[str, ...] = ()
    needs_after: frozenset[str] = frozenset()
    window: int = 6
    anchor: bool = False
    cancels: tuple[str, ...] = ()
    pronoun_ok: bool = False


@dataclass
class Lexicon:
    """The compiled trigger lexicon and the function-word sets the frames read (all normalised)."""

    entries: dict[str, TriggerEntry]
    matcher: PhraseMatcher  # finds forms; key (entry id, weak)
    words: dict[str, frozenset[str]] = field(default_factory=dict)
    phrases: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # multi-word lists
    durations: dict[str, int] = field(default_factory=dict)
    ext: dict[str, frozenset[str]] = field(default_factory=dict)  # word list -> its forms with clitics


@dataclass
class Ontology:
    types: dict[str, dict]
    topics: dict[str, dict]


def _words(data: dict, key: str, path: str) -> list[str]:
    vals = data.get(key)
    if not isinstance(vals, list) or not all(isinstance(v, str) and v.strip() for v in vals):
        raise DataError(path, key, "must be a list of non-empty strings")
    for v in vals:
        if lint_arabic(v):
            raise DataError(path, f"{key}: {v}", ", ".join(lint_arabic(v)))
    return vals


def _entry(raw: dict, idx: int, path: str, modes: dict[str, set]) -> TriggerEntry:
    where = f"triggers[{idx}] {raw.get('id', '?')}"
    for k in ("id", "type", "pos", "frame", "forms"):
        if k not in raw:
            raise DataError(path, where, f"missing key '{k}'")
    if raw["type"] not in PLOVER_TYPES:
        raise DataError(path, where, f"type {raw['type']!r} is not a PLOVER type")
    mode = raw.get("mode")
    if mode is not None and mode not in modes.get(raw["type"], set()):
        raise DataError(path, where, f"mode {mode!r} is not defined for {raw['type']} in {EVENTS_FILE}")
    if raw["frame"] not in FRAMES:
        raise DataError(path, where, f"frame {raw['frame']!r} is not one of {', '.join(FRAMES)}")
    if raw["pos"] not in ("verb", "noun"):
        raise DataError(path, where, "pos must be verb or noun")
    forms = raw["forms"] + raw.get("weak", [])
    for f in forms:
        if not isinstance(f, str) or not f.strip() or lint_arabic(f):
            raise DataError(path, where, f"bad form {f!r}")
    return TriggerEntry(
        id=raw["id"], type=raw["type"], mode=mode, pos=raw["pos"], frame=raw["frame"],
        forms=tuple(normalize(f) for f in raw["forms"]), weak=tuple(normalize(f) for f in raw.get("weak", [])),
        needs_after=expand(normalize(w) for w in raw.get("needs_after", [])),
        window=int(raw.get("window", 6)), anchor=bool(raw.get("anchor", False)),
        cancels=tuple(raw.get("cancels", [])), pronoun_ok=bool(raw.get("pronoun_ok", False)))


@functools.lru_cache(maxsize=1)
def ontology() -> Ontology:
    """The PLOVER types with their modes, and the topics (checked)."""
    data = load_yaml(EVENTS_FILE)
    types = data.get("types") or {}
    missing = [t for t in PLOVER_TYPES if t not in types]
    if missing:
        raise DataError(EVENTS_FILE, "types", f"missing PLOVER types: {', '.join(missing)}")
    for name, t in types.items():
        if not isinstance(t, dict) or not t.get("meaning") or not isinstance(t.get("modes"), dict):
            raise DataError(EVENTS_FILE, f"types.{name}", "needs 'meaning' and 'modes'")
        for m, md in t["modes"].items():
            if not isinstance(md, dict) or not md.get("meaning") or md.get("origin") not in ("plover", "rasd"):
                raise DataError(EVENTS_FILE, f"types.{name}.modes.{m}", "needs 'meaning' and origin plover|rasd")
    topics = data.get("topics") or {}
    if set(topics) != set(TOPICS):
        raise DataError(EVENTS_FILE, "topics", f"must define exactly {', '.join(TOPICS)}")
    for name, t in topics.items():
        _words(t, "cues", f"{EVENTS_FILE} topics.{name}")
    return Ontology(types=types, topics=topics)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The compiled trigger lexicon (checked against the ontology)."""
    onto = ontology()
    modes = {t: set(v["modes"]) for t, v in onto.types.items()}
    data = load_yaml(TRIGGERS_FILE)
    words = {k: frozenset(normalize(w) for w in _words(data, k, TRIGGERS_FILE)) for k in WORD_LISTS}
    phrases = {k: tuple(tuple(normalize(w).split(" ")) for w in _words(data, k, TRIGGERS_FILE))
               for k in ("agentive", "decision", "future", "list_intro", "passive", "duration_cues")}
    durations = {normalize(k): int(v) for k, v in (data.get("durations") or {}).items()}
    raw_entries = data.get("triggers")
    if not isinstance(raw_entries, list) or not raw_entries:
        raise DataError(TRIGGERS_FILE, "triggers", "must be a non-empty list")
    entries: dict[str, TriggerEntry] = {}
    items: list[tuple[str, object, str]] = []
    sfx = "(?:" + "|".join(sorted(words["suffixes"], key=len, reverse=True)) + ")"
    vsfx = "(?:" + "|".join(sorted(words["verb_suffixes"] | {"ه"}, key=len, reverse=True)) + ")"
    for i, raw in enumerate(raw_entries):
        e = _entry(raw, i, TRIGGERS_FILE, modes)
        if e.id in entries:
            raise DataError(TRIGGERS_FILE, e.id, "duplicate trigger id")
        entries[e.id] = e
        # nouns take an attached pronoun ("زيارته"); verbs only when listed ("استقبله", not "وزاره")
        suffix = sfx if e.pos == "noun" else (vsfx if e.pronoun_ok else "")
        for weak, forms in ((False, e.forms), (True, e.weak)):
            for f in forms:
                items.append((f, (e.id, weak), suffix))
    matcher = PhraseMatcher(items, tuple(words["suffixes"]))
    ext = {k: expand(words[k]) for k in EXPANDED}
    return Lexicon(entries, matcher, words, phrases, durations, ext)
