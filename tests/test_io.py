"""Input: text, HTML, JSON Lines; bad input becomes one clear Failure and loses nothing else."""
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from rasd.doc import Document, Failure
from rasd.errors import InputError
from rasd.htmltext import extract_page
from rasd.io import MAX_BYTES, decode, read_bytes, read_paths

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "الأمن يوقف شبكة لتهريب المهاجرين\n\nأوقفت عناصر الأمن بمدينة الناظور خمسة أشخاص يشتبه في تورطهم في تنظيم الهجرة غير النظامية.\n"


def one(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


# ---- decoding ----------------------------------------------------------------------------------

@pytest.mark.parametrize("data,problem", [
    (b"", "empty file"),
    (b"  \n\t\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary file"),
    ("Le suspect a été arrêté à Fès. ".encode("latin-1") * 5, "not UTF-8"),
])
def test_decode_refuses_with_one_clear_reason(data, problem):
    with pytest.raises(InputError) as exc:
        decode(data, "x.txt")
    assert problem in exc.value.problem and "x.txt" in str(exc.value)


def test_decode_accepts_bom_crlf_utf16_and_windows_arabic():
    assert decode("\ufeffسطر\r\nسطر ثان\r".encode("utf-8"), "a") == "سطر\nسطر ثان\n"
    assert decode(ARTICLE.encode("utf-16"), "a") == ARTICLE
    assert decode(ARTICLE.encode("cp1256"), "a") == ARTICLE


# ---- folders with good and bad files ---------------------------------------------------------

@pytest.fixture
def mixed_dir(tmp_path):
    (tmp_path / "good.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x00\x01\x02\x03" * 100)
    (tmp_path / "latin1.txt").write_bytes("Arrestation à Fès, délit grave. ".encode("latin-1") * 4)
    with open(tmp_path / "huge.txt", "wb") as fh:  # 50 MB, sparse: never read
        fh.truncate(50 * 1024 * 1024)
    (tmp_path / "page.html").write_text(
        "<html><head><title>عنوان الصفحة</title></head><body><nav>الرئيسية</nav><article><h1>عنوان الصفحة</h1>"
        "<p>فقرة أولى من المقال عن توقيف المشتبه فيهم.</p></article><footer>جميع الحقوق محفوظة</footer></body></html>",
        encoding="utf-8")
    return tmp_path


def test_read_paths_names_each_bad_file_and_keeps_the_good(mixed_dir):
    items = list(read_paths([str(mixed_dir)]))
    docs = {d.id for d in items if isinstance(d, Document)}
    fails = {os.path.basename(f.source): f.reason for f in items if isinstance(f, Failure)}
    assert docs == {"good.txt", "page.html"}
    assert set(fails) == {"empty.txt", "image.txt", "latin1.txt", "huge.txt"}
    assert "empty" in fails["empty.txt"] and "binary" in fails["image.txt"]
    assert "UTF-8" in fails["latin1.txt"] and "too large" in fails["huge.txt"]
    assert all("\n" not in r for r in fails.values())


def test_too_large_bytes_from_stdin_are_refused():
    f = one(read_bytes(b"a" * (MAX_BYTES + 1), "<stdin>", "stdin.txt"))
    assert isinstance(f, Failure) and "too large" in f.reason


def test_cli_extract_exits_1_names_bad_files_and_writes_the_good(mixed_dir, tmp_path_factory):
    out = tmp_path_factory.mktemp("o") / "out.json"
    r = subprocess.run([sys.executable, "-m", "rasd.cli", "extract", str(mixed_dir), "-o", str(out)],
                       capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert r.returncode == 1, r.stderr
    for bad in ("empty.txt", "image.txt", "latin1.txt", "huge.txt"):
        assert bad in r.stderr
    written = json.loads(out.read_text(encoding="utf-8"))
    assert sorted(d["doc"] for d in written["documents"]) == ["good.txt", "page.html"]


# ---- JSON Lines -------------------------------------------------------------------------------

def test_jsonl_records_with_metadata_and_bad_lines():
    recs = [
        {"id": 7, "url": "https://www.hespress.com/amn/123.html", "title": "الأمن يوقف شبكة لتهريب المهاجرين",
         "published": "2025-03-02", "outlet": "Hespress", "text": ARTICLE},
        {"url": "https://example.org/news/story-42", "html": "<html><body><article><h1>عنوان</h1><p>نص المقال.</p></article></body></html>"},
        {"title": "بلا نص"},
        ["not", "an", "object"],
        {"text": "سطر\u0000فيه\u0000أصفار\n" + ARTICLE, "url": "http://[bad-url"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in recs] + ["{not json", ""]
    items = list(read_bytes("\n".join(lines).encode("utf-8"), "feed.jsonl"))
    docs = [d for d in items if isinstance(d, Document)]
    fails = [f for f in items if isinstance(f, Failure)]
    assert [d.id for d in docs] == ["7", "story-42", "feed.jsonl:5"]
    assert docs[0].meta == {"url": recs[0]["url"], "title": recs[0]["title"], "published": "2025-03-02",
                            "outlet": "Hespress", "domain": "hespress.com"}
    assert docs[1].raw.startswith("عنوان") and docs[1].meta["domain"] == "example.org"
    assert "\u0000" in docs[2].raw and "url" not in docs[2].meta
    assert [f.source for f in fails] == ["feed.jsonl:3", "feed.jsonl:4", "feed.jsonl:6"]
    assert "no 'text'" in fails[0].reason and "not a JSON object" in fails[1].reason and "not a JSON" in fails[2].reason


def test_bundled_jsonl_example():
    items = list(read_paths([str(ROOT / "examples" / "records.jsonl")]))
    assert len(items) == 2 and all(isinstance(d, Document) for d in items)
    assert all({"url", "published", "outlet"} <= set(d.meta) for d in items)


# ---- HTML ------------------------------------------------------------------------------------

def test_html_example_page_keeps_article_and_drops_furniture():
    html = (ROOT / "examples" / "articles" / "07_page.html").read_text(encoding="utf-8")
    page = extract_page(html)
    assert page.title == "توقيف شبكة للنصب الإلكتروني بالدار البيضاء"
    assert page.text.split("\n")[0] == page.title
    assert page.meta == {"url": "https://almarsad-almaghribi.example/securite/2025/02/03/reseau-escroquerie",
                         "published": "2025-02-03T11:40:00+01:00", "outlet": "المرصد المغاربي"}
    for gone in ("dataLayer", "font-family", "الأكثر قراءة", "واتساب", "بقلم", "جميع الحقوق", "enable JavaScript",
                 "تفكيك عصابة لسرقة الهواتف"):
        assert gone not in page.text, gone
    assert "أوقفت عناصر الفرقة الوطنية" in page.text


def test_html_file_becomes_a_document_with_page_metadata():
    html = (ROOT / "examples" / "articles" / "07_page.html").read_bytes()
    d = one(read_bytes(html, "examples/articles/07_page.html"))
    assert isinstance(d, Document) and d.id == "07_page.html"
    assert d.meta["domain"] == "almarsad-almaghribi.example" and d.meta["published"].startswith("2025-02-03")


def test_html_without_article_text_is_a_failure():
    f = one(read_bytes(b"<html><head><script>x()</script></head><body><nav>menu</nav></body></html>", "p.html"))
    assert isinstance(f, Failure) and "no article text" in f.reason


def test_layout_wrapper_with_furniture_like_class_is_kept():
    html = ("<html><body><div class='content has-sidebar'><h1>عنوان</h1>" + "<p>فقرة من نص المقال الطويل.</p>" * 5 +
            "<div class='share-bar'>شارك</div></div></body></html>")
    page = extract_page(html)
    assert page.text.count("فقرة من نص المقال") == 5 and "شارك" not in page.text
