"""The writers of the demo corpus: feeds (RSS, Atom, JSON Feed), HTML pages, the text
capture, OPML and the README, from the Article records of demo/corpus.py.

Standard library only; used by demo/build.py.
"""

# ruff: noqa: E501  (HTML and XML templates read better unwrapped)

from __future__ import annotations

import html
import json
import re
from datetime import UTC, datetime
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

from corpus import Article, block_to_html, body_html, outlet_tz

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
