"""The reader's parts of the news pages: account links, comments, follow and save buttons,
what is new. Each renders nothing personal for an anonymous reader, so a kept (shared)
page built for one never holds anything of anybody's."""

from __future__ import annotations

from django import template

from newsfold.community import comments, personal
from newsfold.community.models import Bookmark, Follow
from newsfold.community.views import panel_context
from newsfold.news.reader import reader_of

register = template.Library()


@register.filter
def comment_html(text: str):
    return comments.as_html(text)


@register.inclusion_tag("community/_account.html", takes_context=True)
def account_links(context):
    request = context["request"]
    user = request.user
    return {
        "user": user,
        "moderator": comments.is_moderator(user),
        "next": request.get_full_path(),
        "request": request,
    }


@register.inclusion_tag("community/_comments.html", takes_context=True)
def comments_panel(context, target):
    return panel_context(context["request"], target) | {"request": context["request"]}


@register.inclusion_tag("community/_follow.html", takes_context=True)
def follow_button(context, kind: str, key, label: str):
    request = context["request"]
    key = str(key)
    following = (
        request.user.is_authenticated
        and Follow.objects.filter(user=request.user, kind=kind, key=key).exists()
    )
    return {
        "kind": kind,
        "key": key,
        "label": label,
        "following": following,
        "user": request.user,
        "next": request.path,
        "request": request,
    }


@register.inclusion_tag("community/_article_actions.html", takes_context=True)
def article_actions(context, article):
    request = context["request"]
    user = request.user
    signed_in = user.is_authenticated
    return {
        "article": article,
        "user": user,
        "saved": signed_in and Bookmark.objects.filter(user=user, article=article).exists(),
        "next": request.path,
        "request": request,
    }


@register.simple_tag(takes_context=True)
def story_news(context, story):
    """{new: set of article ids, count, outlets} since the reader's last visit."""
    reader = reader_of(context["request"])
    if not reader.signed_in:
        return {"new": set(), "count": 0, "outlets": []}
    since = personal.since_last_visit(reader.user_id, story)
    if since is None:
        return {"new": set(), "count": 0, "outlets": []}
    rows = reader.visible(story.articles.filter(created_at__gt=since))
    found = list(rows.values_list("id", "source__name"))
    return {
        "new": {pk for pk, _ in found},
        "count": len(found),
        "outlets": list(dict.fromkeys(name for _, name in found)),
    }


@register.inclusion_tag("community/_followed_news.html", takes_context=True)
def followed_news(context):
    reader = reader_of(context["request"])
    news = personal.new_on_followed(reader) if reader.signed_in else []
    return {"news": news, "total": sum(n.new for n in news)}
