from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = _("Meetings")

    def ready(self) -> None:
        # Imported once the models are loaded (apps.py is read before them): the
        # place Django gives for connecting receivers, not a dodged cycle.
        from meetings import receivers

        receivers.connect()
