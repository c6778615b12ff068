"""What an event is about: the security topics of events.yml, from cue phrases and the groups involved.

An event's text is the lines that mention it, plus the lines of the same paragraph block that
mention no other happening (the sentences right around a report usually describe it); a line that
reports another event, or a generic one, belongs to that.  A topic is set when one of its cue
phrases occurs there, or when a group listed for the topic takes part in the event.
"""
from __future__ import annotations

import functools

from rasd.events.lexicon import TOPICS, ontology
from rasd.events.matcher import PhraseMatcher
from rasd.text.normalize import normalize

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


def line_topics(text: str, folded: str | None = None) -> set[str]:
    """Topics whose cues occur in ``text`` (``folded``: the text already normalised or folded)."""
    matcher, _ = _compiled()
    return {m.key for m in matcher.find(folded if folded is not None else normalize(text))}


def group_topics(names: list[str]) -> set[str]:
    """Topics implied by participating groups (by canonical name)."""
    _, groups = _compiled()
    return {groups[n.casefold()] for n in names if n.casefold() in groups}


def ordered(topics: set[str]) -> list[str]:
    return [t for t in TOPICS if t in topics]
