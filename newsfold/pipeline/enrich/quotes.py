"""Who said what: direct quotations and the person the sentence gives them to.

News writing attributes a quotation in a few fixed shapes: '"...," Amara Diallo said',
'"...," said Diallo', 'Diallo said: "..."'. A pronoun speaker ("she said") is the person
named in the last attributed quotation of the same article, or no one. A quotation given
by several outlets is shown once, with the first outlet that gave it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from newsfold.pipeline.enrich import sentences as sentence_split
from newsfold.pipeline.enrich.types import Cited, Doc, cite

MIN_WORDS = 5
MAX_QUOTES = 8
MAX_CHARS = 1000
_OPEN, _CLOSE = '"\u201c\u00ab', '"\u201d\u00bb'
_QUOTE = rf"[{_OPEN}](?P<quote>[^{_OPEN}{_CLOSE}]{{12,}}?)[{_CLOSE}]"
_VERBS = r"(?:said|says|told|added|stated|declared|warned|wrote|insisted|explained|noted)"
# A name: capitalised words, maybe joined by "bin", "al-", "de"; or a pronoun.
_NAME = r"(?P<speaker>(?:[A-Z][\w'\-\u2019]+|al-[A-Z][\w\-]+)(?:\s+(?:bin|de|van|von|al|el|[A-Z][\w'\-\u2019]+))*|he|she|they)"  # noqa: E501
# Lower-case words of a role may stand before the name: "coastguard chief Amara Diallo said".
_ROLE = r"(?:[a-z][\w\-']*\s+){0,3}?"
# A role may stand between the name and the verb: ', the bank's governor, said'.
_SHAPES = [
    re.compile(rf"{_QUOTE}\s*,?\s*{_ROLE}{_NAME}(?:,[^,{_OPEN}]{{3,80}},)?\s+{_VERBS}\b"),
    re.compile(rf"{_QUOTE}\s*,?\s*{_VERBS}\s+{_NAME}"),
    re.compile(rf"{_NAME}(?:,[^,{_OPEN}]{{3,80}},)?\s+{_VERBS}(?:\s+\w+)?\s*[:,]?\s*{_QUOTE}"),
]
_PRONOUNS = frozenset(("he", "she", "they"))
# Capitalised words that start no speaker's name.
_NOT_SPEAKERS = frozenset("The A An It This That There Officials Police".split())


@dataclass(frozen=True)
class Quote:
    speaker: str
    quote: str
    source: Cited

    def as_dict(self) -> dict:
        return {"speaker": self.speaker, "quote": self.quote, **self.source.as_dict()}


def article_quotes(doc: Doc) -> list[Quote]:
    out: list[Quote] = []
    last_speaker = ""
    for i, text in enumerate(sentence_split.split(doc.text)):
        if len(text) > MAX_CHARS:
            continue  # no sentence, but a page's text run together
        for shape in _SHAPES:
            match = shape.search(text)
            if not match:
                continue
            quote = match.group("quote").strip(" ,")
            speaker = re.sub(r"['\u2019]s$", "", match.group("speaker"))
            if quote[:1].islower():
                break  # a few words quoted inside the outlet's own sentence, not a quote
            if speaker.split()[0] in _NOT_SPEAKERS:
                break
            if speaker.casefold() in _PRONOUNS:
                speaker = last_speaker
            if speaker and len(quote.split()) >= MIN_WORDS:
                out.append(Quote(speaker, quote, cite(doc, i, text)))
                last_speaker = speaker
            break
    return out


def story_quotes(docs: Sequence[Doc], limit: int = MAX_QUOTES) -> list[Quote]:
    seen: set[str] = set()
    out: list[Quote] = []
    for doc in docs:
        for q in article_quotes(doc):
            key = re.sub(r"\W+", " ", q.quote.casefold()).strip()
            if key in seen:
                continue
            seen.add(key)
            out.append(q)
            if len(out) >= limit:
                return out
    return out
