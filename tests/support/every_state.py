"""The world of tests/support/world.py with data in every state that a page shows
by a label — documents in each state, applications with each status and decision,
LP members of each sector, kind and role, requests and activities of each kind,
meetings of each format, materials of each visibility, audit events with details —
so that a check of the pages (tests/test_plain_words.py) sees real values.

The extra documents live in Mobilność miejska, a network none of the roles belongs
to (the ministry sees them): the matrix's builders move Rewitalizacja's Sheet and
Gdynia's MID through their own states, which these must not disturb."""

import datetime
import inspect
from decimal import Decimal
from typing import Any

from accounts.models import User
from accounts.tests.factories import UserFactory
from documents.models import Action, Document, Kind, State
from documents.services import (
    IndicatorDraft,
    document_start,
    document_take_step,
    record_save,
)
from documents.tests.builders import (
    PATH,
    add_recommendation,
    complete,
    section,
    write,
)
from documents.workflow import STEPS
from materials.models import Material
from materials.tests.factories import MaterialFactory, MaterialVersionFactory
from meetings.models import Meeting
from meetings.services import attendance_add_person, meeting_create, minutes_save
from meetings.tests.builders import draft
from networks.models import Network, NetworkMembership
from networks.services import expert_assign, expert_unassign
from organisations.models import Invitation, Membership, Organisation, Voivodeship
from organisations.services import (
    invitation_revoke,
    invitation_send,
    membership_change_role,
    membership_grant,
    membership_set_active,
)
from partnerships.models import ParticipationActivity, PartnershipMember, Sector
from partnerships.services import (
    MemberDraft,
    activity_add,
    join_request_decide,
    member_account_give,
    member_erase,
    members_add,
)
from partnerships.tests.builders import gdynia_partnership, join_request
from recruitment import selectors as recruitment_selectors
from recruitment.models import Application, CallTheme, Track
from recruitment.services import (
    application_start,
    application_withdraw,
    call_update,
    decide,
)
from recruitment.services.calls import CALL_FIELDS
from recruitment.tests.builders import (
    cities,
    coordinator_of,
    evaluated,
    open_call,
    submitted_application,
)
from recruitment.tests.matrix import gdynia_application
from tests.support.world import World

COST = Decimal("1850000.00")  # an action's cost: "1 850 000 zł"
REACH = 3500  # people an activity reached: "3 500"


def build_every_state(world: World) -> None:
    _recruitment(world)
    _documents(world)
    _partnership(world)
    _meetings(world)
    _materials(world)
    _people(world)


def _recruitment(world: World) -> None:
    admin = world.user("ministry_admin")
    call = open_call(world)
    call_update(
        call=call,
        values={field: getattr(call, field) for field in CALL_FIELDS}
        | {
            "eligible_kinds": [
                Organisation.Kind.CITY_COUNTY,
                Organisation.Kind.URBAN_GMINA,
            ]
        },
        themes=[offered.theme for offered in CallTheme.objects.filter(call=call)],
        actor=admin,
    )
    gdynia = gdynia_application(world)  # submitted, with the expert as evaluator
    evaluated_city, *decided = cities(4, Voivodeship.MAZOWIECKIE)
    evaluated(
        submitted_application(world, evaluated_city, track=Track.LEAD),
        world.user("expert"),
        (4, 8),
    )
    for city, decision in zip(
        decided,
        (
            Application.Decision.ACCEPTED,
            Application.Decision.RESERVE,
            Application.Decision.REJECTED,
        ),
        strict=True,
    ):
        _decide(submitted_application(world, city), decision, admin)
    withdrawn = submitted_application(world, cities(1, Voivodeship.OPOLSKIE)[0])
    application_withdraw(
        application=withdrawn, actor=coordinator_of(withdrawn.organisation, world)
    )
    application_start(  # Katowice's draft
        call=call,
        organisation=world.lead_city,
        theme=gdynia.theme,
        track=Track.LEAD,
        actor=world.user("lead_coordinator"),
    )


def _decide(application: Application, decision: str, admin: User) -> None:
    # A decision before the call closes is taken only with what it lacks confirmed
    # (when the portal asks for that confirmation).
    extra: dict[str, Any] = {}
    if "confirmed" in inspect.signature(decide).parameters:
        gaps = getattr(recruitment_selectors, "decision_gaps")(  # noqa: B009
            application, viewer=admin
        )
        extra["confirmed"] = [gap.code for gap in gaps]
    decide(
        application=application,
        decision=decision,
        justification="Uzasadnienie decyzji.",
        actor=admin,
        **extra,
    )


def _documents(world: World) -> None:
    """Mobilność miejska: its Sheet published, a MID of a partner city in each
    state (one with an action that has a cost and an indicator), a Plan draft."""
    network = Network.objects.get(slug="mobilnosc-miejska")
    lead = NetworkMembership.objects.filter(
        network=network, role=NetworkMembership.Role.LEAD
    ).first()
    assert lead is not None
    lead_coordinator = coordinator_of(lead.organisation, world)
    expert = UserFactory.create(email="ekspert.mobilnosc@example.pl")
    expert_assign(network=network, user=expert, valid_from=network.starts_on)
    sheet = document_start(
        kind=Kind.SHEET, network=network, organisation=None, actor=lead_coordinator
    )
    write(sheet, "problems", "<p>Korki w centrach miast.</p>", lead_coordinator)
    _advance(world, sheet, State.PUBLISHED, lead_coordinator, expert)
    partners = (
        NetworkMembership.objects.filter(network=network)
        .exclude(pk=lead.pk)
        .select_related("organisation")
        .order_by("organisation__name")
    )
    states = list(State)
    for membership, state in zip(partners, states, strict=False):
        coordinator = coordinator_of(membership.organisation, world)
        mid = document_start(
            kind=Kind.MID,
            network=network,
            organisation=membership.organisation,
            actor=coordinator,
        )
        write(mid, "challenge", "<p>Bezpieczna droga do szkoły.</p>", coordinator)
        if state == State.PUBLISHED:
            _costly_action(mid, coordinator)
        _advance(world, mid, state, coordinator, expert)
    plan = document_start(
        kind=Kind.PLAN, network=network, organisation=None, actor=lead_coordinator
    )
    add_recommendation(plan, lead_coordinator, evidence=[])


def _advance(
    world: World, document: Document, state: str, responsible: User, expert: User
) -> None:
    for step, role in PATH[state]:
        actor = {"responsible": responsible, "expert": expert}.get(role)
        if STEPS[step].needs_required_sections:
            complete(document, responsible)
        document_take_step(
            document=document,
            step_name=step,
            actor=actor or world.user(role),
            comment="Uwagi eksperta.",
        )


def _costly_action(mid: Document, author: User) -> None:
    target = section(mid, "actions")
    record_save(
        section=target,
        expected_revision=target.revision,
        record=Action(
            title="Strefa czystego transportu",
            owner="Zarząd Dróg",
            partners="",
            starts_on=datetime.date(2027, 9, 1),
            ends_on=datetime.date(2028, 6, 30),
            cost=COST,
            funding_source="FEnIKS",
        ),
        actor=author,
        indicators=[
            IndicatorDraft("Pasażerowie", "os./rok", Decimal(0), Decimal(REACH))
        ],
    )


def _partnership(world: World) -> None:
    """Gdynia's LP: members of each sector, kind and role, requests in each state,
    an activity of each kind, a member erased and one given an account."""
    coordinator = world.user("city_coordinator")
    partnership = gdynia_partnership(world)
    kinds = list(PartnershipMember.Kind)
    roles = list(PartnershipMember.Role)
    members = members_add(
        partnership=partnership,
        drafts=[
            MemberDraft(
                kind=kinds[number % len(kinds)],
                name=f"Uczestnik {number}",
                organisation_name="Fundacja Sąsiedzka" if number % 2 else "",
                sector=sector,
                role=roles[number % len(roles)],
                email=f"uczestnik{number}@example.pl",
                phone="",
                joined_on=datetime.date(2026, 2, 1),
            )
            for number, sector in enumerate(Sector)
        ],
        actor=coordinator,
    )
    member_account_give(member=members[0], actor=coordinator)
    member_erase(member=members[1], actor=coordinator, consent_withdrawn=True)
    member_erase(member=members[2], actor=coordinator)
    join_request(world)  # pending
    join_request_decide(
        join_request=join_request(world), accept=True, actor=coordinator
    )
    join_request_decide(
        join_request=join_request(world), accept=False, actor=coordinator
    )
    for number, kind in enumerate(ParticipationActivity.Kind):
        activity_add(
            partnership=partnership,
            kind=kind,
            title=f"Działanie {number}",
            held_on=datetime.date(2026, 4, 1) + datetime.timedelta(days=number),
            reach=REACH,
            result="",
            actor=coordinator,
        )


def _meetings(world: World) -> None:
    """A meeting of each format, one with minutes and attendance by sector."""
    organiser = world.user("lead_coordinator")
    made = [
        meeting_create(
            kind=Meeting.Kind.NETWORK,
            edition_id=world.network.edition_id,
            network_id=world.network.pk,
            draft=draft(world, mode=mode, title=f"Spotkanie {number}"),
            actor=organiser,
        )
        for number, mode in enumerate(Meeting.Mode)
    ]
    minutes_save(
        meeting=made[0],
        text="Ustalenia.",
        expected_version=made[0].version,
        actor=organiser,
    )
    for sector in Sector:
        attendance_add_person(
            meeting=world.meetings["local"],
            name=f"Gość {sector.label}",
            organisation_name="",
            sector=sector,
            member=None,
            actor=world.user("city_officer"),
        )


def _materials(world: World) -> None:
    for visibility in Material.Visibility:
        for language in Material.Language:
            MaterialVersionFactory.create(
                material=MaterialFactory.create(
                    title=f"Materiał {visibility.label} {language.label}",
                    visibility=visibility,
                    language=language,
                    network=None if visibility != "network" else world.network,
                )
            )


def _people(world: World) -> None:
    """Roles changed, people deactivated, invitations revoked, experts unassigned:
    the audit log's events with their details."""
    admin = world.user("ministry_admin")
    gdynia = world.partner_city
    promoted = UserFactory.create(email="awans@example.pl")
    membership = membership_grant(
        user=promoted, organisation=gdynia, role=Membership.Role.OFFICER
    )
    membership_change_role(
        membership=membership,
        role=Membership.Role.COORDINATOR,
        expected_role=Membership.Role.OFFICER,
        actor=admin,
        ip_address="192.0.2.1",
    )
    leaving = UserFactory.create(email="odchodzi@example.pl")
    membership_set_active(
        membership=membership_grant(
            user=leaving, organisation=gdynia, role=Membership.Role.OFFICER
        ),
        active=False,
        actor=admin,
        ip_address=None,
    )
    invitation_send(
        organisation=gdynia,
        email="wycofane@example.pl",
        full_name="Wycofana Osoba",
        role=Membership.Role.COORDINATOR,
        actor=admin,
        ip_address=None,
    )
    invitation_revoke(
        invitation=Invitation.objects.get(email="wycofane@example.pl"),
        actor=admin,
        ip_address=None,
    )
    expert = UserFactory.create(email="byly.ekspert@example.pl")
    assignment = expert_assign(
        network=world.network, user=expert, valid_from=world.network.starts_on
    )
    expert_unassign(expert=assignment, actor=admin, ip_address=None)
