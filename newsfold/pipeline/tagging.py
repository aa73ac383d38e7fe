"""Sections and hashtags by simple rules: what the publisher says first, then what the text shows.

A feed usually says which section an article belongs to ("Sport", "World News") and what it
is about ("Elections 2026", "Kessel Strait"). That is the best evidence there is, so a tag
naming a section files the article and the other tags become hashtags. When no tag names a
section, a short hand-written English word list per section votes over the title and the lead;
an article the words do not clearly place stays unfiled rather than misfiled.

Hashtag names come from what English writing marks itself (see entities.py): words
capitalised in the middle of a sentence, joined into multi-word names, and kept only when the
article comes back to them. A text in title case or all capitals marks nothing and gives none.

These rules stand in for trained models: small on purpose, so they are easy to read, cheap on
every stored article, and easy to replace.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from newsfold.pipeline.entities import MAX_CAPITALISED_SHARE
from newsfold.pipeline.textvec import stem

CATEGORIES: dict[str, str] = {
    "world": "World",
    "politics": "Politics",
    "business": "Business",
    "technology": "Technology",
    "science": "Science",
    "health": "Health",
    "sports": "Sports",
    "culture": "Culture",
}

MAX_HASHTAGS = 6
# A feed "tag" longer than this is a sentence or a list, not a keyword.
MAX_TAG_CHARS = 40
MAX_SLUG_CHARS = 100

_WORD = re.compile(r"[^\W_]+(?:['\u2019\-][^\W_]+)*")

# ---------------------------------------------------------------------------------------------
# Sections named by the feed

# Words a feed uses for its sections. "Science & Technology" sections are mostly gadgets and
# software, so the pair files under technology; "science" alone under science.
_SECTION_WORDS = {
    "world": "world international global foreign worldwide worldnews العالم عالم دولي دولية",
    "politics": "politics political election elections government parliament congress"
    " سياسة السياسة",
    "business": "business economy economics markets market finance financial money companies"
    " investing اقتصاد الاقتصاد",
    "technology": "tech technology technologies computing gadgets internet scitech"
    " تكنولوجيا التكنولوجيا",
    "science": "science environment climate space nature علوم العلوم",
    "health": "health medicine medical wellbeing wellness صحة الصحة",
    "sports": "sport sports football soccer cricket tennis golf rugby basketball baseball"
    " hockey athletics olympics cycling boxing motorsport رياضة الرياضة",
    "culture": "culture arts art entertainment music film films movies cinema books"
    " lifestyle theatre tv television ثقافة الثقافة فن فنون",
}
_SECTIONS = {word: slug for slug, words in _SECTION_WORDS.items() for word in words.split()}
# Whole tags that name a section but whose last word alone would file them elsewhere.
_SECTION_PHRASES = {
    "science and technology": "technology",
    "science technology": "technology",
    "sci tech": "technology",
    "science and tech": "technology",
    "technology and science": "technology",
    "sci-tech": "technology",
}
# Words that decorate a section name without changing it: "World News", "Latest Sport".
_FILLERS = frozenset(
    "news latest top breaking stories story section headlines home and the more live updates"
    " أخبار".split()
)
# A path of sections, "News > World" or "Sport / Football": each part is read on its own.
_TAG_PARTS = re.compile(r"[/|>»,:;]")


def _tag_words(part: str) -> list[str]:
    return _WORD.findall(unicodedata.normalize("NFKC", part).casefold().replace("&", " and "))


def _section_of(tag: str) -> tuple[str, bool]:
    """The section a feed tag files under ("" for none), and whether the tag is nothing but
    section words and fillers such as "news" (then it is no hashtag). English puts the head
    noun last, so "Elections 2026" files under politics (and stays a hashtag) while "World
    Cup" does not file under world."""
    words = _tag_words(tag)
    phrase = _SECTION_PHRASES.get(" ".join(words))
    if phrase:
        return phrase, True
    pure = all(w in _FILLERS or w in _SECTIONS for w in words)
    for part in _TAG_PARTS.split(tag):
        heads = [w for w in _tag_words(part) if w not in _FILLERS and not w.isdigit()]
        if heads:
            slug = _SECTIONS.get(heads[-1]) or _SECTIONS.get(stem(heads[-1]), "")
            if slug:
                return slug, pure
    return "", pure and bool(words)


# ---------------------------------------------------------------------------------------------
# Keyword fallback

# A few dozen plain English words per section, written without regard to any dataset. They
# are compared after the same crude stemming as the text, so plurals match.
_KEYWORD_TEXT = {
    "world": """war troops military army invasion ceasefire refugee embassy ambassador diplomat
        diplomatic foreign international sanctions border missile rebel insurgent militant
        hostage coup treaty conflict airstrike civilian humanitarian nato peacekeeping
        occupation asylum""",
    "politics": """election vote voter ballot parliament parliamentary senate congress lawmaker
        mp minister party campaign candidate opposition government legislation democrat
        republican labour tory conservative liberal coalition referendum constituency
        cabinet politician political politics polling""",
    "business": """economy economic market stock shares investor profit revenue earnings sales
        company firm bank banking inflation price trade tariff ceo merger acquisition dollar
        currency gdp retail retailer industry tax budget debt loan quarterly shareholder
        bankruptcy unemployment wage export import business oil""",
    "technology": """technology tech software computer internet online app smartphone phone
        digital chip semiconductor ai robot cyber hacker malware broadband wireless mobile
        website web browser email device gadget startup gaming console laptop download
        telecom processor algorithm encryption""",
    "science": """science scientist research researcher study space nasa astronaut planet mars
        moon telescope orbit rocket species climate environment environmental emissions
        carbon fossil dinosaur genetic gene dna physics chemistry biology experiment
        laboratory ocean wildlife evolution universe galaxy asteroid comet""",
    "health": """health hospital doctor nurse patient disease virus vaccine vaccination cancer
        medical medicine treatment infection outbreak pandemic flu obesity diabetes heart
        surgery clinic symptom mental diet therapy drug""",
    "sports": """match game player team coach season league cup championship tournament final
        goal olympic medal football soccer cricket tennis golf rugby basketball baseball
        hockey athlete racing striker midfielder goalkeeper stadium inning wicket quarterback
        touchdown marathon referee sport""",
    "culture": """film movie music album song singer band concert actor actress director
        festival theatre theater art artist exhibition museum book novel author writer award
        oscar grammy television tv comedy drama hollywood celebrity fashion dance gallery
        poet poetry""",
}
_KEYWORDS = {stem(word): slug for slug, words in _KEYWORD_TEXT.items() for word in words.split()}
# A title word counts for this many body words: a headline says what the article is about.
TITLE_WEIGHT = 3.0
# The lead, where news writing says what the story is; later paragraphs drift.
LEAD_CHARS = 2000
# The best section must reach this score and beat the runner-up by this factor.
MIN_SCORE = 4.0
CLEAR_MARGIN = 1.5


def _keyword_category(title: str, text: str) -> str:
    scores = dict.fromkeys(CATEGORIES, 0.0)
    for weight, part in ((TITLE_WEIGHT, title), (1.0, text[:LEAD_CHARS])):
        for word in _WORD.findall(part.casefold()):
            slug = _KEYWORDS.get(stem(word.replace("\u2019", "'").removesuffix("'s")))
            if slug:
                scores[slug] += weight
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    (best, top), (_, second) = ranked[0], ranked[1]
    if top >= MIN_SCORE and top >= CLEAR_MARGIN * second:
        return best
    return ""


def categorize(title: str, text: str, tags: list[str]) -> str:
    """The category slug for an article, or "" when nothing files it.

    A tag that is only a section name ("Sport", "World News") wins over one that merely ends
    in one ("Elections 2026"); the first of a kind wins. Without such tags, keywords decide.
    """
    found = [_section_of(tag) for tag in tags]
    for wanted in (True, False):
        for slug, pure in found:
            if slug and pure == wanted:
                return slug
    return _keyword_category(title, text)


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
        if slug in seen or _section_of(candidate)[1]:
            continue
        seen.add(slug)
        out.append(candidate)
        if len(out) == MAX_HASHTAGS:
            break
    return out
