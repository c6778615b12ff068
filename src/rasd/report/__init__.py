"""The analyst's briefing: ``render(corpus, fmt)`` -> one self-contained HTML page, or Markdown.

``rasd report corpus.json -o briefing.html [--format md]`` and ``rasd run ... --html`` call
``render``.  See ``docs/briefing.md``.
"""
from __future__ import annotations

from rasd.doc import Corpus

FORMATS = ("html", "md")


def render(corpus: Corpus, fmt: str = "html", lang: str = "ar") -> str:
    """The briefing of ``corpus`` as a string: ``fmt`` is ``"html"`` or ``"md"``.

    ``lang`` is the language of the Markdown labels (``"ar"`` or ``"en"``); the HTML page
    opens in Arabic and switches to English in the browser.
    """
    if fmt == "html":
        from rasd.report.html import render_html

        return render_html(corpus)
    if fmt == "md":
        from rasd.report.markdown import render_md

        return render_md(corpus, lang)
    raise ValueError(f"unknown briefing format {fmt!r} (use one of: {', '.join(FORMATS)})")


__all__ = ["render", "FORMATS"]
