"""``rasd bench --corpus N``: time and memory of the cross-document stage on generated corpora.

Each size runs in a fresh child process (so that one size's memory does not hide the next):
the child generates the corpus (``rasd.corpus.generate``; not timed), then times the stage
(wall clock ``time.perf_counter`` and the process's CPU time ``time.process_time``; one core)
and reads its peak resident memory (``ru_maxrss``, which
includes the generated corpus itself).  Quality against the generator's truth is printed too:
same-event pair precision/recall and text-reuse pair precision/recall.
"""
from __future__ import annotations

import multiprocessing as mp
import resource
import time
from itertools import combinations

from rich.console import Console
from rich.table import Table


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _pr(pred: set, gold: set) -> tuple[float, float]:
    tp = len(pred & gold)
    return (tp / len(pred) if pred else 1.0), (tp / len(gold) if gold else 1.0)


def measure(n: int, seed: int = 0) -> dict:
    """Generate ``n`` documents, run the stage once, return the figures."""
    from rasd.corpus import analyse
    from rasd.corpus.generate import generate

    t0 = time.perf_counter()
    corpus, truth = generate(n, seed)
    gen_s = time.perf_counter() - t0
    before = _peak_mb()
    t, c = time.perf_counter(), time.process_time()
    analyse(corpus)
    secs, cpu = time.perf_counter() - t, time.process_time() - c
    peak = _peak_mb()
    pred = {p for cl in corpus.same_event for p in combinations(cl["docs"], 2)}
    sp, sr = _pr(pred, truth.same_event_pairs())
    rp, rr = _pr({tuple(r["docs"]) for r in corpus.text_reuse}, truth.reuse)
    return {"n": n, "seconds": secs, "cpu_seconds": cpu, "generate_seconds": gen_s, "peak_mb": peak, "peak_before_mb": before,
            "clusters": len(corpus.same_event), "conflicts": len(corpus.conflicts),
            "reuse_pairs": len(corpus.text_reuse), "same_event_p": sp, "same_event_r": sr,
            "reuse_p": rp, "reuse_r": rr}


def _child(n: int, q) -> None:
    q.put(measure(n))


def run_sizes(ns: list[int], isolate: bool = True) -> list[dict]:
    out = []
    for n in ns:
        if isolate:
            ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
            q = ctx.Queue()
            p = ctx.Process(target=_child, args=(n, q))
            p.start()
            res = q.get()
            p.join()
            out.append(res)
        else:
            out.append(measure(n))
    return out


def bench_cross_document(ns: list[int], console: Console) -> list[dict]:
    """Print N, seconds, documents/s, peak MB and quality for each corpus size."""
    rows = []
    for n in ns:
        rows += run_sizes([n])
        r = rows[-1]
        console.print(f"N={n:,}: {r['seconds']:.1f} s wall, {r['cpu_seconds']:.1f} s CPU, peak {r['peak_mb']:.0f} MB",
                      highlight=False)
    t = Table(title="cross-document stage on generated corpora (1 core)")
    for col in ("N", "seconds", "CPU s", "docs/s", "peak MB", "MB before stage", "clusters", "conflicts",
                "reuse pairs", "same-event P/R", "reuse P/R"):
        t.add_column(col, justify="right")
    for r in rows:
        t.add_row(f"{r['n']:,}", f"{r['seconds']:.1f}", f"{r['cpu_seconds']:.1f}", f"{r['n'] / r['seconds']:,.0f}",
                  f"{r['peak_mb']:.0f}",
                  f"{r['peak_before_mb']:.0f}", f"{r['clusters']:,}", f"{r['conflicts']:,}", f"{r['reuse_pairs']:,}",
                  f"{r['same_event_p']:.3f}/{r['same_event_r']:.3f}", f"{r['reuse_p']:.3f}/{r['reuse_r']:.3f}")
    console.print(t)
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        growth = (b["cpu_seconds"] / a["cpu_seconds"]) / (b["n"] / a["n"])
        console.print(f"CPU time per document grows x{growth:.2f} from N={a['n']:,} to N={b['n']:,} (1.00 = linear); "
                      "seconds are wall-clock, CPU s the process's own CPU time (the fair figure on a busy machine)")
    return rows


def main() -> None:
    import sys

    bench_cross_document([int(x) for x in sys.argv[1:]] or [10000, 30000, 100000], Console())


if __name__ == "__main__":
    main()
