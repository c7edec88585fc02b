"""The rules of a signed-in session that depend on the person's roles: ministry
roles must use two-factor authentication, and every session ends after a time
without activity, sooner for ministry roles. In organisations, with the backend
that reads those roles (organisations.backends)."""

import time
from collections.abc import Callable
from typing import cast

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_htmx.http import HttpResponseClientRedirect

from accounts.models import User
from organisations.backends import holds_ministry_role, needs_mfa_setup

# The moment of the signed-in person's last request, in whole seconds since the
# epoch; written at most once a minute (each write is a database write).
LAST_ACTIVITY_KEY = "pim_last_activity"
LAST_ACTIVITY_PRECISION = 60

# Sent by elements that poll in the background (presence in the editor, a PDF's
# status): such a request is not the person's activity, so an open tab alone never
# keeps a session alive. The idle limit is still enforced on it.
PASSIVE_HEADER = "X-Portal-Passive"

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
    "healthz_ready",
}


def _url_name(request: HttpRequest) -> str | None:
    try:
        return resolve(request.path_info).url_name
    except Resolver404:
        return None


def ministry_mfa_required(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Ministry staff see every organisation's people: their accounts must have
    TOTP two-factor authentication before they can use the portal."""

    def middleware(request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            user.is_authenticated
            # Read with the person (organisations.backends): no query of its own.
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


def idle_limit_seconds(user: User) -> int:
    """How long a signed-in person may stay idle: ministry roles see every
    organisation's people, so their sessions end sooner."""
    if holds_ministry_role(user) or user.is_superuser:
        return int(settings.SESSION_IDLE_MINUTES_MINISTRY) * 60
    return int(settings.SESSION_IDLE_MINUTES) * 60


def session_idle_timeout(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Signs out a person who made no request for longer than their role allows
    (SESSION_IDLE_MINUTES_MINISTRY, SESSION_IDLE_MINUTES) and sends them to the
    login page, which tells them why. The session cookie and the stored session
    expire at the same moment, so an abandoned browser holds nothing usable.
    Background polls (PASSIVE_HEADER) are checked but do not count as activity."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return get_response(request)
        limit = idle_limit_seconds(cast(User, request.user))
        now = int(time.time())
        last_activity = request.session.get(LAST_ACTIVITY_KEY)
        if isinstance(last_activity, int) and now - last_activity > limit:
            logout(request)
            messages.info(
                request,
                ngettext(
                    "You were signed out after %(minutes)d minute without "
                    "activity. Sign in again to continue.",
                    "You were signed out after %(minutes)d minutes without "
                    "activity. Sign in again to continue.",
                    limit // 60,
                )
                % {"minutes": limit // 60},
            )
            response = redirect_to_login(request.get_full_path())
            if getattr(request, "htmx", False):
                # A fragment request would swap the login page into the fragment.
                return HttpResponseClientRedirect(response["Location"])
            return response
        passive = request.headers.get(PASSIVE_HEADER) == "1"
        if not passive and (
            not isinstance(last_activity, int)
            or now - last_activity >= LAST_ACTIVITY_PRECISION
        ):
            request.session[LAST_ACTIVITY_KEY] = now
            request.session.set_expiry(limit)
        return get_response(request)

    return middleware
