"""The information clause: the ministry admin publishes a new version after a
preview; the join form shows the version in force with the city's own contact;
each request and member records the version the person read, and keeps it."""

import datetime
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEvent
from partnerships.clauses import (
    MODEL_CLAUSE_VERSION,
    ClauseDraft,
    clause_digest,
    clause_next_version,
    clause_publish,
    current_clause,
)
from partnerships.models import ConsentClause, JoinRequest
from partnerships.services import join_request_decide
from partnerships.tests.builders import add_members, gdynia_partnership
from tests.support.world import World

pytestmark = pytest.mark.django_db

HOSTILE = '<b data-pwn=1>"><script>alert(1)</script>'


def clause_fields(**changes: str) -> dict[str, str]:
    return {
        "controller": "Prezydent Miasta Gdyni",
        "dpo_contact": "iod@gdynia.example.pl",
        "purposes": "Prace Lokalnego Partnerstwa.",
        "legal_basis": ConsentClause.LegalBasis.PUBLIC_TASK,
        "retention": "Do końca Partnerstwa i 5 lat.",
        "rights": "Dostęp, sprostowanie, usunięcie, skarga do PUODO.",
        "valid_from": timezone.localdate().isoformat(),
        **changes,
    }


def draft(**changes: Any) -> ClauseDraft:
    fields: dict[str, Any] = {
        **clause_fields(),
        "valid_from": timezone.localdate(),
        **changes,
    }
    return ClauseDraft(**fields)


def join_data(clause: ConsentClause, **changes: str) -> dict[str, str]:
    return {
        "name": "Zofia Sąsiedzka",
        "email": "zofia@example.pl",
        "sector": "resident",
        "consent": "on",
        "clause": str(clause.pk),
        **changes,
    }


def test_the_ministry_admin_previews_then_publishes_a_new_version(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    url = reverse("partnerships:clause_create")
    # given the form, which starts from the version in force
    form = client.get(url)
    assert current_clause().controller in form.text
    # when the admin previews the new text
    preview = client.post(url, {**clause_fields(), "step": "preview"})
    # then it is shown as residents will read it, not published yet
    assert preview.status_code == 200
    assert "Podgląd" in preview.text
    assert "Prezydent Miasta Gdyni" in preview.text
    assert not ConsentClause.objects.filter(controller="Prezydent Miasta Gdyni")
    digest = preview.context["form"]["previewed"].value()
    number = clause_next_version(timezone.localdate())
    # and publishing what was previewed publishes it as the year's next version
    published = client.post(
        url, {**clause_fields(), "previewed": digest, "step": "publish"}
    )
    assert published.status_code == 302
    clause = ConsentClause.objects.get(controller="Prezydent Miasta Gdyni")
    assert clause.version == number != MODEL_CLAUSE_VERSION
    assert clause.published_by == world.user("ministry_admin")
    assert current_clause() == clause
    # and the list shows both versions, the new one in force
    listing = client.get(reverse("partnerships:clauses"))
    assert MODEL_CLAUSE_VERSION in listing.text and clause.version in listing.text
    assert "obowiązuje" in listing.text
    # and the audit records the version, no text
    event = AuditEvent.objects.get(action=AuditEvent.Action.CONSENT_CLAUSE_PUBLISHED)
    assert event.details == {
        "clause": clause.version,
        "valid_from": clause.valid_from.isoformat(),
        "legal_basis": "public_task",
    }


def test_publishing_without_a_preview_or_after_a_change_publishes_nothing(
    world: World, client: Client
) -> None:
    client.force_login(world.user("ministry_admin"))
    url = reverse("partnerships:clause_create")
    unseen = client.post(url, {**clause_fields(), "step": "publish"})
    seen = clause_digest(draft())
    changed = client.post(
        url,
        {
            **clause_fields(controller="Ktoś inny"),
            "previewed": seen,
            "step": "publish",
        },
    )
    assert unseen.status_code == changed.status_code == 200
    assert "Ktoś inny" in changed.text  # shown in the preview, to be checked
    assert not ConsentClause.objects.exclude(version=MODEL_CLAUSE_VERSION).exists()


def test_a_new_version_starts_neither_in_the_past_nor_before_the_newest(
    world: World, client: Client
) -> None:
    admin = world.user("ministry_admin")
    later = timezone.localdate() + datetime.timedelta(days=30)
    clause_publish(draft=draft(valid_from=later), actor=admin)
    for day in (
        timezone.localdate() - datetime.timedelta(days=1),  # in the past
        later - datetime.timedelta(days=1),  # before the newest version
    ):
        client.force_login(admin)
        url = reverse("partnerships:clause_create")
        preview = client.post(
            url, {**clause_fields(valid_from=day.isoformat()), "step": "preview"}
        )
        digest = preview.context["form"]["previewed"].value()
        response = client.post(
            url,
            {
                **clause_fields(valid_from=day.isoformat()),
                "previewed": digest,
                "step": "publish",
            },
        )
        assert response.status_code == 200
        assert 'class="form-errors"' in response.text
    assert ConsentClause.objects.count() == 2
    # and the version taking effect later is not the one in force yet
    assert current_clause().version == MODEL_CLAUSE_VERSION


def test_the_next_join_request_records_the_new_version_and_the_member_keeps_it(
    world: World, client: Client
) -> None:
    # given a member who agreed to the model clause
    earlier = add_members(world, 1)[0]
    partnership = gdynia_partnership(world)
    # when the ministry publishes a new version in force today
    clause = clause_publish(draft=draft(), actor=world.user("ministry_admin"))
    # then the join form shows its parts
    url = reverse("partnerships:public", args=[partnership.pk])
    page = client.get(url)
    assert clause.version in page.text
    for part in ("Prezydent Miasta Gdyni", "iod@gdynia.example.pl", "skarga do PUODO"):
        assert part in page.text
    # and the next request records it, and so does the member it becomes
    assert client.post(url, join_data(clause)).status_code == 302
    request = JoinRequest.objects.get(email="zofia@example.pl")
    assert request.consent_clause == clause
    member = join_request_decide(
        join_request=request, accept=True, actor=world.user("city_coordinator")
    )
    assert member is not None and member.consent_clause == clause
    # while the earlier member keeps the version they agreed to, shown on their page
    earlier.refresh_from_db()
    assert earlier.consent_clause.version == MODEL_CLAUSE_VERSION
    client.force_login(world.user("city_officer"))
    their_page = client.get(earlier.get_absolute_url())
    assert f"wersja {MODEL_CLAUSE_VERSION}" in their_page.text
    assert earlier.consent_clause.controller in their_page.text


def test_a_join_form_read_under_a_replaced_version_is_shown_again(
    world: World, client: Client
) -> None:
    # given the join form read under the model clause
    partnership = gdynia_partnership(world)
    read = current_clause()
    # when a new version takes effect before the form is sent
    clause = clause_publish(draft=draft(), actor=world.user("ministry_admin"))
    response = client.post(
        reverse("partnerships:public", args=[partnership.pk]), join_data(read)
    )
    # then nothing is recorded; the form comes back under the new version,
    # to be agreed to afresh, with what was typed kept
    assert response.status_code == 409
    assert not JoinRequest.objects.exists()
    assert "Prezydent Miasta Gdyni" in response.text
    assert "Zofia Sąsiedzka" in response.text
    assert response.context["form"]["clause"].value() == str(clause.pk)


def test_the_citys_contact_is_shown_with_the_clause_escaped(
    world: World, client: Client
) -> None:
    # given the city's own contact (typed as hostile text) and a hostile clause
    partnership = gdynia_partnership(world)
    client.force_login(world.user("city_coordinator"))
    edit = client.post(
        reverse("partnerships:edit", args=[partnership.pk]),
        {
            "name": partnership.name,
            "formula": partnership.formula,
            "goals": partnership.goals,
            "working_rules": partnership.working_rules,
            "is_public": "on",
            "data_contact": f"Inspektor: iod@gdynia.example.pl {HOSTILE}",
            "version": str(partnership.version),
        },
    )
    assert edit.status_code == 302
    clause_publish(draft=draft(purposes=HOSTILE), actor=world.user("ministry_admin"))
    client.logout()
    # then the public page shows both, as text
    page = client.get(reverse("partnerships:public", args=[partnership.pk]))
    assert "Inspektor: iod@gdynia.example.pl" in page.text
    assert "<b data-pwn=1>" not in page.text
    assert "&lt;b data-pwn=1&gt;" in page.text
    assert AuditEvent.objects.filter(
        action=AuditEvent.Action.LP_UPDATED,
        details__fields=["data_contact"],
    ).exists()
