"""Readable paragraphs for a text that arrived as one run-on block.

Captures of aggregator pages often hold a related article as a single line of thousands of
characters; shown as it is, that is a wall of text. Where the source has paragraph breaks
they are kept; a block that is too long is cut at sentence ends into paragraphs of a few
sentences each. A sentence ends at `.`, `!`, `?` or `؟` (closing quotes and brackets
included) before a space and a character that can start a sentence: not a lower-case letter,
not after a title or an initial ("Mr. Tamsin", "J. Varga", "U.S. officials").
"""

from __future__ import annotations

import re

__all__ = ["readable_paragraphs", "sentences"]

LONG = 900  # a paragraph longer than this is cut
TARGET = 400  # cut paragraphs hold sentences up to about this many characters

# Typographic quotes on purpose: they close and open sentences too.
_END = re.compile(r"""[.!?؟…]+["'”’»)\]]*(?=\s+["'“‘«(\[]?[^\s\W\d_a-z]|\s+\d)""")  # noqa: RUF001
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof st sr jr gen col lt sgt capt cmdr adm gov sen rep pres rev fr
    mt ft no nos vol vs etc inc ltd co corp jan feb mar apr jun jul aug sep sept oct nov dec
    u.s u.k u.n e.u a.m p.m i.e e.g""".split()
)


def sentences(text: str) -> list[str]:
    out, start = [], 0
    for match in _END.finditer(text):
        word = text[start : match.start() + 1].rsplit(None, 1)[-1].rstrip(".").lower()
        if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
            continue
        out.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    return [*out, rest] if rest else out


def readable_paragraphs(paragraphs: list[str]) -> list[str]:
    """The same paragraphs, each one longer than LONG cut at sentence ends."""
    out: list[str] = []
    for paragraph in paragraphs:
        if len(paragraph) <= LONG:
            out.append(paragraph)
            continue
        current = ""
        for sentence in sentences(paragraph):
            if current and len(current) + len(sentence) > TARGET:
                out.append(current)
                current = sentence
            else:
                current = f"{current} {sentence}" if current else sentence
        if current:
            out.append(current)
    return out
