"""Page-furniture detection, line by line.

Signals, in the order ``rasd.clean.clean_document`` applies them (``mark_patterns``, ``mark_repeats``,
``mark_name_pairs``, ``mark_tail_block``):

1. phrase patterns of ``lexicons/boilerplate.yml`` (each with a length cap and a zone: anywhere,
   the edges, the head or the tail of the document), plus lone language-switch lines;
2. furniture the caller already knows (lines seen on other pages of the same outlet, an outlet's
   signatures from ``lexicons/outlets.yml``);
3. repetition inside the document: a short label line (no sentence punctuation) printed twice is an
   image caption or a widget, unless it is the headline;
4. captions made only of names joined by و ("X وY") whose names the article itself uses;
5. headline lists under a tail "related / read also" header;
6. around the headline (``mark_around_title``): short labels before it, bylines and credits between it
   and the body (patterns with ``where: dateline``).

(``rasd.clean.outlet.mark_outlet_names`` adds one more: a head or tail line that is only an outlet's
name, the site's logo text.)  A line is furniture only when one of these fires; everything else stays
content.  Each marked line keeps the rule that fired in ``Line.rule`` (``pattern:<id>``, ``lang-switch``,
``known``, ``signature:<outlet>``, ``outlet-name``, ``section-label``, ``head-label``, ``repeat``,
``caption:name-pair``, ``tail-block``).
"""
from __future__ import annotations

import functools
from collections import Counter
from dataclasses import dataclass
from typing import Iterable

import regex

from rasd.clean.lines import Zones, ends_sentence, fold, word_count, words, zones
from rasd.doc import Document, Line
from rasd.errors import DataError
from rasd.resources import load_yaml
from rasd.time.lexicon import Lexicon, alt

FILE = "lexicons/boilerplate.yml"
_FLAGS = regex.IGNORECASE | regex.V0
WHERE = ("any", "edge", "head", "tail", "dateline")
ZONES = ("head", "body", "tail", "dateline")  # "dateline": a head line after the headline
KINDS_OPENING_A_LIST = ("related", "readmore", "reading")


@dataclass(frozen=True, slots=True)
class Pattern:
    id: str
    kind: str
    rx: regex.Pattern
    whole_line: bool
    max_len: int
    where: str
    needs: tuple[str, ...] = ()  # literals (folded, lower case) a line must contain first

    def applies(self, folded: str, zone: str) -> bool:
        """The pattern fires on ``folded`` (a folded line) found in ``zone``."""
        if len(folded) > self.max_len or not _zone_ok(self.where, zone):
            return False
        return self.fires(folded, folded.lower())

    def fires(self, folded: str, lowered: str) -> bool:
        """The regex matches ``folded`` (its cheap literal filter checked on ``lowered`` first)."""
        if self.needs and not any(x in lowered for x in self.needs):
            return False
        m = self.rx.fullmatch(folded) if self.whole_line else self.rx.search(folded)
        return m is not None


def _zone_ok(where: str, zone: str) -> bool:
    """A pattern written for ``where`` applies to a line in ``zone`` (a dateline line is a head line)."""
    if where == "any":
        return True
    if where == "edge":
        return zone in ("head", "tail", "dateline")
    if where == "head":
        return zone in ("head", "dateline")
    return where == zone


@dataclass(frozen=True, slots=True)
class ZoneMatcher:
    """The patterns that apply in one zone; the whole-line ones are also joined into one anchored
    regex, so that a line that is not furniture costs one call for all of them (searching patterns
    stay separate: a joined unanchored alternation is slower than the patterns one by one)."""

    patterns: tuple[Pattern, ...]
    whole: regex.Pattern | None
    search: tuple[Pattern, ...]
    longest: int

    @classmethod
    def build(cls, pats: list[Pattern]) -> "ZoneMatcher":
        def join(group):
            if not group:
                return None
            return regex.compile("|".join(f"(?P<p{i}>{p.rx.pattern})" for i, p in group), _FLAGS)
        indexed = list(enumerate(pats))
        return cls(tuple(pats), join([(i, p) for i, p in indexed if p.whole_line]),
                   tuple(p for p in pats if not p.whole_line), max([0, *(p.max_len for p in pats)]))

    def first(self, folded: str) -> Pattern | None:
        """The first pattern (in file order) that fires on ``folded``."""
        if len(folded) > self.longest:
            return None
        hits = []
        m = None if self.whole is None else self.whole.fullmatch(folded)
        if m is not None:
            hits.append(self.patterns[int(m.lastgroup[1:])])
        n, lowered = len(folded), folded.lower()
        hits.extend(p for p in self.search if n <= p.max_len and p.fires(folded, lowered))
        if not hits:
            return None
        if all(len(folded) <= p.max_len for p in hits):
            return min(hits, key=self.patterns.index)
        # a joined match broke its length cap: try each pattern on its own
        return next((p for p in self.patterns if n <= p.max_len and p.fires(folded, lowered)), None)


@dataclass(frozen=True, slots=True)
class Furniture:
    """The compiled contents of ``boilerplate.yml``."""

    patterns: tuple[Pattern, ...]
    lang_switch: regex.Pattern
    sections: regex.Pattern
    limits: dict
    html_furniture: tuple[str, ...]
    kinds: dict[str, str]  # pattern id -> kind
    by_zone: dict[str, "ZoneMatcher"]



_PLACEHOLDER = regex.compile(r"%([A-Z_]{2,20})%")


def vocabulary() -> dict[str, str]:
    """Word classes a furniture regex may name as ``%NAME%``, filled from the lexicons that own them:
    ``MONTH`` (every Gregorian month form of every press system, and the Hijri months, from the time
    stage's ``lexicons/months.yml``), ``WEEKDAY`` (``lexicons/time.yml``) and ``OUTLET`` (the written
    forms of the outlets of ``lexicons/outlets.yml``).  Each is a non-capturing alternation."""
    from rasd.clean.outlet import registry  # imported here: rasd.clean.outlet imports this module
    lx = Lexicon.get()
    return {"MONTH": alt([*lx.months, *lx.hijri]), "WEEKDAY": alt(list(lx.weekdays)),
            "OUTLET": alt([f for o in registry().outlets for f in o.text_forms()])}


def expand(rx: str, fragments: dict[str, str], vocab: dict[str, str]) -> str:
    """``rx`` with its ``%NAME%`` placeholders replaced: a ``fragments`` entry of the file (lower-case
    key, itself expanded) or a ``vocab`` word class; ``KeyError`` for an unknown name."""
    def sub(m: regex.Match) -> str:
        name = m.group(1)
        if name.lower() in fragments:
            return "(?:" + expand(fragments[name.lower()], {}, vocab) + ")"
        return vocab[name]
    return _PLACEHOLDER.sub(sub, rx)


def compile_pattern(entry: dict, where_file: str = FILE, fragments: dict | None = None,
                    vocab: dict | None = None) -> Pattern:
    """One YAML pattern entry -> ``Pattern``; ``DataError`` naming the entry when it is broken.

    ``%NAME%`` placeholders in the regex are expanded first (see ``expand``; by default from the
    ``fragments`` of ``boilerplate.yml`` and ``vocabulary()``)."""
    pid = entry.get("id", "?")
    for key in ("id", "kind", "regex", "match", "max_len", "where"):
        if key not in entry:
            raise DataError(where_file, pid, f"missing key '{key}'")
    if entry["match"] not in ("line", "search"):
        raise DataError(where_file, pid, "match must be 'line' or 'search'")
    if entry["where"] not in WHERE:
        raise DataError(where_file, pid, f"where must be one of {', '.join(WHERE)}")
    src = str(entry["regex"])
    if "%" in src:
        try:
            src = expand(src, _fragments() if fragments is None else fragments,
                         _vocab() if vocab is None else vocab)
        except KeyError as exc:
            raise DataError(where_file, pid, f"unknown placeholder {exc}") from None
    try:
        rx = regex.compile(fold(src), _FLAGS)
    except regex.error as exc:
        raise DataError(where_file, pid, f"regex does not compile: {exc}") from None
    needs = tuple(fold(str(x)).lower() for x in entry.get("needs", []) or [])
    return Pattern(pid, entry["kind"], rx, entry["match"] == "line", int(entry["max_len"]), entry["where"], needs)


@functools.lru_cache(maxsize=1)
def _vocab() -> dict[str, str]:
    return vocabulary()


def _fragments() -> dict[str, str]:
    return {str(k).lower(): str(v) for k, v in (load_yaml(FILE).get("fragments") or {}).items()}


@functools.lru_cache(maxsize=1)
def furniture() -> Furniture:
    """Load and compile ``boilerplate.yml`` once per process."""
    data = load_yaml(FILE)
    frags = {str(k).lower(): str(v) for k, v in (data.get("fragments") or {}).items()}
    pats = tuple(compile_pattern(e, FILE, frags, _vocab()) for e in data.get("patterns", []))
    ids = [p.id for p in pats]
    dup = [i for i, n in Counter(ids).items() if n > 1]
    if dup:
        raise DataError(FILE, dup[0], "duplicate pattern id")
    tokens = sorted((regex.escape(fold(t)) for t in data.get("language_switch", [])), key=len, reverse=True)
    lang = regex.compile(r"(?:(?:" + "|".join(tokens) + r")[\s|/•·,-]{0,4}){1,4}", _FLAGS)
    zones_ = {z: ZoneMatcher.build([p for p in pats if _zone_ok(p.where, z)]) for z in ZONES}
    return Furniture(pats, lang, _sections(data.get("section_labels", [])), dict(data.get("limits", {})),
                     tuple(data.get("html_furniture", [])), {p.id: p.kind for p in pats}, zones_)


def _sections(labels: list) -> regex.Pattern:
    """One anchored regex for the whole-line section names (spaces inside a name stretch to three)."""
    alts = sorted({" ".join(fold(str(s)).split()) for s in labels if str(s).strip()}, key=len, reverse=True)
    body = "|".join(regex.escape(a).replace(r"\ ", r"\s{1,3}") for a in alts) or r"(?!)"
    return regex.compile(r"(?:" + body + r")\s{0,2}[:：|»>]?", _FLAGS)


def is_section_label(text: str) -> bool:
    """``text`` is only the name of a site section ("أخبار الدولة", "وطنية", "Société")."""
    f = " ".join(fold(text.strip()).split())
    return 0 < len(f) <= 40 and furniture().sections.fullmatch(f) is not None


def classify_line(text: str, zone: str = "body") -> str | None:
    """The rule that makes ``text`` furniture on its own (patterns, language switch), or None.

    ``zone`` is where the line stands: 'head', 'tail' or 'body' (see ``rasd.clean.lines.Zones``), or
    'dateline' for a head line after the headline (where bylines and credits stand).
    """
    fur = furniture()
    zm = fur.by_zone.get(zone, fur.by_zone["body"])
    if len(text) > zm.longest + 20:  # folding only shortens a line by its marks
        return None
    f = fold(text.strip())
    if not f:
        return None
    p = zm.first(f)
    if p is not None:
        return f"pattern:{p.id}"
    if len(f) <= 40 and fur.lang_switch.fullmatch(f):
        return "lang-switch"
    if zone in ("head", "dateline") and is_section_label(f):
        return "section-label"
    return None


def kind_of(rule: str) -> str:
    """The furniture family of a rule name ('pattern:read-also-ar' -> 'readmore')."""
    if rule.startswith("pattern:"):
        return furniture().kinds.get(rule[len("pattern:"):], "pattern")
    return rule.split(":", 1)[0]


def line_key(text: str) -> str:
    """What two lines must share to count as the same line (folded, spaces collapsed)."""
    return " ".join(fold(text).split()).casefold()


# ---- marking a document's lines ---------------------------------------------------------

def body_lines(doc: Document) -> list[Line]:
    """The non-blank lines of ``doc`` (``doc.lines`` must be split already)."""
    return [ln for ln in doc.lines if ln.kind != "blank"]


def doc_zones(body: list[Line]) -> Zones:
    lim = furniture().limits
    return zones([ln.text for ln in body], int(lim.get("paragraph_words", 25)), int(lim.get("edge_lines", 3)))


def _mark(ln: Line, rule: str) -> None:
    ln.kind = "boilerplate"
    ln.rule = rule


def mark_patterns(body: list[Line], z: Zones, known: Iterable[str] = (),
                  signatures: Iterable[tuple[str, regex.Pattern]] = ()) -> None:
    """Signals 1 and 2: phrase patterns, language switches, known furniture lines, outlet signatures."""
    known_keys = {line_key(k) for k in known}
    sigs = list(signatures)
    for i, ln in enumerate(body):
        if ln.kind != "content":
            continue
        rule = classify_line(ln.text, z.where(i))
        if rule is None and known_keys and line_key(ln.text) in known_keys:
            rule = "known"
        if rule is None and sigs:
            f = fold(ln.text)
            rule = next((f"signature:{oid}" for oid, rx in sigs if len(f) <= 200 and rx.search(f)), None)
        if rule:
            _mark(ln, rule)


def is_label(text: str) -> bool:
    """A short line without sentence punctuation: a caption, a widget title, a menu item."""
    lim = furniture().limits
    return (len(text) <= int(lim.get("short_chars", 80)) and word_count(text) <= int(lim.get("short_words", 10))
            and not ends_sentence(text))


def mark_repeats(body: list[Line], title_key: str | None) -> None:
    """Signal 3: a short label line printed twice or more in the document (not the headline)."""
    counts = Counter(line_key(ln.text) for ln in body if is_label(ln.text))
    for ln in body:
        if ln.kind != "content" or not is_label(ln.text):
            continue
        key = line_key(ln.text)
        if counts[key] >= 2 and key != title_key:
            _mark(ln, "repeat")


def mark_around_title(body: list[Line], z: Zones, title: Line | None) -> None:
    """Signal 6, once the headline is known: in the head zone, short label lines before it are section
    labels and menu items (``head-label``), and the lines between it and the first body paragraph are
    tried against the ``dateline`` patterns (bylines, credits: ``pattern:<id>``)."""
    if title is None:
        return
    at = next((i for i, ln in enumerate(body) if ln is title), -1)
    for i, ln in enumerate(body):
        if ln.kind != "content" or z.where(i) != "head" or i == at:
            continue
        if i < at and is_head_label(ln.text):
            _mark(ln, "head-label")
        elif i > at:
            rule = classify_line(ln.text, "dateline")
            if rule:
                _mark(ln, rule)


def is_head_label(text: str) -> bool:
    """A line short enough to be a menu item or rubric: a few words, no digits, no sentence punctuation."""
    lim = furniture().limits
    return (len(text) <= int(lim.get("head_label_chars", 30)) and word_count(text) <= int(lim.get("head_label_words", 3))
            and not ends_sentence(text) and not _DIGIT.search(text))


_DIGIT = regex.compile(r"\d")


_PAIR = regex.compile(r"(\p{L}{2,20}(?:\s\p{L}{2,20})?)\s{1,3}و\s{0,2}(\p{L}{2,20}(?:\s\p{L}{2,20})?)")


def _stem(word: str) -> str:
    return word[2:] if word.startswith("ال") and len(word) > 4 else word


def mark_name_pairs(body: list[Line], z: Zones) -> None:
    """Signal 4: a body-zone line "A وB" (≤ a few words, no punctuation, A without the article ال)
    where A and B each occur in the article's other lines: a photo caption naming two people."""
    lim = int(furniture().limits.get("name_pair_words", 4))
    vocab: Counter | None = None
    for i, ln in enumerate(body):
        if ln.kind != "content" or z.where(i) != "body" or word_count(ln.text) > lim or ends_sentence(ln.text):
            continue
        m = _PAIR.fullmatch(fold(ln.text))
        if not m or m.group(1).startswith("ال"):
            continue
        if vocab is None:
            vocab = Counter(w for other in body if word_count(other.text) > lim for w in set(words(fold(other.text))))
        if _known_name(m.group(1), vocab) and _known_name(m.group(2), vocab):
            _mark(ln, "caption:name-pair")


def _known_name(name: str, vocab: Counter) -> bool:
    """Every word of ``name`` (article ال allowed) occurs in the article's other lines."""
    return all(vocab.get(w) or vocab.get(_stem(w)) or vocab.get("ال" + w) for w in name.split())


def mark_tail_block(body: list[Line], z: Zones) -> None:
    """Signal 5: in the tail, short headline lines that follow a related / read-also header."""
    lim = int(furniture().limits.get("tail_block_words", 20))
    in_block = False
    for i, ln in enumerate(body):
        if z.where(i) != "tail":
            continue
        if ln.kind == "boilerplate":
            in_block = kind_of(ln.rule) in KINDS_OPENING_A_LIST
            continue
        if in_block and word_count(ln.text) <= lim and not ends_sentence(ln.text):
            _mark(ln, "tail-block")
        else:
            in_block = False


# ---- furniture shared by several pages of one outlet -----------------------------------

def shared_furniture(docs: Iterable[Document], min_docs: int = 2) -> dict[str, set[str]]:
    """Short label lines found in at least ``min_docs`` documents of the same outlet.

    Returns ``{outlet: {line_key, ...}}`` for documents whose ``outlet`` is known (run the clean
    stage first).  Long lines and lines with sentence punctuation never count: shared prose
    between pages is text reuse, not furniture.
    """
    seen: dict[str, Counter] = {}
    for d in docs:
        if not d.outlet:
            continue
        title = line_key(d.title.text) if d.title else None
        keys = {line_key(ln.text) for ln in d.lines if ln.kind != "blank" and is_label(ln.text)}
        keys.discard(title)
        seen.setdefault(d.outlet, Counter()).update(keys)
    return {o: {k for k, n in c.items() if n >= min_docs} for o, c in seen.items()}
