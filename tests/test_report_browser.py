"""The briefing in headless Chromium (Debian's chromium + chromedriver, driven by selenium):
no console errors, the timeline, the flagged conflict, jumps to evidence, the language switch,
and hostile article text that must neither run nor render as markup."""
from __future__ import annotations

import pytest

from rasd.report import render
from rasd.report.browser import available, start
from rasd.report.fixtures import hostile_document, sample_corpus, seed_corpus
from rasd.report.model import build
from rasd.report.timeline import split

from conftest import GOLD, SEEDS

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not available(), reason="needs /usr/bin/chromium, chromedriver and selenium")]


@pytest.fixture(scope="module", params=["pipeline", "gold"])
def corpus(request):
    """rasd's own output on the seeds (and, apart, the hand annotation with the seed texts)."""
    if not SEEDS.exists():
        c = sample_corpus()
    elif request.param == "pipeline":
        from rasd.pipeline import process_paths

        c = process_paths([str(SEEDS)])
    else:
        c = seed_corpus(GOLD, SEEDS)
    c.documents.append(hostile_document())
    return c


@pytest.fixture(scope="module")
def page(corpus, tmp_path_factory):
    path = tmp_path_factory.mktemp("briefing") / "briefing.html"
    path.write_text(render(corpus, fmt="html"), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def driver():
    d = start()
    yield d
    d.quit()


@pytest.fixture
def opened(driver, page):
    driver.get(page)
    driver.get_log("browser")  # start each test with an empty log
    return driver


def test_renders_without_console_errors(driver, page):
    driver.get(page)
    severe = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert severe == []
    assert driver.execute_script("return document.documentElement.dir") == "rtl"
    assert driver.execute_script("return document.querySelectorAll('#events-table tbody tr').length") > 0


def test_timeline_shows_dated_events(opened, corpus):
    dated, undated = split(build(corpus).events)
    want = {r for b in dated for r in b.refs}
    shown = opened.execute_script(
        "return Array.from(document.querySelectorAll('svg.timeline .tl-item'))"
        ".filter(g => g.getBoundingClientRect().width > 0).map(g => g.dataset.refs)")
    assert {r for refs in shown for r in refs.split()} == want
    assert opened.execute_script("return document.querySelectorAll('ul.undated li').length") == len(undated)


def test_cluster_with_date_conflict_is_flagged(opened):
    flagged = opened.find_elements("css selector", '.cluster.conflict[data-conflict~="date"]')
    assert flagged and flagged[0].is_displayed()
    colour = opened.execute_script("return getComputedStyle(arguments[0]).borderTopColor", flagged[0])
    assert colour != opened.execute_script("return getComputedStyle(document.querySelector('.cluster:not(.conflict)') "
                                           "|| document.body).borderTopColor")
    assert opened.find_elements("css selector", "#events-table tr.conflict")


def test_click_event_jumps_to_its_evidence(opened, corpus):
    br = build(corpus)
    target = next(r for r in br.events if r.ev.evidence or r.ev.trigger)
    link = opened.find_element("css selector", f'#events-table a.jump[data-jump="{target.ref}"]')
    opened.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    state = opened.execute_script("""
        var hl = Array.from(document.querySelectorAll('.txt .hl'));
        var det = document.getElementById('doc-' + arguments[0]);
        var r = hl.length ? hl[0].getBoundingClientRect() : null;
        return {n: hl.length, open: det.open, inside: hl.every(x => det.contains(x)),
                visible: !!r && r.bottom > 0 && r.top < window.innerHeight,
                keys: hl.map(x => x.dataset.m)};""", target.doc)
    key = target.ref[len(f"d{target.doc}"):]
    assert state["n"] > 0 and state["open"] and state["inside"] and state["visible"]
    assert all(key in k.split() for k in state["keys"])
    assert opened.execute_script("return window.scrollY") > 0


def test_language_switch_changes_labels(opened):
    h1 = opened.find_element("css selector", "header h1")
    stat = opened.find_element("css selector", '[data-stat="articles"] span')
    assert h1.text == "موجز رصد" and stat.text == "مقالات"
    opened.find_element("id", "lang").click()
    assert h1.text == "rasd briefing" and stat.text == "articles"
    assert opened.execute_script("return [document.documentElement.dir, document.documentElement.lang]") == ["ltr", "en"]
    months = opened.execute_script("return Array.from(document.querySelectorAll('time[data-d]')).map(t => t.textContent)")
    assert not any(ch in "".join(months) for ch in "يونيومارس")
    opened.find_element("id", "lang").click()
    assert h1.text == "موجز رصد" and opened.execute_script("return document.documentElement.dir") == "rtl"


def test_filters_and_sort(opened):
    rows = lambda: opened.execute_script(  # noqa: E731
        "return Array.from(document.querySelectorAll('#events-table tbody tr')).filter(r => !r.classList.contains('hidden'))"
        ".map(r => r.dataset.type)")
    everything = rows()
    opened.execute_script("var s = document.getElementById('f-type'); s.value = 'CONSULT';"
                          "s.dispatchEvent(new Event('change'))")
    assert set(rows()) == {"CONSULT"} and len(rows()) < len(everything)
    opened.execute_script("var s = document.getElementById('f-type'); s.value = '';"
                          "s.dispatchEvent(new Event('change'))")
    assert len(rows()) == len(everything)
    opened.find_element("css selector", '#events-table th[data-col="3"]').click()
    keys = opened.execute_script("return Array.from(document.querySelectorAll('#events-table tbody tr'))"
                                 ".map(r => r.cells[3].dataset.sort)")
    assert keys == sorted(keys)


def test_hostile_article_neither_runs_nor_renders(opened, corpus):
    from selenium.common.exceptions import NoAlertPresentException

    last = len(corpus.documents) - 1
    opened.execute_script("rasdBriefing.jump(arguments[0])", f"d{last}e0")
    with pytest.raises(NoAlertPresentException):
        opened.switch_to.alert  # noqa: B018
    found = opened.execute_script("""
        var box = document.querySelector('#doc-' + arguments[0] + ' .txt');
        return {markup: document.querySelectorAll('img, iframe, object, embed, textarea').length,
                inText: box.querySelectorAll('*:not(span)').length,
                text: box.textContent};""", last)
    assert found["markup"] == 0 and found["inText"] == 0
    assert "<script>alert(1)</script>" in found["text"] and "<img src=x onerror=alert(1)>" in found["text"]
    assert [e for e in opened.get_log("browser") if e["level"] == "SEVERE"] == []
