"""A whole call in Chromium: the ministry opens it, a lead and a partner city apply,
a late submission is refused (and completed after the ministry reopens it), two
evaluators score blind, the composition check flags the voivodeship rule, the
ministry accepts, and the accepted city then works in the network. axe on every
page of the flow."""

import datetime
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from networks.models import Edition, Theme
from recruitment.models import Application, Call
from tests.support.axe import assert_accessible
from tests.support.browser import click_to_load, log_in, signed_in_tab
from tests.support.world import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _local(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%dT%H:%M")


def _apply(
    tab: Any, call: Call, organisation: str, track: str, text: str
) -> Application:
    tab.goto(call.get_absolute_url())
    assert_accessible(tab)
    tab.locator("#id_organisation").select_option(organisation)
    tab.locator("#id_theme").select_option("miasto-zielone")
    tab.locator("#id_track").select_option(track)
    tab.locator("form[action$='/zglos/'] button").click()
    tab.wait_for_url("**/zgloszenia/*/")
    assert_accessible(tab)
    tab.locator("textarea[name^=q]").fill(text)
    click_to_load(tab.locator("main form[enctype] button[value=save]"))
    return Application.objects.get(organisation__slug=organisation, call=call)


def _submit(tab: Any, application: Application) -> str:
    tab.goto(application.get_absolute_url())
    click_to_load(tab.locator("main form[enctype] button[value=submit]"))
    return tab.locator("main").inner_text()


def _evaluate(tab: Any, application: Application, scores: tuple[str, str]) -> None:
    tab.goto(reverse("recruitment:evaluations"))
    assert_accessible(tab)
    tab.locator(
        f"tr:has(a[href='{application.get_absolute_url()}']) a[href*='/oceny/']"
    ).click()
    tab.wait_for_url("**/oceny/*/")
    assert_accessible(tab)
    criteria = tab.locator("input[type=number]")
    criteria.nth(0).fill(scores[0])
    criteria.nth(1).fill(scores[1])
    tab.locator("#id_recommendation").select_option("accepted")
    tab.locator("main form:not([action]) button[type=submit]").first.click()
    tab.wait_for_url(f"**{application.get_absolute_url()}")


def test_a_whole_call_from_opening_to_network_membership(
    browser: Any, live_server: Any, world: World
) -> None:
    edition = Edition.objects.create(
        name="PIM3 2027–2029",
        slug="pim3",
        starts_on=datetime.date(2027, 1, 1),
        ends_on=datetime.date(2029, 12, 31),
    )
    theme = Theme.objects.create(
        slug="miasto-zielone", name_pl="Miasto zielone", name_en="Green city"
    )
    now = timezone.now()

    # given the ministry opens a call
    context = browser.new_context(base_url=live_server.url, locale="pl-PL")
    context.set_default_timeout(10_000)
    ministry = context.new_page()
    log_in(ministry, "ministry_staff@example.pl", world.totp_secrets["ministry_staff"])
    ministry.goto(reverse("recruitment:call_create"))
    assert_accessible(ministry)
    ministry.locator("#id_edition").select_option(str(edition.pk))
    ministry.locator("#id_title").fill("Nabór PIM3")
    ministry.locator("#id_opens_at").fill(_local(now - datetime.timedelta(hours=1)))
    ministry.locator("#id_closes_at").fill(_local(now + datetime.timedelta(days=2)))
    ministry.locator("#id_is_published").check()
    ministry.locator(f"input[name=themes][value='{theme.pk}']").check()
    ministry.locator("#id_min_partners").fill("1")
    ministry.locator("main form button[type=submit]").click()
    ministry.wait_for_url("**/nabory/nabor-pim3/")
    call = Call.objects.get(slug="nabor-pim3")
    ministry.goto(reverse("recruitment:questions", args=[call.slug]))
    ministry.locator("#id_position").fill("1")
    ministry.locator("#id_text").fill("Opisz problem miasta")
    ministry.locator("#id_kind").select_option("long_text")
    click_to_load(ministry.locator("main form button[type=submit]"))
    assert_accessible(ministry)
    for position, name, scale in (("1", "Trafność", "5"), ("2", "Potencjał LP", "10")):
        ministry.goto(reverse("recruitment:criteria", args=[call.slug]))
        ministry.locator("#id_position").fill(position)
        ministry.locator("#id_name").fill(name)
        ministry.locator("#id_scale_max").fill(scale)
        click_to_load(ministry.locator("main form button[type=submit]"))
    assert_accessible(ministry)
    assert call.criteria.count() == 2

    # when Katowice applies as the lead and Gdynia as a partner
    katowice = signed_in_tab(browser, live_server, "lead_coordinator@example.pl")
    lead = _apply(katowice, call, "katowice", "lead", "Pustostany w Śródmieściu.")
    _submit(katowice, lead)
    assert Application.objects.get(pk=lead.pk).status == "submitted"
    gdynia = signed_in_tab(browser, live_server, "city_coordinator@example.pl")
    partner = _apply(gdynia, call, "gdynia", "partner", "Zielone podwórka.")
    # and Gdynia tries to submit after the deadline: refused, nothing changes
    Call.objects.filter(pk=call.pk).update(closes_at=timezone.now())
    message = _submit(gdynia, partner)
    assert Application.objects.get(pk=partner.pk).status == "draft"
    assert "zamknięty" in message  # the refusal says why
    assert_accessible(gdynia)
    # until the ministry reopens it for completion
    ministry.goto(partner.get_absolute_url())
    ministry.locator("#id_until").fill(
        _local(timezone.now() + datetime.timedelta(days=1))
    )
    click_to_load(ministry.locator("form[action$='/uzupelnienie/'] button"))
    _submit(gdynia, partner)
    assert Application.objects.get(pk=partner.pk).status == "submitted"

    # then two evaluators are assigned and score blind
    ministry.goto(reverse("recruitment:applications", args=[call.slug]))
    assert_accessible(ministry)
    for evaluator in (world.user("expert"), world.user("ministry_staff")):
        ministry.locator("#id_evaluator").select_option(str(evaluator.pk))
        ministry.locator("#id_theme").select_option(index=1)
        click_to_load(ministry.locator("main form button[type=submit]"))
    expert = signed_in_tab(browser, live_server, "expert@example.pl")
    expert.goto(lead.get_absolute_url())
    assert "/ 100" not in expert.locator("main").inner_text()
    _evaluate(ministry, lead, ("5", "9"))
    _evaluate(ministry, partner, ("4", "7"))
    expert.goto(lead.get_absolute_url())
    assert "/ 100" not in expert.locator("main").inner_text()  # still blind
    _evaluate(expert, lead, ("4", "10"))
    _evaluate(expert, partner, ("3", "6"))
    assert expert.locator("main").inner_text().count("/ 100") == 2
    assert_accessible(expert)

    # and the composition check flags the voivodeship rule (2 of 3)
    ministry.goto(reverse("recruitment:ranking", args=[call.slug]))
    assert_accessible(ministry)
    assert ministry.locator(".rule-fails").count() == 1
    ministry.goto(reverse("recruitment:dashboard", args=[call.slug]))
    assert_accessible(ministry)

    # when the ministry accepts both, although the composition rule fails: the
    # decision asks first, naming the failing rule
    for application in (lead, partner):
        ministry.goto(application.get_absolute_url())
        ministry.locator("details.confirm summary", has_text="Zapisz decyzję").click()
        question = ministry.locator("details.confirm[open]")
        assert "nie spełnia reguły składu" in question.inner_text()
        assert_accessible(ministry)
        ministry.locator("#id_decision").select_option("accepted")
        ministry.locator("#id_justification").fill("Zgłoszenie spełnia kryteria.")
        click_to_load(ministry.locator("form[action$='/decyzja/'] button"))
        assert ministry.locator(".message-success").is_visible()

    # then Gdynia's coordinator works in the new network
    call.themes.get().refresh_from_db()
    network = call.themes.get().network
    assert network is not None
    gdynia.goto(reverse("portal:dashboard"))
    assert network.name_pl in gdynia.locator("main").inner_text()
    gdynia.goto(reverse("portal:workspace", args=[network.slug]))
    assert gdynia.locator("h1").inner_text().endswith(network.name_pl)
    assert_accessible(gdynia)
    gdynia.goto(partner.get_absolute_url())
    assert "/ 100" not in gdynia.locator("main").inner_text()  # never any score
    assert_accessible(gdynia)
