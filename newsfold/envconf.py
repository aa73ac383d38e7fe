"""Typed readers for environment settings.

A bad value stops the process with the variable's name and what was expected, instead of
running with a silently wrong configuration. Secrets may come from `NAME_FILE`.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}

# Every name read through these helpers, so `newsfold config` can show the effective values.
READ: dict[str, object] = {}
SECRETS: set[str] = set()


def _raw(name: str) -> str | None:
    file_name = os.environ.get(f"{name}_FILE")
    if file_name:
        try:
            return Path(file_name).read_text().strip()
        except OSError as exc:
            raise ImproperlyConfigured(f"{name}_FILE: cannot read {file_name}: {exc}") from exc
    return os.environ.get(name)


def env_str(name: str, default: str, *, secret: bool = False) -> str:
    value = _raw(name)
    result = default if value is None else value
    READ[name] = result
    if secret:
        SECRETS.add(name)
    return result


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        result = default
    elif value.strip().lower() in TRUE:
        result = True
    elif value.strip().lower() in FALSE:
        result = False
    else:
        raise ImproperlyConfigured(f"{name}={value!r}: expected one of yes/no, true/false, 1/0")
    READ[name] = result
    return result


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    try:
        result = default if value is None else int(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a whole number") from None
    if minimum is not None and result < minimum:
        raise ImproperlyConfigured(f"{name}={result}: must be at least {minimum}")
    READ[name] = result
    return result


def env_float(name: str, default: float) -> float:
    value = _raw(name)
    try:
        result = default if value is None else float(value.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name}={value!r}: expected a number") from None
    READ[name] = result
    return result


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    result = default if value is None else [v.strip() for v in value.split(",") if v.strip()]
    READ[name] = result
    return result


def database_from_url(
    url: str, conn_max_age: int = 0, *, prepared: bool = True, name: str = "DATABASE_URL"
) -> dict:
    """Turn DATABASE_URL into Django's DATABASES entry, refusing what we do not support.

    A web process keeps its connection between requests (`conn_max_age`, checked before
    reuse): opening one costs more than a cached page does. SQLite keeps its page cache with
    the connection, and reads the file through memory mapping. PostgreSQL gets the values
    apart from the statement, and a statement a connection has run five times is `prepared`:
    the server then no longer parses and plans it each time, which was a third of what
    storing an article cost (a pooler in transaction mode needs PgBouncer 1.21 or later
    with `max_prepared_statements`, or `prepared` off)."""
    import dj_database_url

    if not url.startswith(("sqlite://", "postgres://", "postgresql://", "pgsql://")):
        raise ImproperlyConfigured(
            f"{name}={url!r}: expected sqlite:///path/db.sqlite3 or postgres://…"
        )
    try:
        config = dj_database_url.parse(url, conn_max_age=conn_max_age, conn_health_checks=True)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: {exc}") from exc
    if config["ENGINE"].endswith("sqlite3"):
        if not config.get("NAME"):
            raise ImproperlyConfigured(f"{name}={url!r}: no database file named")
        config["OPTIONS"] = {
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=10000;"
                " PRAGMA cache_size=-32000; PRAGMA mmap_size=268435456;"
            ),
            "transaction_mode": "IMMEDIATE",
        }
    else:
        config["OPTIONS"] = {
            "server_side_binding": True,
            "prepare_threshold": 5 if prepared else None,
        }
    return config
