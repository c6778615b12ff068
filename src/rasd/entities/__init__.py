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
from rasd.entities.recognize import Found, Tok, sentence_tokens, start_after_clitic
from rasd.entities.recognize import recognize as find_mentions
from rasd.entities.roles import stated_role
from rasd.kb import KB, get_kb, stems
from rasd.pipeline import stage
from rasd.text.normalize import has_arabic
from rasd.text.tokens import sentences


@stage("entities", requires=("raw", "content"), sets=("mentions", "entities"))
def entities(doc: Document) -> Document:
    doc.mentions = []
    doc.entities = []
    if not any(has_arabic(line.text) for line in doc.content):
        return doc  # rasd reads Arabic articles; anything else gets an empty record
    kb, lex = get_kb(), lexicon()
    sents = find_mentions(doc)
    counts = _country_counts(kb, sents)
    countries = [k for k, _ in counts.most_common()]
    home = outlet_country(doc.outlet)
    localise_bodies(kb, lex, sents, counts, home)
    if home:
        countries = [home] + [c for c in countries if c != home]
    resolve_generic(kb, sents, countries, counts)
    widen_titles(lex, sents)
    extend_names(lex, sents)
    region = region_of(countries)
    items = []
    for _, found in sents:
        for f in found:
            text = doc.raw[f.start:f.end]
            items.append((f, text, link_found(f, text, region, kb)))
    groups = group(_drop_redundant(items))
    surname_mentions(groups, sents, lex)
    surname_mentions(groups, caption_sentences(doc), lex, rule="coref:caption")
    roles = _stated_roles(kb, sents)
    for n, g in enumerate(groups, 1):
        doc.entities.append(_entity(kb, g, f"e{n}", roles))
        _home_body(doc.entities[-1], g, countries[:1])
    doc.mentions = sorted((m for e in doc.entities for m in e.mentions), key=lambda m: m.start)
    return doc


CAPTION_RULES = ("repeat", "caption:name-pair")  # the clean stage's rules for photo captions


def caption_sentences(doc: Document) -> list[tuple[list[Tok], list[Found]]]:
    """Tokens of the boilerplate lines that are photo captions ("X وY"): the names of people the
    article already names are looked for there (coreference only, never new entities)."""
    out = []
    for line in doc.lines:
        if getattr(line, "rule", None) in CAPTION_RULES and len(line.text) <= 200:
            for sent in sentences(line.text, line.start):
                out.append((sentence_tokens(doc.raw, sent), []))
    return out


def _drop_redundant(items: list[tuple[Found, str, Link]]) -> list[tuple[Found, str, Link]]:
    """A nisba (الالتزام المغربي) counts as a mention only of a country (or region) the document
    does not name outright, or when it names one side of a meeting (نظيره الإيطالي, rule
    ``kb:nisba-party``)."""
    def secondary(f: Found) -> bool:
        return f.rule == "kb:nisba"

    named = {ln.kb.id for f, _, ln in items
             if ln.kb is not None and not secondary(f) and f.rule != "kb:nisba-party"}
    return [x for x in items if not (secondary(x[0]) and x[2].kb is not None and x[2].kb.id in named)]


def resolve_generic(kb: KB, sents, countries: list[str], counts: Counter | None = None) -> None:
    """A name shared by many countries' bodies (وزارة الداخلية، جهاز أمن الدولة) means the one of
    the country last named before it in the sentence, else of the document's main country; with
    neither, it is dropped. A national-kind name (وزارة الدفاع الوطني) skips a country the
    document names only once, in passing, when it is about another."""
    lex = lexicon()
    for toks, found in sents:
        keep = []
        for f in found:
            if f.rule == "kb:generic":
                national = f.j < len(toks) and toks[f.j].norm in lex.national_words
                near = [c for c in _sentence_countries(kb, found, f.i)
                        if not national or counts is None or counts[c] > 1 or c == countries[0]]
                ctx = near + countries[:1]
                pick = next((x for c in ctx for x in f.kb if kb.by_id[x[0]].country == c), None)
                if pick is None:
                    continue
                f.kb = [pick]
            keep.append(f)
        found[:] = keep


def localise_bodies(kb: KB, lex, sents, counts: Counter, home: str | None) -> None:
    """A national body's name takes its country from a nisba right after it (جهاز الأمن الوطني
    العراقي, المدير العام للأمن الوطني الموريتاني), else, for a name of the shared national kind
    (with الوطني/الوطنية), from the country the text names most, when the KB entry's country is
    named once at most and is not the outlet's home; when that is not the KB
    entry's country, the mention is that country's body: another body of the document whose name
    holds it, else "<name> (<country>)"."""
    main = counts.most_common(1)[0][0] if counts else None
    moved = []
    for toks, found in sents:
        for f in list(found):
            e = _body(kb, f)
            if e is None:
                continue
            national = any(t.norm in lex.national_words for t in toks[f.i:f.j])
            nis = _nisba_country(kb, toks, f.j) if national or f.rule == "kb:generic" else None
            if nis is not None:
                _absorb(found, f, toks, f.j + 1)
            other = main if national and e.country != home and counts[e.country] <= 1 < counts[main] else None
            target = nis or other
            if target and target != e.country and (national or f.rule == "kb:generic"):
                moved.append((f, target, toks))
    for f, target, toks in moved:
        _relabel(kb, f, target, toks, sents)


def _body(kb: KB, f: Found):
    if f.type != "ORG" or not f.kb:
        return None
    e = kb.by_id[f.kb[0][0]]
    return e if e.country else None


def _nisba_country(kb: KB, toks: list[Tok], j: int) -> str | None:
    """Country of a definite nisba at token ``j`` (العراقي), if any."""
    if j >= len(toks) or not toks[j].norm.startswith("ال"):
        return None
    for eid, kind in kb.keys.get(toks[j].norm, []):
        e = kb.by_id[eid]
        if kind == "nisba" and e.type == "GPE" and e.country:
            return e.country
    return None


def _absorb(found: list[Found], f: Found, toks: list[Tok], j: int) -> None:
    """Extend ``f`` to token ``j`` and drop what it now covers."""
    f.j, f.end = j, toks[j - 1].end
    found[:] = [g for g in found if g is f or g.j <= f.i or g.i >= f.j]


def _relabel(kb: KB, f: Found, country: str, toks: list[Tok], sents) -> None:
    own = " ".join(t.norm for t in toks[f.i:f.j])
    own = own[1:] if own.startswith("لل") else own
    for toks2, found2 in sents:
        for g in found2:
            e = _body(kb, g)
            if g is f or e is None or e.country != country:
                continue
            if own in " ".join(t.norm for t in toks2[g.i:g.j]):
                f.kb = list(g.kb)
                return
    name = kb.by_id[f.kb[0][0]].name
    f.kb, f.rule = [], "kb:localised"
    f.local, f.country = f"{name.split(' (')[0]} ({_country_name(kb, country)})", country


def _country_name(kb: KB, code: str) -> str:
    for e in kb.by_id.values():
        if e.type == "GPE" and e.kind == "country" and e.country == code:
            return e.name
    return code


def widen_titles(lex, sents) -> None:
    """``المدير العام للأمن الوطني``: a director's title right before the body it heads
    (joined by لل/ل) is part of that body's mention."""
    for toks, found in sents:
        at = {f.i: f for f in found if f.type == "ORG"}
        norm = [t.norm for t in toks]
        for k in range(len(toks)):
            hit = lex.org_title_heads.match(norm, k) if k + 1 in at or k + 2 in at else None
            if hit is None:
                continue
            f = at.get(hit[0])
            if f is None or not norm[f.i].startswith("ل") or any(g.i < hit[0] and g.j > k for g in found):
                continue
            f.i, f.start = k, start_after_clitic(toks[k], _title_stem(norm[k], hit[1][0]))


def extend_names(lex, sents) -> None:
    """Known names run on over what the KB alias leaves out: a person's lineage (سيف بن زايد
    آل نهيان) without an honorific before it (الشيخ; a rank such as الملك stays), a shared body's national adjective (وزارة الدفاع
    الوطني)."""
    for toks, found in sents:
        taken = {k for f in found for k in range(f.i, f.j)}
        for f in found:
            if f.type == "PER" and f.rule.startswith("kb"):
                _extend_lineage(lex, toks, f, taken)
            elif f.type == "ORG" and f.rule == "kb:generic":
                while f.j < len(toks) and f.j not in taken and toks[f.j].norm in lex.national_words:
                    taken.add(f.j)
                    f.j, f.end = f.j + 1, toks[f.j].end


def _extend_lineage(lex, toks: list[Tok], f: Found, taken: set[int]) -> None:
    j = f.j
    while j + 1 < len(toks) and toks[j].norm in lex.name_joiners and j not in taken and j + 1 not in taken \
            and toks[j + 1].norm.isalpha() and toks[j + 1].norm not in lex.stop_words:
        j += 2
    taken.update(range(f.j, j))
    f.j, f.end = j, toks[j - 1].end
    title = lex.person_titles.match([t.norm for t in toks], f.i)
    if title is not None and title[0] < f.j - 1 and lex.person_titles.value.get(title[1]) is None:
        f.i, f.start = title[0], toks[title[0]].start


def _title_stem(word: str, first: str) -> str:
    return next((s for s in stems(word) if s == first), word)


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


def _country_counts(kb: KB, sents) -> Counter:
    """How often the document names each country (its places and nisbas)."""
    c: Counter[str] = Counter()
    for _, found in sents:
        for f in found:
            for eid, _ in f.kb[:1]:
                e = kb.by_id[eid]
                if e.type in ("GPE", "LOC") and e.country:
                    c[e.country] += 1
    return c


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
    elif g.link.country:
        e.country = g.link.country
    if g.type == "PER":
        stated = next((roles[id(f)] for f, _ in g.items if id(f) in roles), None)
        e.role = _kb_role_stated(entry, g) or _kb_wording(entry, stated) or stated
        if e.role is None and entry is not None and entry.roles:
            e.role = entry.role_at().title
        if e.country is None:
            e.country = _role_country(kb, g)
    return e


def _home_body(e: Entity, g: Group, main: list[str]) -> None:
    """An institution found only by its head's pattern (مكتب مكافحة ...), with no country of its
    own, is a body of the document's main country (the outlet's seat, else the most named)."""
    if e.type == "ORG" and e.country is None and main and g.link.kb is None \
            and all(f.rule.startswith("pattern:org") for f, _ in g.items):
        e.country = main[0]


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
