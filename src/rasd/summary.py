"""The terminal summary ``rasd run`` prints: per document, then across outlets."""
from __future__ import annotations

from rich.console import Console
from rich.table import Table

from rasd.doc import Corpus


def _date(ev) -> str:
    d = ev.date
    if d.start and d.end and d.start != d.end:
        return f"{d.start}/{d.end}"
    return d.start or (f"«{d.text}»" if d.text else "—")


def summary(corpus: Corpus, console: Console) -> None:
    for doc in corpus.documents:
        pub = doc.published
        window = f"{pub.earliest or '?'} … {pub.latest or '?'}" if (pub.earliest or pub.latest) else "unknown"
        console.rule(f"[bold]{doc.id}[/bold]")
        console.print(f"title: {doc.title.text if doc.title else '—'}", markup=False, highlight=False)
        console.print(f"outlet: {doc.outlet or 'unknown'}   published: {window}   "
                      f"furniture lines: {len(doc.boilerplate)}   entities: {len(doc.entities)}", highlight=False)
        if doc.events:
            t = Table(show_header=True, header_style="bold", box=None)
            for col in ("event", "actors", "counterparts", "place", "date", "topics"):
                t.add_column(col)
            for ev in doc.events:
                t.add_row(f"{ev.type}/{ev.mode or '-'}" + (" (scheduled)" if ev.status == "scheduled" else ""),
                          ", ".join(ev.actors), ", ".join(ev.counterparts),
                          (f"{ev.location.name} ({ev.location.country or '?'})" if ev.location else "—"),
                          _date(ev), ", ".join(ev.topics))
            console.print(t)
    if corpus.same_event or corpus.conflicts or corpus.text_reuse:
        console.rule("[bold]across outlets[/bold]")
    outlets = {d.id: d.outlet or d.id for d in corpus.documents}
    for cl in corpus.same_event:
        console.print(f"• same event [bold]{cl['event']}[/bold]: " + ", ".join(outlets.get(x, x) for x in cl["docs"]),
                      highlight=False)
        agreed = cl.get("agreed") or {}
        facts = [f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in agreed.items() if v]
        if facts:
            console.print("    agreed: " + "; ".join(facts), highlight=False, markup=False)
        for cf in corpus.conflicts:
            if cf["event"] == cl["event"]:
                vals = "; ".join(f"{v} ({', '.join(outlets.get(x, x) for x in ds)})" for v, ds in cf["values"].items())
                console.print(f"    [red]conflict on {cf['field']}[/red]: {vals}", highlight=False)
    for r in corpus.text_reuse:
        console.print(f"• shared passage: {' ↔ '.join(outlets.get(x, x) for x in r['docs'])}", highlight=False)
    if corpus.failures:
        console.print(f"[yellow]{len(corpus.failures)} input(s) could not be processed (see messages)[/yellow]")
