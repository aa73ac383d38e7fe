"""Keyset pagination: a page starts after the last row of the one before, so page 500 costs
what page 1 costs (OFFSET would read and drop every row before it).

The cursor is the last row's (time, id), written as `<microseconds>.<id>` in the URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from django.db.models import Q, QuerySet

from newsfold.ids import valid_id


@dataclass
class Page:
    items: list
    next_cursor: str  # "" on the last page
    first: bool  # no cursor was given: the newest page


def encode(when: datetime, pk: int) -> str:
    micros = round(when.timestamp() * 1_000_000)
    return f"{micros}.{pk}"


def decode(cursor: str | None) -> tuple[datetime, int] | None:
    """The cursor's (time, id), or None for a missing or malformed one (first page)."""
    if not cursor:
        return None
    micros, _, pk = cursor.partition(".")
    try:
        when, row = datetime.fromtimestamp(int(micros) / 1_000_000, tz=UTC), int(pk)
    except (ValueError, OverflowError, OSError):
        return None
    return (when, row) if valid_id(row) else None


def keyset(
    rows: QuerySet,
    cursor: str | None,
    size: int,
    time_field: str = "published_at",
    id_field: str = "id",
) -> Page:
    """Rows newest first, `size` of them after the cursor."""
    after = decode(cursor)
    if after is not None:
        when, pk = after
        rows = rows.filter(
            Q(**{f"{time_field}__lt": when}) | Q(**{time_field: when, f"{id_field}__lt": pk})
        )
    items = list(rows.order_by(f"-{time_field}", f"-{id_field}")[: size + 1])
    more = len(items) > size
    items = items[:size]
    last = items[-1] if items else None
    next_cursor = ""
    if more and last is not None:
        next_cursor = encode(_get(last, time_field), _get(last, id_field))
    return Page(items=items, next_cursor=next_cursor, first=after is None)


def _get(row, dotted: str):
    for part in dotted.split("__"):
        row = getattr(row, part)
    return row
