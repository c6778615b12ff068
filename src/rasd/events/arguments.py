"""Who did it, to whom, where and when: argument frames applied around one trigger.

Every entity mention in the trigger's sentence is an argument candidate, read with the word before
it: a locative (في، ب + place, داخل، إلى) makes a place the event's location; a comitative (مع، ب +
person) or an object position makes a counterpart; an agentive phrase (من طرف X) names the actor
of an award.  The actor is the trigger's subject: for a verb the name right after it (VSO) or, failing
that, the nearest name before it with no preposition (SVO, relative clauses); for a masdar the name
in genitive right after it ("زيارة العلوي"), else the same fallback.  Names joined to the actor by
"و" are co-actors.  Titles and nisba adjectives describing a person or an organisation
("مدير مكتب التحقيقات الفيدرالي", "وزير الداخلية المغربي") are not participants of their own.
Also read here: the service whose units act ("مفارز للجيش"), the giver of a received thing ("تلقى
اتصالا من X", "تسلمت من X مطلوبا"), the sides named after بين, the recipient of aid, and the agent
after من طرف of a passive.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

import regex

from rasd.doc import TimeExpr
from rasd.events.context import Arg, Context, Sent, fold, fold_short
from rasd.events.lexicon import Lexicon
from rasd.events.places import country_entity, is_country, is_nisba_form, nisba_spans
from rasd.events.titles import Titles, title_before
from rasd.events.triggers import ARMED_SUBJECT, Hit

SUBJECT_GAP = 4  # words that may stand between a verb and its subject (adverbs, times)
GENITIVE_GAP = 2  # words between a masdar and its agent ("زيارة عمل السيد ...")
LOCATION_GAP = 20  # words (names not counted) between a trigger and the place tied to it
MULTI_GAP = 6  # words between a conference trigger and its organising body
NISBA_GAP = 3  # words between a nisba adjective ("المغربية") and the verb it is the subject of
COMITATIVE_GAP = 6  # words between a masdar and the مع / ب phrase naming its other side
RECEIVE_GAP = 8  # words between a received thing ("اتصالا هاتفيا") and من + the giver (titles count)
GENITIVE_B = "ب+"  # the name is the genitive of a noun carrying ب ("بسيادة المغرب")
_NON_WORD = regex.compile(r"[^\p{L}\p{N}]+")


@dataclass
class Cand:
    """An argument candidate read in its sentence."""

    arg: Arg
    prep: str  # the function word governing it ("" when none, "و" for a bare conjunction)
    k: int  # first token index
    e: int  # last token index
    stand_in: bool = False  # a nisba standing for its state after "نظيرتها" ("its counterpart"): a participant

    @property
    def key(self) -> str:
        return self.arg.entity.id


@dataclass
class EMention:
    """One event mention: a trigger with the arguments read around it."""

    hit: Hit
    type: str
    mode: str | None
    actors: list[Arg] = field(default_factory=list)
    counterparts: list[Arg] = field(default_factory=list)
    location: Arg | None = None
    location_rule: str = ""
    fallback_country: str | None = None  # the actor's country, for a host or a police action
    time: TimeExpr | None = None
    time_end: TimeExpr | None = None  # second half of "في سنتي 2014 و2018"
    days: int | None = None  # a stated duration ("لمدة يومين")
    implicit_agent: bool = False  # a passive, a bare verb or "أعلن عن توقيف": its agent goes untold
    rules: list[str] = field(default_factory=list)

    @property
    def participants(self) -> set[str]:
        return {a.entity.id for a in self.actors + self.counterparts}


def _ends_with(sent: Sent, j: int, phrases) -> int:
    """Length of a phrase of ``phrases`` ending at token ``j`` (0 when none)."""
    norm = sent.norm
    for ph in _longest_first(phrases):
        n = len(ph)
        if n and j - n + 1 >= 0 and norm[j] == ph[-1] and tuple(norm[j - n + 1: j + 1]) == ph:
            return n
    return 0


_BY_LENGTH: dict[int, tuple[tuple[str, ...], ...]] = {}


def _longest_first(phrases) -> tuple[tuple[str, ...], ...]:
    """``phrases`` sorted longest first (cached per long-lived phrase collection)."""
    got = _BY_LENGTH.get(id(phrases))
    if got is None:
        got = _BY_LENGTH[id(phrases)] = tuple(sorted(phrases, key=len, reverse=True))
    return got


def _prep(sent: Sent, a: Arg, k: int, lex: Lexicon, ends: frozenset[int] = frozenset()) -> str:
    """The function word before a mention: a clitic on its own word, or the word(s) before it.
    Honorifics, a person's title and a list opener ("كل من") are read through."""
    heads = lex.words["title_heads"]
    tok = sent.tokens[k]
    if a.start > tok.start and fold_short(sent.text[tok.start - sent.start: a.start - sent.start])[0] in ("و", "ف"):
        return "و"  # "وجون سميث": a conjunct
    rng = title_before(sent, k, lex, ends) if a.type == "PER" and not a.virtual else None
    if rng is not None:  # "ومع مدير ... السيد X", "بمديرة ... X": read before the title
        tok_norm = sent.norm[rng[0]]
        bare = tok_norm.lstrip("وف")
        if bare[:1] in ("ب", "ل") and bare[1:] in heads:
            return bare[0]
        if tok_norm[:1] == "و" and bare in heads:
            return "و"
        k = rng[0]
    else:
        tok = sent.tokens[k]
        if a.start > tok.start:  # "بالرباط" with the mention on "الرباط"
            clitic = fold_short(sent.text[tok.start - sent.start: a.start - sent.start])[0].strip().lstrip("وف")
            if clitic[:1] == "ل" and k >= 1 and sent.norm[k - 1] in lex.ext["subject_lam"]:
                return ""  # "وسبق لX أن زار": X is the subject
            if clitic:
                return clitic[0]
        text = fold_short(sent.text[a.start - sent.start: a.end - sent.start])[0]
        for c in ("وبال", "بال", "لل", "وب"):
            if text.startswith(c) and len(text) > len(c) + 2:
                return c.lstrip("و")[0]
    j = k - 1
    if a.nisba:  # an adjective takes the function word of the noun it describes ("بالسيادة المغربية")
        for back in range(j, max(-1, j - 3), -1):
            w = sent.norm[back].lstrip("وف")
            if w in _FUNCTION:
                return w
            if w[:1] in ("ب", "ل") and (w[1:3] == "ال" or w[:2] == "لل"):
                return w[0]
        return ""
    while j >= 1 and is_nisba_form(sent.norm[j]) and sent.norm[j - 1] in lex.ext["place_nouns"]:
        j -= 1  # "بالعاصمة الإسبانية مدريد": read past the adjective to the place noun
    if j >= 0 and sent.norm[j] in lex.ext["place_nouns"]:  # "بمدينة طنجة", "في العاصمة مدريد"
        w = sent.norm[j].lstrip("وف")
        if w[:1] in ("ب", "ل") and w[1:] and (w[1:] in lex.words["place_nouns"] or w[1:3] == "ال"
                                               or any(w[1:].startswith(p) for p in lex.words["place_nouns"])):
            return w[0]
        j -= 1
    while j >= 0 and (sent.norm[j] in ("(", "«", "\"", "“", "”", "»") or sent.norm[j] in lex.ext["honorifics"]):
        j -= 1
    j -= _ends_with(sent, j, lex.phrases["list_intro"])
    if j < 0:
        return ""
    if _ends_with(sent, j, lex.phrases["agentive"]):
        return "agent"
    w = sent.norm[j]
    if w in ("و", "ف"):
        return "و"
    if w in ("ل", "ب", "ك"):  # a clitic written apart ("لـ"داعش"")
        return w
    bare = w.lstrip("وف")
    if bare[:1] == "ب" and len(bare) > 3 and bare not in _FUNCTION and a.type in ("GPE", "ORG", "PER") \
            and sent.norm[j] not in lex.ext["title_heads"]:
        return GENITIVE_B  # "بسيادة المغرب": the name is the genitive of a ب-phrase
    w = w[1:] if w[:1] in ("و", "ف") and len(w) > 2 else w
    if w in lex.words["locative"]:  # "قبالة سواحل X", "قرب X"
        return w
    return w if len(w) <= 4 and w in _FUNCTION else ""


_FUNCTION = frozenset({"في", "الي", "مع", "من", "عن", "علي", "لدي", "داخل", "بداخل", "نحو", "ضد", "حول",
                       "رفقه", "بمعيه", "لدي", "بين", "عند"})


def _attached(sent: Sent, c: Cand, cands: list[Cand], titles: Titles, lex: Lexicon) -> bool:
    """A title's organisation or a nisba that describes a person or organisation next to it."""
    a = c.arg
    if a.type != "PER" and titles.covers(a.start, a.end) and not (a.type in ("GPE", "LOC") and c.prep and not a.nisba):
        return True
    if a.nisba:
        if _stand_in(sent, c, cands, lex):
            c.stand_in = True
            return False
        if any(sent.norm[i] in lex.ext["title_heads"] for i in range(max(0, c.k - 3), c.k)):
            return True
        for o in cands:
            if o is not c and o.arg.type in ("ORG", "PER") and 0 <= c.k - o.e <= 2 and o.arg.end <= a.start:
                return True
    return False


def _stand_in(sent: Sent, c: Cand, cands: list[Cand], lex: Lexicon) -> bool:
    """"إلى نظيرتها المغربية", "مع نظيره الإسباني": a title noun carrying a pronoun, then a nisba and no
    name after it: the nisba stands for that state's side (with a name after, it describes the person)."""
    if c.k < 1:
        return False
    head = sent.norm[c.k - 1]
    if head not in lex.ext["title_heads"] or not head.endswith(("ها", "هم", "هما")):
        return False  # a bare title ("السفير الفرنسي") describes its holder
    return not any(o.arg.type == "PER" and 0 < o.k - c.e <= 2 for o in cands)


def candidates(ctx: Context, si: int, extra: list[Arg], titles: Titles, lex: Lexicon) -> list[Cand]:
    """Argument candidates of sentence ``si``, titles and describing nisbas removed."""
    sent = ctx.sents[si]
    args = list(ctx.sent_args.get(si, []))
    real_per = [a for a in args if a.type == "PER"]
    for v in extra:
        clash = real_per if v.virtual else args
        if not any(a.start < v.end and v.start < a.end for a in clash):
            args.append(v)
    args.sort(key=lambda a: (a.start, -a.end))
    cands = []
    ends = frozenset(sent.tok_at(max(a.start, a.end - 1)) for a in args if a.type == "PER")
    for a in args:
        k, e = sent.tok_at(a.start), sent.tok_at(max(a.start, a.end - 1))
        if k >= len(sent.tokens):
            continue
        cands.append(Cand(a, _prep(sent, a, k, lex, ends - {e}), k, e))
    # a mention inside a person's stand-in title is part of it
    virt = [c for c in cands if c.arg.virtual]
    cands = [c for c in cands if c.arg.virtual or not any(v.arg.start <= c.arg.start and c.arg.end <= v.arg.end for v in virt)]
    return [c for c in cands if not _attached(sent, c, cands, titles, lex)]


def _is_locative(c: Cand, lex: Lexicon, sent: Sent | None = None) -> bool:
    """A place governed by a locative; a nisba too when it qualifies a place noun ("بالعاصمة التونسية")."""
    if c.arg.type not in ("GPE", "LOC") or c.prep not in lex.words["locative"] | {"ب"}:
        return False
    if not c.arg.nisba:
        return True
    return sent is not None and c.k >= 1 and sent.norm[c.k - 1] in lex.ext["place_nouns"]


def _is_participant(c: Cand, frame: str) -> bool:
    a = c.arg
    if a.type in ("PER", "ORG"):
        return True
    if a.type == "GPE":
        return a.nisba or is_country(a.entity) or frame == "multilateral"
    return False


def _gap_words(sent: Sent, a_end: int, b_start: int, cands: list[Cand]) -> list[str]:
    """Words between two offsets that no mention covers (punctuation dropped)."""
    if b_start <= a_end:
        return []
    chars = list(sent.text[a_end - sent.start: b_start - sent.start])
    for c in cands:
        lo, hi = max(c.arg.start, a_end), min(c.arg.end, b_start)
        if lo < hi:
            chars[lo - a_end: hi - a_end] = " " * (hi - lo)
    return [w for w in _NON_WORD.split(fold("".join(chars))[0]) if w]


def _coordinated(sent: Sent, first: Cand, pool: list[Cand], cands: list[Cand]) -> list[Cand]:
    """``first`` and the names of its type joined to it by "و" or a comma, left and right."""
    out = [first]
    ordered = sorted(pool, key=lambda c: c.arg.start)
    i = ordered.index(first)
    for step in (1, -1):
        j, cur = i + step, first
        while 0 <= j < len(ordered):
            nxt = ordered[j]
            left, right = (cur, nxt) if step == 1 else (nxt, cur)
            words = _gap_words(sent, left.arg.end, right.arg.start, cands)
            between = any(left.arg.end <= c.arg.start < right.arg.start and c.key not in (left.key, right.key)
                          for c in cands)
            if step == 1 and right.prep == "و" and nxt.arg.type == first.arg.type and not between:
                words = []  # "X، مدير ...، وY": joined by its own conjunction, across X's title
            same = nxt.key == cur.key
            if not same and (nxt.arg.type != first.arg.type or nxt.arg.nisba != first.arg.nisba):
                break
            if words and words != ["و"] and not same:
                break
            if same and len(words) > 2:
                break
            if not same:
                out.append(nxt)
            cur, j = nxt, j + step
    return sorted(out, key=lambda c: c.arg.start)


def _countable(sent: Sent, ctx: Context, si: int, lex: Lexicon, skip_names: bool) -> list[int]:
    """Prefix sums over the sentence's tokens of the words that count for distances (cached)."""
    key = (si, skip_names)
    got = ctx.dist_cache.get(key)
    if got is not None:
        return got
    skip = [(t.start, t.end) for t in ctx.sent_times.get(si, [])]
    if skip_names:
        skip += [(x.start, x.end) for x in ctx.sent_args.get(si, [])]
        skip += [(a, b) for a, b in ctx.title_spans if sent.start <= a < sent.end]
    starts = [t.start for t in sent.tokens]
    skipped: set[int] = set()  # tokens starting inside a skipped span (tokens are sorted by start)
    for a, b in skip:
        skipped.update(range(bisect.bisect_left(starts, a), bisect.bisect_left(starts, b)))
    norm, honor = sent.norm, lex.ext["honorifics"]
    prefix = [0]
    total = 0
    for i, w in enumerate(norm):
        if not (len(w) == 1 and not w.isalnum()) and w not in honor and i not in skipped:
            total += 1
        prefix.append(total)
    ctx.dist_cache[key] = prefix
    return prefix


def word_distance(sent: Sent, a: int, b: int, ctx: Context, si: int, lex: Lexicon, skip_names: bool = False) -> int:
    """Words between token ``a`` and ``b`` that are not times, punctuation or honorifics
    (nor, with ``skip_names``, inside a name or a title)."""
    lo, hi = min(a, b), max(a, b)
    if hi <= lo + 1:
        return 0
    p = _countable(sent, ctx, si, lex, skip_names)
    hi = min(hi, len(p) - 1)
    return max(0, p[hi] - p[lo + 1])


def clause_end(sent: Sent, tj: int, lex: Lexicon) -> int:
    """Raw offset where the trigger's clause ends ("علما أن", "حيث", "وذلك" ...), or the sentence end."""
    for i in range(tj + 1, len(sent.norm)):
        if sent.norm[i] in lex.ext["clause_breaks"]:
            return sent.tokens[i].start
    return sent.end


def clause_start(sent: Sent, ti: int, lex: Lexicon) -> int:
    """Raw offset where the trigger's clause begins (after the last clause break before it)."""
    for i in range(ti - 1, -1, -1):
        if sent.norm[i] in lex.words["clause_breaks"]:
            return sent.tokens[i].end
    return sent.start


def _before(sent: Sent, ti: int) -> int:
    """Index of the word before token ``ti``, read back over dates ("جرى يوم 7 نوفمبر تفكيك")."""
    skip = sent.cache.get("times", frozenset())
    j = ti - 1
    while j >= 0 and (j in skip or (len(sent.norm[j]) == 1 and not sent.norm[j].isalnum())):
        j -= 1
    return j + 1


def _passive(sent: Sent, ti: int, lex: Lexicon) -> bool:
    """"تم إجهاض", "حصل على إشادة": the trigger's own subject is not its actor."""
    ti = _before(sent, ti)
    for back in (1, 2):
        j = ti - back
        if j >= 0 and _ends_with(sent, j, lex.phrases["passive"]) and back <= 2:
            return True
    bare = sent.norm[ti - 1][1:] if ti >= 1 and sent.norm[ti - 1][:1] in ("و", "ف") else ""
    return (bare,) in lex.phrases["passive"]  # "وتم إيقافه"



def _subject(m: EMention, sent: Sent, ctx: Context, si: int, pool: list[Cand], lex: Lexicon) -> Cand | None:
    h, frame = m.hit, m.hit.entry.frame
    free = [c for c in pool if c.prep in ("", "و")]
    agent = [c for c in pool if c.prep == "agent" and c.k > h.tj]
    if agent and (frame == "award" or _passive(sent, h.ti, lex)):
        return agent[0]  # "نال توشيحا من طرف X", "جرى تفكيك خلية من طرف X"
    if _passive(sent, h.ti, lex):
        return None
    gap = SUBJECT_GAP if h.entry.pos == "verb" else GENITIVE_GAP
    unit = _unit_subject(h, sent, ctx, si, pool, lex)
    if unit is not None:
        return unit
    # a masdar's genitive agent: "زيارة X", also "بلقاء X" (where X reads as the genitive of a ب-noun)
    after_pool = free + [c for c in pool if h.entry.pos == "noun" and c.prep == GENITIVE_B]
    if frame == "agency":  # "أوقفت الشرطة X": a person after a police action is the one acted on
        after_pool = [c for c in after_pool if c.arg.type != "PER"]
    patient = h.entry.pos == "noun" and frame in ("agency", "give")  # "تفكيك خلية لداعش": the genitive is acted on
    after = sorted((c for c in after_pool if c.k > h.tj and word_distance(sent, h.tj, c.k, ctx, si, lex) <= gap),
                   key=lambda c: c.k) if not (h.suffixed and h.entry.pos == "noun") and not patient else []
    if after:  # a name before an adjective: "رجل المنظومة الأمنية المغربية السيد X"
        return next((c for c in after if not c.arg.nisba), after[0])
    start = clause_start(sent, h.ti, lex)
    before = [c for c in free if c.e < h.ti and c.arg.start >= start]
    if not before or (h.weak and before[-1] is not pool[0]):
        return None  # a generic plural takes only the sentence's first name as its subject
    last = before[-1]
    if last.arg.nisba and word_distance(sent, last.e, h.ti, ctx, si, lex, True) > NISBA_GAP:
        return None  # "مسؤولون مغاربة ... زاروا": an adjective far back is not the subject
    return last


def _light_subject(sent: Sent, h: Hit, pool: list[Cand], ctx: Context, lex: Lexicon) -> Cand | None:
    """"تمكنت المديرية العامة ... من تفكيك": the subject right after a light verb (تمكن، نجح) earlier
    in the sentence is the actor of the masdars it governs."""
    lv = next((i for i in range(h.ti - 1, -1, -1) if sent.norm[i] in lex.ext["light_verbs"]), None)
    if lv is None:
        return None
    return next((c for c in sorted(pool, key=lambda c: c.k) if lv < c.k and c.e < h.ti and c.prep in ("", "و")
                 and c.arg.type in ("ORG", "PER", "GPE") and not c.arg.nisba
                 and word_distance(sent, lv, c.k, ctx, h.sent, lex, True) <= SUBJECT_GAP), None)


def _partners(sent: Sent, subj: Cand, h: Hit, pool: list[Cand], cands: list[Cand]) -> list[Cand]:
    """"X، بتنسيق مع Y و Z، من ...": the names in the مع phrase after the light verb's subject."""
    first = next((c for c in sorted(pool, key=lambda c: c.k) if subj.e < c.k < h.ti and c.prep == "مع"), None)
    if first is None:
        return []
    end = next((i for i in range(first.e + 1, h.ti) if sent.norm[i] in ("،", ",")), h.ti)  # the phrase ends at a comma
    return sorted((c for c in pool if first.k <= c.k < end and c.arg.type == first.arg.type and not c.arg.nisba),
                  key=lambda c: c.k)


def _unit_subject(h: Hit, sent: Sent, ctx: Context, si: int, pool: list[Cand], lex: Lexicon) -> Cand | None:
    """"أوقفت مفارز للجيش ...", "تمكنت عناصر من الشرطة ...", "وحدة تابعة للبحرية": the service whose
    units act is the subject of a police action (agency or agent frame), right after the trigger."""
    if h.entry.frame not in ("agency", "agent") or h.suffixed:
        return None
    units = lex.ext["unit_nouns"]
    start = clause_start(sent, h.ti, lex)

    def of_unit(c: Cand) -> bool:
        return c.arg.type in ("ORG", "GPE") and c.prep in ("ل", "من", "ب", "في", "") and \
            any(0 <= c.k - back and sent.norm[c.k - back] in units for back in (1, 2, 3))

    after = [c for c in pool if c.k > h.tj and word_distance(sent, h.tj, c.k, ctx, si, lex) <= SUBJECT_GAP]
    before = [c for c in pool if c.e < h.ti and c.arg.start >= start]  # "تمكنت شعبة ... في X من توقيف"
    return next((c for c in sorted(after, key=lambda c: c.k) if of_unit(c)), None) or \
        next((c for c in sorted(before, key=lambda c: -c.k) if of_unit(c)), None)


def _received(m: EMention, sent: Sent, pool: list[Cand], ctx: Context, lex: Lexicon) -> bool:
    """"تسلمت X من Y مطلوبا", "تلقى X اتصالا هاتفيا من Y": Y acts (hands over, calls), X receives.
    Swaps the roles when a receiving verb is (or stands shortly before) the trigger and a name
    follows it after من."""
    h = m.hit
    recv = lex.ext["receive_verbs"]
    start = sent.tok_at(clause_start(sent, h.ti, lex))
    if not any(sent.norm[i] in recv for i in range(start, h.tj + 1)):
        return False
    giver = [c for c in sorted(pool, key=lambda c: c.k) if c.k > h.tj and c.arg.type in ("PER", "ORG", "GPE")
             and _after_min(sent, h.tj, c) and word_distance(sent, h.tj, c.k, ctx, h.sent, lex, True) <= RECEIVE_GAP]
    if not giver:
        return False
    receivers = [a for a in m.actors if a.entity.id != giver[0].arg.entity.id]
    m.actors = [giver[0].arg]
    m.counterparts = receivers + [a for a in m.counterparts if a.entity.id != giver[0].arg.entity.id
                                  and a not in receivers]
    m.rules.append("actor:giver-after-min")
    return True


def _auxiliary(sent: Sent, ti: int, lex: Lexicon) -> bool:
    """"تم توقيف", "وجرى تفكيك", "أعلن عن توقيف": a masdar whose agent the sentence leaves untold."""
    ti = _before(sent, ti)
    for j in (ti - 1, ti - 2):
        if j >= 0:
            w = sent.norm[j]
            if w in lex.ext["passive_aux"] or w in ("عن", "بعن"):
                return True
    return False


def _recipient(m: EMention, sent: Sent, pool: list[Cand], lex: Lexicon) -> None:
    """Aid given "إلى موريتانيا" or "لفائدة الشرطة الموريتانية": that state receives it; a state
    in the destination is the recipient, not the place."""
    loc = m.location
    if loc is not None and is_country(loc.entity) and m.location_rule in (
            "location:locative:الي", "location:locative:نحو"):
        m.counterparts.append(loc)
        m.location, m.location_rule = None, ""
        m.rules.append("counterpart:recipient")
    taken = {a.entity.id for a in m.actors + m.counterparts}
    for c in pool:
        if c.arg.nisba and c.k > m.hit.tj and c.arg.entity.id not in taken and \
                any(sent.norm[j] in ("لفايده", "لصالح") for j in range(max(0, c.k - 4), c.k)):
            m.counterparts.append(c.arg)
            taken.add(c.arg.entity.id)
            m.rules.append("counterpart:beneficiary")


def _after_min(sent: Sent, tj: int, c: Cand) -> bool:
    """``c`` is governed by من: its own function word, or من a few words (titles) before it
    ("من صاحب السمو الأمير X")."""
    if c.prep == "من":
        return True
    return c.prep == "" and any(sent.norm[j] == "من" for j in range(max(tj + 1, c.k - 5), c.k))


def _between(m: EMention, sent: Sent, pool: list[Cand], cands: list[Cand], ctx: Context, lex: Lexicon) -> bool:
    """"لقاء بين X و Y", "توقيع اتفاق بين X و Y": the parties named after بين are the sides."""
    h = m.hit
    first = [c for c in pool if c.k > h.tj and c.prep == "بين"
             and word_distance(sent, h.tj, c.k, ctx, h.sent, lex, True) <= COMITATIVE_GAP]
    if not first:
        return False
    group = [first[0]]
    for c in sorted(pool, key=lambda c: c.k):  # "بين X وY" (a state and a body may be joined)
        if c.k > group[-1].e and c.prep == "و" and word_distance(sent, group[-1].e, c.k, ctx, h.sent, lex, True) <= 1:
            group.append(c)
    if len(group) < 2 or any(c.arg.nisba for c in group):
        return False
    m.actors, m.counterparts = [group[0].arg], [c.arg for c in group[1:]]
    m.rules.append("actors:between")
    return True


def _seat(sent: Sent, c: Cand, cands: list[Cand]) -> bool:
    """"بالتنسيق مع مكتب الإنتربول في روما": a place right after a body that is itself governed by a
    preposition (its own, or the one before its head noun), so not the subject, is that body's seat,
    not where the event happened."""
    def governed(o: Cand) -> bool:
        return o.prep not in ("", "و", "ل") or (o.k >= 2 and sent.norm[o.k - 2].lstrip("وف") in _FUNCTION)
    return any(o.arg.type == "ORG" and 0 < c.k - o.e <= 2 and governed(o) for o in cands)  # "في" between


def _location(m: EMention, ctx: Context, locs: list[Cand], lex: Lexicon, objects: list[Cand] = ()) -> None:
    """The place tied to the trigger: a visit's destination (after إلى, or its object: "زار باريس"),
    else the nearest locative place within ``LOCATION_GAP`` words."""
    h = m.hit
    sent = ctx.sents[h.sent]

    def dist(c: Cand) -> int:
        return word_distance(sent, h.tj if c.k > h.tj else h.ti, c.k if c.k > h.tj else c.e, ctx, h.sent, lex, True)

    near = [c for c in locs if dist(c) <= LOCATION_GAP]
    if h.entry.frame == "visit":
        dest = [c for c in near if c.prep in lex.words["destination"] and c.k > h.tj]
        dest += [c for c in objects if c.k > h.tj and dist(c) <= SUBJECT_GAP]
        if dest:
            m.location, m.location_rule = min(dest, key=dist).arg, "location:destination"
            return
    if not near:
        return
    best = min(near, key=dist)
    m.location, m.location_rule = best.arg, f"location:locative:{best.prep}"


def _country_arg(ctx: Context, code: str | None, near: Arg) -> Arg | None:
    """The document's entity for country ``code`` (or a stand-in one), placed at ``near``."""
    ent = country_entity(code, ctx.doc) if code else None
    return Arg(near.start, near.end, ent, "GPE", rule="country-of-city") if ent is not None else None


def nisba_args(ctx: Context, si: int) -> list[Arg]:
    """Nisba adjectives of sentence ``si`` that no entity mention covers, as country arguments."""
    sent = ctx.sents[si]
    taken = ctx.sent_args.get(si, [])
    out = []
    for a, b, code in nisba_spans(sent.text, sent.start, sent.folded()):
        if any(x.start < b and a < x.end for x in taken):
            continue
        ent = country_entity(code, ctx.doc)
        if ent is not None:
            out.append(Arg(a, b, ent, "GPE", nisba=True, rule="nisba:kb"))
    return out


def _member_body(sent: Sent, h: Hit, pool: list[Cand], lex: Lexicon) -> list[Cand]:
    """"أقر وزراء الداخلية في دول مجلس التعاون، خلال اجتماعهم الذي عقد ...": a body named after a
    member noun earlier in the trigger's clause is the meeting's organising body."""
    start = clause_start(sent, h.ti, lex)
    return [c for c in pool if c.arg.type == "ORG" and c.e < h.ti and c.arg.start >= start and c.k >= 1
            and sent.norm[c.k - 1] in lex.ext["member_nouns"]][:1]


def _multilateral(m: EMention, ctx: Context, pool: list[Cand], lex: Lexicon) -> None:
    """Organising body after the trigger (genitive) -> actor; else host state(s) actor, body counterpart."""
    h = m.hit
    sent = ctx.sents[h.sent]
    genitive = [c for c in pool if h.entry.pos == "noun" and c.arg.type == "ORG" and c.k > h.tj
                and word_distance(sent, h.tj, c.k, ctx, h.sent, lex) <= 2 and c.prep in ("", "ل")]
    times = sent.cache.get("times", frozenset())

    def gap(a: int, b: int) -> int:  # |b - a| with the dates between not counted
        lo, hi = min(a, b), max(a, b)
        return hi - lo - sum(1 for k in range(lo + 1, hi) if k in times)

    orgs = [c for c in pool if c.arg.type == "ORG" and min(gap(c.k, h.tj), gap(h.ti, c.e)) <= MULTI_GAP]
    states = [c for c in pool if c.arg.type == "GPE" and c.prep in ("", "و")]
    if not genitive:
        genitive = _member_body(sent, h, pool, lex)
    if genitive:
        m.actors = [genitive[0].arg]
        m.rules.append("actor:organising-body")
        host = _country_arg(ctx, m.location.entity.country, m.location) if m.location is not None else None
        if host is not None:  # the assembly of a body, held in a state: that state is the other side
            m.counterparts = [host]
            m.rules.append("counterpart:host-state")
        return
    subj = None
    if states:
        after = [c for c in states if c.k > h.tj and c.k - h.tj <= SUBJECT_GAP]
        before = [c for c in states if c.e < h.ti]
        subj = after[0] if (after and h.entry.pos == "verb") else (before[-1] if before else None)
    if subj is not None:
        for c in _coordinated(sent, subj, states, pool):
            if is_country(c.arg.entity):
                m.actors.append(c.arg)
                continue
            if m.location is None:  # a host city: the place, and its country is the host
                m.location, m.location_rule = c.arg, "location:host-city"
            state = _country_arg(ctx, c.arg.entity.country, c.arg)
            if state is not None:
                m.actors.append(state)
        m.rules.append("actor:host-state")
        if m.location is None and len(m.actors) == 1:  # "احتضنته تونس": the host country is the place
            m.location, m.location_rule = m.actors[0], "location:host-state"
    elif m.location is not None and m.location.entity.country and not orgs:  # "افتتح ... في نواكشوط أشغال اجتماع"
        state = _country_arg(ctx, m.location.entity.country, m.location)
        if state is not None:
            m.actors = [state]
            m.rules.append("actor:host-of-place")
    m.counterparts = [c.arg for c in orgs if not any(c.arg.entity.id == a.entity.id for a in m.actors)][:2]


def _counterparts(m: EMention, ctx: Context, others: list[Cand], cands: list[Cand], lex: Lexicon) -> list[Cand]:
    h, e = m.hit, m.hit.entry
    sent = ctx.sents[h.sent]
    if e.frame == "award":
        return [c for c in others if c.k > h.tj or c.arg.type == "PER"]
    if e.frame == "agency" and e.pos == "noun":  # "تفكيك خلية موالية لداعش": the group acted on
        return [c for c in others if c.k > h.tj and c.prep not in ("مع", "agent", "و") and not c.arg.nisba]
    if e.pos == "noun":  # a masdar names its other side with مع / ب ("مباحثات مع كل من ...")
        after = [c for c in others if c.k > h.tj]
        cps: list[Cand] = []
        if e.frame == "meeting" and m.actors and m.actors[0].start > h.end:
            free_before = [c for c in others if c.e < h.ti and c.prep in ("", "و")]
            cps += free_before[-1:]  # "عبر الوزير عن سعادته بلقاء العلوي": the other side
        for c in after:
            if (c.prep in lex.words["comitative"] or c.prep == GENITIVE_B) and c not in cps and (
                    cps or word_distance(sent, h.tj, c.k, ctx, h.sent, lex, True) <= COMITATIVE_GAP):
                cps += [x for x in _coordinated(sent, c, after, cands) if x not in cps]
        return cps
    if e.frame == "meeting":
        return others
    if e.frame in ("agency", "give"):
        return [c for c in others if c.k > h.tj and c.prep not in ("مع", "agent") and (c.stand_in or not c.arg.nisba)]
    return [c for c in others if c.k > h.tj]


def extract(ctx: Context, h: Hit, cands: list[Cand], lex: Lexicon, bound: int | None = None) -> EMention:
    """Read the arguments of trigger ``h`` from the candidates of its sentence; names at or after
    ``bound`` (the next trigger of the sentence) belong to that one's counterparts, not this one's."""
    sent = ctx.sents[h.sent]
    e = h.entry
    m = EMention(h, e.type, e.mode, rules=list(h.rules))
    if h.anaphoric:  # "هذه الزيارة": refers back; its arguments are the earlier event's
        m.rules.append("anaphor")
        return m
    stop = clause_end(sent, h.tj, lex)
    cands = [c for c in cands if not (c.arg.start < h.end and h.start < c.arg.end) and c.arg.start < stop]
    begin = clause_start(sent, h.ti, lex)
    locs = [c for c in cands if _is_locative(c, lex, sent) and c.arg.start >= begin
            and (e.frame != "agency" or c.prep != "نحو")
            and not _seat(sent, c, cands)]  # "الإبحار نحو السواحل الإسبانية": where they headed
    pool = [c for c in cands if not _is_locative(c, lex, sent) and _is_participant(c, e.frame)]
    objects = [c for c in cands if c.arg.type in ("GPE", "LOC") and not c.arg.nisba and c.prep == ""]
    _location(m, ctx, locs, lex, objects if e.frame == "visit" else [])
    if e.frame == "multilateral":
        _multilateral(m, ctx, pool, lex)
        return m
    subj = _subject(m, sent, ctx, h.sent, pool, lex)
    light = _light_subject(sent, h, pool, ctx, lex) if e.frame in ("agency", "agent") else None
    partners: list[Cand] = []
    if light is not None and (subj is None or subj.k < h.ti) and not _passive(sent, h.ti, lex):
        subj = light  # "تمكنت X، بتنسيق مع Y، من تفكيك ... في عملية مشتركة": X acts
        m.rules.append("actor:light-verb")
        if e.type == "COOPERATE":  # its partners are the other side
            partners = _partners(sent, light, h, pool, cands)
    if subj is not None:
        group = _coordinated(sent, subj, [c for c in pool if c.prep in ("", "و", subj.prep)], cands)
        if e.frame == "meeting":  # "لقاء X و Y": Y is the other side
            group = group[:1]
        m.actors = [c.arg for c in group]
        if h.weak and any(a.type != "PER" for a in m.actors):
            m.actors = []  # "زيارات ... مسؤولين مغاربة": a generic plural needs a named person
        m.rules.append(f"actor:{'agentive' if subj.prep == 'agent' else ('after' if subj.k > h.tj else 'before')}")
    taken = {a.entity.id for a in m.actors}
    others = [c for c in pool if c.key not in taken and (bound is None or c.arg.start < bound or c.k < h.ti)]
    seen: set[str] = set()
    for c in partners + _counterparts(m, ctx, others, cands, lex):
        if c.key not in seen:
            seen.add(c.key)
            m.counterparts.append(c.arg)
    if e.frame == "meeting" and e.pos == "verb" and not m.actors:  # "وقع المدير العام ... X ونظيره Y"
        people = [a for a in m.counterparts if a.type == "PER" and a.start > h.end]
        if len(people) >= 2:
            m.actors = [people[0]]
            m.counterparts = [a for a in m.counterparts if a is not people[0]]
            m.rules.append("actor:first-of-sides")
    if e.frame == "meeting" and e.pos == "noun" and not any(r == "actor:after" for r in m.rules):
        _between(m, sent, pool, cands, ctx, lex)
    if e.frame == "give":
        _recipient(m, sent, pool, lex)
    m.implicit_agent = e.frame == "agency" and not m.actors and (e.pos == "verb" or _auxiliary(sent, h.ti, lex))
    if e.frame in ("meeting", "agent"):
        _received(m, sent, pool, ctx, lex)
    if ARMED_SUBJECT in h.rules:  # "مجموعة مسلحة قد احتجزتهم قبالة السواحل الليبية": the gunmen are no state
        m.actors = [a for a in m.actors if a.type != "GPE"]
    if m.actors and e.frame in ("host", "agency"):
        m.fallback_country = m.actors[0].entity.country
    return m


def _coordinated_masdar(ctx: Context, m: EMention, prev: EMention | None) -> bool:
    """A police-action masdar joined by و to the previous one of its sentence shares its actor."""
    h = m.hit
    return (prev is not None and prev.hit.sent == h.sent and bool(prev.actors) and h.entry.pos == "noun"
            and prev.hit.entry.pos == "noun" and ctx.sents[h.sent].norm[h.ti][:1] == "و"
            and (not m.actors or "actor:before" in m.rules))


def fill_agency_actors(ctx: Context, mentions: list[EMention]) -> None:
    """Police actions told with no acting service ("تم توقيف ...", "أعلنت السلطات عن حجز ..."):
    the service of the nearest earlier police action in the document acts again when it belongs to
    the state where this one happened (or no place is told); else that state itself acts."""
    last: Arg | None = None
    prev: EMention | None = None
    for m in mentions:
        if m.hit.entry.frame != "agency" or m.hit.anaphoric:
            continue
        if _coordinated_masdar(ctx, m, prev):  # "أعلن الجهاز تفكيك خلية ... واعتقال أربعة"
            m.actors = list(prev.actors)
            m.rules = [r for r in m.rules if not r.startswith("actor:")] + ["actor:coordinated-masdar"]
        prev = m
        if m.actors:
            last = m.actors[0]
            continue
        if not m.implicit_agent:
            continue
        where = m.location.entity.country if m.location is not None else None
        if last is not None and (where is None or last.entity.country == where):
            m.actors = [last]
            m.rules.append("actor:earlier-police-action")
        elif where:
            state = _country_arg(ctx, where, m.location)
            if state is not None:
                m.actors = [state]
                m.rules.append("actor:state-of-place")
        if m.actors:
            m.fallback_country = m.actors[0].entity.country
