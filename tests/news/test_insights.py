"""The AI features through the real storage path: stored, due again when the coverage
changes, shown on the pages, asked about; the optional model against a stand-in server."""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.test import Client

from newsfold.news import insights
from newsfold.news.models import Article, ArticleInsight, Story, StoryInsight
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
from tests.enrich.chatserver import ChatServer
from tests.enrich.coverage import STORY

pytestmark = pytest.mark.django_db
T0 = datetime(2026, 11, 19, 8, 0, tzinfo=UTC)


def _store(doc, n, *, language="en", text=None):
    draft = Draft(
        title=doc.title,
        text=text or doc.text,
        url=f"https://{doc.outlet.split()[0].lower()}.example/{n}",
        published_at=T0 + timedelta(hours=n),
        language=language,
    )
    return Article.objects.get(pk=store(draft, outlet(doc.outlet)).article_id)


@pytest.fixture
def ferry():
    """The three outlets' articles on the ferry accident, stored and grouped."""
    articles = [_store(doc, n) for n, doc in enumerate(STORY)]
    assert len({a.story_id for a in articles}) == 1
    return articles


@pytest.fixture
def chat(settings):
    from django.core.cache import cache

    cache.clear()  # answers are kept by story and time, which repeat from test to test
    server = ChatServer()
    settings.NEWSFOLD_LLM_URL = server.url
    settings.NEWSFOLD_LLM_MODEL = "stand-in-model"
    settings.NEWSFOLD_LLM_TIMEOUT = 2.0
    yield server
    server.close()


def _page(path: str) -> str:
    response = Client().get(path, follow=True)
    assert response.status_code == 200
    return response.content.decode()


def test_stored_articles_and_their_story_get_their_ai_features(ferry):
    done = insights.enrich_due()
    assert (done.articles, done.stories) == (3, 1)
    for article in ferry:
        summary = ArticleInsight.objects.get(article=article).summary
        assert summary and all(item["text"] in article.text for item in summary)
    story = StoryInsight.objects.get(story_id=ferry[0].story_id)
    assert story.engine == "offline"
    by_id = {str(a.pk): a for a in ferry}
    for item in story.summary + story.key_points:
        (source,) = item["sources"]
        assert item["text"] in by_id[source["doc"]].text
        assert source["outlet"] == by_id[source["doc"]].source.name
    assert [q["speaker"] for q in story.quotes] == ["Amara Diallo", "Amara Diallo"]
    ((first, second),) = [(c["first"]["figure"], c["second"]["figure"]) for c in story.conflicts]
    assert {first, second} == {"12", "15"}
    assert insights.enrich_due() == insights.Done(0, 0)  # nothing is due twice


def test_the_story_page_shows_its_summary_key_points_quotes_and_the_conflict(ferry):
    insights.enrich_due()
    story = Story.objects.get(pk=ferry[0].story_id)
    html = _page(f"/s/{story.pk}/")
    insight = story.insight
    assert insight.summary[0]["text"].replace("\u201c", "&ldquo;")[:30] in html or (
        insight.summary[0]["text"][:30] in html
    )
    for article in ferry:
        assert f'href="/a/{article.pk}/"' in html  # every outlet is cited
    assert "Where outlets differ" in html
    assert "Harbour Ledger" in html and "Northgate Courier" in html
    assert "Amara Diallo" in html
    assert "Ask about this story" in html


def test_a_page_shows_what_was_computed_after_it_was_first_served(ferry):
    story_path = f"/s/{ferry[0].story_id}/"
    assert "being prepared" in _page(story_path)
    assert "being prepared" in _page(f"/a/{ferry[0].pk}/")
    insights.enrich_due()
    assert "being prepared" not in _page(story_path)
    assert "being prepared" not in _page(f"/a/{ferry[0].pk}/")


def test_a_new_article_makes_its_story_due_again(ferry):
    insights.enrich_due()
    story = Story.objects.get(pk=ferry[0].story_id)
    before = story.insight.computed_at
    later = _store(
        STORY[1],
        9,
        text="Divers recovered the Kessel Star's radar from the wreck off Port Ellis on "
        "Thursday, and investigators said the ferry's radar had failed an hour before it sank.",
    )
    assert later.story_id == story.pk
    assert list(insights.due_stories()) == [story]
    assert insights.enrich_due() == insights.Done(1, 1)
    story.insight.refresh_from_db()
    assert story.insight.computed_at > before


def test_an_article_gets_the_language_its_text_is_written_in():
    french = _store(
        STORY[0],
        1,
        language="en",
        text="Un ferry a chaviré lundi soir au large de Port Ellis, faisant douze morts, "
        "selon les garde-côtes. Les secours ont repêché de nombreux survivants avant l'aube.",
    )
    insights.enrich_due()
    french.refresh_from_db()
    assert french.language == "fr"


# ---------------------------------------------------------------------------------------------
# Asking


def test_a_question_is_answered_with_citations_as_a_page_and_as_an_htmx_part(ferry):
    story = ferry[0].story_id
    page = Client().get(f"/s/{story}/ask", {"q": "Where did the Kessel Star sink?"})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<html" in html and "Port Ellis" in html and "Sources" in html
    assert f'href="/a/{ferry[1].pk}/"' in html
    part = Client().get(
        f"/s/{story}/ask", {"q": "Where did the Kessel Star sink?"}, HTTP_HX_REQUEST="true"
    )
    assert "<html" not in part.content.decode() and "Port Ellis" in part.content.decode()


def test_a_question_the_coverage_does_not_answer_says_so(ferry):
    html = (
        Client()
        .get(f"/a/{ferry[0].pk}/ask", {"q": "What did the Brazilian president say about football?"})
        .content.decode()
    )
    assert "Not covered" in html


def test_questions_are_rate_limited_per_address(ferry, settings):
    settings.NEWSFOLD_ASK_RATE_IP = "2/m"
    codes = [
        Client().get(f"/s/{ferry[0].story_id}/ask", {"q": f"Who {i}?"}).status_code
        for i in range(3)
    ]
    assert codes == [200, 200, 429]


def test_asking_about_a_story_that_does_not_exist_is_not_found(ferry):
    assert Client().get("/s/999999/ask", {"q": "Where?"}).status_code == 404
    assert Client().get("/a/999999/ask", {"q": "Where?"}).status_code == 404


# ---------------------------------------------------------------------------------------------
# The optional model (a stand-in server: see tests/enrich/chatserver.py)


def test_a_model_writes_the_story_summary_from_cited_sentences(ferry, chat):
    chat.reply = lambda body: "A ferry sank off Port Ellis [1]. The model also invents [77]."
    insights.enrich_due()
    insight = StoryInsight.objects.get(story_id=ferry[0].story_id)
    assert insight.engine == "llm:stand-in-model"
    assert [item["text"] for item in insight.summary] == ["A ferry sank off Port Ellis."]
    (source,) = insight.summary[0]["sources"]
    assert source["text"] in chat.given(chat.requests[0])
    assert "Written by a language model" in _page(f"/s/{ferry[0].story_id}/")


def test_a_failing_model_leaves_the_offline_summary(ferry, chat):
    chat.reply = lambda body: (503, b"{}")
    insights.enrich_due()
    insight = StoryInsight.objects.get(story_id=ferry[0].story_id)
    assert insight.engine == "offline" and insight.summary


def test_an_excluded_outlet_is_never_sent_to_the_model(ferry, chat, settings):
    settings.NEWSFOLD_LLM_EXCLUDE = ["Harbour Ledger"]
    chat.reply = lambda body: "A ferry sank [1]."
    insights.enrich_due()
    insights.ask(Story.objects.get(pk=ferry[0].story_id), "Where did the ferry sink?")
    assert len(chat.requests) == 2
    for body in chat.requests:
        assert "(Harbour Ledger)" not in chat.given(body)
        assert "(Northgate Courier)" in chat.given(body)


def test_a_model_answer_is_kept_for_the_same_question(ferry, chat):
    chat.reply = lambda body: "Off Port Ellis [1]."
    story = Story.objects.get(pk=ferry[0].story_id)
    first = insights.ask(story, "Where did the ferry sink?")
    again = insights.ask(story, "  where did the ferry   sink? ")
    assert first == again
    assert first["engine"] == "llm:stand-in-model" and first["covered"]
    assert len(chat.requests) == 1


# ---------------------------------------------------------------------------------------------
# Commands


def test_enrich_and_ask_commands(cli, ferry):
    done = cli("enrich")
    assert done.returncode == 0 and b"enriched 3 articles and 1 stories" in done.stdout
    story = ferry[0].story_id
    answer = cli("ask", str(story), "Where did the Kessel Star sink?", "--json")
    result = json.loads(answer.stdout)
    assert result["covered"] and "Port Ellis" in result["answer"]
    assert {c["outlet"] for c in result["citations"]} <= {d.outlet for d in STORY}
    assert all(c["url"].startswith("https://") for c in result["citations"])
    text = cli("ask", str(story), "What did the Brazilian president say about football?")
    assert text.returncode == 0 and text.stdout.startswith(b"Not covered")


def test_ask_about_an_unknown_story_is_one_line_and_an_exit_code(cli):
    for args in (["ask", "424242", "Where?"], ["ask", "abc", "Where?"]):
        result = cli(*args)
        assert result.returncode != 0
        assert b"Traceback" not in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


# ---------------------------------------------------------------------------------------------
# The JSON API


def test_the_api_gives_a_storys_ai_features_and_answers_questions(ferry):
    story = ferry[0].story_id
    before = Client().get(f"/api/stories/{story}").json()
    assert before["summary"] is None and before["insight"] is None
    insights.enrich_due()
    found = Client().get(f"/api/stories/{story}").json()
    insight = found["insight"]
    assert insight["engine"] == "offline"
    assert found["summary"] == " ".join(i["text"] for i in insight["summary"])
    by_id = {a.pk: a for a in ferry}
    for item in insight["summary"] + insight["key_points"]:
        (source,) = item["sources"]
        assert source["sentence"] in by_id[source["article_id"]].text
    (conflict,) = insight["conflicts"]
    assert {conflict["first"]["figure"], conflict["second"]["figure"]} == {"12", "15"}
    assert insight["quotes"][0]["speaker"] == "Amara Diallo"
    article = Client().get(f"/api/articles/{ferry[0].pk}").json()
    assert article["summary"] and article["summary"][0]["sources"][0]["article_id"] == ferry[0].pk

    answer = Client().get(f"/api/stories/{story}/ask", {"q": "Where did the Kessel Star sink?"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["covered"] and "Port Ellis" in body["answer"]
    assert {c["article_id"] for c in body["citations"]} <= set(by_id)
    missing = Client().get(f"/api/stories/{story}/ask")
    assert missing.status_code == 422 and missing["content-type"].startswith("application/")
    assert Client().get("/api/stories/999999/ask", {"q": "Where?"}).status_code == 404


def test_hostile_texts_get_their_features_without_failing_the_batch():
    """A page's text run into one endless line, quote marks never closed, and thousands of
    figures in three outlets' articles: every article and the story still get theirs."""
    endless = ('"Officials said 12 people ' * 20_000) + "."
    figures = "\n".join(
        f"The storm killed {n} people and damaged {n * 3} homes in the Kessel valley on Monday."
        for n in range(2_000)
    )
    articles = [
        _store(STORY[0], 1, text=endless),
        _store(STORY[1], 2, text=figures),
        _store(
            STORY[2],
            3,
            text="\n".join(
                f"Rescuers counted {n} survivors at shelter number {n} after the floods."
                for n in range(3_000)
            ),
        ),
    ]
    done = insights.enrich_due(limit=None)
    assert done.articles == 3
    assert ArticleInsight.objects.filter(article__in=articles).count() == 3
    assert StoryInsight.objects.count() == done.stories >= 1
