"""The PDFs on documents' pages, which documents cannot read itself (the stack runs
documents < pdfs): its templates `{% load pdf_panels %}` and ask these filters.
Each reads what it shows in at most one query, never one per row."""

from django import template
from django.contrib.auth.models import AnonymousUser

from accounts.models import User
from documents.models import Document, DocumentVersion
from pdfs import permissions
from pdfs.models import RenderJob
from pdfs.selectors import job_for, jobs_by_version, newest_pdf

register = template.Library()


@register.filter
def newest_version_pdf(document: Document) -> RenderJob | None:
    """`{{ document|newest_version_pdf }}`: the PDF of the document's newest version
    (on the document page, read with the document: no query of its own)."""
    return newest_pdf(document)


@register.filter
def version_pdf(version: DocumentVersion) -> RenderJob | None:
    """`{{ version|version_pdf }}`: the version's PDF as people need it now."""
    return job_for(version)


@register.filter
def with_pdfs(
    versions: list[DocumentVersion],
) -> list[tuple[DocumentVersion, RenderJob | None]]:
    """`{% for version, job in versions|with_pdfs %}`: each version with its PDF,
    all read in one query."""
    jobs = jobs_by_version(list(versions))
    return [(version, jobs.get(version.pk)) for version in versions]


@register.filter
def can_bundle(user: User | AnonymousUser) -> bool:
    """`{% if user|can_bundle %}`: this person may ask for the ZIP of a network's
    published MIDs (pdfs.permissions)."""
    return permissions.can_bundle(user)
