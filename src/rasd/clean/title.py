"""The headline line of a document.

1. When the input gives a title (HTML ``<title>``/``og:title``, a JSON Lines ``title``), the line that
   carries it is the title: the same line after folding (``meta:exact``), or a line that is one of the
   title's parts once a site name after "|", "-", "–" or "—" is cut off (``meta:part``), or a line that
   contains the given title (``meta:contained``).
2. Otherwise the headline-shaped line of the head zone (the lines before the first body paragraph):
   a line the article prints twice (a "currently reading" widget, then the article) is strong evidence
   (``headline:repeated``); else the first head line that is not a section label
   (``headline``): a label has at most ``title_label_words`` words, no sentence punctuation, or is a
   known section name.  The page furniture before it (language switch, "currently reading",
   JavaScript warnings) is skipped because the boilerplate signals run first.
3. Without a headline-shaped head line, the first line that is not furniture (``first-line``).
"""
from __future__ import annotations

import regex

from rasd.clean.boilerplate import furniture, is_section_label, line_key
from rasd.clean.lines import Zones, ends_sentence, word_count
from rasd.doc import Line

_SITE_SEP = regex.compile(r"\s+[|–—-]\s+|\s*[|]\s*")


def _title_parts(title: str) -> list[str]:
    """The given title, then its parts around site-name separators, longest first."""
    parts = [p for p in _SITE_SEP.split(title) if p.strip()]
    return [title] + sorted(parts, key=len, reverse=True)


def find_title(body: list[Line], meta_title: str | None = None, z: Zones | None = None) -> tuple[Line | None, str]:
    """(title line, rule) among the non-blank lines ``body`` whose furniture is already marked.

    ``z`` bounds the head zone (see ``rasd.clean.lines.Zones``); without it every line counts as head.
    """
    candidates = [ln for ln in body if ln.kind != "boilerplate"]
    if not candidates:
        return None, ""
    if meta_title and meta_title.strip():
        hit = _match_meta(candidates, meta_title)
        if hit[0] is not None:
            return hit
    head = [ln for i, ln in enumerate(body) if ln.kind != "boilerplate" and (z is None or z.where(i) == "head")]
    shaped = [ln for ln in head if not is_label_line(ln.text)]
    if shaped:
        keys = [line_key(ln.text) for ln in body]
        repeated = [ln for ln in shaped if keys.count(line_key(ln.text)) >= 2]
        if repeated:
            return repeated[0], "headline:repeated"
        return shaped[0], "headline"
    return candidates[0], "first-line"


def is_label_line(text: str) -> bool:
    """A line too short to be a headline: a section name, or a few words without sentence punctuation."""
    most = int(furniture().limits.get("title_label_words", 2))
    return is_section_label(text) or (word_count(text) <= most and not ends_sentence(text))


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
