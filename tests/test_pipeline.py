import pytest

from rasd.errors import PipelineError
from rasd.pipeline import check, stage, stages


def test_stages_are_ordered_and_checked():
    names = [s.name for s in stages()]
    assert names == ["clean", "entities", "time", "events", "cross_document"]
    check(stages())


def test_check_names_missing_attribute():
    a = stage("a", requires=("raw",), sets=("x",))(lambda d: d)
    b = stage("b", requires=("y",), sets=("z",))(lambda d: d)
    with pytest.raises(PipelineError, match="stage 'b' needs y"):
        check((a, b))
    check((stage("c", sets=("y",))(lambda d: d), b))


def test_document_stage_after_corpus_stage_is_refused():
    c = stage("c", level="corpus")(lambda x: x)
    d = stage("d")(lambda x: x)
    with pytest.raises(PipelineError):
        check((c, d))
