"""``render(report, console)``: the scorer's report as one readable table."""
from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from rasd.eval.score import SECTIONS

_TITLES = {"documents": "documents", "entities": "entities", "events": "events",
           "cross_document": "cross-document"}
_LABELS = {
    "title": "title accuracy", "published": "publication window", "outlet": "outlet",
    "boilerplate": "boilerplate lines", "entities": "entities (untyped)", "typed": "entities (typed)",
    "mentions": "mentions", "name": "canonical name (aligned)", "role": "role (aligned, extra)",
    "events": "events", "mode": "mode", "actors": "actors exact",
    "actors_jaccard": "actors Jaccard", "counterparts": "counterparts exact",
    "counterparts_jaccard": "counterparts Jaccard", "country": "country", "date": "date (start, end)",
    "topics_jaccard": "topics Jaccard",
    "same_event": "same event (doc pairs)", "text_reuse": "text reuse (doc pairs)",
    "conflicts": "conflicts (field + split)",
}


def _num(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def _row(name: str, m: dict[str, Any]) -> list[str]:
    label = _LABELS.get(name, name)
    if m["kind"] == "prf":
        return [label, _num(m["p"]), _num(m["r"]), _num(m["f1"]), f"tp {m['tp']}  fp {m['fp']}  fn {m['fn']}"]
    if m["kind"] == "accuracy":
        return [label, "", "", _num(m["score"]), f"{m['correct']}/{m['n']}"]
    return [label, "", "", _num(m["score"]), f"mean of {m['n']}"]


def render(report: dict[str, Any], console: Console) -> None:
    """Print the report: one table grouped by section, then the unpaired documents."""
    pairing = report.get("pairing", {})
    table = Table(title=f"rasd eval: {len(pairing.get('paired', []))} documents paired", title_justify="left",
                  caption="canonical name and role: on aligned entities; mode to topics: on matched events; "
                          "'-': nothing to compare (docs/evaluation.md)", caption_justify="left")
    for col, just in (("measure", "left"), ("P", "right"), ("R", "right"), ("F1 / acc", "right"),
                      ("counts", "left")):
        table.add_column(col, justify=just)
    for sec in SECTIONS:
        measures = report.get(sec) or {}
        table.add_row(f"[bold]{_TITLES[sec]}[/bold]", "", "", "", "")
        for name, m in measures.items():
            table.add_row(*("  " + c if i == 0 else c for i, c in enumerate(_row(name, m))))
        table.add_section()
    console.print(table)
    for key, what in (("gold_only", "in the gold only (scored as all missed)"),
                      ("pred_only", "in the prediction only (scored as spurious)")):
        if pairing.get(key):
            console.print(f"documents {what}: {', '.join(pairing[key])}", markup=False, highlight=False)
    dups = pairing.get("duplicates") or {}
    for side in ("gold", "pred"):
        if dups.get(side):
            console.print(f"duplicate file names in the {side} (first one used): {', '.join(dups[side])}",
                          markup=False, highlight=False)
