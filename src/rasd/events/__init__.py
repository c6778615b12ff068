"""Events stage: PLOVER-coded events with actors, counterparts, place, date, topics, evidence.

Placeholder until the events stage lands: finds nothing.
"""
from __future__ import annotations

from rasd.doc import Document
from rasd.pipeline import stage


@stage("events", requires=("raw", "content", "entities", "times", "published"), sets=("events",))
def events(doc: Document) -> Document:
    return doc
