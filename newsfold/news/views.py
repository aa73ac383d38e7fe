from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from newsfold.news.models import Article


def latest(request):
    articles = Article.objects.select_related("source").only(
        "id", "title", "published_at", "text", "source__name", "language"
    )
    page = Paginator(articles, 30).get_page(request.GET.get("page"))
    return render(request, "news/latest.html", {"page": page})


def article(request, pk: int):
    article = get_object_or_404(Article.objects.select_related("source"), pk=pk)
    copies = article.copies.select_related("source").order_by("fetched_at")
    # The copy the article's text comes from is the article itself; the rest are "also".
    others = [c for c in copies if (c.url, c.source_id) != (article.url, article.source_id)]
    return render(request, "news/article.html", {"article": article, "copies": others})
