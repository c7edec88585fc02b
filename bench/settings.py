"""The production settings as they are, for bench/pages.py: the only additions are a
bare reference view (bench/urls.py) and an X-Queries header counting the database
queries of each response."""

from pim_portal.settings.production import *  # noqa: F403
from pim_portal.settings.production import BASE_DIR, MIDDLEWARE

ROOT_URLCONF = "bench.urls"
MIDDLEWARE = ["bench.urls.count_queries", *MIDDLEWARE]
# collectstatic's output for the manifest storage, kept out of the checkout.
STATIC_ROOT = BASE_DIR / "var" / "bench" / "static"
