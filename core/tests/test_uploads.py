"""core.uploads.validate_upload: files are judged by their content, not their name."""

import io
import struct
import zipfile
import zlib

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from core.uploads import (
    DOCUMENTS,
    DOCX,
    IMAGES,
    JPEG,
    ODS,
    ODT,
    PDF,
    PNG,
    PPTX,
    PRESENTATIONS,
    XLSX,
    FileKind,
    validate_upload,
)

EVERY_KIND = DOCUMENTS + PRESENTATIONS + (XLSX, ODS) + IMAGES
MIB = 1024 * 1024
PDF_BYTES = (
    b"%PDF-1.4\n"
    b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
    b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
    b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
    b"trailer << /Root 1 0 R >>\n"
    b"%%EOF\n"
)


def image_bytes(image_format: str, size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(buffer, format=image_format)
    return buffer.getvalue()


def office_open_xml(part: str) -> bytes:
    """What filetype needs to tell an OOXML file from any ZIP: [Content_Types].xml
    as the first entry and, among the next few, the part of the application
    (word/, ppt/ or xl/)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
            'openxmlformats.org/package/2006/content-types"/>',
        )
        archive.writestr("_rels/.rels", "<Relationships/>")
        archive.writestr(part, "<document/>")
    return buffer.getvalue()


def open_document(mime: str) -> bytes:
    """An OpenDocument file: a stored (uncompressed) `mimetype` entry comes first."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            zipfile.ZipInfo("mimetype"), mime, compress_type=zipfile.ZIP_STORED
        )
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def bare_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notatki.txt", "ZIP, ale nie dokument Worda")
    return buffer.getvalue()


def png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims `width`×`height` pixels."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        checksum = zlib.crc32(kind + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", checksum)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\0" * 64))
        + chunk(b"IEND", b"")
    )


def upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


def refusal(
    name: str,
    content: bytes,
    kinds: tuple[FileKind, ...] = EVERY_KIND,
    max_bytes: int = MIB,
) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        validate_upload(upload(name, content), kinds=kinds, max_bytes=max_bytes)
    return caught.value


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("zasady.pdf", PDF_BYTES, PDF),
        ("ZASADY.PDF", PDF_BYTES, PDF),
        ("schemat.png", image_bytes("PNG"), PNG),
        ("zdjecie.jpg", image_bytes("JPEG"), JPEG),
        ("zdjecie.jpeg", image_bytes("JPEG"), JPEG),
        ("podrecznik.docx", office_open_xml("word/document.xml"), DOCX),
        ("prezentacja.pptx", office_open_xml("ppt/presentation.xml"), PPTX),
        ("budzet.xlsx", office_open_xml("xl/workbook.xml"), XLSX),
        ("notatka.odt", open_document(ODT.mime), ODT),
        ("budzet.ods", open_document(ODS.mime), ODS),
    ],
)
def test_real_files_are_recognised_by_their_content(
    name: str, content: bytes, kind: FileKind
) -> None:
    assert validate_upload(upload(name, content), kinds=EVERY_KIND, max_bytes=MIB) == (
        kind
    )


def test_the_file_is_rewound_for_whoever_saves_it_next() -> None:
    file = upload("schemat.png", image_bytes("PNG"))
    validate_upload(file, kinds=EVERY_KIND, max_bytes=MIB)
    assert file.tell() == 0
    assert file.read() == image_bytes("PNG")


def test_a_png_named_pdf_is_called_out_as_disguised() -> None:
    error = refusal("zasady.pdf", image_bytes("PNG"))
    assert error.code == "disguised"
    assert ".pdf" in error.messages[0]
    assert "PNG" in error.messages[0]


def test_a_pdf_named_docx_is_called_out_as_disguised() -> None:
    assert refusal("podrecznik.docx", PDF_BYTES).code == "disguised"


def test_a_name_without_an_extension_is_refused() -> None:
    assert refusal("zasady", PDF_BYTES).code == "disguised"


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notatki.txt", b"Zwykly tekst, bez naglowka.\n"),
        ("program.pdf", b"MZ\x90\x00" + b"\0" * 200),  # a Windows program
        ("archiwum.docx", bare_zip()),  # a ZIP, but not an Office document
    ],
)
def test_content_of_no_accepted_kind_is_refused(name: str, content: bytes) -> None:
    error = refusal(name, content)
    assert error.code == "wrong_kind"
    assert "PDF" in error.messages[0]  # the message lists what is accepted


def test_a_kind_not_allowed_here_is_refused_even_if_real() -> None:
    assert refusal("zasady.pdf", PDF_BYTES, kinds=IMAGES).code == "wrong_kind"


def test_an_empty_file_is_refused() -> None:
    assert refusal("zasady.pdf", b"").code == "empty"


def test_a_file_over_the_limit_is_refused_and_one_at_the_limit_is_not() -> None:
    content = PDF_BYTES + b"\0" * (2 * MIB - len(PDF_BYTES))
    error = refusal("zasady.pdf", content + b"\0", max_bytes=2 * MIB)
    assert error.code == "too_large"
    assert "2.0" in error.messages[0] or "2,0" in error.messages[0]
    file = upload("zasady.pdf", content)
    assert validate_upload(file, kinds=EVERY_KIND, max_bytes=2 * MIB) == PDF


def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded() -> None:
    # 8000×6000 = 48 million pixels, over the 40 million the portal allows
    error = refusal("plakat.png", png_claiming(8000, 6000))
    assert error.code == "too_many_pixels"
    assert "8000×6000" in error.messages[0]


def test_a_decompression_bomb_header_is_refused_with_a_message() -> None:
    # 20000×20000 = 400 million pixels in a file of a few dozen bytes
    error = refusal("bomba.png", png_claiming(20_000, 20_000))
    assert error.code == "too_many_pixels"


def test_a_damaged_image_is_refused() -> None:
    content = bytearray(image_bytes("PNG", size=(64, 64)))
    content[60] ^= 0xFF  # inside the image data: its checksum no longer matches
    assert refusal("schemat.png", bytes(content)).code == "damaged"
