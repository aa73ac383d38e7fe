#!/usr/bin/env python3
"""Build newsfold's fictional demo corpus from the hand-written sources in demo/source/.

    python3 demo/build.py           # (re)write feeds/, pages/, dumps/, outlets.opml, manifest.json
    python3 demo/build.py --check   # exit 1 if any generated file is missing or out of date

Standard library only. The output is deterministic (no "now"), so it is committed next to
this script. See demo/README.md for the source format.
"""

# ruff: noqa: E501  (HTML and XML templates read better unwrapped)

from __future__ import annotations

import html
import json
import re
import sys
import xml.dom.minidom
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

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


# --------------------------------------------------------------------------- feed writers


def rfc822(dt: datetime, tz: str) -> str:
    if tz == "GMT":
        return dt.astimezone(UTC).strftime("%a, %d %b %Y %H:%M:%S GMT")
    return dt.strftime("%a, %d %b %Y %H:%M:%S %z")


def iso(dt: datetime) -> str:
    s = dt.isoformat()
    return s.replace("+00:00", "Z") if s.endswith("+00:00") else s


def rss_feed(outlet: dict, arts: list[Article]) -> str:
    feed = outlet["feed"]
    tz = outlet_tz(outlet)
    newest = max(a.published for a in arts).astimezone(tz)
    feed_url = outlet["homepage"] + feed["path"]
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"'
        ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom">',
        "<channel>",
        f"  <title>{xml_escape(outlet.get('name_native') or outlet['name'])}</title>",
        f"  <link>{xml_escape(outlet['homepage'])}</link>",
        f"  <description>{xml_escape(outlet['description'])} (Fictional outlet: newsfold demo.)</description>",
        f"  <language>{outlet['language']}</language>",
        f'  <atom:link href="{xml_escape(feed_url)}" rel="self" type="application/rss+xml"/>',
        f"  <lastBuildDate>{rfc822(newest, feed['tz'])}</lastBuildDate>",
        "  <generator>newsfold demo/build.py</generator>",
    ]
    if "ttl" in feed:
        out.append(f"  <ttl>{feed['ttl']}</ttl>")
    for a in sorted(arts, key=lambda a: a.published, reverse=True):
        perma = "false" if a.guid != a.url else "true"
        out += [
            "  <item>",
            f"    <title>{xml_escape(a.title)}</title>",
            f"    <link>{xml_escape(a.url)}</link>",
            f'    <guid isPermaLink="{perma}">{xml_escape(a.guid)}</guid>',
            f"    <pubDate>{rfc822(a.local_time(), feed['tz'])}</pubDate>",
            f"    <dc:creator>{xml_escape(a.author)}</dc:creator>",
        ]
        out += [f"    <category>{c}</category>" for c in a.categories]
        out.append(f"    <description>{xml_escape(a.summary)}</description>")
        content = body_html(a.blocks)
        if feed["content"] == "cdata":
            assert "]]>" not in content
            out.append(f"    <content:encoded><![CDATA[{content}]]></content:encoded>")
        elif feed["content"] == "escaped":
            out.append(f"    <content:encoded>{xml_escape(content)}</content:encoded>")
        out.append("  </item>")
    out += ["</channel>", "</rss>", ""]
    return "\n".join(out)


def atom_feed(outlet: dict, arts: list[Article]) -> str:
    host = outlet["homepage"].split("/")[2]
    newest = max(a.published for a in arts).astimezone(outlet_tz(outlet))
    out = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="{outlet["language"]}">',
        f"  <id>tag:{host},2026:feed</id>",
        f"  <title>{xml_escape(outlet['name'])}</title>",
        f"  <subtitle>{xml_escape(outlet['description'])} (Fictional outlet: newsfold demo.)</subtitle>",
        f'  <link rel="alternate" type="text/html" href="{xml_escape(outlet["homepage"])}"/>',
        f'  <link rel="self" type="application/atom+xml" href="{xml_escape(outlet["homepage"] + outlet["feed"]["path"])}"/>',
        f"  <updated>{iso(newest)}</updated>",
        '  <generator uri="https://newsfold.example/">newsfold demo/build.py</generator>',
    ]
    for a in sorted(arts, key=lambda a: a.published, reverse=True):
        t = iso(a.local_time())
        out += [
            "  <entry>",
            f"    <id>tag:{host},2026-11:{a.slug}</id>",
            f"    <title>{xml_escape(a.title)}</title>",
            f'    <link rel="alternate" type="text/html" href="{xml_escape(a.url)}"/>',
            f"    <published>{t}</published>",
            f"    <updated>{t}</updated>",
            f"    <author><name>{xml_escape(a.author)}</name></author>",
        ]
        out += [f'    <category term="{c}"/>' for c in a.categories]
        out += [
            f"    <summary>{xml_escape(a.summary)}</summary>",
            f'    <content type="html">{xml_escape(body_html(a.blocks))}</content>',
            "  </entry>",
        ]
    out += ["</feed>", ""]
    return "\n".join(out)


def json_feed(outlet: dict, arts: list[Article]) -> str:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": outlet["name"],
        "home_page_url": outlet["homepage"],
        "feed_url": outlet["homepage"] + outlet["feed"]["path"],
        "description": outlet["description"] + " (Fictional outlet: newsfold demo.)",
        "language": outlet["language"],
        "authors": [{"name": outlet["name"]}],
        "items": [
            {
                "id": a.url,
                "url": a.url,
                "title": a.title,
                "content_html": body_html(a.blocks),
                "summary": a.summary,
                "date_published": iso(a.local_time()),
                "authors": [{"name": a.author}],
                "tags": a.categories,
            }
            for a in sorted(arts, key=lambda a: a.published, reverse=True)
        ],
    }
    return json.dumps(feed, ensure_ascii=False, indent=2) + "\n"


# --------------------------------------------------------------------------- HTML pages

PAGE = """<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} | {site}</title>
<meta name="description" content="{summary}">
<meta name="author" content="{author}">
<link rel="canonical" href="{url}">
<meta property="og:type" content="article">
<meta property="og:site_name" content="{site}">
<meta property="og:title" content="{title}">
<meta property="og:description" content="{summary}">
<meta property="og:url" content="{url}">
<meta property="og:image" content="{image}">
<meta property="article:published_time" content="{iso}">
<meta property="article:section" content="{section}">
<meta name="twitter:card" content="summary_large_image">
<link rel="stylesheet" href="/static/css/courier.css">
<script type="application/ld+json">{ldjson}</script>
<script src="/static/js/consent.js" defer></script>
</head>
<body class="article-page">
<div class="cookie-banner" id="cookie-consent" role="dialog" aria-label="Cookie consent">
  <p>We use cookies to make this site work and, with your permission, to measure how it is used.
  <a href="/cookies">Read our cookie policy</a>.</p>
  <button type="button" class="btn accept">Accept all</button>
  <button type="button" class="btn">Manage preferences</button>
</div>
<header class="site-header">
  <div class="topbar"><span class="edition">Northgate &amp; Wenning valley edition</span> <a href="/subscribe">Subscribe</a> <a href="/login">Sign in</a></div>
  <a class="logo" href="/"><img src="/static/img/courier-logo.svg" alt="{site}"></a>
  <nav class="main-nav" aria-label="Sections">
    <ul>
      <li><a href="/local/">Local</a></li>
      <li><a href="/politics/">Politics</a></li>
      <li><a href="/business/">Business</a></li>
      <li><a href="/technology/">Tech</a></li>
      <li><a href="/sport/">Sport</a></li>
      <li><a href="/health/">Health</a></li>
      <li><a href="/culture/">What's on</a></li>
      <li><a href="/opinion/">Opinion</a></li>
    </ul>
  </nav>
  <form class="search" action="/search" role="search"><input type="search" name="q" placeholder="Search the Courier"><button>Search</button></form>
</header>
<main id="content">
<nav class="breadcrumbs" aria-label="Breadcrumb"><a href="/">Home</a> &rsaquo; <a href="/{section}/">{section_label}</a></nav>
<article class="story">
  <header class="story-header">
    <p class="kicker">{section_label}</p>
    <h1 class="headline">{title}</h1>
    <p class="standfirst">{summary}</p>
    <div class="byline">By <a rel="author" href="/authors/{author_slug}">{author}</a> &middot; <time datetime="{iso}">{human}</time></div>
  </header>
  <figure class="lead-image">
    <img src="{image}" alt="{title}" width="1200" height="675">
    <figcaption>Photograph: {caption_credit}</figcaption>
  </figure>
  <div class="story-body">
{body}
  </div>
  <div class="share-tools" aria-label="Share this article">
    <span>Share this article</span>
    <a class="share facebook" href="https://facebook.example/share?u={url_q}">Facebook</a>
    <a class="share x" href="https://x.example/intent?url={url_q}">X</a>
    <a class="share whatsapp" href="https://whatsapp.example/send?text={url_q}">WhatsApp</a>
    <a class="share email" href="mailto:?subject={title_q}&amp;body={url_q}">Email</a>
    <button type="button" class="copy-link">Copy link</button>
  </div>
  <p class="corrections">Spotted a mistake? <a href="/corrections">Tell our corrections desk</a>.</p>
</article>
<aside class="related" aria-labelledby="related-heading">
  <h3 id="related-heading">Related stories</h3>
  <ul>
{related}
  </ul>
</aside>
<aside class="newsletter-signup">
  <h3>The Courier Morning Briefing</h3>
  <p>The day's Northgate news in your inbox at 7am. Free, every weekday.</p>
  <form action="/newsletter" method="post"><input type="email" name="email" placeholder="Your email address" required><button type="submit">Sign up</button></form>
</aside>
<aside class="most-read">
  <h3>Most read</h3>
  <ol>
{most_read}
  </ol>
</aside>
</main>
<footer class="site-footer">
  <nav><a href="/about">About us</a> <a href="/contact">Contact</a> <a href="/advertise">Advertise</a> <a href="/privacy">Privacy</a> <a href="/cookies">Cookie settings</a> <a href="/terms">Terms</a></nav>
  <p>&copy; 2026 {site}, 14 Bridge Street, Northgate. A fictional newspaper written for the newsfold demo.</p>
</footer>
</body>
</html>
"""


def page_html(a: Article, others: list[Article]) -> str:
    esc = lambda s: html.escape(s, quote=True)  # noqa: E731
    local = a.local_time()
    site = a.outlet["name"]
    image = f"{a.outlet['homepage']}images/2026/11/{a.slug}.jpg"
    ld = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": a.title,
        "datePublished": iso(local),
        "author": [{"@type": "Person", "name": a.author}],
        "publisher": {"@type": "Organization", "name": site},
        "mainEntityOfPage": a.url,
        "image": [image],
    }
    # related: same event first, then newest others
    same = [o for o in others if a.event and o.event == a.event]
    rest = [o for o in sorted(others, key=lambda o: o.published, reverse=True) if o not in same]
    related = (same + rest)[:3]
    most_read = sorted(others, key=lambda o: o.id)[:4]
    li = lambda o: f'    <li><a href="{esc(o.url)}">{esc(o.title)}</a></li>'  # noqa: E731
    caption = a.author.split(",")[1].strip() if a.wire else f"{site} staff"
    body = "\n".join("    " + block_to_html(b) for b in a.blocks)
    return PAGE.format(
        lang=a.outlet["language"],
        title=esc(a.title),
        title_q=esc(a.title.replace(" ", "%20")),
        site=esc(site),
        summary=esc(a.summary),
        author=esc(a.author),
        author_slug=re.sub(r"[^a-z]+", "-", a.author.split(",")[0].lower()).strip("-"),
        url=esc(a.url),
        url_q=esc(a.url.replace(":", "%3A").replace("/", "%2F")),
        image=esc(image),
        iso=iso(local),
        human=local.strftime("%A %d %B %Y, %H:%M").replace(" 0", " "),
        section=a.categories[0],
        section_label=a.categories[0].capitalize(),
        ldjson=json.dumps(ld, ensure_ascii=False).replace("</", "<\\/"),
        caption_credit=esc(caption),
        body=body,
        related="\n".join(li(o) for o in related),
        most_read="\n".join(li(o) for o in most_read),
    )


# --------------------------------------------------------------------------- text dump


def ago(published: datetime, captured: datetime) -> str:
    hours = int((captured - published).total_seconds() // 3600)
    if hours < 24:
        return f"{hours} hour{'s' if hours != 1 else ''} ago"
    days = hours // 24
    return f"{days} day{'s' if days != 1 else ''} ago"


def text_dump(spec: dict, by_id: dict[str, Article]) -> str:
    name = spec["aggregator"]
    captured = datetime.fromisoformat(spec["captured_at"])
    main = by_id[spec["main"]]
    out = ["logo", main.title, "", main.title, ""]
    out += [f"{main.outlet['name']}{ago(main.published, captured)}"]
    out += main.lines
    out += [
        "",
        f"{name} Assistant",
        "",
        "Summaries and answers from every outlet",
        "",
        "Reader discussion",
        "",
        "Be the first to comment",
        "",
        "More coverage",
        "",
    ]
    for rid in spec["related"]:
        r = by_id[rid]
        age = "time" + ago(r.published, captured)
        src = r.outlet["name"]
        out += [r.title, r.title, "", src, "", age, "", f"  \u2022 {src}", "", r.title, ""]
        out += [" ".join(r.lines), ""]
    out += [
        "DOWNLOAD THE APP",
        "",
        f"Get the {name} app",
        "",
        f"Every side of the story, from outlets near and far, in one place. Install {name} for free on your phone or tablet.",
        "App StoreGoogle Play",
        "",
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------- OPML


def opml(outlets: list[dict]) -> str:
    out = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<opml version="2.0">',
        "  <head>",
        "    <title>newsfold demo outlets (fictional)</title>",
        "    <dateCreated>Fri, 20 Nov 2026 00:00:00 GMT</dateCreated>",
        "  </head>",
        "  <body>",
    ]
    regions = ["World", "Middle East", "Europe", "Americas", "Asia", "Africa"]
    for region in regions:
        members = [o for o in outlets if o["region"] == region]
        if not members:
            continue
        out.append(f"    <outline text={quoteattr(region)} title={quoteattr(region)}>")
        for o in members:
            attrs = {
                "text": o["name"],
                "title": o["name"],
                "type": "rss",
                "xmlUrl": o["homepage"] + o["feed"]["path"],
                "htmlUrl": o["homepage"],
                "region": o["region"],
                "country": o["country"],
                "language": o["language"],
            }
            out.append(
                "      <outline " + " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items()) + "/>"
            )
        out.append("    </outline>")
    out += ["  </body>", "</opml>", ""]
    return "\n".join(out)


# --------------------------------------------------------------------------- README

README_INTRO = """# The newsfold demo corpus (fictional)

Everything in this folder was **written for newsfold's demo** by the newsfold project. The
outlets, the agency, the people, the towns (Port Ellis, Northgate, Ambervale, Kingsholm,
Sennet Bay, Sandbar Town, Qasr al-Nakhil, Port-Mauvel ...) and the events are invented; no
sentence is taken or paraphrased from a real article. Every URL is under a reserved
`.example` domain (RFC 2606), so nothing here points at a real site. Each outlet has a real
country code only as a notional base, so that the region and country filters have something
to show.

`make demo` imports this folder with `newsfold import demo/ --captured-at 2026-11-20T12:00:00+00:00`.
The importer skips `README.md`, `manifest.json`, `*.md` and `*.py`, so the sources and the
build script below are never mistaken for feeds or page dumps.

## What is here

| Path | What it is |
| --- | --- |
| `outlets.opml` | One outline per outlet, in folders by region, with `xmlUrl`, `htmlUrl`, `region`, `country`, `language`. |
| `feeds/*.rss.xml` | RSS 2.0 feeds. Full text in `content:encoded` (CDATA for some outlets, entity-escaped for others); Northgate Courier's feed carries only a `<description>` summary. |
| `feeds/eastwind-herald.atom.xml` | The Atom 1.0 feed. |
| `feeds/meridian-daily.json` | The JSON Feed 1.1 feed. |
| `pages/northgate-courier/*.html` | Full article pages for every Northgate Courier feed entry, with site chrome (nav, cookie banner, share buttons, related links, newsletter box, most read, footer). Each page's `<link rel="canonical">` is the feed item's `<link>`, so importing the page upgrades the summary-only entry. |
| `dumps/{dump_name}` | A plain-text capture (browser select-all copy) of an article page on the fictional aggregator "{aggregator}": the main article plus three related articles and the aggregator's chrome. |
| `manifest.json` | The ground truth below, as data, plus one record per feed item. Tests read it. |
| `source/*.md` | The article texts as written (the source of everything above). |
| `build.py` | Writes the feeds, pages, dump, OPML, manifest and this README from `source/`. |

Each feed's channel `<link>` (Atom `<link rel="alternate">`, JSON Feed `home_page_url`) equals
the outlet's `htmlUrl` in the OPML, which is how the importer ties a feed file to its outlet.
Feed item dates fall between 13 and 19 November 2026, in each outlet's own time zone.

### The hostile page

`pages/northgate-courier/council-approves-quarry-road-cycle-lanes.html` is a normal-looking
article whose body also contains `<script>alert(1)</script>`, an `<img src=x onerror=alert(1)>`
and a `<a href="javascript:alert(1)">` link. It is there on purpose: the demo shows that
newsfold sanitises what it stores and shows (the script and the handlers must be gone, the
link must lose its `javascript:` target, the surrounding text must stay).

## Rebuilding

```
python3 demo/build.py          # rewrite the generated files from demo/source/
python3 demo/build.py --check  # exit 1 if a generated file is out of date
```

Standard library only, deterministic output. The generated files are committed.
`build.py` refuses sources that break the corpus rules (120-350 words per article except the
deliberately truncated wire copy, the categories below, dates in the demo week, 3+ distinct
texts and 3+ outlets per event, 2-4 outlets per wire story).

Source format (`source/NN-<outlet>.md`): blocks start with `##### <id>`, then `key: value`
header lines (`outlet`, `category` (comma-separated), `date` (UTC, `YYYY-MM-DD HH:MM`), `slug`,
`author`, `title`, optional `summary`, `event`, `hostile`), a blank line, then the body:
paragraphs separated by blank lines; `## ` starts a subhead, `> ` a blockquote, `- ` list
items, `!html ` raw HTML (used only by the hostile page). A wire story is a block with
`kind: wire` in `source/10-wires.md`; an outlet carries it with a block with `kind: copy`,
`of: <wire id>` and its own title, slug, date and category (and `truncate: N` to keep only
the first N paragraphs). Outlets, events and the dump are configured in `source/outlets.md`.

Categories used: politics, business, technology, sport, science, health, culture, world.
"""


def readme(manifest: dict) -> str:
    c = manifest["counts"]
    out = [
        README_INTRO.format(
            dump_name=manifest["dump"]["file"].split("/", 1)[1],
            aggregator=manifest["dump"]["aggregator"],
        ),
        "## Ground truth",
        "",
        f"- {c['outlets']} outlets, {c['feed_items']} feed items, **{c['distinct_texts']} distinct "
        f"article texts** ({', '.join(f'{n} in {lang}' for lang, n in c['by_language'].items())}).",
        f"- {c['wire_stories']} wire stories from the fictional agency {manifest['agency']['name']} "
        f"({manifest['agency']['short']}), carried in {c['wire_copies']} feed items: each set of copies "
        "must fold into one article.",
        f"- {c['events']} events, each covered by 3 or more differently written articles: each must "
        "group into one story.",
        f"- {c['html_pages']} HTML pages, one of them hostile.",
        "",
        "### Outlets",
        "",
        "| Outlet | Homepage | Region | Country | Language | Feed | Items |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for o in manifest["outlets"]:
        name = o["name"] + (f" ({o['name_native']})" if "name_native" in o else "")
        kind = {"rss": "RSS 2.0", "atom": "Atom 1.0", "json": "JSON Feed 1.1"}[o["feed_format"]]
        if not o["full_text_in_feed"]:
            kind += ", summaries + HTML pages"
        out.append(
            f"| {name} | {o['homepage']} | {o['region']} | {o['country']} | {o['language']} "
            f"| `{o['feed_file']}` ({kind}) | {o['articles']} |"
        )
    out += ["", "### Wire stories (one text each; every copy must fold into one article)", ""]
    for w in manifest["wire_stories"]:
        out.append(f"**{w['title']}** (`{w['id']}`)")
        out.append("")
        for cp in w["copies"]:
            note = (
                " — truncated copy (first paragraphs only): the fuller text must win"
                if cp["truncated"]
                else ""
            )
            out.append(f"- {cp['outlet']}: {cp['url']}{note}")
        out.append("")
    out += ["### Events (each list is one story)", ""]
    arts = {a["url"]: a for a in manifest["articles"]}
    for e in manifest["events"]:
        out.append(f"**{e['name']}** (`{e['id']}`, {e['distinct_texts']} distinct texts)")
        out.append("")
        for url in e["article_urls"]:
            a = arts[url]
            wire = f" [wire copy of `{a['wire']}`]" if a["wire"] else ""
            out.append(f"- {a['outlet']}: {a['title']} — {url}{wire}")
        out.append("")
    d = manifest["dump"]
    out += [
        "### The text dump",
        "",
        f"`{d['file']}`, captured {d['captured_at']} from the fictional aggregator {d['aggregator']}. "
        "Its main article and its three related articles are the same texts as these feed items, "
        "so importing it must add no new article:",
        "",
        f"- main: {d['main']['outlet']}: {d['main']['url']}",
        *[f"- related: {r['outlet']}: {r['url']}" for r in d["related"]],
        "",
        "Articles that belong to no event: every feed item not listed above (see `manifest.json`, "
        '`"event": null`).',
        "",
    ]
    return "\n".join(out)


# --------------------------------------------------------------------------- main


def feed_file(outlet: dict) -> str:
    ext = {"rss": ".rss.xml", "atom": ".atom.xml", "json": ".json"}[outlet["feed"]["format"]]
    return f"feeds/{outlet['slug']}{ext}"


def validate(articles: list[Article], wires: dict, config: dict) -> list[str]:
    problems = []
    for a in articles:
        for c in a.categories:
            if c not in CATEGORIES:
                problems.append(f"{a.id}: unknown category {c}")
        if not (MIN_WORDS <= a.words <= MAX_WORDS) and not a.truncated:
            problems.append(f"{a.id}: {a.words} words")
        if not (
            datetime(2026, 11, 13, tzinfo=UTC) <= a.published < datetime(2026, 11, 20, tzinfo=UTC)
        ):
            problems.append(f"{a.id}: date out of the demo week")
        if a.outlet.get("pages") and not any(b.startswith("## ") for b in a.blocks):
            problems.append(f"{a.id}: page article without a ## subhead")
        if a.event and a.event not in config["events"]:
            problems.append(f"{a.id}: unknown event {a.event}")
    urls = [a.url for a in articles]
    if len(set(urls)) != len(urls):
        problems.append("duplicate article URLs")
    for ev in config["events"]:
        texts = {a.text_id for a in articles if a.event == ev}
        outlets = {a.outlet["slug"] for a in articles if a.event == ev}
        if len(texts) < 3:
            problems.append(f"event {ev}: only {len(texts)} distinct texts")
        if len(outlets) < 3:
            problems.append(f"event {ev}: only {len(outlets)} outlets")
    for w in wires:
        copies = [a for a in articles if a.wire == w]
        for a in copies:
            if a.published < parse_date(wires[w].meta["date"]):
                problems.append(f"{a.id}: published before the wire story it carries")
        if not 2 <= len({a.outlet["slug"] for a in copies}) <= 4:
            problems.append(f"wire {w}: {len(copies)} copies")
    return problems


def load_config() -> dict:
    text = (SOURCE / "outlets.md").read_text(encoding="utf-8")
    m = re.search(r"^```json\n(.*?)^```", text, flags=re.M | re.S)
    if not m:
        raise SystemExit("source/outlets.md: no ```json block")
    return json.loads(m.group(1))


def render() -> dict[str, str]:
    config = load_config()
    outlets = {o["slug"]: o for o in config["outlets"]}
    items = parse_sources()
    wires, articles = build_articles(items, outlets, config["agency"])
    problems = validate(articles, wires, config)
    if problems:
        raise SystemExit("source problems:\n  " + "\n  ".join(problems))
    by_id = {a.id: a for a in articles}
    files: dict[str, str] = {}
    page_of: dict[str, str] = {}
    for slug, outlet in outlets.items():
        arts = [a for a in articles if a.outlet["slug"] == slug]
        fmt = outlet["feed"]["format"]
        writer = {"rss": rss_feed, "atom": atom_feed, "json": json_feed}[fmt]
        files[feed_file(outlet)] = writer(outlet, arts)
        if outlet.get("pages"):
            for a in arts:
                path = f"pages/{slug}/{a.slug}.html"
                page_of[a.id] = path
                files[path] = page_html(a, [o for o in arts if o is not a])
    dump = config["dump"]
    files[dump["file"]] = text_dump(dump, by_id)
    files["outlets.opml"] = opml(config["outlets"])

    # ----- ground truth
    def art_entry(a: Article) -> dict:
        return {
            "id": a.id,
            "outlet": a.outlet["slug"],
            "url": a.url,
            "title": a.title,
            "author": a.author,
            "published": iso(a.published),
            "categories": a.categories,
            "language": a.outlet["language"],
            "event": a.event,
            "text_id": a.text_id,
            "wire": a.wire,
            "truncated": a.truncated,
            "words": a.words,
            "feed_file": feed_file(a.outlet),
            "full_text_in_feed": a.outlet["feed"].get("content") != "summary",
            "page_file": page_of.get(a.id),
            "hostile": a.hostile,
        }

    wire_list = []
    for wid, w in wires.items():
        copies = [a for a in articles if a.wire == wid]
        wire_list.append(
            {
                "id": wid,
                "agency": config["agency"]["name"],
                "title": w.meta["title"],
                "author": w.meta["author"],
                "published": iso(parse_date(w.meta["date"])),
                "event": w.meta.get("event"),
                "copies": [
                    {
                        "outlet": a.outlet["slug"],
                        "url": a.url,
                        "title": a.title,
                        "truncated": a.truncated,
                    }
                    for a in copies
                ],
                "fullest_url": next(a.url for a in copies if not a.truncated),
            }
        )
    events = []
    for ev, name in config["events"].items():
        evs = sorted((a for a in articles if a.event == ev), key=lambda a: a.published)
        events.append(
            {
                "id": ev,
                "name": name,
                "article_urls": [a.url for a in evs],
                "distinct_texts": len({a.text_id for a in evs}),
                "outlets": sorted({a.outlet["slug"] for a in evs}),
            }
        )
    manifest = {
        "about": "Ground truth for newsfold's fictional demo corpus. Generated by demo/build.py "
        "from demo/source/; every outlet, person, place and event in it is invented.",
        "reference_time": "2026-11-20T00:00:00Z",
        "agency": config["agency"],
        "outlets": [
            {
                "slug": o["slug"],
                "name": o["name"],
                **({"name_native": o["name_native"]} if "name_native" in o else {}),
                "homepage": o["homepage"],
                "region": o["region"],
                "country": o["country"],
                "language": o["language"],
                "feed_url": o["homepage"] + o["feed"]["path"],
                "feed_file": feed_file(o),
                "feed_format": o["feed"]["format"],
                "full_text_in_feed": o["feed"].get("content") != "summary",
                "articles": sum(1 for a in articles if a.outlet is o),
            }
            for o in config["outlets"]
        ],
        "wire_stories": wire_list,
        "events": events,
        "dump": {
            "file": dump["file"],
            "aggregator": dump["aggregator"],
            "captured_at": dump["captured_at"],
            "main": {"outlet": by_id[dump["main"]].outlet["slug"], "url": by_id[dump["main"]].url},
            "related": [
                {"outlet": by_id[r].outlet["slug"], "url": by_id[r].url} for r in dump["related"]
            ],
            "note": "Every article in the dump is also in a feed: it must fold into the same articles.",
        },
        "hostile_pages": [page_of[a.id] for a in articles if a.hostile],
        "counts": {
            "outlets": len(outlets),
            "feed_items": len(articles),
            "distinct_texts": len({a.text_id for a in articles}),
            "wire_stories": len(wires),
            "wire_copies": sum(1 for a in articles if a.wire),
            "events": len(config["events"]),
            "html_pages": len(page_of),
            "by_language": {
                lang: len({a.text_id for a in articles if a.outlet["language"] == lang})
                for lang in sorted({o["language"] for o in config["outlets"]})
            },
        },
        "articles": [art_entry(a) for a in articles],
    }
    files["manifest.json"] = json.dumps(manifest, ensure_ascii=False, indent=2) + "\n"
    files["README.md"] = readme(manifest)
    return files


def check_wellformed(files: dict[str, str]) -> None:
    for name, text in files.items():
        if name.endswith((".xml", ".opml")):
            xml.dom.minidom.parseString(text.encode("utf-8"))  # noqa: S318 (our own output)
        elif name.endswith(".json"):
            json.loads(text)


def main(argv: list[str]) -> int:
    files = render()
    check_wellformed(files)
    if "--check" in argv:
        stale = [
            n
            for n, t in files.items()
            if not (DEMO / n).exists() or (DEMO / n).read_text(encoding="utf-8") != t
        ]
        for n in stale:
            print(f"out of date: demo/{n}")
        return 1 if stale else 0
    for name, text in files.items():
        path = DEMO / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    counts = json.loads(files["manifest.json"])["counts"]
    print(f"wrote {len(files)} files: {counts}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
