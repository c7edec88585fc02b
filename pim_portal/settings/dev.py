"""Local development (`make run`): debug pages, console e-mail, demo accounts."""

import os

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production"
)

from .base import *  # noqa: F403
from .base import env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# One account per role, printed on start. Never enabled in production settings.
DEMO_ACCOUNTS_PASSWORD = env("DEMO_ACCOUNTS_PASSWORD", default="pim-demo-2026")
# The scale generator (`manage.py generate_scale`): development only, never installed
# by the production settings nor shipped in the production image.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405
