"""The article in an HTML page: its text, a clean structured body, and its metadata.

trafilatura finds the main content and the metadata; this module turns its XML body
into plain text and into our small HTML vocabulary (then `sanitize()`). The text comes
from the settings the extraction benchmark measures; the HTML from a second run that
keeps links, images and emphasis, used only when it found the same article, so what
we show is what we fingerprint and index.

Published time, in order of trust: the page's own date (meta tags, `<time>`,
JSON-LD, via trafilatura/htmldate), then a date in the URL path. When both are
silent `published_at` is None, and the caller falls back to the feed entry's date,
then to the fetch time.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from copy import deepcopy
from datetime import datetime

import trafilatura
from lxml import etree
from lxml.html import HtmlElement

from .dates import date_from_url, parse_datetime
from .sanitize import sanitize
from .types import Extracted
from .urls import web_url
from .xmlchars import xml_safe

__all__ = ["extract", "extract_text"]

log = logging.getLogger(__name__)

# Ask htmldate for the time of day too; it keeps it from some sources (see _published).
_DATE_FORMAT = "%Y-%m-%dT%H:%M:%S%z"
_LOOKS_LIKE_HTML = re.compile(r"<\s*[a-zA-Z!?]")
_LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(?:[-_][a-zA-Z0-9]{2,8})*$")


def _load(html: str | bytes) -> HtmlElement | None:
    head = html[:4096].decode("latin-1") if isinstance(html, bytes) else html[:4096]
    if not html or not _LOOKS_LIKE_HTML.search(head):
        return None
    try:
        return trafilatura.load_html(html)
    except Exception:  # lxml refuses some inputs outright; that is "no article"
        log.debug("unparseable page", exc_info=True)
        return None


# What the benchmark scores (tables in, comments out), so the text we store is the text
# we measured. Links and images change trafilatura's boilerplate decisions (link density),
# so the richer run only shapes the HTML body.
_TEXT_OPTIONS = {"include_comments": False, "include_tables": True}
_HTML_OPTIONS = {
    **_TEXT_OPTIONS,
    "include_formatting": True,
    "include_links": True,
    "include_images": True,
}
_DATE_PARAMS = {"original_date": True, "extensive_search": True, "outputformat": _DATE_FORMAT}
# The richer body is used when its words overlap the text's this much (Dice on word bags).
_SAME_ARTICLE = 0.9
_WORD = re.compile(r"\w+")


def _bare(tree: HtmlElement, url: str | None, *, recall=False, rich=False, metadata=False):
    options = _HTML_OPTIONS if rich else _TEXT_OPTIONS
    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            favor_recall=recall,
            with_metadata=metadata,
            date_extraction_params=_DATE_PARAMS if metadata else None,
            **options,
        )
    except Exception:  # a trafilatura bug on one odd page must not stop an ingest
        log.warning("extraction failed for %s", url, exc_info=True)
        return None


def _words(text: str) -> Counter[str]:
    return Counter(_WORD.findall(text.lower()))


def _best_body(tree: HtmlElement, url: str | None, balanced, rich):
    """The balanced body, or the recall one when recall finds more words.

    Balanced mode sometimes stops at the first part of an article split by a widget or
    an unusual layout; recall then finds the rest. When recall finds *less*, it has
    latched onto some other block, so the balanced result stands. `rich` (the run for the
    HTML, which favours recall) is asked first: where even it finds no more words than
    the balanced text, the plain recall run is spared. That is two pages in three, a fifth
    of an import's extraction; on the benchmark's dev pages recall was then missed on 5
    of the 49 pages where it wins (token F1 0.9507 against 0.9509, bench/extraction.py).
    """
    body = balanced.body if balanced is not None else None
    richer = rich.body if rich is not None else None
    if body is not None and richer is not None and _word_count(richer) <= _word_count(body):
        return body
    recall = _bare(tree, url, recall=True)
    if recall is None or recall.body is None:
        return body
    if body is None or _word_count(recall.body) > _word_count(body):
        return recall.body
    return body


def _word_count(body) -> int:
    return sum(_words(tei_to_text(body)).values())


def _page_titles(tree: HtmlElement) -> list[str]:
    found = [*tree.xpath("//title/text()"), *tree.xpath("//meta[@property='og:title']/@content")]
    return [words for words in map(_plain_words, found) if words]


def _plain_words(text: str) -> str:
    return " ".join(_WORD.findall(text.lower()))


def _drop_repeated_title(body, titles: list[str]) -> None:
    """Remove a leading heading that repeats the page title, and the section label
    ("Sport", "World | Analysis") above it: we show the title and the outlet apart."""
    if body is None:
        return
    leading = list(body)[:3]
    for index, element in enumerate(leading):
        if _repeats_title(element, titles):
            labels = leading[:index]
            if all(len(_plain_words("".join(e.itertext())).split()) <= 3 for e in labels):
                for dropped in [*labels, element]:
                    body.remove(dropped)
            return


def _repeats_title(element, titles: list[str]) -> bool:
    if element.tag not in {"head", "p"}:
        return False
    heading = _plain_words("".join(element.itertext()))
    # whole words, and most of the title: "Introduction" is a section, not the headline
    size = len(heading.split())
    return bool(heading) and any(
        f" {heading} " in f" {title} " and 2 * size >= len(title.split()) for title in titles
    )


def _text_of(document) -> str:
    return tei_to_text(document.body) if document.body is not None else ""


def _same_article(a: str, b: str) -> bool:
    words_a, words_b = _words(a), _words(b)
    total = sum(words_a.values()) + sum(words_b.values())
    return total > 0 and 2 * sum((words_a & words_b).values()) / total >= _SAME_ARTICLE


def _page_language(tree: HtmlElement) -> str | None:
    candidates = [
        tree.get("lang"),
        tree.get("{http://www.w3.org/XML/1998/namespace}lang"),
        *tree.xpath(
            "//meta[@http-equiv='content-language' or @http-equiv='Content-Language']/@content"
        ),
        *tree.xpath("//meta[@property='og:locale']/@content"),
    ]
    for value in candidates:
        code = (value or "").split(",")[0].strip()
        if _LANGUAGE.match(code):
            return code.replace("_", "-").split("-")[0].lower()
    return None


def extract(html: str | bytes, url: str | None = None) -> Extracted:
    """Extract the article of one page; never raises for bad HTML.

    `url` is where the page was fetched: it resolves relative links and images, and
    may carry the publication day. `Extracted.url` is the canonical URL only when the
    page declares one other than `url`. An empty or non-HTML input gives empty text.
    """
    tree = _load(html)
    if tree is None:
        return Extracted(text="")
    document = _bare(tree, url, metadata=True)
    rich = _bare(tree, url, recall=True, rich=True)
    body = _best_body(tree, url, document, rich)
    titles = _page_titles(tree)
    _drop_repeated_title(body, titles)
    text = tei_to_text(body) if body is not None else ""
    if document is None:  # no article found, but the page may still have a title, a date
        document = _metadata(tree, url)
    html_body = body
    if body is not None and rich is not None and rich.body is not None:
        _drop_repeated_title(rich.body, titles)
        if _same_article(_text_of(rich), text):
            html_body = rich.body
    canonical = web_url(document.url, url) if document is not None else None
    base = canonical or url
    return Extracted(
        text=text,
        html=sanitize(tei_to_html(html_body), base_url=base) if html_body is not None else "",
        title=_clean(document, "title"),
        author=_clean(document, "author"),
        published_at=_published(tree, document, url),
        image_url=web_url(document.image, base) if document is not None else None,
        language=_page_language(tree),
        site_name=_clean(document, "sitename"),
        url=canonical if canonical != url else None,
        tags=_tags(document) if document is not None else [],
    )


# Machine-readable publication stamps, most specific first. htmldate weighs many more
# signals to find the right *day*, but keeps the time of day only from some of them.
_STAMP_XPATHS = (
    "//meta[@property='article:published_time' or @name='article:published_time'"
    " or @itemprop='datePublished' or @property='og:published_time']/@content",
    "//*[@itemprop='datePublished']/@datetime",
    "//article//time[@datetime]/@datetime",
    "//time[@pubdate][@datetime]/@datetime",
)
_JSON_LD_PUBLISHED = re.compile(r'"datePublished"\s*:\s*"([^"]{10,40})"')
_HAS_TIME = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def _page_stamp(tree: HtmlElement) -> str | None:
    found = [value for xpath in _STAMP_XPATHS for value in tree.xpath(xpath)]
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        found.extend(_JSON_LD_PUBLISHED.findall(script))
    return next((v.strip() for v in found if _HAS_TIME.match(v.strip())), None)


def _published(tree: HtmlElement, document, url: str | None) -> datetime | None:
    """The page's date, to the minute when the page states a time on that same day."""
    day = (document.date or "") if document is not None else ""
    stamp = _page_stamp(tree)
    if stamp and (not day or stamp[:10] == day[:10]):
        return parse_datetime(stamp) or parse_datetime(day) or date_from_url(url)
    return parse_datetime(day) or date_from_url(url)


def _metadata(tree: HtmlElement, url: str | None):
    try:
        return trafilatura.extract_metadata(tree, default_url=url, date_config=_DATE_PARAMS)
    except Exception:
        log.warning("metadata extraction failed for %s", url, exc_info=True)
        return None


def _clean(document, name: str) -> str:
    return " ".join((getattr(document, name, None) or "").split())


def _tags(document) -> list[str]:
    seen: dict[str, str] = {}
    for tag in [*(document.tags or []), *(document.categories or [])]:
        name = " ".join(str(tag).split())
        if name and name.lower() not in seen:
            seen[name.lower()] = name
    return list(seen.values())


def extract_text(html: str | bytes, url: str | None = None) -> str:
    """The main text of a page, paragraphs separated by blank lines.

    The entry point the extraction benchmark scores: the same text as `extract(...).text`,
    without the metadata and HTML work.
    """
    tree = _load(html)
    if tree is None:
        return ""
    rich = _bare(tree, url, recall=True, rich=True)
    body = _best_body(tree, url, _bare(tree, url), rich)
    _drop_repeated_title(body, _page_titles(tree))
    return tei_to_text(body) if body is not None else ""


# --- trafilatura's XML body -> our HTML and our text -------------------------------------

_INLINE_PARENTS = frozenset({"p", "head", "item", "cell", "hi", "ref", "del", "quote"})
_HI_TAGS = {"#b": "strong", "#i": "em", "#u": "u", "#t": "code", "#sub": "sub", "#sup": "sup"}
_SIMPLE_TAGS = {"p": "p", "quote": "blockquote", "lb": "br", "row": "tr", "del": "del"}


def _html_tag(element) -> str | None:
    """The HTML name for one trafilatura element; None leaves it for sanitize() to unwrap."""
    tag, rend = element.tag, element.get("rend") or ""
    if tag in _SIMPLE_TAGS:
        return _SIMPLE_TAGS[tag]
    if tag == "head":
        # h1 is the page title, shown by our template; deep levels are flattened
        level = int(rend[1:]) if re.fullmatch(r"h[1-6]", rend) else 3
        return f"h{min(max(level, 2), 4)}"
    if tag == "list":
        return "ol" if rend == "ol" else "dl" if rend == "dl" else "ul"
    if tag == "item":
        return rend[:2] if rend.startswith(("dt-", "dd-")) else "li"
    if tag == "hi":
        return _HI_TAGS.get(rend, "em")
    if tag == "ref":
        return "a"
    if tag == "graphic":
        return "img"
    if tag == "code":
        parent = element.getparent()
        inline = parent is not None and parent.tag in _INLINE_PARENTS - {"quote"}
        return "code" if inline else "pre"
    if tag == "table":
        return "table"
    if tag == "cell":
        return "th" if element.get("role") == "head" else "td"
    return None


def tei_to_html(body) -> str:
    """Our HTML vocabulary for a trafilatura body (not yet sanitised)."""
    tree = deepcopy(body)
    for element in list(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        attrs = dict(element.attrib)
        new_tag = _html_tag(element) if element is not tree else "div"
        element.attrib.clear()
        if new_tag is None:
            element.tag = "span"  # unknown wrapper: sanitize() unwraps it, keeping its text
            continue
        element.tag = new_tag
        if new_tag == "a" and attrs.get("target"):
            element.set("href", xml_safe(attrs["target"]))
        elif new_tag == "img":
            # trafilatura may put the words next to an image (a caption) inside it; an
            # image holds no text, so they go after it, and an image with no source goes.
            _spill_after(element)
            if not attrs.get("src"):
                _drop_keeping_tail(element)
                continue
            for name in ("src", "alt", "title"):
                if attrs.get(name):
                    element.set(name, xml_safe(attrs[name]))
            parent = element.getparent()
            if parent is not None and parent.tag not in _INLINE_PARENTS | {"a", "p"}:
                _wrap_in_figure(element)
    return etree.tostring(tree, encoding="unicode", method="html")


def _spill_after(element) -> None:
    for child in reversed(list(element)):
        element.addnext(child)
    if element.text:
        element.tail = element.text + (element.tail or "")
        element.text = None


def _drop_keeping_tail(element) -> None:
    parent, tail = element.getparent(), element.tail or ""
    if parent is None:
        return
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _wrap_in_figure(image) -> None:
    figure = etree.Element("figure")
    image.addprevious(figure)
    figure.tail, image.tail = image.tail, None
    figure.append(image)
    caption = image.get("title")
    if caption:
        figcaption = etree.SubElement(figure, "figcaption")
        figcaption.text = caption


_TEXT_BLOCKS = frozenset({"p", "head", "list", "quote", "table", "code", "div", "ab", "note"})
_TEXT_LINES = frozenset({"item", "row", "lb"})


def _collect_text(element, parts: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag in _TEXT_BLOCKS:
        parts.append("\n\n")
    elif tag in _TEXT_LINES:
        parts.append("\n")
    elif tag == "cell":
        parts.append(" ")
    if tag and tag != "graphic" and element.text:
        parts.append(element.text)
    for child in element:
        _collect_text(child, parts)
    if tag in _TEXT_BLOCKS:
        parts.append("\n\n")
    if element.tail:
        parts.append(element.tail)


def tei_to_text(body) -> str:
    """Plain text of a trafilatura body: a blank line between blocks, list items on lines."""
    parts: list[str] = []
    for child in body:
        _collect_text(child, parts)
    return _tidy("".join(parts))


def _tidy(raw: str) -> str:
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw):
        lines = (" ".join(line.split()) for line in block.splitlines())
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
