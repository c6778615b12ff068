"""English names for unknown organisations, glossed word by word from their Arabic form.

An Arabic organisation name is a chain of genitive parts, each a noun with its adjectives:
``[الأمانة العامة] [ل][المجلس]`` -> parts ``(Secretariat, General)``, ``(Council)`` -> English
"General Secretariat of the Council": adjectives go before their noun, parts are joined by "of",
a later part that carried the article gets "the" unless it is a field word (Security, Terrorism…)
that English writes bare.  A nisba of a country at the end becomes the country in brackets, as
the knowledge base writes national bodies ("… (Mauritania)"); the country of a closing nisba
comes from the knowledge base.  When any word is not in
``lexicons/org_gloss.yml`` the name is not glossed (``None``) and the caller transliterates it.
"""
from __future__ import annotations

import functools

from rasd.resources import load_yaml
from rasd.text.normalize import normalize

FIELD_WORDS = {"Security", "Terrorism", "Drugs", "Crime", "Crimes", "Migration", "Intelligence",
               "Interior", "Justice", "Defence", "Finance", "Customs", "Borders", "Coasts",
               "Information", "Cooperation", "Development", "Police", "Operations", "Investigations",
               "Studies", "Research", "Communications", "Coordination", "Human", "Rights", "Affairs",
               "Refugees", "Migrants", "Protection", "Surveillance", "Combating", "Intervention",
               "Territory", "Identity", "Nationality", "Prisons", "Reform", "Judiciary", "Ports of Entry"}


@functools.lru_cache(maxsize=1)
def _tables():
    data = load_yaml("lexicons/org_gloss.yml")
    nouns = {normalize(k): v for k, v in data["nouns"].items()}
    adjs = {normalize(k): v for k, v in data["adjectives"].items()}
    return nouns, adjs, frozenset(data["of_heads"]), frozenset(data["verbal_nouns"])


def _split(word: str, allow_conj: bool = True) -> tuple[str, bool, bool, bool]:
    """(stem, had the article, genitive ل/لل, conjunction و) of a normalised word."""
    conj = genitive = False
    if allow_conj and word.startswith("و") and len(word) > 3:
        conj, word = True, word[1:]
    if word.startswith("لل") and len(word) > 3:
        return word[2:], True, True, conj
    if word.startswith("ل") and not word.startswith("ال") and len(word) > 3:
        genitive, word = True, word[1:]
    if word.startswith("ال") and len(word) > 3:
        return word[2:], True, genitive, conj
    return word, False, genitive, conj


class _Part:
    __slots__ = ("noun", "adjs", "article", "conj")

    def __init__(self, noun: str, article: bool, conj: bool):
        self.noun, self.adjs, self.article, self.conj = noun, [], article, conj

    def text(self) -> str:
        return " ".join([*reversed(self.adjs), self.noun])


def _country_of_nisba(word: str) -> str | None:
    """The country a nisba adjective stands for (``العراقي`` -> Iraq), from the knowledge base."""
    try:
        from rasd.kb import get_kb
    except ImportError:
        return None
    for entry, kind in get_kb().lookup(word):
        if kind == "nisba" and entry.type == "GPE":
            return entry.name
    return None


def _parse(words: list[str]) -> tuple[list[_Part], str | None] | None:
    """The name's parts, and the country of a nisba that closes it (``… العراقي``)."""
    nouns, adjs, _, _ = _tables()
    parts: list[_Part] = []
    country = None
    if len(words) > 1:
        country = _country_of_nisba(words[-1])
        if country is not None:
            words = words[:-1]
    i = 0
    while i < len(words):
        w = words[i]
        i += 1
        if i < len(words):  # a two-word term of the glossary ("غسل الأموال" -> Money Laundering)
            stem, article, genitive, conj = _split(w)
            term = nouns.get(f"{stem} {words[i]}")
            if term is not None:
                parts.append(_Part(term, article, conj))
                i += 1
                continue
        candidates = [_split(w)]
        if w.startswith("و"):  # or a stem that itself starts with و (وزارة, وحدة)
            candidates.append(_split(w, allow_conj=False))
        if w.startswith("لل"):  # ل + a stem that itself starts with ل (للجنة = ل + لجنة)
            candidates.append((w[1:], False, True, False))
        for stem, article, genitive, conj in candidates:
            if stem in adjs and parts and not genitive and not conj:
                parts[-1].adjs.append(adjs[stem])
                break
            if stem in nouns:
                parts.append(_Part(nouns[stem], article, conj))
                break
        else:
            return None
    return (parts, country) if parts else None


def _english(parts: list[_Part]) -> str:
    """Right to left: each head takes the phrase after it as 'of …', 'for …' or a compound."""
    _, _, of_heads, verbal = _tables()
    # conjoined parts ("… للهوية والجنسية والجمارك") form one dependent phrase
    groups: list[list[_Part]] = []
    for p in parts:
        if p.conj and groups:
            groups[-1].append(p)
        else:
            groups.append([p])
    phrase = ""
    for k in range(len(groups) - 1, -1, -1):
        g = groups[k]
        own = " and ".join(p.text() for p in g)
        head = g[-1]
        if not phrase:
            phrase = own
        elif head.noun in verbal:
            phrase = f"{own} {phrase}"
        elif groups[k + 1][0].noun in verbal:
            phrase = f"{own} for {phrase}"
        elif head.noun in of_heads or len(g) > 1:
            nxt = groups[k + 1][0]
            the = "the " if nxt.article and nxt.noun not in FIELD_WORDS and not nxt.adjs else ""
            phrase = f"{own} of {the}{phrase}"
        else:
            phrase = f"{phrase} {own}"
    return phrase


def gloss(name: str, country: str | None = None) -> str | None:
    """English gloss of an Arabic organisation name, or None when a word is unknown."""
    parsed = _parse(normalize(name).split())
    if parsed is None:
        return None
    parts, stated = parsed
    english = _english(parts)
    country = country or stated
    return f"{english} ({country})" if country else english
