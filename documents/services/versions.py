"""The document's numbered versions: saving one, restoring an earlier one. Every
new version is announced (documents.signals) for the apps above to act on."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from documents import permissions
from documents.models import Document, DocumentVersion, Section, SectionTemplate
from documents.services.records import restore_records
from documents.services.writing import new_section_version, touch
from documents.signals import version_made


def make_version(
    *, document: Document, actor: User, reason: str, note: str = ""
) -> DocumentVersion:
    """Snapshots every written section of a locked document."""
    document.versions_made += 1
    document.save(update_fields=["versions_made"])
    version = DocumentVersion.objects.create(
        document=document,
        number=document.versions_made,
        reason=reason,
        note=note,
        state=document.state,
        created_by=actor,
    )
    version.sections.set(
        Section.objects.filter(document=document, current__isnull=False).values_list(
            "current_id", flat=True
        )
    )
    # pdfs asks for its PDF, in this transaction (sent to the worker after commit).
    version_made.send(sender=DocumentVersion, version=version)
    return version


def document_version_create(
    *, document: Document, actor: User, note: str
) -> DocumentVersion:
    """Saves the document as it stands now as a numbered version."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if not permissions.is_author(actor, locked):
            raise PermissionDenied
        if not locked.is_editable:
            raise DomainError(
                _("A version is saved by the authors while the document is a draft.")
            )
        version = make_version(
            document=locked, actor=actor, reason=DocumentVersion.Reason.SAVED, note=note
        )
        touch(locked)
        return version


def document_version_restore(
    *, document: Document, version: DocumentVersion, actor: User
) -> DocumentVersion:
    """Brings back an earlier version as the newest one: every section that differs
    gets a new version with the old content; nothing is deleted."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if version.document_id != locked.pk:
            raise PermissionDenied
        if not permissions.is_author(actor, locked):
            raise PermissionDenied
        if not locked.is_editable:
            raise DomainError(_("An earlier version can be restored only in draft."))
        old = {item.section_id: item for item in version.sections.all()}
        for section in (
            Section.objects.select_for_update(of=("self",))
            .select_related("current", "template")
            .filter(document=locked)
        ):
            if section.template.content == SectionTemplate.Content.RECORD_CARD:
                continue
            then = old.get(section.pk)
            body = then.body if then else ""
            records = then.records if then else []
            now_body = section.current.body if section.current else ""
            if body == now_body:
                continue
            if section.template.is_structured:
                restore_records(section, records)
            new_section_version(
                section=section,
                body=body,
                records=records,
                actor=actor,
                note=_("restored from version %(number)s") % {"number": version.number},
            )
        restored = make_version(
            document=locked,
            actor=actor,
            reason=DocumentVersion.Reason.RESTORED,
            note=_("restored from version %(number)s") % {"number": version.number},
        )
        touch(locked)
        return restored
