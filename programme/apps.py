from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgrammeConfig(AppConfig):
    name = "programme"
    verbose_name = _("Programme pages")

    def ready(self) -> None:
        # Imported once the models are loaded: what this app's audit events'
        # details mean, for the audit log (audit/details.py).
        from programme import audit_details

        audit_details.declare()
