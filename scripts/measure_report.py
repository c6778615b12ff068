#!/usr/bin/env python3
"""Measure the HTML briefing at scale, and (optionally) take the README screenshots.

    python scripts/measure_report.py [--n 1000] [--runs 3] [--keep briefing-1000.html]
    python scripts/measure_report.py --screenshots docs/screenshots

Builds an N-article corpus by repeating the development fixture (``../shared`` gold + seed
texts, see ``rasd.report.fixtures``; our own sample corpus when ``../shared`` is absent),
renders it, and reports the file size (target < 15 MB) and the time Debian's headless Chromium
takes to open it: navigation timing ``loadEventEnd``, fresh browser profile, median of
``--runs`` loads (target < 3 s).  ``--screenshots DIR`` saves full-page screenshots of the
seed briefing in Arabic and English (``briefing-ar.png``, ``briefing-en.png``).
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT.parent / "shared" / "gold" / "seeds.gold.json"
SEEDS = ROOT.parent / "shared" / "corpus" / "seeds"


def base_corpus():
    """rasd's own output on the development articles (what an analyst would see)."""
    from rasd.pipeline import process_paths
    from rasd.report.fixtures import sample_corpus

    if SEEDS.exists():
        return process_paths([str(SEEDS)]), "rasd's output on ../shared/corpus/seeds"
    return sample_corpus(), "sample corpus (tests' own articles; ../shared absent)"


def measure(n: int, runs: int, keep: str | None) -> dict:
    from rasd.report import render
    from rasd.report.browser import available, load_ms, start
    from rasd.report.fixtures import scale_corpus

    base, what = base_corpus()
    corpus = scale_corpus(base, n)
    t0 = time.perf_counter()
    page = render(corpus, fmt="html")
    render_s = time.perf_counter() - t0
    path = Path(keep) if keep else Path(tempfile.mkdtemp(prefix="rasd-measure-")) / f"briefing-{n}.html"
    path.write_text(page, encoding="utf-8")
    out = {"articles": len(corpus.documents), "base": what, "events": sum(len(d.events) for d in corpus.documents),
           "bytes": path.stat().st_size, "render_s": round(render_s, 2), "file": str(path)}
    if not available():
        out["load_ms"] = None
        out["note"] = "chromium/chromedriver/selenium missing: load time not measured"
        return out
    loads = []
    for _ in range(runs):
        driver = start()  # a fresh profile each time: nothing cached
        try:
            loads.append(load_ms(driver, path.as_uri()))
            severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        finally:
            driver.quit()
    out.update(load_ms=round(statistics.median(loads)), load_ms_all=[round(x) for x in loads], console_errors=len(severe))
    return out


def screenshots(folder: str) -> list[str]:
    from rasd.report import render
    from rasd.report.browser import full_page_screenshot, start
    from rasd.report.model import build

    corpus, _ = base_corpus()
    br = build(corpus)
    target = next((r.ref for c in br.clusters for r in c.members if r.ev.evidence), br.events[0].ref if br.events else "d0")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "briefing.html"
        path.write_text(render(corpus, fmt="html"), encoding="utf-8")
        driver = start()
        saved = []
        try:
            for lang in ("ar", "en"):
                driver.get(path.as_uri())
                if lang == "en":
                    driver.find_element("id", "lang").click()
                driver.execute_script("rasdBriefing.jump(arguments[0])", target)
                out = Path(folder) / f"briefing-{lang}.png"
                full_page_screenshot(driver, out)
                saved.append(str(out))
        finally:
            driver.quit()
    return saved


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1000, help="articles in the generated corpus")
    ap.add_argument("--runs", type=int, default=3, help="browser loads to take the median of")
    ap.add_argument("--keep", help="write the generated page here (default: a temporary folder)")
    ap.add_argument("--screenshots", metavar="DIR", help="save briefing-ar.png / briefing-en.png of the seed briefing")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = ap.parse_args(argv)
    if args.screenshots:
        for p in screenshots(args.screenshots):
            print(f"wrote {p}")
        return 0
    res = measure(args.n, args.runs, args.keep)
    if args.json:
        print(json.dumps(res, ensure_ascii=False, indent=1))
    else:
        mb = res["bytes"] / 1e6
        print(f"articles {res['articles']} ({res['base']}), events {res['events']}")
        print(f"file size {mb:.2f} MB (limit 15 MB: {'ok' if mb < 15 else 'OVER'}); rendered in {res['render_s']} s")
        if res["load_ms"] is None:
            print(res["note"])
        else:
            ok = "ok" if res["load_ms"] < 3000 else "OVER"
            print(f"open in headless chromium: loadEventEnd {res['load_ms']} ms median of {res['load_ms_all']} "
                  f"(limit 3000 ms: {ok}); console errors {res['console_errors']}")
    return 0 if res["bytes"] < 15e6 and (res["load_ms"] is None or res["load_ms"] < 3000) else 1


if __name__ == "__main__":
    sys.exit(main())
