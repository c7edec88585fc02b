import datetime
import time
from typing import Any

from allauth.account import app_settings as account_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.internal.flows.login import (
    get_authentication_records,
    record_authentication,
)
from allauth.core import context
from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest

from accounts.models import User


class AccountAdapter(DefaultAccountAdapter):
    """Accounts are created by invitation (ministry -> coordinator -> officers),
    never by open sign-up."""

    def is_open_for_signup(self, request: HttpRequest) -> bool:
        return False

    def get_reauthentication_methods(
        self, user: AbstractBaseUser | AnonymousUser
    ) -> list[dict[str, Any]]:
        """Before a change of the login e-mail or the password, a person with an
        authenticator app confirms it is them with its code, not with the password:
        someone who took over a signed-in session, or learnt the password, must
        not be able to hand the account to an address of their own."""
        methods: list[dict[str, Any]] = super().get_reauthentication_methods(user)
        if Authenticator.objects.filter(
            user_id=user.pk, type=Authenticator.Type.TOTP
        ).exists():
            return [method for method in methods if method["id"] != "reauthenticate"]
        return methods

    def is_reauthentication_required(self, *, app: str, **kwargs: Any) -> bool:
        """Setting up the authenticator app right after signing in does not ask for
        the password again, nor for the new app's code to see its recovery codes
        (allauth counts only a reauthentication, not the sign-in that just asked
        for the password). Only while the account has no app older than the
        sign-in: removing an app, new recovery codes later, and every change of
        e-mail or password still ask."""
        request = context.request
        if (
            app == "allauth.mfa"
            and request is not None
            and request.user.is_authenticated
        ):
            signed_in = _recent_sign_in(request)
            if (
                signed_in is not None
                and not Authenticator.objects.filter(
                    user_id=request.user.pk, created_at__lt=signed_in
                ).exists()
            ):
                return False
        return bool(super().is_reauthentication_required(app=app, **kwargs))


def _recent_sign_in(request: HttpRequest) -> datetime.datetime | None:
    """When the session signed in with the password, if that was within the time a
    reauthentication counts for (ACCOUNT_REAUTHENTICATION_TIMEOUT)."""
    records = get_authentication_records(request, request.user)  # type: ignore[arg-type]
    moments = [record["at"] for record in records if record.get("method") == "password"]
    if (
        not moments
        or time.time() - moments[-1] >= account_settings.REAUTHENTICATION_TIMEOUT
    ):
        return None
    return datetime.datetime.fromtimestamp(moments[-1], tz=datetime.UTC)


def password_sign_in_record(request: HttpRequest, user: User) -> None:
    """Counts a sign-in that did not go through allauth's login form but in which
    the person has just typed their (new) password — the acceptance of an
    invitation — as a sign-in with the password: setting up the authenticator app
    right after it does not ask for the password again (see
    AccountAdapter.is_reauthentication_required)."""
    record_authentication(request, user, method="password", email=user.email)
