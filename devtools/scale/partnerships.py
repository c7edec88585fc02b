"""Step: Local Partnerships, their members and consent clauses."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from typing import Any

from devtools.scale.figures import BASE
from devtools.scale.vocabulary import NGOS, THEMES
from devtools.scale.world import World, at_time, person_name
from devtools.scale.writer import Writer
from partnerships.models import (
    ConsentClause,
    LocalPartnership,
    PartnershipMember,
    Sector,
)


def add_partnerships(world: World, writer: Writer) -> int:
    """A Local Partnership per city and network, and their members."""
    rng, figures = world.rng, world.figures
    clause = ConsentClause(
        id=1,
        version="2017-01",
        legal_basis=ConsentClause.LegalBasis.CONSENT,
        text="Administratorem danych osobowych członków Lokalnego Partnerstwa jest "
        "miasto. Dane przetwarzamy w celu prowadzenia prac Partnerstwa.",
        valid_from=world.editions[0].starts_on,
    )
    rows = writer.bulk([clause])
    partnerships: list[tuple[Any, ...]] = []
    for net in world.networks:
        closed = net.ends_on < BASE.date()
        for organisation in net.members:
            pk = len(partnerships) + 1
            world.partnerships.append((pk, organisation, net))
            status = (
                LocalPartnership.Status.ENDED
                if closed
                else rng.choice(
                    (LocalPartnership.Status.ACTIVE, LocalPartnership.Status.FORMING)
                )
            )
            partnerships.append(
                (
                    pk,
                    organisation,
                    net.id,
                    f"Lokalne Partnerstwo {world.names[organisation]} — "
                    f"{THEMES[net.theme][0]}",
                    rng.choice(LocalPartnership.Formula.values),
                    "Wspólne przygotowanie MID i włączenie mieszkańców.",
                    "Spotkania raz w miesiącu, decyzje przez konsensus.",
                    status,
                    net.ends_on if closed else None,
                    rng.random() < 0.4,
                    at_time(net.starts_on + datetime.timedelta(days=10)),
                    1,
                )
            )
    rows += writer.copy(
        LocalPartnership,
        (
            "id",
            "organisation",
            "network",
            "name",
            "formula",
            "goals",
            "working_rules",
            "status",
            "ended_on",
            "is_public",
            "created_at",
            "version",
        ),
        partnerships,
    )
    total, count = figures.lp_members, len(world.partnerships)
    accounts = iter(world.lp_accounts)
    latest = len(world.editions) - 1

    def members() -> Iterator[tuple[Any, ...]]:
        for m in range(total):
            pk, _organisation, net = world.partnerships[m * count // total]
            first = m == 0 or (m - 1) * count // total != m * count // total
            person = rng.random() < 0.8
            name = person_name(rng) if person else f"{rng.choice(NGOS)} {m + 1}"
            joined = net.starts_on + datetime.timedelta(days=rng.randint(10, 120))
            account = next(accounts, None) if net.edition == latest else None
            yield (
                m + 1,
                pk,
                PartnershipMember.Kind.PERSON
                if person
                else PartnershipMember.Kind.ORGANISATION,
                name,
                "" if person else name,
                rng.choice(Sector.values),
                PartnershipMember.Role.COORDINATOR
                if first
                else rng.choice(
                    (PartnershipMember.Role.MEMBER,) * 5
                    + (PartnershipMember.Role.OBSERVER,)
                ),
                f"czlonek.lp.{m + 1}@scale.example"
                if account is None
                else f"mieszkaniec.{account - world.lp_accounts[0] + 1}@scale.example",
                f"+48 600 {m % 1000:03d} {m // 1000 % 1000:03d}" if person else "",
                joined,
                joined + datetime.timedelta(days=200)
                if rng.random() < 0.05 and joined < BASE.date()
                else None,
                account,
                1,
                at_time(joined),
            )

    return rows + writer.copy(
        PartnershipMember,
        (
            "id",
            "partnership",
            "kind",
            "name",
            "organisation_name",
            "sector",
            "role",
            "email",
            "phone",
            "joined_on",
            "left_on",
            "user",
            "consent_clause",
            "consent_given_at",
        ),
        members(),
    )
