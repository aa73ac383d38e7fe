"""The demo corpus's sources, read into Article records: demo/source/*.md and the outlets.

Standard library only; used by demo/build.py and demo/writers.py.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

DEMO = Path(__file__).resolve().parent
SOURCE = DEMO / "source"
CATEGORIES = {
    "politics",
    "business",
    "technology",
    "sport",
    "science",
    "health",
    "culture",
    "world",
}
MIN_WORDS, MAX_WORDS = 120, 350


# --------------------------------------------------------------------------- source parsing


@dataclass
class Item:
    id: str
    meta: dict[str, str]
    blocks: list[str] = field(default_factory=list)  # body blocks, markup prefixes kept

    @property
    def kind(self) -> str:
        return self.meta.get("kind", "article")


def parse_sources() -> dict[str, Item]:
    items: dict[str, Item] = {}
    for path in sorted(SOURCE.glob("[0-9]*.md")):
        text = path.read_text(encoding="utf-8")
        for chunk in re.split(r"^##### ", text, flags=re.M)[1:]:
            head, _, body = chunk.partition("\n\n")
            lines = head.strip("\n").split("\n")
            item_id = lines[0].strip()
            meta = {}
            for line in lines[1:]:
                key, sep, value = line.partition(":")
                if not sep:
                    raise SystemExit(f"{path.name}: {item_id}: bad header line {line!r}")
                meta[key.strip()] = value.strip()
            blocks = [b.strip() for b in re.split(r"\n\s*\n", body) if b.strip()]
            if item_id in items:
                raise SystemExit(f"duplicate id {item_id}")
            items[item_id] = Item(item_id, meta, blocks)
    return items


def block_to_html(block: str) -> str:
    if block.startswith("!html "):
        return block[len("!html ") :]
    if block.startswith("## "):
        return f"<h2>{html.escape(block[3:], quote=False)}</h2>"
    if block.startswith("> "):
        return f"<blockquote><p>{html.escape(block[2:], quote=False)}</p></blockquote>"
    if block.startswith("- "):
        lis = "".join(
            f"<li>{html.escape(line[2:].strip(), quote=False)}</li>" for line in block.split("\n")
        )
        return f"<ul>{lis}</ul>"
    return f"<p>{html.escape(' '.join(block.split()), quote=False)}</p>"


def block_to_lines(block: str) -> list[str]:
    """Plain-text lines, as a reader would see them (raw HTML blocks are dropped)."""
    if block.startswith("!html "):
        return []
    if block.startswith(("## ", "> ")):
        return [block[block.index(" ") + 1 :]]
    if block.startswith("- "):
        return [line[2:].strip() for line in block.split("\n")]
    return [" ".join(block.split())]


def body_html(blocks: list[str]) -> str:
    return "\n".join(block_to_html(b) for b in blocks)


def body_lines(blocks: list[str]) -> list[str]:
    return [line for b in blocks for line in block_to_lines(b)]


def paragraph_count(blocks: list[str]) -> int:
    return sum(1 for b in blocks if not b.startswith(("## ", "!html ")))


# --------------------------------------------------------------------------- articles


@dataclass
class Article:
    id: str
    outlet: dict
    title: str
    summary: str
    author: str
    published: datetime  # UTC
    categories: list[str]
    slug: str
    blocks: list[str]
    event: str | None
    wire: str | None  # id of the wire story it carries
    truncated: bool
    hostile: bool
    url: str = ""
    guid: str = ""

    @property
    def text_id(self) -> str:
        return self.wire or self.id

    @property
    def lines(self) -> list[str]:
        return body_lines(self.blocks)

    @property
    def words(self) -> int:
        return sum(len(line.split()) for line in self.lines)

    def local_time(self) -> datetime:
        return self.published.astimezone(outlet_tz(self.outlet))


def outlet_tz(outlet: dict) -> timezone:
    tz = outlet["feed"]["tz"]
    if tz == "GMT":
        return UTC
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def parse_date(value: str) -> datetime:
    return datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def first_sentence(blocks: list[str]) -> str:
    text = body_lines(blocks)[0]
    m = re.match(r"(.+?[.!?])\s", text + " ")
    return m.group(1) if m else text


def build_articles(items: dict[str, Item], outlets: dict[str, dict], agency: dict):
    wires = {i.id: i for i in items.values() if i.kind == "wire"}
    articles: list[Article] = []
    for item in items.values():
        if item.kind == "wire":
            continue
        m = item.meta
        outlet = outlets[m["outlet"]]
        truncated = False
        if item.kind == "copy":
            wire = wires[m["of"]]
            blocks = list(wire.blocks)
            if "truncate" in m:
                keep, out = int(m["truncate"]), []
                for b in blocks:
                    if paragraph_count(out) >= keep:
                        break
                    out.append(b)
                blocks, truncated = out, True
            author = f"{wire.meta['author']}, {agency['name']}"
            event = wire.meta.get("event")
            wire_id = wire.id
        else:
            blocks, author, event, wire_id = item.blocks, m["author"], m.get("event"), None
        cats = [c.strip() for c in m["category"].split(",")]
        art = Article(
            id=item.id,
            outlet=outlet,
            title=m["title"],
            summary=m.get("summary") or first_sentence(blocks),
            author=author,
            published=parse_date(m["date"]),
            categories=cats,
            slug=m["slug"],
            blocks=blocks,
            event=event,
            wire=wire_id,
            truncated=truncated,
            hostile=m.get("hostile") == "yes",
        )
        local = art.local_time()
        art.url = outlet["homepage"] + outlet["url_pattern"].format(
            yyyy=f"{local.year:04d}",
            mm=f"{local.month:02d}",
            dd=f"{local.day:02d}",
            slug=art.slug,
            section=cats[0],
        )
        articles.append(art)
    articles.sort(key=lambda a: (a.outlet["slug"], a.published, a.id))
    # Northgate-style numeric guids for outlets whose guid is not the permalink
    for n, a in enumerate(articles):
        a.guid = a.url
        if a.outlet["slug"] == "northgate-courier":
            a.guid = f"{a.outlet['homepage']}?p={48100 + n * 7}"
    return wires, articles
