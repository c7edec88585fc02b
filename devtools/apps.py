from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevtoolsConfig(AppConfig):
    """Development tooling: the scale generator (`manage.py generate_scale`) the
    benchmarks under bench/ run on. Installed by the dev and test settings only;
    the production settings and the production image leave it out."""

    name = "devtools"
    verbose_name = _("Development tools")
