from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self) -> None:
        # Imported once the models are loaded: what this app's audit events'
        # details mean, for the audit log (audit/details.py).
        from organisations import audit_details
        from organisations.permissions import ministry_groups_refresh

        audit_details.declare()
        # After every app's permissions exist (each app's post_migrate creates
        # its own): refreshing at every app's signal is a few queries.
        post_migrate.connect(
            ministry_groups_refresh, dispatch_uid="organisations:ministry-groups"
        )
