"""The organisations themselves, by the ministry: added, changed, deactivated and
reactivated (the people in them: organisations.services)."""

import uuid
from dataclasses import asdict, dataclass, replace
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from core.page_cache import new_generation
from core.slugs import free_slug
from core.uploads import IMAGES, validate_upload
from organisations.models import Invitation, Membership, Organisation, teryt_problem
from organisations.permissions import MANAGED_KINDS, can_manage_organisations
from organisations.selectors import ORGANISATIONS
from organisations.services import membership_changed


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


def organisation_slug(name: str) -> str:
    """A free address for a new organisation named `name` (it stays when the name
    changes)."""
    return free_slug(
        name,
        among=Organisation.objects.all(),
        fallback="organizacja",
        max_length=190,
        reserved=RESERVED_SLUGS,
    )


def _values_checked(values: OrganisationValues) -> OrganisationValues:
    """The values as stored, or OrganisationRefused: a Polish organisation has a
    voivodeship, a foreign one has neither a voivodeship nor a TERYT code."""
    # One line each: the name goes into e-mail subjects, where a line break fails.
    name = " ".join(values.name.split())
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
    return replace(values, name=name, seat=" ".join(values.seat.split()), teryt=teryt)


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
        slug = organisation_slug(values.name)
        organisation = Organisation(**asdict(values), slug=slug)
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
            membership_changed(membership)
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
            membership_changed(membership)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.ORGANISATION_REACTIVATED,
            ip_address=ip_address,
            organisation=organisation,
            details={"people": len(restored)},
        )
        new_generation(ORGANISATIONS)
    return organisation
