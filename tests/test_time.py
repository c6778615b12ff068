"""Time stage: data files, resolution rules, the publication window, offsets, hostile input, properties."""
from __future__ import annotations

from datetime import date, timedelta

from hijridate import Gregorian
from hypothesis import given, settings
from hypothesis import strategies as st

from rasd.clean import split_lines
from rasd.doc import Document, Span
from rasd.resources import lint_arabic, load_yaml
from rasd.time import Anchor, DatedFact, analyse, find_times, refine_published, time_stage
from rasd.time.lexicon import Lexicon, fold

# ---- data files -----------------------------------------------------------------------------


def test_months_file_schema():
    data = load_yaml("lexicons/months.yml")
    seen: dict[str, int] = {}
    for name, system in data["systems"].items():
        assert isinstance(system["region"], str) and system["region"], name
        assert sorted(int(k) for k in system["months"]) == list(range(1, 13)), name
        for num, forms in system["months"].items():
            assert forms and all(isinstance(f, str) and not lint_arabic(f) for f in forms), (name, num)
            for f in forms:
                assert seen.setdefault(fold(f), int(num)) == int(num), f"{f} names two months"
    assert sorted(int(k) for k in data["hijri"]["months"]) == list(range(1, 13))
    regions = {s["region"] for s in data["systems"].values()}
    assert {"MSA/Egypt/Gulf", "Levant/Iraq", "Algeria/Tunisia"} <= regions


def test_time_file_schema():
    data = load_yaml("lexicons/time.yml")
    for key in ("weekdays", "deictic", "parts_of_day", "relative", "units", "unit_nouns", "cardinals",
                "day_ordinals", "sub_month", "duration_heads", "future_cues", "background_cues",
                "recency_cues", "dateline_cues", "name_heads", "general_heads", "parameters",
                "since_words", "weekday_bare_guarded", "weekday_bare_next"):
        assert key in data, key
    assert sorted(int(k) for k in data["weekdays"]) == list(range(7))
    assert sorted(int(k) for k in data["day_ordinals"]) == list(range(1, 32))
    assert set(data["relative"]) == {"past", "current", "next"}
    assert all(isinstance(v, int) for v in data["deictic"].values())
    weekday_forms = {fold(f) for forms in data["weekdays"].values() for f in forms}
    assert {fold(f) for f in data["weekday_bare_guarded"]} <= weekday_forms

    def strings(x):
        if isinstance(x, str):
            yield x
        elif isinstance(x, dict):
            for v in x.values():
                yield from strings(v)
        elif isinstance(x, list):
            for v in x:
                yield from strings(v)
    for s in strings({k: v for k, v in data.items() if k not in ("about", "source")}):
        assert not lint_arabic(s), s
    params = data["parameters"]
    assert params["recent_max_days"] > 0 and params["last_month_horizon_months"] > 0


# ---- single expressions ---------------------------------------------------------------------

def one(text, anchor=None):
    ts = [t for t in find_times(text, anchor) if t.kind != "duration"]
    assert len(ts) == 1, [(t.text, t.value_start) for t in ts]
    return ts[0]


def test_range_is_one_expression_with_the_whole_span():
    text = "وجرت الزيارة خلال يومي 20 و21 من يونيو الجاري بواشنطن"
    t = one(text, "2022-06-25")
    assert t.text == "خلال يومي 20 و21 من يونيو الجاري"
    assert (t.value_start, t.value_end) == ("2022-06-20", "2022-06-21")
    assert text[t.start:t.end] == t.text


def test_weekday_checked_not_fixed():
    t = one("الجمعة 15 يونيو 2022")  # 15 June 2022 was a Wednesday
    assert t.value_start == "2022-06-15" and t.weekday_ok is False and "Wednesday" in t.note
    assert one("صباح غد الأربعاء 6 دجنبر 2023").weekday_ok is True
    t = one("مساء أول أمس السبت", "2023-12-05")
    assert t.value_start == "2023-12-03" and t.weekday_ok is False


def test_deictic_beside_a_date_is_checked_against_the_anchor():
    t = one("صباح غد الأربعاء 6 دجنبر 2023", "2023-12-01")
    assert t.value_start == "2023-12-06" and "2023-12-02" in t.note


def test_window_anchor_resolves_only_when_every_day_agrees():
    june = Anchor(date(2022, 6, 14), date(2022, 6, 30))
    assert one("يونيو الجاري", june).value_start == "2022-06"
    assert one("العام الماضي", june).value_start == "2021"
    assert one("أمس", june).value_start is None
    assert one("الشهر الماضي", Anchor(date(2022, 6, 14), None)).value_start is None


def test_offsets_with_base_and_diacritics():
    text = "وَصَلَ الوفدُ يومَ ١٣ يُونْيُو ٢٠٢٢ إلى الرباط"
    raw = "مقدمة\n" + text
    ts = find_times(text, None, base=6)
    assert len(ts) == 1 and raw[ts[0].start:ts[0].end] == ts[0].text
    assert ts[0].value_start == "2022-06-13"


def test_bad_anchor_is_a_value_error():
    import pytest
    with pytest.raises(ValueError):
        find_times("أمس", "2022-13-40")


# ---- documents and the window ---------------------------------------------------------------

def make_doc(text: str, meta=None) -> Document:
    doc = Document(id="t", raw=text, meta=meta or {})
    doc.lines = split_lines(text)
    doc.content = [Span(ln.start, ln.end, ln.text) for ln in doc.lines if ln.kind != "blank"]
    return doc


def test_window_from_metadata_wins():
    doc = time_stage(make_doc("وصل الوزير أمس إلى الرباط.", {"published": "2021-03-04T10:00:00Z"}))
    assert (doc.published.earliest, doc.published.latest) == ("2021-03-04", "2021-03-04")
    assert doc.published.basis == "publication date given with the input"
    assert doc.times[0].value_start == "2021-03-03"


def test_window_from_dateline():
    doc = time_stage(make_doc("الرباط\nنشر في 12 مارس 2022\nاجتمع المجلس أمس لمناقشة الوضع."))
    assert (doc.published.earliest, doc.published.latest) == ("2022-03-12", "2022-03-12")
    assert doc.published.rule == "dateline"
    assert [t.value_start for t in doc.times if t.text == "أمس"] == ["2022-03-11"]


def test_window_from_deictic_with_date():
    doc = time_stage(make_doc("تنطلق الدورة صباح غد الخميس 9 مارس 2023 بالرباط.\nوصل الوفود مساء أمس الثلاثاء."))
    assert (doc.published.earliest, doc.published.latest) == ("2023-03-08", "2023-03-08")
    assert [t.value_start for t in doc.times if "أمس" in t.text] == ["2023-03-07"]
    assert all(doc.raw[t.start:t.end] == t.text for t in doc.times)


def test_window_current_month_with_days_and_year_elsewhere():
    doc = time_stage(make_doc("عقد المؤتمر يومي 3 و4 مارس الجاري.\nوكان المؤتمر الأول قد عقد في 10 مارس 2020."))
    # the year of "مارس الجاري" is unknown: only a lower bound from the past date
    assert doc.published.latest is None
    doc = time_stage(make_doc("عقد المؤتمر يومي 3 و4 مارس الجاري.\nوتزامن ذلك مع نشر تقرير فبراير 2024.\n"
                              "ومن المقرر أن تعقد الدورة المقبلة في ديسمبر 2024."))
    assert (doc.published.earliest, doc.published.latest) == ("2024-03-04", "2024-03-31")


def test_window_last_month_dated_elsewhere():
    doc = time_stage(make_doc("أحبطت الأجهزة في أكتوبر الماضي هجوما.\nوكان الهجوم مقررا يوم 20 أكتوبر 2021."))
    assert (doc.published.earliest, doc.published.latest) == ("2021-11-01", "2022-10-31")


def test_window_future_date_is_an_upper_bound_and_conflicts_are_skipped():
    doc = time_stage(make_doc("ستحتضن المدينة المؤتمر خلال سنة 2030.\nوقد زار الوفد المدينة في مايو 2019."))
    assert (doc.published.earliest, doc.published.latest) == ("2019-06-01", "2030-12-31")


def test_window_recency_uses_the_latest_news_date_not_background():
    text = "التقى الوزير نظيره قبل أيام في مدريد.\nوجرت المباحثات يوم 14 يونيو 2022.\nوسبق أن التقيا في 3 مارس 2019."
    doc = time_stage(make_doc(text))
    assert (doc.published.earliest, doc.published.latest) == ("2022-06-14", "2022-07-15")
    doc = time_stage(make_doc("استقبل المدير الأسبوع الماضي وفدا.\nوسبق أن زار واشنطن في شهر يونيو سنة 2022."))
    assert (doc.published.earliest, doc.published.latest) == ("2022-07-01", None)


def test_window_null_when_nothing_bounds_it():
    doc = time_stage(make_doc("عقد الوزير قبل أيام لقاء مع نظيره."))
    assert (doc.published.earliest, doc.published.latest, doc.published.basis) == (None, None, None)


def test_refine_published_with_dates_from_elsewhere():
    doc = time_stage(make_doc("زار الوفد واشنطن قبل عدة أيام.\nوتمت الزيارة يومي 20 و21 من يونيو الجاري."))
    assert doc.published.latest is None
    t = [t for t in doc.times if "الجاري" in t.text][0]
    refine_published(doc, [DatedFact("2022-06", "2022-06", (t.start, t.end), "other")])
    assert (doc.published.earliest, doc.published.latest) == ("2022-06-21", "2022-06-30")
    assert [t.value_start for t in doc.times if "الجاري" in t.text] == ["2022-06-20"]
    doc = time_stage(make_doc("التقى الوزير نظيره قبل أيام قليلة."))
    refine_published(doc, [DatedFact("2022-06-13", "2022-06-14", None, "other")])
    assert (doc.published.earliest, doc.published.latest) == ("2022-06-14", "2022-07-15")


def test_weekday_mismatch_warns():
    doc = time_stage(make_doc("اجتمع المجلس يوم الجمعة 15 يونيو 2022."))
    assert any("weekday" in w for w in doc.warnings)


def test_only_content_lines_are_scanned():
    doc = make_doc("آخر تحديث 3 يناير 2020\nاجتمع المجلس في 5 مارس 2021.")
    doc.content = doc.content[1:]
    doc.boilerplate = [Span(doc.lines[0].start, doc.lines[0].end, doc.lines[0].text)]
    doc = analyse(doc)
    assert [t.value_start for t in doc.times] == ["2021-03-05"]


# ---- hostile input --------------------------------------------------------------------------

def test_hostile_input_finishes():
    for chunk in ("يومي 1 و", "13 و14 يونيو ", "2022 و", "قبل أيام ", "من 1 إلى ", "فبراير (شباط) (",
                  "١٢/", "الأول من ", "صباح غد ", "ديسمبر ديسمبر 2021 "):
        text = (chunk * (100_000 // len(chunk)))[:100_000]
        find_times(text, "2022-06-15")
    doc = make_doc(("يومي 1 و" * 2000 + "\n") * 5)
    time_stage(doc)


# ---- properties -----------------------------------------------------------------------------

_DATES = st.dates(min_value=date(1900, 1, 1), max_value=date(2099, 12, 31))
_SYSTEMS = sorted(load_yaml("lexicons/months.yml")["systems"])
_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


@settings(max_examples=300, deadline=None)
@given(_DATES, st.sampled_from(_SYSTEMS), st.integers(0, 5), st.booleans())
def test_any_date_in_any_month_system_round_trips(d, system, k, indic):
    forms = load_yaml("lexicons/months.yml")["systems"][system]["months"][d.month]
    text = f"في {d.day} {forms[k % len(forms)]} {d.year} أعلنت الوزارة"
    if indic:
        text = text.translate(_INDIC)
    t = one(text)
    assert t.value_start == t.value_end == d.isoformat()


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2070, 12, 31)))
def test_hijri_round_trips(d):
    h = Gregorian(d.year, d.month, d.day).to_hijri()
    form = load_yaml("lexicons/months.yml")["hijri"]["months"][h.month][0]
    t = one(f"في {h.day} {form} {h.year} هـ")
    assert t.value_start == d.isoformat()


@settings(max_examples=200, deadline=None)
@given(_DATES, st.integers(1, 12))
def test_relative_day_offsets_invert(d, n):
    back = one(f"قبل {n} أيام", d).value_start
    fwd = one(f"بعد {n} أيام", d).value_start
    assert date.fromisoformat(back) + timedelta(days=n) == d
    assert date.fromisoformat(fwd) - timedelta(days=n) == d


@settings(max_examples=200, deadline=None)
@given(_DATES, st.integers(1, 12))
def test_last_and_next_month_bracket_the_anchor(d, m):
    name = Lexicon.get().systems["msa"]["months"][m][0]
    past = one(f"{name} الماضي", d).value_start
    nxt = one(f"{name} المقبل", d).value_start
    months = lambda s: int(s[:4]) * 12 + int(s[5:7])  # noqa: E731
    here = d.year * 12 + d.month
    assert 1 <= here - months(past) <= 12 and 1 <= months(nxt) - here <= 12


@settings(max_examples=200, deadline=None)
@given(_DATES, st.integers(0, 6))
def test_last_weekday_is_within_the_week_before(d, wd):
    name = load_yaml("lexicons/time.yml")["weekdays"][wd][0]
    v = date.fromisoformat(one(f"{name} الماضي", d).value_start)
    assert v.weekday() == wd and 1 <= (d - v).days <= 7


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet="ابتثجحخدذرزسشصضطظعغفقكلمنهوي ،.0123456789", max_size=60), _DATES)
def test_offsets_always_point_into_the_text(noise, d):
    text = noise + f" يوم {d.day} مارس {d.year} " + noise
    for t in find_times(text, d):
        assert text[t.start:t.end] == t.text


# ---- holdout families: Hijri + Gregorian datelines, numeric datelines, bare weekdays, since, partial values


@settings(max_examples=200, deadline=None)
@given(_DATES, st.integers(0, 6))
def test_bare_weekday_is_the_nearest_such_day(d, wd):
    name = load_yaml("lexicons/time.yml")["weekdays"][wd][0]
    past = date.fromisoformat(one(f"اجتمع المجلس يوم {name}", d).value_start)
    assert past.weekday() == wd and 0 <= (d - past).days <= 6
    nxt = date.fromisoformat(one(f"ومن المقرر أن يجتمع المجلس يوم {name}", d).value_start)
    assert nxt.weekday() == wd and 0 <= (nxt - d).days <= 6


def test_bare_weekday_needs_a_single_day_anchor():
    assert one("اجتمع المجلس يوم الثلاثاء").value_start is None
    assert one("اجتمع المجلس يوم الثلاثاء", Anchor(date(2024, 5, 1), date(2024, 5, 20))).value_start is None


@settings(max_examples=150, deadline=None)
@given(st.dates(min_value=date(1950, 1, 1), max_value=date(2070, 12, 31)), st.sampled_from("/.-"))
def test_numeric_dates_both_orders(d, sep):
    for text in (f"{d.day:02d}{sep}{d.month:02d}{sep}{d.year}", f"{d.year}{sep}{d.month:02d}{sep}{d.day:02d}",
                 f"{d.year}{sep}{d.month}{sep}{d.day}"):
        assert one(f"صدر القرار بتاريخ {text} عن الوزارة").value_start == d.isoformat(), text


def test_impossible_numeric_dates_give_nothing():
    for text in ("30/02/2023", "2023/02/30", "2023/13/01", "00/05/2023", "2023-04-31"):
        assert find_times(f"صدر القرار بتاريخ {text} عن الوزارة") == [], text


def test_dateline_hijri_and_gregorian_on_one_line():
    doc = time_stage(make_doc("الرئيسية\nعنوان الخبر عن الشرطة\nالخميس 2 شوال 1445 هـ - 11 أبريل 2024\n"
                              "أعلنت الشرطة أمس توقيف عصابة، وكانت العملية قد نفذت يوم الأحد الماضي."))
    assert (doc.published.earliest, doc.published.latest, doc.published.rule) == ("2024-04-11", "2024-04-11", "dateline")
    by_text = {t.text: t.value_start for t in doc.times}
    assert by_text["أمس"] == "2024-04-10" and by_text["يوم الأحد الماضي"] == "2024-04-07"


def test_dateline_hijri_and_gregorian_that_disagree_is_not_a_dateline():
    doc = time_stage(make_doc("الخميس 2 شوال 1445 هـ - 12 أبريل 2024\nأعلنت الشرطة أمس توقيف عصابة."))
    assert doc.published.rule != "dateline"


def test_numeric_dateline():
    doc = time_stage(make_doc("الموقع\nعنوان الخبر عن الجيش\nق.و\n2024/03/19\n\nأوقفت وحدات الجيش يوم الأحد ثلاثة مهربين."))
    assert (doc.published.earliest, doc.published.latest, doc.published.rule) == ("2024-03-19", "2024-03-19", "dateline")
    assert [t.value_start for t in doc.times if "الأحد" in t.text] == ["2024-03-17"]


def test_since_is_its_own_kind():
    t = one("فككت المصالح منذ سنة 2002 أكثر من مائة خلية")
    assert (t.kind, t.value_start, t.value_end, t.text) == ("since", "2002", None, "منذ سنة 2002")
    t = one("يتواصل التحقيق منذ 3 مارس 2021")
    assert (t.kind, t.value_start, t.value_end) == ("since", "2021-03-03", None)


def test_partial_value_without_year():
    cases = {"خلال يومي 20 و21 من يونيو الجاري": "--06-20/--06-21", "في 9 أبريل": "--04-09",
             "في شهر مارس الماضي": "--03", "من 28 ديسمبر إلى 3 يناير": "--12-28/--01-03",
             "في 9 أبريل 2021": None, "أمس": None, "يوم الأحد": None}
    for text, want in cases.items():
        assert one(text, "2022-06-15").partial == want, text


def test_partial_survives_json():
    from rasd.output import document_from_json, document_to_json
    doc = time_stage(make_doc("وتمت الزيارة يومي 20 و21 من يونيو الجاري."))
    back = document_from_json(document_to_json(doc))
    assert [t.partial for t in back.times] == ["--06-20/--06-21"]


def test_period_words_stay_inside_the_span():
    t = one("أوقفت الوحدات، خلال الفترة الممتدة من 4 إلى 10 جوان 2025، عشرين مهربا")
    assert (t.text, t.value_start, t.value_end) == ("خلال الفترة الممتدة من 4 إلى 10 جوان 2025", "2025-06-04", "2025-06-10")
