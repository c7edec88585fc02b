"""The public LP join form, throttled: a visitor may send a few requests an hour
from one IP address. The counts live in the cache, kept by allauth's rate limiter
as for the logins, under the same rule for the visitor's IP (trusted proxies). (A
flood from many addresses is bounded by the requests an LP keeps waiting, counted
in the database: partnerships.services.join_request_submit.)

A cache that does not answer lets the request through and logs it: the form is a
public service, and a request to join is read by a person before anything follows.
"""

import logging

# allauth's internal module on purpose: its public allauth.core.ratelimit (65.21.1)
# only counts allauth's own actions (app "allauth.account", rates read from
# ACCOUNT_RATE_LIMITS, no `config`), so it cannot count ours. Pinned by
# partnerships/tests/test_join_requests.py::test_allauths_internal_rate_limiter_*.
from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpRequest

from partnerships.models import LocalPartnership

logger = logging.getLogger(__name__)

_ACTION = "lp_join_request"


def join_request_allowed(request: HttpRequest, partnership: LocalPartnership) -> bool:
    """Counts this request to join; False once a limit is reached."""
    limits = settings.LP_JOIN_RATE_LIMITS
    rates = f"{limits['per_ip']}/ip"
    try:
        usage = ratelimit.consume(
            request,
            app="partnerships",
            action=_ACTION,
            config={_ACTION: rates},
            key=f"partnership:{partnership.pk}",  # a count per IP and LP
        )
    except Exception:
        logger.warning("LP join throttle unavailable; request allowed", exc_info=True)
        return True
    return usage is not None
