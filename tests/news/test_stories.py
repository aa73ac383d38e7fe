"""Stories through the real storage path: joining, counting, merging, pages and export."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from newsfold.news import stories
from newsfold.news.export import article_records
from newsfold.news.models import Article, Story
from newsfold.news.store import batch, store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
from tests.news.test_concurrent_store import EVENT

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)

OTHER_EVENT = [
    (
        "Harbour council approves new ferry terminal at Port Ellis",
        "Port Ellis harbour council voted to build a new ferry terminal on the north quay, "
        "replacing the 1960s building. The terminal will open in 2029 and cost 40 million, "
        "council leader Ines Marlow said after the vote.",
    ),
    (
        "Port Ellis to get new ferry terminal after council vote",
        "A new ferry terminal will be built on the north quay of Port Ellis after the harbour "
        "council approved the plan. Council leader Ines Marlow said the 40 million terminal "
        "would open in 2029.",
    ),
]


def _store(title, text, outlet_name, n, hours=0, language="en"):
    draft = Draft(
        title=title,
        text=text,
        url=f"https://{outlet_name.lower()}.example/{n}",
        published_at=T0 + timedelta(hours=hours),
        language=language,
    )
    return Article.objects.get(pk=store(draft, outlet(outlet_name)).article_id)


def _ingest_both_events():
    fire = [_store(t, x, f"Outlet{i}", i, hours=i) for i, (t, x) in enumerate(EVENT)]
    ferry = [_store(t, x, f"Desk{i}", 10 + i, hours=i) for i, (t, x) in enumerate(OTHER_EVENT)]
    return fire, ferry


def test_articles_of_one_event_share_a_story_and_other_events_do_not():
    fire, ferry = _ingest_both_events()
    assert len({a.story_id for a in fire}) == 1
    assert len({a.story_id for a in ferry}) == 1
    assert fire[0].story_id != ferry[0].story_id


def test_a_story_counts_its_articles_outlets_and_languages():
    fire, _ = _ingest_both_events()
    story = Story.objects.get(pk=fire[0].story_id)
    assert (story.article_count, story.outlet_count) == (3, 3)
    assert story.languages == ["en"]
    assert story.first_seen == T0 and story.last_updated == T0 + timedelta(hours=2)
    assert story.headline in {t for t, _ in EVENT}


def test_a_rebuilt_index_still_joins_the_existing_story():
    fire, _ = _ingest_both_events()
    stories.reset_index()  # a fresh worker process: its index replays the log
    title, text = EVENT[0]
    late = _store(title + " as wind changes", text.replace("Tuesday", "Wednesday"), "Late", 99)
    assert late.story_id == fire[0].story_id


def test_merged_stories_redirect_and_export_the_new_story(client):
    fire, ferry = _ingest_both_events()
    old, new = Story.objects.get(pk=ferry[0].story_id), Story.objects.get(pk=fire[0].story_id)
    stories.merge(old, into=new)
    stories.refresh(new)
    response = client.get(f"/s/{old.pk}/")
    assert response.status_code == 301
    assert response["Location"] == f"/s/{new.pk}/{new.slug}/"
    assert Story.objects.get(pk=new.pk).article_count == 5
    exported = {r["id"]: r["story_id"] for r in article_records()}
    assert set(exported.values()) == {new.pk}
    json.dumps(exported)


def test_the_story_page_lists_its_coverage_in_time_order(client):
    fire, _ = _ingest_both_events()
    page = client.get(f"/s/{fire[0].story_id}/", follow=True).content.decode()
    positions = [page.index(a.title) for a in fire]
    assert positions == sorted(positions)
    assert "3 articles · 3 outlets" in page


def test_the_article_page_links_full_coverage_and_related_articles_elsewhere(client):
    fire, ferry = _ingest_both_events()
    # A month later (past the story window): another story, sharing the ferry story's words.
    related = _store(
        "Port Ellis north quay works begin ahead of ferry terminal",
        "Builders began clearing the north quay at Port Ellis for the ferry terminal that the "
        "harbour council approved last month; council leader Ines Marlow watched the work. "
        "Separately, road closures are planned around the quay until spring.",
        "Later",
        50,
        hours=24 * 30,
    )
    page = client.get(f"/a/{fire[0].pk}/", follow=True).content.decode()
    assert "Full coverage: 3 articles · 3 outlets" in page
    page = client.get(f"/a/{ferry[0].pk}/", follow=True).content.decode()
    assert related.story_id != ferry[0].story_id
    assert "Related articles" in page and related.title in page
    assert fire[0].title not in page.split("Related articles")[-1]


def test_an_article_sharing_a_word_or_two_is_not_related(client):
    _fire, ferry = _ingest_both_events()
    # The same week and town, another topic: it shares "Port Ellis" and little else.
    _store(
        "Port Ellis marathon runners brave the cold",
        "Two thousand runners set off from the promenade in Port Ellis for the city's winter "
        "marathon. A local teacher won in a course record; volunteers handed out soup.",
        "Later",
        51,
        hours=24 * 30,
    )
    page = client.get(f"/a/{ferry[0].pk}/", follow=True).content.decode()
    assert "marathon" not in page.split('id="related-h"')[1]


def test_a_kept_story_page_shows_a_newly_joined_article_at_once(client):
    first = _store(*OTHER_EVENT[0], "Desk0", 10)
    story = Story.objects.get(pk=first.story_id)
    url = f"/s/{story.pk}/{story.slug}/"
    assert OTHER_EVENT[1][0] not in client.get(url).content.decode()
    second = _store(*OTHER_EVENT[1], "Desk1", 11, hours=1)
    assert second.story_id == story.pk
    page = client.get(url).content.decode()
    assert OTHER_EVENT[1][0] in page and "2 articles" in page


@pytest.mark.django_db(transaction=True)
def test_a_batch_that_fails_loses_nothing_and_leaves_no_second_story():
    """A feed's drafts are stored in one `batch` (one transaction on SQLite). One that fails
    after the story index read its decisions must not leave the index ahead of the stories
    stored: the next event's articles, each in a batch of its own, still make one story."""
    with pytest.raises(RuntimeError), batch():
        for i, (title, text) in enumerate(EVENT):
            _store(title, text, f"Outlet{i}", i, hours=i)
        raise RuntimeError("the feed's fetch record could not be written")
    if connection.vendor == "sqlite":
        assert not Article.objects.exists()  # one transaction: all of it rolled back
    ferry = []
    for i, (title, text) in enumerate(OTHER_EVENT):
        with batch():
            ferry.append(_store(title, text, f"Desk{i}", 10 + i, hours=i))
    assert len({a.story_id for a in ferry}) == 1
    with batch():
        fire = [_store(t, x, f"Outlet{i}", i, hours=i) for i, (t, x) in enumerate(EVENT)]
    assert len({a.story_id for a in fire}) == 1
    assert Article.objects.count() == len(EVENT) + len(OTHER_EVENT)
