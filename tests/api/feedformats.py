"""Reading the feeds newsfold writes, and checking them against the formats' grammars.

Validity is checked three ways: feedparser reads every feed without a bozo flag; RSS and Atom
pass RELAX NG schemas (lxml) and JSON Feed a JSON Schema (jsonschema_rs), all three written
here from the formats' specifications (RSS 2.0, RFC 4287, JSON Feed 1.1), with the rules a
grammar cannot say (an Atom entry's author or the feed's, an RSS item's title or
description) checked beside them. Nothing is downloaded.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import feedparser
import jsonschema_rs
from django.test import Client
from lxml import etree

FORMATS = ("rss", "atom", "json")
TYPES = {
    "rss": "application/rss+xml; charset=utf-8",
    "atom": "application/atom+xml; charset=utf-8",
    "json": "application/feed+json",
}
ATOM = "{http://www.w3.org/2005/Atom}"

# --- the schemas ------------------------------------------------------------------------

_ANYTHING = """
  <define name="anything">
    <zeroOrMore><choice>
      <attribute><anyName/></attribute><text/><element><anyName/><ref name="anything"/></element>
    </choice></zeroOrMore>
  </define>"""

ATOM_RNG = f"""<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    ns="http://www.w3.org/2005/Atom"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start><ref name="feed"/></start>
  {_ANYTHING}
  <define name="common">
    <optional><attribute name="xml:lang"/></optional>
    <optional><attribute name="xml:base"/></optional>
  </define>
  <define name="uri"><data type="anyURI"/></define>
  <define name="date">
    <data type="dateTime"><param name="pattern">.+T.+(Z|[+\\-]\\d\\d:\\d\\d)</param></data>
  </define>
  <define name="textConstruct"><ref name="common"/><ref name="textBody"/></define>
  <define name="textBody">
    <choice>
      <group>
        <optional><attribute name="type">
          <choice><value>text</value><value>html</value></choice>
        </attribute></optional>
        <text/>
      </group>
      <group>
        <attribute name="type"><value>xhtml</value></attribute>
        <element ns="http://www.w3.org/1999/xhtml" name="div"><ref name="anything"/></element>
      </group>
    </choice>
  </define>
  <define name="extension">
    <element><anyName><except><nsName/></except></anyName><ref name="anything"/></element>
  </define>
  <define name="person">
    <ref name="common"/>
    <interleave>
      <element name="name"><text/></element>
      <optional><element name="uri"><ref name="uri"/></element></optional>
      <optional><element name="email"><text/></element></optional>
      <zeroOrMore><ref name="extension"/></zeroOrMore>
    </interleave>
  </define>
  <define name="link">
    <element name="link">
      <ref name="common"/>
      <attribute name="href"><ref name="uri"/></attribute>
      <optional><attribute name="rel"><text/></attribute></optional>
      <optional><attribute name="type">
        <data type="string"><param name="pattern">[^/\\s]+/[^/\\s]+</param></data>
      </attribute></optional>
      <optional><attribute name="hreflang"><data type="language"/></attribute></optional>
      <optional><attribute name="title"/></optional>
      <optional><attribute name="length"><data type="nonNegativeInteger"/></attribute></optional>
      <empty/>
    </element>
  </define>
  <define name="category">
    <element name="category">
      <ref name="common"/>
      <attribute name="term"/>
      <optional><attribute name="scheme"><ref name="uri"/></attribute></optional>
      <optional><attribute name="label"/></optional>
      <empty/>
    </element>
  </define>
  <define name="content">
    <element name="content">
      <ref name="common"/>
      <choice>
        <ref name="textBody"/>
        <group>
          <optional><attribute name="type"/></optional>
          <attribute name="src"><ref name="uri"/></attribute>
          <empty/>
        </group>
        <group>
          <attribute name="type"/>
          <zeroOrMore><choice>
            <text/><element><anyName/><ref name="anything"/></element>
          </choice></zeroOrMore>
        </group>
      </choice>
    </element>
  </define>
  <define name="metadata"><interleave>
    <zeroOrMore><element name="author"><ref name="person"/></element></zeroOrMore>
    <zeroOrMore><ref name="category"/></zeroOrMore>
    <zeroOrMore><element name="contributor"><ref name="person"/></element></zeroOrMore>
    <element name="id"><ref name="common"/><ref name="uri"/></element>
    <zeroOrMore><ref name="link"/></zeroOrMore>
    <optional><element name="rights"><ref name="textConstruct"/></element></optional>
    <element name="title"><ref name="textConstruct"/></element>
    <element name="updated"><ref name="common"/><ref name="date"/></element>
    <zeroOrMore><ref name="extension"/></zeroOrMore>
  </interleave></define>
  <define name="feed">
    <element name="feed">
      <ref name="common"/>
      <interleave>
        <ref name="metadata"/>
        <optional><element name="generator">
          <ref name="common"/>
          <optional><attribute name="uri"><ref name="uri"/></attribute></optional>
          <optional><attribute name="version"/></optional>
          <text/>
        </element></optional>
        <optional><element name="icon"><ref name="common"/><ref name="uri"/></element></optional>
        <optional><element name="logo"><ref name="common"/><ref name="uri"/></element></optional>
        <optional><element name="subtitle"><ref name="textConstruct"/></element></optional>
      </interleave>
      <zeroOrMore><ref name="entry"/></zeroOrMore>
    </element>
  </define>
  <define name="entry">
    <element name="entry">
      <ref name="common"/>
      <interleave>
        <ref name="metadata"/>
        <optional><ref name="content"/></optional>
        <optional>
          <element name="published"><ref name="common"/><ref name="date"/></element>
        </optional>
        <optional><element name="source"><ref name="anything"/></element></optional>
        <optional><element name="summary"><ref name="textConstruct"/></element></optional>
      </interleave>
    </element>
  </define>
</grammar>"""

# RFC 822 dates as RSS 2.0 writes them (a four-digit year allowed).
RFC822 = (
    r"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), )?\d{1,2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
    r" \d{4} \d\d:\d\d(:\d\d)? ([+\-]\d{4}|GMT|UT|[ECMP][SD]T)"
)

RSS_RNG = f"""<grammar xmlns="http://relaxng.org/ns/structure/1.0"
    datatypeLibrary="http://www.w3.org/2001/XMLSchema-datatypes">
  <start>
    <element name="rss">
      <attribute name="version"><value>2.0</value></attribute>
      <ref name="channel"/>
    </element>
  </start>
  {_ANYTHING}
  <define name="foreign">
    <element><anyName><except><nsName ns=""/></except></anyName><ref name="anything"/></element>
  </define>
  <define name="url"><data type="anyURI"><param name="pattern">https?://.+</param></data></define>
  <define name="date">
    <data type="string"><param name="pattern">{RFC822}</param></data>
  </define>
  <define name="category">
    <element name="category"><optional><attribute name="domain"/></optional><text/></element>
  </define>
  <define name="channel">
    <element name="channel">
      <interleave>
        <element name="title"><text/></element>
        <element name="link"><ref name="url"/></element>
        <element name="description"><text/></element>
        <optional><element name="language"><data type="language"/></element></optional>
        <optional><element name="copyright"><text/></element></optional>
        <optional><element name="managingEditor"><text/></element></optional>
        <optional><element name="webMaster"><text/></element></optional>
        <optional><element name="pubDate"><ref name="date"/></element></optional>
        <optional><element name="lastBuildDate"><ref name="date"/></element></optional>
        <zeroOrMore><ref name="category"/></zeroOrMore>
        <optional><element name="generator"><text/></element></optional>
        <optional><element name="docs"><ref name="url"/></element></optional>
        <optional><element name="ttl"><data type="nonNegativeInteger"/></element></optional>
        <zeroOrMore><ref name="item"/></zeroOrMore>
        <zeroOrMore><ref name="foreign"/></zeroOrMore>
      </interleave>
    </element>
  </define>
  <define name="item">
    <element name="item">
      <interleave>
        <optional><element name="title"><text/></element></optional>
        <optional><element name="link"><ref name="url"/></element></optional>
        <optional><element name="description"><text/></element></optional>
        <optional><element name="author"><text/></element></optional>
        <zeroOrMore><ref name="category"/></zeroOrMore>
        <optional><element name="comments"><ref name="url"/></element></optional>
        <optional><element name="enclosure">
          <attribute name="url"><ref name="url"/></attribute>
          <attribute name="length"><data type="nonNegativeInteger"/></attribute>
          <attribute name="type"/>
          <empty/>
        </element></optional>
        <optional><element name="guid">
          <optional><attribute name="isPermaLink">
            <choice><value>true</value><value>false</value></choice>
          </attribute></optional>
          <text/>
        </element></optional>
        <optional><element name="pubDate"><ref name="date"/></element></optional>
        <optional>
          <element name="source">
            <attribute name="url"><ref name="url"/></attribute><text/>
          </element>
        </optional>
        <zeroOrMore><ref name="foreign"/></zeroOrMore>
      </interleave>
    </element>
  </define>
</grammar>"""


def _strings(extra: dict | None = None) -> dict:
    return {"type": "string", **(extra or {})}


_IRI = _strings({"format": "iri"})
_EXTENSIONS = {"patternProperties": {"^_": {}}, "additionalProperties": False}
JSON_FEED_SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "type": "object",
    "required": ["version", "title", "items"],
    "properties": {
        "version": {"const": "https://jsonfeed.org/version/1.1"},
        "title": _strings(),
        "home_page_url": _IRI,
        "feed_url": _IRI,
        "description": _strings(),
        "user_comment": _strings(),
        "next_url": _IRI,
        "icon": _IRI,
        "favicon": _IRI,
        "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
        "language": _strings(),
        "expired": {"type": "boolean"},
        "hubs": {"type": "array", "items": {"type": "object", "required": ["type", "url"]}},
        "items": {"type": "array", "items": {"$ref": "#/$defs/item"}},
    },
    **_EXTENSIONS,
    "$defs": {
        "author": {
            "type": "object",
            "minProperties": 1,
            "properties": {"name": _strings(), "url": _IRI, "avatar": _IRI},
            **_EXTENSIONS,
        },
        "item": {
            "type": "object",
            "required": ["id"],
            "anyOf": [{"required": ["content_html"]}, {"required": ["content_text"]}],
            "properties": {
                "id": _strings(),
                "url": _IRI,
                "external_url": _IRI,
                "title": _strings(),
                "content_html": _strings(),
                "content_text": _strings(),
                "summary": _strings(),
                "image": _IRI,
                "banner_image": _IRI,
                "date_published": _strings({"format": "date-time"}),
                "date_modified": _strings({"format": "date-time"}),
                "authors": {"type": "array", "items": {"$ref": "#/$defs/author"}},
                "tags": {"type": "array", "items": _strings()},
                "language": _strings(),
                "attachments": {"type": "array", "items": {"type": "object"}},
            },
            **_EXTENSIONS,
        },
    },
}

_RSS = etree.RelaxNG(etree.fromstring(RSS_RNG.encode()))
_ATOM = etree.RelaxNG(etree.fromstring(ATOM_RNG.encode()))
_JSON = jsonschema_rs.validator_for(JSON_FEED_SCHEMA, validate_formats=True)


def valid(fmt: str, body: bytes) -> None:
    """The feed as a feed reader and a validator see it; fails with what is wrong.
    (feedparser 6 reads RSS and Atom, not JSON Feed: the JSON Schema is its check.)"""
    if fmt == "json":
        document = json.loads(body)
        errors = [e.message for e in _JSON.iter_errors(document)]
        assert not errors, errors[:5]
        ids = [item["id"] for item in document["items"]]
    else:
        parsed = feedparser.parse(body)
        assert not parsed.bozo, parsed.get("bozo_exception")
        tree = etree.fromstring(body)
        schema = _RSS if fmt == "rss" else _ATOM
        assert schema.validate(tree), schema.error_log.last_error
        if fmt == "rss":
            for item in tree.iter("item"):
                assert item.find("title") is not None or item.find("description") is not None
            ids = [g.text for g in tree.iter("guid")]
        else:
            feed_author = tree.find(f"{ATOM}author") is not None
            for entry in tree.iter(f"{ATOM}entry"):
                assert feed_author or entry.find(f"{ATOM}author") is not None
                alternates = [
                    (link.get("type"), link.get("hreflang"))
                    for link in entry.iter(f"{ATOM}link")
                    if link.get("rel", "alternate") == "alternate"
                ]
                assert alternates or entry.find(f"{ATOM}content") is not None
                assert len(alternates) == len(set(alternates))
            ids = [e.findtext(f"{ATOM}id") for e in tree.iter(f"{ATOM}entry")]
    assert len(ids) == len(set(ids)), "item ids repeat"


def get_feed(client: Client, path: str, fmt: str):
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert response["Content-Type"] == TYPES[fmt]
    valid(fmt, response.content)
    return response


def entries(fmt: str, body: bytes) -> list[dict]:
    """Each item's fields as a reader takes them: title, our page, the original, outlet,
    published time, summary (plain text)."""
    if fmt == "json":
        return [
            {
                "title": i["title"],
                "link": i["url"],
                "original": i.get("external_url", ""),
                "outlet": i["authors"][0]["name"],
                "published": i["date_published"],
                "summary": i.get("summary", ""),
            }
            for i in json.loads(body)["items"]
        ]
    found = []
    for e in feedparser.parse(body).entries:
        links = {link.get("rel"): link["href"] for link in e.get("links", [])}
        original = links.get("via", "")
        summary = e.get("summary", "")
        if fmt == "rss":
            original = re.findall(r'href="([^"]+)"', summary)[-1] if 'href="' in summary else ""
            summary = html_text(summary.split("<p><a")[0])
        found.append(
            {
                "title": e.title,
                "link": e.link,
                "original": original,
                "outlet": e.get("author", ""),
                "published": e.get("published", ""),
                "summary": summary,
            }
        )
    return found


def html_text(html: str) -> str:
    class Text(HTMLParser):
        parts: list[str] = []

        def handle_data(self, data):
            self.parts.append(data)

    reader = Text()
    reader.parts = []
    reader.feed(html)
    reader.close()
    return "".join(reader.parts)


def titles(fmt: str, body: bytes) -> list[str]:
    return [e["title"] for e in entries(fmt, body)]
