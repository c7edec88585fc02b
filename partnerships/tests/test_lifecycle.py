"""A Local Partnership ends on a day the city gives; from that day follow the
notice to its coordinators and the erasure of its members' personal data. The
dates are real: the LP is formed and ended in the past, the tasks run today."""

import datetime
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.formats import date_format

from audit.models import AuditEvent
from core.errors import DomainError
from partnerships.clauses import current_clause
from partnerships.lifecycle import (
    partnership_end,
    partnership_retention_erase,
    partnership_retention_notify,
)
from partnerships.models import JoinRequest, LocalPartnership, PartnershipMember
from partnerships.services import join_request_decide, members_add
from partnerships.tasks import (
    erase_partnership_data_after_retention,
    remind_partnership_retention,
)
from partnerships.tests.builders import (
    add_members,
    gdynia_partnership,
    join_request,
    member_draft,
)
from tests.support.world import World

pytestmark = pytest.mark.django_db

RETENTION, NOTICE = 100, 30


@pytest.fixture
def retention(settings: Any) -> None:
    settings.PARTNERSHIP_RETENTION_DAYS = RETENTION
    settings.PARTNERSHIP_RETENTION_NOTICE_DAYS = NOTICE


def days_ago(days: int) -> datetime.date:
    return timezone.localdate() - datetime.timedelta(days=days)


def ended_lp(
    world: World, *, ended_days_ago: int, members: int = 2
) -> LocalPartnership:
    """Gdynia's LP, formed two years ago with members, ended `ended_days_ago`
    days ago by its coordinator."""
    add_members(world, members)
    partnership = gdynia_partnership(world)
    formed = timezone.now() - datetime.timedelta(days=2 * 365)
    LocalPartnership.objects.filter(pk=partnership.pk).update(created_at=formed)
    PartnershipMember.objects.filter(partnership=partnership).update(
        joined_on=formed.date()
    )
    return partnership_end(
        partnership=partnership,
        ended_on=days_ago(ended_days_ago),
        actor=world.user("city_coordinator"),
    )


def details_of(action: str) -> list[dict[str, object]]:
    return list(
        AuditEvent.objects.filter(action=action).values_list("details", flat=True)
    )


# ----------------------------------------------------------------- the end


def test_the_city_ends_its_lp_on_a_day_after_confirming(
    world: World, client: Client
) -> None:
    # given Gdynia's LP with a member and a request waiting
    member = add_members(world, 1)[0]
    waiting = join_request(world)
    partnership = gdynia_partnership(world)
    client.force_login(world.user("city_officer"))
    url = reverse("partnerships:end", args=[partnership.pk])
    # when its page is opened, the step is a question first
    page = client.get(url)
    assert page.status_code == 200
    assert 'class="confirm"' in page.text
    assert "Tak, zakończ Partnerstwo" in page.text
    # and the officer confirms with today's date
    response = client.post(url, {"ended_on": timezone.localdate().isoformat()})
    # then the LP has ended that day, and the detail page says when data go
    assert response.status_code == 302
    partnership.refresh_from_db()
    assert partnership.status == LocalPartnership.Status.ENDED
    assert partnership.ended_on == timezone.localdate()
    detail = client.get(partnership.get_absolute_url())
    assert "zostaną usunięte" in detail.text
    assert reverse("partnerships:end", args=[partnership.pk]) not in detail.text
    # and nobody joins any more: the seat ended, the request was declined
    member.refresh_from_db()
    waiting.refresh_from_db()
    assert member.left_on == timezone.localdate()
    assert waiting.status == JoinRequest.Status.DECLINED
    # and the audit event holds numbers and the day, no personal data
    [details] = details_of(AuditEvent.Action.LP_ENDED)
    assert details == {
        "local_partnership": partnership.pk,
        "ended_on": timezone.localdate().isoformat(),
        "seats_ended": 1,
        "requests_declined": 1,
    }


@pytest.mark.parametrize(
    "day", ["tomorrow", "before it was formed"], ids=["future", "before-creation"]
)
def test_the_end_day_is_neither_in_the_future_nor_before_the_lp_was_formed(
    world: World, client: Client, day: str
) -> None:
    partnership = gdynia_partnership(world)
    ended_on = (
        timezone.localdate() + datetime.timedelta(days=1)
        if day == "tomorrow"
        else days_ago(1)
    )
    client.force_login(world.user("city_coordinator"))
    response = client.post(
        reverse("partnerships:end", args=[partnership.pk]),
        {"ended_on": ended_on.isoformat()},
    )
    assert response.status_code == 200
    assert 'id="id_ended_on_errors"' in response.text  # next to the field
    assert " open" in response.text  # the question stays open with the error
    with pytest.raises(DomainError):
        partnership_end(
            partnership=partnership,
            ended_on=ended_on,
            actor=world.user("city_coordinator"),
        )
    partnership.refresh_from_db()
    assert partnership.status != LocalPartnership.Status.ENDED


def test_an_lp_ends_once(world: World) -> None:
    partnership = ended_lp(world, ended_days_ago=10)
    with pytest.raises(DomainError):
        partnership_end(
            partnership=partnership,
            ended_on=days_ago(5),
            actor=world.user("city_coordinator"),
        )
    partnership.refresh_from_db()
    assert partnership.ended_on == days_ago(10)


def test_an_ended_lp_takes_no_requests_to_join_and_says_so(
    world: World, client: Client
) -> None:
    partnership = ended_lp(world, ended_days_ago=3)
    url = reverse("partnerships:public", args=[partnership.pk])
    page = client.get(url)
    assert "nie przyjmuje zgłoszeń" in page.text
    assert 'name="consent"' not in page.text
    sent = client.post(url, {"name": "Ktoś", "email": "k@example.pl", "consent": "on"})
    assert sent.status_code == 404
    assert not partnership.join_requests.filter(name="Ktoś").exists()


def test_an_ended_lp_takes_no_new_members_and_says_so(
    world: World, client: Client
) -> None:
    # given an ended LP with a request that was waiting (declined at the end)
    partnership = ended_lp(world, ended_days_ago=3)
    client.force_login(world.user("city_coordinator"))
    # then its members page offers no form but says why
    page = client.get(reverse("partnerships:members", args=[partnership.pk]))
    assert "nie przyjmuje nowych członków" in page.text
    assert 'name="joined_on"' not in page.text
    # and neither a member typed in nor a request accepted gets in
    before = partnership.members.count()
    response = client.post(
        reverse("partnerships:members", args=[partnership.pk]),
        {
            "kind": "person",
            "name": "Nowa Osoba",
            "sector": "resident",
            "role": "member",
            "joined_on": days_ago(1).isoformat(),
            "consent": "on",
        },
    )
    assert response.status_code == 200
    with pytest.raises(DomainError):
        members_add(
            partnership=partnership,
            drafts=[member_draft(99)],
            actor=world.user("city_coordinator"),
        )
    request = JoinRequest.objects.create(
        partnership=partnership,
        name="Spóźniona",
        email="s@example.pl",
        sector="resident",
        consent_clause=current_clause(),
    )
    with pytest.raises(DomainError):
        join_request_decide(
            join_request=request, accept=True, actor=world.user("city_coordinator")
        )
    assert partnership.members.count() == before


# ----------------------------------------------------------- the retention


@pytest.mark.parametrize(
    ("age", "told"), [(RETENTION - NOTICE - 1, False), (RETENTION - NOTICE, True)]
)
def test_the_coordinators_are_told_at_the_configured_age_and_not_before(
    world: World,
    retention: None,
    age: int,
    told: bool,
    django_capture_on_commit_callbacks: Any,
) -> None:
    # given an LP that ended `age` days ago (the period ends 100 days after)
    partnership = ended_lp(world, ended_days_ago=age)
    mail.outbox.clear()
    # when the daily task runs
    with django_capture_on_commit_callbacks(execute=True):
        assert remind_partnership_retention() == int(told)
    # then the city's coordinator is told, with the day of the erasure
    partnership.refresh_from_db()
    if told:
        [message] = mail.outbox
        assert message.to == ["city_coordinator@example.pl"]
        assert partnership.ended_on is not None
        erasure = partnership.ended_on + datetime.timedelta(days=RETENTION)
        with translation.override("pl"):
            assert date_format(erasure, "DATE_FORMAT") in str(message.body)
        assert partnership.data_erasure_due_on == erasure
        assert partnership.retention_notice_sent_on == timezone.localdate()
    else:
        assert not mail.outbox
        assert partnership.retention_notice_sent_on is None


def test_the_notice_is_sent_once(world: World, retention: None) -> None:
    ended_lp(world, ended_days_ago=RETENTION - 5)
    assert remind_partnership_retention() == 1
    assert remind_partnership_retention() == 0
    assert len(details_of(AuditEvent.Action.LP_RETENTION_NOTICE_SENT)) == 1


def test_the_members_data_are_erased_once_the_period_is_over_and_not_before(
    world: World, retention: None
) -> None:
    # given an LP that ended 99 days ago, its coordinators told on the day the
    # notice was due (29 days ago)
    partnership = ended_lp(world, ended_days_ago=RETENTION - 1, members=3)
    assert not partnership_retention_notify(
        partnership_pk=partnership.pk, today=days_ago(NOTICE)
    )
    assert partnership_retention_notify(
        partnership_pk=partnership.pk, today=days_ago(NOTICE - 1)
    )
    names = set(partnership.members.values_list("name", flat=True))
    # when the daily task runs on the last day of the period, nothing is erased
    assert erase_partnership_data_after_retention() == 0
    assert set(partnership.members.values_list("name", flat=True)) == names
    # and the next day (the period over) every member's data are erased, once
    next_day = timezone.localdate() + datetime.timedelta(days=1)
    assert (
        partnership_retention_erase(partnership_pk=partnership.pk, today=next_day) == 3
    )
    assert (
        partnership_retention_erase(partnership_pk=partnership.pk, today=next_day) == 0
    )
    partnership.refresh_from_db()
    assert partnership.data_erased_on == next_day
    for member in partnership.members.all():
        assert member.erased_at is not None
        assert member.name not in names
        assert member.email == "" and member.phone == ""
    # and the audit says so by numbers only
    assert details_of(AuditEvent.Action.LP_DATA_ERASED_AFTER_RETENTION) == [
        {"local_partnership": partnership.pk, "erased": 3}
    ]
    erased = details_of(AuditEvent.Action.LP_MEMBER_ERASED)
    assert {d["reason"] for d in erased} == {"retention"}
    text = str(list(AuditEvent.objects.values_list("details", flat=True)))
    assert not any(name in text for name in names)


def test_the_erasure_task_erases_an_lp_past_its_period(
    world: World, retention: None
) -> None:
    # given an LP ended 100 days ago whose coordinators were told 30 days ago
    partnership = ended_lp(world, ended_days_ago=RETENTION)
    partnership_retention_notify(partnership_pk=partnership.pk, today=days_ago(NOTICE))
    # when the daily task runs, then the data are erased, and only once
    assert erase_partnership_data_after_retention() == 2
    assert erase_partnership_data_after_retention() == 0
    assert not partnership.members.filter(erased_at__isnull=True).exists()


def test_an_lp_marked_ended_long_after_the_fact_still_gets_the_full_notice(
    world: World, retention: None
) -> None:
    # given an LP recorded today as ended 400 days ago (past its period)
    partnership = ended_lp(world, ended_days_ago=400)
    # then today the coordinators are told, and nothing is erased yet
    assert remind_partnership_retention() == 1
    assert erase_partnership_data_after_retention() == 0
    partnership.refresh_from_db()
    assert partnership.data_erasure_due_on == timezone.localdate() + datetime.timedelta(
        days=NOTICE
    )
    # and once the notice's days have passed, the data are erased
    later = timezone.localdate() + datetime.timedelta(days=NOTICE)
    assert partnership_retention_erase(partnership_pk=partnership.pk, today=later) == 2


def test_a_member_added_from_a_page_read_before_the_lp_ended_is_refused(
    world: World,
) -> None:
    # given the LP as a page read it, and then the LP ended by another coordinator
    partnership = gdynia_partnership(world)
    read_before = LocalPartnership.objects.get(pk=partnership.pk)
    partnership_end(
        partnership=partnership,
        ended_on=timezone.localdate(),
        actor=world.user("city_coordinator"),
    )
    # when a member is added from the page read before
    with pytest.raises(DomainError):
        members_add(
            partnership=read_before,
            drafts=[member_draft(1)],
            actor=world.user("city_coordinator"),
        )
    # then the ended LP has no open seat
    assert not partnership.members.filter(left_on__isnull=True).exists()
