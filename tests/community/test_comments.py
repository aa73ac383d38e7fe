"""Comments on articles and stories: posting (plain and htmx), replies, edits, deletion,
reports, moderation, and what each reader is shown."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from newsfold.community.management.commands.moderators import moderators_group
from newsfold.community.models import Comment, Report
from tests.community.conftest import csrf, store_article

pytestmark = pytest.mark.django_db


def page_of(article) -> str:
    return f"/a/{article.pk}/{article.slug}/"


def post(client, url: str, data: dict, *, page: str = "/", htmx: bool = False):
    headers = {"HX-Request": "true"} if htmx else {}
    return client.post(url, {"csrfmiddlewaretoken": csrf(client, page), **data}, headers=headers)


def comment_on(client, article, text: str, parent: Comment | None = None, **kw):
    data = {"text": text, **({"parent": parent.pk} if parent else {})}
    return post(client, f"/comments/article/{article.pk}/", data, page=page_of(article), **kw)


@pytest.fixture
def moderator(signed_in):
    client = signed_in("mara")
    client.user.groups.add(moderators_group())
    return client


def test_an_anonymous_reader_sees_no_comments_yet_and_a_login_link(client):
    article = store_article(1)
    page = client.get(page_of(article)).content.decode()
    assert "No comments yet." in page
    assert "Log in to comment" in page
    assert 'name="text"' not in page  # no comment form for anonymous readers


def test_a_comment_posted_as_a_plain_form_shows_on_the_page_with_its_count(signed_in):
    article = store_article(1)
    ada = signed_in("ada")
    response = comment_on(ada, article, "The ferry timetable changed twice this week.")
    assert response.status_code == 302 and response["Location"].endswith("#comments")
    page = Client().get(page_of(article)).content.decode()
    assert "The ferry timetable changed twice this week." in page
    assert "No comments yet." not in page
    assert '<span class="meta">(1)</span>' in page


def test_an_htmx_post_answers_with_the_comments_panel_alone(signed_in):
    article = store_article(1)
    ada = signed_in("ada")
    response = comment_on(ada, article, "Posted without a reload.", htmx=True)
    assert response.status_code == 200
    panel = response.content.decode()
    assert panel.lstrip().startswith('<section class="panel" id="comments"')
    assert "Posted without a reload." in panel and "<html" not in panel


def test_comments_on_a_story_show_on_the_story_page(signed_in):
    article = store_article(1)
    story = article.story
    ada = signed_in("ada")
    path = f"/s/{story.pk}/{story.slug}/"
    post(ada, f"/comments/story/{story.pk}/", {"text": "Whole-story remark."}, page=path)
    assert "Whole-story remark." in Client().get(path).content.decode()
    assert "Whole-story remark." not in Client().get(page_of(article)).content.decode()


def test_text_is_escaped_and_only_links_become_markup(signed_in):
    article = store_article(1)
    ada = signed_in("ada")
    comment_on(
        ada, article, "<script>alert(1)</script> <b>bold</b> see https://example.org/x?a=1&b=2"
    )
    page = Client().get(page_of(article)).content.decode()
    assert "<script>alert(1)</script>" not in page and "<b>bold</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert '<a href="https://example.org/x?a=1&amp;b=2" rel="nofollow ugc noopener">' in page


def test_a_reply_to_a_reply_is_filed_under_the_first_comment(signed_in):
    article = store_article(1)
    ada, ben = signed_in("ada"), signed_in("ben")
    comment_on(ada, article, "First thought.")
    first = Comment.objects.get()
    comment_on(ben, article, "A reply.", parent=first)
    reply = Comment.objects.get(text="A reply.")
    comment_on(ada, article, "A reply to the reply.", parent=reply)
    assert Comment.objects.get(text="A reply to the reply.").parent == first
    page = Client().get(page_of(article)).content.decode()
    nested = page.split('<ol class="comments replies">', 1)[1]
    assert "A reply." in nested and "A reply to the reply." in nested


def test_the_author_edits_within_fifteen_minutes_and_not_after(signed_in):
    article = store_article(1)
    ada = signed_in("ada")
    comment_on(ada, article, "Tipo.")
    comment = Comment.objects.get()
    url = f"/comment/{comment.pk}/edit/"
    assert post(ada, url, {"text": "Typo fixed."}, page=url).status_code == 302
    comment.refresh_from_db()
    assert comment.text == "Typo fixed." and comment.edited_at is not None
    Comment.objects.filter(pk=comment.pk).update(created_at=timezone.now() - timedelta(minutes=16))
    assert ada.get(url).status_code == 403
    assert post(ada, url, {"text": "Too late."}).status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Typo fixed."


def test_a_reader_cannot_edit_delete_or_hide_anothers_comment_by_crafting_requests(signed_in):
    article = store_article(1)
    ada, eve = signed_in("ada"), signed_in("eve")
    comment_on(ada, article, "Ada's words.")
    comment = Comment.objects.get()
    assert post(eve, f"/comment/{comment.pk}/edit/", {"text": "Eve's words."}).status_code == 403
    assert post(eve, f"/comment/{comment.pk}/delete/", {}).status_code == 403
    for action in ("hide", "restore", "dismiss"):
        url = f"/moderation/{comment.pk}/{action}/"
        assert post(eve, url, {"reason": "mine now"}).status_code == 403
    assert eve.get("/moderation/").status_code == 403
    comment.refresh_from_db()
    assert comment.text == "Ada's words." and not comment.deleted_at and not comment.hidden_at


def test_anonymous_readers_cannot_post(client):
    article = store_article(1)
    anonymous = Client(enforce_csrf_checks=True)
    page = anonymous.get(page_of(article))
    token = page.cookies.get("csrftoken")
    data = {"text": "Drive-by.", **({"csrfmiddlewaretoken": token.value} if token else {})}
    assert anonymous.post(f"/comments/article/{article.pk}/", data).status_code == 403
    assert not Comment.objects.exists()


def test_a_post_without_the_csrf_token_is_refused(signed_in):
    article = store_article(1)
    ada = signed_in("ada")
    response = ada.post(f"/comments/article/{article.pk}/", {"text": "Forged."})
    assert response.status_code == 403
    assert not Comment.objects.exists()


def test_deleting_ones_own_comment_keeps_replies_in_place(signed_in):
    article = store_article(1)
    ada, ben = signed_in("ada"), signed_in("ben")
    comment_on(ada, article, "Soon gone.")
    first = Comment.objects.get()
    comment_on(ben, article, "Answer stays.", parent=first)
    assert post(ada, f"/comment/{first.pk}/delete/", {}).status_code == 302
    page = Client().get(page_of(article)).content.decode()
    assert "Soon gone." not in page
    assert "Comment deleted by its author." in page and "Answer stays." in page
    reply = Comment.objects.get(text="Answer stays.")
    assert post(ben, f"/comment/{reply.pk}/delete/", {}).status_code == 302
    assert not Comment.objects.exists()  # the placeholder had nothing left to hold
    assert "No comments yet." in Client().get(page_of(article)).content.decode()


def test_report_then_hide_the_text_leaves_every_page_but_its_authors(signed_in, moderator):
    article = store_article(1)
    story = article.story
    ada, ben = signed_in("ada"), signed_in("ben")
    comment_on(ada, article, "Something rude about sailors.")
    comment = Comment.objects.get()
    comment_on(ada, article, "A harmless remark nobody reported.")
    url = f"/comment/{comment.pk}/report/"
    assert post(ben, url, {"reason": "insulting"}, page=url).status_code == 302
    assert Report.objects.filter(comment=comment, user=ben.user).exists()
    queue = moderator.get("/moderation/").content.decode()
    assert "Something rude about sailors." in queue and "insulting" in queue
    assert "A harmless remark nobody reported." not in queue

    hide = f"/moderation/{comment.pk}/hide/"
    assert post(moderator, hide, {"reason": "Personal attack"}).status_code == 302
    comment.refresh_from_db()
    assert comment.hidden_at and comment.hidden_reason == "Personal attack"
    assert "Something rude" not in moderator.get("/moderation/").content.decode()  # resolved

    others = [Client(), ben, signed_in("cyd")]
    pages = [page_of(article), f"/s/{story.pk}/{story.slug}/", "/", "/latest/"]
    for reader in others:
        for path in pages:
            assert "Something rude about sailors." not in reader.get(path).content.decode()
        panel = comment_on(reader, article, "", htmx=True) if reader is not others[0] else None
        if panel is not None:
            assert "Something rude about sailors." not in panel.content.decode()
    mine = ada.get(page_of(article)).content.decode()
    assert "Something rude about sailors." in mine
    assert "A moderator hid this comment from other readers." in mine
    assert "Personal attack" in mine

    restore = f"/moderation/{comment.pk}/restore/"
    assert post(moderator, restore, {}).status_code == 302
    assert "Something rude about sailors." in Client().get(page_of(article)).content.decode()


def test_a_kept_anonymous_page_drops_a_comment_once_hidden(client, signed_in, moderator):
    article = store_article(1)
    ada = signed_in("ada")
    comment_on(ada, article, "Soon to be hidden.")
    assert "Soon to be hidden." in client.get(page_of(article)).content.decode()  # now kept
    comment = Comment.objects.get()
    post(moderator, f"/moderation/{comment.pk}/hide/", {"reason": "Spam"})
    assert "Soon to be hidden." not in client.get(page_of(article)).content.decode()


def test_comments_are_rate_limited_per_account_and_new_accounts_more(signed_in, settings):
    settings.NEWSFOLD_COMMENT_RATE = "3/h"
    settings.NEWSFOLD_COMMENT_RATE_NEW = "1/h"
    article = store_article(1)
    old, new = signed_in("old", days_old=30), signed_in("new", days_old=0)
    codes = [comment_on(old, article, f"Old {i}.").status_code for i in range(4)]
    assert codes == [302, 302, 302, 429]
    codes = [comment_on(new, article, f"New {i}.").status_code for i in range(2)]
    assert codes == [302, 429]
    assert Comment.objects.count() == 4
    limited = comment_on(new, article, "Again.", htmx=True)
    assert "Too many comments" in limited.content.decode()


def test_comments_are_rate_limited_per_address(signed_in, settings):
    settings.NEWSFOLD_COMMENT_RATE_IP = "2/h"
    article = store_article(1)
    codes = [
        comment_on(signed_in(f"r{i}"), article, f"From one address {i}.").status_code
        for i in range(3)
    ]
    assert codes == [302, 302, 429]
