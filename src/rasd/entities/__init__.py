"""Entities stage: recognise PER/ORG/GPE/LOC mentions, link them to canonical names, group them.

Recognition (``recognize``: KB aliases, patterns, the CRF tagger) over the content lines only;
linking (``link``: KB exact, KB fuzzy, transliteration); grouping into one entity per referent
(``coref``); roles (``roles``).  Every mention keeps raw offsets and the rule that found it;
every entity says how its name was found (``Entity.link``).
"""
from __future__ import annotations

from collections import Counter

from rasd.doc import Document, Entity, Mention
from rasd.entities.coref import Group, group, surname_mentions
from rasd.entities.link import Link, link_found, region_of
from rasd.entities.patterns import lexicon
from rasd.entities.recognize import Found, Tok
from rasd.entities.recognize import recognize as find_mentions
from rasd.entities.roles import stated_role
from rasd.kb import KB, get_kb
from rasd.pipeline import stage
from rasd.text.normalize import has_arabic


@stage("entities", requires=("raw", "content"), sets=("mentions", "entities"))
def entities(doc: Document) -> Document:
    doc.mentions = []
    doc.entities = []
    if not any(has_arabic(line.text) for line in doc.content):
        return doc  # rasd reads Arabic articles; anything else gets an empty record
    kb, lex = get_kb(), lexicon()
    sents = find_mentions(doc)
    countries = _countries(kb, sents)
    home = outlet_country(doc.outlet)
    if home:
        countries = [home] + [c for c in countries if c != home]
    resolve_generic(kb, sents, countries)
    region = region_of(countries)
    items = []
    for _, found in sents:
        for f in found:
            text = doc.raw[f.start:f.end]
            items.append((f, text, link_found(f, text, region, kb)))
    groups = group(_drop_redundant(items))
    surname_mentions(groups, sents, lex)
    roles = _stated_roles(kb, sents)
    for n, g in enumerate(groups, 1):
        doc.entities.append(_entity(kb, g, f"e{n}", roles))
    doc.mentions = sorted((m for e in doc.entities for m in e.mentions), key=lambda m: m.start)
    return doc


def _drop_redundant(items: list[tuple[Found, str, Link]]) -> list[tuple[Found, str, Link]]:
    """A nisba (الالتزام المغربي) counts as a mention only of a country (or region) the document
    does not name outright."""
    def secondary(f: Found) -> bool:
        return f.rule == "kb:nisba"

    named = {ln.kb.id for f, _, ln in items if ln.kb is not None and not secondary(f)}
    return [x for x in items if not (secondary(x[0]) and x[2].kb is not None and x[2].kb.id in named)]


def resolve_generic(kb: KB, sents, countries: list[str]) -> None:
    """A name shared by many countries' bodies (وزارة الداخلية، جهاز أمن الدولة) means the one of
    the country last named before it in the sentence, else of the document's main country;
    with neither, it is dropped."""
    for _, found in sents:
        keep = []
        for f in found:
            if f.rule == "kb:generic":
                ctx = [c for c in _sentence_countries(kb, found, f.i)] + countries[:1]
                pick = next((x for c in ctx for x in f.kb if kb.by_id[x[0]].country == c), None)
                if pick is None:
                    continue
                f.kb = [pick]
            keep.append(f)
        found[:] = keep


def _sentence_countries(kb: KB, found: list[Found], before: int) -> list[str]:
    """Countries named in the sentence before token ``before``, nearest first."""
    out = []
    for g in sorted(found, key=lambda g: -g.i):
        if g.i < before and g.kb and g.rule != "kb:generic":
            e = kb.by_id[g.kb[0][0]]
            if e.type in ("GPE", "LOC") and e.country:
                out.append(e.country)
    return out


def outlet_country(display: str | None) -> str | None:
    """Seat of the document's outlet (from the clean stage's registry), when known."""
    if not display:
        return None
    try:
        from rasd.clean.outlet import registry
    except ImportError:
        return None
    return next((o.country for o in registry().outlets if o.display == display), None)


def _countries(kb: KB, sents) -> list[str]:
    """Countries of the places the document names, most frequent first."""
    c: Counter[str] = Counter()
    for _, found in sents:
        for f in found:
            for eid, _ in f.kb[:1]:
                e = kb.by_id[eid]
                if e.type in ("GPE", "LOC") and e.country:
                    c[e.country] += 1
    return [k for k, _ in c.most_common()]


def _stated_roles(kb: KB, sents) -> dict[int, str]:
    lex = lexicon()
    out: dict[int, str] = {}
    for toks, found in sents:
        for f in found:
            if f.type == "PER":
                r = stated_role(kb, lex, f, toks, found)
                if r:
                    out[id(f)] = r
    return out


def _entity(kb: KB, g: Group, eid: str, roles: dict[int, str]) -> Entity:
    mentions = [Mention(f.start, f.end, text, type=g.type, rule=f.rule, entity=eid, score=f.score)
                for f, text in sorted(g.items, key=lambda x: x[0].start)]
    e = Entity(eid, g.type, g.link.name, mentions, link=g.link.how)
    entry = g.link.kb
    if entry is not None:
        e.kb_id, e.country = entry.id, entry.country
    if g.type == "PER":
        stated = next((roles[id(f)] for f, _ in g.items if id(f) in roles), None)
        e.role = _kb_role_stated(entry, g) or _kb_wording(entry, stated) or stated
        if e.role is None and entry is not None and entry.roles:
            e.role = entry.role_at().title
        if e.country is None:
            e.country = _role_country(kb, g)
    return e


def _kb_role_stated(entry, g: Group) -> str | None:
    """The KB's wording of a role the text states (its organisation is named in the role phrase)."""
    if entry is None:
        return None
    named = {o for f, _ in g.items for o in f.role_objects}
    for r in sorted(entry.roles, key=lambda r: r.start or "", reverse=True):
        if r.org in named:
            return r.title
    return None


def _kb_wording(entry, stated: str | None) -> str | None:
    """The KB's fuller title for a bare stated role ("Minister of Foreign Affairs" -> "..., Algeria")."""
    if entry is None or not stated:
        return None
    for r in sorted(entry.roles, key=lambda r: r.start or "", reverse=True):
        if r.title.lower().startswith(stated.lower()):
            return r.title
    return None


def _role_country(kb: KB, g: Group) -> str | None:
    for f, _ in g.items:
        for o in f.role_objects:
            e = kb.by_id.get(o)
            if e is not None and e.country:
                return e.country
    return None


__all__ = ["entities", "Found", "Tok", "Link", "find_mentions"]
