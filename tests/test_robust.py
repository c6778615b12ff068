"""Random and hostile text through the whole document pipeline: no exception, every offset valid."""
import json
from datetime import timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasd.clean import clean_document
from rasd.doc import Document
from rasd.io import read_bytes
from rasd.pipeline import run_document

# generous per-document bound, enforced by hypothesis (no timing assertion of our own)
BOUND = settings(deadline=timedelta(seconds=10), max_examples=60,
                 suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

PIECES = st.sampled_from([
    "اقرأ أيضا", "شارك بتعليقك", "FR", "عربي", "© 2025", "\u200f", "\u200e", "\u202b", "\u061c", "\ufeff", "\u0640",
    "\u00a0", "\t", "\r\n", "\r", "\n", "\n\n", "\x00", "\x0b", "\x0c", "\u2028", "\u2029", "ـــ", "ً", "ّ",
    "لـ“هسبريس”", "في تصريح لـ", "«", "»", "“", "”", "\"", "(", ")", "[", "\\", "*", ".", "؟", "،", "!!!",
    "ﻻ", "ﷺ", "𝔸", "🙂", "a" * 50, "و", " و", "حموشي", "Related", "enable JavaScript", "ملحوظة: يمنع نسخ",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=60).map("".join)


run_document(Document(id="warm.txt", raw="عنوان\n\nنص قصير."))  # load models once, outside the timed examples


def check(doc: Document) -> None:
    assert doc.bad_spans() == []
    for span in doc.boilerplate + doc.content:
        assert span.text == span.text.strip() and span.text
    if doc.title is not None:
        assert doc.title.text in {s.text for s in doc.content}


@BOUND
@given(TEXT)
def test_random_text_through_the_pipeline(raw):
    check(run_document(Document(id="r.txt", raw=raw)))


@BOUND
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=3000))
def test_arbitrary_unicode_through_clean(raw):
    check(clean_document(Document(id="u.txt", raw=raw)))


@BOUND
@given(st.sampled_from([".", "!", "؟", "،", "-", "*", "«»", "ـ", " ", "\u200f"]), st.integers(1, 100_000))
def test_long_runs_of_punctuation(ch, n):
    raw = (ch * n)[:100_000]
    check(run_document(Document(id="p.txt", raw=raw)))


@BOUND
@given(st.integers(1, 20), st.sampled_from(["شارك ", "اقرأ أيضا ", "FR ", "حموشي و ", "x y "]))
def test_very_long_lines(k, unit):
    raw = "عنوان\n" + unit * (5000 * k // len(unit)) + "\nشارك بتعليقك\n"
    check(run_document(Document(id="l.txt", raw=raw)))


@BOUND
@given(st.integers(1, 20), st.sampled_from(["شارك", "حموشيو", "x", "ـ", "\u200f"]))
def test_giant_tokens_through_clean(k, unit):
    # one 'word' of up to 100,000 characters (the later stages are checked on long lines of words above)
    raw = "عنوان\n" + unit * (5000 * k // len(unit)) + "\nشارك بتعليقك\n"
    check(clean_document(Document(id="g.txt", raw=raw)))


@BOUND
@given(st.lists(st.fixed_dictionaries({"text": TEXT}, optional={
    "title": st.one_of(st.text(max_size=30), st.integers(), st.none()),
    "url": st.one_of(st.text(max_size=30), st.just("http://[::1"), st.just("https://www.hespress.com/a")),
    "outlet": st.one_of(st.text(max_size=20), st.just("هسبريس"), st.lists(st.text(max_size=3), max_size=2)),
    "html": st.text(max_size=200)}), min_size=1, max_size=4))
def test_jsonl_records_with_nuls_and_odd_fields(recs):
    data = "\n".join(json.dumps(r, ensure_ascii=False) for r in recs).encode("utf-8")
    for item in read_bytes(data, "feed.jsonl"):
        if isinstance(item, Document):
            check(run_document(item))
        else:
            assert item.reason and "\n" not in item.reason


@BOUND
@given(st.text(max_size=400))
def test_random_html(body):
    html = f"<html><head><title>{body[:20]}</title></head><body><article><h1>{body[:30]}</h1><p>{body}</p></article></body></html>"
    for item in read_bytes(html.encode("utf-8", "surrogatepass"), "x.html"):
        if isinstance(item, Document):
            check(run_document(item))
