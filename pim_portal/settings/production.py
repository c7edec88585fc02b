"""Production: everything from the environment, HTTPS only, hashed static files."""

import os

from django.core.exceptions import ImproperlyConfigured

# What production cannot guess, checked before base.py parses any of it: unset or
# left empty (the empty `NAME=` lines of .env.example), production does not start,
# rather than sign with a guessable key, log invitations to the console instead of
# mailing them, or link them to the development server.
REQUIRED = ("DJANGO_SECRET_KEY", "DJANGO_ALLOWED_HOSTS", "EMAIL_URL", "PORTAL_BASE_URL")
_missing = [name for name in REQUIRED if not os.environ.get(name, "").strip()]
if _missing:
    raise ImproperlyConfigured(
        f"Set {', '.join(_missing)} in the environment: production does not start "
        "without it (see .env.example)."
    )

from .base import *  # noqa: E402, F403
from .base import DATABASES, MIDDLEWARE, STORAGES, env  # noqa: E402

DEBUG = False
# Each gunicorn worker keeps its database connection: opening one per request costs
# more than most pages (bench/pages.py); checked before reuse after an outage.
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind a TLS-terminating proxy that sets X-Forwarded-Proto.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
# The probes inside the containers speak plain HTTP to gunicorn.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^healthz/ready$"]
SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = env.bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
# Static files straight from gunicorn, compressed and with far-future caching.
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "whitenoise.middleware.WhiteNoiseMiddleware",
)
# Log lines as JSON, one object per line, unless DJANGO_LOG_FORMAT=text.
LOGGING["handlers"]["console"]["formatter"] = log_format(default="json")  # noqa: F405
