"""The workspace's members-and-contacts part and its audit trail come from Redis once
rendered (portal/workspace.py): every change a service makes shows at once, each
language has its own copy, and what depends on the person looking is never cached."""

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory
from core.errors import DomainError
from documents.models import Document, Kind, State
from documents.services import document_start, document_take_step
from documents.tests.builders import network_sheet
from meetings.models import Meeting
from meetings.services import meeting_create, meeting_update
from meetings.tests.builders import draft
from networks.models import NetworkExpert, NetworkMembership
from networks.services import expert_assign, expert_unassign, network_membership_start
from organisations.models import Membership
from organisations.services import (
    membership_change_role,
    membership_grant,
    membership_set_active,
)
from organisations.tests.factories import OrganisationFactory
from tests.support.world import World

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Runs a service as a request does, with what it leaves for after the commit
    (moving the cached parts on)."""

    def run(action: Callable[[], Any]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def _as(world: World, role: str) -> Client:
    client = Client()
    client.force_login(world.user(role))
    return client


def _section(client: Client, world: World, heading: str) -> str:
    """The HTML of one section of the workspace, by its heading's id."""
    response = client.get(reverse("portal:workspace", args=[world.network.slug]))
    assert response.status_code == 200
    found = re.search(
        rf'<section aria-labelledby="{heading}">(.*?)</section>',
        response.content.decode(),
        re.S,
    )
    assert found, heading
    return found.group(1)


def _members(client: Client, world: World) -> str:
    return _section(client, world, "members-heading")


def _activity(client: Client, world: World) -> str:
    return _section(client, world, "activity-heading")


def test_every_change_to_members_and_contacts_shows_at_once_on_a_cached_workspace(
    world: World, committed
) -> None:
    # given the lead's coordinator, who has seen the workspace (so it is cached)
    client = _as(world, "lead_coordinator")
    admin = world.user("ministry_admin")
    coordinator = world.user("city_coordinator")
    assert coordinator.get_full_name() in _members(client, world)

    # when a new coordinator joins Gdynia
    newcomer = UserFactory.create(full_name="Zenobia Nowa-Koordynatorka")
    committed(
        lambda: membership_grant(
            user=newcomer,
            organisation=world.partner_city,
            role=Membership.Role.COORDINATOR,
        )
    )
    # then she is one of Gdynia's contact people at once
    assert newcomer.get_full_name() in _members(client, world)

    # when Gdynia's coordinator becomes an officer, then they are no contact any more
    membership = Membership.objects.get(
        user=coordinator, organisation=world.partner_city
    )
    committed(
        lambda: membership_change_role(
            membership=membership,
            role=Membership.Role.OFFICER,
            expected_role=Membership.Role.COORDINATOR,
            actor=newcomer,
            ip_address=None,
        )
    )
    assert coordinator.get_full_name() not in _members(client, world)

    # when the new coordinator is deactivated, then she is gone too
    membership = Membership.objects.get(user=newcomer, organisation=world.partner_city)
    committed(
        lambda: membership_set_active(
            membership=membership, active=False, actor=admin, ip_address=None
        )
    )
    assert newcomer.get_full_name() not in _members(client, world)

    # when the network gains a member city, then it is in the table and on the map
    city = OrganisationFactory.create(name="Nowe Miasto nad Pilicą")
    committed(
        lambda: network_membership_start(
            network=world.network,
            organisation=city,
            role=NetworkMembership.Role.PARTNER,
            valid_from=world.network.starts_on,
        )
    )
    assert _members(client, world).count(city.name) >= 2

    # when an expert is assigned and their assignment ends
    expert = UserFactory.create(full_name="Ekspertka Tematyczna")
    committed(
        lambda: expert_assign(
            network=world.network,
            user=expert,
            valid_from=world.network.starts_on,
            actor=admin,
        )
    )
    # then the members part names her and the activity shows the assignment
    assert expert.get_full_name() in _members(client, world)
    assert f"wyznaczono eksperta — {expert.get_full_name()}" in _activity(client, world)
    assignment = NetworkExpert.objects.get(network=world.network, user=expert)
    committed(lambda: expert_unassign(expert=assignment, actor=admin, ip_address=None))
    assert expert.get_full_name() not in _members(client, world)
    assert f"zakończono przydział eksperta — {expert.get_full_name()}" in _activity(
        client, world
    )


def test_each_language_has_its_own_copy(world: World) -> None:
    client = _as(world, "lead_coordinator")
    assert "Ekspert tematyczny" in _members(client, world)
    client.cookies["django_language"] = "en"
    english = _members(client, world)
    assert "Thematic expert" in english
    assert "Ekspert tematyczny" not in english


def test_what_depends_on_the_person_looking_is_never_taken_from_another(
    world: World,
) -> None:
    url = reverse("portal:workspace", args=[world.network.slug])
    # given the workspace cached by the lead's coordinator (Katowice)
    lead_page = _as(world, "lead_coordinator").get(url).content.decode()
    # when Gdynia's officer opens it
    page = _as(world, "city_officer").get(url).content.decode()
    # then the actions for their own city are Gdynia's, not Katowice's
    actions = re.search(r'class="actions-bar">(.*?)</nav>', page, re.S)
    assert actions
    assert "Gdynia" in actions[1]
    assert "Katowice" not in actions[1]
    # and they see their Local Partnership's private meeting, which the lead does not
    local = world.meetings["local"].title
    assert local in page
    assert local not in lead_page


def _schedule(
    world: World, title: str, starts_at: datetime, ends_at: datetime
) -> Meeting:
    return meeting_create(
        kind=Meeting.Kind.NETWORK,
        edition_id=world.network.edition_id,
        network_id=world.network.pk,
        draft=draft(world, title=title, starts_at=starts_at, ends_at=ends_at),
        actor=world.user("lead_coordinator"),
    )


def test_the_meetings_show_a_change_at_once_and_leave_once_they_end(
    world: World, committed, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = _as(world, "city_officer")
    now = timezone.now()
    # given the workspace cached with a meeting that ends in two minutes
    ending = committed(
        lambda: _schedule(
            world, "Warsztat kończący się", now, now + timedelta(minutes=2)
        )
    )
    assert "Warsztat kończący się" in _section(client, world, "schedule-heading")
    # when a meeting is scheduled, then it is in the schedule and in recent activity
    later = now + timedelta(days=3)
    meeting = committed(
        lambda: _schedule(world, "Wizyta studyjna", later, later + timedelta(hours=2))
    )
    assert "Wizyta studyjna" in _section(client, world, "schedule-heading")
    assert "Wizyta studyjna" in _activity(client, world)
    # when it is renamed, then the new title shows
    committed(
        lambda: meeting_update(
            meeting=meeting,
            expected_version=meeting.version,
            draft=draft(
                world,
                title="Wizyta w Gdyni",
                starts_at=later,
                ends_at=later + timedelta(hours=2),
            ),
            actor=world.user("lead_coordinator"),
        )
    )
    schedule = _section(client, world, "schedule-heading")
    assert "Wizyta w Gdyni" in schedule
    assert "Wizyta studyjna" not in schedule
    assert "Warsztat kończący się" in schedule
    # when five minutes pass, then the meeting that has ended is no longer upcoming
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(minutes=5))
    schedule = _section(client, world, "schedule-heading")
    assert "Warsztat kończący się" not in schedule
    assert "Wizyta w Gdyni" in schedule
    assert ending.title in _activity(client, world)  # it was still scheduled lately


def test_the_progress_board_is_each_persons_own_and_shows_a_change_at_once(
    world: World,
) -> None:
    # given the Network Sheet approved (MIDs may start) and the board cached for
    # the lead's coordinator (Katowice)
    network_sheet(world, State.APPROVED)
    assert 'value="katowice"' in _section(
        _as(world, "lead_coordinator"), world, "progress-heading"
    )
    # when Gdynia's officer opens it
    officer = Client(enforce_csrf_checks=True)
    officer.force_login(world.user("city_officer"))
    board = _section(officer, world, "progress-heading")
    # then they may start Gdynia's MID, not Katowice's
    assert 'name="organisation" value="gdynia"' in board
    assert 'value="katowice"' not in board
    # and the forms carry their own CSRF token: starting the Improvement Plan is
    # accepted
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', board)
    assert token
    response = officer.post(
        reverse("documents:start"),
        {
            "csrfmiddlewaretoken": token[1],
            "network": world.network.slug,
            "kind": "plan",
        },
    )
    assert response.status_code == 302
    # and the board shows the Plan started at once, with a link to it
    plan = Document.objects.get(network=world.network, kind="plan")
    board = _section(officer, world, "progress-heading")
    assert 'name="kind" value="plan"' not in board
    assert plan.get_absolute_url() in board


WAITS_FOR_THE_SHEET = "Czeka na zatwierdzenie fiszki sieci przez eksperta"


def _mid_row(board: str, city: str) -> str:
    row = re.search(
        rf"<tr>\s*<th scope=\"row\">MID — {city}</th>(.*?)</tr>", board, re.S
    )
    assert row, city
    return row[1]


def test_the_board_offers_no_mid_start_before_the_sheet_is_approved_and_says_why(
    world: World, committed
) -> None:
    # given the Network Sheet written and submitted, not yet approved
    sheet = network_sheet(world, State.IN_REVIEW)
    officer = _as(world, "city_officer")
    # when Gdynia's officer opens the board
    board = _section(officer, world, "progress-heading")
    # then Gdynia's MID offers no start and says what it waits for
    assert 'name="kind" value="mid"' not in board
    assert WAITS_FOR_THE_SHEET in _mid_row(board, "Gdynia")
    # and it is the very reason the service gives when the start is tried anyway
    with pytest.raises(DomainError) as refused:
        document_start(
            kind=Kind.MID,
            network=world.network,
            organisation=world.partner_city,
            actor=world.user("city_officer"),
        )
    assert refused.value.message.startswith(WAITS_FOR_THE_SHEET)
    # and no other city's row says anything about starting (not theirs to start)
    assert WAITS_FOR_THE_SHEET not in _mid_row(board, "Katowice")

    # when the expert approves the Sheet, then the cached board offers the start
    committed(
        lambda: document_take_step(
            document=sheet, step_name="approve", actor=world.user("expert")
        )
    )
    board = _section(officer, world, "progress-heading")
    assert WAITS_FOR_THE_SHEET not in board
    assert 'name="organisation" value="gdynia"' in _mid_row(board, "Gdynia")


def test_the_ministry_is_offered_a_mid_start_before_the_sheet_is_approved(
    world: World,
) -> None:
    # given no Network Sheet yet, and the board cached for Gdynia's officer
    officer_board = _section(_as(world, "city_officer"), world, "progress-heading")
    assert WAITS_FOR_THE_SHEET in _mid_row(officer_board, "Gdynia")
    # when the ministry opens it, then it may start any city's MID: the service
    # lets it start out of order, so the board offers it, and says nothing is missing
    board = _section(_as(world, "ministry_admin"), world, "progress-heading")
    assert 'name="organisation" value="gdynia"' in _mid_row(board, "Gdynia")
    assert WAITS_FOR_THE_SHEET not in board
