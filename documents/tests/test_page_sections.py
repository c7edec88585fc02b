"""The document page's sections come from Redis once rendered (page_sections.py):
every change a service makes shows at once, people who may do different things never
share a copy, and nothing of one visit (CSRF token, record card, a form with errors)
is served to another."""

import datetime
import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import UserFactory
from documents import permissions
from documents.models import Document, Recommendation, SectionTemplate
from documents.services import (
    TEMPLATE_FIELDS,
    comment_add,
    comment_set_resolved,
    document_take_step,
    document_version_create,
    document_version_restore,
    record_delete,
    record_save,
    section_template_update,
)
from documents.tests.builders import (
    add_action,
    add_recommendation,
    complete,
    gdynia_mid,
    improvement_plan,
    section,
    write,
)
from networks.services import expert_assign
from organisations.models import Membership
from organisations.services import membership_grant
from partnerships.tests.builders import gdynia_partnership
from tests.support.world import World

pytestmark = pytest.mark.django_db


def _as(world: World, role: str, *, enforce_csrf_checks: bool = False) -> Client:
    client = Client(enforce_csrf_checks=enforce_csrf_checks)
    client.force_login(world.user(role))
    return client


def _page(client: Client, document: Document) -> str:
    response = client.get(reverse("documents:detail", args=[document.pk]))
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Runs a service as a request does: what it leaves for after the commit (moving
    the cached sections on) is done too."""

    def run(action: Callable[[], Any]) -> Any:
        with django_capture_on_commit_callbacks(execute=True):
            return action()

    return run


def _on_record(service, document: Document, key: str, record, actor) -> None:  # type: ignore[no-untyped-def]
    """`record_save` or `record_delete` of one record of the document's section."""
    target = section(document, key)
    service(
        section=target, expected_revision=target.revision, record=record, actor=actor
    )


def test_every_change_to_a_document_shows_at_once_on_its_cached_page(
    world: World, committed
) -> None:
    # given Gdynia's MID, its sections cached by a first visit
    mid = gdynia_mid(world)
    officer = world.user("city_officer")
    client = _as(world, "city_officer")
    assert "Ożywienie dzielnicy Śródmieście." in _page(client, mid)

    # when a section is written, then the page shows the new text
    committed(lambda: document_version_create(document=mid, actor=officer, note="v1"))
    committed(lambda: write(mid, "challenge", "<p>Zielone podwórka.</p>", officer))
    page = _page(client, mid)
    assert "Zielone podwórka." in page
    assert "Ożywienie dzielnicy" not in page
    # when an action is added and then removed
    action = committed(lambda: add_action(mid, officer, "Park kieszonkowy"))
    assert "Park kieszonkowy" in _page(client, mid)
    committed(lambda: _on_record(record_delete, mid, "actions", action, officer))
    assert "Park kieszonkowy" not in _page(client, mid)
    # when the expert comments, the city replies and the thread is resolved
    challenge = section(mid, "challenge")
    comment = committed(
        lambda: comment_add(
            section=challenge, body="Proszę o dane.", actor=world.user("expert")
        )
    )
    assert "Proszę o dane." in _page(client, mid)
    committed(
        lambda: comment_add(
            section=challenge, body="Dane w załączniku.", actor=officer, parent=comment
        )
    )
    assert "Dane w załączniku." in _page(client, mid)
    committed(
        lambda: comment_set_resolved(comment=comment, resolved=True, actor=officer)
    )
    assert 'class="thread resolved"' in _page(client, mid)
    committed(
        lambda: comment_set_resolved(comment=comment, resolved=False, actor=officer)
    )
    assert 'class="thread resolved"' not in _page(client, mid)
    # when the first version is restored
    committed(
        lambda: document_version_restore(
            document=mid, version=mid.versions.get(number=1), actor=officer
        )
    )
    assert "Ożywienie dzielnicy Śródmieście." in _page(client, mid)
    # when the ministry renames a section for the whole edition
    template = challenge.template
    committed(
        lambda: section_template_update(
            template=template,
            changes={
                **{field: getattr(template, field) for field in TEMPLATE_FIELDS},
                "name_pl": "Wyzwanie miejskie (nowa nazwa)",
            },
            actor=world.user("ministry_admin"),
        )
    )
    assert "Wyzwanie miejskie (nowa nazwa)" in _page(client, mid)


def test_a_recommendation_citing_a_mid_shows_on_the_mids_cached_page_at_once(
    world: World, committed
) -> None:
    # given Gdynia's MID page cached, and the network's Improvement Plan
    mid = gdynia_mid(world)
    client = _as(world, "city_officer")
    _page(client, mid)
    lead = world.user("lead_coordinator")
    plan = improvement_plan(world)
    barriers = section(mid, "barriers")

    # when the lead city cites the MID's barriers in a recommendation
    recommendation = committed(lambda: add_recommendation(plan, lead, [barriers]))
    # then the MID shows it
    assert "Najem społeczny w ustawie" in _page(client, mid)

    # when the recommendation is renamed, and then removed
    recommendation = Recommendation.objects.get(pk=recommendation.pk)
    recommendation.title = "Najem społeczny: nowelizacja"
    key = "recommendations"
    committed(lambda: _on_record(record_save, plan, key, recommendation, lead))
    assert "Najem społeczny: nowelizacja" in _page(client, mid)
    committed(lambda: _on_record(record_delete, plan, key, recommendation, lead))
    # then the MID no longer says it is cited
    assert "Najem społeczny" not in _page(client, mid)


def test_people_who_may_do_different_things_never_share_a_cached_copy(
    world: World,
) -> None:
    # given the MID with a comment by the expert and one by the ministry's staff,
    # who may comment but not resolve other people's comments
    mid = gdynia_mid(world)
    challenge = section(mid, "challenge")
    ministry = world.user("ministry_staff")
    assert not permissions.can_resolve_any(ministry, mid)
    by_expert = comment_add(
        section=challenge, body="Uwaga eksperta", actor=world.user("expert")
    )
    by_ministry = comment_add(
        section=challenge, body="Uwaga ministerstwa", actor=ministry
    )

    def resolve_url(comment) -> str:  # type: ignore[no-untyped-def]
        return reverse("documents:comment_state", args=[comment.pk, "rozwiaz"])

    edit_url = (
        f'href="{reverse("documents:section_edit", args=[mid.pk, challenge.pk])}"'
    )

    # when the expert and the officer look first (their copies cached)
    expert_page = _page(_as(world, "expert"), mid)
    officer_page = _page(_as(world, "city_officer"), mid)
    # and then the ministry's staff
    ministry_page = _page(_as(world, "ministry_staff"), mid)

    # then each sees what they may do, and only that
    assert resolve_url(by_expert) in expert_page
    assert resolve_url(by_ministry) in expert_page
    assert edit_url in officer_page and edit_url not in expert_page
    assert resolve_url(by_ministry) in ministry_page
    assert resolve_url(by_expert) not in ministry_page
    assert edit_url not in ministry_page


def test_a_cached_copy_carries_the_csrf_token_of_the_visit_reading_it(
    world: World,
) -> None:
    # given the officer's page cached by one session
    mid = gdynia_mid(world)
    first = _page(_as(world, "city_officer", enforce_csrf_checks=True), mid)

    # when they come back in another session (another CSRF secret)
    client = _as(world, "city_officer", enforce_csrf_checks=True)
    page = _page(client, mid)
    challenge = section(mid, "challenge")
    action = reverse("documents:comment_add", args=[mid.pk, challenge.pk])
    form = page[page.index(f'action="{action}"') :]
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form)
    assert token is not None

    # then the token in the cached sections is this session's: the comment is taken
    response = client.post(
        action, {"body": "Z drugiej sesji", "csrfmiddlewaretoken": token.group(1)}
    )
    assert response.status_code == 302
    assert challenge.comments.filter(body="Z drugiej sesji").exists()
    assert token.group(1) not in first


def test_the_record_card_shows_a_change_to_the_people_it_names_at_once(
    world: World, committed
) -> None:
    # given the MID page cached, its record card with it
    mid = gdynia_mid(world)
    assert mid.sections.filter(
        template__content=SectionTemplate.Content.RECORD_CARD
    ).exists()
    client = _as(world, "city_officer")
    first = _page(client, mid)
    assert "Zofia Kartowska" not in first
    assert "Lokalne Partnerstwo Gdynia" not in first

    # when Gdynia gets a new coordinator (another app's data), then the card names them
    committed(
        lambda: membership_grant(
            user=UserFactory.create(full_name="Zofia Kartowska"),
            organisation=world.partner_city,
            role=Membership.Role.COORDINATOR,
        )
    )
    assert "Zofia Kartowska" in _page(client, mid)

    # when the network gets a new expert, then the card names them
    committed(
        lambda: expert_assign(
            network=world.network,
            user=UserFactory.create(full_name="Tadeusz Recenzent"),
            valid_from=datetime.date.today(),
        )
    )
    assert "Tadeusz Recenzent" in _page(client, mid)

    # when Gdynia forms its Local Partnership in the network, then the card names it
    gdynia_partnership(world)
    assert "Lokalne Partnerstwo Gdynia Śródmieście" in _page(client, mid)


def test_each_language_has_its_own_copy(world: World) -> None:
    mid = gdynia_mid(world)
    client = _as(world, "city_officer")
    assert "Spis treści" in _page(client, mid)
    client.cookies["django_language"] = "en"
    page = _page(client, mid)
    assert "Contents" in page and "Spis treści" not in page


def test_a_comment_form_with_errors_is_shown_to_its_writer_only(world: World) -> None:
    # given the page cached
    mid = gdynia_mid(world)
    client = _as(world, "expert")
    _page(client, mid)
    challenge = section(mid, "challenge")

    # when an empty comment is sent
    response = client.post(
        reverse("documents:comment_add", args=[mid.pk, challenge.pk]),
        {"body": " ", "quote": "Cytat z sekcji"},
    )

    # then its form comes back with the error and what was typed
    assert response.status_code == 400
    assert f'id="s{challenge.pk}_body_errors"' in response.content.decode()
    assert "Cytat z sekcji</textarea>" in response.content.decode()
    # and the next visit shows the blank form again
    page = _page(client, mid)
    assert f'id="s{challenge.pk}_body_errors"' not in page
    assert "Cytat z sekcji" not in page


def test_a_review_step_shows_at_once_in_the_cached_review_history(
    world: World, committed
) -> None:
    # given Gdynia's MID, its page cached by a first visit
    mid = gdynia_mid(world)
    client = _as(world, "city_officer")
    assert "Dokument nie został jeszcze przesłany do recenzji." in _page(client, mid)
    # when the city's coordinator fills in its required sections and submits it
    complete(mid, world.user("city_coordinator"))
    _page(client, mid)
    committed(
        lambda: document_take_step(
            document=mid, step_name="submit", actor=world.user("city_coordinator")
        )
    )
    # then the history shows the step at once
    page = _page(client, mid)
    assert "Dokument nie został jeszcze przesłany do recenzji." not in page
    assert "→ <strong>w recenzji</strong>" in page.split('id="history-heading"')[1]
