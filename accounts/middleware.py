from collections.abc import Callable

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from accounts.backends import needs_mfa_setup

# What a ministry person without two-factor authentication may still reach.
ALLOWED_WITHOUT_MFA = {
    "mfa_index",
    "mfa_activate_totp",
    "mfa_view_recovery_codes",
    "mfa_generate_recovery_codes",
    "mfa_download_recovery_codes",
    "mfa_reauthenticate",
    "account_reauthenticate",
    "account_logout",
    "set_language",
    "healthz",
}


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def ministry_mfa_required(
    get_response: Callable[[HttpRequest], HttpResponse],
    "healthz_ready",
) -> Callable[[HttpRequest], HttpResponse]:
    """Ministry staff see every organisation's people: their accounts must have
    TOTP two-factor authentication before they can use the portal."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            # Read with the person (accounts.backends): no query of its own.
            and needs_mfa_setup(user)
            and _url_name(request) not in ALLOWED_WITHOUT_MFA
        ):
            messages.warning(
                request,
                _(
                    "Ministry accounts must use two-factor authentication. "
                    "Set it up to continue."
                ),
            )
            return redirect("mfa_activate_totp")
        return get_response(request)

    return middleware
