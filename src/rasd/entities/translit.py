"""Arabic -> Latin transliteration of personal names, in the press convention of a region.

Data (``resources/lexicons/``, built by ``scripts/build_translit.py``):

* ``translit_names.tsv``: known name tokens (normalised Arabic key) with up to three
  Latin spellings and their weights;
* ``translit_chars.tsv``: a character model for unknown tokens: the Latin string an
  Arabic letter most often stands for, given its neighbours (backing off to less
  context);
* ``translit_regions.yml``: per-region conventions ("maghreb": French-style
  Abdellatif, Ouahbi, El ...; "mashriq": English-style Abdul Latif, Al-...;
  "western": the name's own spelling, i.e. the table's most frequent form).

``transliterate_token`` handles one word; ``transliterate_name`` a whole name,
joining compound names (عبد + ال...) and writing the article per region.
"""
from __future__ import annotations

import functools
import math

import regex
from rapidfuzz import fuzz

from rasd.errors import DataError
from rasd.resources import load_yaml, path as resource_path
from rasd.text.normalize import has_arabic, normalize, normalize_keep

REGIONS = ("maghreb", "mashriq", "western")
DEFAULT_REGION = "mashriq"
NAMES_REL = "lexicons/translit_names.tsv"
CHARS_REL = "lexicons/translit_chars.tsv"
LM_REL = "lexicons/translit_lm.tsv"
LM_WEIGHT = 0.3
BEAM = 16
BACKOFF = 3.0
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


@functools.lru_cache(maxsize=1)
def char_table() -> dict[str, list[tuple[str, int]]]:
    """Letter-in-context key -> [(latin, count)], most frequent first."""
    table: dict[str, list[tuple[str, int]]] = {}
    for key, latin, count in read_tsv(CHARS_REL, 3):
        table.setdefault(key, []).append(("" if latin == "-" else latin, int(count)))
    return table


@functools.lru_cache(maxsize=1)
def char_lm() -> dict[str, int]:
    """Character 1-3-gram counts of Latin spellings (``^`` and ``$`` mark word edges)."""
    return {gram: int(count) for gram, count in read_tsv(LM_REL, 2)}


def lm_logprob(history: str, ch: str) -> float:
    """log P(ch | last two characters), interpolating 3-, 2- and 1-gram estimates."""
    lm = char_lm()
    h2, h1 = history[-2:], history[-1:]
    p3 = lm.get(h2 + ch, 0) / lm[h2] if lm.get(h2) else 0.0
    p2 = lm.get(h1 + ch, 0) / lm[h1] if lm.get(h1) else 0.0
    p1 = (lm.get(ch, 0) + 1) / (lm.get("^", 1) * 8)
    return math.log(0.6 * p3 + 0.3 * p2 + 0.1 * min(p1, 1.0))


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


def context_keys(ar: str, i: int) -> list[str]:
    """Context keys of letter ``i`` of ``ar``, most specific first (also used by the build script)."""
    prev = ar[i - 1] if i > 0 else "^"
    nxt = ar[i + 1] if i + 1 < len(ar) else "$"
    prev2 = ar[i - 2] if i > 1 else "^"
    return [f"{prev2}{prev}{ar[i]}{nxt}", f"{prev}{ar[i]}{nxt}", f"{prev}{ar[i]}_", f"_{ar[i]}{nxt}", f"_{ar[i]}_"]


def _region(region: str | None) -> dict:
    if region is None:
        region = DEFAULT_REGION
    try:
        return conventions()[region]
    except KeyError:
        raise ValueError(f"unknown region {region!r} (one of {', '.join(REGIONS)})") from None


def _rewrite(letter: str, emitted: str, rules: dict) -> str:
    for frm, to in (rules.get(letter) or {}).items():
        if emitted.startswith(frm):
            return to + emitted[len(frm):]
    return emitted


@functools.lru_cache(maxsize=65536)
def _emissions_ctx(keys: tuple[str, ...]) -> list[tuple[str, float]]:
    """Mix the emissions of all context levels, the specific ones weighted by how often they were seen."""
    table = char_table()
    probs: dict[str, float] = {}
    mass = 1.0
    levels = [table[k] for k in keys if k in table]
    for n, rows in enumerate(levels):
        total = sum(c for _l, c in rows)
        share = mass if n == len(levels) - 1 else mass * total / (total + BACKOFF)
        for latin, c in rows:
            probs[latin] = probs.get(latin, 0.0) + share * c / total
        mass -= share
    ranked = sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))[:6]
    return [(latin, math.log(p)) for latin, p in ranked] or [("", 0.0)]


@functools.lru_cache(maxsize=1)
def _never_silent() -> frozenset[str]:
    return frozenset(load_yaml(REGIONS_REL)["never_silent"])


def _emissions(ar: str, i: int) -> list[tuple[str, float]]:
    options = _emissions_ctx(tuple(context_keys(ar, i)))
    if ar[i] in _never_silent():
        return [o for o in options if o[0]] or options
    return options


def _decode(ar: str) -> list[str]:
    """Best Latin string per letter: character-model score plus the Latin language model (beam search)."""
    beams: dict[str, tuple[float, list[str]]] = {"^^": (0.0, [])}
    for i, letter in enumerate(ar):
        if not has_arabic(letter):
            beams = {(h + letter.lower())[-2:]: (sc, out + [letter.lower()]) for h, (sc, out) in beams.items()}
            continue
        nxt: dict[str, tuple[float, list[str]]] = {}
        for hist, (score, out) in beams.items():
            for latin, lp in _emissions(ar, i):
                s, h = score + lp, hist
                for ch in latin:
                    s += LM_WEIGHT * lm_logprob(h, ch)
                    h = (h + ch)[-2:]
                if h not in nxt or s > nxt[h][0]:
                    nxt[h] = (s, out + [latin])
        beams = dict(sorted(nxt.items(), key=lambda kv: -kv[1][0])[:BEAM])
    best = max(beams.items(), key=lambda kv: kv[1][0] + LM_WEIGHT * lm_logprob(kv[0], "$"))
    return best[1][1]


def char_model(arabic: str, region: str | None = None) -> str:
    """Lower-case Latin for an unknown Arabic token: character model + language model, then region rewrites."""
    ar = normalize_keep(arabic)
    parts = _decode(ar)
    if region:
        rules = _region(region).get("rewrite") or {}
        parts = [_rewrite(letter, latin, rules) for letter, latin in zip(ar, parts)]
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
    if keep.startswith(_ARTICLE) and len(key) > 3:  # the article is a bare alef + lam (ألبرتو is not)
        rest = key[len(_ARTICLE):]
        if rest in name_table() or key not in name_table():
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
    forms = name_table().get(_ARTICLE + rest) if with_article and rest not in name_table() else None
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
