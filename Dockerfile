# PIM Portal production image: gunicorn by default; the same image runs the Celery
# worker and beat and the one-off migrations (see docker-compose.yml).
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PYTHONPATH=/app \
    DJANGO_SETTINGS_MODULE=pim_portal.settings.production

# WeasyPrint 70 (PDF export): Pango for text layout, HarfBuzz subsetting for embedded
# fonts, and fonts with Polish glyphs. No gettext: the .mo files are committed.
RUN apt-get update \
    && apt-get install -y --no-install-recommends \
        libpango-1.0-0 \
        libpangoft2-1.0-0 \
        libharfbuzz-subset0 \
        fonts-dejavu-core \
        fonts-liberation2 \
    && rm -rf /var/lib/apt/lists/*

# pg_dump / pg_restore for `manage.py backup` / `restore` (operations/): the client of
# the server's major version (postgres:17 in docker-compose.yml; a client may be newer
# than the server, never older), from PostgreSQL's own apt repository, whose signing
# key postgresql-common ships (bookworm itself has client 15 only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends postgresql-client-17 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system pim \
    && useradd --system --gid pim --create-home --home-dir /home/pim \
        --shell /usr/sbin/nologin pim

WORKDIR /app

# Dependencies first: this layer is rebuilt only when the lock file changes.
COPY requirements.lock ./
RUN pip install --no-cache-dir -r requirements.lock

# The code stays owned by root (read-only for the app); only media is writable.
# .dockerignore leaves out the development tooling and every test
# (tests/test_production_image.py).
COPY . .

# Settings only parse these URLs at import, they never connect: dummy values, for this
# command only (they are not baked into the image's environment).
RUN DJANGO_SECRET_KEY=collectstatic-only \
    DJANGO_ALLOWED_HOSTS=build.invalid \
    EMAIL_URL=dummymail:// \
    PORTAL_BASE_URL=https://build.invalid \
    DATABASE_URL=postgres://build@127.0.0.1:1/build \
    REDIS_URL=redis://127.0.0.1:1/0 \
    python manage.py collectstatic --noinput \
    && mkdir -p /app/var/media /app/var/backups \
    && chown pim:pim /app/var/media /app/var/backups

USER pim

EXPOSE 8000

# No HEALTHCHECK here: worker and beat run from this image too and serve no HTTP;
# the web healthcheck (GET /healthz) is in docker-compose.yml.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "pim_portal.wsgi:application"]
