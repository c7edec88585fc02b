from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        # Imported once the models are loaded: what this app's audit events'
        # details mean, for the audit log (audit/details.py).
        from organisations import audit_details

        audit_details.declare()
