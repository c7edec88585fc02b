"""Development and the tests run the major versions of PostgreSQL and Redis that
production runs: the servers the test run is connected to (scripts/stack.py's
embedded ones, pinned by requirements-dev.lock) against docker-compose.yml's
images."""

import re
from pathlib import Path

import pytest
import redis
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
COMPOSE_FILE = ROOT / "docker-compose.yml"


def compose_images(name: str) -> list[str]:
    """The tags of every `image: <name>:<tag>` in docker-compose.yml."""
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    pattern = rf"^\s+image:\s*[\"']?{re.escape(name)}:([\w.-]+)"
    return re.findall(pattern, text, flags=re.MULTILINE)


def major(version: str) -> int:
    """18 from "18", "18.4", "18-bookworm", "18.4 (Debian 18.4-1)"; 8 from "8.2.3"."""
    found = re.match(r"\d+", version.strip())
    assert found is not None, version
    return int(found[0])


def test_versions_are_read_from_tags_and_server_answers() -> None:
    assert major("18-bookworm") == 18
    assert major("18.4 (Debian 18.4-1.pgdg120+1)") == 18
    assert major("8.2.3") == 8


@pytest.mark.django_db
def test_the_test_database_runs_the_postgresql_major_that_compose_runs() -> None:
    # given the image of compose's postgres service
    tags = compose_images("postgres")
    assert len(tags) == 1, tags
    # when the server the tests use is asked its version
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        (running,) = cursor.fetchone()
    # then the majors are the same
    assert major(running) == major(tags[0]), (running, tags[0])


def test_the_test_redis_runs_the_redis_major_that_compose_runs() -> None:
    # given the images of compose's Redis servers (the broker's, the cache's)
    tags = compose_images("redis")
    assert len(tags) == 2, tags
    # when the Redis the tests use is asked its version
    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        running = str(client.info("server")["redis_version"])
    finally:
        client.close()
    # then both images run its major
    assert {major(tag) for tag in tags} == {major(running)}, (running, tags)


def test_compose_keeps_postgresql_data_where_its_image_writes_them() -> None:
    # given compose's postgres image and its volume
    text = COMPOSE_FILE.read_text(encoding="utf-8")
    (tag,) = compose_images("postgres")
    mounts = re.findall(r"^\s+- postgres:(\S+)$", text, flags=re.MULTILINE)
    # then from 18 on the volume holds /var/lib/postgresql (the image keeps its data
    # in <major>/docker below it and refuses to start with a mount at .../data)
    expected = "/var/lib/postgresql" if major(tag) >= 18 else "/var/lib/postgresql/data"
    assert mounts == [expected]


def test_the_image_dumps_with_the_client_of_compose_s_postgresql() -> None:
    # given compose's postgres image and the client the portal's image installs
    (tag,) = compose_images("postgres")
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    clients = re.findall(r"\bpostgresql-client-(\d+)\b", dockerfile)
    # then pg_dump is of the server's major (an older one refuses to dump it)
    assert clients, "no postgresql-client in the image"
    assert {int(client) for client in clients} == {major(tag)}
