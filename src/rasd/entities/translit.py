"""Arabic -> Latin transliteration of personal names, in the press convention of a region.

Data (``resources/lexicons/``, built by ``scripts/build_translit.py``):

* ``translit_names.tsv``: known name tokens (normalised Arabic key) with up to three
  Latin spellings and their weights;
* ``translit_graphones.tsv.gz``: a joint-sequence (graphone) model for unknown tokens:
  an n-gram model over (Arabic letter, Latin chunk) units, decoded by beam search, so
  a letter's spelling depends on the letters and the spellings before it (unwritten
  vowels and doubled consonants are part of the chunks);
* ``translit_regions.yml``: per-region conventions ("maghreb": French-style
  Abdellatif, Ouahbi, El ...; "mashriq": English-style Abdul Latif, Al-...;
  "western": the name's own spelling, i.e. the table's most frequent form).

``transliterate_token`` handles one word; ``transliterate_name`` a whole name,
joining compound names (عبد + ال...) and writing the article per region.
"""
from __future__ import annotations

import functools
import gzip
import itertools
import json
import math

import numpy as np
import regex
from rapidfuzz import fuzz

from rasd.errors import DataError
from rasd.resources import load_yaml, path as resource_path
from rasd.text.normalize import has_arabic, normalize, normalize_keep

REGIONS = ("maghreb", "mashriq", "western")
DEFAULT_REGION = "mashriq"
NAMES_REL = "lexicons/translit_names.tsv"
GRAPHONES_REL = "lexicons/translit_graphones.bin.gz"
GRAPHONES_META_REL = "lexicons/translit_graphones.meta.json"
KEY_BASE = 4097  # unit ids + 1 are the digits of an n-gram key (ids < 4096)
KEY_LOW_BITS = 60
ORDER = 6  # n-gram order of the graphone model (scripts/build_translit.py)
BEAM = 10
NEXT_UNITS = 12  # most probable units of a letter tried after a given unit
FALLBACK_UNITS = 3  # units of a letter tried besides those seen after the previous unit
UNSEEN_LOGP = -20.0
MEMO_MAX = 1_000_000  # memoised back-off chains (one per history) kept before the memo is reset
BOS, EOS = "<s>", "</s>"
BOS_ID, EOS_ID = 0, 1
MIN_WEIGHT = 2  # a spelling seen once may be a mis-aligned label: the character model decides
RARE_FORM_MIN_RATIO = 75  # ... and keeps it when it is close to its own guess (rapidfuzz ratio)
REGIONS_REL = "lexicons/translit_regions.yml"
_ABD = "عبد"
_ARTICLE = "ال"
_TRIPLE = regex.compile(r"(.)\1\1+")


def read_tsv(rel: str, columns: int) -> list[list[str]]:
    """Rows of a packaged TSV file; checks the ``# about:``/``# source:`` header and the column count."""
    p = resource_path(rel)
    rows: list[list[str]] = []
    header: set[str] = set()
    try:
        fh = open(p, encoding="utf-8")
    except FileNotFoundError:
        raise DataError(str(p), None, "file not found (build it with scripts/build_translit.py)") from None
    with fh:
        for n, line in enumerate(fh, 1):
            line = line.rstrip("\n")
            if line.startswith("#"):
                header.add(line[1:].split(":", 1)[0].strip())
                continue
            parts = line.split("\t")
            if len(parts) != columns:
                raise DataError(str(p), f"line {n}", f"expected {columns} tab-separated columns, got {len(parts)}")
            rows.append(parts)
    for key in ("about", "source"):
        if key not in header:
            raise DataError(str(p), key, "missing header line '# " + key + ": ...'")
    return rows


@functools.lru_cache(maxsize=1)
def name_table() -> dict[str, list[tuple[str, float]]]:
    """Normalised Arabic token -> [(latin, weight)], most frequent first."""
    table: dict[str, list[tuple[str, float]]] = {}
    for key, latin, weight in read_tsv(NAMES_REL, 3):
        table.setdefault(key, []).append((latin, float(weight)))
    return table


def gram_key(gram: tuple[int, ...]) -> int:
    """One integer for an n-gram of unit ids (base ``KEY_BASE``, ids shifted by one)."""
    key = 0
    for u in gram:
        key = key * KEY_BASE + u + 1
    return key


class GraphoneModel:
    """Joint n-gram model over (Arabic letter, Latin chunk) units, in back-off form."""

    def __init__(self, units: list[tuple[str, str]], logp: dict[int, float], bow: dict[int, float], order: int):
        """``logp`` and ``bow`` are keyed by ``gram_key`` of the n-gram (resp. history)."""
        self.units = units
        self.logp = logp
        self.bow = bow
        self.order = order
        self._next: dict[tuple[int, str], list[int]] = {}
        by_letter: dict[str, list[tuple[float, int]]] = {}
        for key, lp in logp.items():  # n-grams come shortest first (the build script sorts them)
            if key >= KEY_BASE * KEY_BASE:
                break
            if key < KEY_BASE:  # unigram
                if key - 1 > EOS_ID:
                    by_letter.setdefault(units[key - 1][0], []).append((-lp, key - 1))
            elif key < KEY_BASE * KEY_BASE:  # bigram
                prev, unit = key // KEY_BASE - 1, key % KEY_BASE - 1
                if unit > EOS_ID:
                    self._next.setdefault((prev, units[unit][0]), []).append((-lp, unit))
        self._next = {k: [u for _lp, u in sorted(rows)[:NEXT_UNITS]] for k, rows in self._next.items()}
        self._top = {letter: [i for _lp, i in sorted(rows)[:FALLBACK_UNITS]] for letter, rows in by_letter.items()}
        self._contexts = {key // KEY_BASE for key in logp if key >= KEY_BASE}  # histories some unit follows
        self._chains: dict[int, tuple[tuple[tuple[int, float], ...], float]] = {}
        self._cands: dict[tuple[int, str], list[int]] = {}

    def logprob(self, history: tuple[int, ...], unit: int) -> float:
        """log P(unit | history), backing off to shorter histories."""
        return self._lookup(self._chain(gram_key(history), KEY_BASE ** len(history)), unit)

    def _chain(self, hkey: int, scale: int) -> tuple[tuple[tuple[int, float], ...], float]:
        """The back-off chain of a history (key, ``KEY_BASE ** length``), memoised per key.

        One (base, acc) per suffix, longest first, that some unit follows in the model:
        ``base + unit`` is the n-gram's key and ``acc`` the sum of the back-off weights of
        the longer suffixes (added in the same order as a plain back-off walk, so every
        probability is bit-identical); plus the total weight for a unit never seen.
        """
        chain = self._chains.get(hkey)
        if chain is None:
            levels, acc, key = [], 0.0, hkey
            while True:
                if scale == 1 or key in self._contexts:
                    levels.append((key * KEY_BASE + 1, acc))
                if scale == 1:
                    break
                acc += self.bow.get(key, 0.0)
                scale //= KEY_BASE
                key %= scale
            chain = self._chains[hkey] = (tuple(levels), acc)
        return chain

    def _lookup(self, chain: tuple[tuple[tuple[int, float], ...], float], unit: int) -> float:
        """log P(unit | history) from the history's back-off chain (see ``_chain``)."""
        logp = self.logp
        for base, acc in chain[0]:
            lp = logp.get(base + unit)
            if lp is not None:
                return acc + lp
        return chain[1] + UNSEEN_LOGP

    def clear_cache(self) -> None:
        """Forget the memoised back-off chains and candidate lists (for benchmarks)."""
        self._chains.clear()
        self._cands.clear()

    def candidates(self, prev: int, letter: str) -> list[int]:
        """Units for ``letter`` seen after ``prev``, plus the letter's most frequent units."""
        key = (prev, letter)
        cands = self._cands.get(key)
        if cands is None:
            seen = self._next.get(key, [])
            cands = self._cands[key] = seen + [u for u in self._top.get(letter, []) if u not in seen]
        return cands

    def decode(self, letters: str) -> list[str] | None:
        """The most probable Latin chunk per letter (beam search); None when a letter has no unit.

        A hypothesis is (-score, units, history, history key): sorting the tuples ranks by
        score, then units; hypotheses with the same history are recombined and the best
        ``BEAM`` kept per letter.
        """
        if len(self._chains) >= MEMO_MAX:
            self._chains.clear()
        top = KEY_BASE ** (self.order - 1)
        start = (BOS_ID,) * (self.order - 1)
        beams = [(-0.0, (), start, gram_key(start))]
        lookup, get = self._lookup, self.logp.get
        for letter in letters:
            nxt: dict[tuple[int, ...], tuple[float, tuple[int, ...], tuple[int, ...], int]] = {}
            for neg, out, hist, hkey in beams:
                levels, unseen = self._chain(hkey, top)
                shifted = (hkey % (top // KEY_BASE)) * KEY_BASE + 1
                tail = hist[1:]
                for u in self.candidates(hist[-1], letter):
                    for base, acc in levels:  # _lookup, inlined: this loop is the decoder's hot spot
                        lp = get(base + u)
                        if lp is not None:
                            s = neg - (acc + lp)
                            break
                    else:
                        s = neg - (unseen + UNSEEN_LOGP)
                    h = tail + (u,)
                    old = nxt.get(h)
                    if old is None or s < old[0]:
                        nxt[h] = (s, out + (u,), h, shifted + u)
            if not nxt:
                return None
            beams = sorted(nxt.values())[:BEAM]
        best = max(beams, key=lambda b: (-b[0] + lookup(self._chain(b[3], top), EOS_ID), tuple(-u for u in b[1])))
        return [self.units[u][1] for u in best[1]]


@functools.lru_cache(maxsize=1)
def graphone_meta() -> dict:
    """The model's sidecar: about, source, licence, order, n-gram count and the unit list."""
    p = resource_path(GRAPHONES_META_REL)
    try:
        meta = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(str(p), None, "file not found (build it with scripts/build_translit.py)") from None
    for key in ("about", "source", "licence", "order", "ngrams", "units"):
        if key not in meta:
            raise DataError(str(p), key, "missing key")
    return meta


@functools.lru_cache(maxsize=1)
def graphone_model() -> GraphoneModel:
    """The packaged graphone model (``translit_graphones.*``, built by scripts/build_translit.py)."""
    meta = graphone_meta()
    units = [(BOS, ""), (EOS, "")] + [(letter, latin) for letter, latin in meta["units"]]
    n = int(meta["ngrams"])
    p = resource_path(GRAPHONES_REL)
    try:
        raw = gzip.decompress(p.read_bytes())
    except FileNotFoundError:
        raise DataError(str(p), None, "file not found (build it with scripts/build_translit.py)") from None
    if len(raw) != n * 18:
        raise DataError(str(p), None, f"expected {n} n-grams ({n * 18} bytes), got {len(raw)} bytes")
    high = np.frombuffer(raw, "<u2", n, 0).tolist()
    low = np.frombuffer(raw, "<u8", n, 2 * n).tolist()
    keys = [(h << KEY_LOW_BITS) | lo for h, lo in zip(high, low)]
    logp_arr = np.frombuffer(raw, "<f4", n, 10 * n)
    bow_arr = np.frombuffer(raw, "<f4", n, 14 * n)
    logp = dict(zip(keys, logp_arr.tolist()))
    has_bow = ~np.isnan(bow_arr)
    bow = dict(zip(itertools.compress(keys, has_bow.tolist()), bow_arr[has_bow].tolist()))
    return GraphoneModel(units, logp, bow, int(meta["order"]))


@functools.lru_cache(maxsize=1)
def conventions() -> dict:
    """The per-region conventions (``regions`` of translit_regions.yml)."""
    return load_yaml(REGIONS_REL)["regions"]


@functools.lru_cache(maxsize=1)
def _western_marks() -> regex.Pattern:
    return regex.compile("|".join(load_yaml(REGIONS_REL)["western_marks"]))


@functools.lru_cache(maxsize=1)
def _region_marks() -> dict[str, regex.Pattern]:
    data = load_yaml(REGIONS_REL)
    marks = {name: regex.compile("|".join(pats)) for name, pats in data["region_marks"].items()}
    marks["western"] = _western_marks()
    return marks


def guess_region(arabic: str) -> str:
    """The region whose spelling traits the known spellings of the name's tokens show most.

    Tokens not in the table do not vote; with no votes (or a tie) the default region wins.
    """
    votes = {name: 0 for name in REGIONS}
    for word in arabic.split():
        forms = name_table().get(normalize(word))
        if not forms or forms[0][1] < MIN_WEIGHT:
            continue
        for name, pattern in _region_marks().items():
            if pattern.search(forms[0][0]):
                votes[name] += 1
    best = max(votes.values())
    winners = [name for name, v in votes.items() if v == best]
    return winners[0] if best and len(winners) == 1 else DEFAULT_REGION


@functools.lru_cache(maxsize=1)
def _sun_letters() -> frozenset[str]:
    return frozenset(load_yaml(REGIONS_REL)["sun_letters"])


@functools.lru_cache(maxsize=1)
def _fixed() -> dict[str, dict[str, str]]:
    return {normalize(k): v for k, v in load_yaml(REGIONS_REL)["fixed"].items()}


def _region(region: str | None) -> dict:
    if region is None:
        region = DEFAULT_REGION
    try:
        return conventions()[region]
    except KeyError:
        raise ValueError(f"unknown region {region!r} (one of {', '.join(REGIONS)})") from None


def _rewrite(letter: str, emitted: str, rules: dict, before: str = "") -> str:
    """``emitted`` (the Latin chunk of ``letter``) with the region's rewrite rule applied.

    A rewrite that would repeat the letter the previous chunk (``before``) ends with is
    skipped (Ammou + u stays Ammouri, not Ammouuri).
    """
    for frm, to in (rules.get(letter) or {}).items():
        if emitted.startswith(to):
            return emitted
        if emitted.startswith(frm):
            if before and to and before[-1] == to[0] and to != frm:
                return emitted
            return to + emitted[len(frm):]
    return emitted


def _decode(ar: str) -> list[str]:
    """Latin chunk per letter of ``ar``: the graphone model on each Arabic run, other characters kept."""
    parts: list[str] = []
    for run in regex.finditer(r"[\u0621-\u064A]+|[^\u0621-\u064A]+", ar):
        text = run.group()
        chunks = graphone_model().decode(text) if has_arabic(text) else None
        parts.extend(chunks if chunks is not None else [c.lower() if not has_arabic(c) else "" for c in text])
    return parts


def char_model(arabic: str, region: str | None = None) -> str:
    """Lower-case Latin for an unknown Arabic token: the graphone model, then the region's rewrites."""
    ar = normalize_keep(arabic)
    parts = _decode(ar)
    if region:
        rules = _region(region).get("rewrite") or {}
        parts = [_rewrite(letter, latin, rules, parts[i - 1] if i else "")
                 for i, (letter, latin) in enumerate(zip(ar, parts))]
    return _TRIPLE.sub(r"\1\1", "".join(parts))


def _prefer_score(latin: str, prefer: dict) -> float:
    return sum(w * len(regex.findall(pat, latin)) for pat, w in prefer.items())


def _regional_variants(forms: list[tuple[str, float]], spell: dict) -> list[tuple[str, float]]:
    """Each known spelling rewritten by the region's ``spell`` rules, at half its weight."""
    out = []
    if _western_marks().search(forms[0][0]):
        return out
    for latin, weight in forms:
        variant = latin
        for pattern, repl in spell.items():
            variant = regex.sub(pattern, repl, variant)
        if variant != latin:
            out.append((variant, weight / 2))
    return out


def choose_form(forms: list[tuple[str, float]], region: str | None) -> str:
    """The spelling of a known token for ``region``: frequency, nudged by the region's preferences."""
    if region is None or region == "western":
        return forms[0][0]
    conv = _region(region)
    prefer = conv.get("prefer") or {}
    forms = forms + _regional_variants(forms, conv.get("spell") or {})
    return max(forms, key=lambda f: (_prefer_score(f[0], prefer) + math.log10(f[1] + 1), f[1]))[0]


def capitalise(latin: str) -> str:
    """Capital letter at the start of each part (after spaces and hyphens)."""
    return regex.sub(r"(^|[\s-])(\p{Ll})", lambda m: m.group(1) + m.group(2).upper(), latin)


@functools.lru_cache(maxsize=65536)
def _lower_token(arabic: str, region: str | None) -> str:
    key = normalize(arabic)
    if not has_arabic(key):
        return normalize_keep(arabic)  # marks or tatweel alone leave nothing
    keep = normalize_keep(arabic)
    if region and keep.startswith(_ARTICLE) and len(key) > 3:  # the article is a bare alef + lam (ألبرتو is not)
        rest, table = key[len(_ARTICLE):], name_table()
        if (rest in table and (key not in table or table[rest][0][1] >= table[key][0][1])) or key not in table:
            rest_latin = _lower_token(keep[len(_ARTICLE):], region)
            return _region(region)["article"].format(rest=rest_latin)
    forms = name_table().get(key)
    if forms and (forms[0][1] >= MIN_WEIGHT or fuzz.ratio(forms[0][0], char_model(arabic)) >= RARE_FORM_MIN_RATIO):
        return choose_form(forms, region)
    return char_model(arabic, region)


def transliterate_token(arabic: str, region: str | None = None) -> str:
    """Latin form of one Arabic word (capitalised); non-Arabic input comes back without marks or tatweel."""
    if not has_arabic(arabic):
        return normalize_keep(arabic)
    return capitalise(_lower_token(arabic.strip(), region))


_LEADING_ARTICLE = regex.compile(r"^(?:al|el|ul)[-' ]?(?=[a-z]{3})")


def _compound(rest: str, region: str | None, with_article: bool) -> str:
    """عبد + (ال)rest: the region's compound pattern around the Latin of rest."""
    sun = with_article and rest[:1] in _sun_letters()
    fmt = _region(region)["compound"]["abd_article_sun" if sun else "abd_article" if with_article else "abd"]
    forms = name_table().get(_ARTICLE + rest) if with_article else None
    bare = name_table().get(rest)
    if forms and bare and bare[0][1] >= forms[0][1]:
        forms = None  # the bare form is at least as well attested
    if forms:
        latin = _LEADING_ARTICLE.sub("", choose_form(forms, region), count=1)
    else:
        latin = _lower_token(rest, region)
    return fmt.format(rest=latin, initial=latin[:1])


def transliterate_name(arabic: str, region: str | None = None) -> str:
    """Latin form of a whole name: compounds (عبد ال...) joined, article per region, capitalised.

    Without a region, the name's known tokens choose one (``guess_region``), else "mashriq".
    """
    if region is None:
        region = guess_region(arabic)
    _region(region)
    words = arabic.split()
    out: list[str] = []
    i = 0
    while i < len(words):
        key = normalize(words[i])
        nxt = normalize(words[i + 1]) if i + 1 < len(words) else ""
        fixed = _fixed().get(f"{key} {nxt}") if nxt else None
        if fixed or key in _fixed():
            out.append((fixed or _fixed()[key])[region or DEFAULT_REGION])
            i += 2 if fixed else 1
            continue
        if key == _ABD and nxt.startswith(_ARTICLE) and len(nxt) > 3:
            out.append(_compound(nxt[len(_ARTICLE):], region, True))
            i += 2
            continue
        if key.startswith(_ABD + _ARTICLE) and len(key) > 5:
            out.append(_compound(key[len(_ABD + _ARTICLE):], region, True))
        else:
            out.append(_lower_token(words[i], region) if has_arabic(words[i]) else normalize_keep(words[i]))
        i += 1
    return capitalise(" ".join(w for w in out if w))
