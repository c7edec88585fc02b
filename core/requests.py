from allauth.account.adapter import get_adapter
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The visitor's IP, trusting as many proxies as ALLAUTH_TRUSTED_PROXY_COUNT
    (the same rule the login throttling uses)."""
    try:
        return str(get_adapter(request).get_client_ip(request))
    except Exception:  # a malformed or missing address is not worth a 500
        return None
