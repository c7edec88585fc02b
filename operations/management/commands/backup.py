"""`manage.py backup`: a new backup set, then retention (see operations/backups.py).
Run daily by the `backup` service of docker-compose.yml."""

from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.files.storage import storages
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connections
from django.utils import timezone

from operations.backups import backup_create, backup_prune
from operations.postgres import BackupError, Database


class Command(BaseCommand):
    help = (
        "Backs up the database (pg_dump, custom format) and every media file into "
        "a timestamped set with a manifest of checksums, then deletes the sets "
        "that retention does not keep."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output-dir",
            type=Path,
            default=None,
            help="Where the sets are kept (default: BACKUP_DIR).",
        )
        parser.add_argument(
            "--keep-daily",
            type=int,
            default=None,
            help="Keep the newest set of each of the last N days (BACKUP_KEEP_DAILY).",
        )
        parser.add_argument(
            "--keep-weekly",
            type=int,
            default=None,
            help="Keep the newest set of each of the last N weeks "
            "(BACKUP_KEEP_WEEKLY).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        target = Path(options["output_dir"] or settings.BACKUP_DIR)
        daily = _count(options["keep_daily"], settings.BACKUP_KEEP_DAILY)
        weekly = _count(options["keep_weekly"], settings.BACKUP_KEEP_WEEKLY)
        if daily < 1:
            raise CommandError("Keep at least one daily backup.")
        database = Database.from_settings(connections["default"].settings_dict)
        try:
            made = backup_create(
                target=target,
                database=database,
                storage=storages["default"],
                now=timezone.now(),
            )
            removed = backup_prune(target=target, daily=daily, weekly=weekly)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Backup written: {made.path}")
        for path in removed:
            self.stdout.write(f"Deleted by retention: {path}")


def _count(given: int | None, default: int) -> int:
    return int(default if given is None else given)
