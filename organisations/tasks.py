from celery import shared_task

from organisations.models import Invitation
from organisations.services import invitation_email_send


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(invitation_id: int, token: str, language: str) -> None:
    invitation = (
        Invitation.objects.select_related("organisation", "invited_by")
        .filter(pk=invitation_id, status=Invitation.Status.PENDING)
        .first()
    )
    if invitation is not None:  # withdrawn before the e-mail left: send nothing
        invitation_email_send(invitation=invitation, token=token, language=language)
