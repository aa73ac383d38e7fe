"""The AI panel in a real browser, on the demo corpus: a story's cited summary and the
outlets' disagreement, and a question asked with htmx, without JavaScript, and in Arabic."""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
QUESTION = "How many dockworkers stopped work?"


def _strike_story() -> str:
    """The demo's port strike story, where two outlets give different numbers of strikers."""
    from newsfold.news.models import StoryInsight

    insight = next(i for i in StoryInsight.objects.select_related("story") if i.conflicts)
    return f"/s/{insight.story.pk}/{insight.story.slug}/"


def test_a_question_on_a_story_page_gets_a_cited_answer(demo_site, open_page, screenshot):
    b = open_page()
    page = b.page
    path = _strike_story()
    page.goto(demo_site.url + path)
    panel = page.locator("#summary")
    assert panel.locator("ul.cited li").count() >= 3
    assert panel.locator("a.cite").first.get_attribute("href").startswith("/a/")
    differ = panel.locator("ul.conflicts > li").first.inner_text()
    assert "2,300" in differ and "2,500" in differ

    page.get_by_label("Your question").fill(QUESTION)
    page.get_by_role("button", name="Ask").click()
    answer = page.locator("#answer .answer")
    answer.wait_for()
    screenshot(page, "answered")
    assert page.url == demo_site.url + path  # answered in place, by htmx
    assert "dockworkers" in answer.locator("p[dir]").inner_text()
    sources = answer.locator("ol.cited li")
    assert sources.count() >= 1
    assert sources.first.locator("a").get_attribute("href").startswith("/a/")
    assert b.problems.take() == []


def test_the_question_form_works_without_javascript(demo_site, open_page):
    b = open_page(java_script_enabled=False)
    page = b.page
    page.goto(demo_site.url + _strike_story())
    page.get_by_label("Your question").fill("What did the Brazilian president say about football?")
    page.get_by_role("button", name="Ask").click()
    page.wait_for_url(re.compile(r"/s/\d+/ask\?q="))
    assert "Not covered" in page.locator(".answer").inner_text()


def test_the_arabic_page_asks_in_arabic(demo_site, open_page):
    b = open_page()
    page = b.page
    page.goto(demo_site.url + "/ar" + _strike_story())
    assert page.get_by_role("heading", name="اسأل عن هذا الخبر").is_visible()
    page.get_by_label("سؤالك").fill(QUESTION)
    page.get_by_role("button", name="اسأل", exact=True).click()
    page.locator("#answer .answer").wait_for()
    assert page.locator("#answer h4").inner_text() == "المصادر"
