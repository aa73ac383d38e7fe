"""The interface in English and Arabic: the catalog is complete and compiled, pages say their
language and direction, each article keeps its own, and the language switch stays on the page."""

from __future__ import annotations

import ast
import gettext
import re
import shutil
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.utils import timezone, translation

from newsfold.news.models import Article, Story
from newsfold.news.store import store
from newsfold.pipeline.types import Draft
from newsfold.sources.outlets import outlet
from tests.conftest import ROOT

pytestmark = pytest.mark.django_db

CATALOG = ROOT / "newsfold" / "locale" / "ar" / "LC_MESSAGES"
# What scripts/messages leaves out of makemessages.
IGNORED = [".venv", "tests", "bench", "demo", "var", "scripts", "test-artifacts", "*.egg-info"]
PLURALS = (
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : "
    "n%100>=3 && n%100<=10 ? 3 : n%100>=11 ? 4 : 5;"
)


# --- the catalog -------------------------------------------------------------------------


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file: msgid, msgid_plural, msgstr (str, or list of forms), flags.
    Obsolete (#~) entries are skipped."""
    entries: list[dict] = []
    entry: dict = {}
    key = None

    def flush():
        nonlocal entry, key
        if "msgid" in entry:
            entries.append(entry)
        entry, key = {}, None

    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            flush()
        elif line.startswith("#,"):
            if "msgid" in entry:
                flush()
            entry.setdefault("flags", set()).update(f.strip() for f in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            value = ast.literal_eval(line)
            if isinstance(key, int):
                entry["msgstr"][key] += value
            else:
                entry[key] += value
        else:
            word, _, rest = line.partition(" ")
            if word == "msgid" and "msgid" in entry:
                flush()
            value = ast.literal_eval(rest)
            if m := re.fullmatch(r"msgstr\[(\d+)\]", word):
                key = int(m.group(1))
                entry.setdefault("msgstr", [])
                assert len(entry["msgstr"]) == key, f"msgstr[{key}] out of order"
                entry["msgstr"].append(value)
            else:
                key = word
                entry[key] = value
    flush()
    return entries


@pytest.fixture(scope="module")
def po() -> list[dict]:
    return parse_po(CATALOG / "django.po")


def test_the_catalog_header_declares_arabic_and_its_six_plural_forms(po):
    header = po[0]
    assert header["msgid"] == "" and "fuzzy" not in header.get("flags", set())
    fields = dict(line.split(": ", 1) for line in header["msgstr"].splitlines() if ": " in line)
    assert fields["Language"] == "ar"
    assert fields["Content-Type"] == "text/plain; charset=UTF-8"
    assert fields["Plural-Forms"] == PLURALS


def test_every_string_is_translated_and_none_is_fuzzy(po):
    entries = po[1:]
    assert len(entries) > 50
    for e in entries:
        assert "fuzzy" not in e.get("flags", set()), f"fuzzy: {e['msgid']!r}"
        if "msgid_plural" in e:
            assert len(e["msgstr"]) == 6, f"not 6 plural forms: {e['msgid']!r}"
            assert all(s.strip() for s in e["msgstr"]), f"empty plural form: {e['msgid']!r}"
        else:
            assert e["msgstr"].strip(), f"untranslated: {e['msgid']!r}"


def test_placeholders_are_kept(po):
    """Every placeholder of the translation is one of the English text's; the English
    placeholders are all there too, except the count in forms that stand for one number
    (the dual, "one article") where Arabic says the number in the word."""
    named = re.compile(r"%\((\w+)\)s")
    for e in po[1:]:
        wanted = set(named.findall(e["msgid"]))
        if "msgid_plural" in e:
            for i, form in enumerate(e["msgstr"]):
                found = set(named.findall(form))
                assert found <= wanted, f"unknown placeholder in {e['msgid']!r}[{i}]"
                assert wanted - found <= ({"n"} if i in (0, 1, 2) else set()), e["msgid"]
        else:
            assert set(named.findall(e["msgstr"])) == wanted, e["msgid"]


def test_the_compiled_catalog_is_the_current_one(po):
    """django.mo holds exactly what django.po says: run scripts/messages after editing."""
    with (CATALOG / "django.mo").open("rb") as f:
        mo = gettext.GNUTranslations(f)
    catalog = {k: v for k, v in mo._catalog.items() if k != ""}
    expected = {}
    for e in po[1:]:
        # A string with a context is stored as "context\x04msgid".
        msgid = f"{e['msgctxt']}\x04{e['msgid']}" if "msgctxt" in e else e["msgid"]
        if "msgid_plural" in e:
            for i, form in enumerate(e["msgstr"]):
                expected[(msgid, i)] = form
        else:
            expected[msgid] = e["msgstr"]
    for key, text in expected.items():
        assert catalog.get(key) == text, f"django.mo is stale for {key!r}"
    assert set(catalog) == set(expected), "django.mo has strings django.po does not"


@pytest.mark.skipif(not shutil.which("xgettext"), reason="GNU gettext is not installed")
def test_the_catalog_has_every_string_the_code_marks(po, settings, tmp_path, monkeypatch):
    """makemessages run afresh finds no string missing from django.po; a template or Python
    string added or changed without `scripts/messages` fails here."""
    # The real locale folder is ignored, so that every string goes to the one under tmp_path
    # and the committed catalog is never touched.
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    monkeypatch.chdir(ROOT)
    written = (CATALOG / "django.po").stat().st_mtime_ns
    call_command(
        "makemessages",
        locale=["ar"],
        no_location=True,
        verbosity=0,
        ignore_patterns=[*IGNORED, "newsfold/locale"],
    )
    assert (CATALOG / "django.po").stat().st_mtime_ns == written
    fresh = parse_po(tmp_path / "locale" / "ar" / "LC_MESSAGES" / "django.po")
    in_code = {(e["msgid"], e.get("msgid_plural")) for e in fresh[1:]}
    in_catalog = {(e["msgid"], e.get("msgid_plural")) for e in po[1:]}
    assert in_code - in_catalog == set(), "run scripts/messages and translate the new strings"
    assert in_catalog - in_code == set(), "run scripts/messages to drop the unused strings"


@pytest.mark.parametrize(
    ("n", "expected"),
    [
        (0, "لا مقالات"),
        (1, "مقال واحد"),
        (2, "مقالان"),
        (3, "3 مقالات"),
        (10, "10 مقالات"),
        (11, "11 مقالًا"),
        (99, "99 مقالًا"),
        (100, "100 مقال"),
        (102, "102 مقال"),
        (103, "103 مقالات"),
        (111, "111 مقالًا"),
    ],
)
def test_arabic_counts_take_their_six_plural_forms(n, expected):
    with translation.override("ar"):
        text = translation.ngettext("%(n)s article", "%(n)s articles", n) % {"n": n}
    assert text == expected


# --- the pages ---------------------------------------------------------------------------

EN_TITLE = "Lighthouse keepers return to Cape Varrow after forty years"
EN_TEXT = (
    "For the first time in forty years, keepers will live at the Cape Varrow lighthouse. "
    "The coastal trust said on Monday that two keepers would move into the restored cottage "
    "in March and run the light by hand through the winter storms.\n\n"
    "The light was automated in 1986. Trust director Amal Kester said visitors had asked "
    "for years to see the lamp room working, and that the keepers would also guide tours."
)
EN_TWIN = (
    "Cape Varrow keepers to move back into restored lighthouse cottage",
    "Two lighthouse keepers will move into the restored cottage at Cape Varrow in March, "
    "forty years after the light was automated in 1986, the coastal trust announced on "
    "Monday.\n\n"
    "Trust director Amal Kester said the keepers would run the light by hand through the "
    "winter storms and guide visitors around the working lamp room.",
)
AR_TITLE = "افتتاح مكتبة عامة جديدة في وسط مدينة الواحة"
AR_TEXT = (
    "افتتحت بلدية مدينة الواحة صباح اليوم مكتبة عامة جديدة في الساحة القديمة وسط المدينة، "
    "بعد عامين من أعمال الترميم في مبنى البريد السابق.\n\n"
    "وتضم المكتبة قاعة للمطالعة تتسع لمئتي قارئ، وجناحًا لكتب الأطفال، ومختبرًا صغيرًا "
    "للحاسوب. وقالت مديرة المكتبة إن أبوابها ستبقى مفتوحة حتى العاشرة مساءً طوال أيام الأسبوع."
)


def _store(title: str, text: str, source: str, url: str, language: str, hours_ago: int = 2):
    when = timezone.now() - timedelta(hours=hours_ago)
    draft = Draft(
        title=title,
        text=text,
        url=url,
        published_at=when,
        fetched_at=when,
        language=language,
        html="".join(f"<p>{p}</p>" for p in text.split("\n\n")),
    )
    return Article.objects.get(pk=store(draft, outlet(source)).article_id)


def _page(client, path: str) -> tuple[str, str]:
    """(final path, HTML) of a page, following the redirect to its canonical address."""
    response = client.get(path, follow=True)
    assert response.status_code == 200, path
    return response.request["PATH_INFO"], response.content.decode()


def _html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


def _article_tag(page: str) -> str:
    """The article's own title and body tags: where its language and direction are set (the
    page's interface text around them keeps the site's)."""
    title = re.search(r'<h1 id="title"[^>]*>', page).group(0)
    body = re.search(r'<div class="body"[^>]*>', page).group(0)
    return title + body if _attrs(title) == _attrs(body) else ""


def _attrs(tag: str) -> tuple[str, ...]:
    return tuple(re.findall(r'(?:lang|dir)="[^"]*"', tag))


def _title(page: str) -> str:
    return re.search(r'<h1 id="title"[^>]*>(.*?)</h1>', page).group(1)


def test_the_arabic_home_is_right_to_left_and_in_arabic(client):
    _, page = _page(client, "/ar/")
    assert _html_tag(page) == '<html lang="ar" dir="rtl">'
    assert "أهم الأخبار" in page and "الرئيسية" in page and "Top stories" not in page


def test_the_english_home_is_left_to_right_and_in_english(client):
    _, page = _page(client, "/")
    assert _html_tag(page) == '<html lang="en" dir="ltr">'
    assert "Top stories" in page and "أهم الأخبار" not in page


def test_an_english_article_on_the_arabic_site_stays_left_to_right(client):
    article = _store(EN_TITLE, EN_TEXT, "Varrow Gazette", "https://gazette.example/1", "en")
    _, page = _page(client, f"/ar/a/{article.pk}/")
    assert _html_tag(page) == '<html lang="ar" dir="rtl">'
    assert 'lang="en"' in _article_tag(page) and 'dir="ltr"' in _article_tag(page)
    assert _title(page) == EN_TITLE
    assert "نسخ الرابط" in page and "لا توجد تعليقات بعد." in page


def test_an_arabic_article_on_the_english_site_stays_right_to_left(client):
    article = _store(AR_TITLE, AR_TEXT, "صحيفة الواحة", "https://alwaha.example/1", "ar")
    _, page = _page(client, f"/a/{article.pk}/")
    assert _html_tag(page) == '<html lang="en" dir="ltr">'
    assert 'lang="ar"' in _article_tag(page) and 'dir="rtl"' in _article_tag(page)
    assert _title(page) == AR_TITLE
    assert "Copy link" in page


def _switch(page: str, to: str) -> str:
    nav = re.search(r'<nav class="langs"[^>]*>(.*?)</nav>', page, re.S).group(1)
    return re.search(rf'<a href="([^"]+)"[^>]*hreflang="{to}"', nav).group(1)


@pytest.mark.parametrize(
    ("title", "text", "language"), [(EN_TITLE, EN_TEXT, "en"), (AR_TITLE, AR_TEXT, "ar")]
)
def test_the_language_switch_leads_to_the_same_article(client, title, text, language):
    article = _store(title, text, "Varrow Gazette", "https://gazette.example/2", language)
    path, english = _page(client, f"/a/{article.pk}/")
    arabic_url = _switch(english, "ar")
    assert arabic_url.startswith("/ar/a/")
    arabic_path, arabic = _page(client, arabic_url)
    assert _html_tag(arabic) == '<html lang="ar" dir="rtl">'
    assert _title(arabic) == _title(english) == title
    assert arabic_path == "/ar" + path  # the switch went straight to the canonical address
    back_path, back = _page(client, _switch(arabic, "en"))
    assert back_path == path and _title(back) == title


def test_a_story_of_two_articles_says_so_in_the_arabic_dual(client):
    first = _store(EN_TITLE, EN_TEXT, "Varrow Gazette", "https://gazette.example/3", "en", 3)
    second = _store(*EN_TWIN, "Coastal Herald", "https://herald.example/3", "en", 1)
    assert first.story_id and first.story_id == second.story_id
    story = Story.objects.get(pk=first.story_id)
    _, english = _page(client, f"/s/{story.pk}/")
    assert "2 articles" in english and "2 outlets" in english
    _, arabic = _page(client, f"/ar/s/{story.pk}/")
    assert _html_tag(arabic) == '<html lang="ar" dir="rtl">'
    assert "مقالان" in arabic and "مصدران" in arabic  # the dual, not "2 مقالات"
    assert "2 مقالات" not in arabic and "التغطية الكاملة" in arabic
    _, article = _page(client, f"/ar/a/{first.pk}/")
    assert "التغطية الكاملة: مقالان" in article


def test_the_manifest_speaks_arabic_when_asked(client):
    data = client.get("/manifest.webmanifest?lang=ar").json()
    assert (data["lang"], data["dir"]) == ("ar", "rtl")
    assert data["description"] == "كل المصادر، ونسخة واحدة من كل خبر."


def test_section_names_are_translated_in_the_arabic_frame(client):
    _, page = _page(client, "/ar/latest/")
    assert "<h1>الأحدث</h1>" in page
    assert settings.LANGUAGES == [("en", "English"), ("ar", "العربية")]
