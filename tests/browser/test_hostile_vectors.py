"""Stored XSS vectors from ../shared/data/hostile, put into feeds and pages in every place a
publisher can put them, imported through the real importer and rendered on every page that
shows them, in Chromium: nothing runs, and the browser asks nothing of any other site.

Each page is loaded with alert/confirm/prompt/print hooked before any script, Content-Security-
Policy violations recorded (a violation means markup got past the sanitiser, even though the
policy then stopped it), every element of the page focused, hovered, clicked and scrolled to,
and its markup checked for handlers, script URLs and active elements. A sample runs in the
suite; all 2,001 vectors run with `make test-hostile` (marked slow).
"""

from __future__ import annotations

import pytest

from tests.browser import hostilecorpus
from tests.conftest import shared_path

pytestmark = [pytest.mark.browser, pytest.mark.shared, pytest.mark.django_db(transaction=True)]

SAMPLE = 60  # vectors in the suite's run; the slow test takes all of them

SPY = """(() => {
  const seen = (window.__seen = []);
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    window[name] = (...args) => { seen.push(`${name}(${String(args[0]).slice(0, 60)})`); };
  }
  document.addEventListener("securitypolicyviolation", (e) =>
    seen.push(`CSP blocked ${e.violatedDirective}: ${e.blockedURI || "inline"}`));
})();"""

# Focus, hover, press and click every element, scroll to it; links are not followed (a
# publisher's link is no attack), though their handlers, had any survived, would run.
EXERCISE = """() => {
  document.addEventListener("click", (e) => {
    if (e.target.closest && e.target.closest("a, area, form, button")) e.preventDefault();
  }, true);
  const events = ["pointerover", "mouseover", "mouseenter", "mousemove", "pointerdown",
                  "mousedown", "pointerup", "mouseup", "click", "dblclick", "contextmenu",
                  "mouseout", "mouseleave", "focusin", "keydown", "keyup"];
  for (const el of document.querySelectorAll("body *")) {
    try { el.focus({preventScroll: true}); } catch (e) {}
    for (const type of events) {
      const Kind = type.startsWith("key") ? KeyboardEvent : MouseEvent;
      el.dispatchEvent(new Kind(type, {bubbles: true, cancelable: true, view: window}));
    }
    el.scrollIntoView && el.scrollIntoView({block: "center"});
  }
  window.scrollTo(0, document.documentElement.scrollHeight);
}"""

# What the page's content (its <main>, but for our own search and question forms) must
# never hold.
STATIC = """() => {
  const found = [];
  const active = "script, iframe, frame, object, embed, applet, base, meta, link, style, " +
                 "form, input, textarea, select, svg, math, template, video, audio, source";
  const ours = [...document.querySelectorAll("main form.search-form, main form.ask")].filter(
    (f) => f.matches(".search-form") || /^\\/[as]\\/\\d+\\/ask$/.test(f.getAttribute("action")));
  for (const el of document.querySelectorAll("main *")) {
    if (ours.some((f) => el === f || f.contains(el))) continue;
    if (el.matches(active)) found.push(`<${el.tagName.toLowerCase()}> in the content`);
    for (const attr of el.attributes) {
      const name = attr.name.toLowerCase();
      const value = attr.value.replace(/[\\u0000-\\u0020\\u00a0]/g, "").toLowerCase();
      if (name.startsWith("on")) found.push(`<${el.tagName.toLowerCase()} ${name}>`);
      if (/^(javascript|vbscript|livescript|data):/.test(value))
        found.push(`<${el.tagName.toLowerCase()} ${name}="${attr.value.slice(0, 40)}">`);
      if (["style", "srcdoc", "formaction", "action", "xlink:href"].includes(name))
        found.push(`<${el.tagName.toLowerCase()} ${name}>`);
    }
  }
  return found;
}"""


def _pages() -> list[str]:
    """Every page that shows what was imported: articles, stories, outlets, listings."""
    from newsfold.news.models import Article, Story
    from newsfold.sources.models import Source

    paths = [f"/a/{a.pk}/{a.slug}/" for a in Article.objects.order_by("pk")]
    paths += [f"/s/{s.pk}/{s.slug}/" for s in Story.objects.filter(article_count__gt=1)]
    paths += [f"/o/{s.slug}/" for s in Source.objects.order_by("pk")]
    return ["/", "/latest/", "/search?q=hostile", *paths]


def _sweep(tmp_path, open_page, live_server, size: int | None, wait_ms: int) -> None:
    from django.core.cache import cache

    from newsfold.ingestion.files import import_paths

    vectors = hostilecorpus.sample(
        hostilecorpus.load(shared_path("data", "hostile", "xss_dev.jsonl")), size
    )
    documents = hostilecorpus.write(vectors, tmp_path / "hostile")
    cache.clear()
    report = import_paths([tmp_path / "hostile"])
    assert len(report.files) == documents
    # A document may be refused (XHTML that is not XML); it must be refused, not crash.
    assert report.total("added") >= documents * 3 // 4, report.lines()

    pages = _pages()
    assert sum(p.startswith("/a/") for p in pages) == report.total("added")
    _visit(open_page, live_server, pages, wait_ms)


def _visit(open_page, live_server, pages: list[str], wait_ms: int, check=None) -> None:
    """Each page loaded, exercised and read: nothing ran, nothing active is in its content.
    `check(page, path)` may look at each page first."""
    b = open_page()
    b.context.add_init_script(SPY)
    dialogs: list[str] = []
    b.page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    findings: dict[str, list[str]] = {}
    for path in pages:
        b.page.goto(live_server.url + path, wait_until="load")
        if check is not None:
            check(b.page, path)
        b.page.evaluate(EXERCISE)
        b.page.wait_for_timeout(wait_ms)
        found = b.page.evaluate("window.__seen") + b.page.evaluate(STATIC)
        found += [f"dialog: {m}" for m in dialogs] + b.problems.take()
        dialogs.clear()
        if found:
            findings[path] = found
    assert not findings, "\n".join(f"{p}:\n  " + "\n  ".join(f) for p, f in findings.items())


def test_a_sample_of_stored_xss_vectors_never_runs_on_any_page(tmp_path, open_page, live_server):
    _sweep(tmp_path, open_page, live_server, size=SAMPLE, wait_ms=100)


@pytest.mark.slow
def test_every_stored_xss_vector_never_runs_on_any_page(tmp_path, open_page, live_server):
    _sweep(tmp_path, open_page, live_server, size=None, wait_ms=1000)


def test_stored_xss_vectors_posted_as_comments_never_run(open_page, live_server):
    """Readers' comments are third-party text too: the sample, posted as comments on an
    article and its story through the comments' own rules, renders as text."""
    from django.contrib.auth import get_user_model
    from django.core.cache import cache

    from newsfold.community import comments
    from tests.community.conftest import store_article

    vectors = hostilecorpus.sample(
        hostilecorpus.load(shared_path("data", "hostile", "xss_dev.jsonl")), SAMPLE
    )
    article = store_article(1)
    writer = get_user_model().objects.create_user("eve", "eve@example.invalid", "x-9-long-pass")
    for v in vectors:
        comments.post(writer, article, v["payload"][: comments.MAX_TEXT])
        comments.post(writer, article.story, v["payload"][: comments.MAX_TEXT])
    cache.clear()

    def all_shown(page, path: str) -> None:
        shown = page.locator("#comments .comment-text").count()
        assert shown == len(vectors), f"{path}: {shown} comments shown of {len(vectors)}"

    paths = [f"/a/{article.pk}/{article.slug}/", f"/s/{article.story_id}/{article.story.slug}/"]
    _visit(open_page, live_server, paths, 100, check=all_shown)
