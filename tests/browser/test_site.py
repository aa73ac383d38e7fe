"""The reader's site in a real browser (Debian's Chromium, driven by Playwright), on the demo
corpus imported through the real importer, at phone size.

Importing the demo corpus takes about 3 s and every test starts from an empty database (the
live server needs a transactional one), so the flows share tests: the reader's journey with
its copy-link button; a sweep of every page for errors and sideways scrolling; hostile markup;
accessibility and contrast in light and dark colours. Every page visited is saved as a
screenshot under test-artifacts/screenshots/.
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import MANIFEST

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE_WIDTH = 375
ARTICLE_PATH = re.compile(r"/a/\d+/[^/]+/$")
STORY_PATH = re.compile(r"/s/\d+/[^/]+/$")
# An absolute time, in whatever format the locale writes it: the year and the hour.
ABSOLUTE_TIME = re.compile(r"(?=.*\b\d{4}\b)(?=.*\b\d{1,2}[:.]\d{2}\b)")

# ---------------------------------------------------------------------------------------------
# Things read off a page


def _overflow(page) -> dict:
    """How wide the page scrolls, and the widest elements when it scrolls sideways."""
    return page.evaluate(
        """(width) => {
          const scroll = document.documentElement.scrollWidth;
          const wide = scroll <= width + 1 ? [] : [...document.querySelectorAll("body *")]
            .map((el) => [el, el.getBoundingClientRect().right])
            .filter(([, right]) => right > width + 1)
            .sort((a, b) => b[1] - a[1]).slice(0, 5)
            .map(([el, right]) => `${el.tagName.toLowerCase()}${el.className ?
              "." + String(el.className).trim().replace(/\\s+/g, ".") : ""} ` +
              `(right edge ${Math.round(right)}px): ${(el.textContent || "").trim().slice(0, 40)}`);
          return {scroll, wide};
        }""",
        PHONE_WIDTH,
    )


HEADINGS = """() => [...document.querySelectorAll("h1, h2, h3, h4, h5, h6")]
  .map((h) => [Number(h.tagName[1]), h.textContent.trim().slice(0, 60)])"""

# For each element a selector picks (visible, with text of its own): its text colour and the
# colour behind it, both as opaque sRGB after compositing the transparent layers.
COLOURS = """(selector) => {
  const parse = (value) => {
    const m = value.match(/^rgba?\\(([^)]*)\\)$/);
    if (!m) return {unparsed: value};
    const p = m[1].split(/[\\s,\\/]+/).filter(Boolean).map(Number);
    return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
  };
  const over = (top, under) => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3]));
  const dark = matchMedia("(prefers-color-scheme: dark)").matches;
  const behind = (el) => {
    const layers = [];
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c.unparsed) return c;
      if (c[3] > 0) layers.push(c);
      if (c[3] >= 1) break;
    }
    // Under everything, the canvas: Chromium's is white, or #121212 in a dark scheme.
    let colour = dark ? [18, 18, 18] : [255, 255, 255];
    for (const layer of layers.reverse()) colour = over(layer, colour);
    return colour;
  };
  const ownText = (el) => [...el.childNodes].some((n) => n.nodeType === 3 && n.data.trim());
  return [...document.querySelectorAll(selector)]
    .filter((el) => el.getClientRects().length && (el === document.body || ownText(el)))
    .map((el) => {
      const bg = behind(el);
      const fg = parse(getComputedStyle(el).color);
      const where = `${el.tagName.toLowerCase()}.${String(el.className).trim()}: ` +
        (el === document.body ? "body" : el.textContent.trim().slice(0, 40));
      if (bg.unparsed || fg.unparsed) return {where, unparsed: bg.unparsed || fg.unparsed};
      return {where, fg: over(fg, bg), bg};
    });
}"""


def _luminance(rgb) -> float:
    """WCAG relative luminance of an sRGB colour given as 0-255 channels."""

    def channel(c: float) -> float:
        c /= 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a, b) -> float:
    hi, lo = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def _rgb(colour) -> str:
    return "rgb({})".format(", ".join(str(round(c)) for c in colour))


def _go(page, url: str, response_ok: bool = True):
    response = page.goto(url)
    if response_ok:
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
    return response


def _search_word(title: str) -> str:
    """The longest word of a title: the one a reader would remember and search for."""
    return max(re.findall(r"[^\W\d_]{4,}", title), key=len)


# ---------------------------------------------------------------------------------------------
# 1 and 2: the reader's journey, and the copy-link button on the way


def test_a_reader_goes_from_home_to_a_story_an_article_a_hashtag_and_search(
    demo_site, open_page, screenshot
):
    b = open_page()
    b.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=demo_site.url)
    page = b.page

    # Home: the first top story's headline leads to the story.
    _go(page, demo_site.url + "/")
    screenshot(page, "1-home")
    top = page.locator("ol.articles.top > li").first.locator("h3 a")
    headline = top.inner_text().strip()
    assert headline, "the home page shows no top story"
    top.click()
    page.wait_for_url(STORY_PATH)
    screenshot(page, "2-story")
    assert page.locator("h1").inner_text().strip() == headline

    # Story: the full coverage lists every article the story counts.
    coverage = page.locator("section", has=page.get_by_role("heading", name="Full coverage"))
    assert coverage.is_visible(), "no Full coverage section on the story page"
    items = coverage.locator("ol.articles > li")
    counted = re.search(r"(\d+) articles?", page.locator("h1 + p.meta").inner_text())
    assert counted and items.count() == int(counted[1]), (
        f"the story says {counted and counted[0]!r} but its full coverage lists {items.count()}"
    )
    assert items.count() >= 2, "the first top story should gather more than one article"
    # An English article (its own lang, or the page's), for the English search below.
    item = coverage.locator("ol.articles > li", has=page.locator(".item a:lang(en)")).first
    link = item.locator(".item a")
    title = link.inner_text().strip()
    outlet_name = item.locator(".meta a").first.inner_text().strip()
    link.click()
    page.wait_for_url(ARTICLE_PATH)
    screenshot(page, "3-article")
    article_path = re.sub(r"^https?://[^/]+", "", page.url)

    # Article: title, outlet, time with the absolute time on hover, text, hashtags.
    article = page.locator("article")
    assert article.locator("h1").inner_text().strip() == title
    outlet = article.locator(".meta a[href^='/o/']")
    assert outlet.inner_text().strip() == outlet_name
    when = article.locator(".meta time").first
    stamp = when.get_attribute("datetime") or ""
    hover = when.get_attribute("title") or ""
    assert ABSOLUTE_TIME.match(hover) and stamp[:4] in hover, (
        f"the time's hover text {hover!r} is not the absolute time {stamp!r}"
    )
    body = article.locator(".body").inner_text()
    assert len(body.split()) >= 60, f"the article body is only {len(body.split())} words"
    tags = page.locator("ul.tags a")
    assert tags.count() >= 1, "the article shows no hashtags"
    assert all(t.startswith("#") for t in tags.all_inner_texts())
    assert page.get_by_role("heading", name="Related articles").is_visible()
    assert page.get_by_text("No comments yet.").is_visible()

    # Copy link: the canonical address lands on the clipboard, and the page says so.
    canonical = page.locator("link[rel=canonical]").get_attribute("href")
    assert canonical == page.url, "the article's canonical address is not the page's own"
    copy = page.get_by_role("button", name="Copy link")
    assert copy.is_visible(), "site.js did not show the Copy link button"
    assert copy.get_attribute("data-url") == canonical
    copy.click()
    status = page.locator(".copy-status")
    status.filter(has_text="Link copied").wait_for()
    assert status.inner_text().strip() == "Link copied"
    assert page.evaluate("navigator.clipboard.readText()") == canonical

    # Hashtag: the latest news with it, this article among them.
    tag = tags.first.inner_text().strip()
    tags.first.click()
    page.wait_for_url(re.compile(r"/t/[^/]+/$"))
    screenshot(page, "4-hashtag")
    assert page.locator("h1").inner_text().strip() == f"Latest news with {tag}"
    listed = page.locator(f"main ol.articles a[href='{article_path}']")
    assert listed.count() == 1 and listed.inner_text().strip() == title

    # Search from the header: the article is found, the word highlighted.
    word = _search_word(title)
    page.locator("header #site-q").fill(word)
    page.locator("header #site-q").press("Enter")
    page.wait_for_url(re.compile(r"/search\?"))
    screenshot(page, "5-search")
    hit = page.locator("main ol.articles > li", has=page.locator(f"a[href='{article_path}']"))
    assert hit.count() == 1, f"searching for {word!r} does not find {title!r}"
    marks = hit.locator("mark").all_inner_texts()
    assert marks, f"no <mark> in the result for {word!r}"
    assert any(word.lower()[:4] in m.lower() for m in marks), marks

    problems = b.problems.take()
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# 3 and 5: every page loads without a complaint and fits a phone


def test_every_page_loads_cleanly_and_fits_a_phone(demo_site, open_page, screenshot):
    b = open_page()
    page = b.page
    base = demo_site.url
    findings: dict[str, list[str]] = {}

    def visit(name: str, url: str) -> None:
        _go(page, url)
        page.wait_for_load_state("networkidle")
        screenshot(page, name)
        found = b.problems.take()
        width = _overflow(page)
        if width["scroll"] > PHONE_WIDTH + 1:
            found.append(f"scrolls sideways: {width['scroll']}px wide; {width['wide']}")
        if found:
            findings[f"{name} {page.url}"] = found

    def href(selector: str) -> str:
        return base + page.locator(selector).first.get_attribute("href")

    # The journey's pages, found the way a reader finds them.
    visit("home", base + "/")
    visit("story", href("ol.articles.top > li h3 a"))
    visit("article", href("section:has(#coverage-h) .item a:lang(en)"))
    title = page.locator("article h1").inner_text()
    outlet, section = href("article .meta a[href^='/o/']"), href("article .meta a[href^='/c/']")
    visit("hashtag", href("ul.tags a"))
    visit("search", f"{base}/search?q={_search_word(title)}")
    # The other listings.
    visit("latest", base + "/latest/")
    visit("outlet", outlet)
    visit("section", section)
    visit("edition", base + "/e/europe/")
    # The Arabic side, right to left.
    visit("ar-home", base + "/ar/")
    assert page.locator("html").get_attribute("dir") == "rtl"
    arabic = demo_site.manifest_article(language="ar")
    visit("ar-article", f"{base}/ar{demo_site.article_path(arabic['url'])}")
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("article h1").inner_text().strip() == arabic["title"]

    assert not findings, "\n".join(f"{page}:\n  " + "\n  ".join(f) for page, f in findings.items())


# ---------------------------------------------------------------------------------------------
# 4: hostile markup from a publisher's page never runs

# The hostile page calls alert(); these count any such call even if no dialog were shown.
DIALOG_SPY = """window.__dialogCalls = 0;
for (const name of ["alert", "confirm", "prompt", "print"]) {
  const original = window[name];
  window[name] = function (...args) {
    window.__dialogCalls += 1;
    return original.apply(this, args);
  };
}"""


def test_hostile_markup_from_a_publishers_page_never_runs(demo_site, open_page, screenshot):
    [hostile_file] = MANIFEST["hostile_pages"]
    hostile = demo_site.manifest_article(page_file=hostile_file)
    assert hostile["hostile"]
    b = open_page()
    b.context.add_init_script(DIALOG_SPY)
    page = b.page
    dialogs: list[str] = []

    def record(dialog) -> None:
        dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", record)

    _go(page, demo_site.url + demo_site.article_path(hostile["url"]))
    page.wait_for_load_state("networkidle")
    screenshot(page, "hostile-article")

    assert dialogs == []
    assert page.evaluate("window.__dialogCalls") == 0
    article = page.locator("article")
    assert article.locator("h1").inner_text().strip() == hostile["title"]
    assert article.locator("script").count() == 0
    handlers = article.evaluate(
        """(root) => [...root.querySelectorAll("*")].flatMap((el) => [...el.attributes]
             .filter((a) => a.name.toLowerCase().startsWith("on"))
             .map((a) => `<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`))"""
    )
    assert handlers == []
    scripted_links = page.evaluate(
        """() => [...document.querySelectorAll("[href], [src], [action], [formaction]")]
             .flatMap((el) => ["href", "src", "action", "formaction"]
               .map((name) => el.getAttribute(name)).filter((v) => v !== null))
             .filter((v) => /^\\s*javascript:/i.test(v))"""
    )
    assert scripted_links == []
    assert page.locator('a[href^="javascript:" i]').count() == 0
    # What the publisher wrote around the hostile bits is all there, the photo's caption too.
    text = article.locator(".body").inner_text()
    missing = [
        sentence
        for sentence in (
            "Northgate town council voted on Wednesday night to build protected cycle lanes",
            "Work is expected to begin in April and to cost 2.6 million crowns",
            "Photo:",
            "The junction at Quarry Road and Station Road.",
            "See the council\u2019s plans",
            "The council said it would review the effect on shops after 12 months.",
        )
        if sentence not in text
    ]
    assert not missing, f"the article lost its text: {missing}"
    assert "alert(1)" not in text
    problems = b.problems.take()
    assert not problems, "\n".join(problems)


# ---------------------------------------------------------------------------------------------
# 6 and 7: accessibility basics in both colour schemes, and a dark page in dark mode

MIN_CONTRAST = 4.5


def _check_accessibility(page, name: str) -> list[str]:
    """What a reader using a keyboard, a screen reader or poor eyesight would trip over."""
    found = []
    h1s = page.locator("h1").count()
    if h1s != 1:
        found.append(f"{h1s} h1 elements, not one")
    previous = 0
    for level, text in page.evaluate(HEADINGS):
        if level > previous + 1:
            found.append(f"heading skips from h{previous} to h{level}: {text!r}")
        previous = level
    for role in ("banner", "navigation", "main", "contentinfo"):
        if page.get_by_role(role).count() == 0:
            found.append(f"no {role} landmark")
    no_alt = page.locator("img:not([alt])").count()
    if no_alt:
        found.append(f"{no_alt} images without alt")
    for selector in ("body", ".meta", "article .body p"):
        for c in page.evaluate(COLOURS, selector):
            if "unparsed" in c:
                found.append(f"colour {c['unparsed']!r} not understood ({c['where']})")
                continue
            ratio = _contrast(c["fg"], c["bg"])
            if ratio < MIN_CONTRAST:
                found.append(
                    f"contrast {ratio:.2f}:1 of {_rgb(c['fg'])} on {_rgb(c['bg'])} ({c['where']})"
                )
    return [f"{name}: {f}" for f in found]


def _check_keyboard(page, name: str) -> list[str]:
    found = []
    page.keyboard.press("Tab")
    first = page.evaluate(
        """() => { const el = document.activeElement; const s = getComputedStyle(el);
           return {text: el.textContent.trim(), top: el.getBoundingClientRect().top,
                   style: s.outlineStyle, width: s.outlineWidth}; }"""
    )
    if first["text"] != "Skip to content":
        found.append(f"the first Tab focuses {first['text']!r}, not 'Skip to content'")
    elif first["top"] < 0:
        found.append("the focused 'Skip to content' link stays off screen")
    page.keyboard.press("Tab")
    link = page.evaluate(
        """() => { const el = document.activeElement; const s = getComputedStyle(el);
           return {tag: el.tagName, text: el.textContent.trim(),
                   style: s.outlineStyle, width: s.outlineWidth}; }"""
    )
    for focused in (first, link):
        if focused["style"] == "none" or focused["width"] == "0px":
            found.append(f"focused {focused['text']!r} shows no outline")
    return [f"{name}: {f}" for f in found]


def test_pages_are_accessible_in_light_and_dark_colours(demo_site, open_page, screenshot):
    base = demo_site.url
    found: list[str] = []
    problems: list[str] = []
    for scheme in ("light", "dark"):
        b = open_page(color_scheme=scheme)
        page = b.page
        _go(page, base + "/")
        top = page.locator("ol.articles.top > li h3 a").first.get_attribute("href")
        _go(page, base + top)
        first = page.locator("section:has(#coverage-h) .item a").first.get_attribute("href")
        pages = {"home": base + "/", "story": base + top, "article": base + first}
        for name, url in pages.items():
            _go(page, url)
            screenshot(page, f"{scheme}-{name}")
            found += _check_accessibility(page, f"{scheme} {name}")
            found += _check_keyboard(page, f"{scheme} {name}")
            background = page.evaluate(COLOURS, "body")[0]["bg"]
            luminance = _luminance(background)
            if scheme == "dark" and luminance >= 0.2:
                found.append(
                    f"dark {name}: the background {_rgb(background)} is light ({luminance:.2f})"
                )
        problems += b.problems.take()

    assert not found, "\n".join(found)
    assert not problems, "\n".join(problems)
