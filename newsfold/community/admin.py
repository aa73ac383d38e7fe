"""The administrator's view of readers' rows (`/admin/`); moderators use /moderation/."""

from django.contrib import admin

from newsfold.community.models import Comment, Follow, Profile, Report


@admin.register(Comment)
class CommentAdmin(admin.ModelAdmin):
    list_display = ("id", "user", "article", "story", "created_at", "hidden_at", "deleted_at")
    list_filter = ("hidden_at", "deleted_at")
    search_fields = ("text", "user__username")
    raw_id_fields = ("user", "article", "story", "parent", "hidden_by")


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("id", "comment", "user", "reason", "created_at", "resolved_at")
    list_filter = ("resolved_at",)
    raw_id_fields = ("comment", "user")


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "edition", "language")
    raw_id_fields = ("user",)


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ("user", "kind", "key", "created_at")
    list_filter = ("kind",)
    raw_id_fields = ("user",)
