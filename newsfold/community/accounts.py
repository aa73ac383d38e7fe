"""Accounts: sign up, log in and out, preferences, export and deletion.

Logging in, out and resetting a password are Django's own views (with django-axes counting
failed logins); what is ours is the sign-up, the preferences, and the two things a reader
may ask of their data: a copy of all of it, and its removal.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django_ratelimit.decorators import ratelimit

from newsfold.community.forms import DeleteAccountForm, PreferencesForm, SignupForm
from newsfold.community.models import Bookmark, Comment, Follow, Read, Report, StoryVisit
from newsfold.community.prefs import profile_of
from newsfold.news.seo import absolute


def home_for(user, path: str = "") -> str:
    """Where the reader's "Home" is: their edition, in their interface language."""
    profile = profile_of(user)
    url = path or (
        reverse("news:edition", args=[profile.edition]) if profile.edition else reverse("news:home")
    )
    return translate_url(url, profile.language) if profile.language else url


def signup_rate(group, request) -> str:
    return settings.NEWSFOLD_SIGNUP_RATE_IP


@ratelimit(key="ip", rate=signup_rate, method="POST", block=False)
def signup(request):
    if request.user.is_authenticated:
        return redirect("news:home")
    if getattr(request, "limited", False):
        return HttpResponse(
            _("Too many sign-ups from your address: try again later."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        profile_of(user)
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(
            request, _("Welcome! Follow hashtags, outlets and stories to fill “For you”.")
        )
        return redirect(home_for(user))
    context = {"form": form, "heading": _("Sign up"), "submit": _("Sign up")}
    return render(request, "community/signup.html", context)


class LoginView(auth.LoginView):
    template_name = "community/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return home_for(self.request.user)


class LogoutView(auth.LogoutView):
    """Also asks the browser to forget the pages it kept for this reader (the offline copies
    hold their name and their comments' forms): the next person at this browser sees none."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response


@never_cache
@login_required
def preferences(request):
    profile = profile_of(request.user)
    initial = {
        "edition": profile.edition,
        "language": profile.language,
        "muted_words": "\n".join(profile.muted_words),
        "muted_outlets": [str(pk) for pk in profile.muted_outlets],
    }
    form = PreferencesForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        profile.edition, profile.language = data["edition"], data["language"]
        profile.muted_words, profile.muted_outlets = data["muted_words"], data["muted_outlets"]
        profile.save()
        messages.success(request, _("Preferences saved."))
        return redirect(home_for(request.user, request.path))
    return render(
        request,
        "community/preferences.html",
        {"form": form, "follows": Follow.objects.filter(user=request.user).order_by("kind", "key")},
    )


@never_cache
@login_required
def delete_account(request):
    form = DeleteAccountForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = request.user
        with transaction.atomic():
            # Comments others answered stay as "deleted" placeholders; the rest go.
            mine = Comment.objects.filter(user=user)
            answered = mine.filter(replies__isnull=False).distinct()
            now = timezone.now()
            answered.update(text="", deleted_at=now, changed_at=now, user=None)
            for comment in mine.exclude(pk__in=answered.values("pk")).select_related("parent"):
                comment.delete()
            user.delete()
        logout(request)
        response = redirect("news:home")
        response["Clear-Site-Data"] = '"cache", "storage"'
        return response
    return render(request, "community/delete.html", {"form": form})


@login_required
def export(request):
    """Everything newsfold keeps about the reader, as one JSON document."""
    user = request.user
    profile = profile_of(user)

    def when(value):
        return value.isoformat() if value else None

    def article(a):
        path = reverse("news:article", args=[a.pk, a.slug])
        return {"id": a.pk, "title": a.title, "url": absolute(request, path)}

    data = {
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "joined": when(user.date_joined),
            "last_login": when(user.last_login),
        },
        "preferences": {
            "edition": profile.edition,
            "language": profile.language,
            "muted_words": profile.muted_words,
            "muted_outlets": profile.muted_outlets,
        },
        "follows": [
            {"kind": f.kind, "key": f.key, "since": when(f.created_at)}
            for f in Follow.objects.filter(user=user).order_by("created_at", "id")
        ],
        "bookmarks": [
            {**article(b.article), "saved": when(b.created_at)}
            for b in Bookmark.objects.filter(user=user).select_related("article")
        ],
        "read": [
            {**article(r.article), "read": when(r.at)}
            for r in Read.objects.filter(user=user).select_related("article")
        ],
        "story_visits": [
            {"story": v.story_id, "seen": when(v.seen_at)}
            for v in StoryVisit.objects.filter(user=user)
        ],
        "comments": [
            {
                "id": c.pk,
                "on": {"article": c.article_id} if c.article_id else {"story": c.story_id},
                "reply_to": c.parent_id,
                "text": c.text,
                "posted": when(c.created_at),
                "edited": when(c.edited_at),
                "deleted": when(c.deleted_at),
                "hidden": {"at": when(c.hidden_at), "reason": c.hidden_reason}
                if c.hidden_at
                else None,
            }
            for c in Comment.objects.filter(user=user).order_by("created_at", "id")
        ],
        "reports": [
            {"comment": r.comment_id, "reason": r.reason, "at": when(r.created_at)}
            for r in Report.objects.filter(user=user)
        ],
    }
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = 'attachment; filename="newsfold-my-data.json"'
    response["Cache-Control"] = "private, no-store"
    return response
