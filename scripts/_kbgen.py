"""Shared by the generated-KB builders: dump entities as YAML, and write or --check the output."""
from __future__ import annotations

from pathlib import Path

import yaml


def dump_entities(entities: list[dict], header: str) -> str:
    body = yaml.safe_dump({"entities": entities}, allow_unicode=True, sort_keys=False,
                          default_flow_style=None, width=200)
    return header + body


def write_or_check(out: Path, text: str, argv: list[str]) -> int:
    """With --check: 0 when ``out`` already holds ``text``, else 1; otherwise write it."""
    if "--check" in argv:
        same = out.exists() and out.read_text(encoding="utf-8") == text
        print(f"{out.name} is up to date" if same else f"{out.name} differs; rerun the script")
        return 0 if same else 1
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({text.count('- id:')} entries)")
    return 0
