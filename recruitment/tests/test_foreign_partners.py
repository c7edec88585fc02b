"""A partner city from abroad may be in a network, but it counts toward no
voivodeship: the composition rule counts Polish cities only (#19)."""

import pytest

from organisations.models import Organisation, Voivodeship
from recruitment.models import Application, Track
from recruitment.selectors import composition, decision_gaps, ranking
from recruitment.tests.builders import (
    cities,
    evaluated,
    open_call,
    submitted_application,
)
from tests.support.world import World

pytestmark = pytest.mark.django_db


def test_a_foreign_partner_city_counts_toward_no_voivodeship(world: World) -> None:
    # given a lead from Silesia, a partner from Pomerania and one from Germany,
    # under a call asking for three voivodeships
    lead = cities(1)[0]
    pomeranian = cities(1, Voivodeship.POMORSKIE)[0]
    german = Organisation.objects.create(
        name="Stadt Kiel",
        slug="kiel",
        kind=Organisation.Kind.URBAN_GMINA,
        country="DE",
        voivodeship="",
    )
    submitted_application(world, lead, track=Track.LEAD)
    submitted_application(world, pomeranian)
    foreign = submitted_application(world, german)
    call = open_call(world)
    call.max_partners = 2
    call.min_partners = 2
    call.save(update_fields=["max_partners", "min_partners"])
    assert call.min_voivodeships == 3
    evaluator = world.user("ministry_staff")
    for application in Application.objects.filter(call=call):
        evaluated(application, evaluator, (5, 10))
    # when the ranking's network is checked
    admin = world.user("ministry_admin")
    proposal = next(
        p
        for p in composition(call, ranking(call, viewer=admin))
        if p.theme == foreign.theme
    )
    # then it is all three cities, but only two voivodeships count
    assert {r.application.organisation for r in proposal.partners} == {
        pomeranian,
        german,
    }
    rule = next(check for check in proposal.checks if check.code == "voivodeships")
    assert not rule.holds
    assert rule.detail == "pomorskie, śląskie"
    # and a decision on the German city's application asks to confirm it
    gaps = [gap.code for gap in decision_gaps(foreign, viewer=admin)]
    assert "composition_voivodeships" in gaps
