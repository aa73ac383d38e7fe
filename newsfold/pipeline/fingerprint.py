"""Keys that recognise the same text however it was captured.

Two copies count as one text when their normalised words are equal (`text_key`) or when
almost every substantial paragraph of the shorter copy is also in the longer one
(`paragraph_keys` + `same_text`): a capture without its lead paragraph, or a republication
cut after a few paragraphs. Near-duplicates with edited wording are a later step.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)
# A paragraph shorter than this says too little to identify an article by itself
# ("Agencies", "Reuters", a dateline).
MIN_PARAGRAPH_WORDS = 8
# Share of the shorter copy's paragraphs that must appear in the longer one.
CONTAINMENT = 0.8


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(folded)


def text_key(text: str) -> str:
    """Same words in the same order give the same key, whatever the spacing or punctuation."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def paragraph_keys(text: str) -> list[str]:
    keys: list[str] = []
    for para in paragraphs(text):
        tokens = words(para)
        if len(tokens) >= MIN_PARAGRAPH_WORDS:
            key = hashlib.blake2b(" ".join(tokens).encode(), digest_size=12).hexdigest()
            if key not in keys:
                keys.append(key)
    return keys


def same_text(keys: list[str], other_keys: list[str]) -> bool:
    """True when the shorter key list is (almost) contained in the longer one."""
    shorter, longer = sorted((set(keys), set(other_keys)), key=len)
    if not shorter:
        return False
    # One shared paragraph is not enough to call two long texts the same.
    needed = max(2, CONTAINMENT * len(shorter)) if len(shorter) > 1 else 1
    return len(shorter & longer) >= needed
