"""Words that tell one news event from another, weighted so a title counts for more.

The grouping step compares articles by the informative words they share. A headline says
in ten words what the event is, so its words weigh more than any one word of the body; the
body is cut to its lead, where news writing puts who, what and where. Weights here are
per article only: how rare a word is across the stream is learnt online by the index.
"""

from __future__ import annotations

import math
import re
import unicodedata

from newsfold.pipeline.entities import entity_words
from newsfold.pipeline.lexicon import english

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)

# Function words and the vocabulary of news writing itself ("said", "reported"): they
# occur in every story, so sharing them is no evidence of the same event.
_STOPWORD_TEXT = """
    a about above after again against ago all almost also although always am among an and
    another any anyone are around as at away back be became because become been before being
    below between both but by can cannot could did do does doing done down during each
    either else even ever every few for from further get gets got had has have having he her
    here hers herself him himself his how however i if in into is it its itself just last
    least less like made make many may me might more most much must my myself near need
    never new news next no nor not now of off often on once one only onto or other others
    our ours ourselves out over own per perhaps put rather re really said say says saying
    same see seen several shall she should since so some still such than that the their
    theirs them themselves then there these they this those though three through thus to
    today told too two under until up upon us very via was we well were what when where
    whether which while who whom whose why will with within without would yet you your yours
    yourself yourselves year years week weeks day days time times first report reports
    reported according including include includes told tell tells monday tuesday wednesday
    thursday friday saturday sunday yesterday tomorrow mr mrs ms dr st am pm s t d ll m ve
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Languages whose news words are read through the lexicon.
TRANSLATED = frozenset({"ar", "fr"})
# How much one title word counts against one body word.
TITLE_WEIGHT = 3.0
# News writing puts the event in the lead; later paragraphs drift to background and to
# other events of the same kind (the previous earthquake, the last recall).
BODY_WORDS = 250
# A compact article vector: the strongest terms carry the event, the tail is noise and cost.
MAX_TERMS = 120
# Names and figures separate two events of the same kind (see entities.py).
ENTITY_BOOST = 2.0


def stem(word: str) -> str:
    """Fold the commonest English inflections so "protests" meets "protest".

    Deliberately crude: a light touch that never merges unrelated words matters more here
    than linguistic accuracy, and it must be cheap on every word of every article.
    """
    n = len(word)
    if n <= 3 or not word.isalpha():
        return word
    if word.endswith("'s") or word.endswith("\u2019s"):
        return word[:-2]
    if n > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if n > 5 and word.endswith("sses"):
        return word[:-2]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _normalise(word: str) -> str:
    word = word.replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    return stem(word)


def tokens(text: str, limit: int | None = None) -> list[str]:
    """Informative lower-case word stems in reading order (the first `limit` of them)."""
    return _lead(text, limit)[0]


def _lead(text: str, limit: int | None, language: str | None = None) -> tuple[list[str], int]:
    """The first `limit` informative stems and where in the text they end: a long article
    is read only as far as its lead, whatever its length. Arabic and French news words
    count as their English word (`pipeline.lexicon`)."""
    folded = unicodedata.normalize("NFKC", text).casefold()
    out: list[str] = []
    end = len(folded)
    terms = _terms
    translated = language in TRANSLATED
    if len(terms) > _TERM_CACHE:
        terms.clear()
    for match in _WORD.finditer(folded):
        word = match.group()
        term = terms.get(word, _UNSEEN)
        if term is _UNSEEN:
            term = terms[word] = _term(word)
        if term is not None:
            if translated:
                term = english(word, language) or term
            out.append(term)
            if limit is not None and len(out) >= limit:
                end = match.end()
                break
    return out, end


def _term(word: str) -> str | None:
    """The stem a word counts as, or None for a word that says nothing of the event."""
    word = word.replace("\u2019", "'")
    if word.endswith("'s"):
        word = word[:-2]
    if len(word) < 2 or word in STOPWORDS:
        return None
    word = stem(word)
    return None if word in STOPWORDS else word


# Words seen, with the term each counts as: the same few thousand words make up most news,
# and a look-up costs less than the rules. Cleared when it grows past the bound.
_terms: dict[str, str | None] = {}
_TERM_CACHE = 200_000
_UNSEEN = object()


def term_weights(title: str, text: str, language: str | None = None) -> dict[str, float]:
    """Sublinear term frequencies, title words boosted, cut to the strongest terms."""
    counts: dict[str, float] = {}
    for word in _lead(title, None, language)[0]:
        counts[word] = counts.get(word, 0.0) + TITLE_WEIGHT
    body, end = _lead(text, BODY_WORDS, language)
    for word in body:
        counts[word] = counts.get(word, 0.0) + 1.0
    weights = {t: 1.0 + math.log(c) if c >= 1.0 else c for t, c in counts.items()}
    named = {_normalise(word) for word in entity_words(title) | entity_words(text[:end])}
    for term in named:
        if term in weights:
            weights[term] *= ENTITY_BOOST
    if len(weights) > MAX_TERMS:
        # Ties broken by the term itself so the cut is the same in every process.
        kept = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TERMS]
        weights = dict(kept)
    return weights
