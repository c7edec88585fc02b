"""A decision's audit event in words (audit/details.py, recruitment/audit_details.py):
the decision by its label and what it was confirmed without, never the codes."""

from audit.details import details_shown
from audit.models import AuditEvent
from recruitment.audit_details import GAPS
from recruitment.selectors import GAP_CODES


def test_every_gap_a_decision_may_be_confirmed_without_has_words() -> None:
    assert set(GAPS) == set(GAP_CODES)


def test_a_decision_in_the_audit_log_reads_in_words() -> None:
    # given a reserve decision taken before the call closed, evaluations missing
    event = AuditEvent(
        action=AuditEvent.Action.APPLICATION_DECIDED,
        details={
            "application": 12,
            "call": 3,
            "decision": "reserve",
            "confirmed": ["before_deadline", "evaluations_missing"],
        },
    )
    # then the audit log names the decision and what was missing in words
    shown = details_shown(event)
    assert shown.startswith(
        "Decyzja: rezerwowe; "
        "Potwierdzone braki: nabór jeszcze otwarty, brak części ocen"
    )
    assert "before_deadline" not in shown and "reserve" not in shown
