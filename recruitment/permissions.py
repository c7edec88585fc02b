"""Who may do what in recruitment — the single source of truth.

| role                        | calls                      | applications                             | scores                                                                             |
|-----------------------------|----------------------------|------------------------------------------|------------------------------------------------------------------------------------|
| ministry admin, staff       | create, edit, copy, decide | every one; reopen for completion; decide | every one, except while evaluating it themselves (next row); assign evaluators     |
| evaluator (assigned person) | public page                | the ones assigned to them, read-only     | their own; the others' only after submitting their own (the ministry's people too) |
| city coordinator            | public page                | their city's: draft, submit, withdraw    | never (the decision and its justification only)                                    |
| city officer                | public page                | their city's, read-only                  | never                                                                              |
| public                      | published calls            | –                                        | –                                                                                  |
"""

from collections.abc import Collection
from typing import cast

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from accounts.models import User
from organisations.models import Membership, Organisation
from organisations.selectors import active_coordinators
from recruitment.models import Application, Assignment, Call

MANAGE_CALLS = "recruitment.manage_calls"


def _signed_in(user: User | AnonymousUser) -> bool:
    return bool(user.is_authenticated and user.is_active)


def can_manage(user: User | AnonymousUser) -> bool:
    return _signed_in(user) and user.has_perm(MANAGE_CALLS)


def require_manager(user: User | AnonymousUser) -> None:
    """For the ministry's services: anyone else is refused."""
    if not can_manage(user):
        raise PermissionDenied


def _role_in(user: User | AnonymousUser, organisation_id: int) -> str | None:
    if not _signed_in(user):
        return None
    return (
        Membership.objects.filter(
            user=cast(User, user), organisation_id=organisation_id, is_active=True
        )
        .values_list("role", flat=True)
        .first()
    )


def can_apply(user: User | AnonymousUser, organisation: Organisation) -> bool:
    """The city's coordinator drafts, submits and withdraws its applications."""
    return _role_in(user, organisation.pk) == Membership.Role.COORDINATOR


def can_follow_applications(user: User | AnonymousUser) -> bool:
    """The people of a city or county (any role) follow its applications; the
    ministry, which decides on them, applies for nothing."""
    return (
        _signed_in(user)
        and Membership.objects.filter(user=cast(User, user), is_active=True)
        .exclude(organisation__kind=Organisation.Kind.MINISTRY)
        .exists()
    )


def applying_organisations(user: User) -> QuerySet[Organisation]:
    coordinated = active_coordinators().filter(user=user).values("organisation_id")
    return Organisation.objects.filter(pk__in=coordinated).exclude(
        kind=Organisation.Kind.MINISTRY
    )


def assignment_of(
    user: User | AnonymousUser, application: Application
) -> Assignment | None:
    if not _signed_in(user):
        return None
    return Assignment.objects.filter(
        application=application, evaluator_id=user.pk
    ).first()


def can_view_application(user: User | AnonymousUser, application: Application) -> bool:
    return (
        can_manage(user)
        or _role_in(user, application.organisation_id) is not None
        or assignment_of(user, application) is not None
    )


def access_call(user: User | AnonymousUser, slug: str, *, manage: bool = False) -> Call:
    """A published call for everyone; unpublished ones and the management pages
    for the ministry only; 404 otherwise."""
    call = Call.objects.select_related("edition").filter(slug=slug).first()
    if call is None:
        raise Http404
    if (manage or not call.is_published) and not can_manage(user):
        raise Http404
    return call


def access_application(user: User | AnonymousUser, pk: int) -> Application:
    application = (
        Application.objects.select_related("call", "organisation", "theme__theme")
        .filter(pk=pk)
        .first()
    )
    if application is None or not can_view_application(user, application):
        raise Http404
    return application


def scores_hidden_among(
    user: User | AnonymousUser, application_ids: Collection[int]
) -> frozenset[int]:
    """Of these applications, those whose scores the person may not see — the one
    rule behind every page, list and export that shows a score, in one query for a
    whole page:

    - whoever holds an open (not yet submitted) evaluation of an application sees
      no score of it — the ministry's people included — until theirs is in; a
      declared conflict of interest is never submitted, so it keeps them blind;
    - otherwise the ministry sees every score, and an evaluator the others' once
      their own is submitted;
    - applicants and everyone else, never."""
    if not application_ids:
        return frozenset()
    if not _signed_in(user):
        return frozenset(application_ids)
    own = dict(
        Assignment.objects.filter(
            evaluator_id=user.pk, application_id__in=application_ids
        ).values_list("application_id", "submitted_at")
    )
    manager = can_manage(user)
    return frozenset(
        pk for pk in application_ids if (own[pk] is None if pk in own else not manager)
    )


def can_see_scores(user: User | AnonymousUser, application: Application) -> bool:
    """`scores_hidden_among` for one application."""
    return not scores_hidden_among(user, [application.pk])


def is_evaluator(user: User) -> bool:
    """Has applications assigned to evaluate (in any call)."""
    return user.evaluation_assignments.exists()
