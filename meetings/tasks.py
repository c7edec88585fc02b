from celery import shared_task

from meetings import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_registration_confirmation(registration_id: int, language: str) -> None:
    emails.send_registration_confirmation(
        registration_pk=registration_id, language=language
    )
