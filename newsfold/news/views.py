from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render

from newsfold.news.models import Article, ArticleCopy, Story
from newsfold.news.related import related_articles
from newsfold.news.stories import final


def latest(request):
    articles = Article.objects.select_related("source").only(
        "id", "title", "published_at", "source__name", "language"
    )
    page = Paginator(articles, 30).get_page(request.GET.get("page"))
    return render(request, "news/latest.html", {"page": page})


def article(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    copies = article.copies.select_related("source").order_by("fetched_at")
    # The copy the article's text comes from is the article itself; the rest are "also".
    others = [c for c in copies if (c.url, c.source_id) != (article.url, article.source_id)]
    context = {
        "article": article,
        "copies": others,
        "story": final(article.story) if article.story_id else None,
        "related": related_articles(article),
    }
    return render(request, "news/article.html", context)


def story(request, pk: int):
    story = get_object_or_404(Story, pk=pk)
    if story.merged_into_id:
        return redirect("news:story", pk=final(story).pk, permanent=True)
    copies = Prefetch("copies", queryset=ArticleCopy.objects.select_related("source"))
    articles = (
        story.articles.select_related("source").prefetch_related(copies).order_by("published_at")
    )
    return render(request, "news/story.html", {"story": story, "articles": articles})
