"""The object-permission checker shared by the access rules of every app.

django-guardian's checker caches what it has read, but `user.has_perm(perm, obj)`
and a fresh `ObjectPermissionChecker(user)` read the grants again each time: a page
that asks several questions about the same network would cost two queries per
question. Within a request (see `object_permissions_per_request`) one checker per
person answers them all; outside a request (tasks, shell, services in tests) every
call gets a fresh one, so a grant made a moment ago is always seen.
"""

from collections.abc import Callable
from contextvars import ContextVar

from django.contrib.auth.base_user import AbstractBaseUser
from django.http import HttpRequest, HttpResponse
from guardian.core import ObjectPermissionChecker

_checkers: ContextVar[dict[int, ObjectPermissionChecker] | None] = ContextVar(
    "object_permission_checkers", default=None
)


def object_checker(user: AbstractBaseUser) -> ObjectPermissionChecker:
    """The person's checker: the request's, or a fresh one outside a request."""
    checkers = _checkers.get()
    if checkers is None:
        return ObjectPermissionChecker(user)
    checker = checkers.get(user.pk)
    if checker is None:
        checker = checkers[user.pk] = ObjectPermissionChecker(user)
    return checker


def object_permissions_per_request(
    get_response: Callable[[HttpRequest], HttpResponse],
) -> Callable[[HttpRequest], HttpResponse]:
    """Middleware: one checker per person for the request's reads. A request that
    changes grants (a POST) keeps fresh checkers, so it never answers from before
    its own change."""

    def middleware(request: HttpRequest) -> HttpResponse:
        if request.method not in ("GET", "HEAD"):
            return get_response(request)
        token = _checkers.set({})
        try:
            return get_response(request)
        finally:
            _checkers.reset(token)

    return middleware
