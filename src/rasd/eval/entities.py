"""Entity alignment and scores for one document pair (docs/evaluation.md, "Entities")."""
from __future__ import annotations

from dataclasses import dataclass, field

from rasd.eval.align import assign, key_similarity, mention_keys, name_key
from rasd.eval.measures import PRF, Accuracy
from rasd.text.normalize import normalize

# weights that order candidate entity pairs (best first); see docs/evaluation.md
W_NAME = 1.0  # canonical names equal
W_TYPE = 0.25  # same type (prefers the same-typed partner when mentions tie)
W_SHARED = 0.01  # per further mention key the two entities share


@dataclass
class EntityScores:
    entities: PRF = field(default_factory=PRF)  # untyped: aligned
    typed: PRF = field(default_factory=PRF)  # aligned and the same type
    mentions: PRF = field(default_factory=PRF)
    name: Accuracy = field(default_factory=Accuracy)  # canonical name on aligned pairs
    role: Accuracy = field(default_factory=Accuracy)  # role on aligned pairs whose gold has one


def _keys(entity: dict) -> list[frozenset[str]]:
    return [k for k in (mention_keys(m) for m in entity.get("mentions") or []) if k]


def pair_weight(g: dict, p: dict, gk: list[frozenset[str]], pk: list[frozenset[str]]) -> float:
    """How well a predicted entity fits a gold one; 0 when they may not be aligned at all."""
    sim = max((key_similarity(a, b) for a in gk for b in pk), default=0.0)
    same_name = bool(name_key(g.get("name"))) and name_key(g.get("name")) == name_key(p.get("name"))
    if sim == 0.0 and not same_name:
        return 0.0
    shared = len(frozenset().union(*gk) & frozenset().union(*pk)) if gk and pk else 0
    same_type = str(g.get("type") or "").casefold() == str(p.get("type") or "").casefold()
    return sim + W_NAME * same_name + W_TYPE * same_type + W_SHARED * shared


def align_entities(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (gold index, pred index) pairs: by mentions or by canonical name."""
    gkeys = [_keys(e) for e in gold]
    pkeys = [_keys(e) for e in pred]
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            w = pair_weight(g, p, gkeys[gi], pkeys[pi])
            if w > 0:
                cands.append(((-w,), gi, pi))
    return assign(cands)


def _mention_set(entities: list[dict]) -> list[str]:
    """Distinct mention strings of a document (distinct after normalisation), in order."""
    seen: dict[str, str] = {}
    for e in entities:
        for m in e.get("mentions") or []:
            n = normalize(m or "")
            if n and n not in seen:
                seen[n] = m
    return list(seen.values())


def match_mentions(gold: list[str], pred: list[str]) -> list[tuple[int, int]]:
    """One-to-one mention pairs whose keys agree (identical normalised strings first)."""
    gk = [mention_keys(m) for m in gold]
    pk = [mention_keys(m) for m in pred]
    cands = []
    for gi, a in enumerate(gk):
        for pi, b in enumerate(pk):
            if a & b:
                cands.append(((0 if normalize(gold[gi]) == normalize(pred[pi]) else 1,), gi, pi))
    return assign(cands)


def score_entities(gold: list[dict], pred: list[dict], acc: EntityScores) -> dict:
    """Add one document's entity counts to ``acc``; return its alignment details."""
    pairs = align_entities(gold, pred)
    n_typed = 0
    for gi, pi in pairs:
        g, p = gold[gi], pred[pi]
        n_typed += str(g.get("type") or "").casefold() == str(p.get("type") or "").casefold()
        acc.name.add(name_key(g.get("name")) == name_key(p.get("name")))
        if g.get("role"):
            acc.role.add(name_key(g.get("role")) == name_key(p.get("role")))
    acc.entities.add(len(pairs), len(pred) - len(pairs), len(gold) - len(pairs))
    acc.typed.add(n_typed, len(pred) - n_typed, len(gold) - n_typed)
    gm, pm = _mention_set(gold), _mention_set(pred)
    mpairs = match_mentions(gm, pm)
    acc.mentions.add(len(mpairs), len(pm) - len(mpairs), len(gm) - len(mpairs))
    got_g = {gi for gi, _ in pairs}
    got_p = {pi for _, pi in pairs}
    return {
        "pairs": pairs,
        "missed": [gold[i].get("name") for i in range(len(gold)) if i not in got_g],
        "spurious": [pred[i].get("name") for i in range(len(pred)) if i not in got_p],
        "type_errors": [f"{gold[g].get('name')}: {gold[g].get('type')} -> {pred[p].get('type')}"
                        for g, p in pairs
                        if str(gold[g].get("type") or "").casefold() != str(pred[p].get("type") or "").casefold()],
        "name_errors": [f"{gold[g].get('name')} -> {pred[p].get('name')}" for g, p in pairs
                        if name_key(gold[g].get("name")) != name_key(pred[p].get("name"))],
    }


def name_map(gold: list[dict], pred: list[dict], pairs: list[tuple[int, int]]) -> dict[str, str]:
    """Predicted canonical name key -> the aligned gold entity's name key (first pair wins)."""
    out: dict[str, str] = {}
    for gi, pi in pairs:
        out.setdefault(name_key(pred[pi].get("name")), name_key(gold[gi].get("name")))
    return out
