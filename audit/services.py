from typing import TYPE_CHECKING, Any

from accounts.models import User
from audit.models import RESIDENT_ACTIONS, AuditEvent
from audit.selectors import network_trail
from core.page_cache import new_generation

if TYPE_CHECKING:  # the apps whose events these are sit above the audit log
    from networks.models import Network
    from organisations.models import Organisation


def audit_record(
    *,
    actor: User | None,
    action: AuditEvent.Action,
    ip_address: str | None,
    organisation: "Organisation | None" = None,
    network: "Network | None" = None,
    subject: User | None = None,
    subject_email: str = "",
    details: dict[str, Any] | None = None,
) -> AuditEvent:
    """Writes one audit event. Call it inside the transaction of the change it
    records, so that a change never lands without its trace (nor the reverse).
    Events about residents (LP members) name them by id in `details` only."""
    if action in RESIDENT_ACTIONS and (subject is not None or subject_email):
        raise ValueError("an audit event never holds a resident's account or e-mail")
    if network is not None:
        new_generation(network_trail(network.pk))
    return AuditEvent.objects.create(
        actor=actor,
        action=action,
        ip_address=ip_address,
        organisation=organisation,
        network=network,
        subject=subject,
        subject_email=subject_email or (subject.email if subject else ""),
        details=details or {},
    )
