"""The document model: what every stage reads and writes.

Every span (mention, date, trigger, boilerplate line, title) is a pair of character
offsets into ``Document.raw``, the text exactly as it was read; ``raw[start:end] == text``
always holds (``Span.check``).  Stages may normalise text internally, but they map
their findings back to raw offsets before storing them here.

Each stage fills some attributes and leaves the rest alone (see ``rasd.pipeline``):

==============  ==========================================================
attribute       set by
==============  ==========================================================
content         clean   -- the non-boilerplate lines, in order
boilerplate     clean   -- page-furniture lines, exactly as in the text
title           clean   -- the headline line
outlet          clean   -- the outlet's display name, or None
mentions        entities
entities        entities
times           time    -- every temporal expression with its value
published       time    -- the publication window
events          events
==============  ==========================================================
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(slots=True)
class Span:
    """A stretch of the raw text: ``raw[start:end] == text``."""

    start: int
    end: int
    text: str

    def check(self, raw: str) -> bool:
        return 0 <= self.start <= self.end <= len(raw) and raw[self.start:self.end] == self.text

    @classmethod
    def of(cls, raw: str, start: int, end: int) -> "Span":
        return cls(start, end, raw[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Line(Span):
    """A line of the raw text (without its newline) with what the clean stage decided."""

    kind: str = "content"  # content | boilerplate | title | blank
    rule: str = ""  # the pattern or signal that decided the kind


@dataclass(slots=True)
class Mention(Span):
    """A name in the text: a person, organisation or place."""

    type: str = "PER"  # PER | ORG | GPE | LOC
    rule: str = ""  # e.g. "crf", "kb:alias", "pattern:title", "nisba"
    entity: str | None = None  # id of the Entity it belongs to, once linked
    score: float = 1.0


@dataclass(slots=True)
class Entity:
    """One real-world referent in one document, with all its mentions."""

    id: str  # document-local id, e.g. "e3"
    type: str
    name: str  # canonical English name
    mentions: list[Mention] = field(default_factory=list)
    role: str | None = None
    kb_id: str | None = None
    country: str | None = None  # ISO 3166-1 alpha-2
    link: str = ""  # how the name was found: "kb:exact", "kb:fuzzy 0.93", "translit"


@dataclass(slots=True)
class TimeExpr(Span):
    """A temporal expression and its normalised value (ISO 8601 strings or None)."""

    value_start: str | None = None
    value_end: str | None = None
    grain: str | None = None  # day | month | year | None
    kind: str = "absolute"  # absolute | relative | range | weekday | duration
    rule: str = ""
    anchor: str | None = None  # the date a relative expression was resolved against
    weekday_ok: bool | None = None  # a stated weekday agrees with the date (None: no weekday)
    note: str | None = None
    partial: str | None = None  # year-less ISO 8601 value ("--MM-DD", "--MM-DD/--MM-DD", "--MM") when the year is unknown


@dataclass(slots=True)
class Published:
    earliest: str | None = None
    latest: str | None = None
    basis: str | None = None
    rule: str = ""


@dataclass(slots=True)
class Location:
    name: str
    country: str | None = None
    span: Span | None = None
    rule: str = ""


@dataclass(slots=True)
class EventDate:
    start: str | None = None
    end: str | None = None
    text: str | None = None
    span: Span | None = None
    rule: str = ""
    inferred_from: list[str] | None = None  # documents a cross-document fill came from
    partial: str | None = None  # year-less value ("--MM-DD", "--MM-DD/--MM-DD", "--MM") of its expression, when the text gives no year


@dataclass(slots=True)
class Event:
    id: str
    type: str  # PLOVER type
    mode: str | None = None
    actors: list[str] = field(default_factory=list)  # canonical names
    counterparts: list[str] = field(default_factory=list)
    location: Location | None = None
    date: EventDate = field(default_factory=EventDate)
    topics: list[str] = field(default_factory=list)
    status: str = "reported"  # reported | scheduled
    trigger: Span | None = None
    evidence: list[Span] = field(default_factory=list)  # sentence spans
    rules: list[str] = field(default_factory=list)
    confidence: float = 1.0
    cluster: str | None = None  # cross-document cluster id


@dataclass(slots=True)
class Document:
    id: str  # file name or record id; the key documents are paired by
    raw: str
    source: str = ""  # path or URL it came from
    meta: dict[str, Any] = field(default_factory=dict)  # url, outlet, published, title from input
    lines: list[Line] = field(default_factory=list)
    content: list[Span] = field(default_factory=list)
    boilerplate: list[Span] = field(default_factory=list)
    title: Span | None = None
    outlet: str | None = None
    outlet_rule: str = ""
    mentions: list[Mention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    times: list[TimeExpr] = field(default_factory=list)
    published: Published = field(default_factory=Published)
    events: list[Event] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    stages: list[str] = field(default_factory=list)  # names of the stages that ran

    def spans(self):
        """Every stored span, for offset checks."""
        yield from self.lines
        yield from self.content
        yield from self.boilerplate
        if self.title is not None:
            yield self.title
        yield from self.mentions
        for ent in self.entities:
            yield from ent.mentions
        yield from self.times
        for ev in self.events:
            if ev.trigger is not None:
                yield ev.trigger
            yield from ev.evidence
            if ev.date.span is not None:
                yield ev.date.span
            if ev.location is not None and ev.location.span is not None:
                yield ev.location.span

    def bad_spans(self) -> list[Span]:
        return [s for s in self.spans() if not s.check(self.raw)]


@dataclass(slots=True)
class Failure:
    """A document that could not be read or processed, with a one-line reason."""

    source: str
    reason: str


@dataclass(slots=True)
class Corpus:
    documents: list[Document] = field(default_factory=list)
    same_event: list[dict[str, Any]] = field(default_factory=list)
    conflicts: list[dict[str, Any]] = field(default_factory=list)
    text_reuse: list[dict[str, Any]] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    def by_id(self) -> dict[str, Document]:
        return {d.id: d for d in self.documents}
