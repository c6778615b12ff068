"""Within-document coreference: one entity per referent, with all its mentions.

Mentions linked to the same KB entry are one entity (so an acronym and its full name, a
country and its nisba, a person's full and short names).  Unknown mentions group by their
canonical name.  A one-word person mention joins the person whose surname it is (``العلوي``,
``علوي`` after ``كريم العلوي``; ``الزروالي`` after ``مراد زروالي``), and the surnames of the document's people are looked
for in the rest of the content (``coref:surname``).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from rasd.entities.link import Link
from rasd.entities.patterns import Lexicon
from rasd.entities.recognize import Found, Tok
from rasd.text.normalize import normalize, normalize_keep, normalize_map, strip_clitics

ARTICLE = "ال"


@dataclass
class Group:
    key: str
    type: str
    link: Link
    items: list[tuple[Found, str]] = field(default_factory=list)  # (found, raw text)


@functools.lru_cache(maxsize=50_000)
def surname_key(text: str) -> str | None:
    """The last word of a person's name without the article, in display normal form (cached)."""
    words = normalize_keep(text).split()
    if len(words) < 2:
        return None
    last = words[-1]
    return last[2:] if last.startswith(ARTICLE) and len(last) > 4 else last


@functools.lru_cache(maxsize=50_000)
def bare(word: str) -> str:
    """``word`` in display normal form, without the article (cached)."""
    w = normalize_keep(word)
    return w[2:] if w.startswith(ARTICLE) and len(w) > 4 else w


def group(items: list[tuple[Found, str, Link]]) -> list[Group]:
    """Group linked mentions into entities (first mention order)."""
    groups: dict[str, Group] = {}
    singles: list[tuple[Found, str, Link]] = []
    for f, text, ln in items:
        if ln.kb is None and len(text.split()) == 1:
            singles.append((f, text, ln))
            continue
        _add(groups, f, text, ln)
    for f, text, ln in singles:
        target = _surname_owner(groups, text)
        if target is not None:
            f.type = "PER"  # a surname, whatever the tagger thought
            target.items.append((f, text))
        else:
            _add(groups, f, text, ln)
    return sorted(groups.values(), key=lambda g: min(x[0].start for x in g.items))


def _add(groups: dict[str, Group], f: Found, text: str, ln: Link) -> None:
    key = f"kb:{ln.kb.id}" if ln.kb is not None else f"{f.type}:{ln.name.lower()}"
    g = groups.get(key)
    if g is None:
        typ = ln.kb.type if ln.kb is not None else f.type
        g = groups[key] = Group(key, typ, ln)
    g.items.append((f, text))


def _surname_owner(groups: dict[str, Group], text: str) -> Group | None:
    w = bare(text)
    for g in groups.values():
        if g.type != "PER":
            continue
        if any(surname_key(t) == w for _, t in g.items):
            return g
    return None


def surname_mentions(groups: list[Group], sentences: list[tuple[list[Tok], list[Found]]],
                     lex: Lexicon, rule: str = "coref:surname") -> None:
    """Add the document's other occurrences of each person's surname to that person."""
    owners: dict[str, Group] = {}
    for g in groups:
        if g.type != "PER":
            continue
        for _, t in g.items:
            s = surname_key(t)
            if s and len(s) >= 3 and s not in lex.false_friends and s not in lex.stop_words:
                owners.setdefault(s, g)
    if not owners:
        return
    lasts = {normalize(k)[-1:] for k in owners}  # a cheap first filter on the last letter
    for n, (toks, found) in enumerate(sentences):
        taken = {k for f in found for k in range(f.i, f.j)}
        for i, tok in enumerate(toks):
            if i in taken or tok.norm[-1:] not in lasts:
                continue
            hit = _surname_hit(tok, owners)
            if hit is None:
                continue
            g, start = hit
            f = Found(i, i + 1, start, tok.end, "PER", rule, 1, sent=n, score=0.9)
            found.append(f)
            g.items.append((f, tok.text[start - tok.start:]))
            taken.add(i)


@functools.lru_cache(maxsize=50_000)
def _keep_map(text: str) -> tuple[str, list[int]]:
    return normalize_map(text, fold=False)


def _surname_hit(tok: Tok, owners: dict[str, Group]) -> tuple[Group, int] | None:
    word, idx = _keep_map(tok.text)
    for stem in strip_clitics(word):
        b = stem[2:] if stem.startswith(ARTICLE) and len(stem) > 4 else stem
        g = owners.get(b)
        if g is not None and stem in (b, ARTICLE + b) and word.endswith(stem):
            return g, tok.start + idx[len(word) - len(stem)]
    return None
