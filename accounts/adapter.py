from typing import Any

from allauth.account.adapter import DefaultAccountAdapter
from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.http import HttpRequest


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
