"""The reader's page for the secrets they hand to programs: API tokens, reader-app
passwords, their personal feed's address. A new secret is shown once, in the answer to the
form that made it, and never again (only its hash is kept)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from newsfold.api import tokens as keys
from newsfold.api.models import Token

MADE = {
    Token.API: "api",
    Token.APP: "app",
    Token.FEED: "feed",
}


@never_cache  # the answer that shows a new secret must not be kept anywhere
@login_required
def tokens_page(request):
    shown = None
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action == "revoke":
            token = request.POST.get("token", "")
            if token.isascii() and token.isdigit():
                keys.revoke(request.user, int(token))
            return redirect("api:tokens")
        if action in MADE:
            if action == Token.FEED:  # one personal feed address at a time
                for old in Token.objects.filter(
                    user=request.user, purpose=Token.FEED, revoked_at=None
                ):
                    keys.revoke(request.user, old.pk)
            token, secret = keys.make(request.user, action, request.POST.get("name", "").strip())
            shown = {"token": token, "secret": secret}
    rows = (
        Token.objects.filter(user=request.user, revoked_at=None)
        .exclude(purpose=Token.SESSION)
        .order_by("purpose", "-created_at")
    )
    return render(
        request,
        "api/tokens.html",
        {"rows": rows, "shown": shown, "heading": _("Programs and reader apps")},
    )
