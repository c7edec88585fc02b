"""Every migration can run while the previous release still serves (README, Upgrading).

The rule is in tests/support/migration_safety.py. Migrations already released are
checked one by one (we do not know which of them went out together); the ones not
released yet are checked as one release, so a column added to a table created in
the same release is fine. After a release, move its last migration of each app
into RELEASED.
"""

import pytest
from django.apps import apps as django_apps
from django.db import connection, migrations, models
from django.db.migrations.migration import Migration
from django.db.migrations.state import ModelState, ProjectState

from tests.support.migration_safety import (
    MigrationKey,
    project_migrations,
    unsafe_operations,
)

# The last released migration of each app; an app not named has released none.
RELEASED: dict[str, str] = {
    "accounts": "0002_confirm_login_addresses",
    "audit": "0007_application_decided",
    "documents": "0002_versions_append_only",
    "materials": "0002_versions_append_only",
    "meetings": "0003_indexes_for_national_scale",
    "networks": "0002_alter_network_options_networkgroupobjectpermission_and_more",
    "organisations": "0002_alter_organisation_options_invitation_and_more",
    "partnerships": "0003_localpartnership_version",
    "pdfs": "0003_failure_kind",
    "recruitment": "0001_initial",
}

# Migrations that break the rule, each with why that is safe or why it stays. A
# released migration is never edited: it has already run on every install. A new
# one is here only as the second of two releases (README, Upgrading), e.g. "drops
# the column that release X stopped using" or "NOT NULL: release X writes it on
# every insert and filled the old rows".
ALLOWED: dict[MigrationKey, str] = {
    ("partnerships", "0003_localpartnership_version"): (
        "released on 2026-11-26 before this check: the LP's NOT NULL version "
        "column had no database default; it has run on every install"
    ),
    ("pdfs", "0003_failure_kind"): (
        "released before this check: the NOT NULL failure columns of PDF jobs "
        "and bundles had no database default; it has run on every install"
    ),
}


def _is_released(migration: Migration) -> bool:
    last = RELEASED.get(migration.app_label)
    return last is not None and migration.name <= last


def test_migrations_not_released_yet_are_safe_while_the_old_code_serves() -> None:
    # given every migration of the project, in the order migrate applies them
    every = project_migrations()
    released = [migration for migration in every if _is_released(migration)]
    next_release = [migration for migration in every if not _is_released(migration)]
    state = ProjectState()
    for migration in released:
        migration.mutate_state(state, preserve=False)

    # when the next release's migrations are checked as one release
    found = unsafe_operations(next_release, state=state)

    # then none drops, renames or narrows a column, or adds a NOT NULL one
    # without a database default to a table the old code writes, unless allowed
    assert [str(unsafe) for unsafe in found if unsafe.migration not in ALLOWED] == []
    # and an allowance for a new migration still matches something
    next_keys = {(migration.app_label, migration.name) for migration in next_release}
    allowed_next = {key for key in ALLOWED if key in next_keys}
    assert allowed_next <= {unsafe.migration for unsafe in found}


def test_each_released_migration_named_exists() -> None:
    # given the migrations on disk
    on_disk = {(m.app_label, m.name) for m in project_migrations()}
    # then every "last released" name is one of them (a typo would release nothing)
    assert {(app, name) for app, name in RELEASED.items()} <= on_disk


@pytest.mark.django_db
def test_not_null_columns_of_the_next_release_have_their_default_in_the_database() -> (
    None
):
    # given the NOT NULL columns the next release adds to tables of earlier releases
    added = [
        (migration.app_label, operation.model_name_lower, operation.name)
        for migration in project_migrations()
        if not _is_released(migration)
        for operation in migration.operations
        if isinstance(operation, migrations.AddField)
        and not operation.field.null
        and not operation.field.many_to_many
    ]
    existing_tables = {
        (migration.app_label, operation.name_lower)
        for migration in project_migrations()
        if _is_released(migration)
        for operation in migration.operations
        if isinstance(operation, migrations.CreateModel)
    }
    columns = []
    for app, model_name, field_name in added:
        if (app, model_name) in existing_tables:
            model = django_apps.get_model(app, model_name)
            field = model._meta.get_field(field_name)
            columns.append((model._meta.db_table, field.column))
    assert columns  # the check below looks at something

    # when the migrated test database is asked for their defaults
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns"
            " WHERE column_default IS NOT NULL AND table_schema = current_schema()"
        )
        with_default = set(cursor.fetchall())

    # then each has one, so an INSERT by the old code that does not name it works
    assert [column for column in columns if column not in with_default] == []


def test_released_migrations_break_the_rule_only_where_allowed() -> None:
    # given the released migrations, each one taken as its own release
    state = ProjectState()
    flagged: set[MigrationKey] = set()
    for migration in project_migrations():
        if not _is_released(migration):
            continue
        # when each is checked on top of the ones before it
        found = unsafe_operations([migration], state=state)
        flagged.update(unsafe.migration for unsafe in found)
        migration.mutate_state(state, preserve=False)

    # then the flagged ones are exactly the allowed ones (an allowance that no
    # longer matches anything is stale and goes too)
    released = {(m.app_label, m.name) for m in project_migrations() if _is_released(m)}
    assert flagged == {key for key in ALLOWED if key in released}
    assert all(reason.strip() for reason in ALLOWED.values())


def _existing_table_state() -> ProjectState:
    state = ProjectState()
    state.add_model(
        ModelState(
            "shop",
            "Item",
            [
                ("id", models.AutoField(primary_key=True)),
                ("name", models.CharField(max_length=100)),
                ("note", models.TextField(null=True)),
            ],
        )
    )
    return state


def _migration(*operations: migrations.operations.base.Operation) -> Migration:
    # A migration file's class, as the loader would find it in shop/migrations/.
    change = type("Migration", (Migration,), {"operations": list(operations)})
    return change("0002_change", "shop")


def test_the_checker_names_each_operation_the_old_code_cannot_survive() -> None:
    # given a table the old code reads and writes
    state = _existing_table_state()
    # when a migration drops, renames, narrows and adds columns without db_default
    bad = _migration(
        migrations.AddField("item", "flag", models.BooleanField(default=False)),
        migrations.AlterField("item", "name", models.CharField(max_length=50)),
        migrations.AlterField("item", "note", models.TextField(default="")),
        migrations.RenameField("item", "name", "title"),
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RemoveField("item", "note")]
        ),
        migrations.RunSQL("ALTER TABLE shop_item DROP COLUMN legacy"),
        migrations.DeleteModel("item"),
    )
    found = unsafe_operations([bad], state=state)

    # then each of them is named, with its reason
    reasons = [unsafe.reason for unsafe in found]
    assert reasons == [
        "adds a NOT NULL column without a db_default to an existing table "
        "(the old code's inserts do not name it)",
        "narrows max_length from 100 to 50",
        "makes a column NOT NULL (the old code may still write NULL)",
        "renames what the old code still reads by its old name",
        "drops a column the old code still reads",
        "hand-written SQL with DROP COLUMN",
        "drops a table the old code still reads",
    ]
    assert all(unsafe.migration == ("shop", "0002_change") for unsafe in found)


def test_the_checker_lets_through_what_the_old_code_survives() -> None:
    # given a table the old code reads and writes
    state = _existing_table_state()
    # when columns get a database default or NULL, widen, and a new table grows
    good = _migration(
        migrations.AddField(
            "item", "flag", models.BooleanField(default=False, db_default=False)
        ),
        migrations.AddField("item", "extra", models.TextField(null=True)),
        migrations.AlterField("item", "name", models.CharField(max_length=200)),
        migrations.CreateModel("Label", [("id", models.AutoField(primary_key=True))]),
        migrations.AddField("label", "text", models.TextField(default="")),
        # the first of two releases: the model forgets the column, which stays
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.RemoveField("item", "note")]
        ),
    )

    # then nothing is named
    assert unsafe_operations([good], state=state) == []
