"""Titles next to person names: what they cover, and later uses of a title standing for the person.

A title phrase is a title word (مدير، وزير، رئيس ...; ``title_heads`` in triggers.yml) and the words
after it, written right before a person's name ("مدير الشرطة الفيدرالية، يوهان مولر") or
right after it ("سلمى بناني، مديرة الأمن الإقليمي").  Organisations and nisba adjectives
inside such a phrase describe the person and are not event participants of their own.  When the same
title (its first words) comes back later without a name ("التقى بمدير مكتب التحقيقات الفيدرالي"),
it stands for that person, provided no other person of the document carries the same title.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from rasd.events.context import Arg, Context, Sent
from rasd.events.lexicon import Lexicon

KEY_WORDS = 4  # a title is recognised again by its first words (title word included)
MAX_TITLE = 6  # words a title phrase may span


@dataclass
class Titles:
    spans: list[tuple[int, int]] = field(default_factory=list)  # raw spans of title phrases
    keys: dict[tuple[str, ...], set[str]] = field(default_factory=dict)  # key -> entity ids
    people: dict[str, object] = field(default_factory=dict)  # entity id -> Entity

    def covers(self, start: int, end: int) -> bool:
        return any(a <= start < b for a, b in self.spans)


def _is_punct(w: str) -> bool:
    return len(w) == 1 and not w.isalnum()


def _head(sent: Sent, i: int, lex: Lexicon) -> bool:
    return sent.norm[i] in lex.ext["title_heads"]


def _key(sent: Sent, i: int, j: int, lex: Lexicon) -> tuple[str, ...]:
    head = sorted(sent.stems(i) & lex.words["title_heads"], key=len)[-1]
    head = head[2:] if head.startswith("ال") else head
    return (head, *sent.norm[i + 1: min(j + 1, i + KEY_WORDS)])


def title_before(sent: Sent, k: int, lex: Lexicon, ends: frozenset[int] = frozenset()) -> tuple[int, int] | None:
    """Token range of a title right before token ``k`` (honorifics and one comma may sit between);
    not one that follows another name (``ends``: last tokens of names), which is that name's title."""
    j = k - 1
    while j >= 0 and sent.norm[j] in lex.ext["honorifics"]:
        j -= 1
    if j >= 0 and sent.norm[j] in ("،", ","):
        j -= 1
    for i in range(j, max(-1, j - MAX_TITLE), -1):
        if _is_punct(sent.norm[i]) or i in ends:
            return None
        if _head(sent, i, lex):
            if sent.norm[i].startswith("و"):
                return (i, j)  # "، ومدير ... X": a new conjunct with its own title
            before = i - 1 if i >= 1 and sent.norm[i - 1] not in ("،", ",") else i - 2
            return None if before in ends else (i, j)
    return None


def _after(sent: Sent, e: int, lex: Lexicon, names: set[int]) -> tuple[int, int] | None:
    """Token range of a title right after token ``e`` (after an optional comma); a title that runs
    into another name belongs to that name ("مولر، ومدير الشرطة ... السيد كريم العلوي")."""
    i = e + 1
    if i < len(sent.norm) and sent.norm[i] in ("،", ","):
        i += 1
    if i >= len(sent.norm) or not _head(sent, i, lex) or sent.norm[i].startswith("و"):
        return None  # "X، ومديرة ...": a new conjunct, not X's title
    j = i
    while j + 1 < len(sent.norm) and j + 1 - i < MAX_TITLE and not _is_punct(sent.norm[j + 1]):
        if j + 1 in names:
            return None
        j += 1
    nxt = j + 1
    while nxt < len(sent.norm) and (sent.norm[nxt] in lex.ext["honorifics"] or sent.norm[nxt] in ("،", ",")):
        nxt += 1
    if nxt in names and not sent.norm[nxt].startswith("و"):
        return None  # the title runs into the next name: it is that name's
    return (i, j)


def collect(ctx: Context, lex: Lexicon) -> Titles:
    """Title phrases next to every person mention of the document."""
    out = Titles()
    for si, sent in enumerate(ctx.sents):
        people = [a for a in ctx.sent_args.get(si, []) if a.type == "PER" and not a.virtual]
        names = {sent.tok_at(a.start) for a in people}
        ends = frozenset(sent.tok_at(a.end - 1) for a in people)
        for a in people:
            k, e = sent.tok_at(a.start), sent.tok_at(a.end - 1)
            out.people[a.entity.id] = a.entity
            for rng in (title_before(sent, k, lex, ends), _after(sent, e, lex, names)):
                if rng is None:
                    continue
                i, j = rng
                out.spans.append((sent.tokens[i].start, sent.tokens[j].end))
                key = _key(sent, i, j, lex)
                if len(key) >= 2:
                    out.keys.setdefault(key, set()).add(a.entity.id)
    return out


def virtual_args(ctx: Context, si: int, titles: Titles, lex: Lexicon) -> list[Arg]:
    """Titles in sentence ``si`` that stand for a person named elsewhere (no name beside them)."""
    sent = ctx.sents[si]
    found: list[Arg] = []
    per = [(sent.tok_at(a.start), sent.tok_at(a.end - 1)) for a in ctx.sent_args.get(si, []) if a.type == "PER"]
    for i in range(len(sent.norm)):
        if not _head(sent, i, lex):
            continue
        for key, ids in titles.keys.items():
            if len(ids) != 1 or i + len(key) > len(sent.norm):
                continue
            if _key(sent, i, i + len(key) - 1, lex) != key:
                continue
            j = i + len(key) - 1
            if any(a <= j + 3 and b >= i - 3 for a, b in per):
                continue  # a name is right there: an apposition, not a stand-in
            ent = titles.people[next(iter(ids))]
            found.append(Arg(sent.tokens[i].start, sent.tokens[j].end, ent, "PER", virtual=True, rule="title"))
            titles.spans.append((sent.tokens[i].start, sent.tokens[j].end))
            break
    return found
