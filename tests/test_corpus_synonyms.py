"""Text reuse through synonym classes (resources/lexicons/reuse_synonyms.yml), on texts we wrote.

A communiqué quoted by one outlet and rewritten by another with press synonyms (محاربة for
مكافحة, المعطيات for المعلومات, شدد for أكد ...) is found, with offsets on the real words; an
article on the same topic that shares only vocabulary is not.
"""
from itertools import combinations

from rasd.corpus import synonyms
from rasd.corpus.reuse import find_reuse, quoting, verify
from rasd.corpus.tokens import base_key, key, tokens
from rasd.doc import Document
from rasd.resources import lint_arabic, load_yaml

QUOTED = ("الرباط - أفادت المديرية العامة للأمن في بلاغ لها أن اجتماعا عقد أمس بين مسؤولي البلدين.\n"
          "وجاء في البلاغ أن الطرفين \"أكدا على ضرورة تعزيز التعاون الأمني وتبادل المعلومات بشكل منتظم "
          "لمكافحة الجريمة المنظمة والاتجار بالبشر، والتصدي لشبكات الهجرة غير النظامية التي تستغل هشاشة "
          "الشباب، كما بحثا سبل تطوير آليات التنسيق الميداني بين الأجهزة الأمنية في البلدين وإحداث خلية "
          "مشتركة لتتبع مصادر تمويل هذه الشبكات\".\n")
REWRITTEN = ("عقد مسؤولون أمنيون من البلدين لقاء مطولا في العاصمة خصص لملفات الحدود.\n"
             "وشدد المسؤولان على أهمية تقوية التنسيق الأمني وتقاسم المعطيات بشكل منتظم لمحاربة الإجرام "
             "المنظم والاتجار بالبشر، ومواجهة شبكات الهجرة غير الشرعية التي تستغل هشاشة الشباب، كما "
             "ناقشا سبل تنمية وسائل التعاون الميداني بين المصالح الأمنية في البلدين وإنشاء خلية مشتركة "
             "لتتبع منابع تمويل هذه الشبكات.\n")
SAME_TOPIC = ("أعلنت السلطات الإسبانية عن إنقاذ مئات المهاجرين قبالة سواحل جزر الكناري خلال الأسبوع الجاري، "
              "فيما دعت منظمات إنسانية إلى تعزيز التعاون لمواجهة شبكات الاتجار بالبشر التي تستغل ظروف "
              "الشباب في بلدان الساحل، مطالبة بتوفير ممرات آمنة وتحسين ظروف الاستقبال في مراكز الإيواء "
              "المؤقتة، ومحاربة الجريمة المنظمة التي تستفيد من الهجرة غير النظامية.\n")


def doc(name: str, text: str) -> Document:
    return Document(id=name, raw=text)


def test_rewritten_communique_is_found_with_its_offsets():
    a, b = doc("a.txt", QUOTED), doc("b.txt", REWRITTEN)
    rec = verify(a, b)
    assert rec is not None and rec["shared_words"] >= 24
    sides = {p["doc"]: p for p in rec["passages"]}
    for d in (a, b):
        p = sides[d.id]
        assert d.raw[p["start"]:p["end"]] == p["text"]
    assert sides["a.txt"]["quoted"] is True
    assert sides["b.txt"]["quoted"] is False and sides["b.txt"]["how"] == "own prose"  # شدد is no cue
    assert "لمحاربة" in sides["b.txt"]["text"] and "لمكافحة" in sides["a.txt"]["text"]


def test_same_topic_is_not_reuse():
    docs = [doc("a.txt", QUOTED), doc("b.txt", REWRITTEN), doc("c.txt", SAME_TOPIC)]
    assert [r["docs"] for r in find_reuse(docs)] == [["a.txt", "b.txt"]]


def test_keys_fold_synonyms_but_cues_do_not():
    assert key("لمحاربة") == key("والمكافحة") == key("مكافحة")
    assert key("للتهديدات") == key("التهديدات") == key("المخاطر")
    assert key("شددوا") == key("أكدوا")
    assert key("الإرهاب") != key("الجريمة")
    assert base_key("شدد") != base_key("أكد")
    assert quoting(doc("x", "شدد الوزير على أهمية التعاون"), 10, 29) == (False, "own prose")


def test_rewrite_aligns_word_for_word_through_the_classes():
    ka, kb = tokens(doc("a", "تعزيز التعاون لمكافحة الجريمة")).keys, tokens(doc("b", "تقوية التنسيق لمحاربة الإجرام")).keys
    assert ka == kb


def test_synonyms_yml():
    d = load_yaml(synonyms.DATA)
    assert d["about"].strip() and d["source"].strip()
    fn = {base_key(w) for w in load_yaml("lexicons/cross_document.yml")["function_words"]}
    seen: dict[str, int] = {}
    for i, group in enumerate(d["classes"]):
        assert len(group) >= 2 and all(isinstance(w, str) and w.strip() and " " not in w for w in group)
        for w in group:
            assert lint_arabic(w) == [], w
            k = base_key(w)
            assert k not in fn, w
            assert seen.setdefault(k, i) == i, f"{w} is in two classes"
    for x, y in combinations(d["classes"], 2):
        assert not {base_key(w) for w in x} & {base_key(w) for w in y}
