"""Row ids as they arrive from outside (a path, a cursor): only those a row can have.

Ids are 64-bit (`BigAutoField`) on SQLite and PostgreSQL alike; a larger number reaching a
query overflows the database integer and answers a server error instead of "not found".
"""

from __future__ import annotations

MAX_ID = 2**63 - 1


def valid_id(value: int) -> bool:
    return 1 <= value <= MAX_ID


class IdConverter:
    """`<id:pk>` in a path: a row id, or no match at all (a 404) for one no row can have."""

    regex = "[0-9]{1,19}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if not valid_id(number):
            raise ValueError(f"{value} is not a row id")
        return number

    def to_url(self, value: int) -> str:
        return str(value)
