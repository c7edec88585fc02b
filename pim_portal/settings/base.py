"""Settings shared by every environment. Everything that differs between
environments is an environment variable, listed with a comment in .env.example."""

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import environ
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from core.error_reports import start_error_reports

BASE_DIR = Path(__file__).resolve().parent.parent.parent
env = environ.Env()

SECRET_KEY = env("DJANGO_SECRET_KEY")
# Rotating the key: the new one in DJANGO_SECRET_KEY, the old ones here (newest
# first) until the sessions and links signed with them have expired.
SECRET_KEY_FALLBACKS = [
    key.strip()
    for key in env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
    if key.strip()
]
DEBUG = env.bool("DJANGO_DEBUG", default=False)
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",  # its system checks catch a malformed or outdated policy setting
    "django_filters",
    "django_countries",  # the country list, with its names in Polish
    "guardian",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "core",
    "accounts",
    "organisations",
    "networks",
    "audit",
    "meetings",
    "materials",
    "partnerships",
    "documents",
    "pdfs",
    "recruitment",
    "programme",
    "portal",
    "operations",  # backup and restore commands (no models, no pages)
]

MIDDLEWARE = [
    # first: every log line of the request carries its id, every answer names it
    "core.request_id.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.polish_unless_chosen",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "core.permissions.memo_per_request",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "organisations.middleware.session_idle_timeout",
    "organisations.middleware.ministry_mfa_required",
]

ROOT_URLCONF = "pim_portal.urls"
WSGI_APPLICATION = "pim_portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env.db("DATABASE_URL")}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=0)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Celery's queues and results (REDIS_URL) and the cache (CACHE_REDIS_URL) live in
# separate Redis databases — in production separate Redis servers, since a memory
# limit applies to a whole server: the cache's evicts what was least recently
# used, the broker's never evicts a task. Sessions are cached_db, so an evicted
# session is read again from PostgreSQL, never lost.
REDIS_URL = env("REDIS_URL")
CACHE_REDIS_URL = env(
    "CACHE_REDIS_URL", default=urlunsplit(urlsplit(REDIS_URL)._replace(path="/1"))
)
CACHES = {
    "default": {
        "BACKEND": "core.redis_cache.PortalRedisCache",  # one client per pool
        "LOCATION": CACHE_REDIS_URL,
        # Redis not answering is a miss (core.redis_cache): let it cost a page
        # milliseconds, not the seconds of the operating system's timeouts.
        "OPTIONS": {"socket_connect_timeout": 0.25, "socket_timeout": 0.5},
    }
}
# Operators' token for /healthz/ready (header X-Health-Token); empty: only the
# machine itself (the containers' healthchecks) may ask.
HEALTH_TOKEN = env("HEALTH_TOKEN", default="")

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # allauth's e-mail login; the person and their global permissions in one
    # query each (organisations/backends.py: a ministry role is a membership).
    "organisations.backends.PortalBackend",
    "guardian.backends.ObjectPermissionBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
] + [
    # ASVS 2.1.1: at least 12 characters (allauth's forms use these validators too).
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    }
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"

# allauth: e-mail login; accounts come from invitations, never from open sign-up.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
# The login address is someone's only if they confirmed it through a link mailed to
# it: an address typed on the e-mail page stays pending (one address per account)
# until confirmed, and nobody signs in with an unconfirmed one. Accounts made by the
# portal (invitations, LP members' accounts, demo) start confirmed (accounts.services).
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CHANGE_EMAIL = True
# Changing the e-mail or the password asks again for the password, or for the
# authenticator app's code where the person has one (accounts.adapter), within
# the last 5 minutes; the old address is told of each change.
ACCOUNT_REAUTHENTICATION_REQUIRED = True
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_FORMS = {"reset_password": "accounts.forms.ConfirmedAddressResetPasswordForm"}
ACCOUNT_ADAPTER = "accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Throttling: failed logins per IP and per account (allauth keeps counts in the cache).
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip,5/5m/key"}
# Proxies in front of the portal that append to X-Forwarded-For: without this the
# per-IP limits above would count every visitor as the proxy.
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("ALLAUTH_TRUSTED_PROXY_COUNT", default=0)

# Two-factor authentication: TOTP (with recovery codes), offered to everyone and
# required for ministry roles (organisations.middleware). A used code is refused
# again.
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "PIM Portal"
MFA_RECOVERY_CODE_COUNT = 10
# allauth refuses, by default, to add an unconfirmed address to an account with
# TOTP, which would leave ministry staff unable to change their e-mail at all. Here a
# new address is only pending until confirmed (ACCOUNT_CHANGE_EMAIL), adding it asks
# for the TOTP code, and no reset link or seat ever goes to an unconfirmed address.
# It also switches off allauth's validate_can_add_authenticator guard, which refuses
# TOTP to an account with an unconfirmed address (so that someone who signed up
# with another person's address cannot lock its owner out): harmless while sign-up
# is closed (accounts.adapter; accounts are made only by invitation or by a city
# for an LP member).
MFA_ALLOW_UNVERIFIED_EMAIL = True

# How long after a Local Partnership ends its members' personal data are kept
# (RODO retention), in days: then a daily task erases them.
PARTNERSHIP_RETENTION_DAYS = env.int("PARTNERSHIP_RETENTION_DAYS", default=5 * 365)
# How many days before that erasure the city's coordinators are told (also the
# least notice they get when an LP is marked ended long after the fact).
PARTNERSHIP_RETENTION_NOTICE_DAYS = env.int(
    "PARTNERSHIP_RETENTION_NOTICE_DAYS", default=30
)
# How long a declined or never-answered request to join an LP is kept, in days.
JOIN_REQUEST_RETENTION_DAYS = env.int("JOIN_REQUEST_RETENTION_DAYS", default=90)
# The public LP join form, throttled like the logins (counts in the cache) per
# visitor's IP; a flood from many addresses is bounded by the requests an LP keeps
# waiting for an answer (counted in the database, freed by declining them).
LP_JOIN_RATE_LIMITS = {"per_ip": env.str("LP_JOIN_RATE_PER_IP", default="5/1h")}
LP_JOIN_PENDING_MAX = env.int("LP_JOIN_PENDING_MAX", default=50)

# Absolute links in e-mails (invitations).
PORTAL_BASE_URL = env("PORTAL_BASE_URL", default="http://127.0.0.1:8000")

# guardian: no anonymous user row; anonymous visitors only see public pages.
ANONYMOUS_USER_NAME = None
GUARDIAN_RAISE_403 = False
GUARDIAN_RENDER_403 = False

LANGUAGE_CODE = "pl"
LANGUAGES = [("pl", _("Polish")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Warsaw"
USE_I18N = True
USE_TZ = True
# Dates and numbers as each language writes them (pim_portal/formats/). Numbers are
# grouped in thousands only where a page asks for it (core/templatetags/
# portal_display.py): a global USE_THOUSAND_SEPARATOR would also group ids and
# years in links and text, and the numbers in form inputs must stay plain.
FORMAT_MODULE_PATH = ["pim_portal.formats"]
USE_THOUSAND_SEPARATOR = False
LANGUAGE_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=False)
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", default=str(BASE_DIR / "var" / "media")))
# Backups (`manage.py backup` / `restore`, operations/): where the sets go, how many
# are kept (the newest of each of the last N days and N weeks), and the folder of
# pg_dump / pg_restore when they are not on PATH (the embedded server's, in dev/test).
BACKUP_DIR = Path(env("BACKUP_DIR", default=str(BASE_DIR / "var" / "backups")))
BACKUP_KEEP_DAILY = env.int("BACKUP_KEEP_DAILY", default=7)
BACKUP_KEEP_WEEKLY = env.int("BACKUP_KEEP_WEEKLY", default=4)
PG_BIN_DIR = env("PG_BIN_DIR", default="")

STORAGE_BACKEND = env("STORAGE_BACKEND", default="local")
STORAGES = {
    "default": (
        {
            "BACKEND": "storages.backends.s3.S3Storage",
            "OPTIONS": {
                "bucket_name": env("S3_BUCKET", default=""),
                "endpoint_url": env("S3_ENDPOINT_URL", default=None),
                "region_name": env("S3_REGION", default=None),
                "access_key": env("S3_ACCESS_KEY", default=None),
                "secret_key": env("S3_SECRET_KEY", default=None),
                "default_acl": "private",
                "querystring_auth": True,
                "file_overwrite": False,
            },
        }
        if STORAGE_BACKEND == "s3"
        else {"BACKEND": "django.core.files.storage.FileSystemStorage"}
    ),
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# An organisation's logo (PNG, JPEG or WebP): shown on its page and PDF covers.
ORGANISATION_LOGO_MAX_BYTES = 1024 * 1024

_email = env.email_url("EMAIL_URL", default="consolemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST", "localhost")
EMAIL_PORT = _email.get("EMAIL_PORT", 25)
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = _email.get("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = _email.get("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="PIM Portal <no-reply@pim.localhost>"
)

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = REDIS_URL
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = TIME_ZONE
CELERY_RESULT_EXPIRES = 3600
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# A broker outage must not hang a web request: fail fast, the caller decides.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 2, "socket_timeout": 5}
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_ACKS_LATE = True
# PDFs: rendered on their own queue ("pdf"), within time limits, by workers that
# are replaced once they have used PDF_WORKER_MAX_MEMORY_KB.
PDF_SOFT_TIME_LIMIT = env.int("PDF_SOFT_TIME_LIMIT", default=60)
PDF_TIME_LIMIT = env.int("PDF_TIME_LIMIT", default=90)
PDF_MAX_ATTEMPTS = env.int("PDF_MAX_ATTEMPTS", default=3)
PDF_RETRY_BACKOFF = env.int("PDF_RETRY_BACKOFF", default=10)
PDF_REDISPATCH = env.int("PDF_REDISPATCH", default=120)
PDF_SWEEP_SECONDS = env.int("PDF_SWEEP_SECONDS", default=60)
CELERY_TASK_ROUTES = {
    "pdfs.tasks.render_pdf": {"queue": "pdf"},
    "pdfs.tasks.build_bundle": {"queue": "pdf"},
}
CELERY_TASK_ANNOTATIONS = {
    "pdfs.tasks.render_pdf": {
        "soft_time_limit": PDF_SOFT_TIME_LIMIT,
        "time_limit": PDF_TIME_LIMIT,
    },
    "pdfs.tasks.build_bundle": {"soft_time_limit": 600, "time_limit": 660},
}
CELERY_WORKER_MAX_MEMORY_PER_CHILD = env.int(
    "PDF_WORKER_MAX_MEMORY_KB", default=400_000
)
CELERY_BEAT_SCHEDULE = {
    "remind-partnership-retention": {
        "task": "partnerships.tasks.remind_partnership_retention",
        "schedule": 24 * 60 * 60,
    },
    "erase-partnership-data-after-retention": {
        "task": "partnerships.tasks.erase_partnership_data_after_retention",
        "schedule": 24 * 60 * 60,
    },
    "purge-join-requests": {
        "task": "partnerships.tasks.purge_join_requests",
        "schedule": 24 * 60 * 60,
    },
    "sweep-pdf-jobs": {
        "task": "pdfs.tasks.sweep_render_jobs",
        "schedule": PDF_SWEEP_SECONDS,
    },
}

SESSION_COOKIE_HTTPONLY = True
# Signed-in sessions end after this many idle minutes (organisations.middleware):
# ministry roles, who see every organisation's people, sooner (ASVS 3.3.2).
SESSION_IDLE_MINUTES_MINISTRY = env.int("SESSION_IDLE_MINUTES_MINISTRY", default=30)
SESSION_IDLE_MINUTES = env.int("SESSION_IDLE_MINUTES", default=8 * 60)
# Sessions are kept in PostgreSQL and read through the Redis cache: a signed-in
# request does not query the database for its session.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Content-Security-Policy on every response (django-csp): the portal's own scripts,
# styles and images only; no inline script, style attribute, eval, plugin or
# framing, so markup that slips past escaping cannot run. data: images are for
# allauth's TOTP QR code (an SVG data URI). Templates and the HTML built in Python
# carry no inline script or style (tests/test_csp.py keeps it that way).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    },
}

# The public programme name, shown in the header and page titles.
PIM_PORTAL_NAME = "Partnerska Inicjatywa Miast"


def log_format(default: str) -> str:
    """DJANGO_LOG_FORMAT: `json` (one object per line, production's default) or
    `text` (one readable line, development's and the tests'); same fields."""
    chosen = env("DJANGO_LOG_FORMAT", default=default)
    if chosen not in ("json", "text"):
        raise ImproperlyConfigured("DJANGO_LOG_FORMAT must be json or text")
    return str(chosen)


# Every line: time, level, logger, message, request id and the signed-in person's
# numeric id (core/request_id.py, core/logs.py), on standard error.
LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_id.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "core.logs.JsonLines"},
        "text": {"()": "core.logs.TextLines"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": log_format(default="text"),
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # WeasyPrint reports every step of every PDF at INFO: noise for an operator.
    "loggers": {"weasyprint.progress": {"level": "WARNING"}},
}

# Error reports (optional): with SENTRY_DSN set, unhandled errors of the web and
# the workers go to Sentry (or a compatible server) without personal data.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    start_error_reports(
        dsn=SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="production"),
        release=env("SENTRY_RELEASE", default=None),
    )
