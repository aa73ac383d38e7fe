"""What a signed-in reader's pages show them alone: follows and "For you", mutes, saved
articles and read marks, what is new since their last visit; and that kept pages never
carry one reader's page to another."""

from __future__ import annotations

import pytest
from django.test import Client

from newsfold.community.models import Bookmark, Follow, Profile, Read
from newsfold.news.models import Tag
from newsfold.sources.models import Source
from tests.community.conftest import store_article
from tests.community.test_comments import page_of, post

pytestmark = pytest.mark.django_db


def follow(client, kind: str, key: str, action: str = "follow"):
    return post(client, "/follow/", {"kind": kind, "key": key, "action": action})


def mute(client, words: str = "", outlets: tuple[Source, ...] = ()):
    data = {"muted_words": words, "muted_outlets": [str(s.pk) for s in outlets]}
    assert post(client, "/account/", data, page="/account/").status_code == 302


def story_path(story) -> str:
    return f"/s/{story.pk}/{story.slug}/"


def test_for_you_shows_the_stories_of_a_followed_hashtag_and_not_others(signed_in):
    tagged = store_article(
        1, "Harbour Ledger", title="Lighthouse keepers vote", tags=["Lighthouses"]
    )
    other = store_article(2, "Sandbar Gazette", title="Market prices settle")
    ada = signed_in("ada")
    assert "Follow hashtags" in ada.get("/for-you/").content.decode()
    tag = Tag.objects.get(articles=tagged)
    assert follow(ada, "tag", tag.slug).status_code == 302
    page = ada.get("/for-you/").content.decode()
    assert tagged.story.headline in page and other.story.headline not in page
    hashtag = ada.get(f"/t/{tag.slug}/").content.decode()
    assert "Following #" in hashtag  # the button now offers to unfollow
    follow(ada, "tag", tag.slug, "unfollow")
    assert tagged.story.headline not in ada.get("/for-you/").content.decode()


def test_for_you_follows_outlets_sections_and_stories_and_ranks_closer_matches_first(signed_in):
    a = store_article(1, "Harbour Ledger", title="Harbour dredging begins")
    b = store_article(2, "Sandbar Gazette", title="Sandbar council meets")
    c = store_article(3, "Lakeside Post", title="Lakeside festival opens")
    ada = signed_in("ada")
    follow(ada, "outlet", Source.objects.get(name="Harbour Ledger").slug)
    follow(ada, "story", str(b.story_id))
    follow(ada, "story", str(a.story_id))  # Harbour's story: followed twice over
    page = ada.get("/for-you/").content.decode()
    assert a.story.headline in page and b.story.headline in page
    assert c.story.headline not in page
    assert page.index(a.story.headline) < page.index(b.story.headline)


def test_following_something_that_does_not_exist_is_a_404(signed_in):
    ada = signed_in("ada")
    assert follow(ada, "tag", "no-such-tag").status_code == 404
    assert follow(ada, "planet", "mars").status_code == 404
    assert not Follow.objects.exists()


def test_a_muted_word_hides_articles_everywhere_including_ones_stored_before(signed_in):
    quarry = store_article(1, "Harbour Ledger", title="Quarry road to close for a month")
    store_article(2, "Sandbar Gazette", title="Ferry timetable changes")
    inside = store_article(
        3, "Lakeside Post", title="Council notes", text="Works on the QUARRY start soon. " * 20
    )
    ada = signed_in("ada")
    mute(ada, "quarry")
    for path in ["/", "/latest/", "/search?q=road", "/search?q=works", "/search?q=council"]:
        page = ada.get(path).content.decode()
        assert quarry.title not in page and inside.title not in page, path
    story = ada.get(story_path(quarry.story)).content.decode()
    assert "1 article hidden by your mutes." in story
    assert "Ferry timetable changes" in ada.get("/latest/").content.decode()
    # Whole words only: "quarryman" would not be hidden by "quarry".
    store_article(4, "Sandbar Gazette", title="The quarryman retires")
    assert "The quarryman retires" in ada.get("/latest/").content.decode()
    # Others still see everything.
    assert quarry.title in Client().get("/latest/").content.decode()
    assert quarry.title in signed_in("ben").get("/latest/").content.decode()


def test_a_muted_outlet_hides_its_articles_and_the_story_page_says_how_many(signed_in):
    harbour = store_article(1, "Harbour Ledger", title="Gales close the strait")
    ada = signed_in("ada")
    mute(ada, outlets=(Source.objects.get(name="Harbour Ledger"),))
    assert harbour.title not in ada.get("/latest/").content.decode()
    assert harbour.title not in ada.get("/o/harbour-ledger/").content.decode()
    story = ada.get(story_path(harbour.story)).content.decode()
    assert "1 article hidden by your mutes." in story


def test_saved_articles_list_with_read_and_unread(signed_in):
    one = store_article(1, title="First saved")
    two = store_article(2, title="Second saved")
    ada = signed_in("ada")
    for article in (one, two):
        assert post(ada, f"/saved/{article.pk}/", {"action": "save"}).status_code == 302
    assert Bookmark.objects.filter(user=ada.user).count() == 2
    ada.get(page_of(one))  # opening an article marks it read
    assert Read.objects.filter(user=ada.user, article=one).exists()
    unread = ada.get("/saved/?show=unread").content.decode()
    assert "Second saved" in unread and "First saved" not in unread
    read = ada.get("/saved/?show=read").content.decode()
    assert "First saved" in read and "Second saved" not in read
    post(ada, f"/read/{one.pk}/", {"action": "unread"})
    assert "First saved" in ada.get("/saved/?show=unread").content.decode()
    post(ada, f"/saved/{two.pk}/", {"action": "remove"})
    assert "Second saved" not in ada.get("/saved/").content.decode()
    assert "Second saved" not in signed_in("ben").get("/saved/").content.decode()


def test_a_story_marks_what_arrived_since_the_last_visit(signed_in):
    first = store_article(1, "Harbour Ledger", title="Strait closes in gales", hours_ago=5)
    story = first.story
    ada = signed_in("ada")
    follow(ada, "story", str(story.pk))
    visit = ada.get(story_path(story)).content.decode()
    assert "since your last visit" not in visit  # the first visit: nothing is "new"
    later = store_article(
        1001, "Sandbar Gazette", title="Strait closes in gales, ferries wait", hours_ago=1
    )
    later.story = story
    later.save(update_fields=["story"])
    home = ada.get("/").content.decode()
    assert "1 new article on stories you follow" in home
    assert "1 new article on stories you follow" in ada.get("/for-you/").content.decode()
    page = ada.get(story_path(story)).content.decode()
    assert "1 new article since your last visit" in page and "Sandbar Gazette" in page
    marked = page.split('class="new"', 1)[1].split("</li>", 1)[0]
    assert later.title in marked
    again = ada.get(story_path(story)).content.decode()
    assert "since your last visit" not in again and 'class="new"' not in again
    assert "new article on stories you follow" not in ada.get("/").content.decode()


def test_kept_pages_never_carry_one_readers_page_to_another(signed_in):
    quarry = store_article(1, "Harbour Ledger", title="Quarry road to close", tags=["Quarries"])
    ferry = store_article(2, "Sandbar Gazette", title="Ferry timetable changes", tags=["Ferries"])
    ada, ben = signed_in("ada"), signed_in("ben")
    mute(ada, "quarry")
    mute(ben, "ferry")
    follow(ada, "tag", Tag.objects.get(articles=ferry).slug)
    follow(ben, "tag", Tag.objects.get(articles=quarry).slug)
    anonymous = Client()
    for _ in range(2):  # the second round is served from whatever was kept
        for path in [
            "/",
            page_of(quarry),
            page_of(ferry),
            story_path(quarry.story),
            "/search?q=strait",
        ]:
            a, b = ada.get(path), ben.get(path)
            page_a, page_b = a.content.decode(), b.content.decode()
            assert "<bdi>ada</bdi>" in page_a and "<bdi>ben</bdi>" not in page_a, path
            assert "<bdi>ben</bdi>" in page_b and "<bdi>ada</bdi>" not in page_b, path
            assert "private" in a["Cache-Control"] and "private" in b["Cache-Control"]
            page_anon = anonymous.get(path).content.decode()
            assert "<bdi>ada</bdi>" not in page_anon and "<bdi>ben</bdi>" not in page_anon
            assert "csrfmiddlewaretoken" not in page_anon, path
        home_a, home_b = ada.get("/").content.decode(), ben.get("/").content.decode()
        assert quarry.title not in home_a and ferry.title in home_a
        assert ferry.title not in home_b and quarry.title in home_b
        assert ferry.story.headline in ada.get("/for-you/").content.decode()
        assert quarry.story.headline in ben.get("/for-you/").content.decode()
    assert quarry.title in anonymous.get("/").content.decode()
    assert ferry.title in anonymous.get("/").content.decode()


def test_the_edition_preference_is_where_home_leads_after_login(signed_in):
    store_article(1, "Harbour Ledger")
    source = Source.objects.get(name="Harbour Ledger")
    source.region = "Europe"
    source.save(update_fields=["region"])
    ada = signed_in("ada")
    data = {"edition": "europe", "language": ""}
    assert post(ada, "/account/", data, page="/account/").status_code == 302
    assert Profile.objects.get(user=ada.user).edition == "europe"
    browser = Client(enforce_csrf_checks=True)
    ada.user.set_password("tidal-basin-lantern")
    ada.user.save()
    data = {"username": "ada", "password": "tidal-basin-lantern"}
    response = post(browser, "/account/login/", data, page="/account/login/")
    assert response["Location"] == "/e/europe/"


def test_a_section_can_be_followed_from_its_page_and_unfollowed_from_preferences(signed_in):
    sport = store_article(1, title="Mariners win the shield", category="Sports")
    ada = signed_in("ada")
    section = ada.get("/c/sports/").content.decode()
    assert "Follow Sports" in section
    follow(ada, "section", "sports")
    assert "Following Sports" in ada.get("/c/sports/").content.decode()
    assert sport.story.headline in ada.get("/for-you/").content.decode()
    preferences = ada.get("/account/").content.decode()
    assert "sports" in preferences and "Unfollow" in preferences
    follow(ada, "section", "sports", "unfollow")
    assert not Follow.objects.filter(user=ada.user).exists()


def test_mutes_reach_related_articles_and_hashtag_listings(signed_in):
    from tests.community.conftest import own_text

    lead = "Barges wait on the silt of the dredged Ambervale channel, pilots said. "
    base = store_article(
        1, "Harbour Ledger", title="Ambervale barges wait", text=lead + own_text(1)
    )
    # A month earlier (past the story window): another story, sharing this one's words.
    near = store_article(
        2,
        "Sandbar Gazette",
        title="Ambervale silt barges",
        text=lead + own_text(2),
        tags=["Silt"],
        hours_ago=24 * 30,
    )
    assert near.story_id != base.story_id
    ada = signed_in("ada")
    tag = Tag.objects.get(articles=near, name="Silt")
    assert near.title in Client().get(f"/t/{tag.slug}/").content.decode()
    related = ada.get(page_of(base)).content.decode().split('id="related-h"')[1]
    assert near.title in related
    mute(ada, "barges")
    assert near.title not in ada.get(f"/t/{tag.slug}/").content.decode()
    assert near.title not in ada.get(page_of(base)).content.decode()
