"""Schema checks of the cross-document data files."""
from rasd.resources import lint_arabic, load_yaml


def _arabic_strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from _arabic_strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from _arabic_strings(v)


def test_cross_document_yml():
    d = load_yaml("lexicons/cross_document.yml")
    for row in d["compatible_modes"]:
        assert set(row) == {"a", "b", "swap"} and isinstance(row["swap"], bool)
    assert all(isinstance(v, (int, float)) for v in d["weights"].values())
    for k in ("mode_same", "participants", "place_conflict", "date_conflict", "date_same_pattern",
              "shared_passage", "direction_mismatch", "both_in_one_doc"):
        assert k in d["weights"]
    th = d["threshold"]
    assert th["min_link"] < th["same_event"]
    r = d["reuse"]
    for k in ("stride", "shingle", "num_perm", "seed", "max_bucket", "small_corpus", "min_block",
              "max_gap", "min_matched", "min_density", "min_words", "min_trigrams"):
        assert isinstance(r[k], (int, float)), k
    assert 0 < r["lsh_threshold"] < 1
    assert all(len(p) == 2 for p in d["quote_pairs"])
    for key in ("chief_titles", "not_chief_words", "attribution_cues", "function_words", "directed_modes"):
        assert d[key] and all(isinstance(x, str) and x.strip() for x in d[key])
    for s in _arabic_strings(d):
        assert lint_arabic(s) == [], s


def test_corpus_generator_yml():
    d = load_yaml("lexicons/corpus_generator.yml")
    assert all(p.count("C1") == 1 and p.count("C2") == 1 and p.count("C3") == 1 for p in d["patterns"])
    assert len(d["letters"]) == len(set(d["letters"]))
    assert all({"type", "mode", "directed"} <= set(e) for e in d["events"])
    assert all(len(f) == 2 for f in d["quote_frames"] + d["prose_frames"])
    for s in _arabic_strings(d):
        assert lint_arabic(s) == [], s
