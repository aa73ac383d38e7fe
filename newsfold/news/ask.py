"""Ask about this story: a question answered from the coverage, with its citations.

A plain GET form, so it works without JavaScript (the answer comes as a page of its own)
and an htmx request gets the answer alone, put under the form. Each address is limited in
how often it asks (NEWSFOLD_ASK_RATE_IP): an answer may cost a model's time.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import get_object_or_404, render
from django_ratelimit.decorators import ratelimit

from newsfold.news import insights
from newsfold.news.models import Article, Story
from newsfold.news.reader import reader_of
from newsfold.news.stories import final


def _rate(group, request) -> str:
    return settings.NEWSFOLD_ASK_RATE_IP


def _answer(request, *, story: Story | None, article: Article | None):
    question = " ".join(request.GET.get("q", "").split())[: insights.MAX_QUESTION]
    context = {"story": story, "article": article, "question": question}
    status = 200
    if getattr(request, "limited", False):
        context["error"] = "limited"
        status = 429
    elif question:
        context["result"] = insights.ask(
            story, question, article=article, reader=reader_of(request)
        )
    template = "news/_answer.html" if request.htmx else "news/answer.html"
    return render(request, template, context, status=status)


@ratelimit(key="ip", rate=_rate, method="GET", block=False)
def story_ask(request, pk: int):
    story = get_object_or_404(Story, pk=pk)
    return _answer(request, story=final(story), article=None)


@ratelimit(key="ip", rate=_rate, method="GET", block=False)
def article_ask(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("source", "story"), pk=pk)
    story = final(article.story) if article.story_id else None
    return _answer(request, story=story, article=article)
