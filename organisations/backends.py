"""The portal's sign-in backend: allauth's e-mail login with Django's rules for
active accounts and global permissions, each read in one query per request.

- The person is read with what every request asks of them next: whether they hold a
  ministry role without TOTP two-factor authentication (`needs_mfa_setup`), and
  whether they hold a ministry role at all (`holds_ministry_role`, for the idle
  time-out), see `organisations.middleware`, as columns of the same query.
- Global permissions (the ministry's roles), direct grants and group grants, are
  read with the person too, as an array column of that query, where Django's
  ModelBackend needs two queries of their own. A person loaded some other way has
  them read in one query.

It lives in organisations, not accounts: a ministry role is a membership of the
ministry's organisation.
"""

from typing import Any, cast

from allauth.account.auth_backends import AuthenticationBackend
from allauth.mfa.models import Authenticator
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.fields import ArrayField
from django.db.models import Exists, OuterRef, QuerySet, TextField
from django.db.models.expressions import RawSQL

from accounts.models import User
from organisations.models import Membership, Organisation


def _ministry_memberships(user: OuterRef | User) -> QuerySet[Membership]:
    user_id = user.pk if isinstance(user, User) else user
    return Membership.objects.filter(
        user=user_id, is_active=True, organisation__kind=Organisation.Kind.MINISTRY
    )


def ministry_role(user: OuterRef | User) -> Exists:
    """True when the person holds an active ministry role."""
    return Exists(_ministry_memberships(user))


def ministry_role_without_mfa(user: OuterRef | User) -> Exists:
    """True when the person holds an active ministry role and has no TOTP device."""
    return Exists(
        _ministry_memberships(user).exclude(
            Exists(
                Authenticator.objects.filter(
                    user=OuterRef("user_id"), type=Authenticator.Type.TOTP
                )
            )
        )
    )


def holds_ministry_role(user: User) -> bool:
    """The answer read with the person at sign-in of the request, or a query for a
    person loaded some other way."""
    answer = getattr(user, "holds_ministry_role", None)
    if answer is None:
        answer = User.objects.filter(ministry_role(user), pk=user.pk).exists()
    return bool(answer)


def needs_mfa_setup(user: User) -> bool:
    """The answer read with the person at sign-in of the request, or a query for a
    person loaded some other way."""
    answer = getattr(user, "needs_mfa_setup", None)
    if answer is None:
        answer = User.objects.filter(
            ministry_role_without_mfa(user), pk=user.pk
        ).exists()
    return bool(answer)


def _global_permissions() -> RawSQL:
    """The person's global permissions, direct and through groups, as an array of
    "app_label.codename": a column of the query that reads the person. Written in
    SQL because the ORM's version of this subquery costs more to compile than the
    query it saves. It names the person's row by its table, so it belongs in a query
    whose outermost table is that of `User` (as `get_user`'s), never in a nested one."""
    user_permissions = User.user_permissions.through._meta.db_table
    user_groups = User.groups.through._meta.db_table
    group_permissions = Group.permissions.through._meta.db_table
    # Table names from the models; nothing from a request.
    return RawSQL(  # noqa: S611
        f"""ARRAY(
            SELECT content_type.app_label || '.' || permission.codename
            FROM {Permission._meta.db_table} permission
            JOIN {ContentType._meta.db_table} content_type
              ON content_type.id = permission.content_type_id
            WHERE permission.id IN (
                SELECT direct.permission_id FROM {user_permissions} direct
                WHERE direct.user_id = {User._meta.db_table}.id
                UNION ALL
                SELECT granted.permission_id FROM {group_permissions} granted
                JOIN {user_groups} member ON member.group_id = granted.group_id
                WHERE member.user_id = {User._meta.db_table}.id
            )
        )""",  # noqa: S608
        (),
        output_field=ArrayField(TextField()),
    )


class PortalBackend(AuthenticationBackend):
    def get_user(self, user_id: Any) -> AbstractBaseUser | None:
        user = (
            User.objects.annotate(
                needs_mfa_setup=ministry_role_without_mfa(OuterRef("pk")),
                holds_ministry_role=ministry_role(OuterRef("pk")),
                global_permissions=_global_permissions(),
            )
            .filter(pk=user_id)
            .first()
        )
        if user is None or not self.user_can_authenticate(user):
            return None
        if not user.is_superuser:
            user._perm_cache = set(user.global_permissions)  # type: ignore[attr-defined]
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
