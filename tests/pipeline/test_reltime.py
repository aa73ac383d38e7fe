"""Relative times on aggregator pages become publication times a reader can trust."""

from datetime import UTC, datetime, timedelta

import pytest

from newsfold.pipeline.reltime import parse_relative, split_outlet_time

NOW = datetime(2025, 7, 17, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("label", "ago"),
    [
        ("4 hours ago", timedelta(hours=4)),
        ("1 hour ago", timedelta(hours=1)),
        ("an hour ago", timedelta(hours=1)),
        ("a day ago", timedelta(days=1)),
        ("1 day ago", timedelta(days=1)),
        ("2 days ago", timedelta(days=2)),
        ("3 mins ago", timedelta(minutes=3)),
        ("1 min ago", timedelta(minutes=1)),
        ("45 minutes ago", timedelta(minutes=45)),
        ("2 hrs ago", timedelta(hours=2)),
        ("2 Hours Ago", timedelta(hours=2)),
        ("about 3 weeks ago", timedelta(weeks=3)),
        ("5 months ago", timedelta(days=150)),
        ("a year ago", timedelta(days=365)),
        ("30 seconds ago", timedelta(seconds=30)),
        ("2w", timedelta(weeks=2)),
        ("3h", timedelta(hours=3)),
        ("15m", timedelta(minutes=15)),
        ("5 mins", timedelta(minutes=5)),
        ("4d", timedelta(days=4)),
        ("2mo", timedelta(days=60)),
        ("1y", timedelta(days=365)),
        ("yesterday", timedelta(days=1)),
        ("Yesterday", timedelta(days=1)),
        ("just now", timedelta(0)),
        ("منذ ساعتين", timedelta(hours=2)),
        ("منذ 3 ساعات", timedelta(hours=3)),
        ("منذ ساعة", timedelta(hours=1)),
        ("منذ يومين", timedelta(days=2)),
        ("أمس", timedelta(days=1)),
    ],
)
def test_relative_label_counts_back_from_now(label, ago):
    assert parse_relative(label, NOW) == NOW - ago


@pytest.mark.parametrize(
    ("label", "when"),
    [
        ("14 March 2025", datetime(2025, 3, 14, tzinfo=UTC)),
        ("March 14, 2025", datetime(2025, 3, 14, tzinfo=UTC)),
        ("14 Mar 2025", datetime(2025, 3, 14, tzinfo=UTC)),
        ("2025-03-14", datetime(2025, 3, 14, tzinfo=UTC)),
        ("2025-03-14T09:30:00+02:00", datetime(2025, 3, 14, 7, 30, tzinfo=UTC)),
        # Without a year: the last such day up to now, never a day in the future.
        ("14 March", datetime(2025, 3, 14, tzinfo=UTC)),
        ("Dec 25", datetime(2024, 12, 25, tzinfo=UTC)),
    ],
)
def test_absolute_dates_are_read_too(label, when):
    assert parse_relative(label, NOW) == when


@pytest.mark.parametrize(
    "label",
    [
        "",
        "hello",
        "in 3 hours",
        "3 days",
        "ago",
        "Weather today in the hills",
        "منذ أيام",
        "31 February 2025",
        "2025-13-40",
        "99999999 years ago",
    ],
)
def test_unknown_labels_give_none(label):
    assert parse_relative(label, NOW) is None


def test_times_are_aware_utc_even_from_a_naive_or_foreign_now():
    from zoneinfo import ZoneInfo

    local = NOW.astimezone(ZoneInfo("Asia/Tokyo"))
    assert parse_relative("1 hour ago", local) == NOW - timedelta(hours=1)
    naive = parse_relative("1 hour ago", NOW.replace(tzinfo=None))
    assert naive is not None
    assert naive.utcoffset() == timedelta(0)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Upland Herald2 days ago", ("Upland Herald", "2 days ago")),
        ("time2 hours ago", (None, "2 hours ago")),
        ("clock 5 mins ago", (None, "5 mins ago")),
        ("Updated: 1 hour ago", (None, "1 hour ago")),
        ("4 hours ago", (None, "4 hours ago")),
        ("yesterday", (None, "yesterday")),
        ("Harbour Gazette · 3 hours ago", ("Harbour Gazette", "3 hours ago")),
        ("Northwind Post — 45 mins ago", ("Northwind Post", "45 mins ago")),
        ("Quarry Street Weekly · yesterday", ("Quarry Street Weekly", "yesterday")),
        ("Ember Bay Chronicle · 2h", ("Ember Bay Chronicle", "2h")),
        ("Valley Tribune | 14 March 2025", ("Valley Tribune", "14 March 2025")),
        ("إذاعة الشاطئ منذ 3 ساعات", ("إذاعة الشاطئ", "منذ 3 ساعات")),
    ],
)
def test_outlet_and_time_are_split(line, expected):
    assert split_outlet_time(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "Glass Bridge Over Fennick Gorge Reopens",
        "Weather today",
        "The council met on Sunday to vote on the ferry, which broke down 2 days ago.",
        "Councillors on the largest island voted to ask the region for a reserve vessel 3 days ago",
        "",
        "   ",
    ],
)
def test_lines_without_a_trailing_time_are_not_split(line):
    assert split_outlet_time(line) is None
