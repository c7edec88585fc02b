from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Documents")

    def ready(self) -> None:
        # Imported once the models are loaded: what this app's audit events'
        # details mean, for the audit log (audit/details.py).
        from documents import audit_details, receivers

        audit_details.declare()
        # And its part in preparing the next edition (networks/signals.py).
        receivers.connect()
