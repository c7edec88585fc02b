"""The portal's sign-in backend: allauth's e-mail login with Django's rules for
active accounts and global permissions, each read in one query per request.

- The person is read with what every request asks of them next: whether they hold a
  ministry role without TOTP two-factor authentication (`needs_mfa_setup`, see
  `accounts.middleware`), as one column of the same query.
- Global permissions (the ministry's roles), direct grants and group grants, are
  read with the person too, as two array columns of that query, where Django's
  ModelBackend needs two queries of their own. A person loaded some other way has
  them read in one query.
"""

from typing import Any, cast

from allauth.account.auth_backends import AuthenticationBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, Permission
from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import Exists, OuterRef, QuerySet, Value
from django.db.models.functions import Concat

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


def _permission_names(permissions: "QuerySet[Permission]") -> ArraySubquery:
    return ArraySubquery(
        permissions.annotate(
            permission=Concat("content_type__app_label", Value("."), "codename")
        )
        .order_by()
        .values("permission")
    )


class PortalBackend(AuthenticationBackend):
    def get_user(self, user_id: Any) -> AbstractBaseUser | None:
        user = (
            User.objects.annotate(
                needs_mfa_setup=ministry_role_without_mfa(OuterRef("pk")),
                direct_permissions=_permission_names(
                    Permission.objects.filter(user=OuterRef("pk"))
                ),
                group_permissions=_permission_names(
                    Permission.objects.filter(group__user=OuterRef("pk"))
                ),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        if not user.is_superuser:
            user._perm_cache = {  # type: ignore[attr-defined]
                *user.direct_permissions,  # type: ignore[attr-defined]
                *user.group_permissions,  # type: ignore[attr-defined]
            }
        return user

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
