from django.contrib import admin

from newsfold.news.models import Article, ArticleCopy


class CopyInline(admin.TabularInline):
    model = ArticleCopy
    extra = 0


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = ["title", "source", "published_at", "language"]
    search_fields = ["title"]
    inlines = [CopyInline]
