"""Arabic normalisation: one named function for data and text alike.

``normalize(s)`` is what every lookup key goes through (knowledge base aliases,
lexicons, the scorer).  Its folds, in order:

1. NFKC (Arabic presentation forms -> base letters; Arabic-Indic digits stay as they are);
2. remove tashkeel (harakat, tanwin, shadda, sukun, superscript alef) and tatweel;
3. fold alef variants (أ إ آ ٱ) -> ا, alef maqsura ى -> ي, teh marbuta ة -> ه,
   Farsi yeh ی -> ي, keheh ک -> ك, hamza on waw/yeh ؤ ئ -> و ي;
4. lower-case Latin, collapse whitespace.

``normalize_keep(s)`` does steps 1-2 only (display forms).  ``normalize_map(s)``
returns the normalised string and, for each of its characters, the offset of the
raw character it came from, so a match on normalised text maps back to raw offsets.
"""
from __future__ import annotations

import unicodedata

import regex

_DIACRITICS = set(chr(c) for c in list(range(0x064B, 0x0660)) + [0x0670, 0x06D6, 0x06D7, 0x06D8,
                  0x06D9, 0x06DA, 0x06DB, 0x06DC, 0x06DF, 0x06E0, 0x06E1, 0x06E2, 0x06E3, 0x06E4,
                  0x06E7, 0x06E8, 0x06EA, 0x06EB, 0x06EC, 0x06ED])
_DIACRITICS.discard("\u0660")  # keep digits
_TATWEEL = "\u0640"
_DROP = _DIACRITICS | {_TATWEEL, "\u200c", "\u200d", "\u200e", "\u200f", "\u061c", "\ufeff"}
_FOLD = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ې": "ي", "ة": "ه", "ک": "ك", "ؤ": "و", "ئ": "ي",
    "ڤ": "ف", "ڥ": "ف", "گ": "ك", "چ": "ج", "پ": "ب",
}

PROCLITICS = ("وبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك")


def _nfkc_char(ch: str) -> str:
    if ch.isascii():
        return ch
    return unicodedata.normalize("NFKC", ch)


def normalize_map(s: str, fold: bool = True) -> tuple[str, list[int]]:
    """Normalise ``s``; return (normalised, index map into ``s`` per output char)."""
    out: list[str] = []
    idx: list[int] = []
    prev_space = True
    for i, ch in enumerate(s):
        for c in _nfkc_char(ch):
            if c in _DROP:
                continue
            if fold:
                c = _FOLD.get(c, c)
                if c.isascii():
                    c = c.lower()
            if c.isspace():
                if prev_space:
                    continue
                c = " "
                prev_space = True
            else:
                prev_space = False
            out.append(c)
            idx.append(i)
    if out and out[-1] == " ":
        out.pop()
        idx.pop()
    return "".join(out), idx


class _FoldTable(dict):
    """``str.translate`` table filled on demand: each character -> its normalised form
    (NFKC, diacritics dropped, letters folded, Latin lower-cased, any space -> " ")."""

    def __missing__(self, cp: int) -> str:
        out = []
        for c in _nfkc_char(chr(cp)):
            if c in _DROP:
                continue
            c = _FOLD.get(c, c)
            if c.isascii():
                c = c.lower()
            out.append(" " if c.isspace() else c)
        value = "".join(out)
        self[cp] = value
        return value


_TABLE = _FoldTable()
_SPACES = regex.compile(" {2,}")


def normalize(s: str) -> str:
    """The lookup key of ``s`` (all folds); equal to ``normalize_map(s)[0]``, much faster."""
    out = s.translate(_TABLE)
    if "  " in out:
        out = _SPACES.sub(" ", out)
    return out.strip(" ")


def normalize_keep(s: str) -> str:
    """NFKC, no diacritics or tatweel, letters not folded."""
    return normalize_map(s, fold=False)[0]


def strip_clitics(word: str, min_stem: int = 2) -> list[str]:
    """Candidate stems of a normalised word, longest first (the word itself included).

    ``والمغرب`` -> ``["والمغرب", "المغرب", "مغرب"]``; a stem keeps at least ``min_stem`` letters.
    """
    seen = [word]
    for p in PROCLITICS:
        if word.startswith(p) and len(word) - len(p) >= min_stem:
            stem = word[len(p):]
            if p.endswith("ال") or p == "لل":
                # "للمنظمة" -> "المنظمة" as well as "منظمة"
                with_al = "ال" + stem
                if with_al not in seen:
                    seen.append(with_al)
            if stem not in seen:
                seen.append(stem)
    return seen


_ARABIC = regex.compile(r"\p{Arabic}")


def has_arabic(s: str) -> bool:
    return _ARABIC.search(s) is not None
