"""The statistical name tagger: a CRF (python-crfsuite) trained on ANERcorp.

``get_tagger()`` loads the packaged model once and caches it.  ``Tagger.tag(tokens)``
returns one ANERcorp BIO tag per token (B-/I- PERS, LOC, ORG, MISC, or O).

The model file ``models/ner.crfsuite`` has a metadata file beside it
(``models/ner.meta.json``) that records the feature version and whether the model
was trained with the knowledge base's gazetteer features; the tagger computes the
same features at tagging time (see ``rasd.entities.features``).  The training
command is ``rasd train ner`` (``rasd.entities.train``).
"""
from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import Iterable

import numpy as np
import pycrfsuite

from rasd.entities.features import (FEATURE_VERSION, OFFSETS, GazetteerFn, WordInfo, cue_index, name_weights,
                                    sentence_features, sentence_parts)
from rasd.errors import DataError
from rasd.resources import path as resource_path

MODEL_REL = "models/ner.crfsuite"
META_REL = "models/ner.meta.json"


def model_path() -> Path:
    """Where the packaged model lives."""
    return resource_path(MODEL_REL)


def meta_path_for(model: Path | str) -> Path:
    """The metadata file beside a model file (``x.crfsuite`` -> ``x.meta.json``)."""
    p = Path(model)
    return p.with_name(p.name.removesuffix(".crfsuite") + ".meta.json")


def kb_gazetteer() -> GazetteerFn | None:
    """The knowledge base's gazetteer feature function, or None when the KB is not available."""
    try:
        from rasd.kb import get_kb  # type: ignore[attr-defined]
    except ImportError:
        return None
    try:
        kb = get_kb()
    except Exception:  # a broken or missing KB must not stop tagging
        return None
    fn = getattr(kb, "gazetteer_features", None)
    return fn if callable(fn) else None


class _Decoder:
    """The CRF's weights in numpy, and Viterbi decoding; gives crfsuite's answer, faster.

    Word-level feature weights are summed once per surface form and cached, so a
    sentence costs one gather-and-sum over feature ids plus an L x L step per token.
    """

    def __init__(self, crf: pycrfsuite.Tagger):
        info = crf.info()
        self.labels = list(crf.labels())
        index = {label: i for i, label in enumerate(self.labels)}
        self.attrs: dict[str, int] = {}
        for attr, _label in info.state_features:
            self.attrs.setdefault(attr, len(self.attrs))
        self.zero = len(self.attrs)  # a row of zeros, so no token is left without a row
        self.weights = np.zeros((len(self.attrs) + 1, len(self.labels)))
        for (attr, label), w in info.state_features.items():
            self.weights[self.attrs[attr], index[label]] = w
        self.trans = np.zeros((len(self.labels), len(self.labels)))
        for (a, b), w in info.transitions.items():
            self.trans[index[a], index[b]] = w
        self._words: dict[int, tuple[list[int], dict[int, list[int]], WordInfo]] = {}

    def _ids(self, feats) -> list[int]:
        return [i for i in map(self.attrs.get, feats) if i is not None]

    def _word(self, info: WordInfo) -> tuple[list[int], dict[int, list[int]], WordInfo]:
        """Feature ids of a word's own and lent features (cached; keyed by the cached WordInfo)."""
        cached = self._words.get(id(info))
        if cached is None or cached[2] is not info:
            cached = (self._ids(info.own), {d: self._ids(info.as_neighbour[d]) for d in OFFSETS}, info)
            if len(self._words) > 200_000:
                self._words.clear()
            self._words[id(info)] = cached
        return cached

    def decode(self, infos: list[WordInfo], extras: list[list[str]]) -> list[str]:
        n = len(infos)
        words = [self._word(i) for i in infos]
        ids: list[int] = []
        starts: list[int] = []
        for k in range(n):
            starts.append(len(ids))
            ids.append(self.zero)
            ids.extend(words[k][0])
            for d in OFFSETS:
                j = k + d
                if 0 <= j < n:
                    ids.extend(words[j][1][d])
            ids.extend(self._ids(extras[k]))
        scores = np.add.reduceat(self.weights[ids], starts, axis=0)
        return self._viterbi(scores)

    def _viterbi(self, scores: np.ndarray) -> list[str]:
        n = scores.shape[0]
        back = np.zeros((n, scores.shape[1]), dtype=np.intp)
        best = scores[0]
        for t in range(1, n):
            cand = best[:, None] + self.trans
            back[t] = cand.argmax(axis=0)
            best = cand.max(axis=0) + scores[t]
        path = [int(best.argmax())]
        for t in range(n - 1, 0, -1):
            path.append(int(back[t][path[-1]]))
        return [self.labels[i] for i in reversed(path)]


class Tagger:
    """A loaded CRF model and the feature function it was trained with."""

    def __init__(self, model: Path | str, gazetteer: GazetteerFn | None = None):
        model = Path(model)
        if not model.is_file():
            raise DataError(str(model), None, "NER model not found (train it with `rasd train ner`)")
        self._crf = pycrfsuite.Tagger()
        self._crf.open(str(model))
        self._decoder = _Decoder(self._crf)
        self.gazetteer = gazetteer
        self.model = model

    def features(self, tokens: list[str]) -> list[list[str]]:
        """The CRF features of one sentence, exactly as at training time."""
        return sentence_features(tokens, self.gazetteer)

    def tag(self, tokens: list[str]) -> list[str]:
        """One BIO tag per token (B-/I- PERS, LOC, ORG, MISC, or O)."""
        if not tokens:
            return []
        infos, extras = sentence_parts(list(tokens), self.gazetteer)
        return self._decoder.decode(infos, extras)

    def tag_crfsuite(self, tokens: list[str]) -> list[str]:
        """``tag`` computed by crfsuite itself (the reference the fast decoder must agree with)."""
        if not tokens:
            return []
        return list(self._crf.tag(self.features(list(tokens))))

    def tag_many(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """``tag`` for each sentence."""
        return [self.tag(s) for s in sentences]


def read_meta(model: Path | str) -> dict:
    """The metadata of a model (empty when there is none)."""
    p = meta_path_for(model)
    if not p.is_file():
        return {}
    try:
        return json.loads(p.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(str(p), None, f"not valid JSON: {exc}") from None


def load_tagger(model: Path | str) -> Tagger:
    """Load a model with the feature settings its metadata records."""
    meta = read_meta(model)
    version = meta.get("feature_version", FEATURE_VERSION)
    if version != FEATURE_VERSION:
        raise DataError(str(model), None, f"model built with feature version {version}, code has {FEATURE_VERSION}; "
                        "retrain with `rasd train ner`")
    gaz = kb_gazetteer() if meta.get("gazetteer") else None
    cue_index()
    name_weights()  # load the data the features need now, not on the first sentence
    return Tagger(model, gaz)


@functools.lru_cache(maxsize=1)
def get_tagger() -> Tagger:
    """The packaged tagger, loaded once per process."""
    return load_tagger(model_path())
