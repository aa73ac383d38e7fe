"""Read the times aggregator pages print instead of dates: "2 days ago", "3h", "yesterday".

A page dump only says how long before the capture an article appeared, so the time is
worth no more than the capture time minus that span; a month counts 30 days and a year 365,
which is as precise as such a label ever is. A label we do not understand gives None rather
than a guess, so the caller can fall back to another time.

Results are timezone-aware UTC; a naive `now` is taken to be UTC already.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta

__all__ = ["parse_relative", "split_outlet_time"]

_SECOND, _MINUTE, _HOUR, _DAY = 1, 60, 3600, 86400
_UNITS = {
    **dict.fromkeys(("s", "sec", "secs", "second", "seconds"), _SECOND),
    **dict.fromkeys(("m", "min", "mins", "minute", "minutes"), _MINUTE),
    **dict.fromkeys(("h", "hr", "hrs", "hour", "hours"), _HOUR),
    **dict.fromkeys(("d", "day", "days"), _DAY),
    **dict.fromkeys(("w", "wk", "wks", "week", "weeks"), 7 * _DAY),
    **dict.fromkeys(("mo", "mos", "mon", "month", "months"), 30 * _DAY),
    **dict.fromkeys(("y", "yr", "yrs", "year", "years"), 365 * _DAY),
}
# Longest first, so "mins" is not read as "m" followed by junk.
_UNIT_RE = "|".join(sorted(map(re.escape, _UNITS), key=len, reverse=True))
_COUNT_RE = r"\d{1,5}|\ban\b|\ba\b|\bone\b|\ba few\b"
# "3 hours ago", "an hour ago", "about 2 days ago": any unit, "ago" required.
_AGO = re.compile(
    rf"(?:\b(?:about|around|over|almost|nearly)\s+)?(?P<n>{_COUNT_RE})\s*(?P<unit>{_UNIT_RE})"
    r"\s+ago$",
    re.IGNORECASE,
)
# "3h", "2w", "5 mins": the compact labels of app-style pages, no "ago". Whole words
# ("3 hours") are not labels without "ago": "in 3 hours" or "3 days" is not a past time.
_ABBREVIATIONS = ("s", "sec", "secs", "m", "min", "mins", "h", "hr", "hrs", "d", "w", "wk")
_ABBREVIATIONS += ("wks", "mo", "mos", "y", "yr", "yrs")
_ABBREVIATION_RE = "|".join(sorted(_ABBREVIATIONS, key=len, reverse=True))
_COMPACT = re.compile(rf"(?P<n>\d{{1,5}})\s?(?P<unit>{_ABBREVIATION_RE})$", re.IGNORECASE)
_WORDS = {
    "just now": 0,
    "now": 0,
    "moments ago": 0,
    "a moment ago": 0,
    "seconds ago": 0,
    "a few seconds ago": 0,
    "today": 0,
    "yesterday": _DAY,
    "الآن": 0,
    "منذ لحظات": 0,
    "اليوم": 0,
    "أمس": _DAY,
    "امس": _DAY,
}
# Only these follow an outlet's name: "Weather today" is a title, not a dated line.
_TRAILING_WORDS_RE = "yesterday|just now|moments ago|a moment ago|أمس"

# Arabic: "منذ 3 ساعات", "منذ ساعة", "منذ ساعتين" (the dual form means two). A plural
# without a number ("منذ أيام", days ago) says too little and is not read.
_AR_UNITS = {
    _MINUTE: ("دقيقة", "دقيقتين", "دقيقتان", "دقائق"),
    _HOUR: ("ساعة", "ساعتين", "ساعتان", "ساعات"),
    _DAY: ("يوم", "يومين", "يومان", "أيام"),
    7 * _DAY: ("أسبوع", "أسبوعين", "أسبوعان", "أسابيع"),
    30 * _DAY: ("شهر", "شهرين", "شهران", "أشهر"),
    365 * _DAY: ("سنة", "سنتين", "سنتان", "سنوات"),
}
_AR_UNIT = {word: seconds for seconds, words in _AR_UNITS.items() for word in words}
_AR_COUNT = {
    word: count
    for words in _AR_UNITS.values()
    for word, count in zip(words, (1, 2, 2, None), strict=True)
}
_AR_UNIT_RE = "|".join(sorted(map(re.escape, _AR_UNIT), key=len, reverse=True))
_ARABIC = re.compile(rf"منذ\s+(?:(?P<n>\d{{1,5}})\s+)?(?P<unit>{_AR_UNIT_RE})$")

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
_MONTH_RE = "|".join(sorted(_MONTHS, key=len, reverse=True))
_DAY_MONTH = re.compile(
    rf"(?P<d>\d{{1,2}})\s+(?P<m>{_MONTH_RE})\.?(?:,?\s+(?P<y>\d{{4}}))?$", re.IGNORECASE
)
_MONTH_DAY = re.compile(
    rf"(?P<m>{_MONTH_RE})\.?\s+(?P<d>\d{{1,2}})(?:,?\s+(?P<y>\d{{4}}))?$", re.IGNORECASE
)
_ISO = re.compile(r"\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$")

# Where the outlet name meets the time on one line: "Outlet · 3h", "Outlet | 2 days ago".
_SEPARATORS = " \t·•|-\u2013\u2014,:"
# The alt text of a clock icon, or a label, copied in front of the time: not an outlet.
_LABELS = {"time", "clock", "updated", "published", "posted", "icon", "last updated"}
_MAX_OUTLET_WORDS = 8
_MAX_OUTLET_CHARS = 60


def _clean(s: str) -> str:
    return " ".join(s.strip().strip("\u200e\u200f\ufeff").split())


def _count(word: str) -> int:
    word = word.lower()
    if word in ("a", "an", "one"):
        return 1
    if word == "a few":
        return 3
    return int(word)


def _utc(now: datetime) -> datetime:
    return now.replace(tzinfo=UTC) if now.tzinfo is None else now.astimezone(UTC)


def _ago(now: datetime, seconds: int) -> datetime | None:
    try:
        return now - timedelta(seconds=seconds)
    except OverflowError:
        return None


def _absolute(s: str, now: datetime) -> datetime | None:
    if _ISO.match(s):
        try:
            when = datetime.fromisoformat(s.replace("Z", "+00:00"))
        except ValueError:
            return None
        return _utc(when)
    match = _DAY_MONTH.match(s) or _MONTH_DAY.match(s)
    if not match:
        return None
    month, day = _MONTHS[match["m"].lower()], int(match["d"])
    year = int(match["y"]) if match["y"] else now.year
    try:
        when = datetime(year, month, day, tzinfo=UTC)
        # "14 March" without a year is the last 14 March up to the capture.
        if not match["y"] and when > now:
            when = when.replace(year=year - 1)
    except ValueError:
        return None
    return when


def parse_relative(s: str, now: datetime) -> datetime | None:
    """When something labelled `s` at `now` was published, or None for an unknown label.

    Absolute dates ("14 March 2025", "2025-03-14") are accepted too, because the same slot
    of a page shows them once an article is old enough.
    """
    now = _utc(now)
    text = _clean(s)
    lowered = text.lower()
    if lowered in _WORDS:
        return _ago(now, _WORDS[lowered])
    match = _AGO.fullmatch(text) or _COMPACT.fullmatch(text)
    if match:
        return _ago(now, _count(match["n"]) * _UNITS[match["unit"].lower()])
    match = _ARABIC.fullmatch(text)
    if match:
        n = int(match["n"]) if match["n"] else _AR_COUNT[match["unit"]]
        return None if n is None else _ago(now, n * _AR_UNIT[match["unit"]])
    return _absolute(text, now)


# The time at the end of a line, found by shape; the candidates are checked by parse_relative.
_TRAILING_TIME = re.compile(
    rf"(?:(?:\b(?:about|around|over|almost|nearly)\s+)?(?:{_COUNT_RE})\s*(?:{_UNIT_RE})\s+ago"
    rf"|(?<![^\s{re.escape(_SEPARATORS)}])(?:\d{{1,5}}\s?(?:{_ABBREVIATION_RE})|{_TRAILING_WORDS_RE})"
    rf"|منذ\s+(?:\d{{1,5}}\s+)?(?:{_AR_UNIT_RE})"
    rf"|(?<![^\s{re.escape(_SEPARATORS)}])(?:\d{{1,2}}\s+(?:{_MONTH_RE})\.?(?:,?\s+\d{{4}})?"
    rf"|(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:,?\s+\d{{4}})?|\d{{4}}-\d{{2}}-\d{{2}}))$",
    re.IGNORECASE,
)


def _outlet_like(name: str) -> bool:
    return (
        len(name) <= _MAX_OUTLET_CHARS
        and len(name.split()) <= _MAX_OUTLET_WORDS
        and not name.endswith((".", "!", "?", "؟"))
        and any(ch.isalpha() for ch in name)
    )


def split_outlet_time(line: str) -> tuple[str | None, str] | None:
    """Split "Upland Herald2 days ago" or "Outlet · 3h" into (outlet, time label).

    The outlet is None when the line is only a time, or a lone label such as "time" (the
    alt text of a clock icon) or "Updated" stands before it. None when the line does not
    end in a time we can read, or what precedes it is too long to be an outlet's name.
    """
    text = _clean(line)
    if not text:
        return None
    reference = datetime(2000, 1, 1, tzinfo=UTC)
    if parse_relative(text, reference) is not None:
        return None, text
    match = _TRAILING_TIME.search(text)
    if not match:
        return None
    label = match.group(0).strip()
    if parse_relative(label, reference) is None:
        return None
    outlet = text[: match.start()].rstrip(_SEPARATORS).strip()
    if not outlet or outlet.lower() in _LABELS:
        return None, label
    if not _outlet_like(outlet):
        return None
    return outlet, label
