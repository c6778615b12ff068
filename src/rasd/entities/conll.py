"""CoNLL interface of the name tagger: read/write ``token [tag]`` files and score them.

``tag_conll`` reads sentences (one ``token [tag...]`` line per token, a blank line
between sentences), tags them and writes ``token predicted_tag`` with the tags
B-/I- PERS, LOC, ORG (MISC becomes O; GPE is written as LOC).

``conll_f1`` scores predicted against gold tags the way conlleval does: an entity is a
maximal chunk of one type (B- opens a chunk, I- of a different type than the open
chunk opens a new one, I- after O opens one too), and a predicted entity counts only
when its type and both boundaries match a gold one.
"""
from __future__ import annotations

from typing import Iterable, Iterator, Sequence, TextIO

SCORED_TYPES = ("PERS", "LOC", "ORG")
_TYPE_MAP = {"PERS": "PERS", "PER": "PERS", "LOC": "LOC", "GPE": "LOC", "ORG": "ORG"}


def read_conll(src: Iterable[str]) -> Iterator[tuple[list[str], list[str | None]]]:
    """Yield (tokens, tags) per sentence; a tag is None where the line has none.

    Extra columns after the tag (e.g. nested tags) are ignored.
    """
    tokens: list[str] = []
    tags: list[str | None] = []
    for line in src:
        parts = line.split()
        if not parts:
            if tokens:
                yield tokens, tags
            tokens, tags = [], []
            continue
        tokens.append(parts[0])
        tags.append(parts[1] if len(parts) > 1 else None)
    if tokens:
        yield tokens, tags


def map_tag(tag: str | None) -> str:
    """Project a tag onto the scored scheme: B-/I- PERS, LOC, ORG, or O."""
    if not tag or tag == "O" or len(tag) < 3 or tag[1] != "-" or tag[0] not in "BIES":
        return "O"
    kind = _TYPE_MAP.get(tag[2:])
    if kind is None:
        return "O"
    prefix = "B" if tag[0] in "BS" else "I"
    return f"{prefix}-{kind}"


def tag_conll(src: TextIO, dst: TextIO) -> None:
    """Tag every sentence of ``src`` and write ``token predicted_tag`` lines to ``dst``."""
    from rasd.entities.tagger import get_tagger

    tagger = get_tagger()
    first = True
    for tokens, _tags in read_conll(src):
        if not first:
            dst.write("\n")
        first = False
        for token, tag in zip(tokens, tagger.tag(tokens)):
            dst.write(f"{token} {map_tag(tag)}\n")


def chunks(tags: Sequence[str | None]) -> set[tuple[int, int, str]]:
    """conlleval chunks (start, end exclusive, type) of one tag sequence, after ``map_tag``."""
    out: set[tuple[int, int, str]] = set()
    start, kind = -1, None
    for i, raw in enumerate(list(tags) + ["O"]):
        tag = map_tag(raw)
        prefix, t = (tag[0], tag[2:]) if tag != "O" else ("O", None)
        opens = prefix == "B" or (prefix == "I" and t != kind)
        if kind is not None and (prefix == "O" or opens):
            out.add((start, i, kind))
            kind = None
        if opens:
            start, kind = i, t
    return out


def _flatten(seqs: Sequence) -> list[str | None]:
    """Sentences (lists of tags) joined with an O between them; a flat list is kept."""
    if seqs and isinstance(seqs[0], (list, tuple)):
        flat: list[str | None] = []
        for s in seqs:
            flat.extend(s)
            flat.append("O")
        return flat
    return list(seqs)


def _prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float | int]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "tp": tp, "pred": n_pred, "gold": n_gold}


def conll_f1(gold_tags: Sequence, pred_tags: Sequence) -> dict:
    """Entity-level micro P/R/F1 over PERS/LOC/ORG, and per type.

    Both arguments are either flat tag lists or lists of sentences (lists of tags),
    of the same shape.  Returns ``{"precision", "recall", "f1", "tp", "pred", "gold",
    "per_type": {type: {same keys}}}``.
    """
    gold = _flatten(gold_tags)
    pred = _flatten(pred_tags)
    if len(gold) != len(pred):
        raise ValueError(f"gold has {len(gold)} tags, prediction {len(pred)}")
    g, p = chunks(gold), chunks(pred)
    result = _prf(len(g & p), len(p), len(g))
    result["per_type"] = {
        t: _prf(len({c for c in g & p if c[2] == t}), sum(c[2] == t for c in p), sum(c[2] == t for c in g))
        for t in SCORED_TYPES
    }
    return result


def format_scores(scores: dict) -> list[str]:
    """conlleval-like report lines."""
    lines = [f"all: precision {scores['precision']:.4f} recall {scores['recall']:.4f} "
             f"F1 {scores['f1']:.4f} (gold {scores['gold']}, predicted {scores['pred']}, correct {scores['tp']})"]
    for t, s in scores["per_type"].items():
        lines.append(f"{t:>5}: precision {s['precision']:.4f} recall {s['recall']:.4f} F1 {s['f1']:.4f} "
                     f"(gold {s['gold']}, predicted {s['pred']})")
    return lines
