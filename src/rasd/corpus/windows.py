"""Publication windows refined with event dates the cluster supplied.

Once ``fill`` has dated a report's event from other documents (``EventDate.inferred_from``), the
report's own text may fix its publication window more tightly: "13 و14 من يونيو الجاري" becomes
a June of a known year, an undated past visit puts the article after its last day.  The time
stage does the reasoning (``rasd.time.refine_from_events``, docs/time.md); this module only calls
it for the documents a fill touched and records the change:

* ``Published.rule`` becomes ``cross-document+<the time stage's rule>``;
* ``Published.basis`` is prefixed with the documents the event dates came from.

Only a window the time stage inferred from the text (rule ``window:…``), or one with no bound at
all, is refined; a window
given with the input or read from a dateline is already exact.  The new window must lie inside
the old one (outside facts narrow a window, never widen it); a window that does not change, or
would not lie inside, is left exactly as it was (no mark; its ``times`` too).  When the window
is refined, ``doc.times`` are those of the re-analysis (a year-less expression now has its year).  ``reset`` restores the
window of the document's own text (re-running the time analysis without outside facts), so the
stage gives the same result when run again on its own output.  A document read back from a
corpus file has no ``content`` spans; its non-boilerplate lines stand in for them during the
analysis (``rasd.corpus.tokens.content_spans``).
"""
from __future__ import annotations

from contextlib import contextmanager

from rasd.corpus.tokens import content_spans
from rasd.doc import Document, Published

PREFIX = "cross-document+"
INFERRED = "window:"  # the time stage's rules for a window inferred from the text (not metadata or a dateline)


@contextmanager
def _with_content(doc: Document):
    """Give a read-back document its content lines for the duration of a time analysis."""
    had = bool(doc.content)
    if not had:
        doc.content = content_spans(doc)
    try:
        yield doc
    finally:
        if not had:
            doc.content = []


def _sources(doc: Document) -> list[str]:
    return sorted({s for ev in doc.events for s in (ev.date.inferred_from or ())})


def _within(new: Published, old: Published) -> bool:
    """``new`` lies inside ``old`` (an open end is unbounded): outside facts only narrow a window."""
    lo_ok = old.earliest is None or (new.earliest is not None and new.earliest >= old.earliest)
    hi_ok = old.latest is None or (new.latest is not None and new.latest <= old.latest)
    return lo_ok and hi_ok


def _refinable(pub: Published) -> bool:
    """A window the time stage inferred from the text, or one with no bound at all."""
    return pub.rule.startswith(INFERRED) or (pub.earliest is None and pub.latest is None)


def refine(doc: Document) -> bool:
    """Refine ``doc``'s publication window with its event dates filled from other documents;
    True when the window changed."""
    from rasd.time import facts_from_events, refine_published

    facts = facts_from_events(doc)
    before = doc.published
    if not facts or before is None or not _refinable(before):
        return False
    times, warnings = doc.times, doc.warnings
    with _with_content(doc):
        refine_published(doc, facts)
    after = doc.published
    if (after.earliest, after.latest) == (before.earliest, before.latest) or not _within(after, before):
        doc.published, doc.times, doc.warnings = before, times, warnings
        return False
    basis = f"with event dates from {', '.join(_sources(doc))}: {after.basis or ''}".rstrip(": ")
    doc.published = Published(after.earliest, after.latest, basis, PREFIX + after.rule)
    return True


def refine_all(docs: list[Document]) -> list[str]:
    """``refine`` every document with a filled event date; the ids whose window changed."""
    return [d.id for d in docs if any(ev.date.inferred_from for ev in d.events) and refine(d)]


def reset(docs: list[Document]) -> None:
    """Undo earlier refinements: the window of each document's own text."""
    from rasd.time import analyse

    for d in docs:
        if d.published is not None and d.published.rule.startswith(PREFIX):
            with _with_content(d):
                analyse(d)
