"""Time stage: temporal expressions, normalised, and the publication window (docs/time.md).

Public API::

    find_times(text, anchor=None, base=0) -> list[TimeExpr]   # pure; anchor: Anchor | date | "YYYY-MM-DD" | None
    Anchor(earliest, latest), Anchor.day(d), Anchor.parse("YYYY-MM-DD")
    analyse(doc, facts=None) -> Document                        # fills doc.times and doc.published
    refine_published(doc, facts: list[DatedFact]) -> Document    # for the cross-document stage
    refine_from_events(doc) -> Document                          # same, facts = event dates filled from other documents
    time_stage                                                   # the pipeline stage
"""
from __future__ import annotations

from rasd.doc import Document
from rasd.pipeline import stage
from rasd.time.analyse import (DatedFact, analyse, facts_from_events, find_times, refine_from_events,
                               refine_published)
from rasd.time.model import Anchor


@stage("time", requires=("raw", "content"), sets=("times", "published"))
def time_stage(doc: Document) -> Document:
    """Recognise and normalise every temporal expression of the content lines; infer the window."""
    return analyse(doc)


__all__ = ["time_stage", "find_times", "analyse", "refine_published", "refine_from_events", "facts_from_events",
           "DatedFact", "Anchor"]
