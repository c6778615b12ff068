"""Packaged language data: lexicons, the knowledge base, models, the output schema.

Every YAML data file starts with a header mapping::

    about: what the file holds
    source: where its facts come from (and licence, for derived data)

followed by its own keys.  ``load_yaml`` checks the header and caches the file;
``lint_arabic`` is the normal-form check every data test applies (no presentation
forms, no tatweel, no Farsi yeh or keheh, no stray diacritics in keys).
See ``FORMAT.md`` beside this file.
"""
from __future__ import annotations

import functools
import json
from importlib import resources as _res
from pathlib import Path
from typing import Any

import yaml

from rasd.errors import DataError

ROOT = Path(str(_res.files("rasd") / "resources"))


def path(rel: str) -> Path:
    return ROOT / rel


@functools.lru_cache(maxsize=None)
def load_yaml(rel: str) -> dict[str, Any]:
    """Load ``resources/rel`` (YAML), checking the ``about``/``source`` header."""
    p = path(rel)
    try:
        with open(p, encoding="utf-8") as fh:
            data = yaml.load(fh, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except FileNotFoundError:
        raise DataError(str(p), None, "file not found") from None
    except yaml.YAMLError as exc:
        raise DataError(str(p), None, f"not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise DataError(str(p), None, "top level must be a mapping with 'about' and 'source'")
    for key in ("about", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise DataError(str(p), key, "missing header field (every data file says what it holds and where it comes from)")
    return data


@functools.lru_cache(maxsize=None)
def load_json(rel: str) -> Any:
    p = path(rel)
    try:
        with open(p, encoding="utf-8") as fh:
            return json.load(fh)
    except FileNotFoundError:
        raise DataError(str(p), None, "file not found") from None
    except json.JSONDecodeError as exc:
        raise DataError(str(p), None, f"not valid JSON: {exc}") from None


_BAD = {
    "\u0640": "tatweel",
    "\u06cc": "Farsi yeh (use ي)",
    "\u06a9": "keheh (use ك)",
}


def lint_arabic(s: str) -> list[str]:
    """Problems that would stop ``s`` from ever matching real text; empty list when clean."""
    problems = []
    for ch in s:
        cp = ord(ch)
        if 0xFB50 <= cp <= 0xFDFF or 0xFE70 <= cp <= 0xFEFF:
            problems.append(f"presentation form U+{cp:04X}")
        elif ch in _BAD:
            problems.append(_BAD[ch])
    return sorted(set(problems))
