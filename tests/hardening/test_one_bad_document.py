"""One hostile document costs at most one recorded error on its own feed or file: never the
batch around it, never the other entries of its feed."""

import io

import feedparser
import nh3
import pytest
from django.core.management import CommandError, call_command
from lxml import html as lxml_html

from newsfold.ingestion.files import import_paths
from newsfold.news.models import Article
from newsfold.pipeline.extract import tei_to_html
from newsfold.pipeline.feeds import parse_feed, plain_text
from newsfold.sources.models import Feed, FetchAttempt
from newsfold.sources.outlets import outlet
from tests.conftest import Route
from tests.hardening.hostiledocs import BROKEN_MARKUP, CONTROL_IMAGE, atom, page
from tests.ingest.feedbuilder import rss

pytestmark = pytest.mark.django_db

# A stand-in for a fault newsfold does not know of yet, in a library it relies on: nh3 (a
# Rust library) raising on one document, as a panic would. Only documents carrying this
# word are affected; everything else goes through the real library.
FAULT = "Quillfeather"


@pytest.fixture
def library_fault(monkeypatch):
    real = nh3.clean

    def clean(html, *args, **kwargs):
        if FAULT in html:
            raise RuntimeError("simulated library fault")
        return real(html, *args, **kwargs)

    monkeypatch.setattr(nh3, "clean", clean)


def test_markup_html_parser_gives_up_on_still_gives_its_words():
    assert plain_text(f"{BROKEN_MARKUP} Ferry news") == "Ferry news"


def test_a_feed_entry_with_broken_markup_in_author_and_title_keeps_the_feed_whole():
    parsed = parse_feed(atom([1, 2, 3], hostile=2))
    assert [e.guid for e in parsed.entries] == [
        f"https://ledger.example/news/{n}" for n in (1, 2, 3)
    ]
    hostile = parsed.entries[1]
    assert hostile.author == ""  # nothing of a name was left: dropped
    assert "Storm report 2" in hostile.title and "<" not in hostile.title


def test_an_image_address_with_a_control_character_becomes_no_image():
    body = lxml_html.fromstring(f"<div><p>Quay {CONTROL_IMAGE}</p></div>".replace("img", "graphic"))
    assert "javascript" not in tei_to_html(body).split("src=")[0]


def test_a_folder_with_hostile_documents_in_the_middle_imports_every_document(tmp_path):
    (tmp_path / "a.html").write_bytes(page(1))
    (tmp_path / "b-hostile.html").write_bytes(page(2, hostile=True))
    (tmp_path / "c-hostile.xml").write_bytes(atom([3, 4, 5], hostile=4))
    (tmp_path / "d.html").write_bytes(page(6))

    report = import_paths([tmp_path])

    assert not report.failed_files, report.lines()
    assert report.total("added") == 6
    stored = Article.objects.get(title="Harbour report 2")
    assert "javascript" not in stored.html and "ferry company" in stored.text


def test_a_file_that_hits_an_unknown_fault_fails_alone_with_one_line(tmp_path, library_fault):
    (tmp_path / "a.html").write_bytes(page(1))
    (tmp_path / "b.html").write_bytes(page(2).replace(b"(report 2)", FAULT.encode()))
    (tmp_path / "c.html").write_bytes(page(3))

    report = import_paths([tmp_path])

    [failed] = report.failed_files
    assert failed.path.endswith("b.html")
    assert "RuntimeError: simulated library fault" in failed.error
    assert "\n" not in failed.error
    assert Article.objects.count() == 2


def _feeds(local_server, bodies: dict[str, bytes]) -> list[Feed]:
    feeds = []
    for name, body in bodies.items():
        local_server.routes[f"/{name}.xml"] = Route(body=body)
        home = f"https://{name}.example/"
        source = outlet(name.title(), homepage=home)
        feeds.append(Feed.objects.create(url=local_server.url(f"/{name}.xml"), source=source))
    return feeds


def test_fetch_all_with_a_hostile_feed_in_the_middle_stores_every_entry(local_server):
    first, hostile, last = _feeds(
        local_server,
        {
            "first": rss([1, 2], home="https://first.example/"),
            "hostile": atom([3, 4, 5], hostile=4, home="https://hostile.example/"),
            "last": rss([6, 7], home="https://last.example/"),
        },
    )
    call_command("fetch", "--all")
    for feed in (first, hostile, last):
        feed.refresh_from_db()
        assert feed.status == "ok", feed.last_error
    assert Article.objects.count() == 7


def test_fetch_all_with_a_feed_that_hits_an_unknown_fault_records_it_on_that_feed(
    local_server, library_fault
):
    poisoned = rss([3, 4]).replace(b"(report 3)", FAULT.encode())
    first, bad, last = _feeds(
        local_server,
        {"first": rss([1, 2]), "bad": poisoned, "last": rss([5, 6])},
    )
    call_command("fetch", "--all")

    for feed in (first, bad, last):
        feed.refresh_from_db()
    assert first.status == last.status == "ok"
    # The feed itself was read: the one entry that hit the fault is counted on the feed,
    # its other entry is stored.
    assert bad.status == "ok" and "1 entries could not be stored" in bad.notice
    assert set(Article.objects.values_list("title", flat=True)) == {
        f"Storm report {n}" for n in (1, 2, 4, 5, 6)
    }


@pytest.fixture
def parser_fault(monkeypatch):
    """The same stand-in, in the feed parser: a document it cannot get through at all."""
    real = feedparser.parse

    def parse(stream, *args, **kwargs):
        content = stream.read()
        if FAULT.encode() in content:
            raise RuntimeError("simulated library fault")
        return real(io.BytesIO(content), *args, **kwargs)

    monkeypatch.setattr(feedparser, "parse", parse)


def test_a_feed_its_parser_cannot_get_through_fails_alone(local_server, parser_fault):
    poisoned = rss([3]).replace(
        b"<title>Harbour Ledger</title>", f"<title>{FAULT}</title>".encode()
    )
    first, bad, last = _feeds(local_server, {"first": rss([1]), "bad": poisoned, "last": rss([5])})
    with pytest.raises(CommandError, match="1 of 3 feed"):
        call_command("fetch", "--all")
    for feed in (first, bad, last):
        feed.refresh_from_db()
    assert first.status == last.status == "ok"
    assert bad.status == "failing" and bad.consecutive_failures == 1
    assert bad.last_error == "could not parse the feed (RuntimeError)"
    attempt = bad.attempts.get()
    assert attempt.outcome == FetchAttempt.ERROR


def test_extract_reads_a_hostile_page(cli):
    result = cli("extract", stdin=page(2, hostile=True))
    assert result.returncode == 0, result.stderr
    assert b"ferry company" in result.stdout
