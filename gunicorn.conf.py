"""Gunicorn settings for the production image (`gunicorn -c gunicorn.conf.py`).

Gunicorn runs behind a TLS-terminating reverse proxy; every value that differs
between hosts comes from the environment (see .env.example).
"""

import os


def _cores() -> int:
    # The CPUs this process may run on (respects a container's cpuset), not the host's.
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


# All interfaces inside the container; only the proxy should reach the port.
bind = "0.0.0.0:8000"

# Sync workers: 2 x cores + 1, at most 8 (each holds Django + WeasyPrint in memory).
workers = int(os.environ.get("WEB_CONCURRENCY") or min(2 * _cores() + 1, 8))
timeout = 60
graceful_timeout = 30
keepalive = 5
# Heartbeat files in memory: a slow overlay filesystem must not get workers killed.
worker_tmp_dir = "/dev/shm"  # noqa: S108

# Access and error logs to stdout/stderr, collected by the container runtime.
accesslog = "-"
errorlog = "-"
loglevel = "info"
# The client's address comes from the proxy's X-Forwarded-For, the duration in ms.
access_log_format = (
    '%({x-forwarded-for}i)s %(h)s %(t)s "%(r)s" %(s)s %(b)s "%(f)s" "%(a)s" %(M)sms'
)

# Behind the proxy: trust its X-Forwarded-Proto (so wsgi.url_scheme is https). "*"
# because the proxy's address inside the container network is not known in advance;
# this is safe only as long as port 8000 is reachable by the proxy alone. Set
# FORWARDED_ALLOW_IPS to the proxy's address or network to narrow it.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "*")
