"""Sections by simple rules: what the publisher says first, then what the text shows.

A feed usually says which section an article belongs to ("Sport", "World News"). That is the
best evidence there is, so a tag naming a section files the article. When no tag names a
section, a short hand-written English word list per section votes over the title and the
lead; an article the words do not clearly place stays unfiled rather than misfiled.

These rules stand in for a trained classifier: small on purpose, so they are easy to read,
cheap on every stored article, and easy to replace.
"""

from __future__ import annotations

import re
import unicodedata

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


def section_of(tag: str) -> tuple[str, bool]:
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


# Words seen, with the section each names (or None): most words of the news recur, and a
# look-up costs less than the stemming rules. Cleared when it grows past the bound.
_slugs: dict[str, str | None] = {}
_SLUG_CACHE = 200_000
_UNSEEN = object()


def _keyword_category(title: str, text: str) -> str:
    scores = dict.fromkeys(CATEGORIES, 0.0)
    seen = _slugs
    if len(seen) > _SLUG_CACHE:
        seen.clear()
    for weight, part in ((TITLE_WEIGHT, title), (1.0, text[:LEAD_CHARS])):
        for word in _WORD.findall(part.casefold()):
            slug = seen.get(word, _UNSEEN)
            if slug is _UNSEEN:
                slug = seen[word] = _KEYWORDS.get(
                    stem(word.replace("\u2019", "'").removesuffix("'s"))
                )
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
    found = [section_of(tag) for tag in tags]
    for wanted in (True, False):
        for slug, pure in found:
            if slug and pure == wanted:
                return slug
    return _keyword_category(title, text)
