"""``rasd bench``: documents/second and peak memory, whole pipeline and per stage.

Method: the input documents are read once and repeated (fresh copies) until there are at
least 1,000.  Each document stage then runs over all of them in turn, timed with
``time.perf_counter`` (so each stage's figure is its own work, on one core); the
corpus stage runs once over the result.  Peak memory is the process's maximum resident
set size (``ru_maxrss``).  With ``--workers N`` the document stages are also timed in N
worker processes (each loads the models once).  Model and data loading is timed apart (first
call), not counted in the per-stage throughput.  Repeating a few documents warms the per-word
caches (names, folds) more than new text would: docs/performance.md also gives figures on
distinct documents.
"""
from __future__ import annotations

import copy
import gc
import platform
import resource
import time
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rasd.doc import Document
from rasd.io import read_paths
from rasd.pipeline import document_stages, run_corpus, stages

DEFAULT = Path(__file__).resolve().parents[2] / "examples" / "articles"


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(paths: list[str]) -> list[Document]:
    docs = [d for d in read_paths(paths or [str(DEFAULT)]) if isinstance(d, Document)]
    if not docs:
        raise SystemExit("rasd bench: no readable documents")
    return docs


def _repeat(docs: list[Document], n: int) -> list[Document]:
    out = []
    for i in range(n):
        d = copy.deepcopy(docs[i % len(docs)])
        d.id = f"{i:06d}_{d.id}"
        out.append(d)
    return out


def _stage_memory(base: list[Document], k: int) -> dict[str, float]:
    """Peak traced allocation (MB) of each stage over ``k`` documents, in a separate pass."""
    import tracemalloc

    from rasd.doc import Corpus

    docs = _repeat(base, k)
    out: dict[str, float] = {}
    tracemalloc.start()
    try:
        for st in stages():
            tracemalloc.reset_peak()
            before = tracemalloc.get_traced_memory()[0]
            if st.level == "corpus":
                st(Corpus(documents=docs))
            else:
                docs = [st(d) for d in docs]
            out[st.name] = max(0, tracemalloc.get_traced_memory()[1] - before) / 1e6
    finally:
        tracemalloc.stop()
    return out


def run_bench(paths: list[str], repeat: int, corpus_sizes: list[int], workers: int, console: Console) -> dict:
    base = _load(paths)
    n = repeat * len(base) if repeat else max(1000, len(base))
    # warm-up: load models and data once (reported apart)
    t0 = time.perf_counter()
    warm = copy.deepcopy(base[0])
    for st in document_stages():
        warm = st(warm)
    load_s = time.perf_counter() - t0

    docs = _repeat(base, n)
    rows, total = [], 0.0
    for st in document_stages():
        # the documents already in memory are moved out of the collector's reach, as they would
        # be gone when documents stream through one at a time; each stage pays for its own garbage
        gc.collect()
        gc.freeze()
        t = time.perf_counter()
        docs = [st(d) for d in docs]
        dt = time.perf_counter() - t
        total += dt
        rows.append((st.name, dt, n / dt if dt else float("inf")))
    doc_total = total
    gc.unfreeze()
    from rasd.doc import Corpus

    t = time.perf_counter()
    run_corpus(Corpus(documents=docs))
    dt = time.perf_counter() - t
    corpus_name = [s.name for s in stages() if s.level == "corpus"]
    rows.append((corpus_name[0] if corpus_name else "corpus", dt, n / dt if dt else float("inf")))
    total += dt

    mem = _stage_memory(base, min(n, 200))
    table = Table(title=f"rasd bench: {n} documents ({len(base)} distinct), 1 core, {platform.machine()}")
    table.add_column("stage")
    table.add_column("seconds", justify="right")
    table.add_column("documents/s", justify="right")
    table.add_column("peak MB*", justify="right")
    for name, s, rate in rows:
        table.add_row(name, f"{s:.3f}", f"{rate:,.0f}", f"{mem.get(name, 0):.1f}")
    table.add_row("[bold]document stages (clean → events)[/bold]", f"{doc_total:.3f}",
                  f"[bold]{n / doc_total:,.0f}[/bold]", "")
    table.add_row("[bold]whole pipeline[/bold]", f"{total:.3f}", f"[bold]{n / total:,.0f}[/bold]", "")
    result = {"documents": n, "stages": {r[0]: r[2] for r in rows}, "pipeline_docs_per_s": n / total,
              "document_stages_docs_per_s": n / doc_total,
              "load_seconds": load_s}
    if workers > 1:
        from concurrent.futures import ProcessPoolExecutor

        from rasd.pipeline import _safe

        fresh = _repeat(base, n)
        t = time.perf_counter()
        with ProcessPoolExecutor(max_workers=workers) as ex:
            list(ex.map(_safe, fresh, chunksize=max(1, n // (workers * 8))))
        dt = time.perf_counter() - t
        table.add_row(f"document stages, --workers {workers} (wall clock, models loaded per worker)",
                      f"{dt:.3f}", f"{n / dt:,.0f}", "")
        result["parallel_docs_per_s"] = n / dt
    console.print(table)
    console.print(f"* peak Python allocation while the stage runs over {min(n, 200)} documents (tracemalloc)")
    console.print(f"first-document load (models, data): {load_s:.2f} s   peak memory: {_peak_mb():.0f} MB")
    result["peak_mb"] = _peak_mb()
    if corpus_sizes:
        from rasd.corpus.bench import bench_cross_document

        bench_cross_document(list(corpus_sizes), console)
    return result
