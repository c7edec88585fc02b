"""Turning a document version into a tagged, accessible PDF (PDF/UA-1) with
WeasyPrint — and nothing else: every resource the print-out asks for goes through
one deny-by-default fetcher that serves only the portal's own static files and the
images the document itself may show (its city's logo)."""

import logging
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

import filetype
from django.contrib.staticfiles import finders
from django.core.files.storage import default_storage
from django.template.loader import render_to_string
from django.utils import timezone, translation
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse

from core.slugs import polish_slug
from documents.models import DocumentVersion
from documents.selectors import published_sections, record_card
from pdfs.models import RenderJob

logger = logging.getLogger(__name__)

# Raise it whenever the print template or its CSS changes: a version's PDF made with
# an older layout is then made again instead of being served.
TEMPLATE_REVISION = "2026-12-1"


def variant_for(version: DocumentVersion) -> str:
    """A published version prints as final; any other carries the draft mark."""
    published = version.document.published_version_id == version.pk
    return RenderJob.Variant.FINAL if published else RenderJob.Variant.DRAFT


# The print-out's own address space: nothing under it exists on any network.
PRINT_ORIGIN = "https://druk.pim.invalid/"
STATIC_PREFIX = PRINT_ORIGIN + "static/"
MEDIA_PREFIX = PRINT_ORIGIN + "media/"
MAX_IMAGE_BYTES = 2 * 1024 * 1024
IMAGE_TYPES = {"image/png", "image/jpeg", "image/webp"}
STATIC_TYPES = {".css": "text/css", ".svg": "image/svg+xml", ".png": "image/png"}


class Refused(ValueError):
    """A resource the print-out may not have (WeasyPrint skips it and goes on)."""


class PortalFetcher(URLFetcher):
    """Serves `PRINT_ORIGIN/static/…` from the portal's static files and
    `PRINT_ORIGIN/media/<name>` for the named uploads only; refuses everything else —
    file://, http(s) anywhere, data:, oversized or disguised images."""

    def __init__(self, media_allowed: frozenset[str] = frozenset()) -> None:
        super().__init__(allowed_protocols=(), fail_on_errors=False)
        self.media_allowed = media_allowed
        self.refused: list[str] = []

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        try:
            return self._fetch(url)
        except Refused:
            self.refused.append(url[:200])
            logger.warning("PDF render refused a resource: %s", url[:200])
            raise

    def _fetch(self, url: str) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.query or parts.fragment:
            raise Refused(url)
        if url.startswith(STATIC_PREFIX):
            name = _safe_name(url.removeprefix(STATIC_PREFIX))
            found = finders.find(name)
            suffix = PurePosixPath(name).suffix
            if not found or suffix not in STATIC_TYPES:
                raise Refused(url)
            body = Path(str(found)).read_bytes()
            return URLFetcherResponse(url, body, {"Content-Type": STATIC_TYPES[suffix]})
        if url.startswith(MEDIA_PREFIX):
            name = _safe_name(url.removeprefix(MEDIA_PREFIX))
            if name not in self.media_allowed:
                raise Refused(url)
            with default_storage.open(name, "rb") as handle:
                body = handle.read(MAX_IMAGE_BYTES + 1)
            kind = filetype.guess_mime(body)
            if len(body) > MAX_IMAGE_BYTES or kind not in IMAGE_TYPES:
                raise Refused(url)
            return URLFetcherResponse(url, body, {"Content-Type": kind})
        raise Refused(url)


def _safe_name(path: str) -> str:
    name = unquote(path)
    parts = PurePosixPath(name).parts
    if not parts or any(part in ("..", "") for part in parts) or name.startswith("/"):
        raise Refused(path)
    return name


def file_name(version: DocumentVersion) -> str:
    """What the download is called: "MID-Gdynia-v3.pdf"."""
    document = version.document
    prefix = {"mid": "MID", "sheet": "Fiszka-sieci", "plan": "Plan-ulepszen"}
    owner = document.organisation.name if document.organisation else None
    subject = polish_slug(owner or document.network.name_pl).title()
    return f"{prefix[document.kind]}-{subject}-v{version.number}.pdf"


def print_html(version: DocumentVersion, *, draft: bool) -> tuple[str, frozenset[str]]:
    """The print-out's HTML, and the uploads it may show."""
    document = version.document
    logo = ""
    if document.organisation and document.organisation.logo:
        logo = document.organisation.logo.name or ""
    with translation.override("pl"):
        html = render_to_string(
            "pdfs/print.html",
            {
                "document": document,
                "version": version,
                "draft": draft,
                "card": record_card(document=document),
                "sections": published_sections(version=version),
                "logo": MEDIA_PREFIX + logo if logo else "",
                "static": STATIC_PREFIX,
                "printed_at": timezone.localtime(),
            },
        )
    return html, frozenset({logo} - {""})


def render(version: DocumentVersion, *, variant: str) -> tuple[bytes, list[str]]:
    """The PDF of a version, and the resources that were refused."""
    html, media = print_html(version, draft=variant == RenderJob.Variant.DRAFT)
    fetcher = PortalFetcher(media_allowed=media)
    pdf = HTML(string=html, base_url=PRINT_ORIGIN, url_fetcher=fetcher).write_pdf(
        pdf_variant="pdf/ua-1", custom_metadata=True
    )
    return pdf, fetcher.refused
