"""Pattern vocabulary of the entities stage, loaded from ``lexicons/entity_patterns.yml``.

Everything here is data-driven: :class:`PhraseSet` finds the longest listed phrase starting at
a token (its first word may carry proclitics: ``ووزير``, ``للمديرية``), and :func:`lexicon`
returns the compiled vocabulary once per process.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass

from rasd.errors import DataError
from rasd.resources import lint_arabic, load_yaml, path
from rasd.kb import stems
from rasd.text.normalize import normalize

LEXICON = "lexicons/entity_patterns.yml"


class PhraseSet:
    """Phrases (normalised token tuples) with an optional value each, for longest-match lookups."""

    def __init__(self, phrases: dict[str, str | None] | list[str]):
        items = phrases.items() if isinstance(phrases, dict) else ((p, None) for p in phrases)
        self.value: dict[tuple[str, ...], str | None] = {}
        self.first: dict[str, list[tuple[str, ...]]] = {}
        for phrase, val in items:
            toks = tuple(normalize(phrase).split())
            if not toks:
                continue
            self.value[toks] = val
            self.first.setdefault(toks[0], []).append(toks)
        for k in self.first:
            self.first[k].sort(key=len, reverse=True)
        self._starts: dict[str, tuple[list[tuple[str, ...]], ...]] = {}
        self._stem_hit: dict[str, bool] = {}

    def _phrases_at(self, word: str) -> tuple[list[tuple[str, ...]], ...]:
        """Per stem of ``word`` (in ``stems`` order) that starts a phrase, those phrases (cached)."""
        hit = self._starts.get(word)
        if hit is None:
            hit = tuple(self.first[s] for s in stems(word) if s in self.first)
            if len(self._starts) > 100_000:
                self._starts.clear()
            self._starts[word] = hit
        return hit

    def match(self, norm: list[str], i: int, clitics: bool = True) -> tuple[int, tuple[str, ...]] | None:
        """(end token index, phrase) of the longest phrase at ``i``, or None."""
        if clitics:
            groups = self._phrases_at(norm[i])
        else:
            groups = (self.first[norm[i]],) if norm[i] in self.first else ()
        best = None
        for group in groups:
            for toks in group:
                end = i + len(toks)
                if end <= len(norm) and tuple(norm[i + 1:end]) == toks[1:]:
                    if best is None or end > best[0]:
                        best = (end, toks)
                    break
        return best

    def __contains__(self, word: str) -> bool:
        return (word,) in self.value

    def has_stem(self, word: str) -> bool:
        """True when ``word`` or one of its clitic-stripped stems is a one-word phrase here."""
        hit = self._stem_hit.get(word)
        if hit is None:
            hit = any((s,) in self.value for s in stems(word))
            if len(self._stem_hit) > 100_000:
                self._stem_hit.clear()
            self._stem_hit[word] = hit
        return hit


@dataclass(frozen=True)
class Lexicon:
    person_titles: PhraseSet
    role_heads: PhraseSet
    role_domains: PhraseSet
    org_heads: PhraseSet
    org_heads_need_two: frozenset[str]
    org_inner: frozenset[str]
    stop_words: frozenset[str]
    name_joiners: frozenset[str]
    place_cues: PhraseSet
    false_friends: frozenset[str]
    loc_heads: frozenset[str]
    first_names: frozenset[str]  # given names of any origin (the Western ones included)
    western_first_names: frozenset[str]
    media_nouns: PhraseSet
    adjective_heads: frozenset[str]
    country_cues: frozenset[str]
    interview_nouns: PhraseSet
    national_words: frozenset[str] = frozenset()
    org_heads_self_named: frozenset[str] = frozenset()
    org_heads_chain_named: frozenset[str] = frozenset()
    ambiguous_given_names: frozenset[str] = frozenset()
    compound_name_parts: frozenset[str] = frozenset()
    party_nouns: PhraseSet = PhraseSet([])
    org_title_heads: PhraseSet = PhraseSet([])


def _check(data: dict) -> None:
    where = str(path(LEXICON))
    for key in ("person_titles", "role_heads", "role_domains", "org_heads", "org_heads_need_two",
                "org_inner", "stop_words", "name_joiners", "place_cues", "false_friends", "loc_heads", "first_names", "media_nouns", "western_first_names",
                "interview_nouns", "adjective_heads", "country_cues", "national_words", "org_title_heads",
                "org_heads_self_named", "org_heads_chain_named", "ambiguous_given_names", "compound_name_parts", "party_nouns"):
        val = data.get(key)
        if not isinstance(val, (list, dict)) or not val:
            raise DataError(where, key, "missing or empty (a list or mapping of words)")
        for word in val:
            if not isinstance(word, str) or not word.strip():
                raise DataError(where, key, f"entry {word!r} is not a word")
            bad = lint_arabic(word)
            if bad:
                raise DataError(where, key, f"entry {word!r}: {', '.join(bad)}")


def _set(words) -> frozenset[str]:
    return frozenset(normalize(w) for w in words)


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The compiled pattern vocabulary (checked; DataError names the broken key)."""
    data = load_yaml(LEXICON)
    _check(data)
    return Lexicon(
        person_titles=PhraseSet(data["person_titles"]),
        role_heads=PhraseSet(data["role_heads"]),
        role_domains=PhraseSet(data["role_domains"]),
        org_heads=PhraseSet(data["org_heads"]),
        org_heads_need_two=_set(data["org_heads_need_two"]),
        org_inner=_set(data["org_inner"]),
        stop_words=_set(data["stop_words"]),
        name_joiners=_set(data["name_joiners"]),
        place_cues=PhraseSet(data["place_cues"]),
        false_friends=_set(data["false_friends"]),
        loc_heads=_set(data["loc_heads"]),
        first_names=_set(data["first_names"]) | _set(data["western_first_names"]),
        western_first_names=_set(data["western_first_names"]),
        media_nouns=PhraseSet(data["media_nouns"]),
        interview_nouns=PhraseSet(data["interview_nouns"]),
        adjective_heads=_set(data["adjective_heads"]),
        country_cues=_set(data["country_cues"]),
        national_words=_set(data["national_words"]),
        org_title_heads=PhraseSet(data["org_title_heads"]),
        org_heads_self_named=_set(data["org_heads_self_named"]),
        org_heads_chain_named=_set(data.get("org_heads_chain_named", [])),
        ambiguous_given_names=_set(data["ambiguous_given_names"]),
        compound_name_parts=_set(data["compound_name_parts"]),
        party_nouns=PhraseSet(data["party_nouns"]),
    )
