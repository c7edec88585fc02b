"""What the details of the documents' audit events mean (audit/details.py)."""

from django.utils.translation import gettext_lazy as _

from audit.details import Detail, details_declare
from audit.models import AuditEvent
from documents.models import Kind, State
from documents.workflow import STEPS


def declare() -> None:
    # A step stores the state it left under "from" and the one it reached under
    # "to": "State: published (was: accepted by the ministry)".
    details_declare(
        AuditEvent.Action.DOCUMENT_STEP,
        {
            "to": Detail(_("state"), State.choices, previous="from"),
            "kind": Detail(_("document"), Kind.choices),
            "step": Detail(
                _("step"), {name: step.label for name, step in STEPS.items()}
            ),
            "document": Detail(_("document number")),
        },
    )
