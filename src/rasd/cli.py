"""rasd's command line: the only place that prints and sets exit codes.

Exit codes: 0 ok, 1 some documents failed (each named with its reason; the rest written),
2 usage error (bad arguments, unreadable gold/prediction files, broken data files).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer
from rich.console import Console

from rasd.errors import RasdError

app = typer.Typer(add_completion=False, no_args_is_help=True,
                  help="rasd (رصد): Arabic security-news articles -> linked, dated events across outlets.")
train_app = typer.Typer(no_args_is_help=True, help="Train the models rasd ships.")
app.add_typer(train_app, name="train")

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _fail_usage(msg: str) -> None:
    err.print(f"[red]error:[/red] {msg}", markup=True, highlight=False)
    raise typer.Exit(2)


def _extract(paths: List[str], workers: int, into: Optional[str] = None, quiet: bool = False):
    from rich.progress import Progress

    from rasd.io import iter_files
    from rasd.pipeline import process_paths

    for p in paths:
        if p != "-" and not Path(p).exists():
            _fail_usage(f"{p}: no such file or folder")
    n_files = sum(1 for _ in iter_files(paths))
    if n_files > 50 and not quiet and err.is_terminal:
        with Progress(console=err, transient=True) as prog:
            task = prog.add_task("extracting", total=n_files)
            corpus = process_paths(paths, workers=workers, progress=lambda k: prog.advance(task, k))
    else:
        corpus = process_paths(paths, workers=workers)
    if into:
        from rasd.corpus.incremental import merge_into

        corpus = merge_into(into, corpus)
    return corpus


def _report_failures(corpus) -> int:
    for f in corpus.failures:
        err.print(f"rasd: {f.source}: {f.reason}", markup=False, highlight=False)
    return 1 if corpus.failures else 0


@app.command()
def extract(paths: List[str] = typer.Argument(..., help="files or folders of articles (.txt, .html, .jsonl); - for stdin"),
            output: str = typer.Option("-", "-o", "--output", help="where to write the corpus JSON (- for stdout)"),
            workers: int = typer.Option(1, "--workers", "-w", min=1, help="documents processed in parallel"),
            into: Optional[str] = typer.Option(None, "--into", help="add to this existing corpus file and update it")):
    """Extract entities, dates and events from articles into rasd-gold/1 JSON."""
    from rasd.output import dumps

    corpus = _extract(paths, workers, into)
    text = dumps(corpus)
    target = into if (into and output == "-") else output
    if target == "-":
        sys.stdout.write(text + "\n")
    else:
        Path(target).write_text(text + "\n", encoding="utf-8")
        err.print(f"wrote {len(corpus.documents)} documents to {target}", highlight=False)
    raise typer.Exit(_report_failures(corpus))


@app.command()
def run(paths: List[str] = typer.Argument(..., help="files or folders of articles"),
        output: Optional[str] = typer.Option(None, "-o", "--output", help="also write the corpus JSON here"),
        html: Optional[str] = typer.Option(None, "--html", help="also write the HTML briefing here"),
        workers: int = typer.Option(1, "--workers", "-w", min=1)):
    """Extract, then print a readable summary (and optionally write JSON / an HTML briefing)."""
    from rasd.output import dumps
    from rasd.summary import summary

    corpus = _extract(paths, workers)
    if output:
        Path(output).write_text(dumps(corpus) + "\n", encoding="utf-8")
    if html:
        from rasd.report import render

        Path(html).write_text(render(corpus, fmt="html"), encoding="utf-8")
    summary(corpus, out)
    if output:
        err.print(f"wrote {output}", highlight=False)
    if html:
        err.print(f"wrote {html}", highlight=False)
    raise typer.Exit(_report_failures(corpus))


def _load_json(path: str) -> dict:
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError as exc:
        _fail_usage(f"{path}: cannot read ({exc.strerror or exc})")
    except json.JSONDecodeError as exc:
        _fail_usage(f"{path}: not JSON ({exc.msg} at line {exc.lineno})")


@app.command("eval")
def eval_(gold: str = typer.Argument(..., help="gold rasd-gold/1 file"),
          pred: str = typer.Argument(..., help="rasd's output"),
          as_json: bool = typer.Option(False, "--json", help="print the scores as JSON")):
    """Score a prediction against gold: per-field precision/recall/F1 and accuracies."""
    from rasd.eval import render, score

    g, p = _load_json(gold), _load_json(pred)
    try:
        rep = score(g, p)
    except RasdError as exc:
        _fail_usage(str(exc))
    if as_json:
        sys.stdout.write(json.dumps(rep, ensure_ascii=False, indent=1) + "\n")
    else:
        render(rep, out)


@app.command()
def explain(corpus_file: str = typer.Argument(..., metavar="CORPUS", help="a corpus JSON written by rasd"),
            doc: str = typer.Argument(..., help="document id (file name)")):
    """Show each extracted item of one document with the words that support it."""
    from rasd.explain import explain as do_explain
    from rasd.output import load

    try:
        corpus = load(corpus_file)
    except (OSError, json.JSONDecodeError, RasdError) as exc:
        _fail_usage(f"{corpus_file}: {exc}")
    if doc not in corpus.by_id():
        _fail_usage(f"no document '{doc}' in {corpus_file} (have: {', '.join(list(corpus.by_id())[:10])})")
    do_explain(corpus, doc, out)


@app.command()
def bench(paths: List[str] = typer.Argument(None, help="articles to repeat (default: the bundled examples)"),
          repeat: int = typer.Option(0, "--repeat", help="repeat the documents this many times (default: to reach 1,000)"),
          corpus: List[int] = typer.Option(None, "--corpus", help="also time the cross-document stage on N generated documents (repeatable)"),
          workers: int = typer.Option(1, "--workers", "-w", min=1)):
    """Documents/second and peak memory, for the whole pipeline and per stage."""
    from rasd.bench import run_bench

    run_bench(paths or [], repeat, corpus or [], workers, out)


@app.command()
def report(corpus_file: str = typer.Argument(..., metavar="CORPUS"),
           output: str = typer.Option("briefing.html", "-o", "--output"),
           fmt: str = typer.Option("html", "--format", help="html or md")):
    """Write the analyst's briefing (self-contained HTML, or Markdown) from a corpus JSON."""
    from rasd.output import load
    from rasd.report import render

    if fmt not in ("html", "md"):
        _fail_usage("--format must be html or md")
    try:
        corpus = load(corpus_file)
    except (OSError, json.JSONDecodeError, RasdError) as exc:
        _fail_usage(f"{corpus_file}: {exc}")
    Path(output).write_text(render(corpus, fmt=fmt), encoding="utf-8")
    err.print(f"wrote {output}", highlight=False)


@app.command()
def dates(text: str = typer.Argument(..., help="Arabic text (or - for stdin)"),
          anchor: Optional[str] = typer.Option(None, "--anchor", help="YYYY-MM-DD the relative expressions refer to")):
    """Print each temporal expression found: span, value and the rule that made it."""
    from rasd.time.cli import show_dates

    if text == "-":
        text = sys.stdin.read()
    try:
        show_dates(text, anchor, out)
    except ValueError as exc:
        _fail_usage(str(exc))


@app.command()
def translit(words: List[str] = typer.Argument(..., help="Arabic words or names")):
    """Print the Latin (press-convention) form of Arabic names."""
    from rasd.entities.translit import transliterate_name

    for w in words:
        out.print(f"{w}\t{transliterate_name(w)}", highlight=False, markup=False)


@app.command()
def tag(file: str = typer.Argument(..., help="CoNLL file: 'token [tag]' per line, blank line between sentences (- for stdin)"),
        fmt: str = typer.Option("conll", "--format"),
        output: str = typer.Option("-", "-o", "--output")):
    """Tag tokens with the NER model; writes 'token predicted_tag' (B-/I- PERS, LOC, ORG)."""
    from rasd.entities.conll import tag_conll

    if fmt != "conll":
        _fail_usage("only --format conll is supported")
    src = sys.stdin if file == "-" else open(file, encoding="utf-8")
    dst = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    with src, dst:
        tag_conll(src, dst)


@train_app.command("ner")
def train_ner(data: str = typer.Option("../shared/data/anercorp/train.txt", "--data"),
              output: Optional[str] = typer.Option(None, "-o", "--output", help="model file (default: the packaged one)"),
              dev_every: int = typer.Option(10, "--dev-every", help="every N-th sentence goes to the development split")):
    """Train the CRF name tagger on ANERcorp (reproducible: fixed split and settings)."""
    from rasd.entities.train import train

    for line in train(data, output, dev_every):
        out.print(line, highlight=False, markup=False)


def _register_kb() -> None:
    try:
        from rasd.kb.cli import app as kb_app
    except ImportError:  # the KB commands land with the entities stage
        return
    app.add_typer(kb_app, name="kb")


_register_kb()


def main() -> None:
    try:
        app()
    except RasdError as exc:
        err.print(f"rasd: {exc}", markup=False, highlight=False)
        sys.exit(2)


if __name__ == "__main__":
    main()
