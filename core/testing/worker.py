"""A real Celery worker process for tests, on the test run's real Redis."""

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from pim_portal.celery import app

ROOT = Path(__file__).resolve().parent.parent.parent


@contextmanager
def celery_worker(timeout: float = 60) -> Iterator[subprocess.Popen[bytes]]:
    celery = Path(sys.executable).parent / "celery"
    process = subprocess.Popen(
        [
            str(celery),
            "-A",
            "pim_portal",
            "worker",
            "--pool",
            "solo",
            "--loglevel",
            "WARNING",
            "--without-mingle",
            "--without-gossip",
        ],
        cwd=ROOT,
        env=dict(os.environ),
    )
    eager, app.conf.task_always_eager = app.conf.task_always_eager, False
    try:
        deadline = time.monotonic() + timeout
        while not app.control.ping(timeout=0.5):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the Celery worker did not start")
        yield process
    finally:
        app.conf.task_always_eager = eager
        process.terminate()
        process.wait(timeout=30)
