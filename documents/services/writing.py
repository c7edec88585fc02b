"""Writing a document: starting it, saving a text section as a new version,
keeping what an author is typing; and what every change to a section shares — the
lock, the stale-save check, the new section version, the page caches told."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from documents import permissions
from documents.models import (
    Document,
    Kind,
    Recommendation,
    Section,
    SectionDraft,
    SectionTemplate,
    SectionVersion,
)
from documents.page_sections import sections_changed
from documents.richtext import sanitise
from documents.services.templates import section_templates
from networks.models import Network
from networks.selectors import current_member_organisations
from organisations.models import Organisation


class StaleSection(DomainError):
    """Someone saved the section after the author opened it: nothing was
    overwritten; `current` is what they saved."""

    def __init__(self, current: SectionVersion | None) -> None:
        super().__init__(
            _(
                "Someone else saved this section while you were editing. Your text "
                "was not saved: compare both versions below, merge them and save "
                "again."
            )
        )
        self.current = current


def document_start(
    *,
    kind: str,
    network: Network,
    organisation: Organisation | None,
    actor: User,
) -> Document:
    """Opens a document for writing, with one empty section per template. Starting
    twice opens the same document."""
    if not permissions.can_start(
        actor, kind, network, organisation.pk if organisation else None
    ):
        raise PermissionDenied
    if kind == Kind.MID:
        if organisation is None or not (
            current_member_organisations(network_id=network.pk)
            .filter(pk=organisation.pk)
            .exists()
        ):
            raise DomainError(_("Only a current member city writes a MID here."))
        sheet_state = (
            Document.objects.filter(network=network, kind=Kind.SHEET)
            .values_list("state", flat=True)
            .first()
        )
        refusal = permissions.start_refusal(actor, kind, sheet_state=sheet_state)
        if refusal is not None:
            raise DomainError(str(refusal))
    else:
        organisation = None
    existing = Document.objects.filter(
        network=network, kind=kind, organisation=organisation
    ).first()
    if existing:
        return existing
    templates = section_templates(edition=network.edition, kind=kind)
    try:
        with transaction.atomic():
            document = Document.objects.create(
                kind=kind, network=network, organisation=organisation
            )
            Section.objects.bulk_create(
                Section(document=document, template=template) for template in templates
            )
    except IntegrityError:  # a double click: the other request started it
        return Document.objects.get(
            network=network, kind=kind, organisation=organisation
        )
    return document


def touch(document: Document) -> None:
    document.last_activity_at = timezone.now()
    document.save(update_fields=["last_activity_at"])
    sections_changed(document.pk)


def citing_changed(section: Section) -> None:
    """The MIDs whose sections this section's recommendations cite show their
    titles: call before and after the recommendations or their evidence change."""
    sections_changed(
        *Recommendation.evidence.through.objects.filter(
            recommendation__section=section
        ).values_list("section__document_id", flat=True)
    )


def new_section_version(
    *,
    section: Section,
    body: str,
    records: list[dict[str, Any]],
    actor: User,
    note: str = "",
) -> SectionVersion:
    """Appends a version to a locked section and makes it current."""
    version = SectionVersion.objects.create(
        section=section,
        number=section.revision + 1,
        body=body,
        records=records,
        author=actor,
        note=note,
    )
    section.revision = version.number
    section.current = version
    section.save(update_fields=["revision", "current"])
    SectionDraft.objects.filter(section=section, author=actor).delete()
    return version


def lock_for_edit(
    *, section: Section, expected_revision: int, actor: User
) -> tuple[Section, Document]:
    document = Document.objects.select_for_update().get(pk=section.document_id)
    if not permissions.is_author(actor, document):
        raise PermissionDenied
    if not document.is_editable:
        raise DomainError(
            _(
                "This document is %(state)s: it can be changed only in draft "
                "or after changes were requested."
            )
            % {"state": document.get_state_display()}
        )
    locked = (
        Section.objects.select_for_update(of=("self",))
        .select_related("current", "template")
        .get(pk=section.pk)
    )
    if locked.revision != expected_revision:
        raise StaleSection(locked.current)
    return locked, document


def section_save(
    *, section: Section, expected_revision: int, body: str, actor: User
) -> SectionVersion:
    """Saves a text section as a new version. A save based on an older version than
    the newest is refused (StaleSection): nobody's text is ever overwritten."""
    with transaction.atomic():
        locked, document = lock_for_edit(
            section=section, expected_revision=expected_revision, actor=actor
        )
        if locked.template.content != SectionTemplate.Content.RICH_TEXT:
            raise DomainError(_("This section is not edited as text."))
        clean = sanitise(body)
        if locked.current is not None and locked.current.body == clean:
            SectionDraft.objects.filter(section=locked, author=actor).delete()
            return locked.current
        version = new_section_version(
            section=locked, body=clean, records=[], actor=actor
        )
        touch(document)
        return version


def draft_autosave(
    *, section: Section, body: str, base_revision: int, actor: User
) -> SectionDraft | None:
    """Keeps what the author is typing, so that a closed tab or a lost connection
    loses nothing. Not a version: nobody else sees it."""
    document = section.document
    if not permissions.can_edit(actor, document):
        return None
    draft, _created = SectionDraft.objects.update_or_create(
        section=section,
        author=actor,
        defaults={"body": sanitise(body), "base_revision": base_revision},
    )
    return draft
