import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.utils import timezone
from kombu.exceptions import OperationalError

from core.errors import DomainError
from networks.models import NetworkMembership
from networks.permissions import can_view_workspace
from networks.services import network_membership_start, network_open
from organisations.models import Voivodeship
from recruitment import tasks
from recruitment.models import Application, Assignment, Call, Track
from recruitment.selectors import GAP_CODES, composition, ranking
from recruitment.services import (
    CriterionScore,
    application_reopen,
    application_save,
    application_submit,
    application_withdraw,
    call_copy,
    decide,
    evaluation_submit,
    evaluators_assign,
)
from recruitment.tests.builders import (
    cities,
    coordinator_of,
    evaluated,
    open_call,
    submitted_application,
)
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _close(call: Call) -> None:
    Call.objects.filter(pk=call.pk).update(
        opens_at=timezone.now() - datetime.timedelta(days=8),
        closes_at=timezone.now() - datetime.timedelta(minutes=1),
    )


def test_a_late_submission_is_refused_to_the_minute(world: World) -> None:
    # given a draft whose call closed a minute ago
    city = cities(1)[0]
    application = submitted_application(world, city)
    coordinator = coordinator_of(city, world)
    application_withdraw(application=application, actor=coordinator)  # back to draft
    _close(application.call)
    application.refresh_from_db()
    # when the coordinator submits, then it is refused and nothing changes
    with pytest.raises(DomainError, match="zamknięty"):
        application_submit(application=application, actor=coordinator)
    with pytest.raises(DomainError):
        application_save(
            application=application,
            expected_version=application.version,
            answers={},
            actor=coordinator,
        )
    assert Application.objects.get(pk=application.pk).status == "draft"


def test_the_ministry_reopens_for_completion_after_the_deadline(world: World) -> None:
    city = cities(1)[0]
    application = submitted_application(world, city)
    _close(application.call)
    application_reopen(
        application=application,
        until=timezone.now() + datetime.timedelta(days=2),
        actor=world.user("ministry_staff"),
    )
    application.refresh_from_db()
    coordinator = coordinator_of(city, world)
    submitted = application_submit(application=application, actor=coordinator)
    assert submitted.status == "submitted"


def test_a_stale_save_is_refused(world: World) -> None:
    city = cities(1)[0]
    application = submitted_application(world, city)
    coordinator = coordinator_of(city, world)
    draft = application_withdraw(application=application, actor=coordinator)
    with pytest.raises(DomainError):
        application_save(
            application=draft,
            expected_version=draft.version - 1,
            answers={},
            actor=coordinator,
        )


def test_required_answers_come_before_submitting(world: World) -> None:
    from recruitment.services import application_start

    call = open_call(world)
    city = cities(1)[0]
    coordinator = coordinator_of(city, world)
    draft = application_start(
        call=call,
        organisation=city,
        theme=call.themes.first(),  # type: ignore[arg-type]
        track=Track.LEAD,
        actor=coordinator,
    )
    with pytest.raises(DomainError, match="Opisz problem miasta"):
        application_submit(application=draft, actor=coordinator)


def test_another_city_cannot_touch_the_application(world: World) -> None:
    application = submitted_application(world, cities(1)[0])
    with pytest.raises(PermissionDenied):
        application_withdraw(
            application=application, actor=world.user("lead_coordinator")
        )


def test_a_score_outside_the_scale_is_refused(world: World) -> None:
    application = submitted_application(world, cities(1)[0])
    evaluator = world.user("ministry_staff")
    evaluators_assign(
        applications=[application],
        evaluator=evaluator,
        actor=world.user("ministry_admin"),
    )
    assignment = Assignment.objects.get(application=application)
    criteria = list(application.call.criteria.order_by("position"))
    with pytest.raises(DomainError, match="0"):
        evaluation_submit(
            assignment=assignment,
            scores=[
                CriterionScore(criteria[0], 6, ""),
                CriterionScore(criteria[1], 5, ""),
            ],
            recommendation="accepted",
            comment="",
            actor=evaluator,
        )
    assignment.refresh_from_db()
    assert assignment.submitted_at is None and not assignment.scores.exists()


def test_weighted_scores_rank_applications(world: World) -> None:
    strong, weak = cities(2)
    first = submitted_application(world, strong)
    second = submitted_application(world, weak)
    evaluator = world.user("ministry_staff")
    evaluated(first, evaluator, (5, 10))
    assessment = evaluated(second, evaluator, (1, 10))
    # (1/5·2 + 10/10·1) / 3 = 46.67
    assert str(assessment.score) == "46.67"
    ranked = ranking(first.call, viewer=world.user("ministry_admin"))
    rows = ranked[(first.theme, Track.PARTNER)]
    assert [row.application for row in rows] == [first, second]


def test_composition_flags_the_voivodeship_rule_and_names_reserves(
    world: World,
) -> None:
    # given a lead and two partners from one voivodeship, a reserve from another
    lead, *partners = cities(3)
    reserve = cities(1, Voivodeship.POMORSKIE)[0]
    submitted_application(world, lead, track=Track.LEAD)
    for city in partners:
        submitted_application(world, city)
    call = open_call(world)
    call.max_partners = 2
    call.save(update_fields=["max_partners"])
    late = submitted_application(world, reserve)
    evaluator = world.user("ministry_staff")
    for application in Application.objects.filter(call=call).exclude(pk=late.pk):
        evaluated(application, evaluator, (5, 10))
    evaluated(late, evaluator, (1, 1))
    # then the proposal fails the voivodeship rule and names the reserve that helps
    ranked = ranking(call, viewer=world.user("ministry_admin"))
    proposal = next(p for p in composition(call, ranked) if p.theme == late.theme)
    failing = [str(check.rule) for check in proposal.checks if not check.holds]
    assert len(failing) == 1 and "3" in failing[0]
    assert [r.application for r in proposal.reserves] == [late]


def test_a_decision_is_saved_and_mailed_while_the_broker_is_down(
    world: World,
    django_capture_on_commit_callbacks,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # given a submitted application, and a broker that refuses every message
    def broker_down(*args: object, **kwargs: object) -> None:
        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Refused.")

    monkeypatch.setattr(tasks.notify_decision, "apply_async", broker_down)
    city = cities(1)[0]
    application = submitted_application(world, city, track=Track.PARTNER)
    coordinator = coordinator_of(city, world)
    # when the ministry rejects it
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            application=application,
            decision="rejected",
            justification="Zgłoszenie nie spełnia kryteriów.",
            actor=world.user("ministry_admin"),
            confirmed=GAP_CODES,  # decided without what is missing
        )
    # then the decision stands and the city's coordinator is told all the same
    application.refresh_from_db()
    assert application.decision == "rejected"
    assert [m.to for m in mail.outbox] == [[coordinator.email]]


def test_accepting_makes_the_city_a_member_of_the_new_network(
    world: World, django_capture_on_commit_callbacks
) -> None:
    city = cities(1)[0]
    application = submitted_application(world, city, track=Track.LEAD)
    coordinator = coordinator_of(city, world)
    with django_capture_on_commit_callbacks(execute=True):
        decide(
            application=application,
            decision="accepted",
            justification="Najlepsze zgłoszenie w temacie.",
            actor=world.user("ministry_admin"),
            confirmed=GAP_CODES,  # decided without what is missing
        )
    application.theme.refresh_from_db()
    network = application.theme.network
    assert network is not None and network.edition == application.call.edition
    membership = NetworkMembership.objects.get(network=network, organisation=city)
    assert membership.role == NetworkMembership.Role.LEAD
    assert can_view_workspace(coordinator, network)
    assert mail.outbox[-1].to == [coordinator.email]
    # a second lead for the same network is refused; so is the city in another one
    other = submitted_application(
        world, cities(1, Voivodeship.OPOLSKIE)[0], track=Track.LEAD
    )
    with pytest.raises(DomainError):
        decide(
            application=other,
            decision="accepted",
            justification="x",
            actor=world.user("ministry_admin"),
            confirmed=GAP_CODES,  # decided without what is missing
        )


def test_a_decision_needs_a_justification(world: World) -> None:
    application = submitted_application(world, cities(1)[0])
    with pytest.raises(DomainError):
        decide(
            application=application,
            decision="rejected",
            justification=" ",
            actor=world.user("ministry_admin"),
            confirmed=GAP_CODES,  # decided without what is missing
        )


def test_a_call_is_copied_as_next_editions_template(world: World) -> None:
    call = open_call(world)
    copy = call_copy(
        call=call, edition=call.edition, actor=world.user("ministry_staff")
    )
    assert not copy.is_published
    assert copy.questions.count() == 2 and copy.criteria.count() == 2
    assert copy.themes.count() == 2


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
            confirmed=GAP_CODES,  # decided without what is missing
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
