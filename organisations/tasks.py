from celery import shared_task

from organisations import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_invitation_email(invitation_id: int, token: str, language: str) -> None:
    emails.send_invitation(invitation_pk=invitation_id, token=token, language=language)
