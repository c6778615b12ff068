"""Adding documents to an existing corpus file (``rasd extract --into corpus.json new/``).

``merge_into(path, new)`` loads the corpus written earlier (``rasd.output.load``), adds the new
documents (a document whose id is already there replaces the old one) and updates the
cross-document results without redoing everything:

* text reuse: the records of pairs of old, unchanged documents are kept as they are; only pairs
  that touch a new document are looked for, through the MinHash LSH window index rebuilt from
  the stored texts (signatures are cheap; the alignment that verifies a pair is the costly
  part, and it is done only for new pairs);
* clusters, conflicts and fills are recomputed over all events (blocking makes this fast), after
  undoing the fills of the previous run, so the result is the same as processing everything at
  once.
"""
from __future__ import annotations

from pathlib import Path

from rasd.doc import Corpus


def merge(old: Corpus, new: Corpus) -> Corpus:
    """``old`` plus ``new`` (new documents replace old ones of the same id), cross-document
    results updated."""
    from rasd.corpus import analyse
    from rasd.corpus.reuse import find_reuse

    new_ids = {d.id for d in new.documents}
    kept = [d for d in old.documents if d.id not in new_ids]
    kept_ids = {d.id for d in kept}
    docs = kept + list(new.documents)
    old_records = [r for r in old.text_reuse if all(x in kept_ids for x in r["docs"])]
    new_records = find_reuse(docs, new_from=len(kept))
    failures = [f for f in old.failures if f.source not in {d.source for d in new.documents}] + list(new.failures)
    corpus = Corpus(documents=docs, failures=failures)
    return analyse(corpus, reuse_records=old_records + new_records)


def merge_into(path: str, new: Corpus) -> Corpus:
    """Load the corpus file at ``path`` (an empty corpus when it does not exist yet), merge
    ``new`` into it and return the result (the caller writes it)."""
    from rasd.output import load

    old = load(path) if Path(path).exists() and Path(path).stat().st_size > 0 else Corpus()
    return merge(old, new)
