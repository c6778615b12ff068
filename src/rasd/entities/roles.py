"""English role strings for people: as the text states them, else from the KB.

A title or role head found before a name (``pattern:title``) or right after it, following a
comma (``X، مدير مكتب التحقيقات الفيدرالي``), gives head + what it is of: ``Director of the
FBI``, ``Minister of the Interior, Spain``.  Without a stated role, a KB person's most recent
role is used.
"""
from __future__ import annotations

from rasd.entities.patterns import Lexicon
from rasd.entities.recognize import Found, Tok, skip_role_objects
from rasd.kb import KB


def role_string(kb: KB, lex: Lexicon, head: str | None, objects: list[str]) -> str | None:
    """Compose head + objects: organisation -> "of the FBI"; domain + country -> "of the Interior, Spain"."""
    if not head:
        return None
    orgs = [kb.by_id[o] for o in objects if o in kb.by_id and kb.by_id[o].type == "ORG"]
    places = [kb.by_id[o] for o in objects if o in kb.by_id and kb.by_id[o].type in ("GPE", "LOC")]
    domains = [lex.role_domains.value.get(tuple(o[7:].split())) for o in objects if o.startswith("domain:")]
    if orgs:
        return f"{head} of {_with_article(orgs[0].name)}"
    if domains and domains[0]:
        out = f"{head} of {domains[0]}"
        return f"{out}, {places[0].name}" if places else out
    if places:
        return f"{head}, {places[0].name}"
    return head


def _with_article(name: str) -> str:
    """Press usage: "the FBI", "the CIA" (short acronyms), "INTERPOL", "the Global ... Forum"."""
    if name.isupper() and len(name) <= 4:
        return f"the {name}"
    if " " in name and not name.startswith("the ") and name[:1].isupper() and not name.isupper():
        return f"the {name}"
    return name


def stated_role(kb: KB, lex: Lexicon, f: Found, toks: list[Tok], found: list[Found]) -> str | None:
    """The role the text gives a person mention, before it (title) or after it (apposition)."""
    if f.role_head and (f.role_objects or f.rule == "pattern:title"):
        return role_string(kb, lex, f.role_head, f.role_objects)
    j = f.j
    if j + 1 < len(toks) and toks[j].text in ("،", ","):
        norm = [t.norm for t in toks]
        head = lex.role_heads.match(norm, j + 1) or lex.person_titles.match(norm, j + 1)
        if head is not None and norm[j + 1][:1] in ("و", "ف") and not norm[j + 1].startswith(head[1][0]):
            head = None  # "، ومدير ...": the title of the next person, not an apposition
        if head is not None:
            word = lex.role_heads.value.get(head[1]) or lex.person_titles.value.get(head[1])
            mask = [None] * len(toks)
            for g in found:
                for k in range(g.i, g.j):
                    mask[k] = g
            _, objects = skip_role_objects(kb, lex, norm, head[0], mask, {}, is_role=True)
            if f.role_head is None:
                f.role_head, f.role_objects = word, objects  # the KB may word this role better
            return role_string(kb, lex, word, objects)
    return None
