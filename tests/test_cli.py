"""The command line: exit codes, outputs, bench."""
import json

from typer.testing import CliRunner

from rasd.bench import run_bench
from rasd.cli import app
from rasd.output import validate

from conftest import EXAMPLES

runner = CliRunner()


def test_extract_writes_valid_json(tmp_path):
    out = tmp_path / "c.json"
    r = runner.invoke(app, ["extract", str(EXAMPLES), "-o", str(out)])
    assert r.exit_code == 0, r.output
    j = json.loads(out.read_text(encoding="utf-8"))
    validate(j)
    assert len(j["documents"]) >= 4


def test_extract_stdin():
    r = runner.invoke(app, ["extract", "-"], input="أعلنت الشرطة اليوم عن توقيف شخصين.\n".encode())
    assert r.exit_code == 0, r.output
    j = json.loads(r.stdout)
    assert j["documents"][0]["doc"] == "stdin.txt"


def test_missing_path_is_usage_error(tmp_path):
    r = runner.invoke(app, ["extract", str(tmp_path / "nope")])
    assert r.exit_code == 2


def test_some_bad_documents_exit_1_and_keep_the_rest(tmp_path):
    (tmp_path / "good.txt").write_text("زار وزير الداخلية مدينة طنجة أمس.\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.txt").write_bytes(b"\x00\x01\x02" * 100)
    out = tmp_path / "c.json"
    r = runner.invoke(app, ["extract", str(tmp_path), "-o", str(out)])
    assert r.exit_code == 1
    assert "empty.txt" in r.stderr and "bin.txt" in r.stderr
    j = json.loads(out.read_text(encoding="utf-8"))
    assert [d["doc"] for d in j["documents"]] == ["good.txt"]
    assert {f["source"].rsplit("/", 1)[-1] for f in j["failures"]} == {"empty.txt", "bin.txt"}


def test_eval_usage_errors(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    r = runner.invoke(app, ["eval", str(bad), str(bad)])
    assert r.exit_code == 2
    r = runner.invoke(app, ["eval", str(tmp_path / "missing.json"), str(bad)])
    assert r.exit_code == 2


def test_run_prints_summary_and_explain(tmp_path):
    out = tmp_path / "c.json"
    r = runner.invoke(app, ["run", str(EXAMPLES), "-o", str(out)])
    assert r.exit_code == 0, r.output
    doc = json.loads(out.read_text(encoding="utf-8"))["documents"][0]["doc"]
    assert doc in r.stdout
    r = runner.invoke(app, ["explain", str(out), doc])
    assert r.exit_code == 0, r.output
    assert "entities" in r.stdout
    r = runner.invoke(app, ["explain", str(out), "no-such-doc"])
    assert r.exit_code == 2


def test_bench_reports_every_stage(capsys):
    from rich.console import Console

    res = run_bench([str(EXAMPLES)], 2, [], 1, Console(file=open("/dev/null", "w")))
    assert set(res["stages"]) == {"clean", "entities", "time", "events", "cross_document"}
    assert res["documents"] >= 8 and res["pipeline_docs_per_s"] > 0 and res["peak_mb"] > 0
