"""Cross-document scores (docs/evaluation.md, "Cross-document").

* ``same_event`` and ``text_reuse``: F1 over unordered document pairs; every two documents
  listed together in one cluster/entry form a positive pair; pairs are pooled over entries.
* ``conflicts``: a conflict is its field plus *how the documents split*: the partition of
  the documents into value groups, the value strings ignored (event ids and value formats
  differ between gold and prediction).  Conflicts match when field and partition are equal.
"""
from __future__ import annotations

from itertools import combinations

from rasd.eval.align import basename, multiset_tp
from rasd.eval.measures import PRF


def doc_pairs(entries: list) -> set[frozenset[str]]:
    """Unordered pairs of distinct documents listed together in any entry (``{"docs": [...]}``)."""
    out: set[frozenset[str]] = set()
    for entry in entries or []:
        docs = entry.get("docs") if isinstance(entry, dict) else entry
        names = sorted({basename(d) for d in docs or []})
        out.update(frozenset(p) for p in combinations(names, 2))
    return out


def conflict_key(conflict: dict) -> tuple[str, frozenset[frozenset[str]]]:
    """(field, partition of the documents into value groups)."""
    values = conflict.get("values") or {}
    groups = values.values() if isinstance(values, dict) else values
    partition = frozenset(frozenset(basename(d) for d in g) for g in groups if g)
    return str(conflict.get("field") or "").casefold(), partition


def score_cross(gold: dict, pred: dict) -> dict[str, PRF]:
    g, p = gold or {}, pred or {}
    conf = multiset_tp([conflict_key(c) for c in g.get("conflicts") or []],
                       [conflict_key(c) for c in p.get("conflicts") or []])
    return {
        "same_event": PRF().add_sets(doc_pairs(g.get("same_event")), doc_pairs(p.get("same_event"))),
        "text_reuse": PRF().add_sets(doc_pairs(g.get("text_reuse")), doc_pairs(p.get("text_reuse"))),
        "conflicts": PRF(*conf),
    }
