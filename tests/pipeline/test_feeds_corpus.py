"""Thousands of feeds other projects wrote to break readers: none of them crashes us."""

import functools
import json
from pathlib import Path

import pytest

from newsfold.pipeline.feeds import FeedError, parse_feed

pytestmark = pytest.mark.shared

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "feeds"

# Reference feedparser found nothing in these, and neither can a JSON Feed reader:
# one is RSS 2.0 written as JSON (not a JSON Feed), one is cut off in mid-string.
NOT_JSON_FEEDS = {"NetNewsWire/ScriptingNews.json", "NetNewsWire/allthis-partial.json"}


def manifest(folder):
    path = CORPUS / folder / "manifest.jsonl"
    if not path.exists():
        pytest.skip(f"shared feed corpus not found at {CORPUS}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@functools.cache
def outcomes(folder):
    """Each file's record with what parsing it gave: a ParsedFeed, a FeedError or a crash."""
    results = []
    for record in manifest(folder):
        content = (CORPUS / folder / record["path"]).read_bytes()
        headers = dict(record.get("http_headers") or [])
        url = f"http://127.0.0.1:8097/{record['path']}"
        try:
            outcome = parse_feed(content, url=url, headers=headers)
        except Exception as error:
            outcome = error
        results.append((record, outcome))
    return results


@pytest.mark.parametrize("folder", ["peer", "validator", "realworld"])
def test_every_file_parses_or_gives_a_feed_error(folder):
    crashes = [
        f"{record['path']}: {outcome!r}"
        for record, outcome in outcomes(folder)
        if isinstance(outcome, Exception) and not isinstance(outcome, FeedError)
    ]
    assert crashes == []


def test_feed_errors_are_one_readable_line():
    for folder in ("peer", "validator", "realworld"):
        for _, outcome in outcomes(folder):
            if isinstance(outcome, FeedError):
                assert outcome.message and "\n" not in outcome.message


def test_realworld_feeds_yield_entries_where_the_reference_found_some():
    missing = []
    for record, outcome in outcomes("realworld"):
        wanted = record["feedparser_6_0_11"]["entries"] or record["format"] == "json"
        if record["role"] != "feed" or not wanted or record["path"] in NOT_JSON_FEEDS:
            continue
        if isinstance(outcome, Exception) or not outcome.entries:
            missing.append(f"{record['path']}: {outcome!r}"[:200])
    assert missing == []


def test_realworld_json_feeds_are_read_by_our_parser():
    kinds = {
        record["path"]: getattr(outcome, "kind", repr(outcome))
        for record, outcome in outcomes("realworld")
        if record["format"] == "json" and record["path"] not in NOT_JSON_FEEDS
    }
    assert len(kinds) >= 15
    assert set(kinds.values()) == {"json"}


def test_pages_and_fragments_are_not_feeds():
    wrong = [
        f"{record['path']}: {outcome!r}"[:200]
        for record, outcome in outcomes("realworld")
        if record["role"] in ("not_a_feed", "html_page")
        and not (isinstance(outcome, FeedError) and outcome.message.startswith("not a feed"))
    ]
    assert wrong == []
