"""What the details of the programme pages' audit events mean (audit/details.py)."""

from django.utils.translation import gettext_lazy as _

from audit.details import Detail, details_declare
from audit.models import AuditEvent
from programme.models import Page
from programme.services import DECLARATION


def declare() -> None:
    pages = {**dict(Page.Kind.choices), DECLARATION: _("accessibility declaration")}
    details_declare(
        AuditEvent.Action.PROGRAMME_PAGE_SAVED,
        {
            "page": Detail(_("page"), pages),
            "title": Detail(_("title")),
            "version": Detail(_("version")),
            "published": Detail(_("published")),
            "withdrawn": Detail(_("withdrawn from the public")),
        },
    )
