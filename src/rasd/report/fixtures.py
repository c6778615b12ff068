"""Development corpora for the briefing while the real stages are being built.

* ``seed_corpus(gold, seeds)``: the hand annotation of the development set with each article's
  raw text attached and spans found by string search (titles, boilerplate lines, every mention,
  the text of each event date and the sentence around it as evidence, shared passages);
* ``sample_corpus()``: three short articles written by us, with a cluster whose reports disagree
  on the date, a quoted and an own-prose copy of a communiqué, and a document with no text;
* ``hostile_document()``: an article full of markup and script, for the escaping tests;
* ``scale_corpus(base, n)``: ``n`` documents made by repeating ``base`` (ids, dates varied).
"""
from __future__ import annotations

import copy
from pathlib import Path

from rasd.doc import (Corpus, Document, Entity, Event, EventDate, Location, Mention, Published, Span,
                      TimeExpr)
from rasd.output import load
from rasd.text.tokens import sentences

QUOTES = "«\"“”'»"


def find_all(raw: str, needle: str) -> list[int]:
    """Every start offset of ``needle`` in ``raw`` (non-overlapping)."""
    out, i = [], raw.find(needle) if needle else -1
    while i >= 0:
        out.append(i)
        i = raw.find(needle, i + len(needle))
    return out


def _line_spans(raw: str, text: str) -> list[Span]:
    """Whole lines equal to ``text`` (stripped); falls back to the first occurrence anywhere."""
    out, pos = [], 0
    for line in raw.split("\n"):
        lead = len(line) - len(line.lstrip())
        if line.strip() == text:
            out.append(Span(pos + lead, pos + lead + len(text), text))
        pos += len(line) + 1
    if not out and (i := raw.find(text)) >= 0:
        out.append(Span(i, i + len(text), text))
    return out


def locate_mentions(doc: Document) -> None:
    """Give each entity's mention strings their offsets: longest first, no overlaps."""
    taken: list[tuple[int, int]] = []
    wanted = sorted(((m.text, ent) for ent in doc.entities for m in ent.mentions), key=lambda x: -len(x[0]))
    found: dict[int, list[Mention]] = {id(ent): [] for ent in doc.entities}
    for text, ent in wanted:
        for i in find_all(doc.raw, text):
            j = i + len(text)
            if any(a < j and i < b for a, b in taken):
                continue
            taken.append((i, j))
            found[id(ent)].append(Mention(i, j, text, ent.type, "fixture:find", ent.id))
    for ent in doc.entities:
        if not found[id(ent)]:  # every occurrence sits inside a longer name: take the first anyway
            for m in ent.mentions:
                i = doc.raw.find(m.text) if m.text else -1
                if i >= 0:
                    found[id(ent)].append(Mention(i, i + len(m.text), m.text, ent.type, "fixture:find", ent.id))
                    break
        ent.mentions = sorted(found[id(ent)], key=lambda m: m.start)
    doc.entities = [ent for ent in doc.entities if ent.mentions]
    doc.mentions = sorted((m for ent in doc.entities for m in ent.mentions if m.check(doc.raw)), key=lambda m: m.start)


def locate_events(doc: Document) -> None:
    """Date spans (by the event's date text), a time expression for each, and the sentence as evidence."""
    sents = sentences(doc.raw)
    for ev in doc.events:
        text = ev.date.text or ""
        i = doc.raw.find(text) if text else -1
        if i < 0:
            continue
        ev.date.span = Span(i, i + len(text), text)
        doc.times.append(TimeExpr(i, i + len(text), text, ev.date.start, ev.date.end, rule="fixture:find"))
        ev.evidence = [s for s in sents if s.start <= i < s.end][:1]


def seed_corpus(gold: str | Path, seeds: str | Path) -> Corpus:
    """The gold annotation of the development set with raw texts and string-search spans."""
    import json

    with open(gold, encoding="utf-8") as fh:
        records = {d["doc"]: d for d in json.load(fh)["documents"]}
    corpus = load(str(gold))
    for doc in corpus.documents:
        rec = records.get(doc.id, {})
        path = Path(seeds) / doc.id
        doc.raw = path.read_text(encoding="utf-8") if path.exists() else ""
        doc.source = str(path)
        title = rec.get("title") or ""
        doc.title = next(iter(_line_spans(doc.raw, title)), None) if title else None
        doc.boilerplate = [s for b in rec.get("boilerplate") or [] for s in _line_spans(doc.raw, b)]
        for ent, er in zip(doc.entities, rec.get("entities", [])):
            ent.mentions = [Mention(0, 0, t, ent.type) for t in er.get("mentions", [])]
        locate_mentions(doc)
        locate_events(doc)
    corpus.text_reuse = [_with_passages(corpus, item) for item in corpus.text_reuse]
    return corpus


def _with_passages(corpus: Corpus, item: dict) -> dict:
    """Locate the example passage of a reuse pair in each document; quoted if a quote mark leads it."""
    ex = item.get("example") or ""
    docs = corpus.by_id()
    passages = []
    for d in item.get("docs", []):
        raw = docs[d].raw if d in docs else ""
        i = raw.find(ex) if ex else -1
        if i >= 0:
            lead = raw[max(0, i - 3):i]
            passages.append({"doc": d, "start": i, "end": i + len(ex), "text": ex,
                             "quoted": any(q in lead for q in QUOTES)})
    return dict(item, passages=passages)


# ---- our own small corpus -----------------------------------------------------------------

_A = ("وزير الداخلية يستقبل نظيرته الإسبانية في الرباط\n"
      "استقبل وزير الداخلية سمير الناصري يوم 3 مارس 2024 بالرباط نظيرته الإسبانية لوسيا مارتين.\n"
      "وبحث الجانبان سبل تعزيز التعاون في مكافحة الهجرة غير النظامية والاتجار بالبشر.\n"
      "وجاء في بيان مشترك: «اتفق الجانبان على تبادل المعلومات بشكل منتظم لمواجهة شبكات التهريب العابرة للحدود».\n"
      "اقرأ أيضا\n")
_B = ("مباحثات أمنية مغربية إسبانية\n"
      "أجرى سمير الناصري يوم 4 مارس 2024 في الرباط مباحثات مع لوسيا مارتين حول الهجرة.\n"
      "اتفق الجانبان على تبادل المعلومات بشكل منتظم لمواجهة شبكات التهريب العابرة للحدود، حسب المصدر نفسه.\n"
      "وفي سياق متصل، أوقفت الشرطة في طنجة خمسة أشخاص يشتبه في انتمائهم إلى شبكة للاتجار بالمخدرات.\n"
      "شارك المقال\n")
_SHARED = "اتفق الجانبان على تبادل المعلومات بشكل منتظم لمواجهة شبكات التهريب العابرة للحدود"


def _span(raw: str, text: str, nth: int = 0) -> Span:
    i = find_all(raw, text)[nth]
    return Span(i, i + len(text), text)


def _ent(raw: str, eid: str, typ: str, name: str, texts: list[str], country: str | None = None,
         role: str | None = None) -> Entity:
    ms = [Mention(s.start, s.end, s.text, typ, "sample", eid) for t in texts for s in [_span(raw, t)]]
    return Entity(eid, typ, name, ms, role, None, country, "sample")


def _meeting(raw: str, day: str, trigger: str, loc_text: str) -> Event:
    sent = next(s for s in sentences(raw) if trigger in s.text)
    return Event("nasiri-martin-2024", "CONSULT", "meeting", ["Samir Nasiri"], ["Lucia Martin"],
                 Location("Rabat", "MA", _span(raw, loc_text), "sample"),
                 EventDate(day, day, _span(raw, f"{day[-1]} مارس 2024").text, _span(raw, f"{day[-1]} مارس 2024")),
                 ["migration", "human_trafficking"], "reported", _span(raw, trigger), [sent], ["sample"])


def sample_corpus() -> Corpus:
    """Three documents we wrote: two reports of one meeting (dates disagree), one without text."""
    a = Document("a.txt", _A, "a.txt", title=_span(_A, _A.split("\n")[0]), outlet="جريدة الأفق",
                 boilerplate=[_span(_A, "اقرأ أيضا")], published=Published("2024-03-04", "2024-03-04"))
    a.entities = [_ent(_A, "e1", "PER", "Samir Nasiri", ["سمير الناصري"], "MA", "Minister of the Interior"),
                  _ent(_A, "e2", "PER", "Lucia Martin", ["لوسيا مارتين"], "ES"),
                  _ent(_A, "e3", "GPE", "Rabat", ["الرباط"], "MA")]
    a.events = [_meeting(_A, "2024-03-03", "استقبل", "الرباط")]
    b = Document("b.txt", _B, "b.txt", title=_span(_B, _B.split("\n")[0]), outlet="الشروق الرقمي",
                 boilerplate=[_span(_B, "شارك المقال")], published=Published("2024-03-05", None))
    b.entities = [_ent(_B, "e1", "PER", "Samir Nasiri", ["سمير الناصري"], "MA"),
                  _ent(_B, "e2", "PER", "Lucia Martin", ["لوسيا مارتين"], "ES"),
                  _ent(_B, "e3", "GPE", "Rabat", ["الرباط"], "MA"),
                  _ent(_B, "e4", "GPE", "Tangier", ["طنجة"], "MA")]
    b.events = [_meeting(_B, "2024-03-04", "مباحثات", "الرباط"),
                Event("tangier-arrests", "COERCE", "arrest", ["Moroccan police"], [],
                      Location("Tangier", "MA"), EventDate(None, None, None), ["drug_trafficking"],
                      trigger=_span(_B, "أوقفت"))]
    c = Document("c.txt", "", "c.txt", outlet=None, published=Published(None, None))
    c.entities = [Entity("e1", "ORG", "INTERPOL", [], None, None, None)]
    c.events = [Event("undated-visit", "CONSULT", "visit", ["INTERPOL"], ["Morocco"], None, EventDate(), [])]
    for d in (a, b):
        d.mentions = [m for ent in d.entities for m in ent.mentions]
    pa, pb = _span(_A, _SHARED), _span(_B, _SHARED)
    return Corpus(
        documents=[a, b, c],
        same_event=[{"event": "nasiri-martin-2024", "docs": ["a.txt", "b.txt"]}],
        conflicts=[{"event": "nasiri-martin-2024", "field": "date",
                    "values": {"2024-03-03": ["a.txt"], "2024-03-04": ["b.txt"]}}],
        text_reuse=[{"docs": ["a.txt", "b.txt"], "example": _SHARED, "note": "one communiqué, quoted and rewritten",
                     "passages": [{"doc": "a.txt", "start": pa.start, "end": pa.end, "text": pa.text, "quoted": True},
                                  {"doc": "b.txt", "start": pb.start, "end": pb.end, "text": pb.text, "quoted": False}]}])


HOSTILE = ("<script>alert(1)</script> خبر عاجل\n"
           "أعلنت الشرطة <img src=x onerror=alert(1)> توقيف مشتبه به في الدار البيضاء.\n"
           "\"><svg onload=alert(2)> </textarea><iframe src=javascript:alert(3)></iframe> &amp; &lt;b&gt;\n")


def hostile_document(doc_id: str = "x<script>alert(4)</script>.txt") -> Document:
    """An article whose text, title, outlet, names and ids all carry markup and script."""
    raw = HOSTILE
    d = Document(doc_id, raw, doc_id, title=_span(raw, raw.split("\n")[0]),
                 outlet='<img src=x onerror=alert(5)>"outlet', published=Published("2024-01-01", "2024-01-02"))
    d.entities = [_ent(raw, "e1", "ORG", "<b onmouseover=alert(6)>Police</b>", ["الشرطة"], "MA", "<script>alert(7)</script>")]
    d.mentions = list(d.entities[0].mentions)
    d.boilerplate = [_span(raw, "<iframe src=javascript:alert(3)></iframe>")]
    d.events = [Event('ev"><script>alert(8)</script>', "COERCE", "<img src=x onerror=alert(9)>", ["<script>alert(10)</script>"],
                      [], Location("<i>Casablanca</i>", "MA"), EventDate("2024-01-01", "2024-01-01", "<b>"),
                      ["terrorism"], trigger=_span(raw, "توقيف"), evidence=[_span(raw, raw.split("\n")[1])])]
    return d


# ---- scale -------------------------------------------------------------------------------

def _shift(iso: str | None, years: int) -> str | None:
    if not iso or not iso[:4].isdigit():
        return iso
    return f"{int(iso[:4]) + years:04d}{iso[4:]}"


def _shift_value(v: str, years: int) -> str:
    return "/".join(_shift(p, years) or p for p in v.split("/"))


def scale_corpus(base: Corpus, n: int) -> Corpus:
    """``n`` documents made by repeating ``base``: copy k has ids ``k-<id>`` and dates moved k % 9 years."""
    docs, same, conflicts, reuse = [], [], [], []
    k = 0
    while len(docs) < n:
        years = k % 9
        part = base.documents[: n - len(docs)]
        names = {d.id: f"{k:04d}-{d.id}" for d in part}
        for d in part:
            c = copy.deepcopy(d)
            c.id = names[d.id]
            for ev in c.events:
                ev.date.start, ev.date.end = _shift(ev.date.start, years), _shift(ev.date.end, years)
            docs.append(c)
        ren = lambda ids: [names[x] for x in ids]  # noqa: E731
        whole = lambda ids: all(x in names for x in ids)  # noqa: E731
        same += [dict(s, id=f"{s['event']}~{k}", docs=ren(s["docs"])) for s in base.same_event if whole(s["docs"])]
        conflicts += [dict(cf, cluster=f"{cf['event']}~{k}",
                           values={_shift_value(v, years): ren(ds) for v, ds in cf["values"].items()})
                      for cf in base.conflicts if all(whole(ds) for ds in cf["values"].values())]
        reuse += [dict(r, docs=ren(r["docs"]), passages=[dict(p, doc=names[p["doc"]]) for p in r.get("passages", [])])
                  for r in base.text_reuse if whole(r["docs"])]
        k += 1
    return Corpus(docs, same, conflicts, reuse)
