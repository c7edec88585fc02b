"""Review: moving a document through its workflow steps (workflow.py), and the
MID's consultation with the city's Local Partnership."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from core.tasks import schedule
from documents import permissions, tasks
from documents.models import Document, DocumentVersion, State, Transition
from documents.page_sections import sections_changed
from documents.selectors import empty_required_sections
from documents.services.versions import make_version
from documents.signals import version_published
from documents.workflow import STEPS


def document_take_step(
    *,
    document: Document,
    step_name: str,
    actor: User,
    comment: str = "",
    ip_address: str | None = None,
) -> Transition:
    """Moves the document one step through review (see workflow.py). A step that is
    not possible from the current state, or a submission with a required section
    still empty, is refused with the reason (naming the sections); a person who
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
        if not permissions.can_take(actor, step, locked):
            raise PermissionDenied
        if step.needs_required_sections:
            # Under the document's lock: the sections' writers take it too.
            refusal = permissions.step_refusal(
                step, empty_sections=empty_required_sections(document=locked)
            )
            if refusal is not None:
                raise DomainError(refusal)
        comment = comment.strip()
        if step.needs_comment and not comment:
            raise DomainError(_("Say what should change: a summary is required."))
        source = locked.state
        version = None
        if step.snapshot:
            version = make_version(
                document=locked, actor=actor, reason=DocumentVersion.Reason.SUBMITTED
            )
            # Submitting closes the LP consultation: the text is frozen for review.
            locked.consultation_open = False
        locked.state = step.target
        fields = ["state", "last_activity_at", "consultation_open"]
        if step.target == State.PUBLISHED:
            latest = locked.versions.order_by("-number").first()
            locked.published_version = latest or make_version(
                document=locked, actor=actor, reason=DocumentVersion.Reason.SAVED
            )
            fields.append("published_version")
            # pdfs asks for the final PDF (no draft mark), in this transaction.
            version_published.send(
                sender=DocumentVersion, version=locked.published_version
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
