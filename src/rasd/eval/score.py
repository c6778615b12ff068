"""``score(gold, pred)``: the whole comparison, as a JSON-serialisable report.

Report layout (``rasd-eval/1``)::

    {"schema": "rasd-eval/1",
     "pairing": {"paired": [...], "gold_only": [...], "pred_only": [...], "duplicates": {...}},
     "documents": {"title", "published", "outlet": accuracy, "boilerplate": prf},
     "entities": {"entities", "typed", "mentions": prf, "name", "role": accuracy},
     "events": {"events": prf, "mode", "actors", "counterparts", "country", "date": accuracy,
                "actors_jaccard", "counterparts_jaccard", "topics_jaccard": mean},
     "cross_document": {"same_event", "text_reuse", "conflicts": prf},
     "per_document": {doc: what was missed / spurious / wrong}}

Each measure is a dict with ``kind`` (prf | accuracy | mean), its counts and ``score``.
``flatten(report)`` gives ``{"section.measure": score}``, the names used by eval floors.
"""
from __future__ import annotations

from dataclasses import fields
from typing import Any

from rasd.errors import RasdError
from rasd.eval.align import basename
from rasd.eval.cross import score_cross
from rasd.eval.documents import DocumentScores, score_document_fields
from rasd.eval.entities import EntityScores, name_map, score_entities
from rasd.eval.events import EventScores, score_events

REPORT_SCHEMA = "rasd-eval/1"
SECTIONS = ("documents", "entities", "events", "cross_document")


class EvalInputError(RasdError):
    """A gold or prediction that is not a rasd-gold/1 object."""


def _documents(j: Any, role: str) -> list[dict]:
    if not isinstance(j, dict) or not isinstance(j.get("documents"), list):
        raise EvalInputError(f"the {role} is not rasd-gold/1 JSON (no 'documents' list)")
    docs = j["documents"]
    for i, d in enumerate(docs):
        if not isinstance(d, dict) or not isinstance(d.get("doc"), str):
            raise EvalInputError(f"the {role}'s document #{i} has no 'doc' name")
    return docs


def pair_documents(gold: list[dict], pred: list[dict]) -> dict[str, Any]:
    """Pair documents by file name; the first of several same-named documents is used."""
    def index(docs):
        out, dups = {}, []
        for d in docs:
            name = basename(d["doc"])
            if name in out:
                dups.append(d["doc"])
            else:
                out[name] = d
        return out, dups

    g, gdup = index(gold)
    p, pdup = index(pred)
    return {"gold": g, "pred": p,
            "paired": [n for n in g if n in p], "gold_only": [n for n in g if n not in p],
            "pred_only": [n for n in p if n not in g], "duplicates": {"gold": gdup, "pred": pdup}}


def _section(acc) -> dict[str, Any]:
    return {f.name: getattr(acc, f.name).to_dict() for f in fields(acc)}


def score(gold: dict, pred: dict) -> dict[str, Any]:
    """Compare a prediction with the gold; both are rasd-gold/1 dicts (extra fields ignored)."""
    pairing = pair_documents(_documents(gold, "gold"), _documents(pred, "prediction"))
    docs, ents, evs = DocumentScores(), EntityScores(), EventScores()
    per_doc: dict[str, Any] = {}
    names = pairing["paired"] + pairing["gold_only"] + pairing["pred_only"]
    for name in names:
        g, p = pairing["gold"].get(name), pairing["pred"].get(name)
        gd, pd = g or {}, p or {}
        detail = score_document_fields(gd, pd, docs, has_gold=g is not None)
        ge, pe = gd.get("entities") or [], pd.get("entities") or []
        ent = score_entities(ge, pe, ents)
        ev = score_events(gd.get("events") or [], pd.get("events") or [],
                          name_map(ge, pe, ent["pairs"]), evs)
        del ent["pairs"]
        per_doc[name] = {**detail, "entities": ent, "events": ev,
                         "status": "paired" if g and p else ("gold_only" if g else "pred_only")}
    cross = score_cross(gold.get("cross_document") or {}, pred.get("cross_document") or {})
    return {
        "schema": REPORT_SCHEMA,
        "pairing": {k: pairing[k] for k in ("paired", "gold_only", "pred_only", "duplicates")},
        "documents": _section(docs),
        "entities": _section(ents),
        "events": _section(evs),
        "cross_document": {k: v.to_dict() for k, v in cross.items()},
        "per_document": per_doc,
    }


def flatten(report: dict[str, Any]) -> dict[str, float | None]:
    """``{"section.measure": score}`` for every measure of a report (``None``: not measured)."""
    return {f"{sec}.{name}": m["score"] for sec in SECTIONS for name, m in report.get(sec, {}).items()}
