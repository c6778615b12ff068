"""HTML page -> article text, keeping page furniture (nav, header, footer, scripts) out."""
from __future__ import annotations

from bs4 import BeautifulSoup

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button",
              "nav", "header", "footer", "aside", "select", "input", "textarea")
_BLOCK = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption",
          "section", "article", "br", "tr", "td", "pre")


def extract(html: str) -> tuple[str, str | None]:
    soup = BeautifulSoup(html, "html.parser")
    title = None
    if soup.title and soup.title.string:
        title = soup.title.string.strip() or None
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    h1 = soup.find("h1")
    lines: list[str] = []
    if h1 is not None and (root is soup or h1 not in root.descendants):
        lines.append(h1.get_text(" ", strip=True))
    for el in root.find_all(_BLOCK):
        el.insert_before("\n")
        el.insert_after("\n")
    text = root.get_text()
    for ln in text.split("\n"):
        ln = " ".join(ln.split())
        if ln:
            lines.append(ln)
    return "\n\n".join(lines), title
