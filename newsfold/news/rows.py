"""Rows the store path writes, in plain SQL with the ORM's own value conversions.

Storing one draft writes a handful of small rows. Built through the ORM (a model instance,
a compiled query, a save with its signals) each cost several times the CPU the database
spent on it, and storage ran at a few dozen drafts a second. These helpers build each
statement once per shape and convert every value with its field's `get_db_prep_save`, so
what reaches a column is what the ORM would write (a `WebURLField` still takes only an
http(s) URL without credentials, a datetime is stored as the backend stores datetimes).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from django.db import connection, models
from django.db.models import Field, Model

__all__ = ["insert", "insert_many", "update"]


@cache
def _fields(model: type[Model], names: tuple[str, ...]) -> tuple[Field, ...]:
    return tuple(model._meta.get_field(name) for name in names)


@cache
def _insert_sql(model: type[Model], names: tuple[str, ...], rows: int, returning: bool) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(f.column) for f in _fields(model, names))
    marks = "(" + ", ".join(["%s"] * len(names)) + ")"
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES "  # noqa: S608
    return sql + ", ".join([marks] * rows) + (" RETURNING id" if returning else "")


# Fields whose `get_db_prep_save` gives back a value of this type as it is (the exact
# classes: a subclass such as `WebURLField` has a rule of its own and is always asked).
_AS_IS: dict[type[Field], type] = {
    models.CharField: str,
    models.TextField: str,
    models.IntegerField: int,
    models.PositiveIntegerField: int,
    models.BigIntegerField: int,
    models.BigAutoField: int,
    models.FloatField: float,
    models.ForeignKey: int,
}


@cache
def _as_is(model: type[Model], names: tuple[str, ...]) -> tuple[type | None, ...]:
    return tuple(_AS_IS.get(type(field)) for field in _fields(model, names))


def _prepared(model: type[Model], names: tuple[str, ...], values: Iterable) -> list:
    out = []
    for field, kind, value in zip(_fields(model, names), _as_is(model, names), values, strict=True):
        if kind is not None and (value is None or type(value) is kind):
            out.append(value)
        else:
            out.append(field.get_db_prep_save(value, connection))
    return out


def insert(model: type[Model], values: dict[str, object]) -> int:
    """Insert one row (values by field name) and return its id."""
    names = tuple(values)
    # RETURNING where the database has it (PostgreSQL, SQLite from 3.35), the cursor's last
    # row id where not.
    returning = connection.features.can_return_columns_from_insert
    sql = _insert_sql(model, names, 1, returning)
    with connection.cursor() as cursor:
        cursor.execute(sql, _prepared(model, names, values.values()))
        if returning:
            return cursor.fetchone()[0]
        return connection.ops.last_insert_id(cursor, model._meta.db_table, "id")


def insert_many(
    model: type[Model],
    names: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    ignore_conflicts: bool = False,
) -> None:
    """Insert rows (values in the order of `names`) in one statement; with
    `ignore_conflicts`, rows a unique constraint refuses are left out, as `bulk_create`
    leaves them."""
    if not rows:
        return
    names = tuple(names)
    sql = _insert_sql(model, names, len(rows), False)
    if ignore_conflicts:
        sql += " ON CONFLICT DO NOTHING"
    params = [value for row in rows for value in _prepared(model, names, row)]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@cache
def _update_sql(
    model: type[Model], names: tuple[str, ...], lowest: tuple[str, ...], highest: tuple[str, ...]
) -> str:
    quote = connection.ops.quote_name
    sets = [f"{quote(f.column)} = %s" for f in _fields(model, names)]
    for keep, fields in (("<", _fields(model, lowest)), (">", _fields(model, highest))):
        sets += [
            f"{quote(f.column)} = CASE WHEN %s {keep} {quote(f.column)} THEN %s"
            f" ELSE {quote(f.column)} END"
            for f in fields
        ]
    return f"UPDATE {quote(model._meta.db_table)} SET {', '.join(sets)} WHERE id = %s"  # noqa: S608


def update(
    model: type[Model],
    pk: int,
    values: dict[str, object],
    *,
    lowest: dict[str, object] | None = None,
    highest: dict[str, object] | None = None,
) -> None:
    """Set some columns of one row; a column in `lowest` (`highest`) takes the value only
    when it is lower (higher) than what the column holds, compared in SQL as stored (as the
    ORM's filters compare)."""
    lowest, highest = lowest or {}, highest or {}
    names, low, high = tuple(values), tuple(lowest), tuple(highest)
    if not (names or low or high):
        return
    params = _prepared(model, names, values.values())
    for kept, fields in ((lowest, low), (highest, high)):
        for value in _prepared(model, fields, kept.values()):
            params += [value, value]
    with connection.cursor() as cursor:
        cursor.execute(_update_sql(model, names, low, high), [*params, pk])
