from typing import cast

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accounts.adapter import password_sign_in_record
from accounts.models import User
from accounts.selectors import email_is_taken, has_verified_email
from core.errors import DomainError
from core.listing import page_of
from core.permissions import require
from core.requests import client_ip
from organisations.filters import OrganisationFilter
from organisations.forms import AcceptInvitationForm, InvitationForm, RoleForm
from organisations.models import Invitation, Membership
from organisations.permissions import (
    MANAGE_PEOPLE,
    MANAGED_KINDS,
    VIEW_PEOPLE,
    access_organisation,
    can_invite_coordinators,
    can_manage_organisations,
    can_manage_people,
    can_manage_role,
    can_view_people,
    invitable_roles,
)
from organisations.selectors import (
    invitation_by_token,
    organisation_public_page,
    organisations_for_listing,
    pending_invitations,
    people_of_organisation,
)
from organisations.services import (
    invitation_accept,
    invitation_revoke,
    invitation_send,
    invitation_token_hash,
    membership_change_role,
    membership_set_active,
)


def organisation_list(request: HttpRequest) -> HttpResponse:
    filterset = OrganisationFilter(request.GET, queryset=organisations_for_listing())
    page = page_of(request, filterset.qs)
    return render(
        request,
        "organisations/organisation_list.html",
        {
            "filter": filterset,
            "page": page,
            "may_add": can_manage_organisations(request.user),
        },
    )


def organisation_detail(request: HttpRequest, slug: str) -> HttpResponse:
    page = organisation_public_page(slug=slug)
    organisation = page.organisation
    return render(
        request,
        "organisations/organisation_detail.html",
        {
            "organisation": organisation,
            "network_memberships": page.networks,
            "can_view_people": can_view_people(request.user, organisation),
            "may_manage": can_manage_organisations(request.user)
            and organisation.kind in MANAGED_KINDS,
        },
    )


@login_required
def people(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = access_organisation(request.user, slug, permission=VIEW_PEOPLE)
    return render(
        request,
        "organisations/people.html",
        {
            "organisation": organisation,
            "memberships": people_of_organisation(organisation=organisation),
            "invitations": pending_invitations(organisation=organisation),
            "may_manage": can_manage_people(request.user, organisation),
            "may_manage_coordinators": can_invite_coordinators(
                request.user, organisation
            ),
            # The roles this person may give: a choice only where there are two.
            "roles": [
                (role.value, role.label)
                for role in invitable_roles(request.user, organisation)
            ],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def invite(request: HttpRequest, slug: str) -> HttpResponse:
    actor = cast(User, request.user)
    organisation = access_organisation(actor, slug, permission=MANAGE_PEOPLE)
    form = InvitationForm(
        request.POST or None, roles=invitable_roles(actor, organisation)
    )
    if request.method == "POST" and form.is_valid():
        try:
            invitation = invitation_send(
                organisation=organisation,
                email=form.cleaned_data["email"],
                full_name=form.cleaned_data["full_name"],
                role=Membership.Role(form.cleaned_data["role"]),
                actor=actor,
                ip_address=client_ip(request),
            )
        except DomainError as error:
            form.add_error("email", error.message)
        else:
            messages.success(
                request,
                _("Invitation sent to %(email)s.") % {"email": invitation.email},
            )
            return redirect("organisations:people", slug=organisation.slug)
    return render(
        request,
        "organisations/invite.html",
        {"organisation": organisation, "form": form},
    )


@login_required
@require_POST
def membership_role(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    organisation = access_organisation(actor, slug, permission=MANAGE_PEOPLE)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    form = RoleForm(request.POST)
    new_role = request.POST.get("role", "")
    require(can_manage_role(actor, organisation, membership.role, new_role))
    if not form.is_valid():
        messages.error(request, _("Choose one of the listed roles."))
    else:
        try:
            membership_change_role(
                membership=membership,
                role=Membership.Role(form.cleaned_data["role"]),
                expected_role=form.cleaned_data["expected_role"],
                actor=actor,
                ip_address=client_ip(request),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Role changed."))
    return redirect("organisations:people", slug=organisation.slug)


@login_required
@require_POST
def membership_active(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    organisation = access_organisation(actor, slug, permission=MANAGE_PEOPLE)
    membership = get_object_or_404(Membership, pk=pk, organisation=organisation)
    require(can_manage_role(actor, organisation, membership.role))
    active = request.POST.get("active") == "1"
    try:
        membership_set_active(
            membership=membership,
            active=active,
            actor=actor,
            ip_address=client_ip(request),
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request, _("Person reactivated.") if active else _("Person deactivated.")
        )
    return redirect("organisations:people", slug=organisation.slug)


@login_required
@require_POST
def invitation_withdraw(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    actor = cast(User, request.user)
    organisation = access_organisation(actor, slug, permission=MANAGE_PEOPLE)
    invitation = get_object_or_404(Invitation, pk=pk, organisation=organisation)
    require(can_manage_role(actor, organisation, invitation.role))
    try:
        invitation_revoke(
            invitation=invitation, actor=actor, ip_address=client_ip(request)
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Invitation withdrawn."))
    return redirect("organisations:people", slug=organisation.slug)


@require_http_methods(["GET", "POST"])
def invitation_accept_page(request: HttpRequest, token: str) -> HttpResponse:
    invitation = invitation_by_token(token_hash=invitation_token_hash(token))
    if invitation is None:
        raise Http404
    if not invitation.is_usable:
        return render(
            request,
            "organisations/invitation_unusable.html",
            {"invitation": invitation},
            status=410,
        )
    signed_in = cast(User, request.user) if request.user.is_authenticated else None
    # Only a confirmed address of the signed-in person is theirs (accounts.selectors).
    wrong_person = signed_in is not None and not has_verified_email(
        user=signed_in, email=invitation.email
    )
    needs_login = signed_in is None and email_is_taken(invitation.email)
    form = None
    if signed_in is None and not needs_login:
        form = AcceptInvitationForm(
            request.POST or None, initial={"full_name": invitation.full_name}
        )
    may_accept = not wrong_person and not needs_login
    if request.method == "POST" and may_accept and (form is None or form.is_valid()):
        try:
            user = invitation_accept(
                invitation=invitation,
                user=signed_in,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password"] if form else "",
                ip_address=client_ip(request),
            )
        except DomainError as error:
            messages.error(request, error.message)
        else:
            if signed_in is None:
                login(request, user, backend="organisations.backends.PortalBackend")
                # the password just chosen: no second asking before the TOTP set-up
                password_sign_in_record(request, user)
            messages.success(
                request,
                _("Welcome! You are now a member of %(organisation)s.")
                % {"organisation": invitation.organisation.name},
            )
            return redirect("portal:dashboard")
    return render(
        request,
        "organisations/invitation_accept.html",
        {
            "invitation": invitation,
            "form": form,
            "wrong_person": wrong_person,
            "needs_login": needs_login,
        },
    )
