"""Reading input: plain-text files, HTML pages, JSON Lines records, folders, stdin.

Every reader yields ``Document`` or ``Failure``; a bad file becomes one ``Failure`` with a
one-line reason and never stops the others.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator
from urllib.parse import urlparse

from rasd.doc import Document, Failure
from rasd.errors import InputError

MAX_BYTES = 20 * 1024 * 1024  # a news article is never this large
TEXT_SUFFIXES = {".txt", ".text", ".md", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}


def decode(data: bytes, source: str) -> str:
    """Bytes -> text, or ``InputError`` naming the problem."""
    if not data.strip():
        raise InputError(source, "empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(source, "starts with a UTF-16 mark but does not decode as UTF-16") from None
    if b"\x00" in data[:4096]:
        raise InputError(source, "binary file (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        # Windows-1256 is the usual legacy Arabic encoding: accept it only if it yields Arabic text
        try:
            text = data.decode("cp1256")
        except UnicodeDecodeError:
            raise InputError(source, f"not UTF-8 (bad byte at offset {exc.start})") from None
        arabic = sum(1 for c in text if "\u0600" <= c <= "\u06ff")
        if arabic < len(text) * 0.2:
            raise InputError(source, f"not UTF-8 (bad byte at offset {exc.start}) and not Windows-1256 Arabic")
    controls = sum(1 for c in text[:20000] if ord(c) < 32 and c not in "\n\r\t\f\v")
    if controls > max(10, len(text[:20000]) // 50):
        raise InputError(source, "binary file (control characters), not text")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlparse(url).hostname or ""
    except ValueError:  # a malformed URL (bad port, unbalanced brackets) names no host
        return None
    return host[4:] if host.startswith("www.") else (host or None)


def html_to_text(html: str) -> tuple[str, str | None]:
    """Article text and title of an HTML page (scripts, styles, navigation dropped)."""
    from rasd.htmltext import extract

    return extract(html)


def html_page(html: str):
    """``rasd.htmltext.Page`` of an HTML page: text, headline, self-declared url/published/outlet."""
    from rasd.htmltext import extract_page

    return extract_page(html)


def _doc(id_: str, text: str, source: str, meta: dict) -> Document:
    return Document(id=id_, raw=text, source=source, meta={k: v for k, v in meta.items() if v})


def read_bytes(data: bytes, source: str, name: str | None = None) -> Iterator[Document | Failure]:
    name = name or os.path.basename(source) or source
    suffix = Path(name).suffix.lower()
    try:
        if len(data) > MAX_BYTES:
            raise InputError(source, f"too large ({len(data) // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
        text = decode(data, source)
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(text, source)
            return
        if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and text.lstrip()[:15].lower().startswith(("<!doctype html", "<html"))):
            page = html_page(text)
            if not page.text.strip():
                raise InputError(source, "HTML page with no article text")
            meta = {"title": page.title, **page.meta}
            if page.meta.get("url"):
                meta["domain"] = outlet_from_url(page.meta["url"])
            yield _doc(name, page.text, source, meta)
            return
        yield _doc(name, text, source, {})
    except InputError as exc:
        yield Failure(source, exc.problem)


def read_jsonl(text: str, source: str) -> Iterator[Document | Failure]:
    for n, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{n}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Failure(where, f"not a JSON record ({exc.msg})")
            continue
        if not isinstance(rec, dict):
            yield Failure(where, "record is not a JSON object")
            continue
        try:
            yield _record(rec, where, source, n)
        except InputError as exc:
            yield Failure(where, exc.problem)


def _str(v) -> str | None:
    """A metadata value as a clean string (numbers are accepted, containers are not)."""
    if isinstance(v, bool) or v is None:
        return None
    if isinstance(v, (int, float)):
        v = str(v)
    if not isinstance(v, str):
        return None
    v = v.replace("\x00", "").strip()
    return v or None


def _record(rec: dict, where: str, source: str, n: int) -> Document:
    """One JSON Lines record -> Document; ``InputError`` when it carries no article text."""
    body, title, page_meta = rec.get("text"), _str(rec.get("title")), {}
    if (not isinstance(body, str) or not body.strip()) and isinstance(rec.get("html"), str) and rec["html"].strip():
        page = html_page(rec["html"])
        body, title, page_meta = page.text, title or page.title, page.meta
    if not isinstance(body, str) or not body.strip():
        raise InputError(where, "record has no 'text' or 'html' with article text")
    url = _str(rec.get("url")) or page_meta.get("url")
    if url and not url.lower().startswith(("http://", "https://")):
        url = None
    try:
        path_id = urlparse(url).path.rstrip("/").rsplit("/", 1)[-1] if url else ""
    except ValueError:
        url, path_id = None, ""
    id_ = _str(rec.get("id")) or path_id or f"{os.path.basename(source)}:{n}"
    meta = {"url": url, "title": title, "published": _str(rec.get("published")) or page_meta.get("published"),
            "outlet": _str(rec.get("outlet")) or page_meta.get("outlet"), "domain": outlet_from_url(url)}
    return _doc(id_, body.replace("\r\n", "\n").replace("\r", "\n"), where, meta)


def iter_files(paths: Iterable[str]) -> Iterator[str]:
    for p in paths:
        if p == "-" or not os.path.isdir(p):
            yield p
            continue
        for root, dirs, files in os.walk(p):
            dirs.sort()
            for f in sorted(files):
                if not f.startswith("."):
                    yield os.path.join(root, f)


def read_paths(paths: Iterable[str]) -> Iterator[Document | Failure]:
    for p in iter_files(paths):
        if p == "-":
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", "stdin.txt")
            continue
        try:
            size = os.path.getsize(p)
            if size > MAX_BYTES:
                yield Failure(p, f"too large ({size // (1024 * 1024)} MB; the limit is {MAX_BYTES // (1024 * 1024)} MB)")
                continue
            with open(p, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            yield Failure(p, f"cannot read: {exc.strerror or exc}")
            continue
        yield from read_bytes(data, p)
