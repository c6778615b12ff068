"""What the events stage reads from a document, laid out for quick lookups.

``build(doc)`` returns a ``Context``: the sentences of the content (and the title), each with its
tokens, their normalised forms and the paragraph block it sits in; the entity mentions and
temporal expressions sorted by offset, with per-sentence slices.  Nothing here decides anything
about events; it only indexes the stages' outputs.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from rasd.doc import Document, Entity, Span, TimeExpr
import regex

from rasd.text.normalize import _DROP, _FOLD, normalize_map, strip_clitics
from rasd.text.tokens import sentences, tokenize


@dataclass
class Arg:
    """An entity mention as an event argument candidate."""

    start: int
    end: int
    entity: Entity
    type: str
    nisba: bool = False  # an adjective of origin ("المغربية") standing for a country
    virtual: bool = False  # a title standing for a person named elsewhere in the document
    rule: str = ""


_FOLD_TABLE = str.maketrans(_FOLD)
_DROP_RE = regex.compile("[" + "".join(sorted(_DROP)) + "]+")
_PRESENTATION = regex.compile("[\uFB50-\uFDFF\uFE70-\uFEFF]")


def fold(text: str) -> tuple[str, list[int] | None]:
    """``normalize``'s folds at C speed: (folded text, index map into ``text`` or None when offsets
    are unchanged).  Diacritics and tatweel are dropped (the map records where each kept character
    came from); text with presentation forms goes through ``normalize_map``.  Whitespace runs are
    kept (patterns use \\s+)."""
    if _PRESENTATION.search(text) is not None:
        return normalize_map(text)
    drops = list(_DROP_RE.finditer(text))
    if not drops:
        folded = text.translate(_FOLD_TABLE).lower()
        return (folded, None) if len(folded) == len(text) else normalize_map(text)
    parts: list[str] = []
    idx: list[int] = []
    pos = 0
    for m in drops:
        parts.append(text[pos:m.start()])
        idx.extend(range(pos, m.start()))
        pos = m.end()
    parts.append(text[pos:])
    idx.extend(range(pos, len(text)))
    folded = "".join(parts).translate(_FOLD_TABLE).lower()
    return (folded, idx) if len(folded) == len(idx) else normalize_map(text)


@functools.lru_cache(maxsize=8192)
def fold_short(text: str) -> tuple[str, list[int] | None]:
    """``fold`` memoised, for the short fragments (a clitic, a name) read again and again;
    the result is shared: callers must not change the index map."""
    return fold(text)


@dataclass
class Sent:
    """A sentence of the content: raw span, tokens, their normalised forms, its paragraph block."""

    start: int
    end: int
    text: str
    line: int
    block: int
    title: bool = False
    _fold: tuple[str, list[int] | None] | None = None
    _stems: list[frozenset[str] | None] | None = None
    _starts: list[int] | None = None
    cache: dict = field(default_factory=dict)  # per-sentence results other modules keep

    @functools.cached_property
    def tokens(self) -> list[Span]:
        """Tokens of the sentence (raw offsets), made on first use (then a plain attribute read)."""
        return tokenize(self.text, self.start)

    def folded(self) -> tuple[str, list[int] | None]:
        """The folded sentence and its index map (None when offsets are unchanged)."""
        if self._fold is None:
            self._fold = fold(self.text)
        return self._fold

    @functools.cached_property
    def norm(self) -> list[str]:
        """Normalised form of each token (made on first use, then a plain attribute read)."""
        text, idx = self.folded()
        if idx is None:
            return [text[t.start - self.start: t.end - self.start] for t in self.tokens]
        out = []  # slice the normalised sentence through its index map
        for t in self.tokens:
            lo = bisect.bisect_left(idx, t.start - self.start)
            hi = bisect.bisect_left(idx, t.end - self.start)
            out.append(text[lo:hi].strip())
        return out

    def stems(self, i: int) -> frozenset[str]:
        """Forms of token ``i`` with a leading clitic and a trailing pronoun taken off (cached)."""
        if self._stems is None:
            self._stems = [None] * len(self.tokens)
        got = self._stems[i]
        if got is None:
            got = self._stems[i] = _stems(self.norm[i])
        return got

    def tok_at(self, offset: int) -> int:
        """Index of the token containing ``offset`` (or the next one)."""
        if self._starts is None:
            self._starts = [t.start for t in self.tokens]
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and self.tokens[i].end > offset:
            return i
        return i + 1


_SUFFIXES = ("هما", "هم", "ها", "ه", "كم", "نا")


def _stems(word: str) -> frozenset[str]:
    out = set(strip_clitics(word))
    for w in list(out):
        if len(w) > 3 and w.startswith("ال"):
            out.add(w[2:])
        for s in _SUFFIXES:
            if w.endswith(s) and len(w) - len(s) >= 3:
                base = w[: -len(s)]
                out.add(base)
                if base.endswith("ت"):
                    out.add(base[:-1] + "ه")
    return frozenset(out)


@dataclass
class Context:
    doc: Document
    sents: list[Sent]
    args: list[Arg]
    times: list[TimeExpr]
    sent_args: dict[int, list[Arg]] = field(default_factory=dict)
    sent_times: dict[int, list[TimeExpr]] = field(default_factory=dict)
    title_spans: list[tuple[int, int]] = field(default_factory=list)  # set by the events stage (titles)
    topic_cache: dict[int, set[str]] = field(default_factory=dict)  # sentence -> topics of its cues
    dist_cache: dict[tuple[int, bool], list[int]] = field(default_factory=dict)  # see arguments._countable
    block_sents: dict[int, list[int]] = field(default_factory=dict)  # paragraph block -> its sentences
    _sent_starts: list[int] = field(default_factory=list)

    def sent_of(self, offset: int) -> int | None:
        i = bisect.bisect_right(self._sent_starts, offset) - 1
        if i >= 0 and self.sents[i].start <= offset < self.sents[i].end:
            return i
        return None


def _lines(doc: Document) -> list[Span]:
    """Content lines (the title first when the clean stage keeps it apart); all lines without clean."""
    lines = list(doc.content)
    if not lines:
        pos = 0
        for raw_line in doc.raw.split("\n"):
            if raw_line.strip():
                lines.append(Span(pos, pos + len(raw_line), raw_line))
            pos += len(raw_line) + 1
    if doc.title is not None and not any(l.start <= doc.title.start < l.end for l in lines):
        lines.append(doc.title)
    return sorted(lines, key=lambda s: s.start)


def _is_nisba(arg_text: str, ent: Entity, rule: str) -> bool:
    """A mention that is a nisba adjective ("المغربية") rather than the country's name."""
    if "nisba" in rule:
        return True
    if ent.type != "GPE":
        return False
    from rasd.events.places import is_nisba_form
    return is_nisba_form(arg_text)


def build(doc: Document) -> Context:
    """Index ``doc`` for the events stage."""
    sents: list[Sent] = []
    block, prev_end = 0, None
    for li, line in enumerate(_lines(doc)):
        if prev_end is not None and doc.raw.count("\n", prev_end, line.start) >= 2:
            block += 1
        prev_end = line.end
        is_title = doc.title is not None and line.start <= doc.title.start < line.end
        for s in sentences(line.text, line.start):
            sents.append(Sent(s.start, s.end, s.text, li, block, is_title))
        if is_title:
            block += 1
    args: list[Arg] = []
    for ent in doc.entities:
        for m in ent.mentions:
            args.append(Arg(m.start, m.end, ent, ent.type, _is_nisba(m.text, ent, m.rule), rule=m.rule))
    args.sort(key=lambda a: (a.start, -a.end))
    times = sorted(doc.times, key=lambda t: t.start)
    ctx = Context(doc, sents, args, times, _sent_starts=[s.start for s in sents])
    _index(ctx)
    return ctx


def _index(ctx: Context) -> None:
    ctx.block_sents = {}
    for i, s in enumerate(ctx.sents):
        ctx.block_sents.setdefault(s.block, []).append(i)
    ctx.sent_args = {}
    for a in ctx.args:
        i = ctx.sent_of(a.start)
        if i is not None:
            ctx.sent_args.setdefault(i, []).append(a)
    ctx.sent_times = {}
    for t in ctx.times:
        i = ctx.sent_of(t.start)
        if i is not None:
            ctx.sent_times.setdefault(i, []).append(t)
