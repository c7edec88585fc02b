"""Realistic Local Partnership state for tests, built through the services."""

import datetime

from partnerships.models import JoinRequest, LocalPartnership, PartnershipMember, Sector
from partnerships.services import (
    MemberDraft,
    join_request_submit,
    members_add,
    partnership_create,
)
from tests.support.world import World


def gdynia_partnership(world: World, *, public: bool = True) -> LocalPartnership:
    """Gdynia's open LP in Rewitalizacja (created once per world)."""
    existing = LocalPartnership.objects.filter(
        organisation=world.partner_city, network=world.network
    ).first()
    if existing:
        return existing
    return partnership_create(
        organisation=world.partner_city,
        network=world.network,
        name="Lokalne Partnerstwo Gdynia Śródmieście",
        formula=LocalPartnership.Formula.OPEN,
        goals="Rewitalizacja Śródmieścia z mieszkańcami.",
        working_rules="Spotkania co miesiąc.",
        is_public=public,
        actor=world.user("city_coordinator"),
    )


def member_draft(number: int, sector: str = Sector.RESIDENT) -> MemberDraft:
    return MemberDraft(
        kind=PartnershipMember.Kind.PERSON,
        name=f"Mieszkanka Numer{number}",
        organisation_name="",
        sector=sector,
        role=PartnershipMember.Role.MEMBER,
        email=f"mieszkanka{number}@example.pl",
        phone=f"+48 600 100 {number:03d}",
        joined_on=datetime.date(2026, 2, 1),
    )


def add_members(
    world: World, count: int, sector: str = Sector.RESIDENT
) -> list[PartnershipMember]:
    partnership = gdynia_partnership(world)
    start = partnership.members.count()
    return members_add(
        partnership=partnership,
        drafts=[member_draft(start + number, sector) for number in range(count)],
        actor=world.user("city_coordinator"),
    )


def join_request(world: World) -> JoinRequest:
    return join_request_submit(
        partnership=gdynia_partnership(world),
        name="Zofia Sąsiedzka",
        email="zofia@example.pl",
        phone="",
        organisation_name="Stowarzyszenie Sąsiedzi",
        sector=Sector.NGO,
        motivation="Chcę pomóc.",
    )
