"""The shapes the JSON API answers with (its OpenAPI document is made from these)."""

from __future__ import annotations

from datetime import datetime

from ninja import Field, Schema


class OutletRef(Schema):
    name: str
    slug: str
    url: str  # its page on this site


class ArticleItem(Schema):
    id: int
    title: str
    url: str  # its page on this site
    original_url: str
    outlet: OutletRef
    published_at: datetime
    language: str
    story_id: int | None
    snippet: str = ""


class Copy(Schema):
    outlet: OutletRef
    url: str
    title: str
    published_at: datetime | None


class Cited(Schema):
    """A sentence one article wrote, where a summary, a key point or an answer rests."""

    article_id: int
    outlet: str
    url: str  # the outlet's page
    sentence: str


class CitedText(Schema):
    text: str
    sources: list[Cited]


class Quote(Schema):
    speaker: str
    quote: str
    source: Cited


class Figure(Schema):
    figure: str
    source: Cited


class Conflict(Schema):
    kind: str  # "count", "percent" or "year"
    thing: str
    first: Figure
    second: Figure


class StoryInsight(Schema):
    engine: str  # "offline", or "llm:<model>"
    summary: list[CitedText]
    key_points: list[CitedText]
    quotes: list[Quote]
    conflicts: list[Conflict]


class Answer(Schema):
    question: str
    covered: bool  # false: the coverage does not say
    answer: str
    engine: str
    citations: list[Cited]


class Article(ArticleItem):
    summary: list[CitedText]  # empty until the AI features are computed
    author: str
    text: str
    html: str  # sanitised markup, as the site shows it
    category: str
    hashtags: list[str]
    also_published_by: list[Copy]
    related: list[ArticleItem]
    comment_count: int


class StoryItem(Schema):
    id: int
    headline: str
    url: str
    article_count: int
    outlet_count: int
    first_seen: datetime
    last_updated: datetime
    lead: ArticleItem | None = None
    more: list[ArticleItem] = []


class Story(StoryItem):
    articles: list[ArticleItem]
    copies: list[Copy]  # the same texts as published by other outlets ("also published by")
    outlets: list[str]
    summary: str | None = None  # the AI summary as plain text, once computed
    insight: StoryInsight | None = None  # the same, cited, with key points, quotes, conflicts
    comment_count: int


class Section(Schema):
    slug: str
    name: str
    articles: list[ArticleItem]


class Edition(Schema):
    slug: str
    name: str


class Home(Schema):
    edition: str
    editions: list[Edition]
    top: list[StoryItem]
    latest: list[ArticleItem]
    sections: list[Section]


class Listing(Schema):
    title: str
    items: list[ArticleItem]
    next: str | None  # the next page's address (keyset cursor), None on the last page


class FeedHealth(Schema):
    id: int
    url: str
    title: str
    outlet: str
    enabled: bool
    status: str
    last_fetch_at: datetime | None
    last_success_at: datetime | None
    next_fetch_at: datetime
    consecutive_failures: int
    last_error: str
    notice: str


class OutletPage(Listing):
    outlet: OutletRef
    region: str
    country: str
    homepage: str
    feeds: list[FeedHealth]


class SearchHit(ArticleItem):
    rank: float


class SearchResults(Schema):
    query: str
    page: int
    total: int = Field(description="Articles found: exact, or estimated when `estimated`")
    estimated: bool = Field(
        description="More matched than are ranked (the newest ones are): `total` is an "
        "estimate, rounded to two significant figures"
    )
    hits: list[SearchHit]
    next: str | None


class Comment(Schema):
    id: int
    author: str | None
    text: str
    created_at: datetime
    edited_at: datetime | None
    removed: bool
    hidden_reason: str | None  # only the author and moderators see a hidden comment
    replies: list[Comment] = []


class Comments(Schema):
    count: int
    comments: list[Comment]


class CommentIn(Schema):
    text: str
    parent: int | None = None


class CommentEdit(Schema):
    text: str


class ReportIn(Schema):
    reason: str = ""


class Me(Schema):
    username: str
    edition: str
    language: str
    muted_words: list[str]
    muted_outlets: list[str]  # slugs


class MutesIn(Schema):
    muted_words: list[str] | None = None
    muted_outlets: list[str] | None = None  # slugs


class FollowIn(Schema):
    kind: str  # tag, outlet, section or story
    key: str  # the slug, or the story's id


class FollowOut(FollowIn):
    created_at: datetime


class FeedIn(Schema):
    url: str
    outlet: str = ""
    region: str = ""
    country: str = ""
    language: str = ""
    folder: str = ""
    fetch_pages: bool = True


class ImportReport(Schema):
    files: list[dict]


class Done(Schema):
    ok: bool = True
    detail: str = ""


class Problem(Schema):
    """RFC 9457 problem details (sent as application/problem+json)."""

    type: str
    title: str
    status: int
    detail: str | None = None
    errors: list[dict] | None = None  # what was wrong with which parameter, on a 422


ERRORS = (400, 401, 403, 404, 409, 413, 422, 429)


def answers(ok, status: int = 200) -> dict:
    """An operation's documented answers: its own, and the problems any call may meet."""
    return {status: ok, **{code: Problem for code in ERRORS}}
