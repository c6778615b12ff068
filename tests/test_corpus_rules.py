"""Unit rules of the cross-document stage: dates, participants, conflicts, fills."""
from hypothesis import given, strategies as st

from rasd.corpus import dates as D
from rasd.corpus.conflicts import date_conflict, location_conflict, participants_conflict
from rasd.corpus.fill import fill_dates, majority_date
from rasd.corpus.participants import Matcher, heads_map
from rasd.corpus.same_event import Cluster, Item
from rasd.doc import Document, Entity, Event, EventDate, Location

days = st.dates(min_value=__import__("datetime").date(1990, 1, 1), max_value=__import__("datetime").date(2035, 12, 31))


def _value(d, grain):
    return d.isoformat()[: {"day": 10, "month": 7, "year": 4}[grain]]


@given(days, days, st.sampled_from(["day", "month", "year"]), st.sampled_from(["day", "month", "year"]))
def test_interval_relations(a, b, ga, gb):
    ea = EventDate(_value(min(a, b), ga), _value(max(a, b), ga))
    eb = EventDate(_value(a, gb), _value(a, gb))
    ia, ib = D.interval(ea), D.interval(eb)
    assert ia[0] <= ia[1]
    assert D.compatible(ia, ib) == D.compatible(ib, ia)
    assert D.contains(ia, ia)
    if D.contains(ia, ib):
        assert D.overlap(ia, ib)


def test_vaguer_value_contains_precise():
    june = D.interval(EventDate("2022-06", "2022-06"))
    visit = D.interval(EventDate("2022-06-13", "2022-06-14"))
    later = D.interval(EventDate("2023-06-13", "2023-06-14"))
    assert D.compatible(june, visit) and not D.compatible(visit, later)
    assert D.value_string(EventDate("2022-06", "2022-06")) == "2022-06"
    assert D.value_string(EventDate("2022-06-13", "2022-06-14")) == "2022-06-13/2022-06-14"
    assert D.same_pattern(EventDate("2022-06-13", "2022-06-14"), EventDate("2023-06-13", "2023-06-14"))
    assert not D.same_pattern(EventDate("2022-06-13", "2022-06-14"), EventDate("2023-06-20", "2023-06-21"))
    assert D.interval(EventDate("2022-13", None)) is None


def test_agency_stands_for_its_chief_not_for_a_deputy():
    d = Document(id="x", raw="", entities=[
        Entity("e1", "PER", "Ana Ruiz", role="Director of the National Guard"),
        Entity("e2", "PER", "Ben Sol", role="Deputy Director of the National Guard"),
        Entity("e3", "PER", "Sami Nour", role="مدير الأمن الوطني"),
        Entity("e4", "ORG", "National Guard")])
    m = Matcher(heads_map([d]))
    assert m.same("Ana Ruiz", "National Guard") and m.same("National Guard", "Ana Ruiz")
    assert not m.same("Ben Sol", "National Guard")
    assert not m.same("Ben Sol", "Ana Ruiz")
    assert m.shared(["Ana Ruiz", "Omar"], ["National Guard", "Omar"]) == 2


def _cluster(*specs):
    items = []
    for n, (doc, start, end, loc, cps) in enumerate(specs):
        ev = Event(id="e", type="CONSULT", mode="visit", actors=["A"], counterparts=list(cps),
                   location=None if loc is None else Location(loc[0], loc[1]), date=EventDate(start, end))
        items.append(Item(n, Document(id=doc, raw=""), ev, ["A"] + list(cps), D.interval(ev.date)))
    return Cluster("c", items, [])


def test_missing_and_vaguer_values_are_no_conflict():
    cl = _cluster(("d1", "2022-06-13", "2022-06-14", ("Rabat", "MA"), ["B"]),
                  ("d2", "2022-06", "2022-06", ("Morocco", "MA"), ["B"]),
                  ("d3", None, None, None, []))
    assert date_conflict(cl) is None and location_conflict(cl) is None
    assert participants_conflict(cl, Matcher()) is None


def test_location_and_participant_conflicts():
    cl = _cluster(("d1", None, None, ("Rabat", "MA"), ["B"]), ("d2", None, None, ("Paris", "FR"), ["C"]))
    assert location_conflict(cl)["values"] == {"Paris (FR)": ["d2"], "Rabat (MA)": ["d1"]}
    assert participants_conflict(cl, Matcher())["field"] == "participants"


def test_fill_needs_a_strict_majority():
    split = _cluster(("d1", "2022-06-13", "2022-06-13", None, ["B"]), ("d2", "2023-06-13", "2023-06-13", None, ["B"]),
                     ("d3", None, None, None, ["B"]))
    assert majority_date(split) is None and fill_dates(split) == []
    agree = _cluster(("d1", "2022-06-13", "2022-06-13", None, ["B"]), ("d2", "2022-06", "2022-06", None, ["B"]),
                     ("d3", "2023-01-01", "2023-01-01", None, ["B"]), ("d4", None, None, None, ["B"]))
    assert fill_dates(agree) == ["d4"]
    ev = agree.items[3].ev
    assert (ev.date.start, ev.date.inferred_from, ev.date.rule) == ("2022-06-13", ["d1"], "cluster-fill")
