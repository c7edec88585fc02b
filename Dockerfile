# PIM Portal production image: gunicorn by default; the same image runs the Celery
# worker and beat, the one-off migrations and the backups (see docker-compose.yml).
#
# Three stages: `runtime` (the system libraries production needs), `build` (the
# dependencies in a virtual environment, the static files, everything compiled to
# bytecode) and the image itself, which is `runtime` plus what `build` made: no pip
# cache, no lock file install step, nothing of the build left behind
# (tests/test_production_image.py).
#
# The base image is an exact release, bumped on purpose (a Python patch release or a
# Debian point release), never moved under a running deployment by a rebuild. Where
# the build machine can reach the registry, pin its digest too:
#   docker buildx imagetools inspect python:3.11.14-slim-bookworm
# and write it as python:3.11.14-slim-bookworm@sha256:<digest> in the FROM line.
FROM python:3.11.14-slim-bookworm AS runtime

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PIP_ROOT_USER_ACTION=ignore \
    PYTHONPATH=/app \
    PATH=/opt/venv/bin:$PATH \
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
# the server's major version (postgres:18 in docker-compose.yml; an older client
# refuses to dump a newer server; tests/test_service_versions.py), from PostgreSQL's
# own apt repository, whose signing key postgresql-common ships (bookworm itself has
# client 15 only).
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends postgresql-client-18 \
    && rm -rf /var/lib/apt/lists/*

RUN groupadd --system pim \
    && useradd --system --gid pim --create-home --home-dir /home/pim \
        --shell /usr/sbin/nologin pim

WORKDIR /app


FROM runtime AS build

# Dependencies first: this layer is rebuilt only when the lock file changes.
COPY requirements.lock /tmp/requirements.lock
RUN python -m venv /opt/venv \
    && pip install --no-cache-dir -r /tmp/requirements.lock

# .dockerignore leaves out the development tooling and every test
# (tests/test_production_image.py).
COPY . .

# Settings only parse these URLs at import, they never connect: dummy values, for this
# command only (they are not baked into the image's environment). Then every module
# is compiled once here: the running code is read-only and would otherwise compile
# it again in each process at each start (hash-checked, so a .pyc never outlives its
# source).
RUN DJANGO_SECRET_KEY=collectstatic-only \
    DJANGO_ALLOWED_HOSTS=build.invalid \
    EMAIL_URL=dummymail:// \
    PORTAL_BASE_URL=https://build.invalid \
    DATABASE_URL=postgres://build@127.0.0.1:1/build \
    REDIS_URL=redis://127.0.0.1:1/0 \
    python manage.py collectstatic --noinput \
    && python -m compileall -q -j 0 --invalidation-mode checked-hash /app /opt/venv \
    && mkdir -p /app/var/media /app/var/backups


FROM runtime

# The code and the dependencies stay owned by root (read-only for the app); only
# media and backups are writable.
COPY --from=build /opt/venv /opt/venv
COPY --from=build /app /app
RUN chown pim:pim /app/var/media /app/var/backups

USER pim

EXPOSE 8000

# No HEALTHCHECK here: worker and beat run from this image too and serve no HTTP;
# the web healthcheck (GET /healthz) is in docker-compose.yml.
CMD ["gunicorn", "--config", "gunicorn.conf.py", "pim_portal.wsgi:application"]
