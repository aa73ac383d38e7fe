from django.contrib import admin

from newsfold.sources.models import Feed, FetchAttempt, Source


@admin.register(Source)
class SourceAdmin(admin.ModelAdmin):
    list_display = ["name", "host", "region", "country", "language"]
    search_fields = ["name", "host"]


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["url", "source", "enabled", "last_fetch_at", "consecutive_failures"]
    list_filter = ["enabled"]
    search_fields = ["url", "source__name"]


@admin.register(FetchAttempt)
class FetchAttemptAdmin(admin.ModelAdmin):
    list_display = ["feed", "started_at", "outcome", "status_code", "added"]
