from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The top of the stack: the pages that put several apps together (the home
    page, "My portal", a network's workspace) and the health checks."""

    name = "portal"
    verbose_name = _("Portal pages")
