"""What a reader does on the pages: comment, report, moderate, follow, save, mark read.

Every action is a POST with Django's CSRF check, answers a plain form post with a redirect
back to the page (so all of it works without JavaScript) and an htmx request with the part
of the page that changed. Who may do what is decided in `comments.py`, never here.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from newsfold.community import comments, personal
from newsfold.community.follows import followable
from newsfold.community.forms import CommentForm, ReasonForm
from newsfold.community.models import Bookmark, Comment, Follow, Read
from newsfold.news.models import Article, Story
from newsfold.news.reader import reader_of
from newsfold.news.stories import final


def comment_rate(group, request) -> str:
    """A new account may post less often than an established one."""
    joined = getattr(request.user, "date_joined", None)
    young = timedelta(hours=settings.NEWSFOLD_NEW_ACCOUNT_HOURS)
    if joined is not None and timezone.now() - joined < young:
        return settings.NEWSFOLD_COMMENT_RATE_NEW
    return settings.NEWSFOLD_COMMENT_RATE


def address_rate(group, request) -> str:
    return settings.NEWSFOLD_COMMENT_RATE_IP


def too_many(request) -> HttpResponse:
    return HttpResponse(
        _("Too many comments in a short time: wait a little, then post again."),
        status=429,
        content_type="text/plain; charset=utf-8",
    )


def target_of(kind: str, pk: int) -> Article | Story:
    if kind == "article":
        return get_object_or_404(Article, pk=pk)
    if kind == "story":
        return final(get_object_or_404(Story, pk=pk))
    raise Http404("comments are on articles and stories")


def page_of(target: Article | Story) -> str:
    if isinstance(target, Article):
        return reverse("news:article", args=[target.pk, target.slug])
    return reverse("news:story", args=[target.pk, target.slug])


def panel_context(request, target: Article | Story, **extra) -> dict:
    shown, count = comments.thread(target, request.user)
    kind = "article" if isinstance(target, Article) else "story"
    return {
        "target": target,
        "kind": kind,
        "thread": shown,
        "count": count,
        # Only a signed-in reader gets the form (making one costs a page ~0.3 ms).
        "form": extra.pop("form", None)
        or (CommentForm() if request.user.is_authenticated else None),
        "moderator": comments.is_moderator(request.user),
        "login_next": page_of(target),
        "user": request.user,
        **extra,
    }


def _panel(request, target, status: int = 200, **extra) -> HttpResponse:
    html = render_to_string(
        "community/_comments.html", panel_context(request, target, **extra), request=request
    )
    return HttpResponse(html, status=status)


def _back(request, fallback: str) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if wanted and url_has_allowed_host_and_scheme(
        wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return wanted
    return fallback


@require_POST
@ratelimit(key="ip", rate=address_rate, method="POST", block=False)
@ratelimit(key="user_or_ip", rate=comment_rate, method="POST", block=False)
def post_comment(request, kind: str, pk: int):
    target = target_of(kind, pk)
    if not request.user.is_authenticated:
        raise PermissionDenied("Log in to comment.")
    if getattr(request, "limited", False):
        if request.htmx:
            return _panel(request, target, error=too_many(request).content.decode())
        return too_many(request)
    form = CommentForm(request.POST)
    error = ""
    if form.is_valid():
        try:
            comments.post(
                request.user, target, form.cleaned_data["text"], form.cleaned_data["parent"]
            )
            form = CommentForm()
        except comments.Refused as refused:
            error = str(refused)
    else:
        error = _("A comment needs some text, at most %(n)d characters.") % {"n": comments.MAX_TEXT}
    if request.htmx:
        return _panel(request, target, form=form if error else None, error=error)
    if error:
        messages.error(request, error)
    return redirect(page_of(target) + "#comments")


def _comment(pk: int) -> Comment:
    return get_object_or_404(Comment.objects.select_related("article", "story"), pk=pk)


def _target(comment: Comment) -> Article | Story:
    return comment.article if comment.article_id else final(comment.story)


@never_cache
@login_required
def edit_comment(request, pk: int):
    comment = _comment(pk)
    if not comments.can_edit(request.user, comment):
        raise PermissionDenied("Only its author can edit a comment, within 15 minutes.")
    form = CommentForm(request.POST or None, initial={"text": comment.text})
    if request.method == "POST" and form.is_valid():
        try:
            comments.edit(request.user, comment, form.cleaned_data["text"])
        except comments.Refused as refused:
            raise PermissionDenied(str(refused)) from refused
        return redirect(page_of(_target(comment)) + f"#c{comment.pk}")
    return render(
        request,
        "community/edit.html",
        {"form": form, "comment": comment, "back": page_of(_target(comment))},
    )


@require_POST
@login_required
def delete_comment(request, pk: int):
    comment = _comment(pk)
    target = _target(comment)
    try:
        comments.delete(request.user, comment)
    except comments.Refused as refused:
        raise PermissionDenied(str(refused)) from refused
    if request.htmx:
        return _panel(request, target)
    return redirect(page_of(target) + "#comments")


@never_cache
@login_required
def report_comment(request, pk: int):
    comment = _comment(pk)
    if not comments.can_report(request.user, comment):
        raise PermissionDenied("You cannot report this comment.")
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        comments.report(request.user, comment, form.cleaned_data["reason"])
        messages.success(request, _("Thank you: a moderator will look at it."))
        return redirect(page_of(_target(comment)) + f"#c{comment.pk}")
    return render(
        request,
        "community/report.html",
        {"form": form, "comment": comment, "back": page_of(_target(comment))},
    )


def _moderator(request) -> None:
    if not comments.is_moderator(request.user):
        raise PermissionDenied("Only moderators can do this.")


@never_cache
@login_required
def moderation(request):
    _moderator(request)
    items = list(comments.queue()[:100])
    for c in items:
        c.page = page_of(_target(c))
        c.report_reasons = [r.reason for r in c.reports.filter(resolved_at=None) if r.reason]
    return render(request, "community/moderation.html", {"items": items})


@require_POST
@login_required
def moderate(request, pk: int, action: str):
    _moderator(request)
    comment = _comment(pk)
    try:
        if action == "hide":
            comments.hide(request.user, comment, request.POST.get("reason", ""))
        elif action == "restore":
            comments.restore(request.user, comment)
        elif action == "dismiss":
            comments.dismiss_reports(request.user, comment)
        else:
            raise Http404("no such action")
    except comments.Refused as refused:
        messages.error(request, str(refused))
    return redirect(_back(request, reverse("community:moderation")))


@require_POST
@login_required
def follow(request):
    kind, key = request.POST.get("kind", ""), request.POST.get("key", "")[:200]
    if not followable(kind, key):
        raise Http404("nothing to follow there")
    if request.POST.get("action") == "unfollow":
        Follow.objects.filter(user=request.user, kind=kind, key=key).delete()
    else:
        Follow.objects.get_or_create(user=request.user, kind=kind, key=key)
    if request.htmx:
        html = render_to_string(
            "community/_follow.html",
            {
                "kind": kind,
                "key": key,
                "following": Follow.objects.filter(user=request.user, kind=kind, key=key).exists(),
                "label": request.POST.get("label", "")[:200],
                "next": request.POST.get("next", ""),
            },
            request=request,
        )
        return HttpResponse(html)
    return redirect(_back(request, reverse("community:for-you")))


@require_POST
@login_required
def bookmark(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    if request.POST.get("action") == "remove":
        Bookmark.objects.filter(user=request.user, article=article).delete()
    else:
        Bookmark.objects.get_or_create(user=request.user, article=article)
    return redirect(_back(request, reverse("news:article", args=[article.pk, article.slug])))


@require_POST
@login_required
def mark_read(request, pk: int):
    article = get_object_or_404(Article, pk=pk)
    if request.POST.get("action") == "unread":
        Read.objects.filter(user=request.user, article=article).delete()
    else:
        Read.objects.get_or_create(user=request.user, article=article)
    return redirect(_back(request, reverse("community:saved")))


@never_cache
@login_required
def for_you(request):
    reader = reader_of(request)
    return render(
        request,
        "community/for_you.html",
        {
            "top": personal.for_you(reader),
            "news": personal.new_on_followed(reader),
            "follows": personal.follows(reader.user_id),
        },
    )


@never_cache
@login_required
def saved(request):
    show = request.GET.get("show", "all")
    if show not in ("all", "read", "unread"):
        show = "all"
    reader = reader_of(request)
    read = set(Read.objects.filter(user=request.user).values_list("article_id", flat=True))
    rows = (
        Bookmark.objects.filter(user=request.user)
        .select_related("article__source")
        .order_by("-created_at", "-id")
    )
    rows = reader.visible(rows, prefix="article__")
    items = []
    for b in rows[:500]:
        b.article.is_read = b.article_id in read
        if show == "all" or (show == "read") == b.article.is_read:
            items.append(b.article)
    return render(request, "community/saved.html", {"items": items, "show": show})
