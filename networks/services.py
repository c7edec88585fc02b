import csv
import datetime
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import User
from audit.models import AuditEvent
from audit.services import audit_record
from core.errors import DomainError
from core.page_cache import new_generation
from core.slugs import polish_slug
from networks.models import Edition, Network, NetworkExpert, NetworkMembership, Theme
from networks.permissions import expert_grants_sync, network_membership_grants_sync
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
    network, _created = Network.objects.get_or_create(
        slug=polish_slug(f"{theme.name_pl} {edition.slug}")[:120],
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
