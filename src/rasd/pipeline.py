"""The ordered stages, checked once, and the drivers that run them.

A stage is a plain function ``Document -> Document`` wrapped by ``@stage(name, requires, sets)``;
the corpus-level stage is ``Corpus -> Corpus``.  ``STAGES`` is the one ordered tuple; ``check``
verifies that every attribute a stage requires is set by an earlier one (or is given by input).
"""
from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from typing import Callable, Iterable, Iterator

from rasd.doc import Corpus, Document, Failure
from rasd.errors import InputError, PipelineError

INPUT_ATTRS = frozenset({"id", "raw", "source", "meta"})


@dataclass(frozen=True)
class Stage:
    name: str
    func: Callable
    requires: tuple[str, ...]
    sets: tuple[str, ...]
    level: str = "document"  # document | corpus

    def __call__(self, x):
        return self.func(x)


def stage(name: str, requires: Iterable[str] = (), sets: Iterable[str] = (), level: str = "document"):
    def wrap(func: Callable) -> Stage:
        return Stage(name, func, tuple(requires), tuple(sets), level)
    return wrap


def check(stages: tuple[Stage, ...]) -> None:
    have = set(INPUT_ATTRS)
    seen_corpus = False
    for st in stages:
        missing = [r for r in st.requires if r not in have]
        if missing:
            raise PipelineError(
                f"stage '{st.name}' needs {', '.join(missing)}, which no earlier stage sets; "
                f"put a stage that sets it before '{st.name}'")
        if st.level == "document" and seen_corpus:
            raise PipelineError(f"document stage '{st.name}' placed after a corpus stage")
        seen_corpus = seen_corpus or st.level == "corpus"
        have.update(st.sets)


def _stages() -> tuple[Stage, ...]:
    from rasd.clean import clean
    from rasd.corpus import cross_document
    from rasd.entities import entities
    from rasd.events import events
    from rasd.time import time_stage

    return (clean, entities, time_stage, events, cross_document)


_CACHE: dict[str, tuple[Stage, ...]] = {}


def stages() -> tuple[Stage, ...]:
    """The ordered stages, checked once per process."""
    if "all" not in _CACHE:
        st = _stages()
        check(st)
        _CACHE["all"] = st
    return _CACHE["all"]


def document_stages(upto: str | None = None) -> tuple[Stage, ...]:
    out = []
    for st in stages():
        if st.level != "document":
            break
        out.append(st)
        if st.name == upto:
            break
    return tuple(out)


def run_document(doc: Document, upto: str | None = None) -> Document:
    for st in document_stages(upto):
        doc = st(doc)
        doc.stages.append(st.name)
    return doc


def run_corpus(corpus: Corpus) -> Corpus:
    for st in stages():
        if st.level == "corpus":
            corpus = st(corpus)
    return corpus


def _safe(doc: Document) -> Document | Failure:
    try:
        return run_document(doc)
    except Exception as exc:  # one bad document never stops the batch
        return Failure(doc.source or doc.id, f"processing failed: {type(exc).__name__}: {exc}")


def process_documents(docs: Iterable[Document | Failure], workers: int = 1,
                      progress: Callable[[int], None] | None = None) -> Corpus:
    """Run every document stage on ``docs`` (in parallel when ``workers > 1``), then the corpus stage."""
    corpus = Corpus()
    items = list(docs)
    todo = [d for d in items if isinstance(d, Document)]
    corpus.failures.extend(d for d in items if isinstance(d, Failure))
    stages()  # check wiring before any work
    if workers > 1 and len(todo) > 1:
        with ProcessPoolExecutor(max_workers=workers) as ex:
            results: Iterator = ex.map(_safe, todo, chunksize=max(1, len(todo) // (workers * 8)))
            done = _collect(results, corpus, progress)
    else:
        done = _collect(map(_safe, todo), corpus, progress)
    corpus.documents = done
    return run_corpus(corpus)


def _collect(results, corpus: Corpus, progress) -> list[Document]:
    done = []
    for r in results:
        if isinstance(r, Failure):
            corpus.failures.append(r)
        else:
            done.append(r)
        if progress:
            progress(1)
    return done


def process_paths(paths: Iterable[str], workers: int = 1, progress=None) -> Corpus:
    from rasd.io import read_paths

    return process_documents(read_paths(paths), workers=workers, progress=progress)


def process_texts(texts: dict[str, str], workers: int = 1) -> Corpus:
    """Process in-memory texts keyed by document id."""
    return process_documents([Document(id=k, raw=v, source=k) for k, v in texts.items()], workers)


def default_workers() -> int:
    return max(1, (os.cpu_count() or 1))


__all__ = ["Stage", "stage", "check", "stages", "run_document", "run_corpus",
           "process_documents", "process_paths", "process_texts", "InputError"]
