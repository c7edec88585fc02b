import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "pim_portal.settings.dev")

app = Celery("pim_portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
# The app every thread finds as `celery.current_app` (the health check asks it).
app.set_default()
