from celery import shared_task

from networks import emails


@shared_task(autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_lead_handover_email(lead_id: int, previous_lead_id: int | None) -> int:
    return emails.send_lead_handover(lead_pk=lead_id, previous_lead_pk=previous_lead_id)
