"""pdfs makes the PDF of every numbered version of a document: it hears of them from
documents (documents/signals.py), which sits below it in the stack, and adds the
newest version's PDF to the document page's one query."""

from typing import Any

from documents import signals
from documents.models import DocumentVersion
from documents.selectors import read_with_page_documents
from pdfs.models import RenderJob
from pdfs.selectors import with_newest_pdf
from pdfs.services import pdf_request


def ask_for_pdf(*, version: DocumentVersion, **_kwargs: Any) -> None:
    """A new version's PDF: with the draft mark, unless it is already published."""
    pdf_request(version=version)


def ask_for_final_pdf(*, version: DocumentVersion, **_kwargs: Any) -> None:
    """The published version's PDF, without the draft mark."""
    pdf_request(version=version, variant=RenderJob.Variant.FINAL)


def connect() -> None:
    signals.version_made.connect(
        ask_for_pdf, sender=DocumentVersion, dispatch_uid="pdfs.version_made"
    )
    signals.version_published.connect(
        ask_for_final_pdf,
        sender=DocumentVersion,
        dispatch_uid="pdfs.version_published",
    )
    read_with_page_documents(with_newest_pdf)
