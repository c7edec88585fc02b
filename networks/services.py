import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from core.page_cache import new_generation
from core.slugs import polish_slug
from core.tasks import schedule
from networks import tasks, workflow
from networks.models import Edition, Network, NetworkExpert, NetworkMembership, Theme
from networks.permissions import (
    can_administer_network,
    expert_grants_sync,
    network_membership_grants_sync,
)
from networks.selectors import NETWORKS
from organisations.models import Organisation, Voivodeship

PILOT_DIR = Path(__file__).resolve().parent.parent / "data" / "pilot"
# The programme page says Nowy Sącz led Air quality first and the Białystok
# association took over, but not when; mid-pilot is our best estimate.
PILOT_LEAD_CHANGE = datetime.date(2018, 7, 1)


@dataclass(frozen=True)
class PilotImport:
    created: int
    unchanged: int


def _read(directory: Path, name: str) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@transaction.atomic
def pilot_import(*, directory: Path = PILOT_DIR) -> PilotImport:
    """Loads the 2017–2019 pilot: three networks, their 33 member organisations and
    who led which network when. Running it again changes nothing."""
    created = unchanged = 0

    def count(was_created: bool) -> None:
        nonlocal created, unchanged
        if was_created:
            created += 1
        else:
            unchanged += 1

    organisations: dict[str, Organisation] = {}
    for row in _read(directory, "organisations.csv"):
        organisation, was_created = Organisation.objects.get_or_create(
            slug=polish_slug(row["name"]),
            defaults={
                "name": row["name"],
                "kind": Organisation.Kind(row["kind"]),
                "voivodeship": Voivodeship.from_name(row["voivodeship"]),
                "seat": row["seat"],
                "latitude": row["lat"],
                "longitude": row["lon"],
            },
        )
        organisations[row["name"]] = organisation
        count(was_created)

    networks: dict[str, Network] = {}
    for row in _read(directory, "networks.csv"):
        edition, was_created = Edition.objects.get_or_create(
            name=row["edition"],
            defaults={
                "slug": polish_slug(row["edition"]),
                "starts_on": row["start"],
                "ends_on": row["end"],
            },
        )
        count(was_created)
        theme, was_created = Theme.objects.get_or_create(
            slug=row["slug"],
            defaults={"name_pl": row["name_pl"], "name_en": row["name_en"]},
        )
        count(was_created)
        network, was_created = Network.objects.get_or_create(
            slug=row["slug"],
            defaults={
                "edition": edition,
                "theme": theme,
                "name_pl": row["name_pl"],
                "name_en": row["name_en"],
                "status": Network.Status.CLOSED,
                "starts_on": row["start"],
                "ends_on": row["end"],
            },
        )
        networks[row["slug"]] = network
        count(was_created)

    memberships = _read(directory, "memberships.csv")
    lead_changed = {
        row["network"] for row in memberships if row["role"] == "former_lead"
    }
    for row in memberships:
        network = networks[row["network"]]
        role, valid_from, valid_to = row["role"], network.starts_on, None
        if role == "former_lead":
            role, valid_to = NetworkMembership.Role.LEAD, PILOT_LEAD_CHANGE
            valid_to -= datetime.timedelta(days=1)
        elif role == "lead" and row["network"] in lead_changed:
            valid_from = PILOT_LEAD_CHANGE
        membership, was_created = NetworkMembership.objects.get_or_create(
            network=network,
            organisation=organisations[row["organisation"]],
            role=NetworkMembership.Role(role),
            valid_from=valid_from,
            defaults={"valid_to": valid_to, "note": row["note"]},
        )
        network_membership_grants_sync(membership)  # idempotent: heals older data
        count(was_created)
    new_generation(NETWORKS)
    return PilotImport(created=created, unchanged=unchanged)


def expert_assign(
    *,
    network: Network,
    user: User,
    valid_from: datetime.date,
    actor: User | None = None,
    ip_address: str | None = None,
) -> NetworkExpert:
    """Makes a person a thematic expert of the network: they see its workspace and
    review its documents."""
    with transaction.atomic():
        expert, created = NetworkExpert.objects.get_or_create(
            network=network,
            user=user,
            valid_to=None,
            defaults={"valid_from": valid_from},
        )
        if created:
            expert_grants_sync(expert)
            new_generation(NETWORKS)
            audit_record(
                actor=actor,
                action=AuditEvent.Action.EXPERT_ASSIGNED,
                ip_address=ip_address,
                network=network,
                subject=user,
            )
    return expert


def expert_unassign(
    *, expert: NetworkExpert, actor: User, ip_address: str | None
) -> NetworkExpert:
    """Ends an expert's assignment today; the history stays."""
    with transaction.atomic():
        expert = (
            NetworkExpert.objects.select_for_update()
            .select_related("user", "network")
            .get(pk=expert.pk)
        )
        if expert.valid_to is not None:
            raise DomainError(_("This assignment has already ended."))
        expert.valid_to = max(timezone.localdate(), expert.valid_from)
        expert.save(update_fields=["valid_to"])
        expert_grants_sync(expert)
        new_generation(NETWORKS)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.EXPERT_UNASSIGNED,
            ip_address=ip_address,
            network=expert.network,
            subject=expert.user,
        )
    return expert


def network_open(*, edition: Edition, theme: Theme) -> Network:
    """The edition's network for a theme, created (planned) the first time a city
    is accepted into it."""
    network = Network.objects.filter(edition=edition, theme=theme).first()
    if network is not None:
        return network
    new_generation(NETWORKS)
    # Two themes' names may make one slug ("Miasto cyfrowe", "Miasto cyfrowe!"):
    # a slug held by another edition's or theme's network is not this one's.
    base = polish_slug(f"{theme.name_pl} {edition.slug}")[:110]
    slug, number = base, 1
    while (
        Network.objects.filter(slug=slug).exclude(edition=edition, theme=theme).exists()
    ):
        number += 1
        slug = f"{base}-{number}"
    network, _created = Network.objects.get_or_create(
        slug=slug,
        defaults={
            "edition": edition,
            "theme": theme,
            "name_pl": theme.name_pl,
            "name_en": theme.name_en,
            "status": Network.Status.PLANNED,
            "starts_on": edition.starts_on,
            "ends_on": edition.ends_on,
        },
    )
    if (network.edition_id, network.theme_id) != (edition.pk, theme.pk):
        # another theme's network took the slug at the same moment
        raise DomainError(_("Another network was opened at the same time: try again."))
    return network


def network_membership_start(
    *,
    network: Network,
    organisation: Organisation,
    role: str,
    valid_from: datetime.date,
    actor: User | None = None,
) -> NetworkMembership:
    """Makes the organisation a member (lead or partner) of the network: its people
    get the network's workspace, its coordinators the lead's role if it leads."""
    with transaction.atomic():
        membership, created = NetworkMembership.objects.get_or_create(
            network=network,
            organisation=organisation,
            valid_to=None,
            defaults={"role": role, "valid_from": valid_from},
        )
        if created:
            network_membership_grants_sync(membership)
            new_generation(NETWORKS)
            audit_record(
                actor=actor,
                action=AuditEvent.Action.NETWORK_MEMBERSHIP_STARTED,
                ip_address=None,
                organisation=organisation,
                network=network,
                details={"role": role},
            )
    return membership


# The ministry's changes to a network's life (networks/workflow.py has the rules).


def _administered(network: Network, actor: User) -> Network:
    """The network, locked for the change; refused to anyone but its administrators
    (checked again here: a page may be older than a change of role)."""
    locked = Network.objects.select_for_update().get(pk=network.pk)
    if not can_administer_network(actor, locked):
        raise PermissionDenied
    return locked


def _changeable(network: Network, actor: User) -> Network:
    locked = _administered(network, actor)
    refusal = workflow.changes_refusal(locked)
    if refusal is not None:
        raise DomainError(str(refusal))
    return locked


def network_status_change(
    *,
    network: Network,
    status: str,
    on: datetime.date,
    actor: User,
    ip_address: str | None,
) -> Network:
    """Moves the network to its next status: active from its first day `on`, or
    closed after its last day `on`. Nothing moves back: a closed network stays
    closed (its members keep seeing its workspace, as a record)."""
    with transaction.atomic():
        locked = _administered(network, actor)
        step = workflow.status_step(locked.status)
        if step is None or step.target != status:
            raise DomainError(
                _("The network is %(status)s: it cannot become %(target)s.")
                % {
                    "status": locked.get_status_display(),
                    "target": Network.Status(status).label
                    if status in Network.Status.values
                    else status,
                }
            )
        refusal = workflow.status_date_refusal(step, locked, on, timezone.localdate())
        if refusal is not None:
            raise DomainError(str(refusal))
        previous = locked.status
        locked.status = step.target
        setattr(locked, step.date_field, on)
        locked.save(update_fields=["status", step.date_field])
        audit_record(
            actor=actor,
            action=AuditEvent.Action.NETWORK_STATUS_CHANGED,
            ip_address=ip_address,
            network=locked,
            details={"status": step.target, "was": previous, "on": on.isoformat()},
        )
        new_generation(NETWORKS)
    return locked


def network_lead_hand_over(
    *,
    network: Network,
    organisation: Organisation,
    on: datetime.date,
    actor: User,
    ip_address: str | None,
) -> NetworkMembership:
    """Hands the network's lead to a current partner city from the day `on`: the
    old lead stays on as a partner, its coordinators lose the lead's steps (the
    Network Sheet, the Improvement Plan) and the new lead's gain them, at once;
    both cities' coordinators are told by e-mail. The history keeps every role."""
    with transaction.atomic():
        locked = _changeable(network, actor)
        current = {
            row.organisation_id: row
            for row in NetworkMembership.objects.select_for_update()
            .select_related("organisation")
            .filter(network=locked, valid_to__isnull=True)
        }
        taking = current.get(organisation.pk)
        if taking is None:
            raise DomainError(_("Only a current partner city takes over the lead."))
        refusal = workflow.lead_refusal(taking)
        if refusal is not None:
            raise DomainError(str(refusal))
        leaving = next(
            (row for row in current.values() if row.role == row.Role.LEAD), None
        )
        ending = [row for row in (leaving, taking) if row is not None]
        started = max(row.valid_from for row in ending)
        if on > timezone.localdate():
            raise DomainError(_("The date cannot be in the future."))
        if on <= started:
            raise DomainError(
                _(
                    "The hand-over must come after %(date)s, when the cities' "
                    "present roles began."
                )
                % {"date": started.strftime("%d.%m.%Y")}
            )
        # Both old rows end the day before (a lead and a current row each may
        # exist only once: the database refuses the new rows before the old end).
        for row in ending:
            row.valid_to = on - datetime.timedelta(days=1)
            row.save(update_fields=["valid_to"])
            network_membership_grants_sync(row)
        lead = NetworkMembership.objects.create(
            network=locked,
            organisation=taking.organisation,
            role=NetworkMembership.Role.LEAD,
            valid_from=on,
        )
        network_membership_grants_sync(lead)
        if leaving is not None:
            network_membership_grants_sync(
                NetworkMembership.objects.create(
                    network=locked,
                    organisation=leaving.organisation,
                    role=NetworkMembership.Role.PARTNER,
                    valid_from=on,
                )
            )
        audit_record(
            actor=actor,
            action=AuditEvent.Action.NETWORK_LEAD_HANDED_OVER,
            ip_address=ip_address,
            organisation=taking.organisation,
            network=locked,
            details={
                "previous_lead": leaving.organisation.name if leaving else "",
                "on": on.isoformat(),
            },
        )
        new_generation(NETWORKS)
        schedule(
            tasks.send_lead_handover_email, lead.pk, leaving.pk if leaving else None
        )
    return lead


def network_membership_end(
    *,
    membership: NetworkMembership,
    on: datetime.date,
    actor: User,
    ip_address: str | None,
) -> NetworkMembership:
    """Ends a city's part in the network with its last day `on`: its people lose
    the network's workspace at once; its documents stay, and the history keeps
    its membership. The lead city's part ends only after a hand-over."""
    with transaction.atomic():
        locked = _changeable(membership.network, actor)
        row = (
            NetworkMembership.objects.select_for_update()
            .select_related("organisation")
            .get(pk=membership.pk, network=locked)
        )
        refusal = workflow.end_refusal(row)
        if refusal is not None:
            raise DomainError(str(refusal))
        if on > timezone.localdate():
            raise DomainError(_("The date cannot be in the future."))
        if on < row.valid_from:
            raise DomainError(
                _("The last day cannot be before the membership began (%(date)s).")
                % {"date": row.valid_from.strftime("%d.%m.%Y")}
            )
        row.valid_to = on
        row.save(update_fields=["valid_to"])
        network_membership_grants_sync(row)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.NETWORK_MEMBERSHIP_ENDED,
            ip_address=ip_address,
            organisation=row.organisation,
            network=locked,
            details={"role": row.role, "on": on.isoformat()},
        )
        new_generation(NETWORKS)
    return row


def network_member_add(
    *,
    network: Network,
    organisation: Organisation,
    role: str,
    on: datetime.date,
    actor: User,
    ip_address: str | None,
) -> NetworkMembership:
    """Adds an organisation to the network as a partner or an observer from the day
    `on`: its people see the network's workspace at once. An observer follows the
    work and writes no MID; a foreign partner city may be either."""
    with transaction.atomic():
        locked = _changeable(network, actor)
        if role not in workflow.ADDABLE_ROLES:
            raise DomainError(_("A city joins as a partner or an observer."))
        candidate = Organisation.objects.select_for_update().get(pk=organisation.pk)
        if not candidate.is_active or candidate.kind in workflow.NEVER_MEMBERS:
            raise DomainError(_("Only an active member organisation joins a network."))
        rows = NetworkMembership.objects.filter(network=locked, organisation=candidate)
        if rows.filter(valid_to__isnull=True).exists():
            raise DomainError(_("This organisation is already a member."))
        if not locked.starts_on <= on <= locked.ends_on:
            raise DomainError(_("The first day must fall within the network's dates."))
        if rows.filter(valid_to__gte=on).exists():
            raise DomainError(
                _(
                    "The first day must come after the organisation's last "
                    "membership ended."
                )
            )
        row = NetworkMembership.objects.create(
            network=locked, organisation=candidate, role=role, valid_from=on
        )
        network_membership_grants_sync(row)
        audit_record(
            actor=actor,
            action=AuditEvent.Action.NETWORK_MEMBERSHIP_STARTED,
            ip_address=ip_address,
            organisation=candidate,
            network=locked,
            details={"role": role, "on": on.isoformat()},
        )
        new_generation(NETWORKS)
    return row
