"""Cross-document stage: same event, conflicts, text reuse.

Placeholder until the cross-document stage lands: finds nothing.
"""
from __future__ import annotations

from rasd.doc import Corpus
from rasd.pipeline import stage


@stage("cross_document", requires=("events", "content"), sets=("same_event", "conflicts", "text_reuse"), level="corpus")
def cross_document(corpus: Corpus) -> Corpus:
    return corpus
