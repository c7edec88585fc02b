"""The production settings as they are, for bench/pages.py: the only additions are a
bare reference view (bench/urls.py), an X-Queries header counting the database
queries of each response, and the development app whose `generate_scale` builds the
benchmark's databases (it serves no page)."""

from pim_portal.settings.production import *  # noqa: F403
from pim_portal.settings.production import BASE_DIR, INSTALLED_APPS, MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.urls.count_queries", *MIDDLEWARE]
# collectstatic's output for the manifest storage, kept out of the checkout.
STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]
