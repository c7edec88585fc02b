"""Uploaded files are checked by what they contain, not by their name: a file whose
content does not match an allowed kind, or whose extension lies about it, is
refused with a message for the person who uploaded it."""

from dataclasses import dataclass

import filetype
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from PIL import Image, UnidentifiedImageError


@dataclass(frozen=True)
class FileKind:
    extensions: tuple[str, ...]  # allowed names, the first is the canonical one
    mime: str


PDF = FileKind(("pdf",), "application/pdf")
DOCX = FileKind(
    ("docx",), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
)
ODT = FileKind(("odt",), "application/vnd.oasis.opendocument.text")
PPTX = FileKind(
    ("pptx",),
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
)
ODP = FileKind(("odp",), "application/vnd.oasis.opendocument.presentation")
XLSX = FileKind(
    ("xlsx",), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
)
ODS = FileKind(("ods",), "application/vnd.oasis.opendocument.spreadsheet")
PNG = FileKind(("png",), "image/png")
JPEG = FileKind(("jpg", "jpeg"), "image/jpeg")
WEBP = FileKind(("webp",), "image/webp")

DOCUMENTS = (PDF, DOCX, ODT)
PRESENTATIONS = (PPTX, ODP)
IMAGES = (PNG, JPEG, WEBP)
MAX_IMAGE_PIXELS = 40_000_000


def validate_upload(
    upload: UploadedFile, *, kinds: tuple[FileKind, ...], max_bytes: int
) -> FileKind:
    """The kind of the file, or a ValidationError saying what is wrong with it."""
    if upload.size is None or upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    if upload.size > max_bytes:
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {
                "size": filesizeformat(upload.size),
                "limit": filesizeformat(max_bytes),
            },
            code="too_large",
        )
    allowed = ", ".join(kind.extensions[0].upper() for kind in kinds)
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    guessed = filetype.guess(head) if head else None
    kind = next((k for k in kinds if guessed and guessed.mime == k.mime), None)
    if kind is None:
        raise ValidationError(
            _("This file is not one of the accepted kinds (%(allowed)s).")
            % {"allowed": allowed},
            code="wrong_kind",
        )
    extension = (upload.name or "").rsplit(".", 1)[-1].lower()
    if extension not in kind.extensions:
        raise ValidationError(
            _("The file's name ends in .%(extension)s but it is a %(kind)s file.")
            % {"extension": extension, "kind": kind.extensions[0].upper()},
            code="disguised",
        )
    if kind in IMAGES:
        _check_image(upload)
    return kind


def _check_image(upload: UploadedFile) -> None:
    try:
        with Image.open(upload) as image:  # reads the header only
            width, height = image.size
            if width * height > MAX_IMAGE_PIXELS:
                raise ValidationError(
                    _("The image is too large (%(width)s×%(height)s pixels).")
                    % {"width": width, "height": height},
                    code="too_many_pixels",
                )
            image.verify()
    except Image.DecompressionBombError as error:
        # Pillow refuses, from the header alone, images far beyond any sane size.
        raise ValidationError(
            _("The image is too large."), code="too_many_pixels"
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ValidationError(_("The image is damaged."), code="damaged") from error
    finally:
        upload.seek(0)
