import hashlib
import secrets
import uuid
from dataclasses import asdict, dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
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
from core.slugs import polish_slug
from core.tasks import schedule
from core.uploads import IMAGES, validate_upload
from organisations import tasks
from organisations.models import (
    INVITATION_VALIDITY,
    Invitation,
    Membership,
    Organisation,
    teryt_problem,
)
from organisations.permissions import (
    MANAGED_KINDS,
    can_manage_organisations,
    membership_groups_sync,
)
from organisations.selectors import COORDINATORS, ORGANISATIONS


def _membership_changed(membership: Membership) -> None:
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
        _membership_changed(membership)
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
        _membership_changed(membership)
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
        _membership_changed(membership)
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
        _membership_changed(membership)
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


# --- Organisations: added, changed, deactivated by the ministry -----------------


@dataclass(frozen=True)
class OrganisationValues:
    """What the ministry types about an organisation (the form's cleaned values)."""

    name: str
    kind: str
    country: str
    voivodeship: str
    seat: str
    teryt: str
    latitude: Decimal | None
    longitude: Decimal | None
    website: str


class OrganisationRefused(DomainError):
    """A value the rules refuse, and the field it is in."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


# Paths of this app a slug may not take (organisations/urls.py): `organizacje/nowa/`
# adds an organisation, `organizacje/import-teryt/` imports the register.
RESERVED_SLUGS = frozenset({"nowa", "import-teryt"})
FIELDS = tuple(OrganisationValues.__dataclass_fields__)


def _values_checked(values: OrganisationValues) -> OrganisationValues:
    """The values as stored, or OrganisationRefused: a Polish organisation has a
    voivodeship, a foreign one has neither a voivodeship nor a TERYT code."""
    name = values.name.strip()
    if not name:
        raise OrganisationRefused("name", _("An organisation needs a name."))
    if values.kind not in MANAGED_KINDS:
        raise OrganisationRefused("kind", _("Choose one of the listed kinds."))
    teryt = values.teryt.strip()
    if values.country == "PL":
        if not values.voivodeship:
            raise OrganisationRefused(
                "voivodeship", _("A Polish organisation needs its voivodeship.")
            )
        problem = teryt_problem(teryt, values.voivodeship) if teryt else ""
        if problem:
            raise OrganisationRefused("teryt", problem)
    else:
        if values.voivodeship:
            raise OrganisationRefused(
                "voivodeship",
                _("An organisation outside Poland has no voivodeship."),
            )
        if teryt:
            raise OrganisationRefused(
                "teryt", _("A TERYT code is only for Polish organisations.")
            )
    return replace(values, name=name, seat=values.seat.strip(), teryt=teryt)


def _teryt_taken(teryt: str, organisation: Organisation | None) -> None:
    if not teryt:
        return
    holder = Organisation.objects.filter(teryt=teryt)
    if organisation is not None:
        holder = holder.exclude(pk=organisation.pk)
    name = holder.values_list("name", flat=True).first()
    if name is not None:
        raise OrganisationRefused(
            "teryt",
            _("This TERYT code is already that of %(name)s.") % {"name": name},
        )


def _unique_slug(name: str) -> str:
    base = polish_slug(name)[:190] or "organizacja"
    taken = set(
        Organisation.objects.filter(slug__startswith=base).values_list(
            "slug", flat=True
        )
    ) | set(RESERVED_SLUGS)
    slug, number = base, 1
    while slug in taken:
        number += 1
        slug = f"{base}-{number}"
    return slug


def _logo_store(organisation: Organisation, logo: UploadedFile) -> None:
    """Checks the image by its content and keeps it under a random name: the
    uploaded file's name is never used."""
    try:
        kind = validate_upload(
            logo, kinds=IMAGES, max_bytes=settings.ORGANISATION_LOGO_MAX_BYTES
        )
    except ValidationError as error:
        raise OrganisationRefused("logo", " ".join(error.messages)) from error
    organisation.logo.save(f"{uuid.uuid4().hex}.{kind.extensions[0]}", logo, save=False)


def _file_delete_after_commit(name: str) -> None:
    if name:
        transaction.on_commit(lambda: default_storage.delete(name))


def _saved(organisation: Organisation, fields: list[str] | None = None) -> None:
    """Saves, turning the database's one-per-TERYT rule (a concurrent save of the
    same code) into the form's answer."""
    try:
        with transaction.atomic():
            if fields is None:
                organisation.save(force_insert=True)
            else:
                organisation.save(update_fields=fields)
    except IntegrityError as error:
        raise OrganisationRefused(
            "teryt", _("This TERYT code is already that of another organisation.")
        ) from error


def organisation_create(
    *,
    values: OrganisationValues,
    logo: UploadedFile | None,
    actor: User,
    ip_address: str | None,
) -> Organisation:
    """Adds an organisation — a city new to the programme, a foreign partner city —
    so that it can apply to calls and join networks. Its address (slug) comes from
    its name and stays when the name changes."""
    if not can_manage_organisations(actor):
        raise PermissionDenied
    values = _values_checked(values)
    with transaction.atomic():
        _teryt_taken(values.teryt, None)
        organisation = Organisation(**asdict(values), slug=_unique_slug(values.name))
        if logo is not None:
            _logo_store(organisation, logo)
        try:
            _saved(organisation)
        except BaseException:
            organisation.logo.delete(save=False)  # the row did not land
            raise
        audit_record(
            actor=actor,
            action=AuditEvent.Action.ORGANISATION_CREATED,
            ip_address=ip_address,
            organisation=organisation,
            details={"name": organisation.name, "kind": organisation.kind},
        )
        new_generation(ORGANISATIONS)
    return organisation


def organisation_update(
    *,
    organisation: Organisation,
    values: OrganisationValues,
    logo: UploadedFile | None,
    remove_logo: bool,
    actor: User,
    ip_address: str | None,
) -> Organisation:
    """Changes what the portal says about an organisation (a new logo replaces the
    old one on the next PDF). Its address stays, so links to it keep working."""
    if not can_manage_organisations(actor):
        raise PermissionDenied
    values = _values_checked(values)
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        _teryt_taken(values.teryt, organisation)
        changed = [
            name
            for name in FIELDS
            if _comparable(getattr(organisation, name))
            != _comparable(getattr(values, name))
        ]
        for name in changed:
            setattr(organisation, name, getattr(values, name))
        old_logo = organisation.logo.name or ""
        if logo is not None:
            _logo_store(organisation, logo)
            changed.append("logo")
        elif remove_logo and old_logo:
            organisation.logo.name = ""
            changed.append("logo")
        if not changed:
            return organisation
        try:
            _saved(organisation, changed)
        except BaseException:
            if logo is not None:
                organisation.logo.delete(save=False)
            raise
        if "logo" in changed:
            _file_delete_after_commit(old_logo)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.ORGANISATION_UPDATED,
            ip_address=ip_address,
            organisation=organisation,
            details={"changed": changed},
        )
        new_generation(ORGANISATIONS)
    return organisation


def _comparable(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return value.normalize()
    return str(value)


def organisation_deactivate(
    *, organisation: Organisation, actor: User, ip_address: str | None
) -> Organisation:
    """Deactivates an organisation, keeping its history: it is no longer offered
    where something new is chosen, its people's roles stop giving access (each is
    suspended, not ended) and its pending invitations are withdrawn. Its networks,
    documents, Local Partnership and audit trail stay, and its page says since when
    it is deactivated."""
    if not can_manage_organisations(actor):
        raise PermissionDenied
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.is_ministry:
            raise DomainError(_("The ministry cannot be deactivated."))
        if not organisation.is_active:
            return organisation
        organisation.is_active = False
        organisation.deactivated_on = timezone.localdate()
        organisation.save(update_fields=["is_active", "deactivated_on"])
        suspended = list(
            Membership.objects.select_for_update()
            .select_related("user", "organisation")
            .filter(organisation=organisation, is_active=True)
        )
        for membership in suspended:
            membership.is_active = False
            membership.suspended_with_organisation = True
            membership.save(update_fields=["is_active", "suspended_with_organisation"])
            _membership_changed(membership)
        withdrawn = Invitation.objects.filter(
            organisation=organisation, status=Invitation.Status.PENDING
        ).update(status=Invitation.Status.REVOKED, decided_at=timezone.now())
        audit_record(
            actor=actor,
            action=AuditEvent.Action.ORGANISATION_DEACTIVATED,
            ip_address=ip_address,
            organisation=organisation,
            details={"people": len(suspended), "invitations": withdrawn},
        )
        new_generation(ORGANISATIONS)
    return organisation


def organisation_reactivate(
    *, organisation: Organisation, actor: User, ip_address: str | None
) -> Organisation:
    """Makes a deactivated organisation active again: the people whose roles its
    deactivation suspended have them back (those deactivated one by one before
    stay so); withdrawn invitations are not sent again."""
    if not can_manage_organisations(actor):
        raise PermissionDenied
    with transaction.atomic():
        organisation = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if organisation.is_active:
            return organisation
        organisation.is_active = True
        organisation.deactivated_on = None
        organisation.save(update_fields=["is_active", "deactivated_on"])
        restored = list(
            Membership.objects.select_for_update()
            .select_related("user", "organisation")
            .filter(organisation=organisation, suspended_with_organisation=True)
        )
        for membership in restored:
            membership.is_active = True
            membership.suspended_with_organisation = False
            membership.save(update_fields=["is_active", "suspended_with_organisation"])
            _membership_changed(membership)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.ORGANISATION_REACTIVATED,
            ip_address=ip_address,
            organisation=organisation,
            details={"people": len(restored)},
        )
        new_generation(ORGANISATIONS)
    return organisation
