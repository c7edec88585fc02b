"""Backup sets: one folder per backup, named by its UTC time (`pim-20270115T020000Z`),
holding the database (`database.dump`, pg_dump's custom format), every file of the
media storage (`media.tar`) and `manifest.json` with the checksums of both and of
each media file. A set is written under `<name>.partial` and renamed when complete,
so a folder with the plain name is always whole. Retention keeps the newest set of
each of the last N days and of the last N weeks; restore checks every checksum
before it writes anything, and writes only into an empty database and storage."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import tarfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

from django.core.files import File
from django.core.files.storage import Storage

from operations import postgres
from operations.postgres import BackupError, Database

FORMAT = 1
DUMP = "database.dump"
MEDIA = "media.tar"
MANIFEST = "manifest.json"
SET_NAME = re.compile(r"^pim-(\d{8}T\d{6}Z)$")
STAMP = "%Y%m%dT%H%M%SZ"
PARTIAL = ".partial"
# A `.partial` folder this old is a backup that died: retention removes it.
STALE_PARTIAL_SECONDS = 24 * 3600
CHUNK = 1024 * 1024


@dataclass(frozen=True)
class BackupSet:
    path: Path
    taken_at: datetime


def backup_create(
    *, target: Path, database: Database, storage: Storage, now: datetime
) -> BackupSet:
    """Writes a new set under `target`: the dump, the media archive, the manifest."""
    taken_at = now.astimezone(UTC).replace(microsecond=0)
    final = target / f"pim-{taken_at.strftime(STAMP)}"
    partial = final.with_name(final.name + PARTIAL)
    if final.exists() or partial.exists():
        raise BackupError(f"{final} exists already: one backup per second at most.")
    partial.mkdir(parents=True)
    try:
        postgres.dump(database, partial / DUMP)
        files = media_archive(storage, partial / MEDIA, taken_at)
        manifest = {
            "format": FORMAT,
            "taken_at": taken_at.isoformat(),
            "database": {
                "name": database.name,
                "pg_dump": postgres.version("pg_dump"),
            },
            "storage": type(storage).__module__ + "." + type(storage).__name__,
            "files": {name: _checksum(partial / name) for name in (DUMP, MEDIA)},
            "media": files,
        }
        (partial / MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8"
        )
        partial.rename(final)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    return BackupSet(path=final, taken_at=taken_at)


def backup_sets(target: Path) -> list[BackupSet]:
    """The complete sets under `target`, newest first."""
    if not target.is_dir():
        return []
    found = []
    for child in target.iterdir():
        match = SET_NAME.match(child.name)
        if match and child.is_dir() and (child / MANIFEST).is_file():
            taken_at = datetime.strptime(match.group(1), STAMP).replace(tzinfo=UTC)
            found.append(BackupSet(path=child, taken_at=taken_at))
    return sorted(found, key=lambda item: item.taken_at, reverse=True)


def sets_to_keep(sets: list[BackupSet], *, daily: int, weekly: int) -> list[BackupSet]:
    """The newest set of each of the `daily` most recent days that have one, and of
    each of the `weekly` most recent ISO weeks that have one (days and weeks in
    UTC). The newest set of all is always kept."""
    newest_first = sorted(sets, key=lambda item: item.taken_at, reverse=True)
    keep: list[BackupSet] = newest_first[:1]
    for periods, period_of in (
        (daily, lambda at: at.date().isoformat()),
        (weekly, lambda at: "{}-W{:02d}".format(*at.isocalendar()[:2])),
    ):
        seen: set[str] = set()
        for item in newest_first:
            period = period_of(item.taken_at)
            if period in seen:
                continue
            if len(seen) == periods:
                break
            seen.add(period)
            if item not in keep:
                keep.append(item)
    return keep


def backup_prune(*, target: Path, daily: int, weekly: int) -> list[Path]:
    """Deletes the sets retention does not keep, and `.partial` folders of backups
    that died; returns what it deleted."""
    sets = backup_sets(target)
    keep = sets_to_keep(sets, daily=daily, weekly=weekly)
    removed = [item.path for item in sets if item not in keep]
    if target.is_dir():
        cutoff = time.time() - STALE_PARTIAL_SECONDS
        removed += [
            child
            for child in target.iterdir()
            if child.name.endswith(PARTIAL)
            and SET_NAME.match(child.name.removesuffix(PARTIAL))
            and child.stat().st_mtime < cutoff
        ]
    for path in removed:
        shutil.rmtree(path)
    return removed


def backup_verify(source: Path) -> dict[str, Any]:
    """The set's manifest, once the dump and the archive match its checksums."""
    try:
        manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise BackupError(f"{source} is not a backup set: {error}") from error
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{source}: unknown format {manifest.get('format')!r}.")
    for name, expected in manifest["files"].items():
        if name not in (DUMP, MEDIA):
            raise BackupError(f"{source}: unexpected file {name!r} in the manifest.")
        if not (source / name).is_file() or _checksum(source / name) != expected:
            raise BackupError(f"{source / name} does not match the manifest.")
    return dict(manifest)


def backup_restore(*, source: Path, database: Database, storage: Storage) -> int:
    """Restores a set into an empty database and an empty storage; returns the
    number of media files restored. Nothing is overwritten: a database with tables
    or a storage with files is refused before anything is written."""
    manifest = backup_verify(source)
    if database.table_count():
        raise BackupError(
            f"Database {database.name!r} is not empty: restore into a new database."
        )
    if next(_walk(storage), None) is not None:
        raise BackupError("The media storage is not empty: restore into a new one.")
    postgres.restore(database, source / DUMP)
    return media_restore(source / MEDIA, storage, manifest["media"])


# ---------------------------------------------------------------- media archive


def _walk(storage: Storage, folder: str = "") -> Iterator[str]:
    """Every file name in the storage, through the storage's own API (the same
    for a local folder and an S3 bucket)."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:  # a local media folder not made yet
        return
    for name in sorted(files):
        yield f"{folder}{name}"
    for name in sorted(folders):
        yield from _walk(storage, f"{folder}{name}/")


class _Hashing:
    """A reader that hashes what passes through it (tarfile reads it once)."""

    def __init__(self, handle: IO[bytes]) -> None:
        self.handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        data = self.handle.read(size)
        self.digest.update(data)
        return data


def media_archive(
    storage: Storage, target: Path, taken_at: datetime
) -> dict[str, dict[str, Any]]:
    """Every file of the storage into a tar at `target`; returns each file's size
    and sha256 by name (the manifest's `media`)."""
    # Uncompressed: the media are PDFs, images and office files, compressed already.
    files: dict[str, dict[str, Any]] = {}
    with tarfile.open(target, "w", format=tarfile.PAX_FORMAT) as archive:
        for name in _walk(storage):
            info = tarfile.TarInfo(name)
            info.size = storage.size(name)
            info.mtime = int(taken_at.timestamp())
            info.mode = 0o644
            with storage.open(name, "rb") as handle:
                reader = _Hashing(handle)
                archive.addfile(info, reader)  # type: ignore[arg-type]
            files[name] = {"size": info.size, "sha256": reader.digest.hexdigest()}
    return files


def media_restore(
    source: Path, storage: Storage, expected: dict[str, dict[str, Any]]
) -> int:
    """The files of the tar at `source` into the storage, each under its own name
    and only if its bytes match `expected`; returns how many were written."""
    restored = 0
    with tarfile.open(source, "r") as archive:
        for member in archive:
            entry = expected.get(member.name)
            handle = archive.extractfile(member) if member.isfile() else None
            if entry is None or handle is None:
                raise BackupError(f"{member.name!r} in the archive is not listed.")
            with handle:
                if _checksum_of(handle) != entry["sha256"]:
                    raise BackupError(f"{member.name!r} does not match the manifest.")
                handle.seek(0)
                saved = storage.save(member.name, File(handle, name=member.name))
            if saved != member.name:
                raise BackupError(f"{member.name!r} was stored as {saved!r}.")
            restored += 1
    if restored != len(expected):
        raise BackupError(f"{restored} media files restored, {len(expected)} listed.")
    return restored


def _checksum(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        return {"size": path.stat().st_size, "sha256": _checksum_of(handle)}


def _checksum_of(handle: IO[bytes]) -> str:
    digest = hashlib.sha256()
    while chunk := handle.read(CHUNK):
        digest.update(chunk)
    return digest.hexdigest()
