"""Cluster fills with provenance strength, on small corpora written for these tests.

Each report is built from Arabic lines we wrote; the time stage (``rasd.time.analyse``) reads its
expressions and publication window, and the report's event takes the date of the expression it
names, as the events stage does (value, span, and the year-less ``partial`` form).  Cases:

* a year-less report ("10 و11 من مارس الجاري", no year anywhere) joined to a report with an
  explicit year takes that year, an undated report is then filled from both, and the year-less
  report's publication window is refined;
* a stated year against a year read from a publication date ("مارس المنصرم"): the stated one fills
  the open report, the conflict is still reported;
* two stated years that disagree: nothing is filled, the conflict lists both.
"""
import pytest

from rasd.corpus import analyse
from rasd.corpus import dates as D
from rasd.corpus.generate import build_document
from rasd.doc import Corpus, EventDate
from rasd.output import corpus_from_json, corpus_to_json
from rasd.time import analyse as time_analyse

PEOPLE = [{"type": "PER", "name": "Karim Idrissi", "role": "Director General of the Border Police"},
          {"type": "PER", "name": "Lucia Moreno", "role": "Director of the Guardia Civil"},
          {"type": "PER", "name": "Pablo Ortega", "role": "Head of the Migration Unit"}]

OPENING = {
    "yearless": "حل المدير العام لشرطة الحدود كريم الإدريسي بمدريد خلال يومي 10 و11 من مارس الجاري في زيارة عمل.",
    "stated": "قام كريم الإدريسي بزيارة إلى مدريد في شهر مارس سنة 2024 على رأس وفد أمني رفيع.",
    "stated_days": "زار كريم الإدريسي العاصمة الإسبانية مدريد يومي 10 و11 مارس 2024 رفقة وفد من الضباط.",
    "stated_days_2025": "زار كريم الإدريسي العاصمة الإسبانية مدريد يومي 10 و11 مارس 2025 رفقة وفد من الضباط.",
    "derived": "وكان كريم الإدريسي قد زار مدريد يومي 10 و11 مارس المنصرم حيث التقى نظيرته الإسبانية.",
    "open": "ذكرت مصادر مطلعة أن كريم الإدريسي أجرى مباحثات في مدريد مع مسؤولين إسبان قبل أيام قليلة.",
    "yearless_april": "حل كريم الإدريسي بمدريد يوم 2 أبريل الجاري في زيارة قصيرة.",
}
EXPR = {  # the expression each opening's event is dated by (None: the event has no date)
    "yearless": "خلال يومي 10 و11 من مارس الجاري", "stated": "في شهر مارس سنة 2024",
    "stated_days": "يومي 10 و11 مارس 2024", "stated_days_2025": "يومي 10 و11 مارس 2025",
    "derived": "يومي 10 و11 مارس المنصرم", "open": None, "yearless_april": "يوم 2 أبريل الجاري",
}
COMMON = "وتناولت المباحثات سبل التنسيق في مجال الهجرة غير النظامية وتبادل المعطيات بين الأجهزة المختصة."


def report(doc_id: str, kind: str, published: str | None = None, extra: str | None = None):
    """A processed-looking report whose only event is the visit, dated as ``kind`` says."""
    lines = [[OPENING[kind], "c"], [extra or f"{COMMON} ({doc_id})", "c"]]
    ev = {"id": "ev1", "type": "CONSULT", "mode": "visit", "actors": ["Karim Idrissi"],
          "counterparts": ["Lucia Moreno", "Pablo Ortega"], "location": {"name": "Madrid", "country": "ES"},
          "date": {}}
    doc = build_document({"doc": doc_id, "outlet": doc_id, "lines": lines, "entities": PEOPLE, "events": [ev]})
    doc.published.earliest = doc.published.latest = None
    if published:
        doc.meta["published"] = published
    time_analyse(doc)
    text = EXPR[kind]
    if text is not None:
        t = next(t for t in doc.times if t.text == text)
        doc.events[0].date = EventDate(t.value_start, t.value_end, t.text, t, "date:nearest-expression",
                                       partial=t.partial)
    return doc


def dates(c: Corpus) -> dict:
    return {d.id: d.events[0].date for d in c.documents}


@pytest.fixture(scope="module")
def joined():
    return analyse(Corpus(documents=[report("a.txt", "yearless"), report("b.txt", "stated"),
                                     report("c.txt", "open", "2024-03-20")]))


def test_the_time_stage_gives_the_yearless_form():
    a = report("a.txt", "yearless")
    assert a.events[0].date.start is None and a.events[0].date.partial == "--03-10/--03-11"
    d = report("d.txt", "derived", "2025-04-02").events[0].date
    assert (d.start, d.end, d.partial) == ("2025-03-10", "2025-03-11", "--03-10/--03-11")
    assert not D.year_stated(d) and D.year_stated(report("b.txt", "stated").events[0].date)


def test_yearless_report_takes_the_stated_year(joined):
    a = dates(joined)["a.txt"]
    assert (a.start, a.end) == ("2024-03-10", "2024-03-11")
    assert a.rule == "cluster-fill:year" and a.inferred_from == ["b.txt"]
    assert a.partial == "--03-10/--03-11" and a.text == EXPR["yearless"]


def test_open_report_is_filled_from_the_now_dated_reports(joined):
    c = dates(joined)["c.txt"]
    assert (c.start, c.end) == ("2024-03-10", "2024-03-11")
    assert c.rule == "cluster-fill" and c.inferred_from == ["a.txt", "b.txt"]
    assert joined.conflicts == []
    assert joined.same_event[0]["agreed"]["date"] == "2024-03-10/2024-03-11"


def test_publication_window_refined_with_the_filled_year(joined):
    pub = joined.by_id()["a.txt"].published
    assert (pub.earliest, pub.latest) == ("2024-03-11", "2024-03-31")
    assert pub.rule.startswith("cross-document+window:") and "b.txt" in pub.basis
    # a window given with the input is exact already: untouched
    c = joined.by_id()["c.txt"].published
    assert (c.earliest, c.latest, c.rule) == ("2024-03-20", "2024-03-20", "meta")


def test_stated_year_outranks_a_year_read_from_the_publication_date():
    c = analyse(Corpus(documents=[report("a.txt", "stated_days"), report("b.txt", "derived", "2025-04-02"),
                                  report("c.txt", "open")]))
    got = dates(c)
    assert (got["c.txt"].start, got["c.txt"].end) == ("2024-03-10", "2024-03-11")
    assert got["c.txt"].inferred_from == ["a.txt"]
    assert got["b.txt"].start == "2025-03-10" and got["b.txt"].inferred_from is None  # what its text says
    assert c.conflicts == [{"event": c.same_event[0]["event"], "field": "date",
                            "values": {"2024-03-10/2024-03-11": ["a.txt", "c.txt"],
                                       "2025-03-10/2025-03-11": ["b.txt"]}}]


def test_no_fill_when_stated_years_conflict():
    c = analyse(Corpus(documents=[report("a.txt", "stated_days"), report("b.txt", "stated_days_2025"),
                                  report("y.txt", "yearless"), report("z.txt", "open")]))
    got = dates(c)
    assert len(c.same_event) == 1 and len(c.same_event[0]["docs"]) == 4
    assert got["y.txt"].start is None and got["y.txt"].inferred_from is None
    assert got["z.txt"].start is None and got["z.txt"].inferred_from is None
    assert c.conflicts == [{"event": c.same_event[0]["event"], "field": "date",
                            "values": {"2024-03-10/2024-03-11": ["a.txt"], "2025-03-10/2025-03-11": ["b.txt"]}}]
    assert not c.by_id()["y.txt"].published.rule.startswith("cross-document")  # nothing learnt, nothing refined


def test_yearless_date_of_another_month_is_not_filled():
    c = analyse(Corpus(documents=[report("a.txt", "stated"), report("b.txt", "stated_days"),
                                  report("y.txt", "yearless_april")]))
    y = dates(c)["y.txt"]
    assert y.start is None and y.partial == "--04-02"


def test_fills_survive_a_round_trip_and_a_second_run(joined):
    first = corpus_to_json(joined)
    again = analyse(corpus_from_json(first))
    assert corpus_to_json(again)["documents"] == first["documents"]
    assert dates(again)["a.txt"].partial == "--03-10/--03-11"


@pytest.mark.parametrize("partial, year, want", [
    ("--06-13/--06-14", 2022, ("2022-06-13", "2022-06-14")),
    ("--06", 2022, ("2022-06", "2022-06")),
    ("--12-30/--01-02", 2021, ("2021-12-30", "2022-01-02")),
    ("--02-29", 2023, None),
    ("06-13", 2022, None),
    (None, 2022, None),
])
def test_with_year(partial, year, want):
    got = D.with_year(partial, year)
    assert (None if got is None else (got.start, got.end)) == want
