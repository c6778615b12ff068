"""Give each mention a canonical name: KB exact match, KB fuzzy match, or transliteration.

``Link.how`` records the reason, stored as ``Entity.link``: ``kb:exact``, ``kb:nisba``,
``kb:fuzzy 0.93`` (rapidfuzz ratio over normalised aliases of the same type),
``kb:translit 0.95`` (the transliterated name against the KB's English names, for people),
``translit`` (unknown: the name is the transliteration, in the region's press convention),
``kb:localised`` (a national body of another country than the KB entry's: "DGSN (Algeria)"),
``outlet-registry`` (an outlet of the clean stage's registry).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from rasd.entities.patterns import lexicon
from rasd.entities.recognize import Found, _prefer
from rasd.kb import KB, KBEntry, get_kb
from rasd.resources import load_yaml
from rasd.text.normalize import normalize, normalize_keep, strip_clitics

MAX_FUZZY = 80  # characters: longer mentions are not fuzzy-matched (cost grows with the square)
FUZZY_MIN = 90.0  # rapidfuzz ratio (0-100) for an Arabic alias match
TRANSLIT_MIN = 92.0  # ratio for a transliterated name against a KB person's English name
MAGHREB = frozenset({"MA", "DZ", "TN", "LY", "MR", "EH"})
ARAB = frozenset({"EG", "SD", "SA", "AE", "QA", "KW", "BH", "OM", "YE", "IQ", "SY", "LB", "JO", "PS"})


@dataclass(slots=True)
class Link:
    name: str
    how: str
    kb: KBEntry | None = None
    country: str | None = None  # for a body not in the KB whose country the text gives


def mention_key(text: str) -> str:
    return " ".join(normalize(text).split())


@functools.lru_cache(maxsize=4)
def _choices(types: tuple[str, ...]) -> tuple[list[str], list[str]]:
    """(alias keys, entry ids) of the KB entries of ``types``, for fuzzy matching."""
    kb = get_kb()
    keys, ids = [], []
    for key, hits in kb.keys.items():
        for eid, kind in hits:
            if kind == "alias" and kb.by_id[eid].type in types and any("\u0600" <= c <= "\u06ff" for c in key):
                keys.append(key)
                ids.append(eid)
    return keys, ids


@functools.lru_cache(maxsize=1)
def _person_names() -> tuple[list[str], list[str]]:
    kb = get_kb()
    names = [(e.name.lower(), e.id) for e in kb.by_id.values() if e.type == "PER"]
    return [n for n, _ in names], [i for _, i in names]


def _compatible(typ: str) -> tuple[str, ...]:
    return ("GPE", "LOC") if typ in ("GPE", "LOC") else (typ,)


def link_found(f: Found, text: str, region: str | None, kb: KB | None = None) -> Link:
    """The canonical name of one mention (``text`` is its raw text)."""
    kb = kb or get_kb()
    if f.kb:
        eid, kind = _prefer(kb, f.kb)
        e = kb.by_id[eid]
        return Link(e.name, "kb:nisba" if kind == "nisba" else "kb:exact", e)
    if f.local is not None:
        return Link(f.local, "kb:localised", None, f.country)
    if f.rule in ("pattern:outlet", "outlet:prose"):
        outlet = _registered_outlet(text)
        if outlet is not None:
            return Link(outlet, "outlet-registry")
    return _link_text(text, f.type, region, kb)


def _registered_outlet(text: str) -> str | None:
    try:
        from rasd.clean.outlet import lookup_name
    except ImportError:
        return None
    o = lookup_name(text)
    return o.name if o is not None else None


@functools.lru_cache(maxsize=20_000)
def _link_text(text: str, typ: str, region: str | None, kb: KB) -> Link:
    """Link a mention not found through a KB alias (cached: names repeat across documents)."""
    key = mention_key(text)
    exact = _exact(kb, key, typ)
    if exact is not None:
        return Link(exact.name, "kb:exact", exact)
    fuzzy = _fuzzy(kb, key, typ)
    if fuzzy is not None:
        return fuzzy
    if typ == "ORG":
        from rasd.entities.gloss import gloss

        english = gloss(text)
        if english is not None:
            return Link(english, "gloss")
    latin = transliterate(text, name_region(text, typ, region))
    if typ == "PER" and len(key.split()) >= 2 and len(key) <= MAX_FUZZY:
        hit = process.extractOne(latin.lower(), _person_names()[0], scorer=fuzz.ratio, score_cutoff=TRANSLIT_MIN)
        if hit is not None:
            e = kb.by_id[_person_names()[1][hit[2]]]
            return Link(e.name, f"kb:translit {hit[1] / 100:.2f}", e)
    return Link(latin, "translit")


def _exact(kb: KB, key: str, typ: str) -> KBEntry | None:
    words = key.split(" ")
    for stem in strip_clitics(words[0]):
        hits = [e for e, k in kb.lookup(" ".join([stem] + words[1:])) if k != "cue"]
        same = [e for e in hits if e.type in _compatible(typ)]
        if same:
            return same[0]
    return None


def _fuzzy(kb: KB, key: str, typ: str) -> Link | None:
    if len(key) < 6 or len(key) > MAX_FUZZY or (typ == "PER" and len(key.split()) < 2):
        return None
    keys, ids = _choices(_compatible(typ))
    hit = process.extractOne(key, keys, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN)
    if hit is None:
        return None
    e = kb.by_id[ids[hit[2]]]
    return Link(e.name, f"kb:fuzzy {hit[1] / 100:.2f}", e)


def name_region(text: str, typ: str, region: str | None) -> str | None:
    """Spelling region of one name: Western when a person's given name is a Western one (or the
    transliteration tables say so), else the document's region."""
    if typ != "PER":
        return region
    words = normalize(text).split()
    if words and words[0] in lexicon().western_first_names:
        return "western"
    try:
        from rasd.entities.translit import guess_region
    except ImportError:
        return region
    return "western" if guess_region(text) == "western" else region


def transliterate(text: str, region: str | None) -> str:
    """Latin form of an unknown name (the transliteration module, else a plain letter map)."""
    try:
        from rasd.entities.translit import transliterate_name
    except ImportError:
        return fallback_transliterate(text)
    try:
        return transliterate_name(text, region)
    except Exception:  # a broken table must not lose the mention
        return fallback_transliterate(text)


def fallback_transliterate(text: str) -> str:
    table = _letters()
    words = []
    for w in normalize_keep(text).split():
        words.append("".join(table.get(c, c) for c in w).capitalize())
    return " ".join(w for w in words if w)


@functools.lru_cache(maxsize=1)
def _letters() -> dict[str, str]:
    lexicon()  # checks the file
    return {k: v or "" for k, v in load_yaml("lexicons/entity_patterns.yml")["fallback_letters"].items()}


def region_of(countries: list[str]) -> str | None:
    """Name-spelling region of a document from the countries it is about (most frequent first)."""
    for c in countries:
        if c in MAGHREB:
            return "maghreb"
        if c in ARAB:
            return "mashriq"
    return None
