"""``bench_cross_document`` runs and reports (no timing assertions)."""
import io

from rich.console import Console

from rasd.corpus.bench import bench_cross_document


def test_bench_reports_each_size():
    buf = io.StringIO()
    rows = bench_cross_document([150, 300], Console(file=buf, width=200))
    assert [r["n"] for r in rows] == [150, 300]
    assert all(r["seconds"] > 0 and r["peak_mb"] > 0 for r in rows)
    assert all(r["same_event_p"] > 0.8 and r["reuse_p"] > 0.9 for r in rows)
    assert "N=150" in buf.getvalue() and "CPU time per document" in buf.getvalue()
