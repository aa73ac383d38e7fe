"""Readers in a real browser (Debian's Chromium, driven by Playwright) on the demo corpus:
sign up, follow, comment and reply without a reload, report, moderate; "For you"; mutes;
what is new on a story since the last visit.

Each reader has a browser profile of their own (a Playwright context), as two people on two
machines would. The moderator's account is made in the database: granting that role is an
operator's command (`newsfold moderators add`), not something done in a browser.
"""

from __future__ import annotations

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "sea-wall-evening-tide-9"
STORY_PATH = re.compile(r"/s/\d+/[^/]+/$")


def _go(page, url: str) -> None:
    page.goto(url, wait_until="load")


def sign_up(page, site: str, name: str) -> None:
    _go(page, site + "/")
    page.get_by_role("link", name="Sign up").first.click()
    page.wait_for_url(site + "/account/signup/")  # loaded, its script too
    page.get_by_label("Username").fill(name)
    page.get_by_label("Email").fill(f"{name}@example.invalid")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Sign up").click()
    page.wait_for_url(site + "/")
    assert page.locator("nav.account bdi").inner_text() == name


def log_in(page, site: str, name: str, password: str = PASSWORD) -> None:
    _go(page, site + "/account/login/")
    page.get_by_label("Username").fill(name)
    page.get_by_label("Password").fill(password)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_selector("nav.account bdi")
    page.wait_for_load_state("load")


def _tagged_article(page, site: str) -> tuple[str, str, str]:
    """(article path, its first hashtag's path, the hashtag) of the first top story's lead."""
    _go(page, site + "/")
    page.locator("ol.articles.top > li").first.locator("h3 a").click()
    page.wait_for_url(STORY_PATH)
    page.locator("ol.timeline li .item a").first.click()
    page.wait_for_url(re.compile(r"/a/\d+/"))
    tag = page.locator("ul.tags a").first
    return page.url, tag.get_attribute("href"), tag.inner_text().strip()


def test_sign_up_follow_comment_reply_report_and_a_moderator_hides_it(
    demo_site, open_page, screenshot, django_user_model
):
    from newsfold.community.management.commands.moderators import moderators_group

    site = demo_site.url
    ada = open_page()
    sign_up(ada.page, site, "ada")
    article_url, tag_path, tag = _tagged_article(ada.page, site)

    # Follow the article's hashtag from its page; "For you" shows its stories.
    _go(ada.page, site + tag_path)
    ada.page.get_by_role("button", name=f"Follow {tag}").click()
    ada.page.get_by_role("button", name=f"Following {tag}").wait_for()
    _go(ada.page, site + "/for-you/")
    screenshot(ada.page, "for-you")
    stories = ada.page.locator("main ol.articles.top > li")
    assert stories.count() >= 1, "For you is empty after following a hashtag"
    first_story = stories.first.locator("h2 a").get_attribute("href")
    _go(ada.page, site + first_story)
    assert (
        ada.page.locator(f"a[href='{tag_path}']").count()
        or ada.page.locator("ol.timeline li").count()
    ), "the story For you shows does not carry the followed hashtag"

    # Comment without a reload: the page stays, the comment appears.
    _go(ada.page, article_url)
    assert ada.page.get_by_text("No comments yet.").is_visible()
    ada.page.evaluate("window.stillHere = true")
    ada.page.get_by_label("Your comment").fill("Harbour folk will remember this winter.")
    ada.page.get_by_role("button", name="Post comment").click()
    ada.page.locator("#comments .comment-text").first.wait_for()
    assert ada.page.evaluate("window.stillHere === true"), "posting reloaded the page"
    assert "Harbour folk will remember this winter." in ada.page.locator("#comments").inner_text()

    # A second reader replies and reports it.
    ben = open_page()
    sign_up(ben.page, site, "ben")
    _go(ben.page, article_url)
    comment = ben.page.locator("#comments li.comment").first
    comment.locator("summary", has_text="Reply").click()
    comment.get_by_label("Your reply").fill("Not everyone agrees.")
    comment.get_by_role("button", name="Post reply").click()
    ben.page.locator("ol.replies .comment-text", has_text="Not everyone agrees.").wait_for()
    ben.page.locator("#comments li.comment").first.get_by_role("link", name="Report").first.click()
    ben.page.wait_for_url(re.compile(r"/comment/\d+/report/$"))
    ben.page.get_by_label("Reason").fill("Stirring up trouble")
    ben.page.get_by_role("button", name="Report to the moderators").click()
    ben.page.wait_for_url(re.compile(r"/a/\d+/"))
    assert ben.page.get_by_text("a moderator will look at it").is_visible()

    # The moderator hides it from the queue, with a reason.
    mara = django_user_model.objects.create_user("mara", "mara@example.invalid", PASSWORD)
    mara.groups.add(moderators_group())
    mod = open_page()
    log_in(mod.page, site, "mara")
    mod.page.get_by_role("link", name="Moderation").click()
    mod.page.wait_for_url(site + "/moderation/")
    screenshot(mod.page, "queue")
    item = mod.page.locator("ol.queue > li", has_text="Harbour folk will remember")
    assert "Stirring up trouble" in item.inner_text()
    item.get_by_label("Reason shown to its author").fill("Off topic")
    item.get_by_role("button", name="Hide").click()
    mod.page.get_by_text("No reports waiting.").wait_for()
    mod.page.wait_for_load_state("load")

    # Others no longer see it; its author sees why.
    _go(ben.page, article_url)
    assert "Harbour folk will remember" not in ben.page.content()
    anonymous = open_page()
    _go(anonymous.page, article_url)
    assert "Harbour folk will remember" not in anonymous.page.content()
    assert anonymous.page.get_by_role("link", name="Log in to comment").is_visible()
    _go(ada.page, article_url)
    screenshot(ada.page, "hidden-for-author")
    note = ada.page.locator("#comments .notice")
    assert "A moderator hid this comment" in note.inner_text()
    assert "Off topic" in note.inner_text()

    for reader in (ada, ben, mod, anonymous):
        problems = reader.problems.take()
        assert not problems, "\n".join(problems)


def test_a_muted_word_hides_an_article_and_a_story_marks_what_is_new(
    demo_site, open_page, screenshot
):
    from newsfold.news.models import Article, Story
    from newsfold.news.store import store
    from newsfold.pipeline.types import Draft
    from newsfold.sources.outlets import outlet

    site = demo_site.url
    ada = open_page()
    sign_up(ada.page, site, "ada")
    page = ada.page

    # Mute a word of the newest article's title: it leaves the latest news.
    _go(page, site + "/latest/")
    first = page.locator("main ol.articles > li .item a").first
    title = first.inner_text().strip()
    word = max(re.findall(r"[A-Za-z]{5,}", title), key=len)
    _go(page, site + "/account/")
    page.get_by_label("Muted words").fill(word)
    page.get_by_role("button", name="Save preferences").click()
    page.get_by_text("Preferences saved.").wait_for()
    page.wait_for_load_state("load")  # leaving earlier would cut its script's fetch short
    _go(page, site + "/latest/")
    screenshot(page, "muted")
    titles = page.locator("main ol.articles > li .item a").all_inner_texts()
    assert title not in titles, f"muting {word!r} left {title!r} in the latest news"
    assert titles, "muting one word emptied the whole list"

    # Open a story, then a new article arrives in it: the next visit marks it new.
    story = Story.objects.filter(merged_into=None, article_count__gte=2).order_by("-pk").first()
    path = f"/s/{story.pk}/{story.slug}/"
    _go(page, site + path)
    page.get_by_role("button", name=re.compile("^Follow ")).click()
    page.get_by_role("button", name=re.compile("^Following ")).wait_for()
    assert page.locator(".new-since").count() == 0
    lead = story.articles.order_by("pk").first()
    draft = Draft(
        title="Late word from the quay: crews stand by",
        text="Crews at the quay said they would stand by through the night. " * 12,
        url="https://late-wire.example/quay-night",
        published_at=lead.published_at,
        fetched_at=lead.published_at,
    )
    new = Article.objects.get(pk=store(draft, outlet("Late Wire")).article_id)
    # Stands in for the story decision (tests/test_one_decision.py covers it): this article
    # is filed under the story the reader opened.
    new.story = story
    new.save(update_fields=["story"])

    _go(page, site + "/")
    assert "1 new article on stories you follow" in page.locator("main").inner_text()
    _go(page, site + path)
    screenshot(page, "new-since")
    assert "1 new article since your last visit" in page.locator(".new-since").inner_text()
    marked = page.locator("ol.timeline li.new")
    assert marked.count() == 1 and "Late word from the quay" in marked.inner_text()

    problems = ada.problems.take()
    assert not problems, "\n".join(problems)


def test_a_signed_in_readers_pages_load_cleanly_fit_a_phone_and_read_well(
    demo_site, open_page, screenshot, django_user_model
):
    from newsfold.community.management.commands.moderators import moderators_group
    from tests.browser.test_site import (
        COLOURS,
        MIN_CONTRAST,
        PHONE_WIDTH,
        _check_accessibility,
        _contrast,
        _overflow,
        _rgb,
    )

    site = demo_site.url
    mara = django_user_model.objects.create_user("mara", "mara@example.invalid", PASSWORD)
    mara.groups.add(moderators_group())
    found: list[str] = []
    for scheme in ("light", "dark"):
        b = open_page(color_scheme=scheme)
        page = b.page
        log_in(page, site, "mara")
        article_url, tag_path, _ = _tagged_article(page, site)
        save = page.get_by_role("button", name="Save for later")
        if save.count():  # the first round saved it already
            save.click()
            page.get_by_role("button", name="Saved — remove").wait_for()
            page.wait_for_load_state("load")
        page.get_by_label("Your comment").fill(f"A remark in {scheme} colours.")
        page.get_by_role("button", name="Post comment").click()
        # This round's own remark: the first round's is already on the page, and leaving
        # before the post is answered would cut it short.
        page.locator("#comments .comment-text", has_text=f"in {scheme} colours").wait_for()
        pages = {
            "article": article_url,
            "hashtag": site + tag_path,
            "for-you": site + "/for-you/",
            "saved": site + "/saved/",
            "preferences": site + "/account/",
            "moderation": site + "/moderation/",
            "login": site + "/account/login/",
        }
        for name, url in pages.items():
            if name == "login":
                page.locator("nav.account").get_by_role("button", name="Log out").click()
                page.wait_for_selector("nav.account >> text=Log in")
                page.wait_for_load_state("load")
            _go(page, url)
            page.wait_for_load_state("networkidle")
            screenshot(page, f"{scheme}-{name}")
            where = f"{scheme} {name}"
            found += _check_accessibility(page, where)
            width = _overflow(page)
            if width["scroll"] > PHONE_WIDTH + 1:
                found.append(f"{where}: scrolls sideways: {width['scroll']}px; {width['wide']}")
            for selector in (".comment-text", "nav.account a", "button", ".notice", "label"):
                for c in page.evaluate(COLOURS, selector):
                    if "unparsed" not in c and _contrast(c["fg"], c["bg"]) < MIN_CONTRAST:
                        ratio = _contrast(c["fg"], c["bg"])
                        found.append(
                            f"{where}: contrast {ratio:.2f}:1 of {_rgb(c['fg'])} on "
                            f"{_rgb(c['bg'])} ({c['where']})"
                        )
        found += b.problems.take()
    assert not found, "\n".join(found)
