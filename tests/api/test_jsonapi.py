"""The JSON API: the pages' twins, tokens, the reader's own endpoints under the site's
rules, staff feeds, problem details and rate limits."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from django.test import Client

from newsfold.api import tokens
from newsfold.api.models import Token
from newsfold.community.models import Bookmark, Comment, Follow, Read
from newsfold.ingestion.files import import_paths
from newsfold.news.models import Tag
from newsfold.sources.models import Feed, Source
from tests.community.conftest import store_article
from tests.hardening.hostiledocs import CONTROL_IMAGE, page

pytestmark = pytest.mark.django_db


def bearer(user) -> dict:
    _, secret = tokens.make(user, Token.API, "tests")
    return {"Authorization": f"Bearer {secret}"}


def call(client, method: str, path: str, body=None, headers=None):
    data = json.dumps(body) if body is not None else None
    return getattr(client, method)(
        path, data=data, content_type="application/json", headers=headers or {}
    )


def test_the_openapi_document_and_docs_are_served(client):
    doc = client.get("/api/openapi.json").json()
    assert doc["openapi"].startswith("3.")
    for path in ("/api/home", "/api/stories/{story_id}", "/api/search", "/api/me/follows"):
        assert path in doc["paths"], path
    assert client.get("/api/docs").status_code == 200


def test_every_page_has_its_json_twin(client):
    a = store_article(
        1, "Harbour Ledger", title="Gales close the strait", tags=["Gales"], category="Sports"
    )
    home = client.get("/api/home").json()
    assert home["top"][0]["headline"] == "Gales close the strait"
    assert home["latest"][0]["original_url"] == a.url
    story = client.get(f"/api/stories/{a.story_id}").json()
    assert [x["id"] for x in story["articles"]] == [a.pk]
    assert story["outlets"] == ["Harbour Ledger"]
    article = client.get(f"/api/articles/{a.pk}").json()
    assert article["text"] == a.text and article["outlet"]["slug"] == "harbour-ledger"
    assert article["url"] == f"http://testserver/a/{a.pk}/{a.slug}/"
    tag = Tag.objects.get(articles=a, name="Gales")
    assert client.get(f"/api/hashtags/{tag.slug}").json()["items"][0]["id"] == a.pk
    assert client.get("/api/sections/sports").json()["items"][0]["id"] == a.pk
    outlet = client.get("/api/outlets/harbour-ledger").json()
    assert outlet["outlet"]["name"] == "Harbour Ledger" and outlet["items"][0]["id"] == a.pk
    found = client.get("/api/search", {"q": "gales"}).json()
    assert [h["id"] for h in found["hits"]] == [a.pk]


def test_a_story_lists_the_other_outlets_that_published_its_texts(client):
    a = store_article(1, "Harbour Ledger")
    again = store_article(1, "Sandbar Gazette")  # the same text, republished
    assert again.pk == a.pk
    story = client.get(f"/api/stories/{a.story_id}").json()
    assert [c["outlet"]["name"] for c in story["copies"]] == ["Sandbar Gazette"]
    assert story["outlets"] == ["Harbour Ledger", "Sandbar Gazette"]
    article = client.get(f"/api/articles/{a.pk}").json()
    assert [c["outlet"]["name"] for c in article["also_published_by"]] == ["Sandbar Gazette"]


def test_listings_page_by_cursor_as_the_site_does(client, settings):
    settings.NEWSFOLD_PAGE_SIZE = 5
    stored = [store_article(n, hours_ago=n) for n in range(1, 13)]
    url, seen = "/api/latest", []
    while url:
        page = client.get(url).json()
        seen += [item["id"] for item in page["items"]]
        url = page["next"]
    assert seen == [a.pk for a in stored]


def test_errors_are_problem_details_with_the_right_status(client):
    for path, status in [
        ("/api/stories/999999", 404),
        ("/api/articles/0", 422),
        ("/api/articles/99999999999999999999", 422),
        ("/api/sections/no-such", 404),
        ("/api/home?edition=nowhere", 404),
        ("/api/me", 401),
        ("/api/search", 422),
    ]:
        response = client.get(path)
        assert response.status_code == status, path
        assert response["Content-Type"] == "application/problem+json", path
        body = response.json()
        assert body["status"] == status and body["title"], path


def test_a_wrong_token_is_refused_not_ignored(client):
    store_article(1)
    response = client.get("/api/home", headers={"Authorization": "Bearer not-a-token"})
    assert response.status_code == 401


def test_a_token_follows_saves_marks_read_and_mutes_as_its_owner(make_reader, client):
    a = store_article(1, "Harbour Ledger", title="Quarry road closes", tags=["Quarries"])
    b = store_article(2, "Sandbar Gazette", title="Ferry timetable changes")
    ada = make_reader("ada")
    auth = bearer(ada)
    tag = Tag.objects.get(articles=a, name="Quarries")
    assert (
        call(client, "post", "/api/me/follows", {"kind": "tag", "key": tag.slug}, auth).status_code
        == 201
    )
    assert (
        call(client, "post", "/api/me/follows", {"kind": "tag", "key": "nope"}, auth).status_code
        == 404
    )
    assert Follow.objects.filter(user=ada, key=tag.slug).exists()
    assert [s["id"] for s in client.get("/api/me/for-you", headers=auth).json()] == [a.story_id]
    assert call(client, "put", f"/api/me/bookmarks/{a.pk}", None, auth).status_code == 204
    assert call(client, "put", f"/api/me/read/{b.pk}", None, auth).status_code == 204
    assert Bookmark.objects.filter(user=ada, article=a).exists()
    assert Read.objects.filter(user=ada, article=b).exists()
    assert client.get("/api/me/read", headers=auth).json() == [b.pk]
    me = call(client, "patch", "/api/me", {"muted_words": ["ferry"], "muted_outlets": []}, auth)
    assert me.json()["muted_words"] == ["ferry"]
    mine = client.get("/api/latest", headers=auth).json()["items"]
    assert [x["id"] for x in mine] == [a.pk]
    everyone = client.get("/api/latest").json()["items"]
    assert {x["id"] for x in everyone} == {a.pk, b.pk}
    revoked = Token.objects.get(user=ada)
    tokens.revoke(ada, revoked.pk)
    assert client.get("/api/me", headers=auth).status_code == 401


def test_comments_over_the_api_follow_the_sites_rules(make_reader, client):
    a = store_article(1)
    ada, eve = make_reader("ada"), make_reader("eve")
    as_ada, as_eve = bearer(ada), bearer(eve)
    path = f"/api/articles/{a.pk}/comments"
    posted = call(client, "post", path, {"text": "<b>Hello</b> http://example.org"}, as_ada)
    assert posted.status_code == 201
    thread = client.get(path).json()
    assert (
        thread["count"] == 1 and thread["comments"][0]["text"] == "<b>Hello</b> http://example.org"
    )
    comment = Comment.objects.get()
    assert (
        call(client, "patch", f"/api/comments/{comment.pk}", {"text": "Eve's"}, as_eve).status_code
        == 403
    )
    assert call(client, "delete", f"/api/comments/{comment.pk}", None, as_eve).status_code == 403
    assert call(client, "post", path, {"text": "anonymous"}).status_code == 401
    assert (
        call(
            client, "post", f"/api/comments/{comment.pk}/report", {"reason": "spam"}, as_eve
        ).status_code
        == 204
    )
    assert call(client, "delete", f"/api/comments/{comment.pk}", None, as_ada).status_code == 204
    assert client.get(path).json()["count"] == 0


def test_a_hidden_comment_is_in_no_api_answer_for_others(make_reader, client):
    from django.utils import timezone

    a = store_article(1)
    ada, ben = make_reader("ada"), make_reader("ben")
    call(client, "post", f"/api/articles/{a.pk}/comments", {"text": "Hidden words."}, bearer(ada))
    Comment.objects.update(hidden_at=timezone.now(), hidden_reason="Off topic")
    for headers in ({}, bearer(ben)):
        for path in (f"/api/articles/{a.pk}/comments", f"/api/articles/{a.pk}", "/api/latest"):
            assert "Hidden words." not in client.get(path, headers=headers).content.decode()
    mine = client.get(f"/api/articles/{a.pk}/comments", headers=bearer(ada)).json()
    assert mine["comments"][0]["hidden_reason"] == "Off topic"


def test_browser_sessions_need_the_csrf_token_to_write(make_reader):
    a = store_article(1)
    ada = make_reader("ada")
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(ada)
    assert browser.get("/api/me").status_code == 200
    forged = call(browser, "put", f"/api/me/bookmarks/{a.pk}")
    assert forged.status_code in (401, 403)
    assert not Bookmark.objects.exists()
    browser.get(f"/a/{a.pk}/{a.slug}/")  # a page with a form hands out the token
    token = browser.cookies["csrftoken"].value
    done = call(browser, "put", f"/api/me/bookmarks/{a.pk}", headers={"X-CSRFToken": token})
    assert done.status_code == 204


def test_only_staff_manage_feeds(make_reader, client, local_server):
    ada = make_reader("ada")
    root = make_reader("root")
    root.is_staff = True
    root.save()
    body = {"url": local_server.url("/feed.xml"), "outlet": "Test Desk"}
    assert call(client, "post", "/api/feeds", body, bearer(ada)).status_code == 403
    added = call(client, "post", "/api/feeds", body, bearer(root))
    assert added.status_code == 201 and added.json()["outlet"] == "Test Desk"
    assert call(client, "post", "/api/feeds", body, bearer(root)).status_code == 409
    assert (
        call(client, "post", "/api/feeds", {"url": "javascript:alert(1)"}, bearer(root)).status_code
        == 422
    )
    feed = Feed.objects.get()
    assert (
        call(client, "post", f"/api/feeds/{feed.pk}/fetch", None, bearer(root)).json()["detail"]
        == "queued"
    )
    assert [f["id"] for f in client.get("/api/feeds", headers=bearer(root)).json()] == [feed.pk]
    assert call(client, "delete", f"/api/feeds/{feed.pk}", None, bearer(root)).status_code == 204
    assert not Feed.objects.exists()


def test_staff_import_opml_and_get_its_report(make_reader, client):
    root = make_reader("root")
    root.is_staff = True
    root.save()
    opml = (
        b'<?xml version="1.0"?><opml version="2.0"><body>'
        b'<outline type="rss" text="Quay Desk" xmlUrl="https://quay.example/feed.xml"/>'
        b"</body></opml>"
    )
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        "/api/opml", {"file": SimpleUploadedFile("subs.opml", opml)}, headers=bearer(root)
    )
    assert response.status_code == 200, response.content
    assert Feed.objects.filter(url="https://quay.example/feed.xml").exists()
    assert Source.objects.filter(name="Quay Desk").exists()
    assert "path" not in json.dumps(response.json())


def test_too_many_calls_answer_429_with_retry_after(client, settings):
    settings.NEWSFOLD_API_RATE_ANON = "3/m"
    codes = [client.get("/api/latest").status_code for _ in range(3)]
    limited = client.get("/api/latest")
    assert codes == [200, 200, 200] and limited.status_code == 429
    assert limited["Retry-After"].isdigit() and limited.json()["status"] == 429


def test_token_callers_are_counted_per_account(make_reader, client, settings):
    settings.NEWSFOLD_API_RATE = "2/m"
    ada, ben = make_reader("ada"), make_reader("ben")
    as_ada = bearer(ada)
    codes = [client.get("/api/me", headers=as_ada).status_code for _ in range(3)]
    assert codes == [200, 200, 429]
    assert client.get("/api/me", headers=bearer(ben)).status_code == 200
    assert client.get("/api/latest").status_code == 200  # anonymous callers count apart


def test_hostile_stored_text_comes_out_as_plain_json_strings(client):
    hostile_title = '"><script>alert(1)</script><img src=x onerror=alert(2)>'
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "hostile.html"
        path.write_bytes(page(7, hostile=True, title=hostile_title))
        import_paths([path])
    response = client.get("/api/latest")
    assert response["Content-Type"].startswith("application/json")
    assert response["X-Content-Type-Options"] == "nosniff"
    item = response.json()["items"][0]
    assert item["title"] == hostile_title  # the reader's text, as a string: nothing to run
    article = client.get(f"/api/articles/{item['id']}").json()
    assert "javascript:" not in article["html"] and "onerror" not in article["html"]
    assert CONTROL_IMAGE not in article["html"]
    assert "<script" not in article["html"]
