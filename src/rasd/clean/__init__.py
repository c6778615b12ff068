"""Clean stage: split lines, mark page furniture, find the title and the outlet.

``clean`` (the pipeline stage) = ``clean_document(doc)``.  ``clean_document`` also takes furniture the
caller already knows (lines seen on other pages of the same outlet: see ``shared_furniture`` and
``apply_shared_furniture``).  The signals are described in ``rasd.clean.boilerplate``, the title
rules in ``rasd.clean.title`` and the outlet rules in ``rasd.clean.outlet``.

Results on the document: ``lines`` (every line, with ``kind`` content | title | boilerplate | blank and
the ``rule`` that decided it), ``content`` (title and content lines, in order), ``boilerplate`` (each
furniture text once, first occurrence, as ``Line`` spans carrying their ``rule``), ``title``,
``outlet`` / ``outlet_rule``.
"""
from __future__ import annotations

from typing import Iterable

from rasd.clean.boilerplate import (body_lines, classify_line, doc_zones, line_key, mark_around_title, mark_name_pairs,
                                    mark_patterns, mark_repeats, mark_tail_block, shared_furniture)
from rasd.clean.lines import fold, split_lines
from rasd.clean.outlet import from_meta, from_text, lookup_domain, lookup_name, mark_outlet_names, registry
from rasd.clean.title import find_title
from rasd.doc import Document, Line, Span
from rasd.pipeline import stage

__all__ = ["clean", "clean_document", "apply_shared_furniture", "shared_furniture", "classify_line",
           "split_lines", "fold", "find_title", "lookup_name", "lookup_domain", "registry"]


@stage("clean", requires=("raw",), sets=("lines", "content", "boilerplate", "title", "outlet"))
def clean(doc: Document) -> Document:
    return clean_document(doc)


def clean_document(doc: Document, known: Iterable[str] = ()) -> Document:
    """Run the clean stage on ``doc``; ``known`` lines (as in the text) are furniture wherever they occur."""
    doc.lines = split_lines(doc.raw)
    body = body_lines(doc)
    z = doc_zones(body)
    meta_outlet, display, rule = from_meta(doc.meta)
    sigs = [(meta_outlet.id, rx) for rx in meta_outlet.signatures] if meta_outlet else []
    mark_patterns(body, z, known, sigs)
    mark_outlet_names(body, z, doc.meta.get("outlet") if isinstance(doc.meta.get("outlet"), str) else None)
    meta_title = doc.meta.get("title") if isinstance(doc.meta.get("title"), str) else None
    title, title_rule = find_title(body, meta_title, z)
    mark_around_title(body, z, title)
    title_key = line_key(title.text) if title else None
    mark_repeats(body, title_key)
    mark_name_pairs(body, z)
    mark_tail_block(body, z)
    _finish(doc, body, title, title_rule, title_key)
    if display is None:
        display, rule = from_text(body)
    doc.outlet, doc.outlet_rule = display, rule
    return doc


def _finish(doc: Document, body: list[Line], title: Line | None, title_rule: str, title_key: str | None) -> None:
    """Fill ``title``, ``content`` and ``boilerplate`` from the marked lines."""
    doc.title = None
    if title is not None:
        doc.title = Span(title.start, title.end, title.text)
        n = len(title.text)
        for ln in body:
            if ln.kind == "content" and abs(len(ln.text) - n) <= n // 4 + 2 and line_key(ln.text) == title_key:
                ln.kind = "title"
                ln.rule = title_rule if ln is title else "title-repeat"
    doc.content = [Span(ln.start, ln.end, ln.text) for ln in body if ln.kind in ("content", "title")]
    seen: set[str] = set()
    doc.boilerplate = []
    for ln in body:
        if ln.kind == "boilerplate" and ln.text not in seen:
            seen.add(ln.text)
            doc.boilerplate.append(ln)


def apply_shared_furniture(docs: list[Document], min_docs: int = 2) -> list[Document]:
    """Re-clean documents with the label lines their outlet prints on ``min_docs`` or more pages.

    Call after the clean stage has run on every document (the outlet must be known); returns the
    same documents, re-cleaned.
    """
    shared = shared_furniture(docs, min_docs)
    out = []
    for d in docs:
        lines = shared.get(d.outlet or "", set())
        if lines:
            keep = [ln.text for ln in d.lines if ln.kind != "blank" and line_key(ln.text) in lines]
            d = clean_document(d, keep)
        out.append(d)
    return out
