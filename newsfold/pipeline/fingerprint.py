"""The exact-text key: the same words in the same order, however spaced or punctuated.

It is the fast path before near-duplicate folding (`fold.py`) and, being unique in the
database, the guard that stops two workers storing one text twice.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(folded)


def text_key(text: str) -> str:
    return key_of_words(words(text))


def key_of_words(tokens: list[str]) -> str:
    """`text_key` of a text whose `words` the caller has read already."""
    return hashlib.sha256(" ".join(tokens).encode()).hexdigest()
