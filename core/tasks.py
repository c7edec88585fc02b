import logging
import uuid
from typing import Any

from celery import Task, shared_task
from django.db import transaction
from kombu.exceptions import OperationalError
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

# What a broker that is down or unreachable raises when a message is handed to it:
# kombu wraps most connection failures, Redis's client raises its own, and a refused
# or timed-out socket may surface as it is.
BROKER_ERRORS: tuple[type[Exception], ...] = (OperationalError, RedisError, OSError)


@shared_task
def echo(value: str) -> str:
    """Returns what it is given: proves the broker and a worker round trip."""
    return value


def enqueue(task: "Task[Any, Any]", *args: Any, **options: Any) -> bool:
    """Hands a task to the broker now. A broker outage is not an error: it is
    logged and answered False, for the caller to decide what waits."""
    task_id = options.pop("task_id", None) or str(uuid.uuid4())
    try:
        task.apply_async(args, retry=False, task_id=task_id, **options)
    except BROKER_ERRORS:
        # Only the task's name: its arguments may carry a credential (an
        # invitation's token), which never goes into a log.
        logger.warning("%s waits for the broker", task.name, exc_info=True)
        return False
    # The task's id beside the request's (this line's request_id): the worker's
    # lines about the task carry both.
    logger.info("%s[%s] handed to the broker", task.name, task_id)
    return True


def schedule(task: "Task[Any, Any]", *args: Any) -> None:
    """The one way a service starts background work: once the transaction commits,
    with primary keys. Every task scheduled so is an e-mail to a person who just
    acted or was acted on (an invitation, a registration, a decision, a workflow
    step), so with the broker down the message is sent here and now, in the
    request, rather than lost or left to a retry queue the portal does not have:
    the change is already saved and the request still succeeds. Should the mail
    server fail too, the failure is logged and the request still succeeds.
    (Work that can wait for a sweeper, like the PDF jobs, uses enqueue() instead.)"""

    def hand_over() -> None:
        if enqueue(task, *args):
            return
        try:
            task(*args)
        except Exception:  # the saved change stands; the lost e-mail is logged
            logger.exception("%s failed without the broker", task.name)

    transaction.on_commit(hand_over)
