"""Parts of pages kept in Redis, and the generations they are keyed by
(core/page_cache.py)."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from core.page_cache import (
    cached_count,
    cached_text,
    generations,
    new_generation,
    release,
)


@pytest.mark.django_db
def test_a_new_generation_is_never_one_a_part_was_kept_under(
    django_capture_on_commit_callbacks,
) -> None:
    # given a generation that parts were kept under
    (first,) = generations("test:parts")
    assert generations("test:parts") == (first,)

    # when the data changes, then the generation is a new one
    with django_capture_on_commit_callbacks(execute=True):
        new_generation("test:parts")
    (second,) = generations("test:parts")
    assert second > first

    # and when Redis loses the key, the next generation is newer still
    cache.delete("generation:test:parts")
    (third,) = generations("test:parts")
    assert third > second
    cache.delete("generation:test:parts")
    with django_capture_on_commit_callbacks(execute=True):
        new_generation("test:parts")
    assert generations("test:parts")[0] > third


@pytest.mark.django_db
def test_a_change_not_committed_keeps_the_generation(
    django_capture_on_commit_callbacks,
) -> None:
    (before,) = generations("test:parts")
    with django_capture_on_commit_callbacks(execute=False):
        new_generation("test:parts")
    assert generations("test:parts") == (before,)


def test_a_kept_part_is_computed_once_and_served_as_kept() -> None:
    calls: list[int] = []

    def compute() -> str:
        calls.append(1)
        return "<p>part</p>"

    seen_as = ("test:kept-once", generations("test:kept-once"))
    assert cached_text(seen_as=seen_as, compute=compute) == "<p>part</p>"
    assert cached_text(seen_as=seen_as, compute=compute) == "<p>part</p>"
    assert len(calls) == 1
    # a count is kept as text and read back as a number
    assert cached_count(seen_as=("test:count",), count=lambda: 42) == 42
    assert cached_count(seen_as=("test:count",), count=lambda: 0) == 42


def test_only_text_is_ever_kept() -> None:
    # when a part would be a Python object (a pickled model instance, a list)
    with pytest.raises(TypeError, match="a kept part is text"):
        cached_text(seen_as=("test:object",), compute=lambda: ["a", "list"])  # type: ignore[arg-type,return-value]
    # then nothing was written under its key
    assert cached_text(seen_as=("test:object",), compute=lambda: "text") == "text"


@pytest.mark.parametrize(
    "changed",
    ["templates/page.html", "locale/pl/LC_MESSAGES/django.mo", "app/views.py"],
)
def test_a_new_release_of_the_code_templates_or_translations_has_a_new_fingerprint(
    tmp_path: Path, changed: str
) -> None:
    files = {
        "templates/page.html": b"<p>{{ text }}</p>",
        "locale/pl/LC_MESSAGES/django.mo": b"one",
        "app/views.py": b"def page(): return 1\n",
        "app/tests/test_views.py": b"def test(): pass\n",
        "var/postgres/data": b"rows",
    }
    for name, content in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(content)

    def release_now() -> str:
        release.cache_clear()
        with override_settings(BASE_DIR=tmp_path):
            return release()

    first = release_now()
    assert release_now() == first
    # what is not the released code leaves the fingerprint as it is
    (tmp_path / "app/tests/test_views.py").write_bytes(b"def test(): assert 1\n")
    (tmp_path / "var/postgres/data").write_bytes(b"more rows")
    assert release_now() == first
    # a change to the code, a template or a translation makes a new one
    (tmp_path / changed).write_bytes(files[changed] + b" ")
    assert release_now() != first
    release.cache_clear()
