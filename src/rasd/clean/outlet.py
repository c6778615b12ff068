"""Which outlet published a document: input metadata first, then the page's own words.

Evidence, strongest first (the rule that decided is stored in ``Document.outlet_rule``):

``meta:outlet``              the input's ``outlet`` field, found in the registry (``lexicons/outlets.yml``)
``meta:domain``              the host of the input's ``url`` / ``domain``, found in the registry
``meta:outlet-unregistered`` the input's ``outlet`` field as given
``meta:domain-unregistered`` the input's host as given
``text:furniture``           a registered name inside a furniture line that speaks for the site
                             (newsletter prompt, copyright or no-copy notice, follow-us prompt)
``text:signature``           a furniture line that matches one outlet's template signature
``text:exclusive``           "حصرية لـ / خاص بـ" + a registered name in the body
``text:exclusive-unregistered``  the same notice naming an unregistered outlet, quoted, or unquoted after a
                             media noun and ending at punctuation or the end of the line (as written)
``text:masthead``            a masthead line before the headline: media noun + name ("جريدة الصباح")
``text:copyright-unregistered``  the owner named by a copyright line (after ©, or "محفوظة لـ X"), as written
``text:interview (weak)``    "في تصريح لـ X", "قال لـ X": the outlet the speaker talked to

A tier that names two different outlets decides nothing (``ambiguous``); without evidence the outlet is
None.  Names that are also ordinary words (الجزيرة, العربية, الصباح ...) count in the text only inside
quotation marks or after a media noun (جريدة, موقع, قناة ...).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from urllib.parse import urlparse

import regex

from rasd.clean.boilerplate import kind_of
from rasd.clean.lines import fold
from rasd.doc import Line
from rasd.errors import DataError
from rasd.resources import load_yaml

FILE = "lexicons/outlets.yml"
_FLAGS = regex.IGNORECASE | regex.V0
# furniture families whose text speaks in the site's own voice
SELF_KINDS = frozenset({"newsletter", "copyright", "nocopy", "share", "comment", "byline", "known", "signature",
                        "outlet-name", "masthead"})
REQUIRED = ("id", "name", "name_ar", "domains", "country")


@dataclass(frozen=True, slots=True)
class Outlet:
    id: str
    name: str
    name_ar: str
    domains: tuple[str, ...]
    country: str
    aliases: tuple[str, ...] = ()
    ambiguous: bool = False
    signatures: tuple[regex.Pattern, ...] = ()
    ambiguous_aliases: tuple[str, ...] = ()

    @property
    def display(self) -> str:
        """The form rasd writes: "Latin Name (الاسم العربي)"."""
        return f"{self.name} ({self.name_ar})"

    def text_forms(self) -> list[str]:
        """Written forms looked for in the text (folded); short Latin names are left out."""
        forms = [self.name_ar, *self.aliases]
        if len(self.name) >= 5:
            forms.append(self.name)
        return [k for f in forms for k in _written(f)]

    def is_ambiguous(self, form: str) -> bool:
        """The folded text form ``form`` names this outlet only when quoted or after a media noun:
        the name and Arabic name of an entry flagged ``ambiguous``, and its ``ambiguous_aliases``."""
        risky = [*self.ambiguous_aliases, *((self.name_ar, self.name) if self.ambiguous else ())]
        key = " ".join(form.split()).casefold()
        return any(key == k.casefold() for f in risky for k in _written(f))


def _written(name: str) -> list[str]:
    """``name`` folded, plus its form after the clitic ل (الأهرام -> للأهرام)."""
    k = " ".join(fold(name).split())
    return [k, "ل" + k[1:]] if k.startswith("ال") else [k]


@dataclass(frozen=True, slots=True)
class Registry:
    outlets: tuple[Outlet, ...]
    by_key: dict[str, tuple[Outlet, ...]]
    by_form: dict[str, tuple[Outlet, ...]]
    names: regex.Pattern
    media: regex.Pattern
    interview: tuple[str, ...]  # cue words with their spelling variants
    exclusive: tuple[str, ...]
    unregistered: regex.Pattern
    unregistered_plain: regex.Pattern  # the same notice, unquoted name after a media noun, up to punctuation
    after_cue: regex.Pattern  # "ل + media noun? + quote? + words" in the folded window after a cue


def _key(s: str) -> str:
    return " ".join(fold(s).split()).casefold()


def _outlet(e: dict) -> Outlet:
    oid = e.get("id", "?")
    for k in REQUIRED:
        if k not in e:
            raise DataError(FILE, oid, f"missing key '{k}'")
    if not isinstance(e["domains"], list):
        raise DataError(FILE, oid, "domains must be a list")
    sigs = []
    for s in e.get("signatures", []) or []:
        try:
            sigs.append(regex.compile(fold(s), _FLAGS))
        except regex.error as exc:
            raise DataError(FILE, oid, f"signature does not compile: {exc}") from None
    return Outlet(oid, e["name"], e["name_ar"], tuple(d.lower() for d in e["domains"]), e["country"],
                  tuple(e.get("aliases", []) or []), bool(e.get("ambiguous", False)), tuple(sigs),
                  tuple(e.get("ambiguous_aliases", []) or []))


_VARIANTS = (("أ", "ا"), ("إ", "ا"), ("آ", "ا"), ("ة", "ه"), ("ى", "ي"))


def _cue_variants(words) -> tuple[str, ...]:
    """Each cue word as written, plus its spellings without hamza seats / with ه for ة."""
    out = set()
    for w in words:
        w = str(w).strip()
        forms = {w}
        for a, b in _VARIANTS:
            forms |= {f.replace(a, b) for f in forms}
        out |= {f for f in forms if f}
    return tuple(sorted(out, key=len, reverse=True))


def _alternation(items) -> str:
    alts = sorted({i for i in items if i}, key=len, reverse=True)
    return "|".join(regex.escape(a).replace(r"\ ", r"\s{1,3}") for a in alts)


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    """Load and compile ``outlets.yml`` once per process."""
    data = load_yaml(FILE)
    outlets = tuple(_outlet(e) for e in data.get("outlets", []))
    ids = [o.id for o in outlets]
    if len(set(ids)) != len(ids):
        raise DataError(FILE, None, "duplicate outlet id")
    by_key: dict[str, list[Outlet]] = {}
    by_form: dict[str, list[Outlet]] = {}
    for o in outlets:
        for k in {o.id, o.name, o.name_ar, *o.aliases, o.display}:
            by_key.setdefault(_key(k), []).append(o)
        for f in o.text_forms():
            by_form.setdefault(f.casefold(), []).append(o)
    media = _alternation(fold(m) for m in data.get("media_nouns", []))
    names = regex.compile(
        r"(?<![\p{L}\p{N}])(?P<pre>[وف]?[لب]?)\s?(?P<media>(?:" + media + r")\s{1,3})?(?P<q>[“\"«'‘]\s?)?"
        r"(?P<name>" + _alternation(by_form) + r")(?![\p{L}\p{N}])", _FLAGS)
    unreg = regex.compile(r"حصري[ةه]?\s{1,3}[وف]?[لب]\s?(?:(?:" + media + r")\s{1,3})?[“\"«]\s?(?P<name>[^“”\"«»\n]{2,40}?)\s?[”\"»]", _FLAGS)
    plain = regex.compile(r"حصري[ةه]?\s{1,3}[لب]\s?(?:" + media + r")\s{1,3}(?P<name>[\p{L}\p{N}]{2,20}(?:\s{1,3}[\p{L}\p{N}]{1,20}){0,3})"
                          r"\s{0,3}(?:[،,.؛;:!]|$)", _FLAGS)
    cues = [_cue_variants(data.get(key, [])) for key in ("interview_cues", "exclusive_cues")]
    return Registry(outlets, {k: tuple(v) for k, v in by_key.items()}, {k: tuple(v) for k, v in by_form.items()},
                    names, regex.compile(r"(?:" + media + r")", _FLAGS), cues[0], cues[1], unreg, plain,
                    regex.compile(r"(?<![\p{L}\p{N}])(?P<pre>[وف]?[لب]?)\s?(?P<media>(?:" + media + r")\s{1,3})?"
                                  r"(?P<q>[“\"«'‘]\s?)?(?P<words>[\p{L}\p{N}.]{1,25}(?:\s{1,3}[\p{L}\p{N}.]{1,25}){0,3})", _FLAGS))


# ---- site names printed as page furniture --------------------------------------------------

def mark_outlet_names(body: list[Line], z, extra: str | None = None) -> None:
    """Head or tail lines that are only an outlet's name (the logo or site name of the page):
    registered names, and the outlet name given by the input (``extra``)."""
    keys = registry().by_key
    extra_key = _key(extra) if extra else None
    for i, ln in enumerate(body):
        if ln.kind != "content" or z.where(i) == "body" or len(ln.text) > 60:
            continue
        k = _key(ln.text)
        if k in keys or (extra_key and k == extra_key):
            ln.kind, ln.rule = "boilerplate", "outlet-name"


# ---- metadata ----------------------------------------------------------------------------

def lookup_name(name: str) -> Outlet | None:
    """The registered outlet called ``name`` (any of its names, aliases or id), if exactly one."""
    hits = registry().by_key.get(_key(name), ())
    return hits[0] if len(hits) == 1 else None


def lookup_domain(url_or_host: str) -> Outlet | None:
    """The registered outlet of a URL or host name (longest matching domain wins)."""
    s = url_or_host.strip().lower()
    if "//" not in s:
        s = "//" + s
    try:
        u = urlparse(s)
        host = (u.hostname or "").removeprefix("www.")
        path = u.path or ""
    except ValueError:
        return None
    best, best_len = None, -1
    for o in registry().outlets:
        for d in o.domains:
            dh, _, dp = d.partition("/")
            if not (host == dh or host.endswith("." + dh)):
                continue
            if dp and not (path.strip("/") + "/").startswith(dp.strip("/") + "/"):
                continue
            if len(d) > best_len:
                best, best_len = o, len(d)
    return best


def host_of(meta: dict) -> str | None:
    """The host named by the input's ``domain`` or ``url`` field."""
    for key in ("domain", "url"):
        v = meta.get(key)
        if isinstance(v, str) and v.strip():
            s = v.strip()
            try:
                host = urlparse(s if "//" in s else "//" + s).hostname
            except ValueError:
                continue
            if host:
                return host.removeprefix("www.")
    return None


def from_meta(meta: dict) -> tuple[Outlet | None, str | None, str]:
    """(registered outlet, display name, rule) from input metadata; (None, None, '') when it says nothing."""
    given = meta.get("outlet")
    given = given.strip() if isinstance(given, str) else None
    if given:
        o = lookup_name(given)
        if o:
            return o, o.display, "meta:outlet"
    url = meta.get("url") if isinstance(meta.get("url"), str) else None
    host = host_of(meta)
    o = lookup_domain(url) if url else None
    if o is None and host:
        o = lookup_domain(host)
    if o:
        return o, o.display, "meta:domain"
    if given:
        return None, given, "meta:outlet-unregistered"
    if host:
        return None, host, "meta:domain-unregistered"
    return None, None, ""


# ---- the text ------------------------------------------------------------------------------

def _name_hits(text: str):
    """Registered outlets named in folded ``text`` (ambiguous names only when quoted or after a media noun)."""
    reg = registry()
    for m in reg.names.finditer(text):
        form = " ".join(m.group("name").split()).casefold()
        cands = reg.by_form.get(form, ())
        marked = bool(m.group("q") or m.group("media"))
        cands = tuple(o for o in cands if marked or not o.is_ambiguous(form))
        if len({o.id for o in cands}) == 1:
            yield cands[0]


def _decide(found: list[Outlet], rule: str) -> tuple[Outlet | None, str] | None:
    ids = {o.id for o in found}
    if not ids:
        return None
    if len(ids) == 1:
        return found[0], rule
    return None, f"ambiguous ({rule}: {', '.join(sorted(ids))})"


def from_text(lines: list[Line]) -> tuple[str | None, str]:
    """(display name, rule) from the document's lines (furniture already marked); (None, '') without evidence."""
    furn = [ln for ln in lines if ln.kind == "boilerplate"]
    body = [ln for ln in lines if ln.kind in ("content", "title")]
    tiers = (
        (lambda: [o for ln in furn if kind_of(ln.rule) in SELF_KINDS for o in _name_hits(fold(ln.text))], "text:furniture"),
        (lambda: _signature_hits(furn), "text:signature"),
        (lambda: _cued(body + furn, registry().exclusive, False), "text:exclusive"),
    )
    for get, rule in tiers:
        d = _decide(get(), rule)
        if d is not None:
            return (d[0].display if d[0] else None), d[1]
    name = _unregistered(furn + body)
    if name:
        return name, "text:exclusive-unregistered"
    name = _masthead(lines)
    if name:
        return name, "text:masthead"
    name = _newsletter_name(furn)
    if name:
        return name, "text:newsletter-unregistered"
    name = _copyright_name(furn)
    if name:
        return name, "text:copyright-unregistered"
    d = _decide(_cued(body, registry().interview, True), "text:interview (weak)")
    if d is not None:
        return (d[0].display if d[0] else None), d[1]
    return None, ""


def _signature_hits(furn: list[Line]) -> list[Outlet]:
    """Outlets whose template signature matches one of the furniture lines."""
    signed = [o for o in registry().outlets if o.signatures]
    found = []
    for ln in furn:
        f = fold(ln.text)
        found.extend(o for o in signed if any(rx.search(f) for rx in o.signatures))
    return found


def _cued(lines: list[Line], cues: tuple[str, ...], need_clitic: bool) -> list[Outlet]:
    """Outlets named within a few words after one of the cue words.

    Cue words are found with ``str.find`` in the unfolded text of all ``lines`` joined (as whole
    words, optionally followed by a suffix of one or two letters); only the short window after a
    cue (up to the end of its line) is folded, and its first few words are looked up in the registry.
    """
    found = []
    reg = registry()
    text = "\n".join(ln.text for ln in lines)
    for cue in cues:
        start = text.find(cue)
        while start >= 0:
            end = start + len(cue)
            if _word_start(text, start):
                o = _after_cue(text, end, need_clitic, reg)
                if o is not None:
                    found.append(o)
            start = text.find(cue, end)
    return found


def _after_cue(text: str, end: int, need_clitic: bool, reg: "Registry") -> Outlet | None:
    stop = text.find("\n", end)
    window = fold(text[end:min(end + 70, len(text) if stop < 0 else stop)]).lstrip()
    for k, w in enumerate(reg.after_cue.finditer(window, overlapped=True)):  # one try per word start
        if k >= 6:
            break
        if need_clitic and "ل" not in w.group("pre") and not w.group("media"):
            continue
        o = _lookup_words(w.group("words").split(), bool(w.group("q") or w.group("media")))
        if o is not None:
            return o
    return None


_LETTER = regex.compile(r"[\p{L}\p{M}]")


def _word_start(text: str, i: int) -> bool:
    """``text[i]`` starts a word, allowing one proclitic و / ف before it ("وقال", "فأكد")."""
    if i == 0 or not _LETTER.match(text, i - 1):
        return True
    return text[i - 1] in "وف" and (i == 1 or not _LETTER.match(text, i - 2))


def _lookup_words(ws: list[str], marked: bool) -> Outlet | None:
    """The registered outlet named by the longest prefix of the words ``ws`` (folded)."""
    by_form = registry().by_form
    for k in range(min(len(ws), 4), 0, -1):
        form = " ".join(ws[:k]).casefold()
        cands = by_form.get(form, ())
        cands = tuple(o for o in cands if marked or not o.is_ambiguous(form))
        if len({o.id for o in cands}) == 1:
            return cands[0]
    return None


def _unregistered(lines: list[Line]) -> str | None:
    """The outlet named in an exclusive-content notice, as written: quoted ("حصرية لجريدة “X”"), or, in a
    furniture line only, unquoted after a media noun up to punctuation ("حصري لموقع X، ويمنع نقله")."""
    rx = registry().unregistered
    for ln in lines:
        if "حصر" not in ln.text:  # cheap filter before folding (the notice says حصري / حصرية)
            continue
        m = rx.search(fold(ln.text))
        if not m:
            m = registry().unregistered_plain.search(fold(ln.text)) if ln.kind == "boilerplate" else None
            name = _as_written(ln.text, m.group("name")) if m else None
            if name:
                return name
            continue
        want = " ".join(m.group("name").split())
        for q in _QUOTED.finditer(ln.text):  # give the name back as the page writes it
            if " ".join(fold(q.group(1)).split()) == want:
                return " ".join(q.group(1).split())
        return want or None
    return None


def _masthead(lines: list[Line]) -> str | None:
    """The outlet a masthead line names: a furniture line before the headline that is only a media
    noun and a name ("جريدة الصباح", "موقع الأفق"), or only an outlet's name.  Returns the registered
    display name when the name is one outlet's, else the name as written (without the media noun).

    The page's own masthead outranks the owner named by a copyright line, which is often a publisher
    or a media group rather than the title (``text:copyright-unregistered``)."""
    reg = registry()
    rx = _masthead_rx()
    for ln in lines:
        if ln.kind != "boilerplate":
            break  # the headline or the first content line ends the masthead zone
        f = " ".join(fold(ln.text).split())
        m = rx.fullmatch(f)
        if m is None:
            continue
        cands = {o.id: o for o in reg.by_form.get(m.group("name").casefold(), ())}
        if len(cands) == 1:
            return next(iter(cands.values())).display
        return _as_written(ln.text, m.group("name"))
    return None


@functools.lru_cache(maxsize=1)
def _masthead_rx() -> regex.Pattern:
    """Media noun + a name of one to three words, on a folded line."""
    return regex.compile(r"(?:" + registry().media.pattern + r")\s{1,3}(?P<name>[\p{L}\p{N}.]{2,20}(?:\s{1,3}[\p{L}\p{N}.]{1,20}){0,2})",
                         _FLAGS)


_COPYRIGHT_NAME = regex.compile(
    r"©\s{0,3}(?:(?:19|20)\d{2}\s{0,3}[-–]?\s{0,3})?(?P<name>[\p{L}][\p{L}\p{N} .'’-]{1,40}?)\s{0,3}(?:(?:19|20)\d{2})?\s{0,3}(?:[.|,،:]|$)")
# "جميع الحقوق محفوظة لـ X ©", "all rights reserved to X": the owner named after the rights formula
_RIGHTS_OWNER = regex.compile(
    r"(?:محفوظة|محفوظه)\s{0,3}ل(?:ـ{1,3})?\s{0,3}(?P<name>[\p{L}][\p{L}\p{N} .'’-]{1,40}?)\s{0,3}(?:©|\(c\)|(?:19|20)\d{2}|[.|,،:]|$)"
    r"|reserved\s{1,3}(?:to|by)\s{1,3}(?P<name>[\p{L}][\p{L}\p{N} .'’-]{1,40}?)\s{0,3}(?:©|(?:19|20)\d{2}|[.|,:]|$)"
    r"|réservés\s{1,3}(?:à|a)\s{1,3}(?P<name>[\p{L}][\p{L}\p{N} .'’-]{1,40}?)\s{0,3}(?:©|(?:19|20)\d{2}|[.|,:]|$)",
    regex.IGNORECASE)
_RIGHTS = regex.compile(r"حقوق|محفوظ|rights|droits|copyright", regex.IGNORECASE)


@functools.lru_cache(maxsize=1)
def _newsletter_rx() -> regex.Pattern:
    nouns = load_yaml(FILE).get("newsletter_nouns", [])
    return regex.compile(rf"(?:{_alternation(fold(n) for n in nouns)})\s{{1,3}}لـ?\s{{0,2}}"
                         r"(?P<name>[^\s.,،؛:!؟]{2,20}(?:\s{1,3}(?!ل)[^\s.,،؛:!؟]{1,20}){0,2})")


def _newsletter_name(furn: list[Line]) -> str | None:
    """The site a newsletter prompt names after ل ("… بالقائمة البريدية لكواليس اليوم لتتوصل …"), as
    written; the words stop at the next ل-word (the purpose clause) or punctuation."""
    rx = _newsletter_rx()
    for ln in furn:
        if kind_of(ln.rule) != "newsletter":
            continue
        m = rx.search(fold(ln.text))
        if m:
            return _written_after_clitic(ln.text, m.group("name")) or m.group("name")
    return None


def _written_after_clitic(text: str, folded_name: str) -> str | None:
    """Like ``_as_written``, where the name's first word may carry the clitic ل/لـ ("لصدى الجنوب")."""
    want = folded_name.split()
    ws = [w.strip(_EDGE_PUNCT) for w in text.split()]
    for i in range(len(ws) - len(want) + 1):
        run = ws[i:i + len(want)]
        if [fold(w) for w in run[1:]] != want[1:]:
            continue
        for first in (run[0], run[0][1:], run[0][2:]):
            if fold(first) == want[0]:
                return " ".join([first, *run[1:]])
    return None


def _copyright_name(furn: list[Line]) -> str | None:
    """The site name a copyright line gives, as written: after © ("© 2025 X. جميع الحقوق محفوظة") or
    as the owner of the rights ("جميع الحقوق محفوظة لـ X © 2025")."""
    for ln in furn:
        if kind_of(ln.rule) != "copyright":
            continue
        for rx in (_RIGHTS_OWNER, _COPYRIGHT_NAME):
            m = rx.search(ln.text)
            name = " ".join(m.group("name").split()).strip(" .-") if m else ""
            if rx is _RIGHTS_OWNER and name.startswith("ل") and ln.text[m.start("name") - 1:m.start("name")] == "ل":
                name = "ا" + name  # "محفوظة للشروق": the clitic ل before the article ال
            if name and not _RIGHTS.search(name) and len(name.split()) <= 5:
                return name
    return None


_EDGE_PUNCT = ".,،؛;:!؟?\"'«»“”()"


def _as_written(text: str, folded_name: str) -> str | None:
    """The run of words of ``text`` whose fold is ``folded_name`` (the name as the page writes it)."""
    want = folded_name.split()
    ws = [w.strip(_EDGE_PUNCT) for w in text.split()]
    for i in range(len(ws) - len(want) + 1):
        run = ws[i:i + len(want)]
        if [fold(w) for w in run] == want:
            return " ".join(run)
    return None


_QUOTED = regex.compile(r"[“\"«]\s?([^“”\"«»\n]{2,40}?)\s?[”\"»]")
