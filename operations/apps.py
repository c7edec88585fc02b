from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """The operator's tools that production runs: backing up the database and the
    uploaded files, keeping a number of backups, restoring one. No models, no pages:
    management commands only (`manage.py backup`, `manage.py restore`)."""

    name = "operations"
    verbose_name = _("Operations")
