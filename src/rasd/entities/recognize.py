"""Find PER/ORG/GPE/LOC mentions in the content lines of a document.

Four sources, in order of trust, over each sentence of each content line:

1. the knowledge base: longest alias match on normalised, clitic-stripped tokens (``kb:alias``,
   ``kb:nisba``; aliases that are also common words only after a place cue, ``kb:cue``; names
   many countries' bodies share, resolved by the stage to one country, ``kb:generic``);
2. patterns: organisation heads extended over their genitive words (``pattern:org``), titles
   and role heads before a name (``pattern:title``), Latin acronyms (``pattern:acronym``),
   quoted outlet names after a media noun or an interview cue (``pattern:outlet``), registered
   outlets of two words or more named in prose (``outlet:prose``); a corps' name (حرس، خفر ...)
   keeps a nisba inside it (``pattern:org:force``); a nisba after a party noun (نظيره الإيطالي)
   is ``kb:nisba-party``;
3. the statistical tagger (``crf``), when its module and model are present, on sentences where
   an uncovered word looks like a name;
4. overlaps are resolved by trust, then length: one mention per stretch of text.

Hostile input is bounded: a token over ``MAX_WORD`` letters reads as ``LONG_WORD`` (never part
of a mention), and sentences over ``MAX_TAGGED`` tokens are not tagged.

Offsets are raw: a proclitic on the first word is left out of the mention (``بالرباط`` ->
``الرباط``), except ``لل`` whose second lam is the article (``للأمن`` is kept whole).
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

import regex

from rasd.doc import Document, Span
from rasd.entities.patterns import Lexicon, PhraseSet, lexicon
from rasd.kb import KB, get_kb, norm_token, stems
from rasd.text.normalize import has_arabic, normalize_map, strip_clitics
from rasd.text.tokens import sentences, tokenize

PRIO_KB, PRIO_PATTERN, PRIO_CRF = 3, 2, 1
MAX_NAME = 4  # tokens of a person's name found by a title
MAX_ORG = 8  # tokens of an organisation name found by its head
_LATIN_ACRONYM = regex.compile(r"^[A-Z][A-Z0-9]{1,6}$")
_ARABIC_WORD = regex.compile(r"^[\p{Arabic}]+$")
_COMMA = {"،", ","}
MAX_WORD = 40  # letters: a longer "word" (a run of text without spaces) is never part of a name
LONG_WORD = "\u2026"  # what such a token reads as to every step (its raw offsets are kept)
MAX_TAGGED = 400  # tokens: longer run-on "sentences" are not sent to the tagger


@dataclass(slots=True)
class Tok:
    start: int
    end: int
    text: str
    norm: str


@dataclass(slots=True)
class Found:
    """A candidate mention over tokens ``[i, j)`` of one sentence."""

    i: int
    j: int
    start: int
    end: int
    type: str
    rule: str
    prio: int
    kb: list[tuple[str, str]] = field(default_factory=list)  # (KB id, kind)
    role_head: str | None = None  # English role word of a title before a person
    role_objects: list[str] = field(default_factory=list)  # KB ids / domains named in the role
    role_text: str | None = None  # raw text of the role phrase
    sent: int = 0  # sentence number in the document
    score: float = 1.0
    local: str | None = None  # canonical name of a national body of a country the KB lacks
    country: str | None = None  # that body's country (ISO code)


def sentence_tokens(raw: str, span: Span) -> list[Tok]:
    """Tokens of one sentence; an absurdly long token (over ``MAX_WORD`` characters) reads as
    ``LONG_WORD``, so no step spends time on it and no mention runs into it."""
    return [_tok(t.start, t.end, t.text) for t in tokenize(span.text, span.start)]


def _tok(start: int, end: int, text: str) -> Tok:
    if len(text) > MAX_WORD:
        return Tok(start, end, LONG_WORD, LONG_WORD)
    return Tok(start, end, text, norm_token(text))


def content_sentences(doc: Document) -> list[Span]:
    """Sentences of the content lines (never boilerplate)."""
    out: list[Span] = []
    for line in doc.content:
        out.extend(sentences(line.text, line.start))
    return out


def start_after_clitic(tok: Tok, stem: str) -> int:
    """Raw offset where ``stem`` (a clitic-stripped form of ``tok.norm``) starts in the token."""
    word = tok.norm
    if stem == word or not word.endswith(stem):
        return tok.start  # unchanged, or "لل" + stem matched as "ال" + stem: keep the token whole
    cut = len(word) - len(stem)
    idx = _index_map(tok.text)
    return tok.start + idx[cut] if cut < len(idx) else tok.start


def _stem_for(kb: KB, word: str, toks0: str) -> str:
    """The clitic-stripped stem of ``word`` that equals an alias's first token ``toks0``."""
    for s in stems(word):
        if s == toks0:
            return s
    return word


@functools.lru_cache(maxsize=50_000)
def _index_map(text: str) -> list[int]:
    return normalize_map(text)[1]


# ---------------------------------------------------------------- knowledge base
def kb_candidates(kb: KB, lex: Lexicon, toks: list[Tok]) -> list[Found]:
    norm = [nisba_base(kb, t.norm) for t in toks]
    out = []
    for m in kb.scan(norm):
        first_key = m.key.split(" ")[0]
        kinds = {k for _, k in m.ids}
        if not _keep_kb_match(lex, toks, norm, m, kinds):
            continue
        stem = _stem_for(kb, norm[m.start], first_key)
        if norm[m.start] != toks[m.start].norm:
            stem = _inflected_stem(toks[m.start].norm, stem)
        ids = [x for x in m.ids if x[1] != "generic"] or m.ids
        eid, kind = _prefer(kb, ids)
        typ = kb.by_id[eid].type
        rule = {"alias": "kb:alias", "nisba": "kb:nisba", "cue": "kb:cue", "generic": "kb:generic"}[kind]
        j = m.end
        i, start = m.start, start_after_clitic(toks[m.start], stem)
        if _adjective_names(kb, lex, norm, m, eid):
            i, start = m.start + 1, toks[m.start + 1].start
        f = Found(i, j, start, toks[j - 1].end, typ, rule, PRIO_KB, kb=ids)
        if kind == "nisba" and party_before(lex, norm, m.start) and not toks[j - 1].norm.endswith(("ين", "ون")):
            f.rule = "kb:nisba-party"
        out.append(f)
    return out


# inflectional endings of a nisba (accusative, plural, dual) and the base ending each stands for
_NISBA_ENDINGS = (("يتين", "يه"), ("يتان", "يه"), ("يين", "ي"), ("يون", "ي"), ("يان", "ي"),
                  ("يا", "ي"), ("ين", "ي"), ("ون", "ي"))


def nisba_base(kb: KB, word: str) -> str:
    """``مغربيا`` -> ``مغربي``, ``الإسبانيتين`` -> ``الاسبانيه``: an inflected form of a KB nisba
    reads as the listed form (the article and proclitics kept); any other word is unchanged."""
    if word in kb.keys or len(word) < 5:
        return word
    for end, base in _NISBA_ENDINGS:
        if not word.endswith(end):
            continue
        cand = word[:-len(end)] + base
        for s in stems(cand):
            if any(k == "nisba" for _, k in kb.keys.get(s, [])):
                return cand
    return word


def _inflected_stem(word: str, stem: str) -> str:
    """The part of the inflected ``word`` that starts where the base-form ``stem`` starts."""
    for s in stems(word):
        if s.startswith(stem[:3]):
            return s
    return word


def _adjective_names(kb: KB, lex: Lexicon, norm: list[str], m, eid: str) -> bool:
    """``القارة الأفريقية``: a common noun then the place's own nisba; the nisba is the name."""
    if m.end - m.start < 2 or not any(s in lex.adjective_heads for s in stems(norm[m.start])):
        return False
    rest = " ".join(norm[m.start + 1:m.end])
    return (eid, "nisba") in kb.keys.get(rest, [])


def _keep_kb_match(lex: Lexicon, toks: list[Tok], norm: list[str], m, kinds: set[str]) -> bool:
    """Drop lower-case Latin words, cue-only aliases without a cue, and lone false friends."""
    single = m.end - m.start == 1
    if not has_arabic(toks[m.start].text) and not _latin_ok(toks[m.start:m.end]):
        return False
    if "cue" not in kinds and not (single and m.key in lex.false_friends):
        return True
    cue_before = m.start > 0 and lex.place_cues.has_stem(norm[m.start - 1])
    cue_inside = not single and lex.place_cues.match(norm, m.start) is not None
    if kinds == {"cue"} and not (cue_before or cue_inside):
        return False
    if single and m.key in lex.false_friends:
        return cue_before or (m.start > 0 and norm[m.start - 1] in lex.country_cues) \
            or ("nisba" in kinds and party_before(lex, norm, m.start)) or _in_country_list(norm, m)
    return True


def _in_country_list(norm: list[str], m) -> bool:
    """``النيجر ومالي``, ``مالي والنيجر``: a false friend joined by و to a country's name is a country."""
    before = norm[m.start].startswith("و") and m.start > 0 and _is_country(norm[m.start - 1])
    after = m.end < len(norm) and norm[m.end].startswith("و") and _is_country(norm[m.end][1:])
    return before or after


def _is_country(word: str) -> bool:
    kb = get_kb()
    return any(kind == "alias" and kb.by_id[eid].kind == "country" for eid, kind in kb.keys.get(word, []))


def party_before(lex: Lexicon, norm: list[str], i: int) -> bool:
    """``نظيره الإيطالي``, ``الوفد المالي``: a nisba right after a noun for one side of a meeting
    names that side's country."""
    return i > 0 and lex.party_nouns.has_stem(norm[i - 1])


def _latin_ok(toks: list[Tok]) -> bool:
    """Latin aliases count when written with capitals (FBI, Europol), never as lower-case words."""
    return all(t.text[:1].isupper() or not t.text[:1].isalpha() for t in toks)


def _prefer(kb: KB, ids: list[tuple[str, str]]) -> tuple[str, str]:
    """The entry an ambiguous alias most likely means: countries before cities, then file order."""
    order = {"country": 0, "continent": 1, "region": 1, "city": 2}
    return min(ids, key=lambda x: (x[1] == "cue", order.get(kb.by_id[x[0]].kind or "", 1)))


# ---------------------------------------------------------------- patterns
def covered_mask(n: int, found: list[Found]) -> list[Found | None]:
    mask: list[Found | None] = [None] * n
    for f in found:
        for k in range(f.i, f.j):
            mask[k] = f
    return mask


def org_candidates(kb: KB, lex: Lexicon, toks: list[Tok], mask: list[Found | None]) -> list[Found]:
    """Unknown organisations: a head (مكتب، وكالة، المديرية العامة ...) and its genitive words.

    The chain must name something (a word such as الوطني/الدولي, a known place or body, or a
    nisba), and a head with the article right after another definite word is an adjective
    (الجريمة المنظمة), not a head.
    """
    norm = [t.norm for t in toks]
    out = []
    i = 0
    while i < len(toks):
        hit = lex.org_heads.match(norm, i) if mask[i] is None else None
        if hit is None or _adjectival(lex, norm, i, hit[1][0]):
            i += 1
            continue
        end, head = hit
        j, named = _extend_genitive(lex, kb, norm, end, mask)
        named = named or any(w in lex.org_inner for w in head[1:]) or " ".join(head) in lex.org_heads_self_named \
            or (" ".join(head) in lex.org_heads_chain_named and j - end >= 2)
        need = 2 if " ".join(head) in lex.org_heads_need_two else 1
        if j - end >= need and named and _arabic_span(toks[i:j]):
            stem = _stem_for(kb, norm[i], head[0])
            start = toks[i].start if norm[i].startswith("لل") else start_after_clitic(toks[i], stem)
            f = Found(i, j, start, toks[j - 1].end, "ORG", "pattern:org", PRIO_PATTERN, score=0.7)
            if " ".join(head) in lex.org_heads_self_named:
                f.rule = "pattern:org:force"  # a corps' name keeps its nisba (حرس الحدود التونسي)
            out.append(f)
            i = j
        else:
            i += 1
    return out


def _adjectival(lex: Lexicon, norm: list[str], i: int, head0: str) -> bool:
    """``الجريمة المنظمة``: a definite head right after a definite noun is its adjective."""
    if i == 0 or not head0.startswith("ال") or not norm[i].startswith("ال") or norm[i - 1] in lex.stop_words:
        return False
    return any(s.startswith("ال") for s in stems(norm[i - 1]))


def _arabic_span(toks: list[Tok]) -> bool:
    return all(_ARABIC_WORD.match(t.text) or t.text.isdigit() for t in toks)


def _extend_genitive(lex: Lexicon, kb: KB, norm: list[str], j: int,
                     mask: list[Found | None]) -> tuple[int, bool]:
    """End of the genitive chain after an organisation head, and whether it names something."""
    start = j
    named = False
    while j < len(norm) and j - start < MAX_ORG:
        w = norm[j]
        f = mask[j]
        if f is not None:
            if f.type == "PER":
                break
            named = True
            j = f.j  # a known name inside the organisation's name
            continue
        if w in lex.stop_words or not _ARABIC_WORD.match(w) or _new_head(lex, norm, j):
            break
        if w in lex.org_inner:
            named = True
            j += 1
            continue
        if w.startswith("ال") or w.startswith("لل") or w.startswith("وال"):
            named = named or any(k == "nisba" for _, k in kb.keys.get(w, []))
            j += 1
            continue
        if _construct_link(w) and j + 1 < len(norm) and norm[j + 1].startswith("ال"):
            j += 1  # "لمكافحة الإرهاب", "وأمن المنافذ": a construct noun, then its definite genitive
            continue
        if _bare_construct(lex, norm, start, j):
            j += 1  # "مكتب مكافحة غسل الأموال": bare construct nouns right after the head
            continue
        break
    while j > start and norm[j - 1].startswith("و") and not norm[j - 1].startswith("وال"):
        j -= 1
    return j, named


def _new_head(lex: Lexicon, norm: list[str], j: int) -> bool:
    """``ورئاسة الادعاء العام``: و then an organisation head starts another body."""
    w = norm[j]
    return len(w) > 3 and w.startswith("و") and lex.org_heads.match([w[1:]] + norm[j + 1:j + 3], 0) is not None


def _bare_construct(lex: Lexicon, norm: list[str], start: int, j: int) -> bool:
    """A bare noun in a chain of bare nouns right after the head (مكافحة غسل), ending in a
    definite genitive within two words (الأموال)."""
    if any(w.startswith(("ال", "لل", "وال")) for w in norm[start:j]):
        return False
    for k in (j + 1, j + 2):
        if k >= len(norm) or norm[k] in lex.stop_words or not _ARABIC_WORD.match(norm[k]):
            return False
        if norm[k].startswith("ال"):
            return True
    return False


def _construct_link(w: str) -> bool:
    """``لمكافحة`` / ``وأمن``: a lam- or waw-prefixed noun that carries the name on. A lam before a
    verbal noun of the derived forms (لاتخاذ, لتعزيز) says what for: it ends the name."""
    if len(w) <= 3:
        return False
    if w.startswith("و") and not w.startswith("ول"):
        return True
    return w.startswith("ل") and w[1:2] == "م"


def person_candidates(kb: KB, lex: Lexicon, toks: list[Tok], mask: list[Found | None],
                      orgs: list[Found]) -> list[Found]:
    """Persons named after a title or a role (السيد X، وزير الداخلية X، مدير مكتب ... ، X).

    A title directly before a known person gives that person's mention its role; before an
    unknown name it makes a new person mention, when the name starts like a name (a given name
    of the lexicon or the KB, or a frequent name token).
    """
    norm = [t.norm for t in toks]
    org_at = {f.i: f for f in orgs}
    out = []
    i = 0
    while i < len(toks):
        if mask[i] is not None:
            i = mask[i].j if mask[i].type == "PER" else i + 1
            continue
        title = lex.person_titles.match(norm, i) or lex.role_heads.match(norm, i)
        if title is None:
            i += 1
            continue
        head_end, head = title
        role_word = lex.person_titles.value.get(head) or lex.role_heads.value.get(head)
        k, objects = skip_role_objects(kb, lex, norm, head_end, mask, org_at)
        k = _name_start(kb, lex, toks, k, mask)
        if k is None:
            i += 1
            continue
        role_text = _raw_between(toks, i, k)
        known = mask[k]
        if known is not None and known.type == "PER":
            if known.role_head is None:
                known.role_head, known.role_objects, known.role_text = role_word, objects, role_text
            i = known.j
            continue
        name_end = _take_name(lex, toks, k, mask)
        out.append(Found(k, name_end, toks[k].start, toks[name_end - 1].end, "PER", "pattern:title",
                         PRIO_PATTERN, role_head=role_word, role_objects=objects, role_text=role_text,
                         score=0.8))
        i = name_end
    return out


def _name_start(kb: KB, lex: Lexicon, toks: list[Tok], k: int, mask) -> int | None:
    """Where the name after a role phrase starts: right there, or after a comma a few words on."""
    if _starts_name(kb, lex, toks, k, mask):
        return k
    for c in range(k, min(len(toks) - 1, k + 7)):
        w = toks[c].norm
        if toks[c].text in _COMMA:
            return c + 1 if _starts_name(kb, lex, toks, c + 1, mask) else None
        if w in (".", "؛", ":") or (mask[c] is not None and mask[c].type == "PER"):
            return None
    return None


def _starts_name(kb: KB, lex: Lexicon, toks: list[Tok], k: int, mask) -> bool:
    if k >= len(toks):
        return False
    if mask[k] is not None:
        return mask[k].type == "PER" and mask[k].i == k
    end = _take_name(lex, toks, k, mask)
    words = [t.norm for t in toks[k:end]]
    return _name_ok(kb, lex, words)


def _raw_between(toks: list[Tok], i: int, k: int) -> str:
    k = max(i + 1, k)
    while k > i + 1 and toks[k - 1].text in _COMMA:
        k -= 1
    return " ".join(t.text for t in toks[i:k])


def skip_role_objects(kb: KB, lex: Lexicon, norm: list[str], k: int, mask, org_at,
                       is_role: bool = True) -> tuple[int, list[str]]:
    """Skip what a role is of (الداخلية، مكتب التحقيقات ...، الإسباني, المكلف بقسم ...)."""
    objects: list[str] = []
    generic = 0
    while k < len(norm):
        f = mask[k]
        if f is not None and f.type != "PER" and f.i == k:
            objects.extend(i for i, _ in f.kb[:1])
            k = f.j
            continue
        dom = lex.role_domains.match(norm, k)
        if dom is not None:
            objects.append("domain:" + " ".join(dom[1]))
            k = dom[0]
            continue
        if k in org_at:
            k = org_at[k].j
            continue
        w = norm[k]
        if w in lex.org_inner or (w.startswith("ال") and generic < 3 and w not in lex.stop_words
                                  and not lex.person_titles.has_stem(w)):
            generic += 1
            k += 1
            continue
        break
    return k, objects


def _take_name(lex: Lexicon, toks: list[Tok], k: int, mask) -> int:
    """End of a person's name starting at token ``k`` (``k`` itself when there is none)."""
    j = k
    count = 0
    while j < len(toks) and count < MAX_NAME:
        w = toks[j].norm
        if not _ARABIC_WORD.match(toks[j].text) or w in lex.stop_words:
            break
        if mask[j] is not None and mask[j].type != "PER":
            break
        if lex.person_titles.has_stem(w) or lex.role_heads.has_stem(w) or lex.org_heads.has_stem(w):
            break
        if count and w.startswith("و") and (w.startswith("وو") or w.startswith("وال") or w[1:] in lex.first_names):
            break
        if w.startswith("ال") and count == 0 and not _joined(lex, toks, j):
            break
        if w in lex.name_joiners and j + 1 < len(toks) and _ARABIC_WORD.match(toks[j + 1].text):
            j += 2
            count += 1
            continue
        if count >= 2 and not w.startswith("ال") and _name_weight(w) < 1 and w not in lex.first_names:
            break  # a third word must look like a name (or be a family name with the article)
        j += 1
        count += 1
        if w in lex.compound_name_parts and count == 2:
            continue  # حسام الدين الجبابلي: the article word of a compound given name
        if w.startswith("ال") and count >= 2:
            break
    return j


def _joined(lex: Lexicon, toks: list[Tok], j: int) -> bool:
    return j > 0 and toks[j - 1].norm in lex.name_joiners


def _name_ok(kb: KB, lex: Lexicon, words: list[str]) -> bool:
    """A found name looks like one: two words or more, the first a given name (or a joiner)."""
    if len(words) < 2 or not plausible_name(lex, words):
        return False
    first = words[0]
    return (first in lex.name_joiners or first in lex.first_names or first in kb.first_names
            or _name_weight(first) >= 3)


def plausible_name(lex: Lexicon, words: list[str]) -> bool:
    """A name starting with a word that is also a common noun (باسم, وسام, also behind a
    preposition: بوسام) needs a further word that looks like a name: a frequent name token, a
    bare word, or a family name with the article that is not a feminine noun (الإدارة)."""
    first = words[0]
    forms = [first] + ([first[1:]] if first[:1] in ("ب", "ل", "ك") and len(first) > 3 else [])
    if not any(f in lex.ambiguous_given_names for f in forms):
        return True
    return any(_name_weight(w) >= NAME_HINT or not w.startswith("ال") or not w.endswith(("ه", "ة"))
               for w in words[1:])


@functools.lru_cache(maxsize=1)
def _name_table() -> dict:
    try:
        from rasd.entities.translit import name_table
        return name_table()
    except Exception:  # the transliteration tables are optional here
        return {}


def _name_weight(word: str) -> float:
    return sum(w for _, w in _name_table().get(word, []))


_OPEN_QUOTES = {"“": "”", "«": "»", '"': '"', "„": "“"}


def outlet_candidates(lex: Lexicon, toks: list[Tok], mask) -> list[Found]:
    """A quoted short name after a media noun or an interview cue (صحيفة «X»، في تصريح لـ "X")."""
    out = []
    for q, tok in enumerate(toks):
        close = _OPEN_QUOTES.get(tok.text)
        if close is None or q == 0 or not _media_before(lex, toks, q):
            continue
        end = next((e for e in range(q + 1, min(len(toks), q + 6)) if toks[e].text == close), None)
        if end is None or end == q + 1 or any(mask[k] is not None for k in range(q + 1, end)):
            continue
        out.append(Found(q + 1, end, toks[q + 1].start, toks[end - 1].end, "ORG", "pattern:outlet",
                         PRIO_PATTERN, score=0.7))
    return out


def _media_before(lex: Lexicon, toks: list[Tok], q: int) -> bool:
    prev = [t.norm for t in toks[max(0, q - 3):q]]
    if prev and any(lex.media_nouns.has_stem(w) for w in prev[-1:]):
        return True
    # "تصريح لـ “X”": the lam written apart, right after an interview noun
    return len(prev) >= 2 and prev[-1] in ("ل", "لـ") and lex.interview_nouns.has_stem(prev[-2])


@functools.lru_cache(maxsize=1)
def outlet_names() -> PhraseSet:
    """Arabic names of the registered outlets of two words or more (شفق نيوز), which are not
    common phrases; one-word names (الشروق, الأيام) are common words and are left out."""
    try:
        from rasd.clean.outlet import registry
    except ImportError:
        return PhraseSet([])
    names = []
    for o in registry().outlets:
        for a in (o.name_ar, *o.aliases):
            if has_arabic(a) and len(a.split()) >= 2 and not any(c.isdigit() for c in a):
                names.append(a)
    return PhraseSet(names)


def prose_outlet_candidates(toks: list[Tok], mask) -> list[Found]:
    """A registered outlet named in the text (وقال مصدر لشفق نيوز ...): an organisation."""
    names = outlet_names()
    norm = [t.norm for t in toks]
    out = []
    for i in range(len(toks)):
        if mask[i] is not None:
            continue
        hit = names.match(norm, i)
        if hit is None or any(mask[k] is not None for k in range(i, hit[0])):
            continue
        stem = next((x for x in stems(norm[i]) if x == hit[1][0]), norm[i])
        out.append(Found(i, hit[0], start_after_clitic(toks[i], stem), toks[hit[0] - 1].end, "ORG",
                         "outlet:prose", PRIO_PATTERN, score=0.8))
    return out


def acronym_candidates(toks: list[Tok], mask) -> list[Found]:
    """Latin capitals in Arabic text (DGST, FBI) that the KB does not know: organisations."""
    out = []
    for i, t in enumerate(toks):
        if mask[i] is None and _LATIN_ACRONYM.match(t.text):
            out.append(Found(i, i + 1, t.start, t.end, "ORG", "pattern:acronym", PRIO_PATTERN, score=0.6))
    return out


# ---------------------------------------------------------------- statistical tagger
@functools.lru_cache(maxsize=1)
def tagger():
    """The CRF tagger, or None when its module or model is missing."""
    try:
        from rasd.entities.tagger import get_tagger
        return get_tagger()
    except Exception:  # optional: KB and patterns still work without it
        return None


_TAG_TYPES = {"PERS": "PER", "PER": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "GPE"}


def crf_candidates(kb: KB, lex: Lexicon, toks: list[Tok], tags: list[str] | None = None) -> list[Found]:
    """Mentions from the tagger's tags for ``toks`` (computed here unless given, e.g. from a batch)."""
    if tags is None:
        tg = tagger()
        if tg is None or not toks:
            return []
        tags = tg.tag([t.text for t in toks])
    out = []
    for i, j, typ in _spans(tags):
        typ = _TAG_TYPES.get(typ)
        if typ is None or not _arabic_span(toks[i:j]):
            continue
        if _common_word(lex, toks[i].norm) or (j - i == 1 and any(x in lex.false_friends for x in stems(toks[i].norm))):
            continue  # a tagged span starting with a function word or a lone false friend
        if typ == "ORG" and _adjectival(lex, [t.norm for t in toks], i, toks[i].norm):
            continue
        if typ in ("PER", "PERS"):
            cut = _cut_at_place_cue(lex, toks, i, j)
            lone = cut - i == 1 and (cut < j or _lone_unknown(kb, lex, toks[i]))
            j = cut
            if not plausible_name(lex, [t.norm for t in toks[i:j]]) or lone and not _known_word(kb, lex, toks[i]):
                continue
        start = _crf_start(kb, lex, toks[i], typ)
        if typ in ("LOC", "GPE"):
            typ = _place_type(kb, lex, toks[i:j], start)
        out.append(Found(i, j, start, toks[j - 1].end, typ, "crf", PRIO_CRF, score=0.8))
    return out


def _cut_at_place_cue(lex: Lexicon, toks: list[Tok], i: int, j: int) -> int:
    """A person's name ends before a place word (مهلوس بولايتي ...)."""
    for k in range(i + 1, j):
        if lex.place_cues.has_stem(toks[k].norm):
            return k
    return j


def _known_word(kb: KB, lex: Lexicon, tok: Tok) -> bool:
    return any(s in lex.first_names or s in kb.first_names or _name_weight(s) >= NAME_HINT
               for s in stems(tok.norm)[:2])


def _lone_unknown(kb: KB, lex: Lexicon, tok: Tok) -> bool:
    """A one-word tagged person starting with a preposition whose rest is no known name."""
    w = tok.norm
    if w[:1] not in ("ب", "ل", "ك") or w in lex.first_names or w in kb.first_names:
        return False
    return _name_weight(w) < NAME_HINT


NAME_HINT = 1.0  # name-table weight from which an uncovered word may start a name


def _worth_tagging(kb: KB, lex: Lexicon, toks: list[Tok], mask) -> bool:
    """Run the tagger only where a name may hide: an uncovered word that is a given name (lexicon,
    KB) or a frequent name token. Sentences of common words alone are left out (speed)."""
    for k, t in enumerate(toks):
        if mask[k] is not None or t.norm in lex.stop_words or not _ARABIC_WORD.match(t.text):
            continue
        for s in stems(t.norm)[:2]:
            if s in lex.first_names or s in kb.first_names or _name_weight(s) >= NAME_HINT:
                return True
    return False


def _common_word(lex: Lexicon, word: str) -> bool:
    return word in lex.stop_words or word in lex.false_friends and not word.startswith("ال")


def _spans(tags: list[str]):
    i = 0
    while i < len(tags):
        t = tags[i]
        if t.startswith("B-") or t.startswith("I-"):
            typ = t[2:]
            j = i + 1
            while j < len(tags) and tags[j] == f"I-{typ}":
                j += 1
            yield i, j, typ
            i = j
        else:
            i += 1


def _crf_start(kb: KB, lex: Lexicon, tok: Tok, typ: str) -> int:
    """Leave a proclitic out of a tagged span's first word when the rest is clearly a word."""
    w = tok.norm
    if w.startswith("ال"):
        return tok.start  # the article belongs to the name
    for stem in stems(w)[1:]:
        if len(stem) < 3:
            continue
        known = stem in kb.first or stem in kb.first_names or _name_weight(stem) >= 20
        if stem.startswith("ال") and not w.startswith("ال") or known or w.startswith("وو"):
            return start_after_clitic(tok, stem)
    return tok.start


def _place_type(kb: KB, lex: Lexicon, toks: list[Tok], start: int) -> str:
    text = " ".join(t.norm for t in toks)
    for s in strip_clitics(text.split(" ")[0]):
        hits = kb.lookup(" ".join([s] + text.split(" ")[1:]))
        if hits:
            return hits[0][0].type if hits[0][0].type in ("GPE", "LOC") else "GPE"
    first = strip_clitics(toks[0].norm)
    return "LOC" if any(s in lex.loc_heads for s in first) else "GPE"


# ---------------------------------------------------------------- all together
def resolve(found: list[Found]) -> list[Found]:
    """Non-overlapping mentions: more trusted source first, then longer, then earlier; a nisba
    inside a corps' name (حرس الحدود التونسي, rule ``pattern:org:force``) is part of that name."""
    orgs = [(o.i, o.j) for o in found if o.rule == "pattern:org:force"]
    if orgs:
        found = [f for f in found if not (f.rule.startswith("kb:nisba") and any(i < f.i and f.j <= j for i, j in orgs))]
    chosen: list[Found] = []
    taken: set[int] = set()
    for f in sorted(found, key=lambda f: (-f.prio, -(f.j - f.i), f.i)):
        if any(k in taken for k in range(f.i, f.j)):
            continue
        chosen.append(f)
        taken.update(range(f.i, f.j))
    return sorted(chosen, key=lambda f: f.i)


def rule_candidates(toks: list[Tok], kb: KB, lex: Lexicon) -> list[Found]:
    """Mentions of one sentence from the KB and the patterns (before the tagger)."""
    found = kb_candidates(kb, lex, toks)
    mask = covered_mask(len(toks), found)
    orgs = org_candidates(kb, lex, toks, mask)
    people = person_candidates(kb, lex, toks, mask, orgs)
    mask2 = covered_mask(len(toks), found + orgs + people)
    found += orgs + people + acronym_candidates(toks, mask2) + outlet_candidates(lex, toks, mask2)
    found += prose_outlet_candidates(toks, mask2)
    return found


def recognize_sentence(toks: list[Tok], kb: KB | None = None, lex: Lexicon | None = None,
                       use_crf: bool = True) -> list[Found]:
    """Mentions of one tokenised sentence."""
    kb = kb or get_kb()
    lex = lex or lexicon()
    found = rule_candidates(toks, kb, lex)
    if use_crf and len(toks) <= MAX_TAGGED and _worth_tagging(kb, lex, toks, covered_mask(len(toks), found)):
        found += crf_candidates(kb, lex, toks)
    found = resolve(found)
    retype_places(lex, toks, found)
    return found


def recognize(doc: Document, use_crf: bool = True) -> list[tuple[list[Tok], list[Found]]]:
    """Per content sentence: its tokens and the mentions found in it.

    Same answer as :func:`recognize_sentence` on each sentence; the sentences worth tagging
    go through the tagger in one batch.
    """
    kb, lex = get_kb(), lexicon()
    sents: list[tuple[int, list[Tok], list[Found]]] = []
    for n, sent in enumerate(content_sentences(doc)):
        if not has_arabic(sent.text) and not _LATIN_ACRONYM.search(sent.text):
            continue
        toks = sentence_tokens(doc.raw, sent)
        sents.append((n, toks, rule_candidates(toks, kb, lex)))
    tg = tagger() if use_crf else None
    if tg is not None:
        todo = [k for k, (_, toks, found) in enumerate(sents)
                if toks and len(toks) <= MAX_TAGGED and _worth_tagging(kb, lex, toks, covered_mask(len(toks), found))]
        tags = tg.tag_many([[t.text for t in sents[k][1]] for k in todo])
        for k, tg_tags in zip(todo, tags):
            sents[k][2].extend(crf_candidates(kb, lex, sents[k][1], tg_tags))
    out = []
    for n, toks, found in sents:
        found = resolve(found)
        retype_places(lex, toks, found)
        for f in found:
            f.sent = n
        out.append((toks, found))
    return out


def retype_places(lex: Lexicon, toks: list[Tok], found: list[Found]) -> None:
    """A tagged "person" right after a place word (مدينة، بولاية، محافظة ...) or in a list with
    places (كركوك وصلاح الدين وديالى) is a place."""
    for n, f in enumerate(found):
        if f.type != "PER" or f.rule != "crf":
            continue
        cue = f.i > 0 and lex.place_cues.has_stem(toks[f.i - 1].norm)
        if cue or _listed_with_places(toks, found, n):
            f.type = "GPE"


def _listed_with_places(toks: list[Tok], found: list[Found], n: int) -> bool:
    f = found[n]
    prev = found[n - 1] if n > 0 else None
    nxt = found[n + 1] if n + 1 < len(found) else None
    before = prev is not None and prev.j == f.i and prev.type in ("GPE", "LOC") and toks[f.i].norm.startswith("و")
    after = nxt is not None and nxt.i == f.j and nxt.type in ("GPE", "LOC") and toks[nxt.i].norm.startswith("و")
    return before or after
