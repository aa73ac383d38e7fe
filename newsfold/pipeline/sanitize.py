"""Allow-listed HTML for anything that came from a third party.

Feeds and pages are hostile: whatever we store and later render has been through
`sanitize()`. nh3 (ammonia) does the parsing and the tag/attribute allow-list; our
attribute filter adds what ammonia leaves to us: URLs resolved against the page,
leading Unicode spaces and embedded tabs removed *before* the scheme is judged
(browsers ignore them, so `"\\u00a0javascript:"` must not slip through as "relative"),
and numeric-only image sizes. `to_text()` turns such HTML into plain paragraphs for
fingerprints, search and summaries.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from html import unescape
from html.parser import HTMLParser

import nh3

from .urls import WEB_SCHEMES, tidy_url, web_url

__all__ = ["ALLOWED_ATTRIBUTES", "ALLOWED_TAGS", "sanitize", "to_text"]

ALLOWED_TAGS = frozenset(
    {
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6",
        "ul", "ol", "li", "dl", "dt", "dd", "blockquote", "q", "cite",
        "a", "img", "figure", "figcaption", "picture",
        "strong", "em", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub", "sup",
        "abbr", "time", "code", "pre", "kbd", "samp", "var",
        "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td",
    }
)  # fmt: skip

ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "time": {"datetime"},
    "ol": {"start"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
}

# Dropped with everything inside them: their content is code, styling, or a
# document of its own, never article text.
_DROP_WITH_CONTENT = frozenset(
    {
        "script", "style", "template", "noscript", "iframe", "frame", "frameset",
        "object", "embed", "applet", "svg", "math", "title", "head", "textarea",
        "xmp", "noembed", "noframes", "plaintext", "canvas",
        "audio", "video",
    }
)  # fmt: skip

SETTLE_PASSES = 3  # further passes until the output parses to itself
_URL_ATTRIBUTES = frozenset({"href", "src"})
_LINK_SCHEMES = WEB_SCHEMES | {"mailto"}
_MEDIA_SCHEMES = WEB_SCHEMES
_REL = "nofollow noopener noreferrer"

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_DANGEROUS_VALUE = re.compile(r"^\s*(?:javascript|vbscript|data|livescript)\s*:", re.IGNORECASE)
_DIGITS = re.compile(r"^\d{1,5}$")


def _clean_url(value: str, schemes: frozenset[str], base_url: str | None) -> str | None:
    url = tidy_url(value)
    if not url:
        return None
    match = _SCHEME.match(url)
    if match is None and not base_url:
        # Relative with nothing to resolve it against: a browser reads it as a path
        # on our own site, which is inert.
        return url
    if match is not None and match.group(1).lower() not in WEB_SCHEMES:
        return url if match.group(1).lower() in schemes else None
    return web_url(url, base_url)


def _attribute_filter(base_url: str | None, image: Callable[[str], str] | None):
    def keep(tag: str, attr: str, value: str) -> str | None:
        if attr in _URL_ATTRIBUTES:
            url = _clean_url(value, _LINK_SCHEMES if tag == "a" else _MEDIA_SCHEMES, base_url)
            if image is not None and tag == "img" and url and _SCHEME.match(url):
                return image(url)
            return url
        if attr in ("width", "height", "colspan", "rowspan", "start"):
            return value if _DIGITS.match(value.strip()) else None
        # A title or alt that reads like a script URL is useless and, should a template
        # ever misplace it into an href, dangerous.
        return None if _DANGEROUS_VALUE.match(tidy_url(value)) else value

    return keep


def sanitize(
    html: str, base_url: str | None = None, image: Callable[[str], str] | None = None
) -> str:
    """Keep only the allow-listed structure of third-party HTML.

    Relative links and images are made absolute against `base_url` (the page's own
    URL) so they still work when shown on our site; without it they are kept as they
    are. Links get `rel="nofollow noopener noreferrer"`. `image` gives the address to
    show for an image's absolute URL (ours, when the site serves publishers' images).
    """
    if not html:
        return ""
    # Mis-nested markup can leave a tree that reads otherwise once parsed again (a <p>
    # inside <select> comes out as a <p> inside a <p>): what we store must read as written.
    # Stored HTML that is already clean comes back unchanged from the first pass, so
    # showing it again costs one pass, not two.
    clean = html
    for _ in range(1 + SETTLE_PASSES):
        again = _clean(clean, base_url, image)
        if again == clean:
            break
        clean = again
    return clean


def _clean(html: str, base_url: str | None, image: Callable[[str], str] | None) -> str:
    return nh3.clean(
        html,
        tags=set(ALLOWED_TAGS),
        clean_content_tags=set(_DROP_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        attribute_filter=_attribute_filter(base_url, image),
        strip_comments=True,
        link_rel=_REL,
        url_schemes=set(_LINK_SCHEMES),
    )


_BLOCKS = frozenset(
    {
        "p", "div", "br", "hr", "li", "ul", "ol", "dl", "dt", "dd", "h1", "h2", "h3",
        "h4", "h5", "h6", "blockquote", "pre", "figure", "figcaption", "table", "tr",
        "caption", "section", "article", "header", "footer", "aside", "nav", "main",
        "address", "details", "summary",
    }
)  # fmt: skip
# Line breaks inside a block, not paragraph breaks.
_LINES = frozenset({"br", "li", "tr", "dt", "dd"})
_SKIPPED = _DROP_WITH_CONTENT


class _TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip_depth = 0
        self.pre_depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skip_depth += 1
            return
        if tag == "pre":
            self.pre_depth += 1
        if tag in _LINES:
            self.parts.append("\n")
        elif tag in _BLOCKS:
            self.parts.append("\n\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _LINES or tag in _BLOCKS:
            self.parts.append("\n" if tag in _LINES else "\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skip_depth = max(0, self.skip_depth - 1)
            return
        if tag == "pre":
            self.pre_depth = max(0, self.pre_depth - 1)
        if tag in _BLOCKS and tag not in _LINES:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self.skip_depth:
            # A newline in HTML source is just a space, except in preformatted text.
            self.parts.append(data if self.pre_depth else re.sub(r"\s+", " ", data))


def to_text(html: str) -> str:
    """Plain text of an HTML fragment: one paragraph per block, a blank line between.

    Feed entries often carry HTML in their summary or content; this is the text we
    fingerprint, index and summarise. Never raises: broken markup still yields its words.
    """
    if not html:
        return ""
    collector = _TextCollector()
    try:
        collector.feed(html)
        collector.close()
        raw = "".join(collector.parts)
    except Exception:  # html.parser gives up on a few pathological inputs
        raw = unescape(re.sub(r"<[^>]*>", " ", html))
    paragraphs = []
    for block in re.split(r"\n\s*\n", raw):
        lines = [" ".join(line.split()) for line in block.splitlines()]
        text = "\n".join(line for line in lines if line)
        if text:
            paragraphs.append(text)
    return "\n\n".join(paragraphs)
