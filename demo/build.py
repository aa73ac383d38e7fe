#!/usr/bin/env python3
"""Build newsfold's fictional demo corpus from the hand-written sources in demo/source/.

    python3 demo/build.py           # (re)write feeds/, pages/, dumps/, outlets.opml, manifest.json
    python3 demo/build.py --check   # exit 1 if any generated file is missing or out of date

Standard library only. The output is deterministic (no "now"), so it is committed next to
this script. See demo/README.md for the source format.
"""

# ruff: noqa: E501  (HTML and XML templates read better unwrapped)

from __future__ import annotations

import json
import re
import sys
import xml.dom.minidom
from datetime import UTC, datetime

from corpus import (
    CATEGORIES,
    DEMO,
    MAX_WORDS,
    MIN_WORDS,
    SOURCE,
    Article,
    build_articles,
    parse_date,
    parse_sources,
)
from readme_writer import readme
from writers import atom_feed, iso, json_feed, opml, page_html, rss_feed, text_dump

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
