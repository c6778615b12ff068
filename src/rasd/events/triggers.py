"""Find trigger words in the sentences and decide, from their neighbours, which report an event.

``find(ctx, lex)`` runs the compiled trigger pattern once over each normalised sentence, maps every
match back to raw offsets, and keeps a ``Hit`` unless the words around it say the event did not or
may not happen: a negation right before it ("لم يلتق"), a denial earlier in the sentence ("نفى"),
an intention ("يعتزم", "يأمل"), a generic quantity ("العديد من", "عشرات"), or a frame it is only
the setting of ("على هامش" a conference).  A decision ("قرر") or a future marker ("سيعقد", "غدا")
keeps the hit but marks it, so the event is coded as scheduled only when its date or place is fixed.
A form several entries share ("ضبط" a person or a shipment) takes the first entry whose required object
follows, counted in words (names, dates and punctuation skipped); a tally ("أكثر من 90 عملية") and a
topic of talks ("تناول اللقاء سبل ... وتبادل المعلومات") report no event.  A form read both as an arrest
and an abduction ("احتجز") is the abduction when an armed group or unknown gunmen hold it ("كانت مجموعة
مسلحة قد احتجزتهم"); a pronoun on a verb is its object, not a possessor.
"""
from __future__ import annotations

import bisect
import functools
from dataclasses import dataclass, field

from rasd.events.context import Context, Sent
from rasd.events.lexicon import TRIGGERS_FILE, Lexicon, TriggerEntry, _words, expand
from rasd.resources import load_yaml
from rasd.text.normalize import normalize

NEG_FAR = frozenset({"لم", "لن", "عدم"})  # negators that may stand two words before the trigger
TOPIC_GAP = 12  # words a topic marker ("سبل تعزيز") may stand before a cooperation trigger
INTENT_GAP = 10  # words an intention verb may stand before the trigger ("يعتزم الوزير ... زيارة")
RECORD_GAP = 4  # words a record noun ("نجاحات لافتة في") may stand before a police-action masdar
ARMED_GAP = 4  # words an armed subject ("مجموعة مسلحة قد") may stand before the verb it holds
ARMED_SUBJECT = "subject:armed-group"  # rule of a hit read as an abduction for its armed subject


@functools.lru_cache(maxsize=None)
def extra_words(key: str) -> frozenset[str]:
    """A word list of triggers.yml read by the events code beyond the compiled Lexicon (normalised,
    with clitics and pronouns attached): ``armed_subjects``, ``same_day``, ``announce_verbs``."""
    data = load_yaml(TRIGGERS_FILE)
    return expand(normalize(w) for w in _words(data, key, TRIGGERS_FILE))


@dataclass
class Hit:
    """One trigger occurrence that reports an event (or a scheduled one)."""

    entry: TriggerEntry
    sent: int
    start: int  # raw offsets
    end: int
    ti: int  # first and last token index in the sentence
    tj: int
    weak: bool = False
    anaphoric: bool = False  # "هذه الزيارة": refers back to an event told before
    future: bool = False
    decision: bool = False
    suffixed: bool = False  # a pronoun on the trigger ("اعترافها"): its agent is that pronoun
    rules: list[str] = field(default_factory=list)


def _window(sent: Sent, a: int, b: int) -> range:
    return range(max(0, a), min(len(sent.norm), b))


def _needs(sent: Sent, rng: range, words: frozenset[str]) -> bool:
    """One of ``words`` in ``rng``; a one-letter entry (ب) is a clitic on any word ("بالعاصمة")."""
    clitics = _CLITIC_WORDS.get(id(words))
    if clitics is None:
        clitics = _CLITIC_WORDS[id(words)] = tuple(w for w in words if len(w) == 1)
    norm = sent.norm
    return any(norm[i] in words or (clitics and norm[i].startswith(clitics) and len(norm[i]) > 2) for i in rng)


_CLITIC_WORDS: dict[int, tuple[str, ...]] = {}  # one-letter entries of each (long-lived) word set


def _any(sent: Sent, rng: range, words: frozenset[str]) -> bool:
    return any(sent.norm[i] in words for i in rng)


_FIRSTS: dict[int, frozenset[str]] = {}


def _first_forms(phrases) -> frozenset[str]:
    """The phrases' first words with clitics and pronouns attached (cached per phrase list)."""
    got = _FIRSTS.get(id(phrases))
    if got is None:
        got = _FIRSTS[id(phrases)] = expand(ph[0] for ph in phrases)
    return got


def _phrase_starts(sent: Sent, phrases) -> list[tuple[int, int]]:
    """(start token, length) of every phrase of ``phrases`` in the sentence (cached per list)."""
    key = id(phrases)
    got = sent.cache.get(key)
    if got is not None:
        return got
    norm = sent.norm
    firsts = _first_forms(phrases)
    out = []
    for k, w in enumerate(norm):
        if w not in firsts:
            continue
        stems = sent.stems(k)
        for ph in phrases:
            if (ph[0] == w or ph[0] in stems) and all(k + x < len(norm) and ph[x] == norm[k + x] for x in range(1, len(ph))):
                out.append((k, len(ph)))
    sent.cache[key] = out
    return out


def _phrase_before(sent: Sent, ti: int, phrases, span: int) -> bool:
    """One of ``phrases`` (tuples of words) within ``span`` words before token ``ti``."""
    return any(ti - span <= k and k + n <= ti for k, n in _phrase_starts(sent, phrases))


def _object_window(sent: Sent, tj: int, n: int, skip: frozenset[int]) -> range:
    """Tokens after ``tj`` holding ``n`` words that count: names, dates and punctuation do not
    ("أحبطت شرطة أبوظبي، يوم 10 مارس 2025، محاولة تهريب": the object is the next counted word)."""
    k, counted = tj + 1, 0
    norm = sent.norm
    while k < len(norm) and counted < n:
        w = norm[k]
        if k not in skip and not (len(w) == 1 and not w.isalnum()):
            counted += 1
        k += 1
    return range(tj + 1, k)


def _skipped(ctx: Context, si: int, sent: Sent) -> frozenset[int]:
    """Token indices of a sentence inside a name or a temporal expression (cached)."""
    got = sent.cache.get("skip")
    if got is None:
        starts = [t.start for t in sent.tokens]
        sent.cache["times"] = _covered(starts, ctx.sent_times.get(si, []))
        got = sent.cache["skip"] = sent.cache["times"] | _covered(starts, ctx.sent_args.get(si, []))
    return got


def _covered(starts: list[int], spans) -> frozenset[int]:
    """Indices of the tokens (by their sorted start offsets) that begin inside one of ``spans``."""
    out: set[int] = set()
    for sp in spans:
        out.update(range(bisect.bisect_left(starts, sp.start), bisect.bisect_left(starts, sp.end)))
    return frozenset(out)


def _blocked(sent: Sent, h: Hit, lex: Lexicon, skip: frozenset[int] = frozenset()) -> str | None:
    """The reason a hit reports no event, or None."""
    e, ti, tj, w = h.entry, h.ti, h.tj, lex.words
    if e.needs_after and not _needs(sent, _object_window(sent, tj, e.window, skip), e.needs_after):
        return "needs-object"
    if ti >= 1 and sent.norm[ti - 1] in w["negation"]:
        return "negated"
    if ti >= 2 and sent.norm[ti - 2] in NEG_FAR:
        return "negated"
    if _any(sent, _window(sent, 0, ti), lex.ext["denial"]):
        return "denied"
    if _any(sent, _window(sent, ti - INTENT_GAP, ti), lex.ext["intention"]):
        return "intention"
    if _quantified(sent, _window(sent, ti - 2, ti), lex):
        return "generic"
    if e.type in ("COERCE", "ASSAULT") and _quantified(sent, _window(sent, tj + 1, tj + 7), lex):
        return "generic"
    if e.mode == "multilateral" and _any(sent, _window(sent, ti - 8, ti), lex.ext["sidelines"]):
        return "sidelines"
    if e.anchor and _any(sent, _window(sent, ti - TOPIC_GAP, ti), lex.ext["topic_markers"]):
        return "topic-of-talks"  # "تناول اللقاء سبل تعزيز ... وتبادل المعلومات": discussed, not done
    if e.pos == "noun" and e.type in ("COOPERATE", "COERCE") and _any(
            sent, _window(sent, ti - TOPIC_GAP, ti), lex.ext["talk_topics"]):
        return "topic-of-talks"  # "تناولت سبل التعاون في مجال ... وتفكيك شبكات التهريب"
    if e.pos == "noun" and e.type == "COERCE" and _any(sent, _window(sent, ti - RECORD_GAP, ti), lex.ext["record_nouns"]):
        return "record"  # "حققت نجاحات لافتة في تفكيك عصابات": a record of work, not one operation
    if e.type in ("COERCE", "ASSAULT") and _aggregate(sent, _object_window(sent, tj, 8, skip), lex):
        return "aggregate"
    return None


def _quantified(sent: Sent, rng: range, lex: Lexicon) -> bool:
    """A quantifier in ``rng`` ("اعتقلت عشرات"), unless it heads an armed subject ("مجموعة مسلحة
    احتجزت صيادين": the group is the doer, not a count)."""
    armed = extra_words("armed_subjects")
    norm = sent.norm
    return any(norm[i] in lex.ext["quantifiers"] and not (i + 1 < len(norm) and norm[i + 1] in armed) for i in rng)


def _armed_subject(sent: Sent, ti: int, tj: int) -> bool:
    """An armed group or unknown gunmen hold the verb: just before it ("كانت مجموعة مسلحة قد
    احتجزتهم") or right after it ("اختطف مسلحون مجهولون")."""
    armed = extra_words("armed_subjects")
    return _any(sent, _window(sent, ti - ARMED_GAP, ti), armed) or _any(sent, _window(sent, tj + 1, tj + 3), armed)


def _by_subject(sent: Sent, keys: tuple, lex: Lexicon, ti: int, tj: int) -> tuple:
    """The readings of a shared form in the order to try them.  A form read both as an arrest and an
    abduction ("احتجز") is the abduction when an armed subject holds it, the arrest otherwise."""
    abduct = tuple(k for k in keys if lex.entries[k[0]].type == "ASSAULT" and lex.entries[k[0]].mode == "abduct")
    if not abduct or len(abduct) == len(keys):
        return keys
    rest = tuple(k for k in keys if k not in abduct)
    return abduct + rest if _armed_subject(sent, ti, tj) else rest


def _aggregate(sent: Sent, rng: range, lex: Lexicon) -> bool:
    """"أحبطت ... أكثر من 90 عملية": a count of operations is a tally, not one happening."""
    norm = sent.norm
    for i in rng:
        if i + 1 >= len(norm):
            break
        year = len(norm[i]) == 4 and norm[i][:2] in ("19", "20")  # "يوم 8 مايو 2024 مخططا": a date
        if norm[i].isdigit() and not year and norm[i + 1] in lex.ext["aggregate_nouns"]:
            return True
    return False


def _mark(sent: Sent, h: Hit, lex: Lexicon, matched: str) -> None:
    w = lex.words
    h.anaphoric = h.entry.pos == "noun" and h.ti >= 1 and sent.norm[h.ti - 1] in w["anaphors"]
    first = matched.split(" ")[0].lstrip("وف")
    h.future = h.entry.pos == "verb" and first.startswith("س") and not any(
        f.startswith("س") for f in h.entry.forms)
    h.future = h.future or first in lex.words["future"] or _phrase_before(sent, h.ti, lex.phrases["future"], 8)
    h.decision = _phrase_before(sent, h.ti, lex.phrases["decision"], 8)


def _suffixed(matched: str, entry: TriggerEntry) -> bool:
    """A pronoun on the trigger word ("هجماته": its attacks) -- a generic reference, not a report."""
    last = matched.split(" ")[-1]
    return not any(last.endswith(f.split(" ")[-1].removeprefix("ال")) for f in entry.forms + entry.weak)


def _possessive(matched: str, h: Hit) -> str | None:
    """"لقاءاته" (his meetings), "مباحثاتهم" (their talks): a generic reference, not a report."""
    if not _suffixed(matched, h.entry) or h.entry.pos == "verb":
        return None  # a pronoun on a verb is its object ("احتجزتهم": held them), not a possessor
    if h.weak or matched.endswith(("هم", "هن")):
        return "possessive-plural"
    return None


def _joined_to_generic(sent: Sent, h: Hit, blocked: list[Hit]) -> str | None:
    """"العديد من اللقاءات والزيارات": a trigger joined by و to a generic one is generic too."""
    if not sent.norm[h.ti].startswith("و") or not blocked:
        return None
    prev = blocked[-1]
    if prev.sent == h.sent and "blocked:generic" in prev.rules and 0 < h.ti - prev.tj <= 2:
        return "generic"
    return None


def _in_name(ctx: Context, si: int, start: int, end: int) -> bool:
    """A trigger word inside an organisation's or place's name is part of the name."""
    return any(a.type != "PER" and a.start <= start and end <= a.end for a in ctx.sent_args.get(si, []))


def _reading(ctx: Context, si: int, m, a: int, b: int, lex: Lexicon, blocked: list[Hit]) -> tuple[Hit, str | None]:
    """The hit of match ``m`` and the reason it is blocked (None: kept).  A form shared by several
    entries ("ضبط" a person or a shipment, "أحبط" an attack or a crossing) takes the first entry, in
    lexicon order, whose required object follows; when none does, the first entry's hit is blocked."""
    first: tuple[Hit, str | None] | None = None
    sent = ctx.sents[si]
    skip = _skipped(ctx, si, sent)
    ti, tj = sent.tok_at(a), sent.tok_at(b - 1)
    for eid, weak in _by_subject(sent, (m.key,) + tuple(m.alts), lex, ti, tj):
        h = Hit(lex.entries[eid], si, a, b, ti, tj, weak)
        h.rules.append(f"trigger:{eid}:{m.text}")
        if h.entry.mode == "abduct" and _armed_subject(sent, ti, tj):
            h.rules.append(ARMED_SUBJECT)
        why = _blocked(sent, h, lex, skip) or _possessive(m.text, h) or _joined_to_generic(sent, h, blocked)
        if why != "needs-object":
            return h, why
        first = first or (h, why)
    return first


def find(ctx: Context, lex: Lexicon) -> tuple[list[Hit], list[Hit]]:
    """(kept hits, blocked hits with the reason in ``rules``), in text order."""
    kept: list[Hit] = []
    blocked: list[Hit] = []
    for si, sent in enumerate(ctx.sents):
        norm, idx = sent.folded()
        hits: list[Hit] = []
        for m in lex.matcher.find(norm):
            if idx is None:
                a, b = sent.start + m.start, sent.start + m.end
            else:
                a, b = sent.start + idx[m.start], sent.start + idx[m.end - 1] + 1
            if _in_name(ctx, si, a, b):
                continue
            h, why = _reading(ctx, si, m, a, b, lex, blocked)
            if why:
                h.rules.append(f"blocked:{why}")
                blocked.append(h)
                continue
            _mark(sent, h, lex, m.text)
            h.suffixed = _suffixed(m.text, h.entry)
            hits.append(h)
        cancelled = {t for h in hits for t in h.entry.cancels}
        for h in hits:
            if h.entry.type in cancelled and h.entry.type not in h.entry.cancels:  # never itself
                h.rules.append("blocked:cancelled")
                blocked.append(h)
            else:
                kept.append(h)
    return kept, blocked
