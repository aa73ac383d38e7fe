"""Names and numbers: the words that tell two events of the same kind apart.

Two earthquakes share "magnitude", "killed" and "rescue"; only the place, the year and the
toll differ. Without a tagger we take what English writing marks itself: a word capitalised
in the middle of a sentence is a name, and a year or a figure is a fact of this event.
A text written in title case or all lower case marks nothing, and yields nothing.
"""

from __future__ import annotations

import re
import unicodedata

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*", re.UNICODE)
# A sentence (or a line) starts after these; its first word is capitalised by rule, not as a name.
_BOUNDARY = re.compile(r"[.!?:;\"\u201c\u201d\n]")
# Below this share of capitalised words, capitals mark names; above, the text is title case.
MAX_CAPITALISED_SHARE = 0.45


def _marks_names(words: list[str]) -> bool:
    letters = [w for w in words if w[0].isalpha()]
    if len(letters) < 4:
        return False
    capitalised = sum(1 for w in letters if w[0].isupper())
    return 0 < capitalised <= MAX_CAPITALISED_SHARE * len(letters)


def entity_words(text: str) -> set[str]:
    """Lower-case words that this text writes as names, plus its years and larger figures."""
    text = unicodedata.normalize("NFKC", text)
    found: set[str] = set()
    names = _marks_names(_WORD.findall(text[:4000]))
    for segment in _BOUNDARY.split(text):
        words = _WORD.findall(segment)
        for i, word in enumerate(words):
            if word.isdigit():
                if len(word) >= 2:
                    found.add(word)
            elif names and i > 0 and word[0].isupper() and (len(word) >= 2 or word.isalpha()):
                found.add(word.casefold())
    return found
