"""The knowledge base of canonical entities and its lookup index.

The KB is a set of YAML files under ``resources/kb/`` (see ``resources/kb/README.md`` for the
entry schema).  ``get_kb()`` loads them once per process and builds:

* ``by_id``: entry id -> :class:`KBEntry`;
* ``keys``: normalised alias -> list of (entry id, kind), kind one of ``alias``, ``nisba``;
* ``first``: normalised first token of an alias -> alias token tuples, longest first, for
  longest-match scans over a token sequence (:meth:`KB.scan`, :meth:`KB.gazetteer_features`).

Every alias goes through :func:`rasd.text.normalize.normalize` and the tokenizer of
``rasd.text.tokens``, exactly like the text it is matched against.
"""
from __future__ import annotations

import functools
import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable

from rasd.errors import DataError
from rasd.resources import ROOT, lint_arabic, load_yaml
from rasd.text.normalize import normalize, strip_clitics
from rasd.text.tokens import tokenize

TYPES = ("PER", "ORG", "GPE", "LOC")
KB_FILES = ("countries.yml", "regions.yml", "cities.yml", "organizations.yml", "groups.yml",
            "people.yml", "ministries.yml", "places_extra.yml")
_ID = re.compile(r"^[a-z0-9][a-z0-9:._-]*$")
_ISO = re.compile(r"^[A-Z]{2}$")
_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
_ENTRY_KEYS = {"id", "type", "name", "ar", "fr", "en", "nisba", "country", "roles", "parent",
               "cue_only", "region", "note", "kind", "cue_ar", "generic_ar"}
_ROLE_KEYS = {"title", "org", "from", "to"}
MIN_STRIPPED = 3  # letters a clitic-stripped stem must keep to match an alias


@dataclass(slots=True)
class Role:
    """A position a person held: English title, the organisation's KB id, ISO dates (or None)."""

    title: str
    org: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class KBEntry:
    id: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)  # every surface form, all scripts
    nisba: list[str] = field(default_factory=list)  # adjectives that stand for this place
    cue_aliases: list[str] = field(default_factory=list)  # common words too: only after a cue
    generic: list[str] = field(default_factory=list)  # names shared with other countries' bodies
    country: str | None = None
    roles: list[Role] = field(default_factory=list)
    parent: str | None = None
    cue_only: bool = False  # a common word too: match only after a place/organisation cue
    region: str | None = None  # name-spelling region for people: maghreb | mashriq | western
    kind: str | None = None  # finer class: country, city, region, security, group, ...
    file: str = ""

    def role_at(self, date: str | None = None) -> Role | None:
        """The role held at ``date`` (ISO), else the one begun most recently."""
        if not self.roles:
            return None
        if date:
            for r in self.roles:
                if (r.start or "0000") <= date and (r.end is None or date <= r.end):
                    return r
        return max(self.roles, key=lambda r: (r.start or "", r.end is None))


@dataclass(slots=True)
class Match:
    """A KB alias found over tokens ``[start, end)``; ``cut`` letters of clitic left off token ``start``."""

    start: int
    end: int
    key: str
    ids: list[tuple[str, str]]  # (entry id, kind)
    cut: int = 0
    synthetic_al: bool = False  # "لل" + stem matched as "ال" + stem


@functools.lru_cache(maxsize=200_000)
def stems(word: str) -> tuple[str, ...]:
    """``strip_clitics`` plus a conjunction followed by a preposition (ولمراقبة -> مراقبة, وبمدينة).

    Cached: news vocabulary repeats, and every token is looked at by several matchers.
    """
    out = strip_clitics(word)
    if word[:1] in ("و", "ف") and len(word) > 3:
        for s in strip_clitics(word[1:])[1:]:
            if s not in out:
                out.append(s)
    return tuple(out)


@functools.lru_cache(maxsize=200_000)
def norm_token(token: str) -> str:
    """``normalize`` of one token, cached."""
    return normalize(token)


@functools.lru_cache(maxsize=100_000)
def key_tokens(s: str) -> tuple[str, ...]:
    """The normalised token tuple of an alias or a text stretch (cached)."""
    return tuple(t.text for t in tokenize(normalize(s)))


def _err(file: str, entry: Any, problem: str) -> DataError:
    return DataError(str(ROOT / "kb" / file), str(entry), problem)


def _strs(file: str, eid: str, entry: dict, key: str) -> list[str]:
    val = entry.get(key) or []
    if isinstance(val, str):
        val = [val]
    if not isinstance(val, list) or not all(isinstance(v, str) and v.strip() for v in val):
        raise _err(file, eid, f"'{key}' must be a list of non-empty strings")
    for v in val:
        bad = lint_arabic(v)
        if bad:
            raise _err(file, eid, f"'{key}' value {v!r}: {', '.join(bad)}")
    return val


def _roles(file: str, eid: str, entry: dict) -> list[Role]:
    out = []
    for r in entry.get("roles") or []:
        if not isinstance(r, dict) or not isinstance(r.get("title"), str) or set(r) - _ROLE_KEYS:
            raise _err(file, eid, f"role {r!r} must be a mapping with 'title' and optional org/from/to")
        dates = []
        for k in ("from", "to"):
            v = r.get(k)
            v = None if v is None else str(v)
            if v is not None and not _DATE.match(v):
                raise _err(file, eid, f"role date {k}={v!r} is not YYYY[-MM[-DD]]")
            dates.append(v)
        out.append(Role(r["title"], r.get("org"), dates[0], dates[1]))
    return out


def parse_entry(file: str, entry: Any, index: int) -> KBEntry:
    """Check one raw YAML entry and turn it into a :class:`KBEntry` (DataError when broken)."""
    if not isinstance(entry, dict):
        raise _err(file, f"#{index}", "entry must be a mapping")
    eid = entry.get("id")
    if not isinstance(eid, str) or not _ID.match(eid):
        raise _err(file, f"#{index}", f"bad or missing id {eid!r} (lower-case letters, digits, : . _ -)")
    extra = set(entry) - _ENTRY_KEYS
    if extra:
        raise _err(file, eid, f"unknown keys {sorted(extra)}")
    if entry.get("type") not in TYPES:
        raise _err(file, eid, f"type must be one of {TYPES}, not {entry.get('type')!r}")
    if not isinstance(entry.get("name"), str) or not entry["name"].strip():
        raise _err(file, eid, "missing canonical 'name'")
    country = entry.get("country")
    if country is not None and not (isinstance(country, str) and _ISO.match(country)):
        raise _err(file, eid, f"country {country!r} is not an ISO 3166-1 alpha-2 code")
    aliases = [entry["name"]]
    for key in ("ar", "fr", "en"):
        aliases.extend(_strs(file, eid, entry, key))
    cue_ar = _strs(file, eid, entry, "cue_ar")
    if not any(a for a in aliases + cue_ar if any("\u0600" <= c <= "\u06ff" for c in a)):
        raise _err(file, eid, "needs at least one Arabic alias in 'ar'")
    return KBEntry(id=eid, type=entry["type"], name=entry["name"], aliases=list(dict.fromkeys(aliases)),
                   nisba=_strs(file, eid, entry, "nisba"), cue_aliases=cue_ar, country=country,
                   generic=_strs(file, eid, entry, "generic_ar"),
                   roles=_roles(file, eid, entry), parent=entry.get("parent"),
                   cue_only=bool(entry.get("cue_only")), region=entry.get("region"),
                   kind=entry.get("kind"), file=file)


def load_file(file: str) -> list[KBEntry]:
    """Entries of ``resources/kb/<file>``."""
    data = load_yaml(f"kb/{file}")
    raw = data.get("entities")
    if not isinstance(raw, list):
        raise _err(file, "entities", "file must have a list 'entities'")
    return [parse_entry(file, e, i) for i, e in enumerate(raw)]


class KB:
    """Canonical entities with an alias index for exact, clitic-aware and longest-match lookups."""

    def __init__(self, entries: Iterable[KBEntry]):
        self.by_id: dict[str, KBEntry] = {}
        self.keys: dict[str, list[tuple[str, str]]] = {}
        self.first: dict[str, list[tuple[str, ...]]] = {}
        self.first_names: set[str] = set()
        self._recent: dict[tuple[str, ...], list[Match]] = {}
        self._start_cache: dict[str, tuple] = {}
        self._first_name_cache: dict[str, bool] = {}
        for e in entries:
            if e.id in self.by_id:
                raise _err(e.file, e.id, f"duplicate id (also in {self.by_id[e.id].file})")
            self.by_id[e.id] = e
        for e in self.by_id.values():
            self._check_refs(e)
            for a in e.aliases:
                self._index(a, e.id, "alias")
            for a in e.nisba:
                self._index(a, e.id, "nisba")
            for a in e.cue_aliases:
                self._index(a, e.id, "cue")
            for a in e.generic:
                self._index(a, e.id, "generic")
            if e.type == "PER":
                for a in e.aliases:
                    toks = key_tokens(a)
                    if len(toks) >= 2:
                        self.first_names.add(toks[0])
        for k in self.first:
            self.first[k].sort(key=len, reverse=True)

    def _check_refs(self, e: KBEntry) -> None:
        for ref in [e.parent] + [r.org for r in e.roles]:
            if ref is not None and ref not in self.by_id:
                raise _err(e.file, e.id, f"refers to unknown id {ref!r}")

    def _index(self, alias: str, eid: str, kind: str) -> None:
        toks = key_tokens(alias)
        if not toks:
            return
        key = " ".join(toks)
        ids = self.keys.setdefault(key, [])
        if (eid, kind) not in ids:
            ids.append((eid, kind))
        cands = self.first.setdefault(toks[0], [])
        if toks not in cands:
            cands.append(toks)

    def __len__(self) -> int:
        return len(self.by_id)

    def get(self, eid: str) -> KBEntry | None:
        return self.by_id.get(eid)

    def lookup(self, text: str) -> list[tuple[KBEntry, str]]:
        """Entries whose alias (or nisba) equals ``text`` after normalisation, with the kind."""
        key = " ".join(key_tokens(text))
        return [(self.by_id[i], k) for i, k in self.keys.get(key, [])]

    def scan(self, norm: list[str]) -> list[Match]:
        """See :meth:`_scan`; the last few results are kept (the stage and the tagger scan the same
        sentence)."""
        key = tuple(norm)
        hit = self._recent.get(key)
        if hit is None:
            hit = self._scan(norm)
            if len(self._recent) > 4096:
                self._recent.clear()
            self._recent[key] = hit
        return hit

    def _scan(self, norm: list[str]) -> list[Match]:
        """Longest, left-to-right, non-overlapping alias matches over normalised tokens.

        The first token of a match may carry proclitics (``بالرباط`` matches ``الرباط``);
        a stripped stem must keep :data:`MIN_STRIPPED` letters.
        """
        out: list[Match] = []
        i, n = 0, len(norm)
        while i < n:
            m = self._match_at(norm, i)
            if m is None:
                i += 1
            else:
                out.append(m)
                i = m.end
        return out

    def _starts(self, word: str) -> tuple[tuple[str, list[tuple[str, ...]]], ...]:
        """The stems of ``word`` that may start an alias, with those aliases' token tuples (cached)."""
        cache = self._start_cache
        hit = cache.get(word)
        if hit is None:
            hit = tuple((s, self.first[s]) for s in stems(word)
                        if s in self.first and (s == word or len(s) >= MIN_STRIPPED))
            if len(cache) > 200_000:
                cache.clear()
            cache[word] = hit
        return hit

    def _match_at(self, norm: list[str], i: int) -> Match | None:
        best: Match | None = None
        word = norm[i]
        for stem, cands in self._starts(word):
            for toks in cands:
                L = len(toks)
                if best is not None and L <= best.end - best.start:
                    break
                if i + L <= len(norm) and tuple(norm[i + 1:i + L]) == toks[1:]:
                    key = " ".join(toks)
                    synthetic = stem.startswith("ال") and not word.endswith(stem)
                    cut = 0 if synthetic else len(word) - len(stem)
                    best = Match(i, i + L, key, self.keys[key], cut, synthetic)
                    break
        return best

    def gazetteer_features(self, tokens: list[str]) -> list[list[str]]:
        """Per raw token, gazetteer feature strings for the tagger.

        ``gaz:B-<TYPE>`` / ``gaz:I-<TYPE>`` from the longest KB alias match (TYPE: PER, ORG,
        GPE, LOC; the first type when an alias is ambiguous; cue-only aliases are left out),
        ``gaz:NISBA`` when the match is a
        nisba adjective, ``gaz:PER_FIRST`` when the (clitic-stripped) token is the first token
        of a known person's name.
        """
        norm = [norm_token(t) for t in tokens]
        feats: list[list[str]] = [[] for _ in tokens]
        for m in self.scan(norm):
            ids = [x for x in m.ids if x[1] != "cue"]
            if not ids:
                continue  # a common word that is a place name only after a cue (الجديدة)
            eid, kind = ids[0]
            typ = self.by_id[eid].type
            for j in range(m.start, m.end):
                feats[j].append(f"gaz:{'B' if j == m.start else 'I'}-{typ}")
                if kind == "nisba":
                    feats[j].append("gaz:NISBA")
        for j, w in enumerate(norm):
            if self._per_first(w):
                feats[j].append("gaz:PER_FIRST")
        return feats

    def _per_first(self, word: str) -> bool:
        """``word`` (or its first stem) is the first token of a known person's name (cached)."""
        hit = self._first_name_cache.get(word)
        if hit is None:
            hit = any(s in self.first_names for s in stems(word)[:2])
            if len(self._first_name_cache) > 200_000:
                self._first_name_cache.clear()
            self._first_name_cache[word] = hit
        return hit


COMPILED = "kb/compiled.json"  # written by scripts/build_kb_index.py; a cache, never the source


def fingerprint() -> str:
    """SHA-1 over the KB source files and the code that builds keys (normaliser, tokenizer, this
    module): the compiled index is used only when it matches."""
    h = hashlib.sha1()
    code = Path(__file__).resolve().parents[1] / "text"
    for p in (code / "normalize.py", code / "tokens.py", Path(__file__).resolve()):
        h.update(p.read_bytes())
    for f in KB_FILES:
        p = ROOT / "kb" / f
        if p.exists():
            h.update(f.encode() + b"\0" + p.read_bytes())
    return h.hexdigest()


def load_sources() -> KB:
    """Parse and check every KB YAML file (slow path; also what ``rasd kb validate`` runs)."""
    entries: list[KBEntry] = []
    for f in KB_FILES:
        if (ROOT / "kb" / f).exists():
            entries.extend(load_file(f))
    return KB(entries)


def compile_kb(kb: KB) -> dict[str, Any]:
    """The JSON form of a loaded KB (entries and index), stamped with the sources' fingerprint."""
    return {"fingerprint": fingerprint(),
            "entries": [asdict(e) for e in kb.by_id.values()],
            "keys": kb.keys, "first": kb.first, "first_names": sorted(kb.first_names)}


def write_compiled(kb: KB | None = None) -> str:
    """Write resources/kb/compiled.json; return its path."""
    data = compile_kb(kb or load_sources())
    out = ROOT / COMPILED
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return str(out)


def _from_compiled() -> KB | None:
    p = ROOT / COMPILED
    if not p.exists():
        return None
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("fingerprint") != fingerprint():
        return None
    kb = KB.__new__(KB)
    kb.by_id = {}
    for d in data["entries"]:
        d["roles"] = [Role(**r) for r in d["roles"]]
        kb.by_id[d["id"]] = KBEntry(**d)
    kb.keys = {k: [tuple(x) for x in v] for k, v in data["keys"].items()}
    kb.first = {k: [tuple(t) for t in v] for k, v in data["first"].items()}
    kb.first_names = set(data["first_names"])
    kb._recent = {}
    kb._start_cache = {}
    kb._first_name_cache = {}
    return kb


@functools.lru_cache(maxsize=1)
def get_kb() -> KB:
    """The packaged knowledge base, loaded once per process (from the compiled index when current)."""
    return _from_compiled() or load_sources()


__all__ = ["KB", "KBEntry", "Role", "Match", "get_kb", "load_file", "parse_entry", "key_tokens",
           "load_sources", "write_compiled", "fingerprint", "stems", "norm_token",
           "TYPES", "KB_FILES"]
