"""HTML page -> article text, keeping page furniture (nav, header, footer, scripts, share bars) out.

``extract_page(html)`` returns a ``Page``: the article text (one block per line, blank lines between),
the headline, and the metadata the page declares about itself (``url`` from ``<link rel=canonical>`` or
``og:url``, ``published`` from ``article:published_time`` and kin, ``outlet`` from ``og:site_name``).
Furniture containers are dropped by tag (script, style, nav, header, footer, aside, form ...) and by
class/id fragments listed in ``lexicons/boilerplate.yml`` (``html_furniture``); the ``<header>`` of an
``<article>`` is kept because it holds the headline.  What furniture survives inside the article text
is left to the clean stage.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment

_DROP_TAGS = ("script", "style", "noscript", "template", "svg", "iframe", "form", "button", "nav",
              "footer", "aside", "select", "input", "textarea", "object", "embed", "canvas", "map")
_BLOCK = ("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "figcaption",
          "section", "article", "br", "tr", "td", "th", "pre", "dd", "dt", "header", "main")
_META_PUBLISHED = ("article:published_time", "og:published_time", "datePublished", "date", "pubdate",
                   "publish-date", "dc.date", "DC.date.issued")


@dataclass
class Page:
    text: str
    title: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


@functools.lru_cache(maxsize=1)
def _furniture_fragments() -> tuple[str, ...]:
    from rasd.clean.boilerplate import furniture

    return tuple(f.lower() for f in furniture().html_furniture)


def _meta(soup: BeautifulSoup, *names: str) -> str | None:
    for n in names:
        tag = soup.find("meta", attrs={"property": n}) or soup.find("meta", attrs={"name": n}) \
            or soup.find("meta", attrs={"itemprop": n})
        if tag is not None and isinstance(tag.get("content"), str) and tag["content"].strip():
            return " ".join(tag["content"].split())
    return None


def _page_meta(soup: BeautifulSoup) -> dict[str, str]:
    out: dict[str, str] = {}
    link = soup.find("link", attrs={"rel": "canonical"})
    url = (link.get("href") if link is not None else None) or _meta(soup, "og:url")
    if isinstance(url, str) and url.strip().lower().startswith(("http://", "https://")):
        out["url"] = url.strip()
    pub = _meta(soup, *_META_PUBLISHED)
    if pub is None:
        t = soup.find("time", attrs={"datetime": True})
        pub = t["datetime"].strip() if t is not None and isinstance(t.get("datetime"), str) else None
    if pub:
        out["published"] = pub
    site = _meta(soup, "og:site_name", "application-name")
    if site:
        out["outlet"] = site
    return out


def _is_furniture(tag) -> bool:
    attrs = getattr(tag, "attrs", None)
    if not attrs:
        return False
    names = " ".join([*(attrs.get("class") or []), attrs.get("id") or "", attrs.get("role") or ""]).lower()
    if not names.strip():
        return False
    return any(f in names for f in _furniture_fragments())


def _headline(soup: BeautifulSoup) -> str | None:
    h1 = soup.find("h1")
    if h1 is not None:
        text = " ".join(h1.get_text(" ", strip=True).split())
        if text:
            return text
    return None


def extract_page(html: str) -> Page:
    """Article text, headline and self-declared metadata of an HTML page."""
    soup = BeautifulSoup(html, "html.parser")
    for c in soup.find_all(string=lambda s: isinstance(s, Comment)):
        c.extract()
    head_title = " ".join(soup.title.get_text(" ", strip=True).split()) if soup.title else ""
    meta = _page_meta(soup)
    og_title = _meta(soup, "og:title", "twitter:title")
    headline = _headline(soup)
    for tag in soup(_DROP_TAGS):
        tag.decompose()
    for tag in soup.find_all("header"):
        if tag.find_parent("article") is None and tag.find("h1") is None:
            tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    total = len(root.get_text(" ", strip=True))
    for tag in [t for t in soup.find_all(True) if _is_furniture(t)]:
        # a container holding most of the article is a layout wrapper ("has-sidebar"), not furniture
        if not tag.decomposed and tag.find("h1") is None and len(tag.get_text(" ", strip=True)) < 0.4 * total:
            tag.decompose()
    lines: list[str] = []
    if headline and headline not in root.get_text(" ", strip=True):
        lines.append(headline)
    for el in root.find_all(_BLOCK):
        el.insert_before("\n")
        el.insert_after("\n")
    for ln in root.get_text().split("\n"):
        ln = " ".join(ln.split())
        if ln:
            lines.append(ln)
    title = og_title or headline or head_title or None
    return Page("\n\n".join(lines), title, meta)


def extract(html: str) -> tuple[str, str | None]:
    """Article text and title of an HTML page (see ``extract_page``)."""
    page = extract_page(html)
    return page.text, page.title
