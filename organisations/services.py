"""The people of an organisation: invitations and memberships (the organisations
themselves, by the ministry: organisations.administration)."""

import hashlib
import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts.models import User
from accounts.selectors import email_is_taken, has_verified_email
from accounts.services import user_create
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from core.page_cache import new_generation
from core.tasks import schedule
from organisations import tasks
from organisations.models import (
    INVITATION_VALIDITY,
    Invitation,
    Membership,
    Organisation,
)
from organisations.permissions import membership_groups_sync
from organisations.selectors import COORDINATORS


def membership_changed(membership: Membership) -> None:
    """What a changed membership implies: the rights of its role, and the contact
    people the network workspaces show."""
    membership_groups_sync(membership)
    new_generation(COORDINATORS)


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def membership_grant(
    *,
    user: User,
    organisation: Organisation,
    role: Membership.Role,
    actor: User | None = None,
    ip_address: str | None = None,
) -> Membership:
    """Gives a person a role in an organisation (or changes the role they have),
    with everything the role implies."""
    with transaction.atomic():
        existing = (
            Membership.objects.select_for_update()
            .filter(user=user, organisation=organisation)
            .first()
        )
        if existing and existing.role == role and existing.is_active:
            membership_groups_sync(existing)  # idempotent: heals older data
            return existing
        membership, _created = Membership.objects.update_or_create(
            user=user,
            organisation=organisation,
            defaults={"role": role, "is_active": True},
        )
        membership_changed(membership)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.MEMBERSHIP_GRANTED,
            ip_address=ip_address,
            organisation=organisation,
            subject=user,
            details={"role": role},
        )
    return membership


def invitation_send(
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: Membership.Role,
    actor: User,
    ip_address: str | None,
) -> Invitation:
    """Invites a person by e-mail to take a role in the organisation. A new
    invitation to the same address replaces the pending one."""
    with transaction.atomic():
        invitation, token = invitation_create(
            organisation=organisation,
            email=email,
            full_name=full_name,
            role=role,
            actor=actor,
            ip_address=ip_address,
        )
        language = translation.get_language() or settings.LANGUAGE_CODE
        schedule(tasks.send_invitation_email, invitation.pk, token, language)
    return invitation


def invitation_create(
    *,
    organisation: Organisation,
    email: str,
    full_name: str,
    role: Membership.Role,
    actor: User | None,
    ip_address: str | None,
) -> tuple[Invitation, str]:
    """An invitation to take a role in the organisation (replacing a pending one
    to the same address), and its token: the only copy, for the caller to hand
    over — invitation_send e-mails it; `create_ministry_admin` prints it, with
    no actor (the server's command line, on an install with no one yet)."""
    email = email.strip().lower()
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        # Locked: a deactivation that withdraws the invitations waits for this.
        if not (
            Organisation.objects.select_for_update()
            .filter(pk=organisation.pk, is_active=True)
            .exists()
        ):
            raise DomainError(
                _("The organisation is deactivated: reactivate it first.")
            )
        if Membership.objects.filter(
            organisation=organisation, user__email__iexact=email, is_active=True
        ).exists():
            raise DomainError(_("This person already belongs to the organisation."))
        Invitation.objects.select_for_update().filter(
            organisation=organisation, email=email, status=Invitation.Status.PENDING
        ).update(status=Invitation.Status.REVOKED, decided_at=timezone.now())
        try:
            with transaction.atomic():  # a double submit meets the unique constraint
                invitation = Invitation.objects.create(
                    organisation=organisation,
                    email=email,
                    full_name=full_name,
                    role=role,
                    token_hash=invitation_token_hash(token),
                    invited_by=actor,
                    expires_at=timezone.now() + INVITATION_VALIDITY,
                )
        except IntegrityError as error:
            raise DomainError(
                _("An invitation to this address was just sent.")
            ) from error
        audit_record(
            actor=actor,
            action=AuditEvent.Action.INVITATION_SENT,
            ip_address=ip_address,
            organisation=organisation,
            subject_email=email,
            details={"role": role},
        )
    return invitation, token


def invitation_accept(
    *,
    invitation: Invitation,
    user: User | None,
    full_name: str = "",
    password: str = "",
    ip_address: str | None,
) -> User:
    """Accepts an invitation: the invited person gets the role (and, when they had
    no account yet, an account with the password they chose, its address confirmed
    by the link itself). A signed-in person gets it only when the invited address
    is one they confirmed: an address merely added to their account is not theirs."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if not invitation.is_usable or not invitation.organisation.is_active:
            raise DomainError(_("This invitation has expired or was withdrawn."))
        if user is None:
            if email_is_taken(invitation.email):
                raise DomainError(
                    _("An account with this e-mail exists: log in to accept.")
                )
            user = user_create(
                email=invitation.email, password=password, full_name=full_name
            )
        elif not has_verified_email(user=user, email=invitation.email):
            raise DomainError(_("This invitation is for another e-mail address."))
        membership, _created = Membership.objects.update_or_create(
            user=user,
            organisation=invitation.organisation,
            defaults={"role": invitation.role, "is_active": True},
        )
        membership_changed(membership)
        invitation.status = Invitation.Status.ACCEPTED
        invitation.decided_at = timezone.now()
        invitation.save(update_fields=["status", "decided_at"])
        audit_record(
            actor=user,
            action=AuditEvent.Action.INVITATION_ACCEPTED,
            ip_address=ip_address,
            organisation=invitation.organisation,
            subject=user,
            details={"role": invitation.role},
        )
    return user


def invitation_revoke(
    *, invitation: Invitation, actor: User, ip_address: str | None
) -> None:
    """Withdraws a pending invitation: its link stops working at once."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if invitation.status != Invitation.Status.PENDING:
            raise DomainError(_("Only a pending invitation can be withdrawn."))
        invitation.status = Invitation.Status.REVOKED
        invitation.decided_at = timezone.now()
        invitation.save(update_fields=["status", "decided_at"])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.INVITATION_REVOKED,
            ip_address=ip_address,
            organisation=invitation.organisation,
            subject_email=invitation.email,
        )


def membership_change_role(
    *,
    membership: Membership,
    role: Membership.Role,
    expected_role: str,
    actor: User,
    ip_address: str | None,
) -> Membership:
    """Changes a person's role in the organisation. `expected_role` is the role the
    actor saw: if someone changed it meanwhile, nothing is overwritten."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("user", "organisation")
            .get(pk=membership.pk)
        )
        if membership.user_id == actor.pk:
            raise DomainError(_("You cannot change your own role."))
        if membership.role != expected_role:
            raise DomainError(
                _("Someone else changed this person's role meanwhile; it is now: %s.")
                % membership.get_role_display()
            )
        if membership.role == role:
            return membership
        previous = membership.role
        membership.role = role
        membership.save(update_fields=["role"])
        membership_changed(membership)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.ROLE_CHANGED,
            ip_address=ip_address,
            organisation=membership.organisation,
            subject=membership.user,
            details={"from": previous, "to": role},
        )
    return membership


def membership_set_active(
    *, membership: Membership, active: bool, actor: User, ip_address: str | None
) -> Membership:
    """Deactivates a person in the organisation (they lose every right the role
    gave them at once), or reactivates them."""
    with transaction.atomic():
        membership = (
            Membership.objects.select_for_update()
            .select_related("user", "organisation")
            .get(pk=membership.pk)
        )
        if membership.user_id == actor.pk:
            raise DomainError(_("You cannot deactivate yourself."))
        if membership.is_active == active:
            return membership
        if active and not membership.organisation.is_active:
            raise DomainError(
                _("The organisation is deactivated: reactivate it first.")
            )
        membership.is_active = active
        membership.save(update_fields=["is_active"])
        membership_changed(membership)
        audit_record(
            actor=actor,
            action=(
                AuditEvent.Action.MEMBERSHIP_REACTIVATED
                if active
                else AuditEvent.Action.MEMBERSHIP_DEACTIVATED
            ),
            ip_address=ip_address,
            organisation=membership.organisation,
            subject=membership.user,
        )
    return membership
