"""Articles as Google Reader items: the JSON of `stream/contents`, and the Atom of
`/reader/atom/…` that FeedHQ served and newsboat still reads.

An item carries its state as categories (`user/-/state/com.google/read`, `…/starred`) and
its feed as `origin`. In Atom the state goes in `<category scheme="http://www.google.com/
reader/">` elements, whose `label` ("read", "fresh") is what newsboat looks at: an item it
holds unread turns read when the label says so, and back.
"""

from __future__ import annotations

from datetime import UTC
from io import StringIO

from django.utils.html import escape
from django.utils.xmlutils import SimplerXMLGenerator

from newsfold.api import streams
from newsfold.api.itemids import long_id
from newsfold.api.subscriptions import LABELS, Subscription, page_path
from newsfold.news.models import Article
from newsfold.news.seo import absolute

GOOGLE_SCHEME = "http://www.google.com/reader/"
RTL = {"ar", "fa", "he", "ur", "ps", "yi", "dv"}


def page_url(request, article: Article) -> str:
    return absolute(request, f"/a/{article.pk}/{article.slug}/")


def body(article: Article) -> str:
    """The sanitised body, or the plain text as escaped paragraphs when there is none."""
    if article.html:
        return article.html
    paragraphs = [p.strip() for p in article.text.split("\n\n") if p.strip()]
    return "".join(f"<p>{escape(p)}</p>" for p in paragraphs)


def direction(article: Article) -> str:
    return "rtl" if (article.language or "").split("-")[0].lower() in RTL else "ltr"


def origin(request, article: Article, sub: Subscription | None) -> dict:
    """The item's feed: the subscription holding it, or its outlet's page for a starred
    article the reader follows nothing of."""
    if sub is not None:
        return {"streamId": sub.stream_id, "title": sub.title, "htmlUrl": sub.html_url}
    html_url = absolute(request, page_path("outlet", article.source.slug))
    return {"streamId": f"feed/{html_url}", "title": article.source.name, "htmlUrl": html_url}


def states(article: Article, sub: Subscription | None, read: set[int], starred: set[int]):
    found = [streams.READING_LIST] if sub is not None else []
    if sub is not None:
        found.append(streams.LABEL + LABELS[sub.kind])
    found.append(streams.READ if article.pk in read else streams.STATE + "fresh")
    if article.pk in starred:
        found.append(streams.STARRED)
    return found


def as_json(request, article: Article, sub, read: set[int], starred: set[int]) -> dict:
    published = streams.usec(article.published_at)
    link = article.url or page_url(request, article)
    return {
        "id": long_id(article.pk),
        "crawlTimeMsec": str(published // 1000),
        "timestampUsec": str(published),
        "published": published // 1_000_000,
        "updated": streams.usec(max(article.updated_at, article.published_at)) // 1_000_000,
        "title": article.title,
        "author": article.author or article.source.name,
        "canonical": [{"href": link}],
        "alternate": [{"href": link, "type": "text/html"}],
        "categories": states(article, sub, read, starred),
        "origin": origin(request, article, sub),
        "summary": {"direction": direction(article), "content": body(article)},
    }


def as_atom(request, stream: streams.Stream, rows, subs_of, read, starred) -> str:
    """An Atom document of the items, in the shape FeedHQ's `/reader/atom/` had."""
    out = StringIO()
    xml = SimplerXMLGenerator(out, "utf-8")
    xml.startDocument()
    xml.startElement("feed", {"xmlns": "http://www.w3.org/2005/Atom"})
    xml.addQuickElement("id", f"tag:google.com,2005:reader/{stream.id}")
    xml.addQuickElement("title", stream.title)
    xml.addQuickElement("link", attrs={"rel": "self", "href": request.build_absolute_uri()})
    if stream.id.startswith("feed/"):
        xml.addQuickElement("link", attrs={"rel": "alternate", "href": stream.id[5:]})
    newest = max((a.published_at for a in rows), default=None)
    if newest is not None:
        xml.addQuickElement("updated", _iso(newest))
    for article in rows:
        sub = subs_of.get(article.pk)
        xml.startElement("entry", {})
        xml.addQuickElement("id", long_id(article.pk))
        xml.addQuickElement("title", article.title, {"type": "text"})
        xml.addQuickElement("published", _iso(article.published_at))
        xml.addQuickElement("updated", _iso(max(article.updated_at, article.published_at)))
        link = article.url or page_url(request, article)
        xml.addQuickElement("link", attrs={"rel": "alternate", "href": link, "type": "text/html"})
        xml.startElement("author", {})
        xml.addQuickElement("name", article.author or article.source.name)
        xml.endElement("author")
        for state in states(article, sub, read, starred):
            label = state.rsplit("/", 1)[1]
            attrs = {"term": state, "scheme": GOOGLE_SCHEME, "label": label}
            xml.addQuickElement("category", attrs=attrs)
        xml.addQuickElement("content", body(article), {"type": "html"})
        xml.endElement("entry")
    xml.endElement("feed")
    xml.endDocument()
    return out.getvalue()


def _iso(moment) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
