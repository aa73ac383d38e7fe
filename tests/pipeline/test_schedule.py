"""Poll intervals follow the publisher's hints within our bounds; failures slow us down."""

from datetime import UTC, datetime, timedelta, timezone

import pytest

from newsfold.pipeline.schedule import backoff_delay, parse_retry_after, poll_interval

BOUNDS = {"minimum": 300, "maximum": 86400, "default": 1800}
NOW = datetime(2026, 3, 2, 8, 0, 0, tzinfo=UTC)


def test_without_hints_the_default_interval_is_used():
    assert poll_interval(None, None, **BOUNDS) == 1800


def test_a_feed_ttl_sets_the_interval():
    assert poll_interval(3600, None, **BOUNDS) == 3600


def test_cache_control_max_age_sets_the_interval():
    assert poll_interval(None, "public, max-age=7200", **BOUNDS) == 7200


def test_the_longer_of_feed_hint_and_max_age_wins():
    assert poll_interval(3600, "max-age=600", **BOUNDS) == 3600
    assert poll_interval(600, "max-age=3600, must-revalidate", **BOUNDS) == 3600


@pytest.mark.parametrize(
    ("hint", "cache_control", "expected"),
    [
        (10, None, 300),  # a ttl of seconds would hammer the publisher: our floor
        (None, "max-age=30", 300),
        (30 * 86400, None, 86400),  # a month-long ttl would leave the feed stale: our ceiling
        (None, "max-age=31536000", 86400),
    ],
)
def test_hints_are_clamped_to_our_bounds(hint, cache_control, expected):
    assert poll_interval(hint, cache_control, **BOUNDS) == expected


@pytest.mark.parametrize(
    "cache_control", ["no-cache", "max-age=0", "no-store, max-age=7200", "s-maxage=9000", ""]
)
def test_cache_control_without_a_usable_max_age_is_no_hint(cache_control):
    assert poll_interval(None, cache_control, **BOUNDS) == 1800


def test_backoff_doubles_with_each_consecutive_failure_up_to_the_maximum():
    delays = [backoff_delay(n, base=60, maximum=3600) for n in range(1, 9)]
    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600]
    assert backoff_delay(10_000, base=60, maximum=3600) == 3600


def test_no_failures_means_no_backoff():
    assert backoff_delay(0, base=60, maximum=3600) == 0


def test_a_longer_retry_after_is_honoured_and_a_shorter_one_does_not_shorten():
    assert backoff_delay(1, base=60, maximum=3600, retry_after=900) == 900
    assert backoff_delay(4, base=60, maximum=3600, retry_after=10) == 480


def test_retry_after_cannot_push_beyond_the_maximum():
    assert backoff_delay(1, base=60, maximum=3600, retry_after=10**9) == 3600


def test_retry_after_in_seconds():
    assert parse_retry_after("120", NOW) == 120
    assert parse_retry_after(" 0 ", NOW) == 0


def test_retry_after_as_an_http_date():
    assert parse_retry_after("Mon, 02 Mar 2026 08:30:00 GMT", NOW) == 1800
    paris = timezone(timedelta(hours=1))
    assert parse_retry_after("Mon, 02 Mar 2026 09:30:00 GMT", NOW.astimezone(paris)) == 5400


def test_a_retry_after_date_in_the_past_means_now():
    assert parse_retry_after("Sun, 01 Mar 2026 08:00:00 GMT", NOW) == 0


@pytest.mark.parametrize("value", [None, "", "soon", "-5", "1.5", "१२०", "Mon, 99 Foo 2026"])
def test_unreadable_retry_after_is_none(value):
    assert parse_retry_after(value, NOW) is None
