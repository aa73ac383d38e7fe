"""Sentences: the unit every feature quotes, so that a citation points at words an outlet
wrote, whole.

A full stop ends a sentence unless it ends an abbreviation ("Mr.", "U.S.", "Jan.") or an
initial ("J. Smith"); question and exclamation marks, Arabic's too, always do; a line
break always does (feeds and extracted pages keep one paragraph a line).
"""

from __future__ import annotations

import functools
import re

# Words whose full stop is no sentence end (lower case, without the stop).
_ABBREVIATIONS = frozenset(
    """
    mr mrs ms mx dr prof st jr sr gen col lt sgt capt cmdr gov sen rep rev fr hon pres
    inc ltd co corp plc bros dept univ assn est approx vs etc al fig no nos vol
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    """.split()
)
# A candidate end: terminal punctuation, closing quotes or brackets, then space.
_END = re.compile(r"([.!?\u061f\u2026]+)([\"'\u201d\u2019)\]]*)(\s+)")
# Sentences shorter than this many characters are kept with the next (a dateline, "AP —").
MIN_CHARS = 2


def split(text: str) -> list[str]:
    """The text's sentences in order, each stripped; empty lines give none. A story's
    features each read its articles' sentences: the split is made once and kept."""
    return list(_split(text))


@functools.lru_cache(maxsize=256)
def _split(text: str) -> tuple[str, ...]:
    out: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if line:
            out.extend(_split_line(line))
    return tuple(out)


def _split_line(line: str) -> list[str]:
    out: list[str] = []
    start = 0
    for match in _END.finditer(line):
        end = match.end(2)
        if match.group(1) == "." and not _ends_sentence(line, match.start(1), match.end()):
            continue
        piece = line[start:end].strip()
        if len(piece) >= MIN_CHARS:
            out.append(piece)
        start = match.end()
    rest = line[start:].strip()
    if rest:
        out.append(rest)
    return out


def _ends_sentence(line: str, stop: int, after: int) -> bool:
    """Whether the full stop at `stop` ends a sentence (`after`: where the next one starts)."""
    if after >= len(line):
        return True
    following = line[after]
    if following.islower() or following in ",;:":
        return False
    word = re.search(r"([^\W\d_]+(?:\.[^\W\d_]+)*)$", line[:stop])
    if word is None:
        return True
    token = word.group(1)
    if "." in token or (len(token) == 1 and token.isupper()):
        # "U.S." or an initial: a sentence end only if a new sentence clearly starts, which
        # an initial never shows ("J. Smith"); "U.S. officials" reads on.
        return len(token) > 1 and following.isupper() and _opens_sentence(line[after:])
    return token.casefold() not in _ABBREVIATIONS


# Words that start sentences far more often than they continue a name after "U.S.".
_OPENERS = frozenset(
    "the a an it he she they we i this that these those but and in on at after as then".split()
)


def _opens_sentence(rest: str) -> bool:
    word = re.match(r"[^\W_]+", rest)
    return bool(word) and word.group().casefold() in _OPENERS
