"""The README of the demo corpus, written from its manifest so its lists never drift.

Standard library only; used by demo/build.py.
"""

# ruff: noqa: E501  (Markdown templates read better unwrapped)

from __future__ import annotations

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
