import logging.config
import os
from typing import Any

from celery import Celery
from celery.signals import setup_logging
from django.conf import settings

# Connects the signals that carry a request's id into the tasks it schedules.
import core.request_id  # noqa: F401

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pim_portal.settings.dev")

app = Celery("pim_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The app every thread finds as `celery.current_app` (the health check asks it).
app.set_default()


@setup_logging.connect
def use_django_logging(**kwargs: Any) -> None:
    """The workers log as the web processes do (settings.LOGGING: JSON or text,
    with the request id of the request that scheduled the task), not in Celery's
    own format."""
    logging.config.dictConfig(settings.LOGGING)
