"""Every change to the network's documents. Each service is one action a person
takes, in one transaction, with its audit trail. The actions live in a module per
part of a document's life; they are all named here."""

from documents.services.comments import comment_add, comment_set_resolved
from documents.services.records import IndicatorDraft, record_delete, record_save
from documents.services.review import consultation_set, document_take_step
from documents.services.templates import (
    TEMPLATE_FIELDS,
    section_template_add,
    section_template_update,
    section_templates,
    section_templates_copy,
)
from documents.services.versions import (
    document_version_create,
    document_version_restore,
)
from documents.services.writing import (
    StaleSection,
    document_start,
    draft_autosave,
    section_save,
)

__all__ = [
    "TEMPLATE_FIELDS",
    "IndicatorDraft",
    "StaleSection",
    "comment_add",
    "comment_set_resolved",
    "consultation_set",
    "document_start",
    "document_take_step",
    "document_version_create",
    "document_version_restore",
    "draft_autosave",
    "record_delete",
    "record_save",
    "section_save",
    "section_template_add",
    "section_template_update",
    "section_templates",
    "section_templates_copy",
]
