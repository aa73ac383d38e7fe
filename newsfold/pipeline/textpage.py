"""Read a plain-text page dump (a browser's select-all copy) into its articles.

A dump keeps no markup, so the page is read from the shape of its lines. Aggregator pages
print every article with a header: a title (sometimes twice), the outlet's name and a
relative time ("Outlet" / "4 hours ago" / "- Outlet", or "Outlet2 days ago" glued), then the
text. Such a header, found anywhere, starts an article; what comes before the first related
header is the main article. Site chrome is what no article owns: lines in the shape of any
site's boilerplate (calls to action, "Comments", "logo"), and short lines that are not
followed by article text, such as a list's heading or a footer.

Decisions a caller may want to know:
- A wire credit ("Agencies", "Reuters", "AFP/AP") right after the last paragraph is kept as
  the article's last paragraph: it is the publisher's attribution, not the site's chrome.
- A related item that has a title but only a teaser (or no text) is still an article: its
  outlet, time and title place it in a story, and folding keeps the fuller copy later.
- Promos a page splices into an article line ("New X newsletter: ... Sign up ...", "<other
  headline> Read More »") are cut out of the line; the line is otherwise kept as it is.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime

from newsfold.pipeline.paragraphs import readable_paragraphs
from newsfold.pipeline.reltime import parse_relative, split_outlet_time
from newsfold.pipeline.types import DumpArticle, PageDump

__all__ = ["DumpError", "parse_dump"]

# Longer lines are article text whatever their punctuation; titles are shorter than this.
_TITLE_MAX = 200
_OUTLET_MAX_WORDS = 6
_OUTLET_MAX_CHARS = 50
# A call to action longer than this is more likely a sentence about one.
_CTA_MAX = 300

_EDGES = " \t\u00a0\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff"
# Closing quotes and brackets may follow a sentence's full stop.
_CLOSE = r"[\"'\u201d\u2019)\]\u00bb]*"
_SENTENCE_END = re.compile(rf"[.!\u2026\u3002\u06d4]{_CLOSE}$|[?\u061f]{_CLOSE}$")
_BULLET = re.compile(r"^[-\u2022\u00b7\u2013\u2014]\s*(?P<name>\S.*)$")
_STRIP_TAIL = " .\u2026:\u00bb\u203a\u2192|-"

# Headings and footers: the article they follow is over.
_TERMINAL = re.compile(
    r"(?:(?:no |add a |leave a |view |show |\d+ )?comments?(?: yet)?|related(?: articles| stories"
    r"| news| coverage)?|more (?:on|about) this (?:story|topic)|more from .{1,40}|read next"
    r"|you (?:may|might) also like|recommended(?: for you)?|most (?:read|popular|viewed)"
    r"|trending(?: now)?|top stories|further reading|see also|also read|around the web"
    r"|(?:download|get|install) (?:the|our) app|.{0,80}all rights reserved"
    r"|(?:\u00a9|\(c\)|copyright\s+(?:\u00a9\s*)?\d{4}).{0,80}"
    r"|privacy policy|terms (?:of (?:use|service)|and conditions)|cookie (?:policy|settings))",
    re.IGNORECASE,
)
# Page furniture found anywhere, even between paragraphs.
_FURNITURE = re.compile(
    r"(?:logo|(?:\w+[ -]){1,3}background(?: image)?|advertisement|advert|ad"
    r"|sponsored(?: content)?|share|share (?:this|on) .{1,30}|tweet|print"
    r"|e-?mail|copy link|read more|continue reading"
    r"|show more|load more|skip to (?:main )?content|sign in|log in|subscribe|sign up|menu"
    r"|search|home|close|follow us.{0,40}|app-?store.*|play-?store.*|google play|app store"
    r"|listen(?: to this article)?|\d+ min(?:ute)? read)",
    re.IGNORECASE,
)
_CTA_START = re.compile(
    r"(?:sign up|subscribe|download|install|get the app|follow us|click here|join us|register"
    r"|log in|sign in|accept (?:all )?cookies|get started)\b",
    re.IGNORECASE,
)
_CTA_CUES = re.compile(
    r"\b(?:newsletters?|sign up|subscribe|download|app store|play store|google play|cookies?"
    r"|accept all|get started|install (?:the|our)|notifications)\b",
    re.IGNORECASE,
)
# Spliced into an article line: another article's headline with a "Read More »" link, and a
# newsletter promo that runs to the word "newsletters" or to the end of its sentence.
_INLINE_PROMOS = (
    re.compile(
        rf"(^|[.!?\u2026]{_CLOSE}\s+)[^.!?\u2026]{{0,200}}?\bread more\s*[\u00bb\u203a\u2192]+\s*",
        re.IGNORECASE,
    ),
    re.compile(
        rf"(^|[.!?\u2026]{_CLOSE}\s+)[^.!?…]{{0,100}}?\bnewsletter\b[^.!?…]{{0,100}}?\bsign up\b"
        r"[^.!?…]{0,250}?(?:\bnewsletters?\b|[.!?…])\s*",
        re.IGNORECASE,
    ),
)
_WIRE_CREDIT = re.compile(
    r"(?:[-\u2013\u2014]\s*)?(?:with |source: )?"
    r"(?:(?:agencies|agency|wires|reuters|afp|ap|associated press"
    r"|dpa|efe|ansa|xinhua|anadolu|bloomberg|upi|pti|ians|wam|kyodo|yonhap|tass|bernama|bna"
    r"|spa|qna|kuna|mena|aa)(?:\s*(?:,|/|and|&|\+)\s*)?){1,4}(?: inputs?)?\.?",
    re.IGNORECASE,
)


class DumpError(ValueError):
    """The text holds no article we can read; the message is one line for the import report."""


@dataclass
class _Meta:
    """An outlet-and-time header: lines [start, end), and the standalone outlet line if any."""

    start: int
    end: int
    outlet: str | None
    published_at: datetime | None
    outlet_line: int | None = None


def _clean(line: str) -> str:
    return line.strip(_EDGES)


def _key(line: str) -> str:
    return " ".join(line.casefold().split())


def _is_terminal(line: str) -> bool:
    return bool(_TERMINAL.fullmatch(line.strip(_STRIP_TAIL)))


def _is_cta(line: str) -> bool:
    if len(line) > _CTA_MAX:
        return False
    if _CTA_START.match(line.lstrip(_STRIP_TAIL)):
        return True
    return len({m.group(0).lower() for m in _CTA_CUES.finditer(line)}) >= 2


def _is_chrome(line: str) -> bool:
    return (
        _is_terminal(line) or bool(_FURNITURE.fullmatch(line.strip(_STRIP_TAIL))) or _is_cta(line)
    )


def _is_sentence(line: str) -> bool:
    """Article text rather than a title, a name or a heading."""
    if len(line) > _TITLE_MAX:
        return True
    if line.endswith(("?", "؟")):
        return len(line) > 120
    return bool(_SENTENCE_END.search(line))


def _is_titlelike(line: str) -> bool:
    return not _is_sentence(line) and not _is_chrome(line) and any(c.isalpha() for c in line)


def _is_outletlike(line: str) -> bool:
    return (
        _is_titlelike(line)
        and len(line) <= _OUTLET_MAX_CHARS
        and len(line.split()) <= _OUTLET_MAX_WORDS
    )


def _bullet_outlet(line: str) -> str | None:
    match = _BULLET.match(line)
    if match and _is_outletlike(match["name"]):
        return match["name"].strip()
    return None


def _time_of(line: str, captured_at: datetime) -> tuple[str | None, datetime] | None:
    if len(line) > _OUTLET_MAX_CHARS + 30:
        return None
    split = split_outlet_time(line)
    if split is None:
        return None
    when = parse_relative(split[1], captured_at)
    return None if when is None else (split[0], when)


def _find_metas(lines: list[str], captured_at: datetime) -> list[_Meta]:
    """Every outlet-and-time header of the page, in order."""
    metas: list[_Meta] = []
    i = 0
    while i < len(lines):
        timed = _time_of(lines[i], captured_at)
        bullet = _bullet_outlet(lines[i])
        if timed is None and bullet is None:
            i += 1
            continue
        meta = _Meta(i, i + 1, timed[0] if timed else bullet, timed[1] if timed else None)
        if timed is None:
            # A lone "- Outlet" is a header only where a headline follows it and it is not
            # an item of a list.
            listed = (i > 0 and _BULLET.match(lines[i - 1])) or (
                i + 1 < len(lines) and _BULLET.match(lines[i + 1])
            )
            if listed or i + 1 >= len(lines) or not _is_titlelike(lines[i + 1]):
                i += 1
                continue
        elif i + 1 < len(lines) and (follow := _bullet_outlet(lines[i + 1])):
            meta.end += 1
            meta.outlet = meta.outlet or follow
        if timed and timed[0] is None and i > 0 and _is_outletlike(lines[i - 1]):
            bullet_named = meta.outlet is not None
            if not bullet_named or _key(meta.outlet or "") == _key(lines[i - 1]):
                meta.start, meta.outlet_line = i - 1, i - 1
                meta.outlet = lines[i - 1]
        if metas and metas[-1].end >= meta.start:
            metas[-1].end = meta.end  # "Outlet" / "2 hours ago" / "Updated 1 hour ago"
        else:
            metas.append(meta)
        i = meta.end
    return metas


def _trim_body(lines: list[str]) -> list[str]:
    """An article's paragraphs: chrome out, nothing after a footer, no trailing headings."""
    body: list[str] = []
    for line in lines:
        if _is_terminal(line):
            break
        if not _is_chrome(line):
            body.append(line)
    last = max((i for i, line in enumerate(body) if _is_sentence(line)), default=None)
    if last is None:
        return body[:1]
    end = last + 1
    if end < len(body) and _WIRE_CREDIT.fullmatch(body[end]):
        end += 1
    return body[:end]


def _strip_promos(paragraph: str) -> str:
    for promo in _INLINE_PROMOS:
        paragraph = promo.sub(r"\1", paragraph)
    return paragraph.strip()


def _article(
    title: str, body: list[str], meta: _Meta | None, *, title_in_body: bool = False
) -> DumpArticle:
    while body and not title_in_body and _key(body[0]) == _key(title):
        body = body[1:]
    # A capture often holds a related article as one run-on line: cut at sentence ends.
    paragraphs = readable_paragraphs(_trim_body(body))
    return DumpArticle(
        title=title,
        text="\n\n".join(paragraphs),
        outlet=meta.outlet if meta else None,
        published_at=meta.published_at if meta else None,
    )


def _first_sentence(line: str) -> str:
    match = re.search(r"^.{20,}?[.!?؟](?=\s|$)", line)
    return (match.group(0) if match else line)[:_TITLE_MAX]


def _read_main(lines: list[str], metas: list[_Meta]) -> DumpArticle | None:
    """The main article: the page's first title, its header and text, before any related."""
    in_meta = {i for m in metas for i in range(m.start, m.end)}
    first = next(
        (
            i
            for i, line in enumerate(lines)
            if i not in in_meta and _is_sentence(line) and not _is_chrome(line)
        ),
        None,
    )
    if first is None:
        return None
    meta = next((m for m in metas if m.start < first), None)
    titles = [i for i in range(first) if i not in in_meta and _is_titlelike(lines[i])]
    if meta is not None:
        before = [i for i in titles if i < meta.start]
        after = [i for i in titles if i >= meta.end]
        if before:
            return _article(lines[before[-1]], lines[meta.end :], meta)
        if after:
            return _article(lines[after[0]], lines[after[0] + 1 :], meta)
        if meta.outlet_line is not None:
            # "Title" / "3 hours ago": the line we took for the outlet is the title.
            return _article(lines[meta.outlet_line], lines[meta.end :], _no_outlet(meta))
    if titles:
        return _article(lines[titles[-1]], lines[titles[-1] + 1 :], meta)
    # No headline at all: the first sentence stands in, and stays in the text.
    return _article(_first_sentence(lines[first]), lines[first:], meta, title_in_body=True)


def _no_outlet(meta: _Meta) -> _Meta:
    return _Meta(meta.start, meta.end, None, meta.published_at)


@dataclass
class _Block:
    start: int
    title: str
    body_start: int
    meta: _Meta


def _titles_before(lines: list[str], meta: _Meta, floor: int) -> list[int]:
    found: list[int] = []
    i = meta.start - 1
    while i >= floor and len(found) < 3 and _is_titlelike(lines[i]):
        found.insert(0, i)
        i -= 1
    return found


def _title_after(lines: list[str], meta: _Meta, ceiling: int) -> int | None:
    i = meta.end
    if i < ceiling and _is_titlelike(lines[i]) and i + 1 < ceiling:
        return i
    return None


def _read_blocks(lines: list[str], metas: list[_Meta]) -> list[_Block]:
    """Related articles, one per header, titled the way this page titles all of them."""
    shapes = []
    for n, meta in enumerate(metas):
        floor = metas[n - 1].end if n else 0
        ceiling = metas[n + 1].start if n + 1 < len(metas) else len(lines)
        shapes.append(
            (meta, _titles_before(lines, meta, floor), _title_after(lines, meta, ceiling))
        )
    # Headlines either follow the outlet and time or precede them; one page does one thing.
    # The first block's "before" line may be the list's heading, so the page votes.
    after_votes = sum(1 for _, before, after in shapes if after is not None)
    before_votes = sum(1 for _, before, _ in shapes if before)
    blocks: list[_Block] = []
    for meta, before, after in shapes:
        keys = [_key(lines[i]) for i in before]
        if after is not None and _key(lines[after]) in keys:
            start = before[keys.index(_key(lines[after]))]
            blocks.append(_Block(start, lines[after], after + 1, meta))
        elif after is not None and after_votes >= before_votes:
            blocks.append(_Block(meta.start, lines[after], after + 1, meta))
        elif before:
            start = before[keys.index(keys[-1])]
            blocks.append(_Block(start, lines[before[-1]], meta.end, meta))
        elif meta.outlet_line is not None and meta.end < len(lines):
            blocks.append(_Block(meta.start, lines[meta.outlet_line], meta.end, _no_outlet(meta)))
    return blocks


def _lines(text: str) -> list[str]:
    if "\x00" in text or "\ufffd" in text[:4096]:
        raise DumpError("not a text page dump: the file holds binary data")
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\f")
    if controls > max(3, len(text) // 100):
        raise DumpError("not a text page dump: the file holds binary data")
    # Promos go first, so a paragraph with one spliced in still reads as a paragraph.
    return [line for line in (_strip_promos(_clean(raw)) for raw in text.splitlines()) if line]


def parse_dump(text: str, captured_at: datetime) -> PageDump:
    """Split a dump into its main article and the related ones, dated from `captured_at`.

    Raises DumpError when no article text can be found.
    """
    if captured_at.tzinfo is None:
        captured_at = captured_at.replace(tzinfo=UTC)
    lines = _lines(text)
    if not lines:
        raise DumpError("empty page dump: the file holds no text")
    metas = _find_metas(lines, captured_at)
    first_body = next(
        (i for i, line in enumerate(lines) if _is_sentence(line) and not _is_chrome(line)), 0
    )
    blocks = _read_blocks(lines, [m for m in metas if m.start > first_body])
    main = _read_main(lines[: blocks[0].start] if blocks else lines, metas)
    related = []
    for n, block in enumerate(blocks):
        end = blocks[n + 1].start if n + 1 < len(blocks) else len(lines)
        related.append(_article(block.title, lines[block.body_start : end], block.meta))
    if (main is None or not main.text) and related:
        main, related = related[0], related[1:]
    if main is None or not main.text:
        raise DumpError("no article found: the page holds no article text")
    return PageDump(main=main, related=related)
