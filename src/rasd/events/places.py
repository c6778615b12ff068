"""Countries and cities for event arguments: a country's canonical name, and whether a GPE is a country.

The canonical English names come from the knowledge base (``kb/countries.yml``, built by the
entities team); when it is absent, a document's own GPE entity carrying the code is used.
"""
from __future__ import annotations

import functools

import regex

from rasd.doc import Document, Entity
from rasd.errors import DataError
from rasd.resources import load_yaml
from rasd.text.normalize import normalize


def _kb_entries() -> list[dict]:
    try:
        data = load_yaml("kb/countries.yml")
    except DataError:
        return []
    return [e for e in data.get("entities") or []
            if isinstance(e, dict) and e.get("kind") == "country" and e.get("country") and e.get("name")]


@functools.lru_cache(maxsize=1)
def _kb_countries() -> dict[str, str]:
    return {e["country"]: e["name"] for e in _kb_entries()}


@functools.lru_cache(maxsize=1)
def _nisba() -> dict[str, tuple[str, int]]:
    """Every nisba adjective of the knowledge base, with a leading و ف ب ل allowed:
    form -> (country code, length of the clitic)."""
    forms: dict[str, tuple[str, int]] = {}
    for e in _kb_entries():
        for f in e.get("nisba") or []:
            n = normalize(f)
            forms.setdefault(n, (e["country"], 0))
            for c in ("و", "ف", "ب", "ل", "وب", "ول"):
                forms.setdefault(c + n, (e["country"], len(c)))
    return forms


_WORD = regex.compile(r"[\p{L}\p{M}]+")


def is_nisba_form(text: str) -> bool:
    """True when ``text`` (a clitic allowed) is a nisba adjective of the knowledge base."""
    return normalize(text) in _nisba()


def nisba_spans(text: str, base: int = 0, folded: tuple[str, list[int] | None] | None = None) -> list[tuple[int, int, str]]:
    """(start, end, country code) of the nisba adjectives in ``text`` ("المغربية" -> MA), raw offsets.
    ``folded``: ``text`` already folded by ``rasd.events.context.fold``."""
    forms = _nisba()
    if not forms:
        return []
    if folded is None:
        from rasd.events.context import fold

        folded = fold(text)
    norm, idx = folded
    out = []
    if forms.keys().isdisjoint(_WORD.findall(norm)):
        return out
    for m in _WORD.finditer(norm):
        got = forms.get(m.group())
        if got is None:
            continue
        code, clitic = got
        a, b = m.start() + clitic, m.end()
        if idx is None:
            out.append((base + a, base + b, code))
        else:
            out.append((base + idx[a], base + idx[b - 1] + 1, code))
    return out


def country_entity(code: str, doc: Document) -> Entity | None:
    """The document's entity for country ``code``, or a stand-in with the canonical name."""
    for ent in doc.entities:
        if ent.type == "GPE" and ent.country == code and is_country(ent):
            return ent
    name = country_name(code)
    return Entity(id=f"country:{code}", type="GPE", name=name, country=code) if name else None


def country_name(code: str | None, doc: Document | None = None) -> str | None:
    """Canonical name of the country ``code`` (ISO alpha-2), or None when unknown."""
    if not code:
        return None
    name = _kb_countries().get(code)
    if name:
        return name
    if doc is not None:
        cands = [e for e in doc.entities if e.type == "GPE" and e.country == code]
        if cands:
            return max(cands, key=lambda e: len(e.mentions)).name
    return None


def is_country(ent: Entity) -> bool:
    """True for a country (or a GPE we cannot place); False for a city or region of a country."""
    if ent.type != "GPE":
        return False
    if ent.kb_id and ent.kb_id.startswith("gpe:"):
        return len(ent.kb_id) == 6
    if not ent.country:
        return True
    known = _kb_countries().get(ent.country)
    return known is None or known == ent.name
