"""The front door stays true: every command is documented, every data file is listed."""
import re

from rasd.cli import app

from conftest import ROOT


def _commands():
    import typer.main

    group = typer.main.get_command(app)
    return sorted(group.commands)


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c for c in _commands() if f"`rasd {c}" not in readme]
    assert not missing, f"README.md does not document: {missing}"


def test_readme_has_the_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```bash\n(.*?)\n```", readme, re.S)
    assert any("pip install ." in b and "rasd run examples/articles" in b for b in blocks)
    assert any("pytest" in b for b in blocks)


def test_every_data_file_is_in_resources_doc():
    """Each data file is named in docs/resources.md (directly or by a `glob*` pattern there)."""
    from fnmatch import fnmatch

    doc = (ROOT / "docs" / "resources.md").read_text(encoding="utf-8")
    patterns = set()
    for cell in re.findall(r"`([^`]+)`", doc):
        for part in cell.split(","):
            part = part.strip()
            patterns.add(part)
            if "/" in part:
                patterns.add(part.rsplit("/", 1)[0] + "/" + part.rsplit("/", 1)[1])
    res = ROOT / "src" / "rasd" / "resources"
    files = [p.relative_to(res).as_posix() for p in res.rglob("*")
             if p.suffix in (".yml", ".tsv", ".json", ".gz", ".crfsuite")]
    missing = [f for f in files if not any(fnmatch(f, pat) for pat in patterns)]
    assert not missing, f"docs/resources.md does not list: {missing}"
