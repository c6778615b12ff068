"""Train the CRF name tagger on ANERcorp (``rasd train ner``).

Reproducible: the split is fixed (every ``dev_every``-th sentence, counting from 1,
goes to the development split and is never trained on), the settings below are fixed
and crfsuite's L-BFGS is deterministic.  The KB's gazetteer features are used when
the knowledge base can be loaded; the metadata file beside the model records it so
the tagger computes the same features.

Data: ANERcorp (Benajiba, Rosso & Benedí Ruiz 2007), CAMeL Lab split (Obeid et al.
2020), CC BY-SA 4.0; the model is derived from it.
"""
from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Iterator

import pycrfsuite

from rasd.entities.conll import conll_f1, format_scores, read_conll
from rasd.entities.features import FEATURE_VERSION, GazetteerFn, sentence_features
from rasd.entities.tagger import Tagger, kb_gazetteer, meta_path_for, model_path
from rasd.resources import path as resource_path

# Tuned on the development split (every 10th sentence): c1 in {0.05, 0.1, 0.2, 0.3, 0.5} x c2 in
# {0.001, 0.005, 0.01, 0.02, 0.05} (partial grid); differences near the top are within ~0.01 F1.
PARAMS = {
    "c1": 0.2,
    "c2": 0.05,
    "max_iterations": 200,
    "feature.possible_transitions": True,
    "feature.minfreq": 1,
}


def split(sentences: list, dev_every: int) -> tuple[list, list]:
    """(train, dev): sentence i (1-based) is dev when i % dev_every == 0."""
    if dev_every < 2:
        raise ValueError("dev_every must be at least 2")
    train = [s for i, s in enumerate(sentences, 1) if i % dev_every]
    dev = [s for i, s in enumerate(sentences, 1) if not i % dev_every]
    return train, dev


def load_sentences(data_path: str) -> list[tuple[list[str], list[str]]]:
    """ANERcorp sentences as (tokens, tags); a missing tag reads as O."""
    with open(data_path, encoding="utf-8") as fh:
        return [(toks, [t or "O" for t in tags]) for toks, tags in read_conll(fh)]


def fit(train_set: list, output: str, gazetteer: GazetteerFn | None, params: dict | None = None) -> None:
    """Train one CRF model on ``train_set`` and write it to ``output``."""
    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, tags in train_set:
        trainer.append(sentence_features(tokens, gazetteer), tags)
    trainer.set_params(dict(PARAMS, **(params or {})))
    Path(output).parent.mkdir(parents=True, exist_ok=True)
    trainer.train(output)


def evaluate(model: str, dev_set: list, gazetteer: GazetteerFn | None) -> dict:
    """conlleval-style scores of ``model`` on ``dev_set``."""
    tagger = Tagger(model, gazetteer)
    gold = [tags for _t, tags in dev_set]
    pred = [tagger.tag(tokens) for tokens, _g in dev_set]
    return conll_f1(gold, pred)


def _sha256(p: str) -> str:
    return hashlib.sha256(Path(p).read_bytes()).hexdigest()[:16]


def train(data_path: str, output: str | None = None, dev_every: int = 10,
          params: dict | None = None, use_gazetteer: bool | None = None) -> Iterator[str]:
    """Train, score on the dev split, write the model and its metadata; yield progress lines."""
    output = str(output or model_path())
    sentences = load_sentences(data_path)
    train_set, dev_set = split(sentences, dev_every)
    gazetteer = kb_gazetteer() if use_gazetteer in (None, True) else None
    if use_gazetteer and gazetteer is None:
        raise RuntimeError("gazetteer features requested but the knowledge base is not available")
    yield (f"data: {data_path} ({len(sentences)} sentences); train {len(train_set)}, "
           f"dev {len(dev_set)} (every {dev_every}th sentence)")
    yield f"gazetteer features: {'knowledge base' if gazetteer else 'none (KB not available)'}"
    t0 = time.perf_counter()
    fit(train_set, output, gazetteer, params)
    yield f"trained in {time.perf_counter() - t0:.0f} s -> {output} ({Path(output).stat().st_size / 1e6:.1f} MB)"
    scores = evaluate(output, dev_set, gazetteer)
    yield "dev split, entity level (conlleval style, PERS/LOC/ORG; MISC ignored):"
    lines = format_scores(scores)
    yield from ("  " + line for line in lines)
    meta = {
        "about": "CRF name tagger (ANERcorp BIO tags) for rasd.entities.tagger",
        "source": "trained by `rasd train ner` on ANERcorp (Benajiba, Rosso & Benedi Ruiz 2007; "
                  "CAMeL Lab split, Obeid et al. 2020), CC BY-SA 4.0",
        "feature_version": FEATURE_VERSION,
        "gazetteer": gazetteer is not None,
        "params": dict(PARAMS, **(params or {})),
        "data_sha256": _sha256(data_path),
        "name_table_sha256": _sha256(str(resource_path("lexicons/translit_names.tsv"))),
        "dev_every": dev_every,
        "train_sentences": len(train_set),
        "dev_sentences": len(dev_set),
        "dev_scores": lines,
    }
    meta_path_for(output).write_text(json.dumps(meta, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
