"""Migrations that are safe to run while the old code still serves.

An upgrade runs `migrate` once while the previous release's web processes and
workers keep serving (README, "Upgrading"), so every migration must leave a
schema the old code can still read and write:

- no table or column is dropped or renamed (the old code still selects it): a
  release stops using it, the next release drops it;
- a NOT NULL column added to an existing table has a database default
  (`db_default`), or the old code's INSERTs, which do not name the column, fail
  (a Python `default` is not enough: Django drops the column's DEFAULT after
  filling the existing rows);
- no column becomes NOT NULL, shorter, or of another type (the old code may
  still write NULLs, longer values or the old type).

A column added to a table created in the same release is safe: the old code does
not know the table. Operations that are only state (choices, verbose names,
ordering, permissions) change nothing in the database and are safe.

The checker reads the migration files (no database): `unsafe_operations` walks
every project migration in the order `migrate` applies them, keeping the
project state, and names each unsafe operation.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from django.apps import apps as django_apps
from django.conf import settings
from django.db import models
from django.db.migrations import operations as ops
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.migration import Migration
from django.db.migrations.operations.base import Operation
from django.db.migrations.state import ProjectState

MigrationKey = tuple[str, str]

# Words in hand-written SQL that drop or rename what the old code reads.
_UNSAFE_SQL = ("DROP COLUMN", "DROP TABLE", "RENAME COLUMN", "RENAME TO")


@dataclass(frozen=True)
class UnsafeOperation:
    migration: MigrationKey
    operation: str
    reason: str

    def __str__(self) -> str:
        app, name = self.migration
        return f"{app}.{name}: {self.operation}: {self.reason}"


def project_app_labels() -> set[str]:
    """The apps whose code lives in this repository (not installed packages)."""
    base = Path(settings.BASE_DIR).resolve()
    return {
        config.label
        for config in django_apps.get_app_configs()
        if Path(config.path).resolve().is_relative_to(base)
        and ".venv" not in Path(config.path).parts
    }


def project_migrations() -> list[Migration]:
    """Every migration of the project's apps, in the order `migrate` applies them."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    labels = project_app_labels()
    plan: list[MigrationKey] = []
    for leaf in sorted(loader.graph.leaf_nodes()):
        for key in loader.graph.forwards_plan(leaf):
            if key not in plan:
                plan.append(key)
    return [loader.graph.nodes[key] for key in plan if key[0] in labels]


def unsafe_operations(
    migrations: Iterable[Migration],
    *,
    state: ProjectState | None = None,
) -> list[UnsafeOperation]:
    """Each operation of `migrations` that the previous release could not survive.

    `migrations` are walked in the given order on top of `state` (an empty project
    when not given); a model created by any of them counts as new in this release.
    """
    state = state.clone() if state is not None else ProjectState()
    found: list[UnsafeOperation] = []
    created: set[tuple[str, str]] = set()
    for migration in migrations:
        key = (migration.app_label, migration.name)
        for operation in migration.operations:
            for reason in _reasons(operation, migration.app_label, state, created):
                found.append(UnsafeOperation(key, operation.describe(), reason))
            if isinstance(operation, ops.CreateModel):
                created.add((migration.app_label, operation.name_lower))
            operation.state_forwards(migration.app_label, state)
    return found


def _reasons(
    operation: Operation,
    app_label: str,
    state: ProjectState,
    created: set[tuple[str, str]],
) -> Iterator[str]:
    if isinstance(operation, ops.DeleteModel):
        yield "drops a table the old code still reads"
    elif isinstance(operation, ops.RemoveField):
        yield "drops a column the old code still reads"
    elif isinstance(operation, (ops.RenameModel, ops.RenameField)):
        yield "renames what the old code still reads by its old name"
    elif isinstance(operation, ops.AlterModelTable):
        yield "renames a table the old code still reads by its old name"
    elif isinstance(operation, ops.AddField):
        if (app_label, operation.model_name_lower) not in created:
            yield from _added_column_reasons(operation.field)
    elif isinstance(operation, ops.AlterField):
        old = state.models[app_label, operation.model_name_lower].fields[operation.name]
        yield from _altered_column_reasons(old, operation.field)
    elif isinstance(operation, ops.SeparateDatabaseAndState):
        # Only what reaches the database counts: a field removed from the state
        # alone keeps its column (the first of the two releases that drop one).
        for inner in operation.database_operations:
            yield from _reasons(inner, app_label, state, created)
    elif isinstance(operation, ops.RunSQL):
        sql = " ".join(str(part) for part in _sql_parts(operation.sql)).upper()
        for words in _UNSAFE_SQL:
            if words in sql:
                yield f"hand-written SQL with {words}"


def _added_column_reasons(field: models.Field) -> Iterator[str]:
    if field.many_to_many or field.null:
        return
    if field.db_default is models.NOT_PROVIDED:
        yield (
            "adds a NOT NULL column without a db_default to an existing table "
            "(the old code's inserts do not name it)"
        )


def _altered_column_reasons(old: models.Field, new: models.Field) -> Iterator[str]:
    if old.null and not new.null:
        yield "makes a column NOT NULL (the old code may still write NULL)"
    if type(old).__name__ != type(new).__name__ and not (
        old.is_relation and new.is_relation
    ):
        yield f"changes a column's type ({type(old).__name__} to {type(new).__name__})"
        return
    for attribute in ("max_length", "max_digits", "decimal_places"):
        before = getattr(old, attribute, None)
        after = getattr(new, attribute, None)
        if before is not None and after is not None and after < before:
            yield f"narrows {attribute} from {before} to {after}"


def _sql_parts(sql: object) -> Iterator[object]:
    if isinstance(sql, (list, tuple)):
        for part in sql:
            yield from _sql_parts(part[0] if isinstance(part, tuple) else part)
    else:
        yield sql
