"""Clean stage: split lines, mark page furniture, find the title and the outlet.

Placeholder until the clean stage lands: every non-blank line is content, the first is the title.
"""
from __future__ import annotations

from rasd.doc import Document, Line, Span
from rasd.pipeline import stage


def split_lines(raw: str) -> list[Line]:
    out, pos = [], 0
    for part in raw.split("\n"):
        end = pos + len(part)
        a, b = pos, end
        while a < b and raw[a].isspace():
            a += 1
        while b > a and raw[b - 1].isspace():
            b -= 1
        out.append(Line(a, b, raw[a:b], "content" if b > a else "blank"))
        pos = end + 1
    return out


@stage("clean", requires=("raw",), sets=("lines", "content", "boilerplate", "title", "outlet"))
def clean(doc: Document) -> Document:
    doc.lines = split_lines(doc.raw)
    body = [ln for ln in doc.lines if ln.kind != "blank"]
    if body:
        body[0].kind = "title"
        doc.title = Span(body[0].start, body[0].end, body[0].text)
    doc.content = [Span(ln.start, ln.end, ln.text) for ln in body]
    doc.outlet = doc.meta.get("outlet")
    return doc
