from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdfsConfig(AppConfig):
    name = "pdfs"
    verbose_name = _("PDFs")

    def ready(self) -> None:
        # Imported once the models are loaded (apps.py is read before them): the
        # place Django gives for connecting receivers, not a dodged cycle.
        from pdfs import receivers

        receivers.connect()
