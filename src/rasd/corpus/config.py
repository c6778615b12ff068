"""The settings and small tables of the cross-document stage, read once from
``resources/lexicons/cross_document.yml``."""
from __future__ import annotations

import functools
from typing import Any

from rasd.resources import load_yaml

DATA = "lexicons/cross_document.yml"


@functools.lru_cache(maxsize=1)
def settings() -> dict[str, Any]:
    """The whole data file (header included), cached."""
    return load_yaml(DATA)


@functools.lru_cache(maxsize=1)
def mode_table() -> dict[tuple[str, str], bool]:
    """``(mode_a, mode_b) -> swap`` for every compatible pair, both orders."""
    out: dict[tuple[str, str], bool] = {}
    for row in settings()["compatible_modes"]:
        out[(row["a"], row["b"])] = bool(row["swap"])
        out[(row["b"], row["a"])] = bool(row["swap"])
    return out


@functools.lru_cache(maxsize=1)
def type_table() -> frozenset[tuple[str, str]]:
    """Compatible type pairs, both orders."""
    pairs = set()
    for a, b in settings().get("compatible_types") or []:
        pairs.add((a, b))
        pairs.add((b, a))
    return frozenset(pairs)


def weight(name: str) -> float:
    return _weights()[name]


@functools.lru_cache(maxsize=1)
def _weights() -> dict[str, float]:
    return {k: float(v) for k, v in settings()["weights"].items()}


def threshold(name: str) -> Any:
    return settings()["threshold"][name]


def reuse(name: str) -> Any:
    return settings()["reuse"][name]


def clear() -> None:
    """Forget the cached settings (tests that change them)."""
    for f in (settings, mode_table, type_table, _weights):
        f.cache_clear()
