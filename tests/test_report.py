"""The briefing (rasd.report): labels data, dates, highlight segments, HTML and Markdown output,
escaping of hostile article text, missing fields, the development fixture and the CLI."""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasd.doc import Corpus, Document, Entity, Event, EventDate, Mention, Span
from rasd.report import render
from rasd.report.fixtures import hostile_document, sample_corpus, scale_corpus, seed_corpus
from rasd.report.html import data_block
from rasd.report.labels import LANGS, SECTIONS, format_date, load_labels
from rasd.report.marks import Mark, segments
from rasd.report.model import build
from rasd.report.timeline import interval, split
from rasd.resources import lint_arabic

from conftest import GOLD, SEEDS


# ---- labels -------------------------------------------------------------------------------

def test_labels_file_has_header_and_both_languages():
    data = load_labels()
    assert data["about"].strip() and data["source"].strip()
    for sec in SECTIONS:
        assert data[sec], sec
        for key, entry in data[sec].items():
            assert set(entry) == set(LANGS), (sec, key)
            assert entry["ar"].strip() and entry["en"].strip()
            assert lint_arabic(entry["ar"]) == [], (sec, key)
    # every PLOVER type and topic of the output schema has a label
    from rasd.resources import load_json

    schema = load_json("schema/rasd-gold-1.schema.json")
    ev = schema["$defs"]["document"]["properties"]["events"]["items"]["properties"]
    assert set(ev["type"]["enum"]) <= set(data["type"])
    assert set(ev["topics"]["items"]["enum"]) <= set(data["topic"])


@pytest.mark.parametrize("value,lang,expected", [
    ("2022-06-13/2022-06-14", "en", "13–14 June 2022"),
    ("2022-06-13/2022-06-14", "ar", "13–14 يونيو 2022"),
    ("2022-06", "en", "June 2022"),
    ("2022-06/2022-06", "ar", "يونيو 2022"),
    ("2014/2018", "en", "2014 – 2018"),
    ("2023-12-31/2024-01-02", "en", "31 December 2023 – 2 January 2024"),
    ("2025", "ar", "2025"),
    (None, "en", ""),
    ("soon", "en", "soon"),
    ("2022-13", "en", "2022-13"),
])
def test_format_date(value, lang, expected):
    assert format_date(value, lang) == expected


@pytest.mark.parametrize("start,end,expected", [
    ("2022-06", "2022-06", ("2022-06-01", "2022-06-30", True)),
    ("2024-02", None, ("2024-02-01", "2024-02-29", True)),
    ("2025", "2025", ("2025-01-01", "2025-12-31", True)),
    ("2022-06-13", "2022-06-14", ("2022-06-13", "2022-06-14", False)),
    (None, None, None),
    ("2022-06-14", "2022-06-13", None),
    ("2022-02-30", None, None),
])
def test_timeline_interval(start, end, expected):
    got = interval(start, end)
    assert (None if got is None else (got[0].isoformat(), got[1].isoformat(), got[2])) == expected


# ---- segments -----------------------------------------------------------------------------

def test_segments_overlapping_and_nested():
    marks = [Mark(0, 10, "evd", "e0"), Mark(2, 5, "ent", "n0"), Mark(4, 8, "tm", "t0"), Mark(20, 30, "bp", "b0")]
    assert segments(marks, 40) == [(0, 2, (0,)), (2, 4, (0, 1)), (4, 5, (0, 1, 2)), (5, 8, (0, 2)),
                                   (8, 10, (0,)), (20, 30, (3,))]


def test_segments_ignore_bad_marks():
    marks = [Mark(5, 5, "ent", "n0"), Mark(8, 50, "ent", "n1"), Mark(-1, 3, "ent", "n2"), Mark(1, 2, "tm", "t0")]
    assert segments(marks, 10) == [(1, 2, (3,))]


@given(st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60)), max_size=25))
def test_segments_cover_exactly_the_marks(pairs):
    n = 50
    marks = [Mark(min(a, b), max(a, b), "c", f"k{i}") for i, (a, b) in enumerate(pairs)]
    segs = segments(marks, n)
    for (a1, b1, _), (a2, _, _) in zip(segs, segs[1:]):
        assert b1 <= a2  # ordered, no overlap
    for a, b, idx in segs:
        assert a < b
        want = tuple(i for i, m in enumerate(marks) if m.start <= a and b <= m.end and 0 <= m.start < m.end <= n)
        assert idx == want
    covered = {p for a, b, _ in segs for p in range(a, b)}
    assert covered == {p for m in marks if 0 <= m.start < m.end <= n for p in range(m.start, m.end)}


# ---- HTML ---------------------------------------------------------------------------------

class Tags(HTMLParser):
    """Every start tag and attribute name of a page."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, list[str]]] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, [a for a, _ in attrs]))


def page_data(page: str) -> dict:
    m = re.search(r'<script type="application/json" id="rasd-data">(.*?)</script>', page, re.S)
    return json.loads(m.group(1))


@pytest.fixture(scope="module")
def sample_page() -> str:
    return render(sample_corpus(), fmt="html")


def test_page_is_self_contained_and_arabic_first(sample_page):
    assert sample_page.startswith("<!DOCTYPE html>")
    assert '<html lang="ar" dir="rtl">' in sample_page
    assert not re.search(r'(src|href)="(https?:)?//', sample_page)  # nothing fetched from the network
    assert "default-src 'none'" in sample_page
    assert 'id="lang"' in sample_page


def test_headline_numbers(sample_page):
    def stat(k):
        return re.search(rf'data-stat="{k}"><b>([^<]*)</b>', sample_page).group(1)

    assert (stat("articles"), stat("outlets"), stat("events"), stat("clusters"), stat("conflicts")) == ("3", "2", "4", "1", "1")
    assert 'data-d="2024-03-03/2024-03-04"' in sample_page


def test_conflict_cluster_flagged(sample_page):
    assert re.search(r'<article class="cluster conflict" id="cl-0" data-cluster="nasiri-martin-2024" data-conflict="date">', sample_page)
    data = page_data(sample_page)
    row = next(r for r in data["rows"] if r.get("cf"))
    assert row["cf"] == ["date"] and row["d"] == ["2024-03-03", "2024-03-04"]
    assert [x[1] for x in row["ev"]] == [0, 1]


def test_timeline_has_every_dated_event_and_lists_the_undated(sample_page):
    refs = {r for m in re.finditer(r'data-refs="([^"]*)"', sample_page) for r in m.group(1).split()}
    assert refs == {"d0e0", "d1e0"}
    undated = sample_page[sample_page.index('class="undated"'):]
    assert 'data-jump="d1e1"' in undated and 'data-jump="d2e0"' in undated


def test_article_data_marks_and_segments(sample_page):
    data = page_data(sample_page)
    a = data["docs"][0]
    assert a["raw"] == sample_corpus().documents[0].raw
    keys = {m[2] for m in a["marks"]}
    assert {"T", "b0", "n0", "n1", "n2", "e0", "r0"} <= keys
    segs = a["segs"]
    assert len(segs) % 3 == 0
    classes = {data["strs"][m[1]] for m in a["marks"]}
    assert {"ttl", "bp", "ent ent-PER", "trg", "evd", "tm", "reuse"} <= classes
    assert data["docs"][2]["raw"] == "" and data["docs"][2]["segs"] == []


def test_reuse_side_by_side(sample_page):
    block = sample_page[sample_page.index('<div class="reuse"'):]
    assert block.index('class="q quoted"') < block.index('class="q own"')
    assert 'data-jump="d0r0"' in block and 'data-jump="d1r1"' in block


def test_entities_index(sample_page):
    br = build(sample_corpus())
    nasiri = next(x for x in br.entities if x.name == "Samir Nasiri")
    assert nasiri.docs == [0, 1] and nasiri.mentions == ["سمير الناصري"] and nasiri.country == "MA"
    assert nasiri.role == "Minister of the Interior"
    assert dict(nasiri.cooc)["Lucia Martin"] == 2
    assert '<td dir="ltr" class="en">Samir Nasiri</td>' in sample_page


def test_hostile_text_never_becomes_markup():
    corpus = sample_corpus()
    corpus.documents.append(hostile_document())
    page = render(corpus, fmt="html")
    for bad in ("<script>alert", "<img", "<iframe", "<svg onload", "<b onmouseover", "<i>Casablanca", "</textarea>"):
        assert bad not in page, bad
    p = Tags()
    p.feed(page)
    names = {t for t, _ in p.tags}
    assert not names & {"img", "iframe", "object", "embed", "textarea"}
    assert [t for t, _ in p.tags].count("svg") == 1  # the timeline
    assert [t for t, _ in p.tags].count("script") == 2  # the data block and the page's own script
    assert not [a for _, attrs in p.tags for a in attrs if a.startswith("on")]
    data = page_data(page)
    assert data["docs"][-1]["raw"] == hostile_document().raw  # the text survives, as text


def test_data_block_escapes_markup_characters():
    s = data_block({"x": "</script><img src=x onerror=alert(1)>&\u2028"})
    assert "<" not in s and ">" not in s and "&" not in s
    assert json.loads(s) == {"x": "</script><img src=x onerror=alert(1)>&\u2028"}


def test_missing_fields_render():
    doc = Document("bare.txt", "")
    doc.published = None  # a reader may leave it out entirely
    doc.entities = [Entity("e1", "PER", "Nobody", [Mention(3, 9, "ghost", "PER")])]  # offsets outside the text
    doc.events = [Event("x", "AID", None, [], [], None, EventDate(None, "2020"), [], trigger=Span(50, 60, "nowhere"))]
    corpus = Corpus([doc], same_event=[{"event": "missing", "docs": ["nowhere.txt"]}],
                    conflicts=[{"event": "other", "field": "date", "values": {"2020": ["bare.txt"]}}],
                    text_reuse=[{"docs": ["bare.txt", "gone.txt"], "passages": [{"doc": "bare.txt", "start": 5, "end": 2}]}])
    page = render(corpus, fmt="html")
    assert 'data-refs="d0e0"' in page
    assert page_data(page)["docs"][0]["segs"] == []
    md = render(corpus, fmt="md")
    assert "Nobody" in md
    assert render(Corpus(), fmt="html") and render(Corpus(), fmt="md")


def test_unknown_format():
    with pytest.raises(ValueError):
        render(Corpus(), fmt="pdf")


# ---- Markdown -----------------------------------------------------------------------------

def test_markdown_briefing():
    corpus = sample_corpus()
    corpus.documents.append(hostile_document())
    md = render(corpus, fmt="md", lang="en")
    assert md.startswith("# rasd briefing\n")
    assert "- **articles**: 4" in md and "- **conflicts**: 1" in md
    assert "| consult / meeting | Samir Nasiri → Lucia Martin | Rabat (Morocco) | ⚠ 3 March 2024 \\| 4 March 2024 |" in md
    assert "**⚠ conflict on date**" in md and "  - 3 March 2024: جريدة الأفق" in md
    assert "(quoted)" in md and "(own prose)" in md
    assert "<script" not in md and "<img" not in md and "&lt;img src=x onerror=alert(9)&gt;" in md
    for line in md.splitlines():
        if line.startswith("| "):
            assert len(re.findall(r"(?<!\\)\|", line)) in (7, 8)  # 6 or 7 columns, pipes in cells escaped
    ar = render(corpus, fmt="md")
    assert ar.startswith("# موجز رصد\n") and "3 مارس 2024" in ar


# ---- development fixture and scale ---------------------------------------------------------

def test_scale_corpus():
    big = scale_corpus(sample_corpus(), 10)  # three whole copies and one document of a fourth
    assert len(big.documents) == 10 and len({d.id for d in big.documents}) == 10
    br = build(big)
    assert len(br.clusters) == 3 and all(len(c.members) == 2 and len(c.conflicts) == 1 for c in br.clusters)
    assert len({c.key for c in br.clusters}) == 3
    dated, _ = split(br.events)
    assert sum(len(b.refs) for b in dated) == 7


def test_seed_fixture(shared):
    corpus = seed_corpus(GOLD, SEEDS)
    assert len(corpus.documents) == 5
    for d in corpus.documents:
        assert d.raw and d.title is not None and d.boilerplate and d.mentions
        assert d.bad_spans() == []
    br = build(corpus)
    cl = br.clusters[0]
    assert len(cl.members) == 4 and cl.conflicts[0]["field"] == "date"
    page = render(corpus, fmt="html")
    assert 'data-conflict="date"' in page


def test_cli_report(shared, tmp_path):
    from typer.testing import CliRunner

    from rasd.cli import app
    from rasd.output import dumps

    src = tmp_path / "corpus.json"
    src.write_text(dumps(seed_corpus(GOLD, SEEDS)), encoding="utf-8")
    res = CliRunner().invoke(app, ["report", str(src), "-o", str(tmp_path / "b.html")])
    assert res.exit_code == 0, res.output
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert page_data(page)["docs"][0]["raw"].startswith(page_data(page)["docs"][0]["raw"][:10])
    assert 'data-conflict="date"' in page and len(page_data(page)["docs"][0]["marks"]) > 10
    res = CliRunner().invoke(app, ["report", str(src), "-o", str(tmp_path / "b.md"), "--format", "md"])
    assert res.exit_code == 0 and "⚠" in (tmp_path / "b.md").read_text(encoding="utf-8")


def test_clusters_in_the_stage_form_and_inferred_dates():
    """The cross-document stage names clusters by id and sets ``Event.cluster``; event ids differ."""
    corpus = sample_corpus()
    a, b = corpus.documents[0], corpus.documents[1]
    a.events[0].id, b.events[0].id = "ev-a", "ev-b"
    a.events[0].cluster = b.events[0].cluster = "consult-nasiri-martin"
    b.events[0].date = EventDate("2024-03-03", "2024-03-03", None, inferred_from=["a.txt"])
    corpus.same_event = [{"event": "consult-nasiri-martin", "id": "consult-nasiri-martin", "docs": ["a.txt", "b.txt"],
                          "members": [{"doc": "a.txt", "event": "ev-a"}, {"doc": "b.txt", "event": "ev-b"}]}]
    corpus.conflicts = []
    br = build(corpus)
    assert [r.ref for r in br.clusters[0].members] == ["d0e0", "d1e0"]
    assert br.clusters[0].agreed["date"] == ["2024-03-03"]
    page = render(corpus, fmt="html")
    assert 'data-cluster="consult-nasiri-martin"' in page and 'data-conflict=' not in page
    assert 'data-l="ui.inferred_from"' in page
    row = next(r for r in page_data(page)["rows"] if len(r["ev"]) == 2)
    assert row["d"] == ["2024-03-03"] and "cf" not in row
