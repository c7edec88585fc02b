"""Every change to the network's documents. Each service is one action a person
takes, in one transaction, with its audit trail."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import Model
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from core.tasks import schedule
from documents import permissions, tasks
from documents.default_templates import DEFAULTS
from documents.models import (
    Action,
    Comment,
    Document,
    DocumentVersion,
    Indicator,
    Kind,
    Recommendation,
    Section,
    SectionDraft,
    SectionTemplate,
    SectionVersion,
    State,
    Transition,
)
from documents.page_sections import section_templates_changed, sections_changed
from documents.richtext import sanitise
from documents.selectors import RECORD_MODELS, citable_mid_sections, section_records
from documents.workflow import SHEET_READY_FOR_MIDS, STEPS
from networks.models import Edition, Network
from networks.selectors import current_member_organisations
from organisations.models import Organisation
from pdfs.models import RenderJob
from pdfs.services import pdf_request


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


# ---------------------------------------------------------------- templates


def section_templates(*, edition: Edition, kind: str) -> list[SectionTemplate]:
    """The edition's templates for a document type; the programme's defaults are
    put in place the first time an edition needs them."""
    templates = list(SectionTemplate.objects.filter(edition=edition, kind=kind))
    if templates:
        return templates
    with transaction.atomic():
        for position, default in enumerate(DEFAULTS[kind]):
            SectionTemplate.objects.get_or_create(
                edition=edition,
                kind=kind,
                key=default.key,
                defaults={
                    "position": position,
                    "name_pl": default.name_pl,
                    "name_en": default.name_en,
                    "guidance": default.guidance,
                    "content": default.content,
                    "required": default.required,
                },
            )
    return list(SectionTemplate.objects.filter(edition=edition, kind=kind))


TEMPLATE_FIELDS = ("name_pl", "name_en", "guidance", "required", "position")


def section_template_update(
    *, template: SectionTemplate, changes: dict[str, Any], actor: User
) -> SectionTemplate:
    """Changes what authors are asked to write; documents already started show the
    new title and guidance at once (their content is untouched)."""
    if not permissions.can_manage_templates(actor):
        raise PermissionDenied
    for field in TEMPLATE_FIELDS:
        setattr(template, field, changes[field])
    template.save(update_fields=list(TEMPLATE_FIELDS))
    section_templates_changed()
    return template


def section_template_add(
    *, edition: Edition, kind: str, values: dict[str, Any], actor: User
) -> SectionTemplate:
    """Adds a section to a document type of an edition, and to every document of
    that type already started."""
    if not permissions.can_manage_templates(actor):
        raise PermissionDenied
    section_templates(edition=edition, kind=kind)  # the defaults first, if needed
    try:
        with transaction.atomic():
            template = SectionTemplate.objects.create(
                edition=edition, kind=kind, **values
            )
            Section.objects.bulk_create(
                Section(document=document, template=template)
                for document in Document.objects.filter(
                    network__edition=edition, kind=kind
                )
            )
            section_templates_changed()
    except IntegrityError as error:
        raise DomainError(
            _("This document type already has a section with this key.")
        ) from error
    return template


# ---------------------------------------------------------------- documents


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
        if sheet_state not in SHEET_READY_FOR_MIDS and not (
            permissions.may_override_order(actor)
        ):
            raise DomainError(
                _(
                    "A city starts its MID once the expert has approved the "
                    "network's Sheet. The ministry can allow an earlier start."
                )
            )
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


def _touch(document: Document) -> None:
    document.last_activity_at = timezone.now()
    document.save(update_fields=["last_activity_at"])
    sections_changed(document.pk)


def _citing_changed(section: Section) -> None:
    """The MIDs whose sections this section's recommendations cite show their
    titles: call before and after the recommendations or their evidence change."""
    sections_changed(
        *Recommendation.evidence.through.objects.filter(
            recommendation__section=section
        ).values_list("section__document_id", flat=True)
    )


def _new_section_version(
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


def _lock_for_edit(
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
        locked, document = _lock_for_edit(
            section=section, expected_revision=expected_revision, actor=actor
        )
        if locked.template.content != SectionTemplate.Content.RICH_TEXT:
            raise DomainError(_("This section is not edited as text."))
        clean = sanitise(body)
        if locked.current is not None and locked.current.body == clean:
            SectionDraft.objects.filter(section=locked, author=actor).delete()
            return locked.current
        version = _new_section_version(
            section=locked, body=clean, records=[], actor=actor
        )
        _touch(document)
        return version


# ---------------------------------------------------------------- structured records


@dataclass(frozen=True)
class IndicatorDraft:
    name: str
    unit: str
    baseline: Decimal
    target: Decimal


def _as_data(value: Any) -> Any:
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


def _record_data(record: Model) -> dict[str, Any]:
    data = {
        field.attname: _as_data(getattr(record, field.attname))
        for field in record._meta.concrete_fields
        if field.name not in ("id", "section")
    }
    if isinstance(record, Action):
        data["indicators"] = [
            {
                "name": indicator.name,
                "unit": indicator.unit,
                "baseline": str(indicator.baseline),
                "target": str(indicator.target),
            }
            for indicator in record.indicators.all()
        ]
    if isinstance(record, Recommendation):
        data["evidence"] = sorted(section.pk for section in record.evidence.all())
    return data


def _snapshot(section: Section) -> tuple[str, list[dict[str, Any]]]:
    records = section_records(section)
    body = render_to_string(
        "documents/_records.html",
        {"section": section, "records": records, "snapshot": True},
    )
    return body, [_record_data(record) for record in records]


def record_save(
    *,
    section: Section,
    expected_revision: int,
    record: Model,
    actor: User,
    evidence: list[Section] | None = None,
    indicators: list[IndicatorDraft] | None = None,
) -> SectionVersion:
    """Adds or changes one record of a structured section (an action, a schedule
    date, a recommendation, a good practice) and saves the section as a new
    version. Evidence may cite only MID sections of the same network that exist."""
    with transaction.atomic():
        locked, document = _lock_for_edit(
            section=section, expected_revision=expected_revision, actor=actor
        )
        model = RECORD_MODELS.get(locked.template.content)
        if model is None or not isinstance(record, model):
            raise DomainError(_("This record does not belong in this section."))
        if record.pk is not None and record.section_id != locked.pk:  # type: ignore[attr-defined]
            raise PermissionDenied
        record.section = locked  # type: ignore[attr-defined]
        if isinstance(record, Recommendation):
            _citing_changed(locked)
        if isinstance(record, Action | Recommendation) and record.pk is None:
            record.position = model._default_manager.filter(section=locked).count() + 1  # type: ignore[attr-defined]
        record.save()
        if isinstance(record, Recommendation) and evidence is not None:
            allowed = set(
                citable_mid_sections(network_id=document.network_id).values_list(
                    "pk", flat=True
                )
            )
            if any(cited.pk not in allowed for cited in evidence):
                raise DomainError(
                    _("Evidence can cite only MID sections of this network's cities.")
                )
            record.evidence.set(evidence)
            _citing_changed(locked)
        if isinstance(record, Action) and indicators is not None:
            record.indicators.all().delete()
            Indicator.objects.bulk_create(
                Indicator(action=record, **vars(indicator)) for indicator in indicators
            )
        body, records = _snapshot(locked)
        version = _new_section_version(
            section=locked, body=body, records=records, actor=actor
        )
        _touch(document)
        return version


def record_delete(
    *, section: Section, expected_revision: int, record: Model, actor: User
) -> SectionVersion:
    """Removes one record; the section's earlier versions keep it."""
    with transaction.atomic():
        locked, document = _lock_for_edit(
            section=section, expected_revision=expected_revision, actor=actor
        )
        if record.section_id != locked.pk:  # type: ignore[attr-defined]
            raise PermissionDenied
        if isinstance(record, Recommendation):
            _citing_changed(locked)
            record.evidence.clear()
        record.delete()
        body, records = _snapshot(locked)
        version = _new_section_version(
            section=locked, body=body, records=records, actor=actor
        )
        _touch(document)
        return version


def _restore_records(section: Section, records: list[dict[str, Any]]) -> None:
    model = RECORD_MODELS[section.template.content]
    if model is Recommendation:
        _citing_changed(section)
    for existing in model._default_manager.filter(section=section):  # type: ignore[attr-defined]
        if isinstance(existing, Recommendation):
            existing.evidence.clear()
        existing.delete()
    for data in records:
        values = dict(data)
        indicators = values.pop("indicators", [])
        evidence = values.pop("evidence", [])
        record = model(section=section, **values)
        record.save()
        if isinstance(record, Action):
            Indicator.objects.bulk_create(
                Indicator(action=record, **indicator) for indicator in indicators
            )
        if isinstance(record, Recommendation):
            record.evidence.set(Section.objects.filter(pk__in=evidence))
    if model is Recommendation:
        _citing_changed(section)


# ---------------------------------------------------------------- versions


def _make_version(
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
    pdf_request(version=version)
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
        version = _make_version(
            document=locked, actor=actor, reason=DocumentVersion.Reason.SAVED, note=note
        )
        _touch(locked)
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
                _restore_records(section, records)
            _new_section_version(
                section=section,
                body=body,
                records=records,
                actor=actor,
                note=_("restored from version %(number)s") % {"number": version.number},
            )
        restored = _make_version(
            document=locked,
            actor=actor,
            reason=DocumentVersion.Reason.RESTORED,
            note=_("restored from version %(number)s") % {"number": version.number},
        )
        _touch(locked)
        return restored


# ---------------------------------------------------------------- workflow


def document_take_step(
    *,
    document: Document,
    step_name: str,
    actor: User,
    comment: str = "",
    ip_address: str | None = None,
) -> Transition:
    """Moves the document one step through review (see workflow.py). A step that is
    not possible from the current state is refused with the reason; a person who
    may not take it is refused as if the document did not exist."""
    step = STEPS.get(step_name)
    if step is None:
        raise DomainError(_("There is no such step."))
    with transaction.atomic():
        locked = (
            Document.objects.select_for_update(of=("self",))
            .select_related("network", "organisation")
            .get(pk=document.pk)
        )
        if locked.state not in step.sources:
            raise DomainError(
                _("“%(step)s” is not possible while the document is %(state)s.")
                % {"step": step.label, "state": locked.get_state_display()}
            )
        if not permissions.may_take(actor, step, locked):
            raise PermissionDenied
        comment = comment.strip()
        if step.needs_comment and not comment:
            raise DomainError(_("Say what should change: a summary is required."))
        source = locked.state
        version = None
        if step.snapshot:
            version = _make_version(
                document=locked, actor=actor, reason=DocumentVersion.Reason.SUBMITTED
            )
            # Submitting closes the LP consultation: the text is frozen for review.
            locked.consultation_open = False
        locked.state = step.target
        fields = ["state", "last_activity_at", "consultation_open"]
        if step.target == State.PUBLISHED:
            latest = locked.versions.order_by("-number").first()
            locked.published_version = latest or _make_version(
                document=locked, actor=actor, reason=DocumentVersion.Reason.SAVED
            )
            fields.append("published_version")
            pdf_request(
                version=locked.published_version, variant=RenderJob.Variant.FINAL
            )
        locked.last_activity_at = timezone.now()
        locked.save(update_fields=fields)
        sections_changed(locked.pk)  # the review history is shown with them
        transition = Transition.objects.create(
            document=locked,
            name=step.name,
            source=source,
            target=step.target,
            actor=actor,
            comment=comment,
            version=version,
        )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.DOCUMENT_STEP,
            ip_address=ip_address,
            organisation=locked.organisation,
            network=locked.network,
            details={
                "document": locked.pk,
                "kind": locked.kind,
                "step": step.name,
                "from": source,
                "to": step.target,
            },
        )
        schedule(tasks.notify_step, transition.pk)
        return transition


def consultation_set(*, document: Document, is_open: bool, actor: User) -> Document:
    """Opens or closes the consultation of a MID draft with the city's Local
    Partnership: its members with accounts may read and comment while it is open."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        if not permissions.can_manage_consultation(actor, locked):
            raise PermissionDenied
        locked.consultation_open = is_open
        locked.last_activity_at = timezone.now()
        locked.save(update_fields=["consultation_open", "last_activity_at"])
        return locked


# ---------------------------------------------------------------- comments


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
        _touch(document)
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


# ---------------------------------------------------------------- drafts


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
