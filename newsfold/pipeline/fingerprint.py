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
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()
