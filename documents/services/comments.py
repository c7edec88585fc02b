"""Comments on a document's sections, and closing or reopening their threads."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from documents import permissions
from documents.models import Comment, Section
from documents.page_sections import sections_changed
from documents.services.writing import touch


def comment_add(
    *,
    section: Section,
    body: str,
    actor: User,
    quote: str = "",
    parent: Comment | None = None,
) -> Comment:
    """Comments on a section (or a quoted passage of it), or replies to a thread."""
    document = section.document
    if not permissions.can_comment(actor, document):
        raise PermissionDenied
    body = body.strip()
    if not body:
        raise DomainError(_("A comment cannot be empty."))
    if parent is not None:
        if parent.section_id != section.pk:
            raise PermissionDenied
        # Threads are one level deep: a reply to a reply joins the same thread.
        parent = parent.parent or parent
    with transaction.atomic():
        comment = Comment.objects.create(
            document=document,
            section=section,
            parent=parent,
            section_version_id=section.current_id,
            quote="" if parent else " ".join(quote.split())[:500],
            body=body,
            author=actor,
        )
        if parent is not None:  # a new reply reopens a resolved thread
            Comment.objects.filter(pk=parent.pk, resolved_at__isnull=False).update(
                resolved_at=None, resolved_by=None
            )
        touch(document)
        return comment


def comment_set_resolved(*, comment: Comment, resolved: bool, actor: User) -> Comment:
    """Closes a thread once it has been dealt with, or opens it again."""
    if not permissions.can_resolve(actor, comment):
        raise PermissionDenied
    thread = comment.parent or comment
    with transaction.atomic():
        thread = Comment.objects.select_for_update().get(pk=thread.pk)
        thread.resolved_at = timezone.now() if resolved else None
        thread.resolved_by = actor if resolved else None
        thread.save(update_fields=["resolved_at", "resolved_by"])
        sections_changed(thread.document_id)
        return thread
