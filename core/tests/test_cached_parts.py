"""The versions cached page parts are keyed by (core/cached_parts.py)."""

from pathlib import Path

import pytest
from django.core.cache import cache
from django.test import override_settings

from core.cached_parts import move_on, release, versions


@pytest.mark.django_db
def test_a_version_moved_on_is_never_one_a_part_was_cached_under(
    django_capture_on_commit_callbacks,
) -> None:
    # given a version that parts were cached under
    (first,) = versions("test:parts")
    assert versions("test:parts") == (first,)

    # when the data changes, then the version is a new one
    with django_capture_on_commit_callbacks(execute=True):
        move_on("test:parts")
    (second,) = versions("test:parts")
    assert second > first

    # and when Redis loses the key, the next version is newer still
    cache.delete("test:parts")
    (third,) = versions("test:parts")
    assert third > second
    cache.delete("test:parts")
    with django_capture_on_commit_callbacks(execute=True):
        move_on("test:parts")
    assert versions("test:parts")[0] > third


@pytest.mark.django_db
def test_a_change_not_committed_keeps_the_version(
    django_capture_on_commit_callbacks,
) -> None:
    (before,) = versions("test:parts")
    with django_capture_on_commit_callbacks(execute=False):
        move_on("test:parts")
    assert versions("test:parts") == (before,)


def test_a_new_release_of_the_templates_or_translations_has_a_new_fingerprint(
    tmp_path: Path,
) -> None:
    (tmp_path / "templates").mkdir()
    page = tmp_path / "templates" / "page.html"
    page.write_text("<p>{{ text }}</p>", encoding="utf-8")
    (tmp_path / "locale" / "pl" / "LC_MESSAGES").mkdir(parents=True)
    messages = tmp_path / "locale" / "pl" / "LC_MESSAGES" / "django.mo"
    messages.write_bytes(b"one")

    def release_now() -> str:
        release.cache_clear()
        with override_settings(BASE_DIR=tmp_path):
            return release()

    first = release_now()
    assert release_now() == first
    page.write_text("<p><strong>{{ text }}</strong></p>", encoding="utf-8")
    second = release_now()
    messages.write_bytes(b"two")
    assert len({first, second, release_now()}) == 3
    release.cache_clear()
