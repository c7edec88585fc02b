"""Several machines on one: web nodes (gunicorn, as in production), Celery workers
and an S3-compatible object store (moto's server), each a real process on
127.0.0.1, sharing the test's PostgreSQL database and Redis. Each web node and
worker has a media folder of its own, which must stay empty: media live in the
bucket."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import boto3
import requests
from django.conf import settings

from pim_portal.celery import app
from tests.support.worker import worker_environment

ROOT = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
BUCKET = "pim-media"
# moto accepts any keys; these only have to be the same on every machine.
S3_KEYS = {"S3_ACCESS_KEY": "pim-test-access", "S3_SECRET_KEY": "pim-test-secret"}
S3_REGION = "eu-central-1"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Machines:
    """What the test talks to: the web nodes' base URLs, the bucket's client and
    every machine's own media folder."""

    web: list[str]
    s3: Any  # a boto3 S3 client on the local store
    media_folders: list[Path]
    logs: Path
    processes: list[subprocess.Popen[bytes]] = field(default_factory=list)

    def bucket_keys(self) -> list[str]:
        listed = self.s3.list_objects_v2(Bucket=BUCKET)
        return sorted(item["Key"] for item in listed.get("Contents", []))

    def media_on_local_disks(self) -> list[Path]:
        return sorted(p for f in self.media_folders for p in f.rglob("*"))

    def log_tail(self) -> str:
        return "\n".join(
            f"--- {log.name}\n" + log.read_text(errors="replace")[-3000:]
            for log in sorted(self.logs.glob("*.log"))
        )


@contextlib.contextmanager
def several_machines(*, web_nodes: int = 2, workers: int = 2) -> Iterator[Machines]:
    """Starts the object store, then the web nodes and the workers side by side,
    waits until every one answers, and stops them all (whole process groups)."""
    work = Path(tempfile.mkdtemp(prefix="pim-machines-"))
    logs = work / "logs"
    logs.mkdir()
    processes: list[subprocess.Popen[bytes]] = []
    try:
        s3_port = free_port()
        endpoint = f"http://127.0.0.1:{s3_port}"
        moto = [str(BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(s3_port)]
        processes.append(_start(moto, logs / "s3.log", dict(os.environ)))
        _wait_for_port(s3_port, processes[-1], "the S3 server")
        s3 = boto3.client(
            "s3",
            endpoint_url=endpoint,
            region_name=S3_REGION,
            aws_access_key_id=S3_KEYS["S3_ACCESS_KEY"],
            aws_secret_access_key=S3_KEYS["S3_SECRET_KEY"],
        )
        s3.create_bucket(
            Bucket=BUCKET, CreateBucketConfiguration={"LocationConstraint": S3_REGION}
        )
        shared = {
            **{k: v for k, v in os.environ.items() if k != "PYTEST_XDIST_WORKER"},
            **worker_environment(),  # the test database, tasks through the broker
            "REDIS_URL": str(app.conf.broker_url),
            "CACHE_REDIS_URL": settings.CACHES["default"]["LOCATION"],
            "STORAGE_BACKEND": "s3",
            "S3_BUCKET": BUCKET,
            "S3_ENDPOINT_URL": endpoint,
            "S3_REGION": S3_REGION,
            **S3_KEYS,
        }
        media_folders: list[Path] = []

        def own_media(name: str) -> dict[str, str]:
            folder = work / f"media-{name}"
            folder.mkdir()
            media_folders.append(folder)
            # MEDIA_ROOT as production reads it; the test settings read the other.
            own = {"MEDIA_ROOT": str(folder), "PIM_TEST_MEDIA_ROOT": str(folder)}
            return {**shared, **own}

        web: list[tuple[int, subprocess.Popen[bytes]]] = []
        for n in range(web_nodes):
            port = free_port()
            gunicorn = [str(BIN / "gunicorn"), "-c", "gunicorn.conf.py"]
            gunicorn += ["--bind", f"127.0.0.1:{port}", "--workers", "1"]
            gunicorn += ["pim_portal.wsgi:application"]
            process = _start(gunicorn, logs / f"web-{n}.log", own_media(f"web-{n}"))
            processes.append(process)
            web.append((port, process))
        for n in range(workers):
            celery = [str(BIN / "celery"), "-A", "pim_portal", "worker"]
            celery += ["--hostname", f"machine-{n}@127.0.0.1", "--pool", "solo"]
            celery += ["--queues", "celery,pdf", "--loglevel", "WARNING"]
            celery += ["--without-mingle", "--without-gossip"]
            env = own_media(f"worker-{n}")
            processes.append(_start(celery, logs / f"worker-{n}.log", env))
        for port, process in web:
            _wait_for_health(port, process)
        _wait_for_workers(workers, processes)
        yield Machines(
            web=[f"http://127.0.0.1:{port}" for port, _ in web],
            s3=s3,
            media_folders=media_folders,
            logs=logs,
            processes=processes,
        )
    finally:
        _stop_all(processes)
        # The logs were printed by a failing test; media folders hold nothing.
        shutil.rmtree(work, ignore_errors=True)


def _start(args: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        # A session of its own: stopping it stops its children (gunicorn's workers).
        return subprocess.Popen(
            args,
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop_all(processes: list[subprocess.Popen[bytes]]) -> None:
    """SIGTERM to every machine at once (they shut down side by side), SIGKILL to
    any still running after ten seconds."""
    for process in processes:
        if process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for process in processes:
        try:
            process.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


STARTUP = 40.0


def _wait_for_port(port: int, process: subprocess.Popen[bytes], what: str) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline and process.poll() is None:
        with (
            contextlib.suppress(OSError),
            socket.create_connection(("127.0.0.1", port), timeout=0.5),
        ):
            return
        time.sleep(0.1)
    raise RuntimeError(f"{what} did not start")


def _wait_for_health(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline and process.poll() is None:
        with contextlib.suppress(requests.RequestException):
            if requests.get(f"http://127.0.0.1:{port}/healthz", timeout=2).ok:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the web node on port {port} did not start")


def _wait_for_workers(count: int, processes: list[subprocess.Popen[bytes]]) -> None:
    deadline = time.monotonic() + STARTUP
    while time.monotonic() < deadline:
        if len(app.control.ping(timeout=0.5) or []) >= count:
            return
        if any(process.poll() is not None for process in processes):
            break
    raise RuntimeError(f"{count} Celery workers did not start")
