"""Small real images for the logo tests (and the matrix's logo)."""

import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image


def image_bytes(image_format: str = "PNG", size: tuple[int, int] = (8, 6)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (0, 90, 160)).save(buffer, format=image_format)
    return buffer.getvalue()


def logo_upload(
    name: str = "herb.png", image_format: str = "PNG"
) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, image_bytes(image_format))
