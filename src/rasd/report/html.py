"""The self-contained HTML briefing: one file, inline CSS and JavaScript, no network.

Every string that comes from the corpus (article text, titles, names, ids, outlets) goes
through ``html.escape`` here, or into the JSON data block with ``<``, ``>`` and ``&`` written
as ``\\u`` escapes (``data_block``); the page's script only ever puts article text into the
document with ``textContent``/``createTextNode``.  Section skeletons are drawn here; the
article texts are drawn by the script when an article is opened, which keeps a 1,000-article
page light.
"""
from __future__ import annotations

import base64
import hashlib
import json
import re
from html import escape

from rasd.doc import Corpus, Document
from rasd.report import timeline
from rasd.report.labels import asset_text, format_date, js_labels, label
from rasd.report.marks import segments
from rasd.report.model import Briefing, Cluster, EntityEntry, EventRef, Reuse, Row, build, event_value

LANG = "ar"
_DOC = re.compile(r"d(\d+)")
_MARKER = re.compile(r"<!--@(\w+)-->|/\*@(\w+)\*/")


def e(s: object) -> str:
    """Escape any value for HTML text and attribute context."""
    return escape("" if s is None else str(s), quote=True)


def lab(section: str, key: str | None, tag: str = "span", cls: str = "") -> str:
    """A label the language switch can change (``data-l``), drawn in Arabic first."""
    if not key:
        return ""
    c = f' class="{cls}"' if cls else ""
    return f'<{tag}{c} data-l="{e(section)}.{e(key)}">{e(label(section, key, LANG))}</{tag}>'


def dt(value: str | None) -> str:
    """A date or interval (ISO, ``start/end``) the language switch can reformat."""
    if not value:
        return ""
    return f'<time data-d="{e(value)}">{e(format_date(value, LANG))}</time>'


def name(s: str) -> str:
    return f"<bdi>{e(s)}</bdi>"


def jump(ref: str, inner: str, cls: str = "jump") -> str:
    """A link to evidence: ``ref`` is ``d{doc}`` plus a mark key (``e0``, ``n2``, ``r1``...)."""
    m = _DOC.match(ref)
    doc = m.group(1) if m else ""
    return f'<a class="{cls}" href="#doc-{e(doc)}" data-jump="{e(ref)}">{inner}</a>'


def data_block(obj: object) -> str:
    """JSON for a ``<script type="application/json">`` element: no ``<``, ``>`` or ``&`` left raw."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# ---- sections -----------------------------------------------------------------------------

def headline(br: Briefing) -> str:
    c = br.corpus
    stats = [("articles", len(c.documents)), ("outlets", len(br.outlets)), ("events", len(br.events)),
             ("entities", len(br.entities)), ("clusters", len(br.clusters)), ("conflicts", br.n_conflicts)]
    cells = [f'<div class="stat" data-stat="{k}"><b>{v:,}</b>{lab("ui", k)}</div>' for k, v in stats]
    rng = dt(br.date_range) if br.date_range else lab("ui", "unknown")
    cells.append(f'<div class="stat wide" data-stat="date_range"><b>{rng}</b>{lab("ui", "date_range")}</div>')
    return f'<section class="strip" id="headline">{"".join(cells)}</section>'


def timeline_section(br: Briefing) -> str:
    svg = timeline.svg(br.events, LANG)
    _, undated = timeline.split(br.events)
    items = "".join(f"<li>{_event_link(br, r)}</li>" for r in undated)
    und = (f'<h3>{lab("ui", "undated")} ({len(undated)})</h3><ul class="undated">{items}</ul>' if undated else "")
    legend = "".join(f'<span class="lg-type"><i class="sw t-{e(t)}"></i>{lab("type", t)}</span>'
                     for t in dict.fromkeys(r.ev.type for r in br.events))
    return (f'<section id="timeline"><h2>{lab("ui", "timeline")}</h2><div class="tl-legend">{legend}</div>'
            f'<div class="tl-wrap" dir="ltr">{svg}</div>{und}</section>')


def _event_link(br: Briefing, r: EventRef) -> str:
    doc = br.corpus.documents[r.doc]
    parties = ", ".join(r.ev.actors)
    return jump(r.ref, f'{_type_mode(r)} · {name(parties)} <span class="muted">(<bdi>{e(doc.outlet or doc.id)}</bdi>)</span>')


def _type_mode(r: EventRef) -> str:
    ev = r.ev
    out = f'{lab("type", ev.type, cls=f"tbadge t-{ev.type}")}'
    if ev.mode:
        out += f' / {lab("mode", ev.mode)}'
    if ev.status == "scheduled":
        out += f' {lab("ui", "scheduled", cls="badge")}'
    return out


def _parties(actors: list[str], counterparts: list[str]) -> str:
    a = ", ".join(name(x) for x in actors) or "—"
    if not counterparts:
        return a
    return f'{a} <span class="arrow"></span> {", ".join(name(x) for x in counterparts)}'


def _place(r: EventRef) -> str:
    loc = r.ev.location
    if loc is None:
        return "—"
    return name(loc.name) + (f' <span class="muted">({lab("country", loc.country)})</span>' if loc.country else "")


def row_record(br: Briefing, row: Row, ent_country: dict[str, str], strings: "Strings") -> dict:
    """One events-table row as compact data (names as indices into ``strings``); the page's
    script draws the rows, which keeps a table of thousands of events light."""
    first = row.first
    ev = first.ev
    evs = [r.ev for r in row.events]
    people = sorted({p for x in evs for p in x.actors + x.counterparts} | {x.location.name for x in evs if x.location})
    countries = sorted({x.location.country for x in evs if x.location and x.location.country}
                       | {ent_country[p] for p in people if p in ent_country})
    conflict = "date" in row.conflict_fields
    dated = [x for x in evs if event_value(x)]
    dates = list(dict.fromkeys(event_value(x) for x in dated)) if conflict else [event_value(x) for x in dated[:1]]
    rec = {"t": ev.type, "m": ev.mode or "", "a": [strings(x) for x in ev.actors],
           "c": [strings(x) for x in ev.counterparts], "d": dates,
           "tp": sorted({t for x in evs for t in x.topics}), "co": countries,
           "en": "|".join(p.lower() for p in people),
           "ev": [[r.ref, r.doc] for r in row.events]}
    if ev.location is not None:
        rec["p"] = [strings(ev.location.name), ev.location.country or ""]
    if ev.status == "scheduled":
        rec["s"] = 1
    if row.conflict_fields:
        rec["cf"] = row.conflict_fields
    if not dates and ev.date.text:
        rec["dt"] = ev.date.text
    if dated and not conflict and dated[0].date.inferred_from:
        rec["inf"] = dated[0].date.inferred_from
    return rec


def events_table(br: Briefing) -> str:
    """The table's head and filters; its rows come from ``row_record`` data, drawn by the script."""
    types = sorted({r.ev.type for r in br.events})
    topics = sorted({t for r in br.events for t in r.ev.topics})
    heads = ["col_type", "col_parties", "col_place", "col_date", "col_topics", "col_outlets"]
    th = "".join(f'<th data-col="{i}" tabindex="0">{lab("ui", h)}<span class="sort"></span></th>' for i, h in enumerate(heads))
    filters = (
        _select("type", "filter_type", [(t, lab("type", t)) for t in types])
        + _select("topic", "filter_topic", [(t, lab("topic", t)) for t in topics])
        + _select("country", "filter_country", [(c, lab("country", c)) for c in sorted(br.countries)])
        + f'<label>{lab("ui", "filter_entity")} <input id="f-entity" list="entity-names" autocomplete="off"></label>'
        + '<datalist id="entity-names">' + "".join(f'<option value="{e(x.name)}">' for x in br.entities) + "</datalist>"
        + f'<span class="count"><b id="shown-n">{len(br.rows)}</b> / {len(br.rows)} {lab("ui", "shown")}</span>')
    return (f'<section id="events"><h2>{lab("ui", "events_table")}</h2><div class="filters">{filters}</div>'
            f'<div class="scroll"><table id="events-table"><thead><tr>{th}</tr></thead><tbody></tbody></table></div></section>')


def _select(key: str, lab_key: str, options: list[tuple[str, str]]) -> str:
    opts = "".join(f'<option value="{e(v)}">{text}</option>' for v, text in options)
    return (f'<label>{lab("ui", lab_key)} <select id="f-{key}"><option value="" data-l="ui.all">'
            f'{e(label("ui", "all", LANG))}</option>{_flatten(opts)}</select></label>')


def _flatten(opts: str) -> str:
    """``<option>`` may only hold text: move each label's ``data-l`` onto the option itself."""
    return re.sub(r'<option value="([^"]*)"><span data-l="([^"]*)">([^<]*)</span></option>',
                  r'<option value="\1" data-l="\2">\3</option>', opts)


def clusters_section(br: Briefing) -> str:
    if not br.clusters:
        return f'<section id="clusters"><h2>{lab("ui", "clusters_title")}</h2><p class="muted">{lab("ui", "no_clusters")}</p></section>'
    return (f'<section id="clusters"><h2>{lab("ui", "clusters_title")}</h2>'
            + "".join(_cluster(br, k, c) for k, c in enumerate(br.clusters)) + "</section>")


def _doc_chip(br: Briefing, cl: Cluster, d: int | str) -> str:
    if not isinstance(d, int):
        return f'<span class="chip missing">{e(d)}</span>'
    doc = br.corpus.documents[d]
    ref = next((r.ref for r in cl.members if r.doc == d), f"d{d}")
    return jump(ref, e(doc.outlet or doc.id), "chip")


def _cluster(br: Briefing, k: int, cl: Cluster) -> str:
    fields = [c["field"] for c in cl.conflicts]
    cls = "cluster conflict" if fields else "cluster"
    data = f' data-conflict="{e(" ".join(fields))}"' if fields else ""
    head = _type_mode(cl.members[0]) if cl.members else ""
    outlets = " ".join(_doc_chip(br, cl, d) for d in cl.docs)
    agreed = "".join(f'<dt>{lab("field", f)}</dt><dd>{_agreed_value(f, vals)}</dd>' for f, vals in cl.agreed.items())
    inferred = [r for r in cl.members if r.ev.date.inferred_from]
    notes = "".join(f'<p class="muted"><bdi>{e(br.corpus.documents[r.doc].outlet or "")}</bdi> · {lab("field", "date")} '
                    f'{lab("ui", "inferred_from")} {e(", ".join(r.ev.date.inferred_from or []))}</p>' for r in inferred)
    conflicts = "".join(_conflict(br, cl, c) for c in cl.conflicts)
    return (f'<article class="{cls}" id="cl-{k}" data-cluster="{e(cl.key)}"{data}>'
            f'<h3>{head} · <bdi class="muted">{e(cl.label)}</bdi></h3><div class="outlets">{outlets}</div>'
            f'<h4>{lab("ui", "agreed")}</h4><dl class="agreed">{agreed}</dl>{notes}{conflicts}</article>')


def _agreed_value(field: str, vals: list[str]) -> str:
    if field == "date":
        return " | ".join(dt(v) for v in vals)
    if field == "topics":
        return "، ".join(lab("topic", v) for v in vals)
    if field == "type":
        return " | ".join(lab("type", t) + (f" / {lab('mode', m)}" if m else "")
                          for t, _, m in (v.partition("/") for v in vals))
    return ", ".join(name(v) for v in vals)


def _conflict(br: Briefing, cl: Cluster, c: dict) -> str:
    f = c["field"]
    items = "".join(f'<li class="cval"><span class="val">{dt(v) if f == "date" else name(v)}</span> '
                    f'{" ".join(_doc_chip(br, cl, d) for d in docs)}</li>' for v, docs in c["values"])
    return (f'<div class="cf" data-field="{e(f)}"><h4><span class="flag">⚠</span> {lab("ui", "conflict_on")} '
            f'{lab("field", f)}</h4><ul>{items}</ul></div>')


def entities_section(br: Briefing) -> str:
    pos = {x.name: k for k, x in enumerate(br.entities)}
    heads = ["col_name", "col_mentions", "col_etype", "col_country", "col_role", "col_narticles", "col_cooc"]
    th = "".join(f"<th>{lab('ui', h)}</th>" for h in heads)
    rows = "".join(_entity_row(k, x, pos) for k, x in enumerate(br.entities))
    return (f'<section id="entities"><h2>{lab("ui", "entities_title")}</h2><div class="scroll">'
            f'<table id="entities-table"><thead><tr>{th}</tr></thead><tbody>{rows}</tbody></table></div></section>')


def _entity_row(k: int, x: EntityEntry, pos: dict[str, int]) -> str:
    docs = " ".join(jump(f"d{d}{x.first[d]}", str(d + 1), "chip small") for d in x.docs[:8])
    more = " …" if len(x.docs) > 8 else ""
    cooc = ", ".join(f'<a href="#ent-{pos[n]}"><bdi>{e(n)}</bdi></a> ({c})' for n, c in x.cooc if n in pos)
    return (f'<tr id="ent-{k}" data-name="{e(x.name.lower())}"><td dir="ltr" class="en">{e(x.name)}</td>'
            f'<td lang="ar">{"، ".join(e(m) for m in x.mentions) or "—"}</td><td>{lab("etype", x.type)}</td>'
            f'<td>{lab("country", x.country) if x.country else "—"}</td><td><bdi>{e(x.role or "—")}</bdi></td>'
            f'<td><b>{len(x.docs)}</b> {docs}{more}</td><td>{cooc or "—"}</td></tr>')


def reuse_section(br: Briefing) -> str:
    if not br.reuse:
        return f'<section id="reuse"><h2>{lab("ui", "reuse_title")}</h2><p class="muted">{lab("ui", "no_reuse")}</p></section>'
    return (f'<section id="reuse"><h2>{lab("ui", "reuse_title")}</h2>'
            + "".join(_reuse(br, k, r) for k, r in enumerate(br.reuse)) + "</section>")


def _reuse(br: Briefing, k: int, r: Reuse) -> str:
    rows = "".join(f'<div class="pair">{"".join(_side(br, r, d, p) for d, p in row)}</div>' for row in r.rows())
    note = f'<p class="muted"><bdi>{e(r.note)}</bdi></p>' if r.note else ""
    return f'<div class="reuse" id="reuse-{k}">{rows}{note}</div>'


def _side(br: Briefing, r: Reuse, d: int | str, p) -> str:
    """One document's side of a shared passage: outlet, quoted / own prose, link, the words."""
    doc = br.corpus.documents[d] if isinstance(d, int) else None
    head = e(doc.outlet or doc.id) if doc else e(d)
    if p is None or p.quoted is None:
        q = lab("ui", "unknown_quote", cls="q unknown")
    else:
        q = lab("ui", "quoted" if p.quoted else "own_prose", cls="q quoted" if p.quoted else "q own")
    how = f' title="{e(p.how)}"' if p is not None and p.how else ""
    if p is not None and p.key:
        where = jump(f"d{d}{p.key}", lab("ui", "evidence"))
    else:
        where = jump(f"d{d}", lab("ui", "not_located")) if isinstance(d, int) else ""
    text = (p.text if p else "") or r.example
    return (f'<div class="side"><div class="side-h"><bdi>{head}</bdi> <span{how}>{q}</span> {where}</div>'
            f'<blockquote lang="ar" dir="rtl">{e(text)}</blockquote></div>')


def articles_section(br: Briefing) -> str:
    legend = "".join(f'<span class="{c}">{lab("ui", k)}</span>' for c, k in
                     [("ent ent-PER", "lg_mention"), ("tm", "lg_date"), ("trg", "lg_trigger"), ("evd", "lg_evidence"),
                      ("bp", "lg_boilerplate"), ("reuse", "lg_reuse")])
    items = "".join(_article(i, d) for i, d in enumerate(br.corpus.documents))
    return (f'<section id="articles"><h2>{lab("ui", "articles_title")}</h2><div class="legend">{legend}</div>'
            f'<noscript><p>{lab("ui", "noscript")}</p></noscript>{items}</section>')


def _article(i: int, d: Document) -> str:
    pub = d.published
    window = "/".join(x for x in (pub.earliest, pub.latest) if x) if pub else ""
    if pub and pub.earliest and pub.latest and pub.earliest == pub.latest:
        window = pub.earliest
    title = d.title.text if d.title else (d.meta.get("title") if isinstance(d.meta.get("title"), str) else d.id)
    empty = "" if d.raw else f'<p class="muted">{lab("ui", "no_text")}</p>'
    return (f'<details class="art" id="doc-{i}" data-doc="{i}"><summary><span class="t" lang="ar">{e(title)}</span> '
            f'<span class="meta"><bdi>{e(d.outlet or "")}</bdi> · {lab("ui", "published")}: {dt(window) or "—"} · '
            f'<bdi class="muted">{e(d.id)}</bdi> · {len(d.events)} {lab("ui", "events")}</span></summary>'
            f'{empty}<div class="txt" lang="ar" dir="rtl"></div></details>')


def failures_section(c: Corpus) -> str:
    if not c.failures:
        return ""
    items = "".join(f"<li><bdi>{e(f.source)}</bdi>: {e(f.reason)}</li>" for f in c.failures)
    return f'<section id="failures"><h2>{lab("ui", "failures")}</h2><ul>{items}</ul></section>'


def nav() -> str:
    keys = [("timeline", "timeline"), ("events", "events_table"), ("clusters", "clusters_title"),
            ("reuse", "reuse_title"), ("entities", "entities_title"), ("articles", "articles_title")]
    return "<nav>" + "".join(f'<a href="#{s}">{lab("ui", k)}</a>' for s, k in keys) + "</nav>"


def _sha256(text: str) -> str:
    """The CSP hash source of an inline script: only the page's own script may run."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


# ---- data and page ------------------------------------------------------------------------

class Strings:
    """A table of repeated strings (classes, tooltips) shared by all articles' data."""

    def __init__(self) -> None:
        self.items: list[str] = []
        self._pos: dict[str, int] = {}

    def __call__(self, s: str) -> int:
        if s not in self._pos:
            self._pos[s] = len(self.items)
            self.items.append(s)
        return self._pos[s]


def article_data(br: Briefing, strings: Strings) -> list[dict]:
    """Per article: raw text, marks ``[end, class, key, tooltip]`` (classes and tooltips as
    indices into ``strings``) and the covered pieces flattened as ``a, b, marks`` triples
    (``marks`` an index, or a list of indices where marks overlap)."""
    out = []
    for d, marks in zip(br.corpus.documents, br.marks):
        segs: list = []
        for a, b, idx in segments(marks, len(d.raw)):
            segs += [a, b, idx[0] if len(idx) == 1 else list(idx)]
        out.append({"raw": d.raw, "o": d.outlet or d.id, "marks": [[m.end, strings(m.cls), m.key, strings(m.tip)] for m in marks],
                    "segs": segs})
    return out


def render_html(corpus: Corpus) -> str:
    """The whole page as one string."""
    br = build(corpus)
    body = (f'<header><h1>{lab("ui", "title")}</h1><button id="lang" type="button" data-l="ui.lang_switch">'
            f'{e(label("ui", "lang_switch", LANG))}</button></header>{nav()}<main>'
            + headline(br) + timeline_section(br) + events_table(br) + clusters_section(br) + reuse_section(br)
            + entities_section(br) + articles_section(br) + failures_section(corpus)
            + f'</main><footer class="muted">{lab("ui", "generated")}</footer>')
    strings = Strings()
    docs = article_data(br, strings)
    ent_country = {x.name: x.country for x in br.entities if x.country}
    rows = [row_record(br, row, ent_country, strings) for row in br.rows]
    data = {"docs": docs, "rows": rows, "strs": strings.items, "labels": js_labels(br.countries | {x.country for x in br.entities if x.country})}
    js = asset_text("briefing.js")
    parts = {"css": asset_text("briefing.css"), "js": js, "jshash": _sha256(js),
             "title": e(label("ui", "title", LANG)), "body": body, "data": data_block(data)}
    # one pass: text put in is never scanned again for markers
    return _MARKER.sub(lambda m: parts[m.group(1) or m.group(2)], asset_text("page.html"))
