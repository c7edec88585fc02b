"""Rows streamed into PostgreSQL through COPY, with primary keys assigned here."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.db import connection, models

from devtools.scale.figures import COPY_CHUNK

# ---------------------------------------------------------------- COPY


_ESCAPE = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _cell(value: Any) -> str:
    """One value in COPY's text format."""
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, int | Decimal):
        return str(value)
    if isinstance(value, datetime.date):  # datetimes too
        return value.isoformat()
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False).translate(_ESCAPE)
    return str(value).translate(_ESCAPE)


class _CopyStream:
    """A file-like object COPY reads from: rows are formatted only as they are
    read, so a table of millions of rows never sits in memory."""

    def __init__(self, rows: Iterable[Sequence[Any]]) -> None:
        self._rows = iter(rows)
        self.count = 0

    def read(self, size: int = -1) -> bytes:
        lines: list[str] = []
        length = 0
        for row in self._rows:
            line = "\t".join([_cell(value) for value in row]) + "\n"
            lines.append(line)
            length += len(line)
            self.count += 1
            if length >= COPY_CHUNK:
                break
        return "".join(lines).encode()


def _column(model: type[models.Model], name: str) -> str:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field) or field.column is None:
        raise TypeError(f"{model.__name__}.{name} is not a column")
    return connection.ops.quote_name(field.column)


class Writer:
    """Writes rows with primary keys assigned here, and remembers the tables so
    that their sequences can be moved past those keys at the end."""

    def __init__(self) -> None:
        self.tables: list[str] = []

    def copy(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        rows: Iterable[Sequence[Any]],
    ) -> int:
        table = model._meta.db_table
        columns = ", ".join(_column(model, name) for name in fields)
        stream = _CopyStream(rows)
        # Table and column names come from the models, never from input.
        sql = f"COPY {connection.ops.quote_name(table)} ({columns}) FROM STDIN"
        with connection.cursor() as cursor:
            cursor.copy_expert(sql, stream, COPY_CHUNK)
        if table not in self.tables:
            self.tables.append(table)
        return stream.count

    def bulk(self, objects: Sequence[models.Model]) -> int:
        """Small tables without auto_now fields: the ORM, with our keys."""
        if not objects:
            return 0
        model = type(objects[0])
        model._default_manager.bulk_create(objects, batch_size=2000)
        if model._meta.db_table not in self.tables:
            self.tables.append(model._meta.db_table)
        return len(objects)

    def reset_sequences(self) -> None:
        with connection.cursor() as cursor:
            for table in self.tables:
                quoted = connection.ops.quote_name(table)
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608 - a model's table
                    f"COALESCE(MAX(id), 1), MAX(id) IS NOT NULL) FROM {quoted}",
                    [quoted],
                )
