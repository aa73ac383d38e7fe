"""Crafted requests a review found answering 500 or slipping past a rule: each now gets a
clear 4xx, and the rule holds."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from django.utils import timezone

from newsfold.api import tokens
from newsfold.api.models import Token
from newsfold.community import comments
from newsfold.community.models import Comment
from tests.community.conftest import store_article

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _, secret = tokens.make(user, Token.API)
    return {"Authorization": f"Bearer {secret}"}


def test_nul_characters_are_refused_at_the_door(make_reader, client):
    auth = bearer(make_reader("ada"))
    for path in [
        "/api/hashtags/a%00b",
        "/api/outlets/a%00b",
        "/api/search?q=x&outlet=%00",
        "/search?q=%00",
        "/fever/?api&api_key=%00",
    ]:
        assert client.get(path, headers=auth).status_code == 400, path
    patch = client.patch(
        "/api/me",
        json.dumps({"muted_words": ["a\u0000b"]}),
        content_type="application/json",
        headers=auth,
    )
    assert patch.status_code == 400
    assert client.post("/fever/?api", {"api_key": "a\x00b"}).status_code == 400  # multipart
    form = client.post(
        "/fever/?api", "api_key=a%00b", content_type="application/x-www-form-urlencoded"
    )
    assert form.status_code == 400


def test_digits_that_are_not_ascii_are_no_ids(make_reader, client):
    ada = make_reader("ada")
    auth = bearer(ada)
    body = json.dumps({"kind": "story", "key": "\u00b2"})
    answer = client.post("/api/me/follows", body, content_type="application/json", headers=auth)
    assert answer.status_code == 404
    _, password = tokens.make(ada, Token.APP)
    key = tokens.fever_key("ada", password)
    fever = client.post("/fever/?api&items&since_id=\u00b2", {"api_key": key})
    assert fever.status_code == 400


def test_dates_past_year_9999_are_bad_input_not_errors(make_reader, client):
    store_article(1)
    assert client.get("/search?q=gales&to=9999-12-31").status_code == 200
    assert client.get("/api/search?q=gales&to=9999-12-31").status_code == 200
    ada = make_reader("ada")
    _, password = tokens.make(ada, Token.APP)
    login = client.post("/accounts/ClientLogin", {"Email": "ada", "Passwd": password})
    auth = {"Authorization": "GoogleLogin auth=" + login.content.decode().split("Auth=")[1].strip()}
    stream = "/reader/api/0/stream/contents/user/-/state/com.google/reading-list"
    for cont in ("999999999999999999-1", "-999999999999999999-1"):
        assert client.get(stream, {"c": cont}, headers=auth).status_code == 400
    fever = client.post(
        "/fever/?api&mark=group&as=read&id=0&before=99999999999999",
        {"api_key": tokens.fever_key("ada", password)},
    )
    assert fever.status_code == 200


def test_the_fever_key_is_kept_only_as_its_hash(make_reader):
    ada = make_reader("ada")
    _, password = tokens.make(ada, Token.APP)
    key = tokens.fever_key("ada", password)
    stored = Token.objects.get(user=ada, purpose=Token.APP).fever_key
    assert stored != key and stored == tokens.digest(key)
    assert tokens.user_for_fever(key) == ada
    assert tokens.user_for_fever(stored[:32]) is None


def test_no_reply_is_filed_under_a_hidden_comment(make_reader):
    article = store_article(1)
    ada, ben = make_reader("ada"), make_reader("ben")
    first = comments.post(ada, article, "Soon hidden.")
    reply = comments.post(ben, article, "A reply.", first.pk)
    Comment.objects.filter(pk=first.pk).update(hidden_at=timezone.now(), hidden_reason="Spam")
    with pytest.raises(comments.Refused):
        comments.post(ben, article, "Reply to my reply.", reply.pk)
    assert not Comment.objects.filter(text="Reply to my reply.").exists()


def test_the_api_counts_anonymous_callers_by_their_real_address(client, settings):
    settings.NEWSFOLD_API_RATE_ANON = "2/m"
    codes = [
        client.get("/api/latest", headers={"X-Forwarded-For": f"10.0.0.{n}"}).status_code
        for n in range(3)
    ]
    assert codes == [200, 200, 429]


def test_behind_a_proxy_the_last_hop_is_the_address(make_reader, settings):
    settings.NEWSFOLD_CLIENT_IP_HEADER = "HTTP_X_FORWARDED_FOR"
    make_reader("ada")
    statuses = []
    for n in range(settings.AXES_FAILURE_LIMIT + 1):
        answer = Client().post(
            "/accounts/ClientLogin",
            {"Email": "ada", "Passwd": "wrong"},
            headers={"X-Forwarded-For": f"203.0.113.{n}, 198.51.100.7"},
        )
        statuses.append(answer.status_code)
    assert statuses[-1] == 429  # the client's own first hop changed each time; ours did not
    assert (
        Client().post("/accounts/ClientLogin", {"Email": "ada", "Passwd": "x"}).status_code == 401
    )


def test_personal_pages_are_never_kept(signed_in):
    ada = signed_in("ada")
    for path in ["/account/", "/saved/", "/for-you/", "/account/tokens/"]:
        assert "no-store" in ada.get(path)["Cache-Control"], path


def test_reader_apps_apply_mutes_to_saved_items_and_items_asked_by_id(make_reader, client):
    from newsfold.community.models import Bookmark
    from newsfold.community.prefs import profile_of

    muted = store_article(1, title="Quarry road closes")
    kept = store_article(2, title="Ferry timetable changes")
    ada = make_reader("ada")
    for article in (muted, kept):
        Bookmark.objects.create(user=ada, article=article)
    profile = profile_of(ada)
    profile.muted_words = ["quarry"]
    profile.save()
    _, password = tokens.make(ada, Token.APP)
    login = client.post("/accounts/ClientLogin", {"Email": "ada", "Passwd": password})
    auth = {"Authorization": "GoogleLogin auth=" + login.content.decode().split("Auth=")[1].strip()}
    starred = client.get(
        "/reader/api/0/stream/contents/user/-/state/com.google/starred", headers=auth
    ).json()
    assert [i["title"] for i in starred["items"]] == [kept.title]
    asked = client.post(
        "/reader/api/0/stream/items/contents", {"i": [str(muted.pk), str(kept.pk)]}, headers=auth
    ).json()
    assert [i["title"] for i in asked["items"]] == [kept.title]


def test_a_new_password_ends_every_token(make_reader, client):
    ada = make_reader("ada")
    auth = bearer(ada)
    _, password = tokens.make(ada, Token.APP)
    assert client.get("/api/me", headers=auth).status_code == 200
    ada.last_name = "Lovelace"
    ada.save()  # saving other fields changes nothing
    assert client.get("/api/me", headers=auth).status_code == 200
    ada.set_password("a-whole-new-secret-41")
    ada.save()
    assert client.get("/api/me", headers=auth).status_code == 401
    login = client.post("/accounts/ClientLogin", {"Email": "ada", "Passwd": password})
    assert login.status_code == 401


def test_answers_to_a_token_or_an_app_key_are_kept_by_no_shared_cache(make_reader, shelf):
    """A proxy must not hand one reader's answer to another: the same address answers each
    caller with their own follows, marks and mutes."""
    ada = make_reader("ada")
    api = Client().get("/api/me", headers=bearer(ada))
    assert api.status_code == 200
    assert "private" in api["Cache-Control"] and "Authorization" in api["Vary"]
    _, password = tokens.make(ada, Token.APP, "reader app")
    app = Client()
    login = app.post("/accounts/ClientLogin", {"Email": "ada", "Passwd": password})
    auth = dict(line.split("=", 1) for line in login.content.decode().split())["Auth"]
    stream = app.get(
        "/reader/api/0/stream/contents/user/-/state/com.google/reading-list",
        headers={"Authorization": f"GoogleLogin auth={auth}"},
    )
    assert stream.status_code == 200
    assert "private" in stream["Cache-Control"] and "Authorization" in stream["Vary"]
    fever = Client().get(
        "/fever/", {"api": "", "items": "", "api_key": tokens.fever_key("ada", password)}
    )
    assert fever.status_code == 200 and fever.json()["auth"] == 1
    assert "private" in fever["Cache-Control"]
