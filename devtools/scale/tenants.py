"""Steps: organisations, editions and networks, accounts, role groups, permissions."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from allauth.mfa.models import Authenticator
from allauth.mfa.utils import encrypt
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, Permission

from accounts.models import User
from core.slugs import polish_slug
from devtools.scale.figures import (
    BASE,
    BENCH_EXPERT,
    BENCH_LEAD,
    BENCH_MINISTRY,
    MINISTRY_NAME,
    MINISTRY_SLUG,
    UNUSABLE_PASSWORD,
    account_pools,
)
from devtools.scale.vocabulary import (
    CITY_KINDS,
    ROOTS,
    SUFFIXES,
    THEMES,
    VOIVODESHIP_CITIES,
)
from devtools.scale.world import (
    EditionState,
    NetState,
    World,
    bench_totp_secret,
    person_name,
    weighted_choice,
)
from devtools.scale.writer import Writer
from networks.models import (
    Edition,
    Network,
    NetworkExpert,
    NetworkGroupObjectPermission,
    NetworkMembership,
    Theme,
)
from organisations.models import (
    Membership,
    Organisation,
    OrganisationGroupObjectPermission,
)
from organisations.permissions import ORGANISATION_ROLE_PERMISSIONS, role_group

# ---------------------------------------------------------------- the steps


def add_organisations(world: World, writer: Writer) -> int:
    rng, figures = world.rng, world.figures
    rows: list[Organisation] = [
        Organisation(
            id=1,
            name=MINISTRY_NAME,
            slug=MINISTRY_SLUG,
            kind=Organisation.Kind.MINISTRY,
        )
    ]
    world.ministry = 1
    experts = figures.organisations // 500
    for i in range(experts):
        rows.append(
            Organisation(
                id=2 + i,
                name=f"Instytut Rozwoju Miast i Regionów — zespół {i + 1}",
                slug=f"instytut-rozwoju-miast-{i + 1}",
                kind=Organisation.Kind.EXPERT_BODY,
            )
        )
    used_names: set[str] = set()
    used_slugs = {row.slug for row in rows}
    real = {v: list(cities) for v, (_, cities) in VOIVODESHIP_CITIES.items()}
    voivodeships = list(VOIVODESHIP_CITIES)
    for number in range(figures.organisations - len(rows)):
        pk = len(rows) + 1
        voivodeship = voivodeships[number % len(voivodeships)]
        (lat, lon), _cities = VOIVODESHIP_CITIES[voivodeship]
        if real[voivodeship]:
            seat = real[voivodeship].pop(0)
            kind = Organisation.Kind.CITY_COUNTY
            name = seat
        else:
            seat = rng.choice(ROOTS) + rng.choice(SUFFIXES)
            kind = weighted_choice(rng, CITY_KINDS)
            name = {
                Organisation.Kind.CITY_COUNTY: f"Miasto {seat}",
                Organisation.Kind.URBAN_GMINA: f"Gmina Miejska {seat}",
                Organisation.Kind.URBAN_RURAL_GMINA: f"Gmina {seat}",
                Organisation.Kind.ASSOCIATION: f"Stowarzyszenie Gmin Ziemi {seat}",
                Organisation.Kind.INTERMUNICIPAL_UNION: f"Związek Międzygminny {seat}",
            }[kind]
        if name in used_names:
            name = f"{name} ({voivodeship.label})"
        suffix = 2
        base = name
        while name in used_names:
            name, suffix = f"{base} {suffix}", suffix + 1
        used_names.add(name)
        slug = polish_slug(name)[:190]
        while slug in used_slugs:
            slug = f"{slug}-{pk}"
        used_slugs.add(slug)
        rows.append(
            Organisation(
                id=pk,
                name=name,
                slug=slug,
                kind=kind,
                voivodeship=voivodeship.value,
                seat=seat,
                latitude=Decimal(f"{lat + rng.uniform(-0.9, 0.9):.5f}"),
                longitude=Decimal(f"{lon + rng.uniform(-1.2, 1.2):.5f}"),
                teryt=f"{voivodeship.value}{pk % 100_000:05d}",
            )
        )
        world.cities.append(pk)
    world.names = {row.pk: row.name for row in rows}
    return writer.bulk(rows)


def add_editions_and_networks(world: World, writer: Writer) -> int:
    """Editions one per year up to BASE; networks spread over them (the latest
    ones get the remainder) and over themes; members drawn per edition."""
    rng, figures = world.rng, world.figures
    first_year = BASE.year - figures.editions + 1
    editions = [
        Edition(
            id=i + 1,
            name=f"PIM {first_year + i}",
            slug=f"pim-{first_year + i}",
            starts_on=datetime.date(first_year + i, 2, 1),
            ends_on=datetime.date(first_year + i, 12, 15),
            is_current=i == figures.editions - 1,  # the latest, as on a live install
        )
        for i in range(figures.editions)
    ]
    world.editions = [
        EditionState(e.pk, e.name, e.slug, e.starts_on, e.ends_on) for e in editions
    ]
    themes = [
        Theme(id=i + 1, name_pl=pl, name_en=en, slug=polish_slug(pl))
        for i, (pl, en) in enumerate(THEMES)
    ]
    world.themes = [theme.pk for theme in themes]
    per_edition = [figures.networks // figures.editions] * figures.editions
    for i in range(figures.networks % figures.editions):
        per_edition[-1 - i] += 1
    networks: list[Network] = []
    net_id = 0
    for e, count in enumerate(per_edition):
        edition = world.editions[e]
        offset = rng.randrange(len(THEMES))
        for n in range(count):
            net_id += 1
            theme = (offset + n) % len(THEMES)
            round_ = n // len(THEMES)
            name_pl = THEMES[theme][0] + (f" {round_ + 1}" if round_ else "")
            name_en = THEMES[theme][1] + (f" {round_ + 1}" if round_ else "")
            slug = polish_slug(f"{name_pl} {edition.slug}")
            world.networks.append(
                NetState(net_id, e, theme, slug, edition.starts_on, edition.ends_on)
            )
            networks.append(
                Network(
                    id=net_id,
                    edition_id=edition.id,
                    theme_id=world.themes[theme],
                    name_pl=name_pl,
                    name_en=name_en,
                    slug=slug,
                    status=Network.Status.ACTIVE
                    if edition.ends_on >= BASE.date()
                    else Network.Status.CLOSED,
                    starts_on=edition.starts_on,
                    ends_on=edition.ends_on,
                )
            )
    # MIDs = memberships: network i gets mids // networks, the first ones one more.
    memberships: list[NetworkMembership] = []
    per_network = [figures.mids // figures.networks] * figures.networks
    for i in range(figures.mids % figures.networks):
        per_network[i] += 1
    for e in range(len(world.editions)):
        nets = [n for n in world.networks if n.edition == e]
        # Within an edition a city joins one network, while there are enough.
        pool: list[int] = []
        for net in nets:
            wanted = per_network[net.id - 1]
            members: list[int] = []
            while len(members) < wanted:
                if not pool:
                    pool = rng.sample(world.cities, len(world.cities))
                candidate = pool.pop()
                if candidate not in members:
                    members.append(candidate)
            net.members = members
            for position, organisation in enumerate(members):
                memberships.append(
                    NetworkMembership(
                        id=len(memberships) + 1,
                        network_id=net.id,
                        organisation_id=organisation,
                        role=NetworkMembership.Role.LEAD
                        if position == 0
                        else NetworkMembership.Role.PARTNER,
                        valid_from=net.starts_on,
                    )
                )
    return (
        writer.bulk(editions)
        + writer.bulk(themes)
        + writer.bulk(networks)
        + writer.bulk(memberships)
    )


def add_users(world: World, writer: Writer, password: str | None) -> int:
    """Accounts (bench first), memberships with their roles, the role groups with
    the grants organisations/permissions.py and networks/permissions.py would
    give, and everyone's place in those groups."""
    rng, figures = world.rng, world.figures
    staff_count, expert_count, lp_count = account_pools(figures)
    hashed = make_password(password) if password else UNUSABLE_PASSWORD
    joined = BASE - datetime.timedelta(days=365 * len(world.editions))
    users: list[tuple[Any, ...]] = []
    memberships: list[tuple[Any, ...]] = []

    def user(full_name: str, email: str, secret: str = UNUSABLE_PASSWORD) -> int:
        pk = len(users) + 1
        when = joined + datetime.timedelta(minutes=pk * 7)
        users.append((pk, secret, False, email, full_name, True, False, when))
        return pk

    def member(user_id: int, organisation: int, role: str, active: bool) -> None:
        pk = len(memberships) + 1
        when = joined + datetime.timedelta(minutes=user_id * 7 + 1)
        memberships.append((pk, user_id, organisation, role, active, when, False))
        if active:
            world.staff.setdefault(organisation, []).append(user_id)
            if role == Membership.Role.COORDINATOR:
                world.coordinators.setdefault(organisation, []).append(user_id)

    bench_lead_city = world.bench_network.members[0]
    user("Benchmark Ministerstwo", BENCH_MINISTRY, hashed)
    user("Benchmark Lider", BENCH_LEAD, hashed)
    user("Benchmark Ekspert", BENCH_EXPERT, hashed)
    member(world.bench_ministry, world.ministry, Membership.Role.COORDINATOR, True)
    member(world.bench_lead, bench_lead_city, Membership.Role.COORDINATOR, True)
    for i in range(staff_count):
        pk = user(person_name(rng), f"pracownik.{i + 1}@ministerstwo.scale.example")
        role = Membership.Role.COORDINATOR if i == 0 else Membership.Role.OFFICER
        member(pk, world.ministry, role, True)
        if role == Membership.Role.OFFICER:
            world.ministry_staff.append(pk)
    expert_pool = [
        user(person_name(rng), f"ekspert.{i + 1}@scale.example")
        for i in range(expert_count)
    ]
    world.lp_accounts = [
        user(person_name(rng), f"mieszkaniec.{i + 1}@scale.example")
        for i in range(lp_count)
    ]
    slugs = {pk: polish_slug(name)[:40] for pk, name in world.names.items() if pk != 1}
    city_users = figures.users - len(users)
    for j in range(city_users):
        organisation = world.cities[j % len(world.cities)]
        position = j // len(world.cities)
        name = person_name(rng)
        email = f"{polish_slug(name)}.{len(users) + 1}@{slugs[organisation]}"
        pk = user(name, f"{email}.scale.example")
        role = (
            Membership.Role.COORDINATOR
            if position in (0, 4)
            else Membership.Role.OFFICER
        )
        member(pk, organisation, role, position == 0 or rng.random() > 0.03)
    rows = writer.copy(
        User,
        (
            "id",
            "password",
            "is_superuser",
            "email",
            "full_name",
            "is_active",
            "is_staff",
            "date_joined",
        ),
        users,
    )
    rows += writer.copy(
        Membership,
        (
            "id",
            "user",
            "organisation",
            "role",
            "is_active",
            "created_at",
            "suspended_with_organisation",
        ),
        memberships,
    )
    rows += writer.copy(
        Authenticator,
        ("id", "user", "type", "data", "created_at"),
        [
            (
                1,
                world.bench_ministry,
                Authenticator.Type.TOTP,
                {"secret": encrypt(bench_totp_secret(figures.seed))},
                joined,
            )
        ],
    )

    # Experts: one (a few: two) per network, and the bench expert on every network
    # of the latest edition.
    experts: list[NetworkExpert] = []
    for net in world.networks:
        chosen = [expert_pool[(net.id - 1) % len(expert_pool)]]
        if rng.random() < 0.1 and len(expert_pool) > 1:
            chosen.append(expert_pool[net.id % len(expert_pool)])
        if net.edition == len(world.editions) - 1:
            chosen.append(world.bench_expert)
        world.experts[net.id] = chosen
        for expert in chosen:
            experts.append(
                NetworkExpert(
                    id=len(experts) + 1,
                    network_id=net.id,
                    user_id=expert,
                    valid_from=net.starts_on,
                )
            )
    rows += writer.bulk(experts)
    return rows + _groups(world, writer, memberships, experts)


def _groups(
    world: World,
    writer: Writer,
    memberships: list[tuple[Any, ...]],
    experts: list[NetworkExpert],
) -> int:
    """The rows role_group(), network_membership_grants_sync() and expert_group()
    write, in bulk: one group per organisation role, one expert group per network,
    their object permissions, and the people in them."""
    perms = {
        (p.content_type.app_label, p.codename): p.pk
        for p in Permission.objects.select_related("content_type").filter(
            content_type__app_label__in=("organisations", "networks")
        )
    }
    groups: list[Group] = [
        Group(id=1, name=f"ministry:{Membership.Role.COORDINATOR}"),
        Group(id=2, name=f"ministry:{Membership.Role.OFFICER}"),
    ]
    role_groups: dict[tuple[int, str], int] = {
        (world.ministry, Membership.Role.COORDINATOR): 1,
        (world.ministry, Membership.Role.OFFICER): 2,
    }
    with_groups = set(world.staff) | {o for n in world.networks for o in n.members}
    with_groups |= {row[2] for row in memberships}
    with_groups.discard(world.ministry)
    for organisation in sorted(with_groups):
        for role in (Membership.Role.COORDINATOR, Membership.Role.OFFICER):
            groups.append(
                Group(id=len(groups) + 1, name=f"organisation:{organisation}:{role}")
            )
            role_groups[organisation, role] = len(groups)
    expert_groups: dict[int, int] = {}
    for net in world.networks:
        groups.append(Group(id=len(groups) + 1, name=f"network:{net.id}:expert"))
        expert_groups[net.id] = len(groups)
    rows = writer.bulk(groups)

    organisation_grants: list[OrganisationGroupObjectPermission] = []
    for organisation in sorted(with_groups):
        for role_name, codenames in ORGANISATION_ROLE_PERMISSIONS.items():
            for codename in codenames:
                organisation_grants.append(
                    OrganisationGroupObjectPermission(
                        id=len(organisation_grants) + 1,
                        permission_id=perms["organisations", codename],
                        group_id=role_groups[organisation, role_name],
                        content_object_id=organisation,
                    )
                )
    network_grants: list[NetworkGroupObjectPermission] = []

    def grant(codename: str, group: int, network: int) -> None:
        network_grants.append(
            NetworkGroupObjectPermission(
                id=len(network_grants) + 1,
                permission_id=perms["networks", codename],
                group_id=group,
                content_object_id=network,
            )
        )

    for net in world.networks:
        for position, organisation in enumerate(net.members):
            grant("view_workspace", role_groups[organisation, "coordinator"], net.id)
            grant("view_workspace", role_groups[organisation, "officer"], net.id)
            if position == 0:
                grant("lead_network", role_groups[organisation, "coordinator"], net.id)
        grant("view_workspace", expert_groups[net.id], net.id)
        grant("review_network", expert_groups[net.id], net.id)
    rows += writer.bulk(organisation_grants) + writer.bulk(network_grants)

    links: list[tuple[int, int, int]] = []
    for _pk, user_id, organisation, role, active, *_rest in memberships:
        if active:
            links.append((len(links) + 1, user_id, role_groups[organisation, role]))
    for expert in experts:
        links.append((len(links) + 1, expert.user_id, expert_groups[expert.network_id]))
    rows += writer.copy(User.groups.through, ("id", "user", "group"), links)
    # The ministry's groups hold global permissions: the project's own function sets
    # exactly the ones the role implies.
    ministry = Organisation.objects.get(pk=world.ministry)
    for role in (Membership.Role.COORDINATOR, Membership.Role.OFFICER):
        role_group(ministry, role)
    return rows
