import pytest
from django.test import Client
from django.urls import reverse

from audit.models import AuditEvent
from audit.services import audit_record
from core.listing import PAGE_SIZE
from tests.support.queries import queries_for
from tests.support.world import World

pytestmark = pytest.mark.django_db


def add_events(world: World, count: int) -> None:
    for number in range(count):
        audit_record(
            actor=world.user("city_coordinator"),
            action=AuditEvent.Action.INVITATION_SENT,
            ip_address="10.0.0.1",
            organisation=world.partner_city,
            subject_email=f"osoba{number}@example.pl",
            details={"role": "officer"},
        )


def test_audit_log_queries_do_not_grow_with_events(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    add_events(world, 10)
    few = queries_for(client, reverse("audit:log"))
    add_events(world, 190)
    assert queries_for(client, reverse("audit:log")) == few


def test_audit_log_pages_without_counting_every_event(
    world: World, client: Client
) -> None:
    # given more events than a page holds, but not two pages' worth
    add_events(world, PAGE_SIZE + 10 - AuditEvent.objects.count())
    client.force_login(world.user("ministry_admin"))
    total = AuditEvent.objects.count()
    assert PAGE_SIZE < total < 2 * PAGE_SIZE

    # when the ministry reads the first and the last page
    first = client.get(reverse("audit:log")).text
    last = client.get(reverse("audit:log"), {"page": 2}).text

    # then the pages link to each other, with no total counted
    assert first.count("<tr>") - 1 == PAGE_SIZE
    assert 'rel="next"' in first
    assert "Strona 1" in first
    assert last.count("<tr>") - 1 == total - PAGE_SIZE
    assert 'rel="next"' not in last
    assert 'rel="prev"' in last
    # and a nonsense page number gives the first page
    nonsense = client.get(reverse("audit:log"), {"page": "x"}).text
    assert nonsense.count("<tr>") == PAGE_SIZE + 1


def test_audit_log_filters_by_action_and_person(world: World, client: Client) -> None:
    add_events(world, 3)
    client.force_login(world.user("ministry_admin"))
    response = client.get(
        reverse("audit:log"),
        {"action": "invitation_sent", "subject": "osoba1@"},
    )
    assert "osoba1@example.pl" in response.text
    assert "osoba2@example.pl" not in response.text


def test_audit_log_rejects_a_bad_date_next_to_the_field(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    response = client.get(reverse("audit:log"), {"since": "wczoraj"})
    assert response.status_code == 200
    assert 'class="field-error"' in response.text
    assert 'value="wczoraj"' in response.text
