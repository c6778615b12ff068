"""Write src/rasd/resources/kb/compiled.json, the pre-built KB index that makes loading fast.

Usage: python scripts/build_kb_index.py   (run after editing any resources/kb/*.yml; `rasd kb add`
does it for you).  The index carries a fingerprint of the YAML sources; when they change and the
index is not rebuilt, rasd falls back to parsing the YAML (correct, only slower).
"""
from __future__ import annotations

from rasd.kb import load_sources, write_compiled

if __name__ == "__main__":
    kb = load_sources()
    print(f"wrote {write_compiled(kb)} ({len(kb)} entities)")
