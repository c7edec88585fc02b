"""The portal's sign-in backend: allauth's e-mail login with Django's rules for
active accounts and global permissions, each read in one query per request.

- The person is read with what every request asks of them next: whether they hold a
  ministry role without TOTP two-factor authentication (`needs_mfa_setup`, see
  `accounts.middleware`), as one column of the same query.
- Global permissions (the ministry's roles) are read in one query, direct grants
  and group grants together, where Django's ModelBackend needs two.
"""

from typing import Any, cast

from allauth.account.auth_backends import AuthenticationBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, Permission
from django.db.models import Exists, OuterRef

from accounts.models import User
from organisations.models import Membership, Organisation


def ministry_role_without_mfa(user: OuterRef | User) -> Exists:
    """True when the person holds an active ministry role and has no TOTP device."""
    user_id = user.pk if isinstance(user, User) else user
    return Exists(
        Membership.objects.filter(
            user=user_id,
            is_active=True,
            organisation__kind=Organisation.Kind.MINISTRY,
        ).exclude(
            Exists(
                Authenticator.objects.filter(
                    user=OuterRef("user_id"), type=Authenticator.Type.TOTP
                )
            )
        )
    )


def needs_mfa_setup(user: User) -> bool:
    """The answer read with the person at sign-in of the request, or a query for a
    person loaded some other way."""
    answer = getattr(user, "needs_mfa_setup", None)
    if answer is None:
        answer = User.objects.filter(
            ministry_role_without_mfa(user), pk=user.pk
        ).exists()
    return bool(answer)


class PortalBackend(AuthenticationBackend):
    def get_user(self, user_id: Any) -> AbstractBaseUser | None:
        user = (
            User.objects.annotate(
                needs_mfa_setup=ministry_role_without_mfa(OuterRef("pk"))
            )
            .filter(pk=user_id)
            .first()
        )
        return user if user is not None and self.user_can_authenticate(user) else None

    def get_all_permissions(
        self, user_obj: AbstractBaseUser | AnonymousUser, obj: Any = None
    ) -> set[str]:
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        user = cast(User, user_obj)
        if not hasattr(user, "_perm_cache"):
            if user.is_superuser:
                return super().get_all_permissions(user, obj)
            fields = ("content_type__app_label", "codename")
            direct = Permission.objects.filter(user=user).values_list(*fields)
            through_groups = Permission.objects.filter(group__user=user)
            user._perm_cache = {  # type: ignore[attr-defined]
                f"{app}.{codename}"
                for app, codename in direct.union(through_groups.values_list(*fields))
            }
        return user._perm_cache  # type: ignore[attr-defined,no-any-return]
