"""The cache backend when Redis does not answer: every operation is a miss or is
skipped, as Django's callers expect of a cache that lost everything, and the
failure is logged once, not once per call."""

import logging
import socket
from collections.abc import Iterator

import pytest
from django.core.cache import cache, caches
from django.test import override_settings

from core import redis_cache
from core.page_cache import generations
from core.redis_cache import FailureLog, PortalRedisCache


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # nothing listens once it is closed


@pytest.fixture
def failures(monkeypatch: pytest.MonkeyPatch) -> FailureLog:
    log = FailureLog(every=60)
    monkeypatch.setattr(redis_cache, "FAILURES", log)
    return log


@pytest.fixture
def down() -> Iterator[None]:
    """A cache whose Redis does not answer."""
    location = f"redis://127.0.0.1:{_closed_port()}/0"
    options = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
    with override_settings(
        CACHES={
            "default": {
                "BACKEND": "core.redis_cache.PortalRedisCache",
                "LOCATION": location,
                "OPTIONS": options,
            }
        }
    ):
        assert isinstance(caches["default"], PortalRedisCache)
        yield


def test_a_cache_that_does_not_answer_misses_and_skips_writes(
    down: None, failures: FailureLog
) -> None:
    # when every operation is tried while Redis does not answer
    # then reads miss, writes are skipped, and nothing raises
    assert cache.get("k") is None
    assert cache.get("k", "fallback") == "fallback"
    assert cache.get_many(["k", "l"]) == {}
    assert "k" not in cache
    assert cache.get_or_set("k", "computed") == "computed"
    cache.set("k", "v")
    assert cache.set_many({"k": "v", "l": "w"}) == ["k", "l"]  # none stored
    assert cache.touch("k") is False
    assert cache.delete("k") is False
    cache.delete_many(["k", "l"])
    cache.clear()
    # and an `add` says stored: a lock taken with it (allauth's throttle) goes on
    assert cache.add("lock", True) is True
    # and a counter is missing, as Django says of a key it does not have
    with pytest.raises(ValueError, match="not found"):
        cache.incr("counter")
    with pytest.raises(ValueError, match="not found"):
        cache.decr("counter")


def test_a_cache_failure_is_logged_once_not_per_call(
    down: None,
    failures: FailureLog,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    clock = [1000.0]
    monkeypatch.setattr(redis_cache.time, "monotonic", lambda: clock[0])
    caplog.set_level(logging.WARNING, logger="core.redis_cache")
    # when a hundred reads and writes fail within a minute
    for n in range(50):
        cache.get(f"k{n}")
        cache.set(f"k{n}", n)
        clock[0] += 0.5
    # then one line is logged, naming the operation and the error
    lines = [r.getMessage() for r in caplog.records if r.name == "core.redis_cache"]
    assert len(lines) == 1
    assert "Redis cache get failed, treated as a miss (ConnectionError" in lines[0]
    # when the outage goes on past the minute
    clock[0] += 60
    cache.set_many({"k": 1})
    # then one more line says how many failed without a line of their own
    lines = [r.getMessage() for r in caplog.records if r.name == "core.redis_cache"]
    assert len(lines) == 2
    assert "set_many failed" in lines[1]
    assert "99 more failures since the last warning" in lines[1]


def test_kept_parts_get_generations_of_the_moment_while_redis_does_not_answer(
    down: None, failures: FailureLog
) -> None:
    # when the parts' generations are asked for while Redis does not answer
    first = generations("a", "b")
    # then each has one, and no two requests share one (nothing is kept under it)
    assert all(isinstance(generation, int) for generation in first)
    assert generations("a") != first[:1]
