"""The object-permission checker shared by the access rules of every app, and the
request's memo of what the rules read about the person.

django-guardian's checker caches what it has read, but `user.has_perm(perm, obj)`
and a fresh `ObjectPermissionChecker(user)` read the grants again each time: a page
that asks several questions about the same network would cost queries per
question. Within a request (see `memo_per_request`) one checker per
person answers them all; outside a request (tasks, shell, services in tests) every
call gets a fresh one, so a grant made a moment ago is always seen. The same holds
for `per_request`, the memo of other facts (the person's organisations).

Object permissions are granted to groups only — one group per organisation role
and per network role (organisations.permissions, networks.permissions) — so the
checker reads group grants alone: one query per object instead of two.

Every view answers "not allowed" exactly like "missing" (404), so nobody learns
that another tenant's object exists: `require` for a check a view makes itself,
`refused_as_missing` for a view whose service refuses the person.
"""

from collections.abc import Callable
from contextvars import ContextVar
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import Permission
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from guardian.core import ObjectPermissionChecker
from guardian.utils import get_group_obj_perms_model

T = TypeVar("T")
P = ParamSpec("P")

_request_memo: ContextVar[dict[Any, Any] | None] = ContextVar(
    "request_memo", default=None
)


def require(allowed: bool) -> None:
    """404 unless the person is allowed: the same answer as for a missing object."""
    if not allowed:
        raise Http404


def refused_as_missing(view: Callable[P, T]) -> Callable[P, T]:
    """A view whose service refuses the person (PermissionDenied) answers 404, the
    same answer as for a missing object, instead of 403."""

    @wraps(view)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> T:
        try:
            return view(*args, **kwargs)
        except PermissionDenied as denied:
            raise Http404 from denied

    return wrapped


class GroupGrantsChecker(ObjectPermissionChecker):
    """guardian's checker without the lookup of grants made to the person directly
    (the portal makes none), and with a leaner lookup of group grants where the
    object has its own grants table: the same answer, at half guardian's cost."""

    def get_user_perms(self, obj: Any) -> "QuerySet[Permission, str]":  # type: ignore[override]
        return Permission.objects.none().values_list("codename", flat=True)

    def get_group_perms(self, obj: Any) -> "QuerySet[Any, str]":  # type: ignore[override]
        grants: Any = get_group_obj_perms_model(obj)._default_manager
        if grants.is_generic() or not self.user or not self.user.is_active:
            return super().get_group_perms(obj)
        return grants.filter(  # type: ignore[no-any-return]
            content_object=obj, group__user=self.user
        ).values_list("permission__codename", flat=True)


def object_checker(user: AbstractBaseUser) -> ObjectPermissionChecker:
    """The person's checker: the request's, or a fresh one outside a request."""
    return per_request(("checker", user.pk), lambda: GroupGrantsChecker(user))


def per_request(key: Any, compute: Callable[[], T]) -> T:
    """`compute()`, once per request (GET and HEAD) for the key; every time outside
    a request or in one that changes data."""
    memo = _request_memo.get()
    if memo is None:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]  # type: ignore[no-any-return]


def memo_per_request(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: `per_request`'s memo (the checkers, the person's organisations)
    for a request that only reads. A request that changes data (a POST) has none,
    so it never answers from before its own change."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return get_response(request)
        token = _request_memo.set({})
        try:
            return get_response(request)
        finally:
            _request_memo.reset(token)

    return middleware
