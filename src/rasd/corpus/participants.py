"""Who takes part in an event, and when two names stand for the same party.

An agency may stand for its chief and the chief for his agency ("the FBI" / "its director"):
a person whose role (in any document of the corpus) begins with a chief title of
``cross_document.yml`` (``chief_titles``, not qualified by ``not_chief_words``) and names an
organisation known in the corpus is taken to head it.  Two participants match when they are the
same canonical name or one heads the other; a deputy and his chief never match each other.
"""
from __future__ import annotations

import functools
from collections import defaultdict
from typing import Iterable

import regex

from rasd.corpus.config import settings
from rasd.doc import Document, Event
from rasd.text.normalize import normalize

_WORD = regex.compile(r"[\p{L}\p{M}\p{N}]+(?:[-'][\p{L}\p{M}\p{N}]+)*")


@functools.lru_cache(maxsize=200_000)
def _words(s: str) -> tuple[str, ...]:
    """Normalised words of a name or role (cached: roles and names repeat)."""
    return tuple(normalize(w) for w in _WORD.findall(s))


@functools.lru_cache(maxsize=1)
def _titles() -> tuple[tuple[str, ...], tuple[str, ...]]:
    cfg = settings()
    return (tuple(" ".join(_words(t)) for t in cfg["chief_titles"]),
            tuple(" ".join(_words(t)) for t in cfg["not_chief_words"]))


def _has_phrase(words: tuple[str, ...], phrases: Iterable[str]) -> bool:
    text = " " + " ".join(words) + " "
    return any(p and f" {p} " in text for p in phrases)


@functools.lru_cache(maxsize=200_000)
def _chief_role(role: str) -> bool:
    """A role that makes its holder the chief of what it names (not a deputy)."""
    chiefs, deputies = _titles()
    words = _words(role)
    return _has_phrase(words, chiefs) and not _has_phrase(words, deputies)


def heads_map(documents: Iterable[Document]) -> dict[str, set[str]]:
    """``person -> organisations he heads``, from the roles of every document's entities."""
    docs = list(documents)
    orgs: dict[str, str] = {}
    for d in docs:
        for e in d.entities:
            if e.type == "ORG":
                orgs.setdefault(" ".join(_words(e.name)), e.name)
    longest = max((k.count(" ") + 1 for k in orgs), default=0)
    out: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        for e in d.entities:
            if e.type != "PER" or not e.role or not _chief_role(e.role):
                continue
            words = _words(e.role)
            for n in range(1, min(longest, 6) + 1):
                for i in range(len(words) - n + 1):
                    org = orgs.get(" ".join(words[i:i + n]))
                    if org:
                        out[e.name].add(org)
    return dict(out)


class Matcher:
    """Matches participants of two events, with agencies standing for their chiefs."""

    def __init__(self, heads: dict[str, set[str]] | None = None):
        self.heads = heads or {}

    def same(self, p: str, q: str) -> bool:
        return p == q or q in self.heads.get(p, ()) or p in self.heads.get(q, ())

    def identities(self, p: str) -> set[str]:
        """The names ``p`` may be found under: itself and what it heads."""
        return {p} | self.heads.get(p, set())

    def shared(self, a: list[str], b: list[str]) -> int:
        """How many of ``a`` have a distinct match in ``b`` (exact matches first, then greedy
        agency/chief matches)."""
        exact = set(a) & set(b)
        rest_a = [p for p in dict.fromkeys(a) if p not in exact]
        rest_b = [q for q in dict.fromkeys(b) if q not in exact]
        n = len(exact)
        if not rest_a or not rest_b or not self.heads:
            return n
        for p in rest_a:
            for q in rest_b:
                if self.same(p, q):
                    rest_b.remove(q)
                    n += 1
                    break
        return n

    def disjoint(self, a: list[str], b: list[str]) -> bool:
        return bool(a) and bool(b) and self.shared(a, b) == 0


def participants(ev: Event) -> list[str]:
    """Actors then counterparts, each once."""
    return list(dict.fromkeys(ev.actors + ev.counterparts))
