"""What an event is about: the security topics of events.yml, from cue phrases and the participants.

An event's text (``event_lines``) is the lines that mention it, plus the lines of the same paragraph
block that mention no other happening (the sentences right around a report usually describe it), plus
the next paragraph when the report goes on there (one of the event's people, or an official by title,
speaks and no other happening is told); a line that reports another event, or a generic one, belongs
to that.  A topic is set when one of its cue phrases occurs there, when a group listed for the topic
takes part, or when a participant's canonical name holds one of the topic's ``name_words`` (an agency
whose name says what it fights).  ``event_topics`` is what the events stage stores.
"""
from __future__ import annotations

import functools
from typing import TYPE_CHECKING

import regex

from rasd.events.lexicon import TOPICS, lexicon, ontology
from rasd.events.matcher import PhraseMatcher
from rasd.text.normalize import normalize

if TYPE_CHECKING:
    from rasd.events.context import Context
    from rasd.events.coref import Cluster

OPENING_WORDS = 6  # a speaker's title counts near the start of a paragraph ("وقال الوزير ...")


@functools.lru_cache(maxsize=1)
def _compiled() -> tuple[PhraseMatcher, dict[str, str]]:
    onto = ontology()
    items, groups = [], {}
    for topic in TOPICS:
        data = onto.topics[topic]
        for cue in data["cues"]:
            items.append((normalize(cue), topic, ""))
        for name in data.get("groups") or []:
            groups[name.casefold()] = topic
    return PhraseMatcher(items), groups


@functools.lru_cache(maxsize=1)
def _name_words() -> list[tuple[regex.Pattern, str]]:
    """(whole-word pattern, topic) for the ``name_words`` of each topic."""
    onto = ontology()
    return [(regex.compile(r"(?<![\w-])" + regex.escape(w.casefold()) + r"(?![\w-])"), topic)
            for topic in TOPICS for w in onto.topics[topic].get("name_words") or []]


@functools.lru_cache(maxsize=4096)
def _name_topics(name: str) -> frozenset[str]:
    """Topics a participant's canonical name implies: a listed group, or an agency whose name says
    what it fights ("Anti-Narcotics Directorate" -> drug_trafficking)."""
    _, groups = _compiled()
    folded = name.casefold()
    found = {groups[folded]} if folded in groups else set()
    found |= {topic for pat, topic in _name_words() if pat.search(folded)}
    return frozenset(found)


def line_topics(text: str, folded: str | None = None) -> set[str]:
    """Topics whose cues occur in ``text`` (``folded``: the text already normalised or folded)."""
    matcher, _ = _compiled()
    return {m.key for m in matcher.find(folded if folded is not None else normalize(text))}


def group_topics(names: list[str]) -> set[str]:
    """Topics implied by the participants (by canonical name): listed groups and agencies whose name
    says what they fight (``name_words``)."""
    return {t for n in names for t in _name_topics(n)}


def ordered(topics: set[str]) -> list[str]:
    return [t for t in TOPICS if t in topics]


def _next_block(ctx: Context, block: int) -> int | None:
    """The paragraph block that follows ``block`` (None at the end)."""
    later = [b for b in ctx.block_sents if b > block]
    return min(later) if later else None


def _goes_on(ctx: Context, block: int, busy: dict[int, set[int]], cid: int, people: set[str]) -> bool:
    """Paragraph ``block`` carries on the report of event ``cid``: no line there tells another
    happening, and one of the event's people speaks there (by name, or by a title word near the start:
    "وقال الوزير", "وأكد وزير الداخلية").  A commentator's view is not the event's own text."""
    sents = [(i, ctx.sents[i]) for i in ctx.block_sents[block]]
    if any(s.title or busy.get(s.line, set()) - {cid} for _, s in sents):
        return False
    if any(a.type == "PER" and a.entity.id in people for i, _ in sents for a in ctx.sent_args.get(i, [])):
        return True
    first = sents[0][1]
    heads = lexicon().words["title_heads"]
    return any(first.stems(k) & heads for k in range(min(len(first.norm), OPENING_WORDS)))


def event_lines(ctx: Context, c: Cluster, busy: dict[int, set[int]], cid: int) -> set[int]:
    """Lines that tell event ``cid`` (cluster ``c``): its own, the lines of its paragraph blocks that
    tell no other happening, and the paragraph right after one of its blocks when the report goes on
    there (``_goes_on``).  ``busy``: line -> the events told there (-1: a trigger that made none)."""
    own = {ctx.sents[m.hit.sent].line for m in c.mentions}
    blocks = {ctx.sents[m.hit.sent].block for m in c.mentions}
    people = {e for m in c.mentions for e in m.participants}
    blocks |= {b for b in (_next_block(ctx, b) for b in blocks)
               if b is not None and _goes_on(ctx, b, busy, cid, people)}
    out = set(own)
    for s in ctx.sents:
        if s.block in blocks and s.line not in own and not (busy.get(s.line, set()) - {cid}):
            out.add(s.line)
    return out


def event_topics(ctx: Context, c: Cluster, cid: int, busy: dict[int, set[int]], names: list[str]) -> list[str]:
    """The topics of event ``cid``: cues in its lines (``event_lines``) and its participants' groups."""
    found: set[str] = set()
    lines = event_lines(ctx, c, busy, cid)
    for i, s in enumerate(ctx.sents):
        if s.line in lines:
            if i not in ctx.topic_cache:
                ctx.topic_cache[i] = line_topics(s.text, s.folded()[0])
            found |= ctx.topic_cache[i]
    return ordered(found | group_topics(names))
