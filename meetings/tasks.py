from celery import shared_task

from meetings.models import Registration
from meetings.services import registration_confirmation_send


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_registration_confirmation(registration_id: int, language: str) -> None:
    registration = (
        Registration.objects.select_related("meeting", "user")
        .filter(pk=registration_id)
        .first()
    )
    if registration is not None:  # cancelled before the e-mail left: send nothing
        registration_confirmation_send(registration=registration, language=language)
