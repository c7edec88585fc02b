from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PdfsConfig(AppConfig):
    name = "pdfs"
    verbose_name = _("PDFs")
