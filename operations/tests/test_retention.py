"""Retention: the newest set of each of the last N days and N weeks stays, the rest
goes; unfinished sets of a backup that died go too, a running one stays."""

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from operations.backups import MANIFEST, backup_prune, backup_sets


def _set(root: Path, at: datetime) -> Path:
    path = root / f"pim-{at:%Y%m%dT%H%M%SZ}"
    path.mkdir(parents=True)
    (path / MANIFEST).write_text("{}")
    return path


def test_retention_keeps_the_newest_set_of_each_recent_day_and_week(
    tmp_path: Path,
) -> None:
    # given two sets a day for 30 days, the newest on Sunday 2027-01-31
    last = datetime(2027, 1, 31, 23, 0, tzinfo=UTC)
    for day in range(30):
        for hour in (2, 23):
            _set(tmp_path, (last - timedelta(days=day)).replace(hour=hour))
    # when retention keeps 3 days and 2 weeks
    removed = backup_prune(target=tmp_path, daily=3, weekly=2)
    # then the newest of each of the last 3 days stays, and the newest of the week
    # before (Sunday 2027-01-24); nothing else
    kept = [item.taken_at for item in backup_sets(tmp_path)]
    assert kept == [
        datetime(2027, 1, 31, 23, 0, tzinfo=UTC),
        datetime(2027, 1, 30, 23, 0, tzinfo=UTC),
        datetime(2027, 1, 29, 23, 0, tzinfo=UTC),
        datetime(2027, 1, 24, 23, 0, tzinfo=UTC),
    ]
    assert len(removed) == 60 - 4


def test_retention_removes_a_dead_unfinished_set_but_not_a_running_one(
    tmp_path: Path,
) -> None:
    # given a complete set, a `.partial` set two days old and one just started
    complete = _set(tmp_path, datetime(2027, 1, 31, 2, 0, tzinfo=UTC))
    dead = tmp_path / "pim-20270129T020000Z.partial"
    running = tmp_path / "pim-20270131T030000Z.partial"
    dead.mkdir()
    running.mkdir()
    two_days_ago = time.time() - 2 * 24 * 3600
    os.utime(dead, (two_days_ago, two_days_ago))
    # when retention runs
    removed = backup_prune(target=tmp_path, daily=7, weekly=4)
    # then only the dead one is gone; an unfinished set is never listed as a set
    assert removed == [dead]
    assert complete.exists() and running.exists()
    assert [item.path for item in backup_sets(tmp_path)] == [complete]
