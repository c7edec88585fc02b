"""The section templates of an edition's document types: what authors are asked
to write, and the programme's defaults put in place when an edition first needs them."""

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.models import User
from core.errors import DomainError
from documents import permissions
from documents.default_templates import DEFAULTS
from documents.models import Document, Section, SectionTemplate
from documents.page_sections import section_templates_changed
from networks.models import Edition


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


def section_templates_copy(
    *, source: Edition, target: Edition, actor: User
) -> list[SectionTemplate]:
    """Gives the new edition the section templates of an earlier one, as they
    are (names, guidance, order, what is required), for every document type; the
    earlier edition's templates stay untouched. Part of preparing the next
    edition, which records the audit event."""
    if not permissions.can_manage_templates(actor):
        raise PermissionDenied
    with transaction.atomic():
        copies = SectionTemplate.objects.bulk_create(
            SectionTemplate(
                edition=target,
                kind=template.kind,
                key=template.key,
                position=template.position,
                name_pl=template.name_pl,
                name_en=template.name_en,
                guidance=template.guidance,
                required=template.required,
                content=template.content,
            )
            for template in SectionTemplate.objects.filter(edition=source)
        )
        section_templates_changed()
    return copies
