"""The PostgreSQL server the benchmarks use, as the tests do: the one scripts/ensure-postgres
names (starting a private one where none answers). Not run by itself (`bench/run.py` skips
`_`)."""

import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def server_url() -> str | None:
    """The server's URL, or None when none could be had."""
    try:
        found = subprocess.run(
            [str(ROOT / "scripts" / "ensure-postgres")],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return found.stdout.strip() if found.returncode == 0 else None


def database_url(server: str, name: str) -> str:
    """The URL of database `name` on the server `server` names."""
    return server.rsplit("/", 1)[0] + "/" + name


def fresh_database(server: str, name: str) -> str:
    """Database `name` on the server, emptied (dropped and made again); its URL."""
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return database_url(server, name)
