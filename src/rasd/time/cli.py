"""``rasd dates "text" [--anchor YYYY-MM-DD]``: each expression, its span, value and rule."""
from __future__ import annotations

from rich.console import Console

from rasd.doc import TimeExpr
from rasd.time.analyse import find_times
from rasd.time.model import Anchor


def format_time(t: TimeExpr) -> str:
    """One line: span, text, value, grain/kind, rule, anchor, year-less partial value, weekday check, note."""
    if t.value_start is None and t.value_end is None:
        value = "null"
    elif t.value_start == t.value_end:
        value = t.value_start
    else:
        value = f"{t.value_start}/{t.value_end or '…'}"
    wd = {None: "", True: "  weekday ok", False: "  WEEKDAY MISMATCH"}[t.weekday_ok]
    note = f"  ({t.note})" if t.note else ""
    anchor = f"  anchor {t.anchor}" if t.anchor else ""
    partial = f"  partial {t.partial}" if t.partial else ""
    return f"{t.start}-{t.end}\t{t.text}\t-> {value}\t[{t.grain or '-'} {t.kind}]\t{t.rule}{anchor}{partial}{wd}{note}"


def show_dates(text: str, anchor: str | None, console: Console) -> None:
    """Print the temporal expressions of ``text``; raises ValueError for a bad anchor."""
    anc = Anchor.parse(anchor) if anchor else None
    times = find_times(text, anc)
    if not times:
        console.print("no temporal expression found", highlight=False, markup=False)
    for t in times:
        console.print(format_time(t), highlight=False, markup=False)
