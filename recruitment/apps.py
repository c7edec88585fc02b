from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecruitmentConfig(AppConfig):
    name = "recruitment"
    verbose_name = _("Recruitment")

    def ready(self) -> None:
        # Imported once the models are loaded: what this app's audit events'
        # details mean, for the audit log (audit/details.py).
        from recruitment import audit_details, receivers

        audit_details.declare()
        # And its part in preparing the next edition (networks/signals.py).
        receivers.connect()
