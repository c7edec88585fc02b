"""The first start of an install: the ministry's organisation and an invitation
for its first admin, from the server's command line (`manage.py
create_ministry_admin`), when there is no one yet to invite anyone."""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from organisations.administration import organisation_slug
from organisations.models import Invitation, Membership, Organisation
from organisations.services import invitation_create

# The ministry running the programme (DOMAIN.md: "the ministry responsible for
# regional policy"); the command's --ministry-name gives another.
MINISTRY_NAME = "Ministerstwo Funduszy i Polityki Regionalnej"
MINISTRY_SLUG = "ministerstwo"


@dataclass(frozen=True)
class MinistryAdminInvitation:
    invitation: Invitation
    link: str  # the one-time link: the only copy of its token
    ministry_created: bool
    withdrawn: int  # earlier pending invitations to the address, now void


def _ministry_slug(name: str) -> str:
    if Organisation.objects.filter(slug=MINISTRY_SLUG).exists():
        return organisation_slug(name)
    return MINISTRY_SLUG


def ministry_admin_invite(
    *, email: str, ministry_name: str = MINISTRY_NAME
) -> MinistryAdminInvitation:
    """Invites `email` to be a ministry admin, through the normal invitation (the
    invitee chooses a password and, as every ministry role, sets up two-factor
    authentication at the first sign-in). The ministry's organisation is created
    first on an install that has none. A pending invitation to the same address
    is withdrawn: only the newest link works. No e-mail is sent: the link is
    returned, for the person at the server's console to hand over."""
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise DomainError(_("Enter a valid email address.")) from error
    with transaction.atomic():
        ministry = (
            Organisation.objects.select_for_update()
            .filter(kind=Organisation.Kind.MINISTRY)
            .order_by("pk")
            .first()
        )
        created = ministry is None
        if ministry is None:
            name = " ".join(ministry_name.split())[:200] or MINISTRY_NAME
            ministry = Organisation.objects.create(
                name=name, slug=_ministry_slug(name), kind=Organisation.Kind.MINISTRY
            )
        withdrawn = Invitation.objects.filter(
            organisation=ministry, email=email, status=Invitation.Status.PENDING
        ).count()
        invitation, token = invitation_create(
            organisation=ministry,
            email=email,
            full_name="",
            role=Membership.Role.COORDINATOR,
            actor=None,
            ip_address=None,
        )
        audit_record(
            actor=None,
            action=AuditEvent.Action.MINISTRY_ADMIN_INVITED,
            ip_address=None,
            organisation=ministry,
            subject_email=email,
            details={"ministry_created": created, "withdrawn": withdrawn},
        )
    link = settings.PORTAL_BASE_URL.rstrip("/") + reverse(
        "organisations:invitation_accept", args=[token]
    )
    return MinistryAdminInvitation(invitation, link, created, withdrawn)
