"""Who is reading, as far as the news pages care: what they muted.

The pages of `news` never import the accounts that hold these preferences (`community`
stands above `news`): a middleware of that app puts a `Reader` on each request, and pages
read it through `reader_of`. An anonymous reader has muted nothing.

Muting is one rule, applied in two forms that must agree: in the database (`visible`, for
listings that page through rows) and in Python (`hides`, for rows already read). A muted
word hides an article whose title or text holds it as a whole word (or words, for a
phrase), in any case; a muted outlet hides what it published.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.db.models import Q, QuerySet
from django.dispatch import Signal

MAX_MUTED = 100  # words, and outlets: one reader's filter must stay a cheap query


def word_pattern(phrase: str) -> str:
    """A regular expression both Python's `re` and PostgreSQL read alike: the phrase's
    words, any spacing between them, not inside a longer word."""
    words = [re.escape(w) for w in phrase.split()]
    return r"(^|\W)" + r"\s+".join(words) + r"(\W|$)"


@dataclass(frozen=True)
class Reader:
    user_id: int | None = None
    name: str = ""
    edition: str = ""  # the region slug the reader's "Home" leads to; "" for all regions
    muted_words: tuple[str, ...] = ()
    muted_outlets: frozenset[int] = field(default_factory=frozenset)

    @property
    def signed_in(self) -> bool:
        return self.user_id is not None

    @property
    def mutes(self) -> bool:
        return bool(self.muted_words or self.muted_outlets)

    def visible(self, rows: QuerySet, prefix: str = "") -> QuerySet:
        """`rows` (articles, or rows reaching an article through `prefix`, e.g. "article__")
        without the ones this reader muted."""
        if not self.mutes:
            return rows
        hidden = Q()
        if self.muted_outlets:
            hidden |= Q(**{f"{prefix}source_id__in": sorted(self.muted_outlets)})
        for phrase in self.muted_words:
            pattern = word_pattern(phrase)
            hidden |= Q(**{f"{prefix}title__iregex": pattern})
            hidden |= Q(**{f"{prefix}text__iregex": pattern})
        return rows.exclude(hidden)

    def hides_text(self, *texts: str) -> bool:
        return any(
            re.search(word_pattern(phrase), text or "", re.IGNORECASE)
            for phrase in self.muted_words
            for text in texts
        )

    def hides(self, title: str, text: str, source_id: int | None) -> bool:
        return source_id in self.muted_outlets or self.hides_text(title, text)


ANONYMOUS = Reader()


def reader_of(request) -> Reader:
    return getattr(request, "reader", None) or ANONYMOUS


def is_personal(request) -> bool:
    """A signed-in reader's pages carry their name, forms and filters: never shared."""
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)


# Sent after a signed-in reader's article or story page is built, with `request` and
# `article` or `story`: the app that keeps reading history records the visit then, after
# the page has shown what was new since the last one.
viewed = Signal()
