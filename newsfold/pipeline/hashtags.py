"""Hashtags by simple rules: the publisher's own keywords, then the names the text uses.

A feed's tags that do not name a section ("Elections 2026", "Kessel Strait") say what the
article is about. Names come from what English writing marks itself (see entities.py):
words capitalised in the middle of a sentence, joined into multi-word names, and kept only
when the article comes back to them. A text in title case or all capitals marks nothing and
gives none.

These rules stand in for a trained tagger: small on purpose, so they are easy to read, cheap
on every stored article, and easy to replace.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from newsfold.pipeline.entities import MAX_CAPITALISED_SHARE
from newsfold.pipeline.sections import section_of

MAX_HASHTAGS = 6
# A feed "tag" longer than this is a sentence or a list, not a keyword.
MAX_TAG_CHARS = 40
MAX_SLUG_CHARS = 100

_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")

# ---------------------------------------------------------------------------------------------
# Names in the text

# After these a capital is grammar, not a name.
_SENTENCE_ENDS = frozenset('.!?:;"\u201c\u201d\u2018\n')
# Capitalised words that are not names, or titles that stand before one ("Prime Minister
# Amara Diallo" gives "Amara Diallo"). A stop word ends a name: "The Kessel Times" loses "The".
_NOT_NAMES = frozenset(
    """
    a an the and but or nor for so yet if then when where while what who whom whose which why
    how he she it they we i you his her its their our my your him them me us this that these
    those there here also however after before since although though as at by in on of to from
    with without into over under about all some many most no not yes one two three
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight
    january february march april may june july august september october november december
    mr mrs ms mx dr prof sir dame madam jr sr st president vice prime minister chancellor
    senator governor mayor king queen prince princess pope general judge chief secretary
    sheikh lord lady captain professor ambassador spokesman spokeswoman spokesperson chairman
    chairwoman officials police
    """.split()
)
# What follows an apostrophe in a possessive or a contraction.
_CLITICS = frozenset("s m d ll ve re t".split())
# Small words that join the parts of one name: "Bank of Kessel", "Ibn al Rashid".
_CONNECTORS = frozenset("of de da del der van von bin ibn al el la le du".split())
# Hyphenated Arabic names: "al-Rashid" is one capitalised name.
_NAME_PREFIXES = frozenset("al el bin ibn abu".split())
# The words that may take part in a name: those not starting with a lower-case ASCII letter
# or a digit (the pattern skips the bulk of English text cheaply), connectors and prefixes.
_NAME_TOKEN = re.compile(
    r"(?<![\w'\u2019\-])(?:(?![a-z0-9])|(?=(?:"
    + "|".join(sorted(_CONNECTORS | _NAME_PREFIXES))
    + r")\b))[^\W_]+(?:['\u2019\-][^\W_]+)*"
)
# A word starting with a capital (Latin, Greek, Cyrillic): counted to tell names from title case.
_CAPITAL_START = re.compile(
    r"\b[" + re.escape("".join(c for c in map(chr, range(0x530)) if c.isupper())) + "]"
)
# Names are read this far; an article names what it is about long before.
_NAME_CHARS = 20_000
# A name in the title counts this much on top of its mentions in the text.
TITLE_BONUS = 2


def _marks_names(text: str) -> bool:
    """Whether capitals in this text mark names (not title case, not all capitals)."""
    head = text[:4000]
    words = len(head.split())
    if words < 4:
        return False
    capitalised = len(_CAPITAL_START.findall(head))
    return 0 < capitalised <= MAX_CAPITALISED_SHARE * words


def _name_word(word: str) -> tuple[str, bool] | None:
    """The word as part of a name, and whether the name ends with it; None if no name word."""
    ends = False
    base, apostrophe, suffix = word.replace("\u2019", "'").partition("'")
    if apostrophe and suffix in _CLITICS:
        # "Kessel's" ends the name; "I'm" and "He'll" are no names.
        word, ends = word[: len(base)], True
    if "-" in word:
        first, *rest = word.split("-")
        if not (first in _NAME_PREFIXES or first[:1].isupper()) or not all(
            p[:1].isupper() for p in rest
        ):
            # "Kessel-based" names Kessel and nothing after it.
            word, ends = first, True
    if len(word) < 2 or word.casefold() in _NOT_NAMES:
        return None
    # A hyphen left in the word means a checked name such as "al-Rashid".
    if not (word[0].isupper() or "-" in word):
        return None
    return word, ends


def _opens_sentence(text: str, start: int) -> bool:
    i = start - 1
    while i >= 0 and not text[i].isalnum():
        if text[i] in _SENTENCE_ENDS:
            return True
        i -= 1
    return i < 0


def _runs(text: str) -> Iterator[tuple[tuple[str, ...], bool]]:
    """Runs of capitalised words with only spaces between them, and whether each run opens
    a sentence (where its first capital proves nothing)."""
    run: list[str] = []
    opens = False
    prev_end = -1
    # Lower-case words are skipped by the pattern: they show as a gap that is not space.
    for match in _NAME_TOKEN.finditer(text):
        if run and not text[prev_end : match.start()].isspace():
            yield from _flush(run, opens)
            run = []
        prev_end = match.end()
        word = match.group()
        named = _name_word(word)
        if named:
            if not run:
                opens = _opens_sentence(text, match.start())
            run.append(named[0])
            if named[1]:
                yield from _flush(run, opens)
                run = []
        elif run and word in _CONNECTORS:
            run.append(word)
        elif run:
            yield from _flush(run, opens)
            run = []
    yield from _flush(run, opens)


def _flush(run: list[str], opens: bool) -> Iterator[tuple[tuple[str, ...], bool]]:
    while run and run[-1] in _CONNECTORS:
        run.pop()
    if run:
        yield tuple(run), opens


def _contains(longer: tuple[str, ...], shorter: tuple[str, ...]) -> bool:
    n = len(shorter)
    return any(longer[i : i + n] == shorter for i in range(len(longer) - n + 1))


def _by_word(names: Iterable[tuple[str, ...]]) -> dict[str, list[tuple[str, ...]]]:
    index: dict[str, list[tuple[str, ...]]] = {}
    for name in names:
        for word in set(name):
            index.setdefault(word, []).append(name)
    return index


def _holders(
    name: tuple[str, ...], by_word: dict[str, list[tuple[str, ...]]]
) -> list[tuple[str, ...]]:
    """The longer names that hold this one ("Amara Diallo" holds "Diallo")."""
    return [o for o in by_word.get(name[0], ()) if len(o) > len(name) and _contains(o, name)]


def _names(title: str, text: str) -> list[str]:
    """Names the article comes back to, best first."""
    text = unicodedata.normalize("NFKC", text[:_NAME_CHARS])
    if not _marks_names(text):
        return []
    runs = list(_runs(text))
    counts: dict[tuple[str, ...], int] = {}
    for run, opens in runs:
        if not opens:
            counts[run] = counts.get(run, 0) + 1
    # A run opening a sentence counts only for a name seen mid-sentence, or for part of one
    # ("Diallo said" after "Amara Diallo"); its first word may be no name ("Yesterday").
    by_word = _by_word(counts)
    for run, opens in runs:
        if opens:
            for form in (run, run[1:]):
                if form and (form in counts or _holders(form, by_word)):
                    counts[form] = counts.get(form, 0) + 1
                    break
    # "Diallo" after "Amara Diallo" is the same person: shorter names fold into the longer
    # name that holds them (the most mentioned one), so the article's count goes to one tag.
    first_seen = {name: i for i, name in enumerate(counts)}
    by_word = _by_word(counts)
    aliases = {name: [name] for name in counts}
    for name in sorted(first_seen, key=len):
        holders = [o for o in _holders(name, by_word) if o in aliases]
        if holders:
            target = max(holders, key=lambda o: (counts[o], len(o), -first_seen[o]))
            counts[target] += counts.pop(name)
            aliases[target] += aliases.pop(name)
    title_words = tuple(
        w.casefold().replace("\u2019", "'").removesuffix("'s")
        for w in _WORD.findall(unicodedata.normalize("NFKC", title))
    )
    scored = []
    for name, forms in aliases.items():
        in_title = any(_contains(title_words, tuple(w.casefold() for w in f)) for f in forms)
        if counts[name] + in_title >= 2:
            score = counts[name] + TITLE_BONUS * in_title
            scored.append((-score, first_seen[name], " ".join(name)))
    return [display for _, _, display in sorted(scored)]


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
    """Up to 6 display names (no '#'), best first.

    The feed's own keywords come first (they are the publisher's word on what the article is
    about), then names the text comes back to. Section names, the outlet's own name (pass it
    in `exclude`) and a second spelling of the same slug are left out.
    """
    seen = {tag_slug(name) for name in exclude}
    seen.add("")
    out: list[str] = []
    for candidate in (*_feed_tags(tags), *_names(title, text)):
        slug = tag_slug(candidate)
        if slug in seen or section_of(candidate)[1]:
            continue
        seen.add(slug)
        out.append(candidate)
        if len(out) == MAX_HASHTAGS:
            break
    return out
