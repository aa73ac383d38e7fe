"""The AI features of stored articles and stories (`pipeline.enrich`), computed in the
background and kept: a page shows what is stored and never computes it.

An article is due when it has no insight yet, its text changed since (`updated_at` passed
the insight's `basis`) or the engine's `VERSION` moved on; a story likewise when an
article joined it (`last_updated`). `enrich_due` reads what is due in batches, so a worker
that is stopped loses at most one batch, and a second worker repeats nothing for long.
Answers to readers' questions are computed when asked (offline they take milliseconds)
and kept for the same question about the same coverage.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q
from django.utils import timezone

from newsfold.news import rows
from newsfold.news.models import Article, ArticleInsight, Story, StoryInsight
from newsfold.news.reader import ANONYMOUS, Reader
from newsfold.news.stories import final
from newsfold.pipeline.enrich import answer as offline_answer
from newsfold.pipeline.enrich import conflicts, keypoints, language, llm, quotes, summary
from newsfold.pipeline.enrich.types import Cited, Doc

log = logging.getLogger(__name__)

# Raised when what is computed or how changes: every insight is then due again.
VERSION = 1
# Articles of a story read at most (the earliest first, where the event is told).
STORY_ARTICLES = 30
BATCH = 100


def doc_of(article: Article) -> Doc:
    return Doc(
        key=str(article.pk),
        title=article.title,
        text=article.text,
        outlet=article.source.name,
        url=article.url,
        language=article.language,
    )


def story_docs(story: Story, limit: int = STORY_ARTICLES) -> list[Doc]:
    articles = story.articles.select_related("source").order_by("published_at", "id")[:limit]
    return [doc_of(a) for a in articles]


def _items(found: list[Cited]) -> list[dict]:
    """Stored form of offline sentences: each its own source."""
    return [{"text": c.text, "sources": [c.as_dict()]} for c in found]


def _claims(found: list[llm.Claim]) -> list[dict]:
    return [{"text": c.text, "sources": [s.as_dict() for s in c.sources]} for c in found]


def endpoint() -> llm.Endpoint | None:
    if not (settings.NEWSFOLD_LLM_URL and settings.NEWSFOLD_LLM_MODEL):
        return None
    return llm.Endpoint(
        settings.NEWSFOLD_LLM_URL,
        settings.NEWSFOLD_LLM_MODEL,
        settings.NEWSFOLD_LLM_KEY,
        settings.NEWSFOLD_LLM_TIMEOUT,
    )


def _for_model(found: list[Cited]) -> list[Cited]:
    """What may be sent to the model: nothing from an outlet the site excludes."""
    excluded = {name.casefold() for name in settings.NEWSFOLD_LLM_EXCLUDE}
    return [c for c in found if c.outlet.casefold() not in excluded]


# ---------------------------------------------------------------------------------------------
# Articles


def enrich_article(article: Article) -> ArticleInsight:
    doc = doc_of(article)
    found = language.detect(f"{article.title}\n{article.text}")
    if found and found != article.language:
        # The library reads the text itself; feeds often declare the site's language.
        rows.update(Article, article.pk, {"language": found})
        article.language = found
    insight, _ = ArticleInsight.objects.update_or_create(
        article=article,
        defaults={
            "summary": _items(summary.article_summary(doc)),
            "basis": article.updated_at,
            "version": VERSION,
            "computed_at": timezone.now(),
        },
    )
    return insight


def due_articles():
    return Article.objects.filter(
        Q(insight__isnull=True)
        | Q(insight__basis__lt=F("updated_at"))
        | Q(insight__version__lt=VERSION)
    )


# ---------------------------------------------------------------------------------------------
# Stories


def enrich_story(story: Story) -> StoryInsight:
    docs = story_docs(story)
    # One reading of the articles' sentences for the summary, key points and model context.
    cands = summary.candidates(docs)
    found = summary.story_summary(docs, cands=cands)
    summary_items, engine = _items(found), "offline"
    model = endpoint()
    if model is not None and docs:
        context = _for_model(summary.cited(cands, _pool(cands)))
        try:
            summary_items, engine = _claims(llm.summary(model, context)), model.name
        except llm.LLMError as exc:
            log.warning("story %s: summary by the offline engine (%s)", story.pk, exc)
    insight, _ = StoryInsight.objects.update_or_create(
        story=story,
        defaults={
            "summary": summary_items,
            "key_points": _items(keypoints.key_points(docs, skip=found, cands=cands)),
            "quotes": [q.as_dict() for q in quotes.story_quotes(docs)],
            "conflicts": [c.as_dict() for c in conflicts.find(docs)],
            "engine": engine,
            "basis": story.last_updated,
            "version": VERSION,
            "computed_at": timezone.now(),
        },
    )
    return insight


def _pool(cands: summary.Candidates, count: int = llm.MAX_CONTEXT) -> list[int]:
    """The story's most central sentences, for a model to write from."""
    return summary.reading_order(cands, summary.pick(cands, summary.centrality(cands), count=count))


def due_stories():
    live = Story.objects.filter(merged_into__isnull=True, article_count__gt=0)
    return live.filter(
        Q(insight__isnull=True)
        | Q(insight__basis__lt=F("last_updated"))
        | Q(insight__version__lt=VERSION)
    )


# ---------------------------------------------------------------------------------------------
# All that is due


@dataclass
class Done:
    articles: int = 0
    stories: int = 0


def enrich_due(*, limit: int | None = BATCH, every: bool = False) -> Done:
    """Compute what is due (or, with `every`, everything again), at most `limit` of
    articles and of stories; newest first, as readers come to them first."""
    done = Done()
    articles = Article.objects.all() if every else due_articles()
    stories = Story.objects.filter(merged_into__isnull=True) if every else due_stories()
    ids = articles.order_by("-id").values_list("id", flat=True)
    for article in Article.objects.select_related("source").filter(
        pk__in=list(ids[:limit] if limit else ids)
    ):
        _guarded(enrich_article, article, ArticleInsight, "article", article.updated_at)
        done.articles += 1
    story_ids = stories.order_by("-last_updated").values_list("id", flat=True)
    for story in Story.objects.filter(pk__in=list(story_ids[:limit] if limit else story_ids)):
        _guarded(enrich_story, story, StoryInsight, "story", story.last_updated)
        done.stories += 1
    return done


def _guarded(compute, row, model, field: str, basis) -> None:
    """One text that breaks a feature costs its own insight, not the batch: it is stored
    empty (and logged), so that it is not tried again until its text or story changes."""
    try:
        compute(row)
    except Exception:
        log.exception("AI features of %s %s failed; stored empty", field, row.pk)
        model.objects.update_or_create(
            **{field: row}, defaults={"basis": basis, "version": VERSION}
        )


def anything_due() -> bool:
    return due_articles().exists() or due_stories().exists()


# ---------------------------------------------------------------------------------------------
# What one reader sees


def _docs(*sources: dict) -> set[int]:
    return {int(source["doc"]) for source in sources}


def for_reader(insight, reader: Reader):
    """The insight as this reader may see it: nothing that rests on an article they muted
    (its outlet, or a word in it) alone. A copy; the stored insight is everyone's."""
    if insight is None or not reader.mutes:
        return insight
    cited = _docs(*(s for item in getattr(insight, "key_points", []) for s in item["sources"]))
    cited |= _docs(*(s for item in insight.summary for s in item["sources"]))
    cited |= _docs(*getattr(insight, "quotes", []))
    for c in getattr(insight, "conflicts", []):
        cited |= _docs(c["first"], c["second"])
    seen = set(reader.visible(Article.objects.filter(pk__in=cited)).values_list("pk", flat=True))
    copy = type(insight)(**{f.attname: getattr(insight, f.attname) for f in insight._meta.fields})

    def kept(items):
        return [i for i in items if _docs(*i["sources"]) & seen]

    copy.summary = kept(insight.summary)
    if isinstance(insight, StoryInsight):
        copy.key_points = kept(insight.key_points)
        copy.quotes = [q for q in insight.quotes if _docs(q) <= seen]
        copy.conflicts = [c for c in insight.conflicts if _docs(c["first"], c["second"]) <= seen]
    return copy


def answer_for(result: dict, reader: Reader) -> dict:
    """An answer without the sentences of articles this reader muted; with none left, the
    coverage they see does not say."""
    if not reader.mutes or not result["citations"]:
        return result
    ids = _docs(*result["citations"])
    seen = set(reader.visible(Article.objects.filter(pk__in=ids)).values_list("pk", flat=True))
    citations = [c for c in result["citations"] if int(c["doc"]) in seen]
    if not citations:
        return {**result, "covered": False, "answer": "", "citations": []}
    if len(citations) < len(result["citations"]) and result["engine"] == "offline":
        return {**result, "answer": " ".join(c["text"] for c in citations), "citations": citations}
    return {**result, "citations": citations}


# ---------------------------------------------------------------------------------------------
# Questions


MAX_QUESTION = 300


def ask(
    story: Story | None,
    question: str,
    article: Article | None = None,
    reader: Reader = ANONYMOUS,
) -> dict:
    """An answer from the story's coverage (or the article alone when it has no story),
    with its citations; `covered` False when the coverage does not say. Kept for the same
    question about the same coverage, and shown as `reader` may see it (`answer_for`)."""
    question = " ".join(question.split())[:MAX_QUESTION]
    if story is not None:
        story = final(story)
        basis = f"s{story.pk}:{story.last_updated.timestamp()}"
    elif article is not None:
        basis = f"a{article.pk}:{article.updated_at.timestamp()}"
    else:
        raise ValueError("ask about a story or an article")
    model = endpoint()
    engine = f"{model.name}|{sorted(settings.NEWSFOLD_LLM_EXCLUDE)}" if model else ""
    digest = hashlib.sha256(
        f"{VERSION}|{basis}|{engine}|{question.casefold()}".encode()
    ).hexdigest()
    key = f"newsfold:answer:{digest}"
    kept = cache.get(key)
    if kept is not None:
        return answer_for(kept, reader)
    docs = story_docs(story) if story is not None else [doc_of(article)]
    result = offline_answer.answer(question, docs).as_dict()
    if model is not None and docs:
        ranked = [c for _, c in offline_answer.retrieve(question, docs)]
        context = _for_model(ranked)
        try:
            found = llm.answer(model, question, context)
            result = {
                "question": question,
                "covered": found is not None,
                "answer": " ".join(c.text for c in found or []),
                "engine": model.name,
                "citations": [s.as_dict() for c in found or [] for s in c.sources],
            }
        except llm.LLMError as exc:
            log.warning("answer by the offline engine (%s)", exc)
    cache.set(key, result, settings.NEWSFOLD_ANSWER_SECONDS)
    return answer_for(result, reader)
