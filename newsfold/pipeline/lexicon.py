"""Arabic and French news words read as the English word for the same thing.

Story grouping compares words, so an Arabic report of a port strike shares nothing with
the English ones but its names (`pipeline.namekeys`). A short list of the words news is
made of (strike, port, flood, vaccine, interest rate; `data/news_lexicon.tsv`, written
for newsfold) lets such an article share its event's words too. Names never need it,
and anything the list lacks stays as written, still matching articles in its own language.

Arabic joins articles and prepositions to the word ("والميناء", "بالإضراب"): a word is
looked up bare, then without them, then without a plural or possessive ending.
"""

from __future__ import annotations

import functools
from pathlib import Path

__all__ = ["english"]

LEXICON = Path(__file__).with_name("data") / "news_lexicon.tsv"
_MARKS = dict.fromkeys([*range(0x064B, 0x0660), 0x0670, 0x0640])
# Arabic letters are meant here, not the Latin ones ruff sees in them (RUF001).
_LETTERS = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ى": "ي", "ة": "ه"})  # noqa: RUF001
_PREFIXES = ("وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل")
_SUFFIXES = ("ات", "ون", "ين", "ان", "ها", "هم", "ه", "ي")  # noqa: RUF001


def _arabic(word: str) -> str:
    return word.translate(_MARKS).translate(_LETTERS)


@functools.cache
def _tables() -> dict[str, dict[str, str]]:
    from newsfold.pipeline.textvec import stem  # one stem for the English word, as counted

    tables: dict[str, dict[str, str]] = {"ar": {}, "fr": {}}
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        english, arabic, french = [*line.split("\t"), "", ""][:3]
        target = stem(english.strip())
        for form in arabic.split():
            tables["ar"].setdefault(_arabic(form), target)
        for form in french.split():
            tables["fr"].setdefault(form.casefold(), target)
    return tables


@functools.lru_cache(maxsize=50_000)
def _from_arabic(word: str) -> str | None:
    table = _tables()["ar"]
    bare = _arabic(word)
    forms = [bare] + [bare[len(p) :] for p in _PREFIXES if bare.startswith(p)]
    for form in forms:
        if len(form) < 2:
            continue
        if form in table:
            return table[form]
        for suffix in _SUFFIXES:
            if form.endswith(suffix) and len(form) - len(suffix) >= 2:
                found = table.get(form[: -len(suffix)])
                if found:
                    return found
    return None


def english(word: str, language: str | None) -> str | None:
    """The English word a lower-case word of this language counts as, if the list has it.
    Arabic script is read as Arabic whatever the article's language says."""
    if word and "\u0621" <= word[0] <= "\u06d3":
        return _from_arabic(word)
    if language == "fr":
        return _tables()["fr"].get(word)
    return None
