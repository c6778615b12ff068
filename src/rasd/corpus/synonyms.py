"""Synonym classes for text-reuse keys (``resources/lexicons/reuse_synonyms.yml``).

A rewritten communiqué swaps words ("محاربة" for "مكافحة", "المعطيات" for "المعلومات"); folding each
class onto one key before shingling and alignment lets the rewritten passage align with the
original.  ``fold(key)`` maps a comparison key (normalised, clitics cut: ``rasd.corpus.tokens``)
to its class representative's key; the table is built once, with the same key function, so
the data file's words and the text's words meet in one form.  Offsets are untouched: only the
keys compared change.
"""
from __future__ import annotations

import functools
from typing import Callable

from rasd.resources import load_yaml

DATA = "lexicons/reuse_synonyms.yml"


def classes() -> list[list[str]]:
    """The synonym classes as written in the data file."""
    return [list(c) for c in load_yaml(DATA)["classes"]]


@functools.lru_cache(maxsize=1)
def _table(base_key: Callable[[str], str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for group in classes():
        rep = base_key(group[0])
        for w in group:
            k = base_key(w)
            if k != rep:
                out.setdefault(k, rep)
    return out


def table(base_key: Callable[[str], str]) -> dict[str, str]:
    """key -> representative key, for every word of a class other than the representative."""
    return _table(base_key)


def fold(k: str, base_key: Callable[[str], str]) -> str:
    """The class representative's key of comparison key ``k`` (``k`` itself when in no class)."""
    return _table(base_key).get(k, k)
