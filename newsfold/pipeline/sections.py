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
    "entertainment": "Entertainment",
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
    "entertainment": "culture arts art entertainment music film films movies cinema books"
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
    "world": """war troops troop military army invasion ceasefire refugee refugees embassy
        ambassador diplomat diplomatic foreign international sanctions border missile rebel
        rebels insurgent insurgents militant militants hostage hostages coup treaty conflict
        airstrike airstrikes civilian civilians humanitarian nato peacekeeping peacekeepers
        occupation asylum soldier soldiers bomb bombing bomber explosion blast suicide attack
        attacks killed kill killing dead death toll wounded gunmen terror terrorist terrorism
        kidnapped kidnappers massacre genocide guerrilla guerrillas militia shelling
        clashes clash violence riot riots protest protesters uprising regime dictator
        junta nuclear weapons uranium inspectors tribe tribal prisoner prisoners detainees
        exile exiled""",
    "politics": """election elections vote votes voter voters voting ballot parliament
        parliamentary senate senator congress congressional lawmaker lawmakers legislator
        mp mps minister ministers party campaign candidate candidates opposition government
        legislation democrat democrats democratic republican republicans labour tory tories
        conservative conservatives liberal liberals coalition referendum constituency cabinet
        politician politicians political politics polling poll polls governor mayor
        president presidential premier chancellor white house
        impeachment veto bill bills reform policy mandate manifesto speaker convention
        primary primaries electoral debate inauguration""",
    "business": """economy economic economist economists market markets stock stocks shares
        share investor investors profit profits revenue revenues earnings sales company
        companies firm firms bank banks banking inflation price prices trade tariff tariffs
        ceo executive executives merger mergers acquisition acquire acquires takeover deal
        dollar dollars currency gdp retail retailer retailers industry industrial tax taxes
        budget debt loan loans quarterly quarter shareholder shareholders bankruptcy
        unemployment jobless wage wages export exports import imports business oil crude
        barrel opec fed interest rate rates bond bonds yield treasury nasdaq dow index
        investment invest fund funds pension insurer insurance airline airlines carrier
        manufacturer factory output growth recession consumer consumers spending demand
        supply supplier contract billion million analysts forecast outlook sec lawsuit
        settlement regulator regulators antitrust brand brands store stores wall street
        euro yen sterling pound mortgage housing""",
    "technology": """technology technologies tech software computer computers computing
        internet online app apps smartphone smartphones phone phones handset handsets digital
        chip chips chipmaker semiconductor ai robot robots robotics cyber hacker hackers
        malware virus spam broadband wireless mobile website websites web browser email
        device devices gadget gadgets startup gaming game console consoles laptop laptops pc
        pcs download downloads telecom processor processors algorithm encryption microsoft
        linux windows server servers storage network
        networks networking search engine wi-fi bluetooth user users data database hardware
        open-source programmer programmers silicon desktop screen display camera cameras
        satellite""",
    "science": """science scientist scientists research researcher researchers study studies
        space nasa astronaut astronauts planet planets mars moon telescope orbit rocket
        species climate environment environmental emissions carbon fossil fossils dinosaur
        genetic gene genes dna physics chemistry biology experiment experiments laboratory
        lab ocean oceans wildlife evolution universe galaxy asteroid comet spacecraft probe
        shuttle launch mission scientific bird birds animal animals plant plants fish whale
        whales forest forests extinct extinction ecosystem conservation conservationists
        global warming ice glacier earthquake volcano storm hurricane weather""",
    "health": """health hospital hospitals doctor doctors nurse nurses patient patients disease
        diseases virus vaccine vaccines vaccination cancer medical medicine medicines
        treatment treatments infection infections outbreak pandemic flu influenza obesity
        diabetes heart surgery clinic clinics symptom symptoms mental diet therapy drug drugs
        fda pharmaceutical aids hiv malaria illness sick care healthcare""",
    "sports": """match matches game games player players team teams coach coaches season
        league cup championship championships tournament final finals goal goals olympic
        olympics medal medals football soccer cricket tennis golf rugby basketball baseball
        hockey athlete athletes racing striker midfielder goalkeeper stadium inning innings
        wicket wickets quarterback touchdown marathon referee sport sports win wins won
        victory defeat beat beats score scored scoring champion champions title playoff
        playoffs nfl nba nhl mlb fifa uefa quarterfinal semifinal seed
        seeded round lap race races driver grand prix formula rookie pitcher homer hitter
        batting bowler bowling captain squad club clubs fans cup""",
    "entertainment": """film films movie movies music album albums song songs singer singers band
        bands concert concerts actor actors actress actresses director festival theatre
        theater art artist artists exhibition museum book books novel novels author writer
        award awards oscar oscars grammy television tv comedy drama hollywood celebrity
        celebrities fashion dance gallery poet poetry star stars show shows series box
        office chart charts hit rapper pop rock documentary premiere bafta""",
}
_KEYWORDS = {stem(word): slug for slug, words in _KEYWORD_TEXT.items() for word in words.split()}
# A title word counts for this many body words: a headline says what the article is about.
TITLE_WEIGHT = 3.0
# The lead, where news writing says what the story is; later paragraphs drift.
LEAD_CHARS = 2000
# The best section must reach this score and beat the runner-up by this factor.
MIN_SCORE = 2.0
CLEAR_MARGIN = 1.0


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
    if top >= MIN_SCORE and top > CLEAR_MARGIN * second:
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
