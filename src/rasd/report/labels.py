"""Interface labels in Arabic and English, and date formatting shared by the HTML and Markdown briefings.

Labels live in ``assets/labels.yml`` (with its ``about``/``source`` header); month and country
names come from CLDR through babel, so no word list sits in code.
"""
from __future__ import annotations

import functools
from importlib import resources as _res
from typing import Any

import yaml
from babel import Locale

from rasd.errors import DataError

LANGS = ("ar", "en")
SECTIONS = ("ui", "type", "mode", "topic", "etype", "field")


def asset_text(name: str) -> str:
    """The text of ``assets/name`` (CSS, JS, the page template, labels)."""
    return (_res.files("rasd.report") / "assets" / name).read_text(encoding="utf-8")


@functools.lru_cache(maxsize=None)
def load_labels() -> dict[str, Any]:
    """``assets/labels.yml``, checked: header keys, and every entry has both languages."""
    try:
        data = yaml.safe_load(asset_text("labels.yml"))
    except yaml.YAMLError as exc:
        raise DataError("report/assets/labels.yml", None, f"not valid YAML: {exc}") from None
    for key in ("about", "source"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise DataError("report/assets/labels.yml", key, "missing header field")
    for sec in SECTIONS:
        for k, v in (data.get(sec) or {}).items():
            if not isinstance(v, dict) or any(not isinstance(v.get(lang), str) for lang in LANGS):
                raise DataError("report/assets/labels.yml", f"{sec}.{k}", "needs an 'ar' and an 'en' string")
    return data


@functools.lru_cache(maxsize=None)
def months(lang: str) -> tuple[str, ...]:
    """Month names 1..12 in ``lang`` (CLDR, stand-alone wide forms)."""
    names = Locale.parse(lang).months["stand-alone"]["wide"]
    return tuple(names[i] for i in range(1, 13))


@functools.lru_cache(maxsize=None)
def country_name(code: str, lang: str) -> str:
    """The name of ISO 3166-1 country ``code`` in ``lang``; the code itself when unknown."""
    return Locale.parse(lang).territories.get(code.upper(), code) if code else ""


def label(section: str, key: str | None, lang: str) -> str:
    """The label of ``key`` in ``section`` (e.g. ``type``/``CONSULT``); the key itself when not listed."""
    if key is None:
        return ""
    if section == "country":
        return country_name(key, lang)
    entry = (load_labels().get(section) or {}).get(key)
    return entry[lang] if entry else key


def _parts(iso: str | None) -> tuple[int, ...] | None:
    """``"2022-06-13"`` -> (2022, 6, 13); ``"2022-06"`` -> (2022, 6); None or malformed -> None."""
    if not iso:
        return None
    try:
        parts = tuple(int(p) for p in iso.split("-"))
    except ValueError:
        return None
    if not 1 <= len(parts) <= 3 or (len(parts) > 1 and not 1 <= parts[1] <= 12):
        return None
    return parts


def _one(p: tuple[int, ...], lang: str) -> str:
    names = months(lang)
    if len(p) == 1:
        return str(p[0])
    if len(p) == 2:
        return f"{names[p[1] - 1]} {p[0]}"
    return f"{p[2]} {names[p[1] - 1]} {p[0]}"


def format_date(value: str | None, lang: str) -> str:
    """A readable date or interval: ``"2022-06-13/2022-06-14"`` -> ``"13–14 June 2022"``.

    ``value`` is ``start`` or ``start/end`` (ISO 8601, possibly partial); the JavaScript of the
    page (``fmtDate``) implements the same rules for the language switch.
    """
    if not value:
        return ""
    a, _, b = value.partition("/")
    pa, pb = _parts(a), _parts(b) if b else None
    if pa is None and pb is None:
        return value
    if pa is None or pb is None or pa == pb:
        return _one(pa or pb, lang)
    if len(pa) == len(pb) == 3 and pa[:2] == pb[:2]:
        return f"{pa[2]}–{pb[2]} {months(lang)[pa[1] - 1]} {pa[0]}"
    return f"{_one(pa, lang)} – {_one(pb, lang)}"


def date_value(start: str | None, end: str | None) -> str | None:
    """The ``start/end`` string of an interval (just ``start`` when both are equal); None when undated."""
    if not start and not end:
        return None
    if start and end and start != end:
        return f"{start}/{end}"
    return start or end


def js_labels(countries: set[str]) -> dict[str, dict[str, Any]]:
    """Every label the page may switch to, flattened as ``section.key``, per language."""
    data = load_labels()
    out: dict[str, dict[str, Any]] = {}
    for lang in LANGS:
        flat: dict[str, Any] = {f"{sec}.{k}": v[lang] for sec in SECTIONS for k, v in (data.get(sec) or {}).items()}
        flat.update({f"country.{c}": country_name(c, lang) for c in sorted(countries)})
        flat["months"] = list(months(lang))
        out[lang] = flat
    return out
