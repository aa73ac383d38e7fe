"""Publication days read from URLs and date strings, always aware UTC."""

from datetime import UTC, datetime

import pytest

from newsfold.pipeline.dates import date_from_url, parse_datetime


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("https://news.example/2025/03/14/storm-hits-coast/", (2025, 3, 14)),
        ("https://news.example/world/2025/3/4/storm", (2025, 3, 4)),
        ("https://news.example/2025/03/14", (2025, 3, 14)),
        ("https://news.example/politics/2025-03-14-budget-vote", (2025, 3, 14)),
        ("https://news.example/politics/budget-vote-2025_03_14.html", (2025, 3, 14)),
        ("https://news.example/archive/20250314/budget-vote", (2025, 3, 14)),
    ],
)
def test_day_in_the_path_is_found(url, day):
    assert date_from_url(url) == datetime(*day, tzinfo=UTC)


@pytest.mark.parametrize(
    "url",
    [
        None,
        "",
        "https://news.example/story/budget-vote",
        "https://news.example/2025/03/",  # a month is not a day
        "https://news.example/2025/02/30/impossible",
        "https://news.example/1066/10/14/hastings",  # outside the plausible window
        "https://news.example/story?date=2025-03-14",  # query strings are not read
        "https://news.example/products/12025-03-145",  # glued to other digits
        "http://[::1",  # unparseable
    ],
)
def test_no_day_means_none(url):
    assert date_from_url(url) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-03-14", datetime(2025, 3, 14, tzinfo=UTC)),
        ("2025-03-14T09:30:00+0100", datetime(2025, 3, 14, 8, 30, tzinfo=UTC)),
        ("2025-03-14T09:30:00+01:00", datetime(2025, 3, 14, 8, 30, tzinfo=UTC)),
        ("2025-03-14T23:30:00-05:00", datetime(2025, 3, 15, 4, 30, tzinfo=UTC)),
        ("2025-03-14T09:30:00Z", datetime(2025, 3, 14, 9, 30, tzinfo=UTC)),
        ("2025-03-14 09:30", datetime(2025, 3, 14, 9, 30, tzinfo=UTC)),
        (" 2025-03-14T09:30:00 ", datetime(2025, 3, 14, 9, 30, tzinfo=UTC)),
    ],
)
def test_timestamps_become_aware_utc(value, expected):
    parsed = parse_datetime(value)
    assert parsed == expected
    assert parsed.utcoffset().total_seconds() == 0


@pytest.mark.parametrize("value", [None, "", "yesterday", "14/03/2025", "2025-13-01"])
def test_unreadable_dates_are_none(value):
    assert parse_datetime(value) is None
