from celery import shared_task


@shared_task
def echo(value: str) -> str:
    """Returns what it is given: proves the broker and a worker round trip."""
    return value
