"""Keys that recognise the same text however it was captured.

Two copies count as one text when their normalised words are equal (`text_key`) or when
almost every substantial sentence of the shorter copy is also in the longer one
(`sentence_keys` + `same_text`): a capture without its lead paragraph, a republication cut
after a few paragraphs, or the same text with its paragraphs run into one line (as
aggregator pages show related articles). Near-duplicates with edited wording are a later
step.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WORD = re.compile(r"\w+", re.UNICODE)
# A sentence shorter than this says too little to identify an article by itself
# ("Agencies", "Reuters", a dateline, a kicker).
MIN_SENTENCE_WORDS = 8
# Sentence ends: . ! ? and their Arabic and CJK forms, before a space or a line break.
_SENTENCE_END = re.compile(r"(?<=[.!?\u3002\uff01\uff1f\u061f])[\"'\u201d\u2019\u00bb)]*\s+|\n+")
# Share of the shorter copy's sentences that must appear in the longer one.
CONTAINMENT = 0.8


def words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(folded)


def text_key(text: str) -> str:
    """Same words in the same order give the same key, whatever the spacing or punctuation."""
    return hashlib.sha256(" ".join(words(text)).encode()).hexdigest()


def sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def sentence_keys(text: str) -> list[str]:
    keys: list[str] = []
    for sentence in sentences(text):
        tokens = words(sentence)
        if len(tokens) >= MIN_SENTENCE_WORDS:
            key = hashlib.blake2b(" ".join(tokens).encode(), digest_size=12).hexdigest()
            if key not in keys:
                keys.append(key)
    return keys


def same_text(keys: list[str], other_keys: list[str]) -> bool:
    """True when the shorter key list is (almost) contained in the longer one."""
    shorter, longer = sorted((set(keys), set(other_keys)), key=len)
    if not shorter:
        return False
    # One shared sentence (a quote, a stock phrase) does not make two long texts the same.
    needed = max(2, CONTAINMENT * len(shorter)) if len(shorter) > 1 else 1
    return len(shorter & longer) >= needed
