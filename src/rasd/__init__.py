"""rasd (رصد): Arabic-first extraction of security-affairs events from news articles.

Public API::

    from rasd import process_paths, process_texts, Document, Corpus
"""
from rasd.doc import Corpus, Document, Entity, Event, Mention, Span, TimeExpr
from rasd.errors import RasdError
from rasd.pipeline import process_paths, process_texts

__all__ = [
    "Corpus", "Document", "Entity", "Event", "Mention", "Span", "TimeExpr",
    "RasdError", "process_paths", "process_texts",
]
__version__ = "0.1.0"
