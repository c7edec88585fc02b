"""`manage.py restore SET`: a backup set into an empty database and media storage."""

from pathlib import Path
from typing import Any

from django.core.files.storage import FileSystemStorage, Storage, storages
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections

from operations.backups import backup_restore, backup_verify
from operations.postgres import BackupError, Database


class Command(BaseCommand):
    help = (
        "Restores a backup set (a folder written by `manage.py backup`) into an "
        "empty database and an empty media storage, after checking every checksum "
        "of its manifest. Refuses a database with tables or a storage with files."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("set", type=Path, help="The backup set's folder.")
        parser.add_argument(
            "--database",
            default=None,
            help="The name of an empty database on the configured server "
            "(default: the configured database, which must be empty).",
        )
        parser.add_argument(
            "--media-root",
            type=Path,
            default=None,
            help="An empty local folder for the media (default: the configured "
            "storage, local MEDIA_ROOT or the S3 bucket, which must be empty).",
        )
        parser.add_argument(
            "--check-only",
            action="store_true",
            help="Only check the set against its manifest; write nothing.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        source: Path = options["set"]
        try:
            if options["check_only"]:
                manifest = backup_verify(source)
                self.stdout.write(
                    f"{source}: complete, taken at {manifest['taken_at']}, "
                    f"{len(manifest['media'])} media files."
                )
                return
            database = Database.from_settings(
                connections["default"].settings_dict, name=options["database"]
            )
            storage: Storage = (
                FileSystemStorage(location=options["media_root"])
                if options["media_root"]
                else storages["default"]
            )
            restored = backup_restore(source=source, database=database, storage=storage)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"Restored {source} into database {database.name!r} "
            f"and {restored} media files."
        )
