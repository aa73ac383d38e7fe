"""Keys for the names and figures of an article that read the same in every language.

An Arabic report of the Port Ellis strike shares no word with the English ones, but it
names the same port ("بورت إليس"), and a French one names the same town. A name keeps its
consonants when it is written in another script, so each name becomes a sound key: its
consonants by class (b/p/f/v are one class, as are ب/پ/ف), doubled ones once, vowels
dropped, since Arabic writes few of them. A name of two words also gives a key for the
pair, far rarer by chance than either word. Figures are written in any digits; they are
keys too.

Latin-script names are the words a text capitalises mid-sentence (`pipeline.entities`);
Arabic has no capitals, so its names are the ones the Arabic reader finds after a title,
after the word for a kind of place or company, or in the place list
(`pipeline.enrich.arabic`), and any name quoted in «».

The keys are coarse on purpose: "Sable" and "Sibyl" share one. What makes a match
evidence is several keys shared, weighed by how rare each is in the stream
(`pipeline.cluster`).
"""

from __future__ import annotations

import itertools
import re
import unicodedata

from newsfold.pipeline.entities import entity_words

__all__ = ["language_of", "name_keys", "sound_key"]

_CLASSES = [
    ("bpfvبپفڤ", "1"),
    ("cgjkqsxzكقجغخسصزشچگ", "2"),
    ("dtدتطضذثظ", "3"),
    ("lل", "4"),
    ("mnمن", "5"),
    ("rر", "6"),
]
_CLASS = {char: code for chars, code in _CLASSES for char in chars}
# Two Latin letters for one sound, as names from Arabic or Greek are written in English.
_DIGRAPHS = (("ph", "f"), ("th", "t"), ("sh", "s"), ("ch", "s"), ("kh", "k"), ("gh", "g"))
# Shorter keys match by chance too often to count as a name.
MIN_KEY = 3
# The Arabic article and the particles names carry in Latin script ("al-Sidr", "el-Nour").
_ARTICLES = frozenset({"al", "el", "ال"})
_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0671-\u06d3]+")
_LATIN_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_QUOTED = re.compile(r"«([^»]{2,60})»")
_JOINER = re.compile(r"[ \-\u2010\u2011]")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_ARABIC_PREFIXES = ("وال", "بال", "لل", "ال")
# Texts are read as far as their lead and a little more: names of the event come early.
READ_CHARS = 4000


def sound_key(word: str) -> str:
    """The consonant classes of a word, in any script: 'Quillon' and 'كويلون' give '245'."""
    folded = unicodedata.normalize("NFKD", word.casefold())
    for pair, single in _DIGRAPHS:
        folded = folded.replace(pair, single)
    out: list[str] = []
    for char in folded:
        code = _CLASS.get(char)
        if code and (not out or out[-1] != code):
            out.append(code)
    return "".join(out)


def language_of(language: str | None, text: str) -> str | None:
    """The primary language tag ('en' of 'en-GB'); Arabic script says 'ar' when none is given."""
    if language:
        return language.split("-")[0].split("_")[0].casefold() or None
    sample = text[:400]
    arabic = len(_ARABIC_WORD.findall(sample))
    return "ar" if arabic and arabic >= len(_LATIN_WORD.findall(sample)) else None


def name_keys(title: str, text: str) -> frozenset[str]:
    """Sound keys of the article's names (and of two-word names), and its figures ('#38')."""
    text = unicodedata.normalize("NFKC", f"{title}\n{text[:READ_CHARS]}")
    keys = set(_figures(text))
    names: list[list[str]] = []
    if _ARABIC_WORD.search(text):
        names.extend(_arabic_names(text))
    names.extend(_latin_names(text))
    for name in names:
        codes = [sound_key(w) for w in name if w.casefold() not in _ARTICLES]
        codes = [c for c in codes if c]
        keys.update(c for c in codes if len(c) >= MIN_KEY)
        for first, second in itertools.pairwise(codes):
            keys.add(f"{first} {second}")
    return frozenset(keys)


def _figures(text: str) -> list[str]:
    out = []
    for match in _NUMBER.finditer(text):
        raw = match.group()
        # "1,200" and "1200" are one figure; "4.25" keeps its point; any digits count.
        whole = raw.replace(",", "") if re.fullmatch(r"\d{1,3}(?:,\d{3})+", raw) else raw
        try:
            value = float(whole.replace(",", "."))
        except ValueError:
            continue
        shown = str(int(value)) if value.is_integer() else f"{value:g}"
        if len(shown) >= 2:
            out.append(f"#{shown}")
    return out


def _latin_names(text: str) -> list[list[str]]:
    """Runs of adjacent words the text writes as names ("Port Ellis", "Wadi al-Sidr")."""
    named = entity_words(text)
    runs: list[list[str]] = [[]]
    end = 0
    for match in _LATIN_WORD.finditer(text):
        word = match.group()
        joined = bool(runs[-1]) and _JOINER.fullmatch(text[end : match.start()]) is not None
        end = match.end()
        if word.casefold() in named or (joined and word.casefold() in _ARTICLES):
            if not joined and runs[-1]:
                runs.append([])
            runs[-1].append(word)
        elif runs[-1]:
            runs.append([])
    return [run for run in runs if run]


def _arabic_names(text: str) -> list[list[str]]:
    from newsfold.pipeline.enrich import arabic  # the place list loads only for Arabic text

    found = [name.split() for name in arabic.names(text)]
    found.extend(quoted.split() for quoted in _QUOTED.findall(text))
    return [[_unprefixed(word) for word in name] for name in found]


def _unprefixed(word: str) -> str:
    for prefix in _ARABIC_PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= 3:
            return word[len(prefix) :]
    return word
