"""Feeds and pages that carry the stored XSS vectors of ../shared/data/hostile, in every place
a publisher can put them, for the browser to render.

Vectors go in groups: each document of a group carries every vector of the group in the
place it tests, around a text of our own that differs per document (so no two fold into one
article). The places: an RSS item's title, author, link, enclosure and description (escaped
and in CDATA); an Atom entry's HTML title and content (escaped, and XHTML); an HTML page's
body and title.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from tests.ingest.feedbuilder import article_text


def load(path: Path) -> list[dict]:
    # Lines end with "\n" only: payloads hold U+2028 and friends, which splitlines() splits on.
    return [json.loads(line) for line in path.read_text(encoding="utf-8").split("\n") if line]


def sample(vectors: list[dict], size: int | None) -> list[dict]:
    """Every vector, or `size` of them spread evenly over the file (its order is shuffled)."""
    if size is None or size >= len(vectors):
        return vectors
    step = len(vectors) / size
    return [vectors[int(i * step)] for i in range(size)]


def _text(n: int) -> list[str]:
    return article_text(n).split("\n\n")


def _cdata(value: str) -> str:
    return "<![CDATA[" + value.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def _body(payloads: list[str], n: int) -> str:
    """Our paragraphs with a vector after each of the first ones, then the rest."""
    paragraphs = [f"<p>{escape(p)}</p>" for p in _text(n)]
    mixed = [part for pair in zip(paragraphs, payloads, strict=False) for part in pair]
    return "".join(mixed + paragraphs[len(payloads) :] + payloads[len(paragraphs) :])


def write(vectors: list[dict], folder: Path, per_group: int = 10) -> int:
    """Write the documents into `folder`; returns how many documents there are."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    for g in range(0, len(vectors), per_group):
        payloads = [v["payload"] for v in vectors[g : g + per_group]]
        n = 10_000 + g * 10  # article_text(n) for this group's documents: n, n+1, …
        joined = " ".join(payloads)
        home = f"https://hostile{g}.example/"
        rss_items = [
            f"<item><title>{escape(joined)}</title><link>{home}rss/escaped</link>"
            f"<guid>{home}rss/escaped</guid><author>{escape(joined)}</author>"
            f"<description>{escape(_body(payloads, n))}</description></item>",
            f"<item><title>{_cdata(payloads[0])}</title><link>{home}rss/cdata</link>"
            f"<guid>{home}rss/cdata</guid>"
            + "".join(f"<enclosure url={quoteattr(p)} type='image/png'/>" for p in payloads)
            + f"<content:encoded>{_cdata(_body(payloads, n + 1))}</content:encoded></item>",
        ]
        (folder / f"group{g:05d}.rss").write_text(
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>Hostile {g}</title><link>{home}</link>"
            + "".join(rss_items)
            + "</channel></rss>",
            encoding="utf-8",
        )
        atom_entries = [
            f'<entry><title type="html">{escape(joined)}</title>'
            f'<link href="{home}atom/html"/><id>{home}atom/html</id>'
            "<updated>2026-11-18T08:00:00Z</updated>"
            f"<author><name>{escape(payloads[-1])}</name></author>"
            f'<content type="html">{escape(_body(payloads, n + 2))}</content></entry>'
        ]
        (folder / f"group{g:05d}.atom").write_text(_atom(g, home, atom_entries), encoding="utf-8")
        # XHTML content is markup inside the feed itself: a vector that is not well-formed
        # XML spoils the document, so each gets one of its own (a refused file is fine too).
        xhtml = (
            f'<entry><title>Hostile XHTML {g}</title><link href="{home}atom/xhtml"/>'
            f"<id>{home}atom/xhtml</id><updated>2026-11-18T09:00:00Z</updated>"
            '<content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">'
            f"{_body(payloads, n + 3)}</div></content></entry>"
        )
        (folder / f"group{g:05d}-xhtml.atom").write_text(_atom(g, home, [xhtml]), encoding="utf-8")
        (folder / f"group{g:05d}.html").write_text(
            f"<!doctype html><html><head><title>{joined}</title>"
            f'<link rel="canonical" href="{home}page">'
            f"</head><body><article><h1>Hostile page {g}</h1>{_body(payloads, n + 4)}"
            "</article></body></html>",
            encoding="utf-8",
        )
        count += 4
    return count


def _atom(g: int, home: str, entries: list[str]) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>Hostile {g}</title><link href="{home}"/><id>{home}</id>'
        "<updated>2026-11-18T00:00:00Z</updated>" + "".join(entries) + "</feed>"
    )
