"""Document-level scores: title, publication window, outlet, boilerplate (docs/evaluation.md)."""
from __future__ import annotations

from dataclasses import dataclass, field

import regex

from rasd.eval.align import name_key, text_key
from rasd.eval.measures import PRF, Accuracy

# a gold outlet the annotator could only describe ("unnamed Moroccan news site"): not a name
_UNNAMED = regex.compile(r"^\s*(?:unnamed|unknown)\b", regex.IGNORECASE)
_WITH_GLOSS = regex.compile(r"^(.{1,200}?)\s+\((.{1,200})\)\s*$")


@dataclass
class DocumentScores:
    title: Accuracy = field(default_factory=Accuracy)
    published: Accuracy = field(default_factory=Accuracy)
    outlet: Accuracy = field(default_factory=Accuracy)
    boilerplate: PRF = field(default_factory=PRF)


def outlet_forms(outlet: str | None) -> frozenset[str]:
    """The keys an outlet is known by: the whole string, and for ``Latin (عربي)`` each part.

    ``None`` and descriptions such as ``unnamed … site`` have no keys (the outlet is unknown).
    """
    if outlet is None or not str(outlet).strip() or _UNNAMED.match(str(outlet)):
        return frozenset()
    forms = {name_key(outlet)}
    m = _WITH_GLOSS.match(str(outlet))
    if m:
        forms.update({name_key(m.group(1)), name_key(m.group(2))})
    return frozenset(f for f in forms if f)


def outlet_match(gold: str | None, pred: str | None) -> bool:
    """Same outlet: a shared form, or both unknown."""
    g, p = outlet_forms(gold), outlet_forms(pred)
    return bool(g & p) if (g or p) else True


def published_window(doc: dict) -> tuple:
    pub = doc.get("published") or {}
    return pub.get("earliest"), pub.get("latest")


def boilerplate_lines(doc: dict) -> set[str]:
    return {k for k in (text_key(s) for s in doc.get("boilerplate") or []) if k}


def score_document_fields(gold: dict, pred: dict, acc: DocumentScores, has_gold: bool = True) -> dict:
    """Add one document pair to ``acc`` (accuracies only where there is a gold document)."""
    gb, pb = boilerplate_lines(gold), boilerplate_lines(pred)
    acc.boilerplate.add_sets(gb, pb)
    out = {"boilerplate_missed": sorted(gb - pb), "boilerplate_spurious": sorted(pb - gb)}
    if has_gold:
        checks = {
            "title": text_key(gold.get("title")) == text_key(pred.get("title")),
            "published": published_window(gold) == published_window(pred),
            "outlet": outlet_match(gold.get("outlet"), pred.get("outlet")),
        }
        for name, ok in checks.items():
            getattr(acc, name).add(ok)
        out.update(checks)
    return out
