"""Hashtags: the publisher's own keywords, then the people, organisations and places the
text names.

A feed's tags that do not name a section ("Elections 2026", "Kessel Strait") say what the
article is about. Names come from `enrich.entities` (English) and `enrich.arabic`, one tag
per person or place however it is spelt ("Lavrov" is "Sergei Lavrov", "U.S." is "United
States"), kept only when the article comes back to them. An English text in title case or
all capitals marks no names and gives none.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from newsfold.pipeline.enrich import arabic, entities
from newsfold.pipeline.entities import MAX_CAPITALISED_SHARE
from newsfold.pipeline.sections import section_of

MAX_HASHTAGS = 12
# What a tag names, as stored with it.
KINDS = {entities.PER: "person", entities.ORG: "organisation", entities.LOC: "place"}
# A feed "tag" longer than this is a sentence or a list, not a keyword.
MAX_TAG_CHARS = 40
MAX_SLUG_CHARS = 100


# ---------------------------------------------------------------------------------------------
# Names in the text

# Names are read this far; an article names what it is about long before.
_NAME_CHARS = 20_000
# A name in the title counts this much on top of its mentions in the text.
TITLE_BONUS = 2
# Capitals (Latin, Greek, Cyrillic): counted to tell names from title case.
_CAPITAL_START = re.compile(
    r"\b[" + re.escape("".join(c for c in map(chr, range(0x530)) if c.isupper())) + "]"
)
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


def _marks_names(text: str) -> bool:
    """Whether capitals in this text mark names (not title case, not all capitals)."""
    head = text[:4000]
    words = len(head.split())
    if words < 4:
        return False
    capitalised = len(_CAPITAL_START.findall(head))
    return 0 < capitalised <= MAX_CAPITALISED_SHARE * words


def _names(title: str, text: str) -> list[tuple[str, str]]:
    """People, organisations and places the article comes back to (or names in its title
    and once more), best first; one name per person or place however it is spelt."""
    text = unicodedata.normalize("NFKC", text[:_NAME_CHARS])
    if len(_ARABIC_LETTER.findall(text[:2000])) > len(text[:2000]) // 3:
        found = arabic.names(text)
        title_words = set(arabic.names(title))
        in_title = {name: name in title_words or name in title for name in found}
    elif _marks_names(text):
        found = entities.names(text)
        title_text = unicodedata.normalize("NFKC", title).casefold()
        in_title = {
            name: any(
                re.search(rf"\b{re.escape(form.casefold())}\b", title_text)
                for form in (name, name.split()[-1])
            )
            for name in found
        }
    else:
        return []
    scored = []
    for order, (name, (kind, count)) in enumerate(found.items()):
        if count + in_title[name] >= 2:
            scored.append((-(count + TITLE_BONUS * in_title[name]), order, name, kind))
    return [(name, KINDS[kind]) for _, _, name, kind in sorted(scored)]


# ---------------------------------------------------------------------------------------------
# Hashtags

# Arabic vowel marks and the tatweel stretch: Arabic is written with or without them, and one
# tag should have one slug.
_ARABIC_MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640])


def tag_slug(name: str) -> str:
    """URL slug for a hashtag: lower case, unicode letters/digits kept (Arabic too), runs of
    anything else -> '-', stripped, at most 100 chars; "" if nothing is left."""
    name = unicodedata.normalize("NFKC", name).lower().translate(_ARABIC_MARKS)
    out: list[str] = []
    for char in name:
        # Combining marks stay with their letter (Devanagari vowel signs, decomposed accents).
        if char.isalnum() or (out and out[-1] != "-" and unicodedata.category(char)[0] == "M"):
            out.append(char)
        elif out and out[-1] != "-":
            out.append("-")
    return "".join(out)[:MAX_SLUG_CHARS].strip("-")


def _feed_tags(tags: Iterable[str]) -> Iterator[str]:
    for tag in tags:
        tag = " ".join(tag.split())
        if len(tag) <= MAX_TAG_CHARS and any(c.isalpha() for c in tag):
            yield tag


def hashtags(title: str, text: str, tags: list[str], *, exclude: Iterable[str] = ()) -> list[str]:
    """Up to 12 display names (no "#"), best first (see `kinded`)."""
    return [name for name, _ in kinded(title, text, tags, exclude=exclude)]


def kinded(
    title: str, text: str, tags: list[str], *, exclude: Iterable[str] = ()
) -> list[tuple[str, str]]:
    """Up to 12 (display name, kind) pairs, best first; the kind is "person", "place",
    "organisation", or "" for a topic the feed named.

    The feed's own keywords come first (they are the publisher's word on what the article is
    about), then names the text comes back to. Section names, the outlet's own name (pass it
    in `exclude`) and a second spelling of the same slug are left out.
    """
    seen = {tag_slug(name) for name in exclude}
    seen.add("")
    out: list[tuple[str, str]] = []
    feed = [(tag, "") for tag in _feed_tags(tags)]
    for candidate, kind in (*feed, *_names(title, text)):
        slug = tag_slug(candidate)
        if slug in seen or section_of(candidate)[1]:
            continue
        seen.add(slug)
        out.append((candidate, kind))
        if len(out) == MAX_HASHTAGS:
            break
    return out
