"""The Markdown briefing (for email and tickets): headline numbers, events, clusters and
conflicts, shared passages, entities.

Text from the corpus is HTML-escaped (Markdown renderers pass raw HTML through) and table
cells have their pipes and line breaks neutralised.
"""
from __future__ import annotations

from html import escape

from rasd.doc import Corpus
from rasd.report.labels import format_date, label
from rasd.report.model import Briefing, Row, build, event_value


def cell(s: object) -> str:
    """Safe Markdown table cell / inline text: escaped HTML, no pipes, no line breaks."""
    text = escape("" if s is None else str(s), quote=False)
    return text.replace("|", "\\|").replace("\r", " ").replace("\n", " ").replace("`", "\\`").strip()


def _t(br: Briefing, lang: str):
    def t(section: str, key: str | None) -> str:
        return cell(label(section, key, lang))
    return t


def _table(head: list[str], rows: list[list[str]]) -> list[str]:
    out = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    out += ["| " + " | ".join(r) + " |" for r in rows]
    return out


def _row_cells(br: Briefing, row: Row, lang: str) -> list[str]:
    t = _t(br, lang)
    ev = row.first.ev
    tm = t("type", ev.type) + (f" / {t('mode', ev.mode)}" if ev.mode else "")
    if ev.status == "scheduled":
        tm += f" ({t('ui', 'scheduled')})"
    parties = ", ".join(cell(a) for a in ev.actors) or "—"
    if ev.counterparts:
        parties += " → " + ", ".join(cell(c) for c in ev.counterparts)
    place = "—"
    if ev.location:
        place = cell(ev.location.name) + (f" ({cell(label('country', ev.location.country, lang))})" if ev.location.country else "")
    vals = list(dict.fromkeys(v for r in row.events if (v := event_value(r.ev))))
    if "date" in row.conflict_fields:
        date = "⚠ " + " \\| ".join(cell(format_date(v, lang)) for v in vals)
    elif vals:
        date = cell(format_date(vals[0], lang))
    else:
        date = f"«{cell(ev.date.text)}»" if ev.date.text else "—"
    topics = "، ".join(t("topic", x) for x in sorted({x for r in row.events for x in r.ev.topics})) or "—"
    outlets = ", ".join(cell(br.corpus.documents[r.doc].outlet or br.corpus.documents[r.doc].id) for r in row.events)
    return [tm, parties, place, date, topics, outlets]


def render_md(corpus: Corpus, lang: str = "ar") -> str:
    """The Markdown briefing of ``corpus`` with labels in ``lang`` (``ar`` or ``en``)."""
    br = build(corpus)
    t = _t(br, lang)
    out = [f"# {t('ui', 'title')}", ""]
    stats = [("articles", len(corpus.documents)), ("outlets", len(br.outlets)), ("events", len(br.events)),
             ("entities", len(br.entities)), ("clusters", len(br.clusters)), ("conflicts", br.n_conflicts)]
    out += [f"- **{t('ui', k)}**: {v:,}" for k, v in stats]
    out += [f"- **{t('ui', 'date_range')}**: {cell(format_date(br.date_range, lang)) or t('ui', 'unknown')}", ""]
    out += [f"## {t('ui', 'events_table')}", ""]
    heads = [t("ui", h) for h in ("col_type", "col_parties", "col_place", "col_date", "col_topics", "col_outlets")]
    out += _table(heads, [_row_cells(br, r, lang) for r in br.rows]) + [""]
    out += _clusters_md(br, lang) + _reuse_md(br, lang) + _entities_md(br, lang)
    if corpus.failures:
        out += [f"## {t('ui', 'failures')}", ""] + [f"- {cell(f.source)}: {cell(f.reason)}" for f in corpus.failures] + [""]
    return "\n".join(out).rstrip() + "\n"


def _outlet(br: Briefing, d: int | str) -> str:
    if isinstance(d, int):
        doc = br.corpus.documents[d]
        return cell(doc.outlet or doc.id)
    return cell(d)


def _clusters_md(br: Briefing, lang: str) -> list[str]:
    t = _t(br, lang)
    out = [f"## {t('ui', 'clusters_title')}", ""]
    if not br.clusters:
        return out + [t("ui", "no_clusters"), ""]
    for cl in br.clusters:
        flag = " ⚠" if cl.conflicts else ""
        kind = ""
        if cl.members:
            ev = cl.members[0].ev
            kind = cell(_agreed("type", f"{ev.type}/{ev.mode}" if ev.mode else ev.type, lang)) + " · "
        out += [f"### {kind}{cell(cl.label)}{flag}", "",
                f"- **{t('ui', 'col_outlets')}**: " + ", ".join(_outlet(br, d) for d in cl.docs)]
        for f, vals in cl.agreed.items():
            out.append(f"- {t('field', f)}: " + ", ".join(cell(_agreed(f, v, lang)) for v in vals))
        for c in cl.conflicts:
            out.append(f"- **⚠ {t('ui', 'conflict_on')} {t('field', c['field'])}**:")
            for v, docs in c["values"]:
                shown = format_date(v, lang) if c["field"] == "date" else v
                out.append(f"  - {cell(shown)}: " + ", ".join(_outlet(br, d) for d in docs))
        out.append("")
    return out


def _agreed(field: str, value: str, lang: str) -> str:
    if field == "date":
        return format_date(value, lang)
    if field == "topics":
        return label("topic", value, lang)
    if field == "type":
        typ, _, mode = value.partition("/")
        return label("type", typ, lang) + (f" / {label('mode', mode, lang)}" if mode else "")
    return value


def _reuse_md(br: Briefing, lang: str) -> list[str]:
    t = _t(br, lang)
    out = [f"## {t('ui', 'reuse_title')}", ""]
    if not br.reuse:
        return out + [t("ui", "no_reuse"), ""]
    for r in br.reuse:
        out.append("### " + " ↔ ".join(_outlet(br, d) for d in r.docs))
        for row in r.rows():
            for d, p in row:
                q = t("ui", "unknown_quote") if p is None or p.quoted is None else t("ui", "quoted" if p.quoted else "own_prose")
                out += ["", f"**{_outlet(br, d)}** ({q}):", "", "> " + cell((p.text if p else "") or r.example)]
        if r.note:
            out += ["", f"_{cell(r.note)}_"]
        out.append("")
    return out


def _entities_md(br: Briefing, lang: str) -> list[str]:
    t = _t(br, lang)
    heads = [t("ui", h) for h in ("col_name", "col_mentions", "col_etype", "col_country", "col_role", "col_narticles", "col_cooc")]
    rows = [[cell(x.name), "، ".join(cell(m) for m in x.mentions) or "—", t("etype", x.type),
             cell(label("country", x.country, lang)) if x.country else "—", cell(x.role or "—"), str(len(x.docs)),
             ", ".join(f"{cell(n)} ({c})" for n, c in x.cooc) or "—"] for x in br.entities]
    return [f"## {t('ui', 'entities_title')}", ""] + _table(heads, rows) + [""]
