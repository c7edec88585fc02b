"""A decision taken before everything is in — the call still open, evaluations
missing, a composition rule failing — asks for a confirmation that names what is
missing, is refused without it, and its audit event records what was confirmed."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from recruitment.models import Application, Call, Track
from recruitment.services import DecisionNotConfirmed, decide, evaluators_assign
from recruitment.tests.builders import cities, evaluated, submitted_application
from tests.support.world import World

pytestmark = pytest.mark.django_db

DECIDED = AuditEvent.Action.APPLICATION_DECIDED


def _waiting_for_an_evaluation(world: World) -> Application:
    """A partner city's application in PIM3's call, open for another week, with
    the network's expert assigned to evaluate it, who has not yet."""
    application = submitted_application(world, cities(1)[0])
    evaluators_assign(
        applications=[application],
        evaluator=world.user("expert"),
        actor=world.user("ministry_admin"),
    )
    return application


def test_a_decision_before_the_deadline_waits_for_what_is_missing_to_be_confirmed(
    world: World,
) -> None:
    # given an application in an open call whose evaluation is not in
    application = _waiting_for_an_evaluation(world)
    admin = world.user("ministry_admin")

    # when the ministry decides without confirming anything
    with pytest.raises(DecisionNotConfirmed) as refused:
        decide(
            application=application,
            decision="reserve",
            justification="Lista rezerwowa.",
            actor=admin,
        )
    # then nothing is recorded, and the refusal names what is missing
    codes = [gap.code for gap in refused.value.gaps]
    assert codes[:2] == ["before_deadline", "evaluations_missing"]
    assert "composition_lead" in codes  # the theme has no lead city yet
    application.refresh_from_db()
    assert application.decision == Application.Decision.NONE
    assert not AuditEvent.objects.filter(action=DECIDED).exists()

    # when it confirms only a part of it, then it is refused all the same
    with pytest.raises(DecisionNotConfirmed):
        decide(
            application=application,
            decision="reserve",
            justification="Lista rezerwowa.",
            actor=admin,
            confirmed=["before_deadline"],
        )

    # when it confirms everything it was told
    decide(
        application=application,
        decision="reserve",
        justification="Lista rezerwowa.",
        actor=admin,
        confirmed=codes,
        ip_address="192.0.2.7",
    )
    # then the decision stands and the audit event records what was confirmed,
    # by codes and ids only
    application.refresh_from_db()
    assert application.decision == Application.Decision.RESERVE
    event = AuditEvent.objects.get(action=DECIDED)
    assert event.actor == admin
    assert event.organisation_id == application.organisation_id
    assert event.ip_address == "192.0.2.7"
    assert event.details == {
        "application": application.pk,
        "call": application.call_id,
        "decision": "reserve",
        "confirmed": codes,
    }


def test_a_decision_with_everything_in_asks_nothing_and_is_audited(
    world: World,
) -> None:
    # given the only lead application of a theme, evaluated, in a call that has
    # closed and whose rules one lead city meets
    application = submitted_application(world, cities(1)[0], track=Track.LEAD)
    evaluated(application, world.user("ministry_staff"), (5, 10))
    now = timezone.now()
    Call.objects.filter(pk=application.call_id).update(
        opens_at=now - datetime.timedelta(days=8),
        closes_at=now - datetime.timedelta(minutes=1),
        min_partners=0,
        min_voivodeships=1,
    )
    application.refresh_from_db()
    # when the ministry accepts it, without confirming anything
    decide(
        application=application,
        decision="accepted",
        justification="Najlepsze zgłoszenie w temacie.",
        actor=world.user("ministry_admin"),
    )
    # then it is recorded, in the new network's trail too, with nothing confirmed
    event = AuditEvent.objects.get(action=DECIDED)
    application.theme.refresh_from_db()
    network = application.theme.network
    assert network is not None and event.network == network
    assert event.details["decision"] == "accepted"
    assert event.details["confirmed"] == []


def test_the_decision_form_names_what_is_missing_and_keeps_the_input_when_refused(
    world: World,
) -> None:
    # given an application waiting for its evaluation in an open call
    application = _waiting_for_an_evaluation(world)
    client = Client()
    client.force_login(world.user("ministry_admin"))
    url = reverse("recruitment:decide", args=[application.pk])
    # when the ministry opens it
    page = client.get(application.get_absolute_url()).content.decode()
    # then the decision is behind a confirmation that says what is missing
    confirmation = re.search(
        r'<details class="confirm">\s*<summary class="button secondary">'
        r"Zapisz decyzję</summary>(.*?)</details>",
        page,
        re.S,
    )
    assert confirmation
    inside = confirmation[1]
    assert f'action="{url}"' in inside
    assert "Nabór jest jeszcze otwarty do" in inside
    assert "1 z 1 ocen nie została jeszcze przesłana" in inside
    assert "nie spełnia reguły składu: jedno miasto lider" in inside
    assert page.count(f'action="{url}"') == 1  # no way around the question
    codes = re.search(r'name="confirmed" value="([^"]*)"', inside)
    assert codes and codes[1].startswith("before_deadline evaluations_missing")

    # when what is confirmed is not what is missing (an older page)
    response = client.post(
        url,
        {
            "decision": "reserve",
            "justification": "Lista rezerwowa — uzasadnienie.",
            "confirmed": "before_deadline",
        },
    )
    # then nothing is decided; the question is open again with what was typed
    assert response.status_code == 400
    answer = response.content.decode()
    assert '<details class="confirm" open>' in answer
    assert "Lista rezerwowa — uzasadnienie." in answer
    assert "Decyzja nie została jeszcze zapisana" in answer
    application.refresh_from_db()
    assert application.decision == Application.Decision.NONE

    # when the ministry confirms what the page named
    response = client.post(
        url,
        {
            "decision": "reserve",
            "justification": "Lista rezerwowa — uzasadnienie.",
            "confirmed": codes[1],
        },
    )
    # then the decision is recorded
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.decision == Application.Decision.RESERVE
    assert (
        AuditEvent.objects.get(action=DECIDED).details["confirmed"] == codes[1].split()
    )
