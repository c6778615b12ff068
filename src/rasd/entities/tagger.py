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
import os
import tempfile
from pathlib import Path
from typing import Iterable

import numpy as np
import pycrfsuite

from rasd.entities.features import (FEATURE_VERSION, GAZ_OFFSETS, OFFSETS, GazetteerFn, WordInfo, bigram_after,
                                    bigram_before, cue_index, gaz_lent, name_weights, sentence_features,
                                    sentence_infos)
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


Weight = tuple[str, str, float]
MAX_WORDS = 200_000  # distinct words whose scores the decoder keeps


def read_weights(crf: pycrfsuite.Tagger) -> tuple[list[Weight], list[Weight]]:
    """The model's transition weights (from, to, w) and state weights (attribute, label, w), in
    crfsuite's dump order: the values ``crf.info()`` gives, read without its slow line parser."""
    fd, tmp = tempfile.mkstemp(suffix=".crfdump")
    os.close(fd)
    try:
        crf.dump(tmp)
        with open(tmp, encoding="utf-8", newline="") as fh:
            text = fh.read()
    finally:
        os.unlink(tmp)
    return _dump_section(text, "TRANSITIONS"), _dump_section(text, "STATE_FEATURES")


def _dump_section(text: str, name: str) -> list[Weight]:
    """Lines ``(n) A --> B: w`` of one section of a crfsuite dump."""
    head = f"\n{name} = {{\n"
    start = text.find(head)
    if start < 0:
        raise DataError(name, None, "crfsuite dump without this section")
    start += len(head)
    if text.startswith("}", start):
        return []  # an empty section
    end = text.find("\n}", start)
    out: list[Weight] = []
    for line in text[start:end].split("\n"):
        line = line.lstrip().rstrip("\r")
        if not line:
            continue
        body = line.split(") ", 1)[1]
        attr, _, rest = body.rpartition(" --> ")
        label, _, w = rest.rpartition(": ")
        out.append((attr, label, float(w)))
    return out


class _Decoder:
    """The CRF's weights in numpy, and Viterbi decoding; gives crfsuite's answer, faster.

    Word-level feature weights are summed once per surface form and cached as one small
    matrix (its own features' label scores, then what it lends each neighbour offset), so a
    sentence costs a few array adds plus the sentence-level features (edges, bigrams,
    gazetteer).  Sentences are decoded in batches: one Viterbi step runs over every
    sentence still that long at once.
    """

    def __init__(self, crf: pycrfsuite.Tagger):
        transitions, state_features = read_weights(crf)
        self.labels = list(crf.labels())
        index = {label: i for i, label in enumerate(self.labels)}
        self.attrs: dict[str, int] = {}
        for attr, _label, _w in state_features:
            self.attrs.setdefault(attr, len(self.attrs))
        self.zero = len(self.attrs)  # a row of zeros, so no token is left without a row
        self.weights = np.zeros((len(self.attrs) + 1, len(self.labels)))
        for attr, label, w in state_features:
            self.weights[self.attrs[attr], index[label]] = w
        self.trans = np.zeros((len(self.labels), len(self.labels)))
        for a, b, w in transitions:
            self.trans[index[a], index[b]] = w
        self._reset_words()
        self._edges = (self.attrs.get("BOS"), self.attrs.get("EOS"))
        self._pairs: dict[tuple[str, str], tuple[int | None, int | None]] = {}
        self._gaz: dict[str, tuple[int | None, ...]] = {}

    def _ids(self, feats) -> list[int]:
        return [i for i in map(self.attrs.get, feats) if i is not None]

    def _reset_words(self) -> None:
        """Empty the word table; row 0 stays a row of zeros (the padding between sentences)."""
        self._rows: dict[int, tuple[int, WordInfo]] = {}
        self._table = np.zeros((1024, len(OFFSETS) + 1, len(self.labels)))
        self._used = 1

    def _word(self, info: WordInfo, new: list[WordInfo]) -> int:
        """The row of a word in the word table: its label scores, [0] from its own features,
        [1 + m] what it lends offset OFFSETS[m].  A word seen for the first time gets a row
        now, filled by :meth:`_fill` (``new`` collects them)."""
        cached = self._rows.get(id(info))
        if cached is not None and cached[1] is info:
            return cached[0]
        if self._used == self._table.shape[0]:
            self._table = np.concatenate([self._table, np.zeros_like(self._table)])
        row = self._used
        self._used += 1
        self._rows[id(info)] = (row, info)
        new.append(info)
        return row

    def _fill(self, new: list[WordInfo]) -> None:
        """Compute the table rows of new words, all in one gather-and-sum."""
        if not new:
            return
        ids: list[int] = []
        starts: list[int] = []
        for info in new:
            for feats in [info.own] + [info.as_neighbour[d] for d in OFFSETS]:
                starts.append(len(ids))
                ids.append(self.zero)
                ids.extend(self._ids(feats))
        sums = np.add.reduceat(self.weights[ids], starts, axis=0)
        rows = [self._rows[id(info)][0] for info in new]
        self._table[rows] = sums.reshape(len(new), len(OFFSETS) + 1, len(self.labels))

    def _pair(self, a: str, b: str) -> tuple[int | None, int | None]:
        """Feature ids of the bigram (a, b): as the right word's ``bg-`` and the left word's ``bg+``."""
        hit = self._pairs.get((a, b))
        if hit is None:
            hit = (self.attrs.get(bigram_before(a, b)), self.attrs.get(bigram_after(a, b)))
            if len(self._pairs) > 500_000:
                self._pairs.clear()
            self._pairs[(a, b)] = hit
        return hit

    def _gaz_ids(self, g: str) -> tuple[int | None, ...]:
        """Feature ids of a gazetteer feature: its own, then as seen from each of GAZ_OFFSETS."""
        hit = self._gaz.get(g)
        if hit is None:
            hit = (self.attrs.get(g),) + tuple(self.attrs.get(gaz_lent(g, d)) for d in GAZ_OFFSETS)
            self._gaz[g] = hit
        return hit

    def _sentence_ids(self, infos: list[WordInfo], gaz: list[list[str]] | None,
                      ids: list[int], starts: list[int]) -> None:
        """Append each token's sentence-level feature ids (edges, bigrams, gazetteer) to ``ids``,
        in ``features.sentence_parts`` order, with a zero row first; ``starts`` marks each token."""
        n = len(infos)
        norms = [i.norm for i in infos]
        pairs = [self._pair(norms[k], norms[k + 1]) for k in range(n - 1)]
        gz = self._gaz_rows(gaz, n) if gaz is not None else None
        for k in range(n):
            starts.append(len(ids))
            ids.append(self.zero)
            edge = self._edges[0] if k == 0 else self._edges[1] if k == n - 1 else None
            if edge is not None:
                ids.append(edge)
            if k > 0 and pairs[k - 1][0] is not None:
                ids.append(pairs[k - 1][0])
            if k < n - 1 and pairs[k][1] is not None:
                ids.append(pairs[k][1])
            if gz is not None and gz[k]:
                ids.extend(gz[k])

    def _gaz_rows(self, gaz: list[list[str]], n: int) -> list[list[int]] | None:
        """Per token, the ids of its own gazetteer features, then its neighbours' (GAZ_OFFSETS order);
        None when the sentence has none."""
        tagged = [j for j in range(n) if gaz[j]]
        if not tagged:
            return None
        rows: list[list[int]] = [[] for _ in range(n)]
        for m, d in enumerate((0,) + GAZ_OFFSETS):
            for j in tagged:
                k = j - d  # token k sees token j at offset d
                if 0 <= k < n:
                    rows[k].extend(x for g in gaz[j] if (x := self._gaz_ids(g)[m]) is not None)
        return rows

    def _scores(self, parts: list[tuple[list[WordInfo], list[list[str]] | None]]) -> list[np.ndarray]:
        """The state scores (tokens x labels) of each sentence, computed for all at once.

        The sentences are laid end to end with empty words between them, so a neighbour
        offset never reaches into another sentence.
        """
        if len(self._rows) > MAX_WORDS:
            self._reset_words()
        gap = [0] * max(abs(d) for d in OFFSETS)  # row 0: zeros
        rows: list[int] = []
        bounds: list[tuple[int, int]] = []
        ids: list[int] = []
        starts: list[int] = []
        new: list[WordInfo] = []
        for infos, gaz in parts:
            rows.extend(gap)
            bounds.append((len(rows), len(rows) + len(infos)))
            rows.extend(self._word(info, new) for info in infos)
            self._sentence_ids(infos, gaz, ids, starts)
        rows.extend(gap)
        self._fill(new)
        words = self._table[rows]  # positions x (1 + offsets) x labels
        total = len(rows)
        own = words[:, 0].copy()
        for m, d in enumerate(OFFSETS, 1):
            lent = words[:, m]
            if d < 0:
                own[-d:] += lent[:total + d]
            else:
                own[:total - d] += lent[d:]
        extra = np.add.reduceat(self.weights[ids], starts, axis=0)
        out = []
        k = 0
        for a, b in bounds:
            out.append(own[a:b] + extra[k:k + b - a])
            k += b - a
        return out

    def decode(self, infos: list[WordInfo], gaz: list[list[str]] | None) -> list[str]:
        """The best label sequence of one sentence (word infos, gazetteer features per token)."""
        return self.decode_many([(infos, gaz)])[0]

    def decode_many(self, parts: list[tuple[list[WordInfo], list[list[str]] | None]]) -> list[list[str]]:
        """The best label sequence of each (non-empty) sentence."""
        if not parts:
            return []
        return self._viterbi(self._scores(parts))

    def _viterbi(self, scores: list[np.ndarray]) -> list[list[str]]:
        """Viterbi over a batch: sentences longest first, so step ``t`` updates a prefix of rows."""
        order = sorted(range(len(scores)), key=lambda b: -scores[b].shape[0])
        lens = [scores[b].shape[0] for b in order]
        L = len(self.labels)
        S = np.zeros((len(order), lens[0], L))
        for r, b in enumerate(order):
            S[r, :lens[r]] = scores[b]
        back = np.zeros((len(order), lens[0], L), dtype=np.intp)
        best = S[:, 0].copy()
        active = len(order)
        for t in range(1, lens[0]):
            while lens[active - 1] <= t:
                active -= 1
            cand = best[:active, :, None] + self.trans
            back[:active, t] = cand.argmax(axis=1)
            best[:active] = cand.max(axis=1) + S[:active, t]
        ends = best.argmax(axis=1).tolist()
        out: list[list[str]] = [[] for _ in scores]
        for r, b in enumerate(order):
            rows = back[r, :lens[r]].tolist()
            path = [ends[r]]
            for t in range(lens[r] - 1, 0, -1):
                path.append(rows[t][path[-1]])
            out[b] = [self.labels[i] for i in reversed(path)]
        return out


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
        infos, gaz = sentence_infos(list(tokens), self.gazetteer)
        return self._decoder.decode(infos, gaz)

    def tag_crfsuite(self, tokens: list[str]) -> list[str]:
        """``tag`` computed by crfsuite itself (the reference the fast decoder must agree with)."""
        if not tokens:
            return []
        return list(self._crf.tag(self.features(list(tokens))))

    def tag_many(self, sentences: Iterable[list[str]]) -> list[list[str]]:
        """``tag`` for each sentence, decoded in one batch (same answers, fewer array steps)."""
        sents = [list(s) for s in sentences]
        parts = [sentence_infos(s, self.gazetteer) for s in sents if s]
        tags = iter(self._decoder.decode_many(parts))
        return [next(tags) if s else [] for s in sents]


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
