"""Defects found in review, pinned."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from core.errors import DomainError
from networks.models import NetworkMembership
from networks.services import network_membership_start, network_open
from recruitment.models import Assignment, Call, Track
from recruitment.services import (
    CriterionScore,
    application_withdraw,
    call_copy,
    decide,
    evaluation_submit,
    evaluators_assign,
)
from recruitment.tests.builders import (
    cities,
    coordinator_of,
    open_call,
    submitted_application,
)
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_a_lead_from_outside_recruitment_refuses_a_second_lead_without_a_500(
    world: World,
) -> None:
    application = submitted_application(world, cities(1)[0], track=Track.LEAD)
    network = network_open(
        edition=application.call.edition, theme=application.theme.theme
    )
    network_membership_start(
        network=network,
        organisation=world.lead_city,
        role=NetworkMembership.Role.LEAD,
        valid_from=datetime.date(2027, 1, 1),
    )
    with pytest.raises(DomainError):
        decide(
            application=application,
            decision="accepted",
            justification="Dobre.",
            actor=world.user("ministry_admin"),
        )


def test_a_withdrawn_application_is_not_evaluated(world: World) -> None:
    city = cities(1)[0]
    application = submitted_application(world, city)
    evaluators_assign(
        applications=[application],
        evaluator=world.user("expert"),
        actor=world.user("ministry_admin"),
    )
    application_withdraw(application=application, actor=coordinator_of(city, world))
    assignment = Assignment.objects.get(application=application)
    criteria = list(application.call.criteria.order_by("position"))
    with pytest.raises(DomainError):
        evaluation_submit(
            assignment=assignment,
            scores=[CriterionScore(c, 1, "") for c in criteria],
            recommendation="accepted",
            comment="",
            actor=world.user("expert"),
        )


def test_a_copied_call_keeps_its_polish_wall_clock_times_and_a_short_title(
    world: World,
) -> None:
    call = open_call(world)
    Call.objects.filter(pk=call.pk).update(title="N" * 200)
    call.refresh_from_db()
    copy = call_copy(
        call=call, edition=call.edition, actor=world.user("ministry_admin")
    )
    assert len(copy.title) == 200
    assert copy.closes_at == call.closes_at  # same edition: no shift at all


def test_the_dashboard_chart_uses_numbers_svg_can_read(world: World) -> None:
    submitted_application(world, cities(1)[0])
    client = Client()
    client.force_login(world.user("ministry_admin"))
    page = client.get(
        reverse("recruitment:dashboard", args=[open_call(world).slug])
    ).content.decode()
    assert 'width="320.0"' in page
