"""PostgreSQL's own tools, run as child processes: `pg_dump` and `pg_restore` from
PG_BIN_DIR (the embedded server's binaries in development and tests) or, when it is
empty, from PATH (the production image's `postgresql-client`)."""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg2
from django.conf import settings


class BackupError(Exception):
    """A backup or a restore that cannot go on; the message says why."""


@dataclass(frozen=True)
class Database:
    """Where to connect: the fields of a Django DATABASES entry that libpq needs."""

    name: str
    user: str = ""
    password: str = ""
    host: str = ""
    port: str = ""
    sslmode: str = ""

    @classmethod
    def from_settings(cls, entry: dict[str, Any], name: str | None = None) -> Database:
        # A socket folder may come as `?host=` in DATABASE_URL, hence in OPTIONS.
        options = entry.get("OPTIONS") or {}
        return cls(
            name=name or str(entry["NAME"]),
            user=str(entry.get("USER") or ""),
            password=str(entry.get("PASSWORD") or ""),
            host=str(entry.get("HOST") or options.get("host") or ""),
            port=str(entry.get("PORT") or options.get("port") or ""),
            sslmode=str(options.get("sslmode") or ""),
        )

    def environment(self) -> dict[str, str]:
        """libpq's variables: the password never appears on a command line."""
        values = {
            "PGDATABASE": self.name,
            "PGUSER": self.user,
            "PGPASSWORD": self.password,
            "PGHOST": self.host,
            "PGPORT": self.port,
            "PGSSLMODE": self.sslmode,
        }
        base = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
        return base | {k: v for k, v in values.items() if v}

    def connect(self) -> Any:
        return psycopg2.connect(
            dbname=self.name,
            user=self.user or None,
            password=self.password or None,
            host=self.host or None,
            port=self.port or None,
            sslmode=self.sslmode or None,
        )

    def table_count(self) -> int:
        """How many tables the database's public schema holds (0: a fresh one)."""
        with self.connect() as connection, connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")
            (count,) = cursor.fetchone()
        connection.close()
        return int(count)


def binary(name: str) -> str:
    folder = str(getattr(settings, "PG_BIN_DIR", "") or "")
    found = (
        str(Path(folder) / name)
        if folder and (Path(folder) / name).is_file()
        else shutil.which(name)
    )
    if not found:
        raise BackupError(
            f"{name} not found: install postgresql-client (the server's major "
            "version or newer) or set PG_BIN_DIR to the folder that holds it."
        )
    return found


def version(name: str) -> str:
    return _run([binary(name), "--version"], env=dict(os.environ)).strip()


def dump(database: Database, target: Path) -> None:
    """The whole database in pg_dump's custom format: compressed, restorable into a
    server of the same or a newer major version, table by table if need be."""
    _run(
        [binary("pg_dump"), "--format=custom", "--file", str(target)],
        env=database.environment(),
    )


def restore(database: Database, source: Path) -> None:
    """Loads a dump into an empty database, all or nothing. The owner and grants
    of the old server are left out: the restoring user owns everything."""
    _run(
        [
            binary("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--exit-on-error",
            "--single-transaction",
            "--dbname",
            database.name,
            str(source),
        ],
        env=database.environment(),
    )


def _run(command: list[str], *, env: dict[str, str]) -> str:
    # The program is PostgreSQL's own (binary()); the arguments are paths and names
    # from settings, in a list: no shell.
    result = subprocess.run(  # noqa: S603
        command, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise BackupError(
            f"{Path(command[0]).name} failed ({result.returncode}): "
            f"{result.stderr.strip()}"
        )
    return result.stdout
