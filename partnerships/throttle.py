"""The public LP join form, throttled: a visitor may send a few requests an hour
from one IP address, and an LP takes a bounded number a day in all (a flood from
many addresses). The counts live in the cache, kept by allauth's rate limiter as
for the logins, under the same rule for the visitor's IP (trusted proxies).

A cache that does not answer lets the request through and logs it: the form is a
public service, and a request to join is read by a person before anything follows.
"""

import logging

from allauth.core.internal import ratelimit
from django.conf import settings
from django.http import HttpRequest

from partnerships.models import LocalPartnership

logger = logging.getLogger(__name__)

_ACTION = "lp_join_request"


def join_request_allowed(request: HttpRequest, partnership: LocalPartnership) -> bool:
    """Counts this request to join; False once a limit is reached."""
    limits = settings.LP_JOIN_RATE_LIMITS
    rates = f"{limits['per_ip']}/ip,{limits['per_partnership']}/key"
    try:
        usage = ratelimit.consume(
            request,
            app="partnerships",
            action=_ACTION,
            config={_ACTION: rates},
            key=f"partnership:{partnership.pk}",
        )
    except Exception:
        logger.warning("LP join throttle unavailable; request allowed", exc_info=True)
        return True
    return usage is not None
