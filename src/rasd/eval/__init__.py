"""The scorer behind ``rasd eval``: compare rasd's output with a hand annotation.

``score(gold, pred) -> dict`` returns a JSON-serialisable report; ``render(report, console)``
prints it as a table; ``flatten(report)`` lists every headline score by ``section.measure``.
The matching rules are written in docs/evaluation.md.
"""
from rasd.eval.measures import PRF, Accuracy, Mean, jaccard
from rasd.eval.render import render
from rasd.eval.score import REPORT_SCHEMA, SECTIONS, EvalInputError, flatten, score

__all__ = ["score", "render", "flatten", "PRF", "Accuracy", "Mean", "jaccard", "REPORT_SCHEMA",
           "SECTIONS", "EvalInputError"]
