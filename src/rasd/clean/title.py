"""The headline line of a document.

1. When the input gives a title (HTML ``<title>``/``og:title``, a JSON Lines ``title``), the line that
   carries it is the title: the same line after folding (``meta:exact``), or a line that is one of the
   title's parts once a site name after "|", "-", "–" or "—" is cut off (``meta:part``), or a line that
   contains the given title (``meta:contained``).
2. Otherwise the first line that is not furniture (``first-line``); the page furniture before it
   (language switch, "currently reading", JavaScript warnings) is skipped because the boilerplate
   signals run first.  A headline printed twice (a widget, then the article) is still the headline.
"""
from __future__ import annotations

import regex

from rasd.clean.boilerplate import line_key
from rasd.doc import Line

_SITE_SEP = regex.compile(r"\s+[|–—-]\s+|\s*[|]\s*")


def _title_parts(title: str) -> list[str]:
    """The given title, then its parts around site-name separators, longest first."""
    parts = [p for p in _SITE_SEP.split(title) if p.strip()]
    return [title] + sorted(parts, key=len, reverse=True)


def find_title(body: list[Line], meta_title: str | None = None) -> tuple[Line | None, str]:
    """(title line, rule) among the non-blank lines ``body`` whose furniture is already marked."""
    candidates = [ln for ln in body if ln.kind != "boilerplate"]
    if not candidates:
        return None, ""
    if meta_title and meta_title.strip():
        hit = _match_meta(candidates, meta_title)
        if hit[0] is not None:
            return hit
    return candidates[0], "first-line"


def _match_meta(candidates: list[Line], meta_title: str) -> tuple[Line | None, str]:
    keys = [(ln, line_key(ln.text)) for ln in candidates]
    whole = line_key(meta_title)
    for ln, k in keys:
        if k == whole:
            return ln, "meta:exact"
    for part in _title_parts(meta_title)[1:]:
        pk = line_key(part)
        if len(pk) < 8:
            continue
        for ln, k in keys:
            if k == pk:
                return ln, "meta:part"
    for ln, k in keys:
        if len(whole) >= 8 and whole in k and len(k) <= 2 * len(whole):
            return ln, "meta:contained"
    return None, ""
