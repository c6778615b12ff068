"""Entities stage: recognise PER/ORG/GPE/LOC mentions, link them to canonical names, group them.

Placeholder until the entities stage lands: finds nothing.
"""
from __future__ import annotations

from rasd.doc import Document
from rasd.pipeline import stage


@stage("entities", requires=("raw", "content"), sets=("mentions", "entities"))
def entities(doc: Document) -> Document:
    return doc
