"""Media kept in an S3 bucket (STORAGE_BACKEND=s3) are backed up through the same
storage API as a local folder, and restored into a new bucket byte for byte."""

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import boto3
import pytest
from django.core.files.base import ContentFile
from moto import mock_aws
from storages.backends.s3 import S3Storage

from operations.backups import media_archive, media_restore
from operations.postgres import BackupError

FILES = {
    "materials/1/zasady-zażółć.pdf": b"%PDF-1.7 zasady",
    "pdf/3/mid-v1.pdf": b"%PDF-1.7 mid",
    "logos/herb miasta.png": b"\x89PNG herb",
}


def _bucket(name: str) -> S3Storage:
    boto3.client("s3", region_name="us-east-1").create_bucket(Bucket=name)
    return S3Storage(
        bucket_name=name,
        region_name="us-east-1",
        access_key="test",
        secret_key="test",
        file_overwrite=False,
        default_acl="private",
    )


@pytest.fixture
def s3(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("AWS_ACCESS_KEY_ID", "test")
    monkeypatch.setenv("AWS_SECRET_ACCESS_KEY", "test")
    with mock_aws():
        yield


def test_media_in_a_bucket_are_restored_into_a_new_bucket_byte_for_byte(
    s3: None, tmp_path: Path
) -> None:
    # given a bucket with files in folders, one with Polish letters and a space
    source = _bucket("pim-media")
    for name, content in FILES.items():
        assert source.save(name, ContentFile(content)) == name
    # when its files are archived and restored into a new bucket
    listed = media_archive(source, tmp_path / "media.tar", datetime.now(UTC))
    target = _bucket("pim-media-restored")
    restored = media_restore(tmp_path / "media.tar", target, listed)
    # then every file is there with the same bytes, and nothing else
    assert sorted(listed) == sorted(FILES)
    assert restored == len(FILES)
    for name, content in FILES.items():
        with target.open(name, "rb") as handle:
            assert handle.read() == content
    again = media_archive(target, tmp_path / "again.tar", datetime.now(UTC))
    assert again == listed


def test_a_file_changed_in_the_archive_is_refused(s3: None, tmp_path: Path) -> None:
    # given an archive of a bucket whose manifest says other bytes for one file
    source = _bucket("pim-media")
    source.save("pdf/3/mid-v1.pdf", ContentFile(b"%PDF-1.7 mid"))
    listed = media_archive(source, tmp_path / "media.tar", datetime.now(UTC))
    listed["pdf/3/mid-v1.pdf"]["sha256"] = "0" * 64
    # when it is restored, then it is refused and the file is not written
    target = _bucket("pim-media-restored")
    with pytest.raises(BackupError, match="does not match"):
        media_restore(tmp_path / "media.tar", target, listed)
    assert not target.exists("pdf/3/mid-v1.pdf")
