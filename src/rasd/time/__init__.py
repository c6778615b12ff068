"""Time stage: temporal expressions, normalised, and the publication window.

Placeholder until the time stage lands: publication window from input metadata only.
"""
from __future__ import annotations

from rasd.doc import Document, Published
from rasd.pipeline import stage


@stage("time", requires=("raw", "content"), sets=("times", "published"))
def time_stage(doc: Document) -> Document:
    pub = doc.meta.get("published")
    if pub:
        doc.published = Published(pub, pub, "publication date given with the input", "meta")
    return doc
