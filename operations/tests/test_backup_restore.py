"""A backup restored into a new database and a new media folder is the portal as it
was: every table's rows, every document version, PDF, LP member and audit event,
every media file, identical."""

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from psycopg2 import sql

from audit.models import AuditEvent
from documents.models import DocumentVersion
from documents.services import document_version_create
from documents.tests.builders import gdynia_mid
from materials.models import Material
from materials.services import material_create
from materials.tests.files import pdf
from operations.backups import DUMP, MANIFEST, MEDIA, backup_sets
from operations.postgres import Database
from partnerships.models import PartnershipMember
from partnerships.tests.builders import add_members
from pdfs.jobs import pdf_render
from pdfs.models import JobState, RenderJob
from pdfs.services import pdf_request
from tests.support.world import World

# pg_dump reads the database from another process: the rows must be committed.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def media(settings: Any, tmp_path: Path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    return Path(settings.MEDIA_ROOT)


@pytest.fixture
def fresh_database() -> Iterator[Database]:
    """An empty database on the test server, dropped afterwards."""
    name = f"{connection.settings_dict['NAME']}_restored"
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        cursor.execute(f'CREATE DATABASE "{name}"')
    yield Database.from_settings(connection.settings_dict, name=name)
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _populate(world: World) -> None:
    """A document version with its PDF, LP members, a material file, the audit
    events all of these write."""
    version = document_version_create(
        document=gdynia_mid(world), actor=world.user("city_officer"), note="v1"
    )
    job = pdf_render(job_id=pdf_request(version=version, send=False).pk)
    assert job.state == JobState.READY, job.error
    add_members(world, 3)
    material_create(
        title="Zasady realizacji PIM",
        description="Zażółć gęślą jaźń",
        language=Material.Language.POLISH,
        visibility=Material.Visibility.PUBLIC,
        network=None,
        upload=pdf(),
        actor=world.user("ministry_admin"),
    )


ROWS = sql.SQL(
    "SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), ''))"
    " FROM {} t"
)


def _tables(database: Database) -> dict[str, tuple[int, str]]:
    """Every table of the public schema: its row count and the md5 of its rows
    (each row as text, in a fixed order)."""
    with database.connect() as db, db.cursor() as cursor:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
            "ORDER BY tablename"
        )
        names = [name for (name,) in cursor.fetchall()]
        found = {}
        for name in names:
            cursor.execute(ROWS.format(sql.Identifier(name)))
            count, digest = cursor.fetchone()
            found[name] = (count, digest)
    db.close()
    return found


def _files(root: Path) -> dict[str, str]:
    return {
        str(path.relative_to(root)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def test_a_restored_backup_holds_every_row_and_media_file_as_they_were(
    world: World, media: Path, fresh_database: Database, tmp_path: Path
) -> None:
    # given a portal with a document version and its PDF, LP members, a material
    # file and the audit events they wrote
    _populate(world)
    original = Database.from_settings(connection.settings_dict)
    before = _tables(original)
    for model in (DocumentVersion, RenderJob, PartnershipMember, AuditEvent):
        assert before[model._meta.db_table][0] > 0, model
    media_before = _files(media)
    assert any(name.startswith("pdf/") for name in media_before)
    assert len(media_before) >= 2
    # when it is backed up
    call_command("backup", output_dir=tmp_path / "backups")
    (backup,) = backup_sets(tmp_path / "backups")
    assert {p.name for p in backup.path.iterdir()} == {DUMP, MEDIA, MANIFEST}
    # and restored into a new database and a new media folder
    restored_media = tmp_path / "restored-media"
    call_command(
        "restore",
        str(backup.path),
        database=fresh_database.name,
        media_root=restored_media,
    )
    # then every table has the same rows, and every media file the same bytes
    assert _tables(fresh_database) == before
    assert _files(restored_media) == media_before


def test_restore_refuses_a_database_that_is_not_empty_and_a_damaged_set(
    world: World, media: Path, tmp_path: Path
) -> None:
    # given a backup set
    call_command("backup", output_dir=tmp_path / "backups")
    (backup,) = backup_sets(tmp_path / "backups")
    # when it is restored over the live database, then nothing is written
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup.path), media_root=tmp_path / "new")
    assert not (tmp_path / "new").exists()
    # when its dump is damaged, then it is refused before anything is written
    with (backup.path / DUMP).open("ab") as handle:
        handle.write(b"x")
    with pytest.raises(CommandError, match="does not match the manifest"):
        call_command("restore", str(backup.path), check_only=True)
